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

        private static readonly ReferenceSetCache<EndpointSymbols> ByReferences = new ReferenceSetCache<EndpointSymbols>(Create);

        /// <summary>
        /// The table resolved against <paramref name="compilation"/>, once for every analyzer that asks, and shared with the
        /// compilations that reference the same assemblies (<see cref="ReferenceSetCache{T}"/>).
        /// Null when the compilation cannot reach System.Net: then nothing at all is registered.
        /// </summary>
        public static EndpointSymbols? For(Compilation compilation) =>
            ByCompilation.GetValue(compilation, c => new StrongBox<EndpointSymbols?>(
                // Without System.Net, one lookup and nothing shared or cached beyond this compilation.
                c.GetTypeByMetadataName("System.Net.IPAddress") is null ? null : ByReferences.Get(c))).Value;

        private static EndpointSymbols? Create(MetadataTypes metadata)
        {
            var types = new TypeCache(metadata);
            if (types.Get("System.Net.IPAddress") is not INamedTypeSymbol ipAddress)
            {
                return null;
            }

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

        /// <summary>The table's type names: metadata names, and the C# keywords its signatures use.</summary>
        private sealed class TypeCache
        {
            private readonly MetadataTypes _metadata;

            public TypeCache(MetadataTypes metadata) => _metadata = metadata;

            public ITypeSymbol? Get(string name)
            {
                var compilation = _metadata.Compilation;
                return name switch
                {
                    "int" => compilation.GetSpecialType(SpecialType.System_Int32),
                    "long" => compilation.GetSpecialType(SpecialType.System_Int64),
                    "string" => compilation.GetSpecialType(SpecialType.System_String),
                    "string[]" => compilation.CreateArrayTypeSymbol(compilation.GetSpecialType(SpecialType.System_String)),
                    _ => _metadata.Get(name),
                };
            }
        }
    }
}
