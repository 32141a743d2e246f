using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace LoopbackAnalyzers.Engine
{
    /// <summary>
    /// A value computed from the types a compilation's references declare (<c>GetTypeByMetadataName</c> lookups), shared
    /// by every compilation that references the very same assembly symbols. Such lookups search every referenced
    /// assembly (about 250 in a web project) and were most of a compilation start; an editor starts a compilation for
    /// every document it analyses (Roslyn 4.8 analyses a fresh copy per request), and those copies share their metadata
    /// symbols. The value is computed through a <see cref="MetadataTypes"/>, which records every name looked up; a compilation
    /// whose source declares a type of one of those names computes its own value (that type would take precedence).
    /// </summary>
    internal sealed class ReferenceSetCache<T>
        where T : class
    {
        private readonly ConditionalWeakTable<IAssemblySymbol, Entry> _byCoreLibrary = new ConditionalWeakTable<IAssemblySymbol, Entry>();
        private readonly Func<MetadataTypes, T?> _create;

        public ReferenceSetCache(Func<MetadataTypes, T?> create) => _create = create;

        public T? Get(Compilation compilation)
        {
            var coreLibrary = compilation.ObjectType.ContainingAssembly;
            var references = compilation.SourceModule.ReferencedAssemblySymbols;
            if (coreLibrary is not null &&
                _byCoreLibrary.TryGetValue(coreLibrary, out var entry) &&
                entry.References.SequenceEqual(references, ReferenceComparer.Instance) &&
                !DeclaresAny(compilation, entry.SimpleNames))
            {
                return entry.Value;
            }

            var types = new MetadataTypes(compilation);
            var value = _create(types);
            var simpleNames = types.SimpleNames;
            if (coreLibrary is not null && !DeclaresAny(compilation, simpleNames))
            {
                lock (_byCoreLibrary)
                {
                    _byCoreLibrary.Remove(coreLibrary);
                    _byCoreLibrary.Add(coreLibrary, new Entry(references, simpleNames, value));
                }
            }

            return value;
        }

        private static bool DeclaresAny(Compilation compilation, ImmutableArray<string> simpleNames)
        {
            var declared = compilation.Assembly.TypeNames;
            foreach (var name in simpleNames)
            {
                if (declared.Contains(name))
                {
                    return true;
                }
            }

            return false;
        }

        private sealed class Entry
        {
            public Entry(ImmutableArray<IAssemblySymbol> references, ImmutableArray<string> simpleNames, T? value)
            {
                References = references;
                SimpleNames = simpleNames;
                Value = value;
            }

            public ImmutableArray<IAssemblySymbol> References { get; }

            public ImmutableArray<string> SimpleNames { get; }

            public T? Value { get; }
        }

        private sealed class ReferenceComparer : IEqualityComparer<IAssemblySymbol>
        {
            public static readonly ReferenceComparer Instance = new ReferenceComparer();

            public bool Equals(IAssemblySymbol? x, IAssemblySymbol? y) => ReferenceEquals(x, y);

            public int GetHashCode(IAssemblySymbol obj) => RuntimeHelpers.GetHashCode(obj);
        }
    }

    /// <summary>Type lookups by metadata name in one compilation, cached, remembering every name asked for (one thread).</summary>
    internal sealed class MetadataTypes
    {
        private readonly Dictionary<string, INamedTypeSymbol?> _types = new Dictionary<string, INamedTypeSymbol?>(StringComparer.Ordinal);

        public MetadataTypes(Compilation compilation) => Compilation = compilation;

        public Compilation Compilation { get; }

        public INamedTypeSymbol? Get(string metadataName)
        {
            if (!_types.TryGetValue(metadataName, out var type))
            {
                type = Compilation.GetTypeByMetadataName(metadataName);
                _types.Add(metadataName, type);
            }

            return type;
        }

        /// <summary>The simple names asked for: "System.Net.Sockets.TcpListener" is "TcpListener", "System.Threading.Tasks.Task`1" is "Task".</summary>
        public ImmutableArray<string> SimpleNames => _types.Keys.Select(SimpleName).Distinct(StringComparer.Ordinal).ToImmutableArray();

        private static string SimpleName(string metadataName)
        {
            var name = metadataName.Substring(Math.Max(metadataName.LastIndexOf('.'), metadataName.LastIndexOf('+')) + 1);
            var tick = name.IndexOf('`');
            return tick >= 0 ? name.Substring(0, tick) : name;
        }
    }
}
