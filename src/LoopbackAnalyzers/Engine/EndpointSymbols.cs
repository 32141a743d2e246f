using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LoopbackAnalyzers.Engine
{
    /// <summary>
    /// The API table resolved against one compilation: looked up once at compilation start, so that
    /// each operation costs one dictionary probe on its containing type.
    /// </summary>
    internal sealed class EndpointSymbols
    {
        private readonly Dictionary<INamedTypeSymbol, ImmutableArray<ResolvedApi>> _apisByType;

        private EndpointSymbols(
            INamedTypeSymbol ipAddress,
            INamedTypeSymbol? ipEndPoint,
            Dictionary<INamedTypeSymbol, ImmutableArray<ResolvedApi>> apisByType)
        {
            IPAddress = ipAddress;
            IPEndPoint = ipEndPoint;
            _apisByType = apisByType;
        }

        public INamedTypeSymbol IPAddress { get; }

        public INamedTypeSymbol? IPEndPoint { get; }

        private static readonly ConditionalWeakTable<Compilation, StrongBox<EndpointSymbols?>> ByCompilation =
            new ConditionalWeakTable<Compilation, StrongBox<EndpointSymbols?>>();

        private static readonly ConditionalWeakTable<INamedTypeSymbol, SharedResolution> ByIPAddress =
            new ConditionalWeakTable<INamedTypeSymbol, SharedResolution>();

        /// <summary>
        /// The table resolved against <paramref name="compilation"/>, once for every analyzer that asks. Resolving it
        /// searches every referenced assembly for each type name, which was most of a compilation start; and an editor
        /// starts a new compilation for every document it analyses (Roslyn 4.8 analyses a fresh copy per request), so a
        /// resolution is shared by the compilations that reference the very same assemblies and declare none of the
        /// table's type names in source.
        /// Null when the compilation cannot reach System.Net: then nothing at all is registered.
        /// </summary>
        public static EndpointSymbols? For(Compilation compilation) =>
            ByCompilation.GetValue(compilation, c => new StrongBox<EndpointSymbols?>(Resolve(c))).Value;

        private static EndpointSymbols? Resolve(Compilation compilation)
        {
            var ipAddress = compilation.GetTypeByMetadataName("System.Net.IPAddress");
            if (ipAddress is null)
            {
                return null;
            }

            var references = compilation.SourceModule.ReferencedAssemblySymbols;
            if (ipAddress.ContainingAssembly is not ISourceAssemblySymbol &&
                ByIPAddress.TryGetValue(ipAddress, out var shared) &&
                shared.HoldsFor(compilation, references))
            {
                return shared.Symbols;
            }

            var types = new TypeCache(compilation);
            var symbols = Create(ipAddress, types);
            if (ipAddress.ContainingAssembly is not ISourceAssemblySymbol && types.AllFromMetadata)
            {
                lock (ByIPAddress)
                {
                    ByIPAddress.Remove(ipAddress);
                    ByIPAddress.Add(ipAddress, new SharedResolution(references, types.SimpleNames, symbols));
                }
            }

            return symbols;
        }

        private static EndpointSymbols? Create(INamedTypeSymbol ipAddress, TypeCache types)
        {
            var byType = new Dictionary<INamedTypeSymbol, List<ResolvedApi>>(SymbolEqualityComparer.Default);
            foreach (var api in EndpointApiTable.Rows)
            {
                if (ResolvedApi.TryCreate(types, api) is { } resolved)
                {
                    if (!byType.TryGetValue(resolved.Type, out var list))
                    {
                        byType.Add(resolved.Type, list = new List<ResolvedApi>());
                    }

                    list.Add(resolved);
                }
            }

            if (byType.Count == 0)
            {
                return null;
            }

            return new EndpointSymbols(
                ipAddress,
                types.Get("System.Net.IPEndPoint") as INamedTypeSymbol,
                byType.ToDictionary<KeyValuePair<INamedTypeSymbol, List<ResolvedApi>>, INamedTypeSymbol, ImmutableArray<ResolvedApi>>(pair => pair.Key, pair => pair.Value.ToImmutableArray(), SymbolEqualityComparer.Default));
        }

        /// <summary>Whether <paramref name="type"/> declares a row of the table (or owns a property that does).</summary>
        public bool IsTableType(INamedTypeSymbol? type) => type is not null && _apisByType.ContainsKey(type.OriginalDefinition);

        /// <summary>
        /// The table rows that a call of <paramref name="method"/> on <paramref name="instance"/> matches: usually none,
        /// at most a few (rows told apart by a key argument, such as environment variable names).
        /// </summary>
        public ImmutableArray<EndpointApi> Match(IMethodSymbol method, IOperation? instance)
        {
            if (method.ContainingType is not { } type)
            {
                return ImmutableArray<EndpointApi>.Empty;
            }

            var matches = ImmutableArray<EndpointApi>.Empty;
            if (_apisByType.TryGetValue(type.OriginalDefinition, out var apis))
            {
                matches = AddMatches(matches, apis, method, null);
            }

            // app.Urls.Add(url): the row belongs to the property's type, not to ICollection<string>.
            if (instance is IPropertyReferenceOperation { Property: var receiver } &&
                _apisByType.TryGetValue(receiver.ContainingType.OriginalDefinition, out var receiverApis))
            {
                matches = AddMatches(matches, receiverApis, method, receiver);
            }

            return matches;
        }

        private static ImmutableArray<EndpointApi> AddMatches(ImmutableArray<EndpointApi> matches, ImmutableArray<ResolvedApi> apis, IMethodSymbol method, IPropertySymbol? receiver)
        {
            foreach (var api in apis)
            {
                if (api.Matches(method, receiver))
                {
                    matches = matches.Add(api.Api);
                }
            }

            return matches;
        }

        private sealed class ResolvedApi
        {
            private readonly ImmutableArray<ITypeSymbol> _parameterTypes;
            private readonly bool _acceptsMore;

            private ResolvedApi(EndpointApi api, INamedTypeSymbol type, ImmutableArray<ITypeSymbol> parameterTypes, bool acceptsMore)
            {
                Api = api;
                Type = type;
                _parameterTypes = parameterTypes;
                _acceptsMore = acceptsMore;
            }

            public EndpointApi Api { get; }

            public INamedTypeSymbol Type { get; }

            public static ResolvedApi? TryCreate(TypeCache types, EndpointApi api)
            {
                if (types.Get(api.TypeName) is not INamedTypeSymbol type)
                {
                    return null;
                }

                var names = api.Signature.Split(',').Select(name => name.Trim()).ToList();
                var acceptsMore = names.Count > 0 && names[names.Count - 1] == "...";
                if (acceptsMore)
                {
                    names.RemoveAt(names.Count - 1);
                }

                var parameterTypes = ImmutableArray.CreateBuilder<ITypeSymbol>(names.Count);
                foreach (var name in names)
                {
                    if (types.Get(name) is not { } parameterType)
                    {
                        return null;
                    }

                    parameterTypes.Add(parameterType);
                }

                return new ResolvedApi(api, type, parameterTypes.MoveToImmutable(), acceptsMore);
            }

            public bool Matches(IMethodSymbol method, IPropertySymbol? receiver)
            {
                var name = method.MethodKind == MethodKind.Constructor ? EndpointApi.Constructor : method.Name;
                if (name != Api.MemberName)
                {
                    return false;
                }

                // Rows on a property match only through that property; other rows only without one.
                if (Api.ReceiverProperty != receiver?.Name)
                {
                    return false;
                }

                var parameters = method.Parameters;
                if (parameters.Length < _parameterTypes.Length || !_acceptsMore && parameters.Length != _parameterTypes.Length)
                {
                    return false;
                }

                for (var i = 0; i < _parameterTypes.Length; i++)
                {
                    if (!SymbolEqualityComparer.Default.Equals(parameters[i].Type, _parameterTypes[i]))
                    {
                        return false;
                    }
                }

                return true;
            }
        }

        /// <summary>Each type name of the table looked up once per compilation.</summary>
        /// <summary>A resolution of the table and what it depends on: the referenced assemblies and the names looked up.</summary>
        private sealed class SharedResolution
        {
            private readonly ImmutableArray<IAssemblySymbol> _references;
            private readonly ImmutableArray<string> _typeNames;

            public SharedResolution(ImmutableArray<IAssemblySymbol> references, ImmutableArray<string> typeNames, EndpointSymbols? symbols)
            {
                _references = references;
                _typeNames = typeNames;
                Symbols = symbols;
            }

            public EndpointSymbols? Symbols { get; }

            /// <summary>
            /// Metadata symbols are shared by compilations with the same references, so the same assemblies resolve every
            /// name the same way, unless the source declares a type of one of the names (it would take precedence).
            /// </summary>
            public bool HoldsFor(Compilation compilation, ImmutableArray<IAssemblySymbol> references)
            {
                if (references.Length != _references.Length)
                {
                    return false;
                }

                for (var i = 0; i < references.Length; i++)
                {
                    if (!ReferenceEquals(references[i], _references[i]))
                    {
                        return false;
                    }
                }

                foreach (var name in _typeNames)
                {
                    if (compilation.ContainsSymbolsWithName(name, SymbolFilter.Type))
                    {
                        return false;
                    }
                }

                return true;
            }
        }

        private sealed class TypeCache
        {
            private readonly Compilation _compilation;
            private readonly Dictionary<string, ITypeSymbol?> _types = new Dictionary<string, ITypeSymbol?>();

            public TypeCache(Compilation compilation) => _compilation = compilation;

            /// <summary>Whether every type found came from a referenced assembly, not from the compilation's source.</summary>
            public bool AllFromMetadata => _types.Values.All(type => type is null || type.ContainingAssembly is not ISourceAssemblySymbol);

            /// <summary>The simple names of the metadata names looked up, found or not: "System.Net.Sockets.TcpListener" is "TcpListener".</summary>
            public ImmutableArray<string> SimpleNames => _types.Keys
                .Where(name => name.IndexOf('.') >= 0)
                .Select(name => name.Substring(Math.Max(name.LastIndexOf('.'), name.LastIndexOf('+')) + 1))
                .Select(name => name.IndexOf('`') is var tick && tick >= 0 ? name.Substring(0, tick) : name)
                .Distinct(StringComparer.Ordinal)
                .ToImmutableArray();

            public ITypeSymbol? Get(string name)
            {
                if (!_types.TryGetValue(name, out var type))
                {
                    type = name switch
                    {
                        "int" => _compilation.GetSpecialType(SpecialType.System_Int32),
                        "long" => _compilation.GetSpecialType(SpecialType.System_Int64),
                        "string" => _compilation.GetSpecialType(SpecialType.System_String),
                        "string[]" => _compilation.CreateArrayTypeSymbol(_compilation.GetSpecialType(SpecialType.System_String)),
                        _ => _compilation.GetTypeByMetadataName(name),
                    };
                    _types.Add(name, type);
                }

                return type;
            }
        }
    }
}
