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
    /// symbols. A compilation whose source declares a type of one of the looked-up names computes its own value (that
    /// type would take precedence).
    /// </summary>
    internal sealed class ReferenceSetCache<T>
        where T : class
    {
        private readonly ConditionalWeakTable<IAssemblySymbol, Entry> _byCoreLibrary = new ConditionalWeakTable<IAssemblySymbol, Entry>();
        private readonly Func<Compilation, T?> _create;
        private readonly ImmutableArray<string> _simpleNames;

        /// <param name="metadataNames">Every metadata name <paramref name="create"/> looks up ("System.Net.Sockets.TcpListener").</param>
        public ReferenceSetCache(Func<Compilation, T?> create, IEnumerable<string> metadataNames)
        {
            _create = create;
            _simpleNames = metadataNames.Select(SimpleName).Distinct(StringComparer.Ordinal).ToImmutableArray();
        }

        public T? Get(Compilation compilation)
        {
            var coreLibrary = compilation.ObjectType.ContainingAssembly;
            if (coreLibrary is null || DeclaresAny(compilation))
            {
                return _create(compilation);
            }

            var references = compilation.SourceModule.ReferencedAssemblySymbols;
            if (_byCoreLibrary.TryGetValue(coreLibrary, out var entry) && entry.References.SequenceEqual(references, ReferenceComparer.Instance))
            {
                return entry.Value;
            }

            var value = _create(compilation);
            lock (_byCoreLibrary)
            {
                _byCoreLibrary.Remove(coreLibrary);
                _byCoreLibrary.Add(coreLibrary, new Entry(references, value));
            }

            return value;
        }

        /// <summary>"System.Net.Sockets.TcpListener" is "TcpListener", "System.Threading.Tasks.Task`1" is "Task".</summary>
        internal static string SimpleName(string metadataName)
        {
            var name = metadataName.Substring(Math.Max(metadataName.LastIndexOf('.'), metadataName.LastIndexOf('+')) + 1);
            var tick = name.IndexOf('`');
            return tick >= 0 ? name.Substring(0, tick) : name;
        }

        private bool DeclaresAny(Compilation compilation)
        {
            var declared = compilation.Assembly.TypeNames;
            foreach (var name in _simpleNames)
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
            public Entry(ImmutableArray<IAssemblySymbol> references, T? value)
            {
                References = references;
                Value = value;
            }

            public ImmutableArray<IAssemblySymbol> References { get; }

            public T? Value { get; }
        }

        private sealed class ReferenceComparer : IEqualityComparer<IAssemblySymbol>
        {
            public static readonly ReferenceComparer Instance = new ReferenceComparer();

            public bool Equals(IAssemblySymbol? x, IAssemblySymbol? y) => ReferenceEquals(x, y);

            public int GetHashCode(IAssemblySymbol obj) => RuntimeHelpers.GetHashCode(obj);
        }
    }
}
