using System;
using System.Linq;
using LoopbackAnalyzers.Engine;
using Microsoft.CodeAnalysis;

namespace LoopbackAnalyzers.Rules.FreePort
{
    /// <summary>The kinds of socket a free-port helper binds to learn or check a port.</summary>
    internal enum ProbeKind
    {
        TcpListener,
        Socket,
        UdpClient,
    }

    /// <summary>
    /// The types LOOP006 looks for, resolved once per compilation, and the type questions it asks:
    /// which values can carry a port number, and which calls only look at one (logging, assertions, formatting).
    /// </summary>
    internal sealed class FreePortSymbols
    {
        private FreePortSymbols(MetadataTypes types)
        {
            TcpListener = types.Get("System.Net.Sockets.TcpListener");
            Socket = types.Get("System.Net.Sockets.Socket");
            UdpClient = types.Get("System.Net.Sockets.UdpClient");
            EndPoint = types.Get("System.Net.EndPoint");
            Uri = types.Get("System.Uri");
            UriBuilder = types.Get("System.UriBuilder");
            IPGlobalProperties = types.Get("System.Net.NetworkInformation.IPGlobalProperties");
            Random = types.Get("System.Random");
            RandomNumberGenerator = types.Get("System.Security.Cryptography.RandomNumberGenerator");
            HttpClient = types.Get("System.Net.Http.HttpClient");
            Exception = types.Get("System.Exception");
            Task1 = types.Get("System.Threading.Tasks.Task`1");
            ValueTask1 = types.Get("System.Threading.Tasks.ValueTask`1");
            Enumerable1 = types.Compilation.GetSpecialType(SpecialType.System_Collections_Generic_IEnumerable_T);
        }

        public INamedTypeSymbol? TcpListener { get; }

        public INamedTypeSymbol? Socket { get; }

        public INamedTypeSymbol? UdpClient { get; }

        public INamedTypeSymbol? EndPoint { get; }

        public INamedTypeSymbol? Uri { get; }

        public INamedTypeSymbol? UriBuilder { get; }

        public INamedTypeSymbol? IPGlobalProperties { get; }

        public INamedTypeSymbol? Random { get; }

        public INamedTypeSymbol? RandomNumberGenerator { get; }

        public INamedTypeSymbol? HttpClient { get; }

        public INamedTypeSymbol? Exception { get; }

        public INamedTypeSymbol? Task1 { get; }

        public INamedTypeSymbol? ValueTask1 { get; }

        public INamedTypeSymbol Enumerable1 { get; }

        private static readonly ReferenceSetCache<FreePortSymbols> ByReferences = new ReferenceSetCache<FreePortSymbols>(Create);

        /// <summary>
        /// Null when the compilation has none of the socket types: then the rule registers nothing. Shared with the
        /// compilations that reference the same assemblies (<see cref="ReferenceSetCache{T}"/>).
        /// </summary>
        public static FreePortSymbols? For(Compilation compilation) => ByReferences.Get(compilation);

        private static FreePortSymbols? Create(MetadataTypes types)
        {
            var symbols = new FreePortSymbols(types);
            return symbols.TcpListener is null && symbols.Socket is null && symbols.UdpClient is null && symbols.IPGlobalProperties is null
                ? null
                : symbols;
        }

        /// <summary>The probe kind of a socket type, or null for any other type.</summary>
        public ProbeKind? KindOf(ITypeSymbol? type)
        {
            if (type is null)
            {
                return null;
            }

            if (SymbolEqualityComparer.Default.Equals(type, TcpListener))
            {
                return ProbeKind.TcpListener;
            }

            if (SymbolEqualityComparer.Default.Equals(type, Socket))
            {
                return ProbeKind.Socket;
            }

            if (SymbolEqualityComparer.Default.Equals(type, UdpClient))
            {
                return ProbeKind.UdpClient;
            }

            return null;
        }

        public static bool IsIntegral(ITypeSymbol? type) => type?.SpecialType is
            SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32 or
            SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64;

        /// <summary>
        /// Whether a value of this type can hand a port number out: an integer, a string ("http://127.0.0.1:5000"),
        /// a Uri or an endpoint, and arrays, collections, tuples, nullables and tasks of those.
        /// </summary>
        public bool CanCarryPort(ITypeSymbol? type) => CanCarryPort(type, 0);

        private bool CanCarryPort(ITypeSymbol? type, int depth)
        {
            if (type is null || depth > 4)
            {
                return false;
            }

            if (IsIntegral(type) || type.SpecialType == SpecialType.System_String)
            {
                return true;
            }

            if (type is IArrayTypeSymbol array)
            {
                return CanCarryPort(array.ElementType, depth + 1);
            }

            if (type is not INamedTypeSymbol named)
            {
                return false;
            }

            if (named.IsTupleType)
            {
                foreach (var element in named.TupleElements)
                {
                    if (CanCarryPort(element.Type, depth + 1))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(named, Uri) || SymbolEqualityComparer.Default.Equals(named, UriBuilder) ||
                DerivesFrom(named, EndPoint))
            {
                return true;
            }

            if (named.IsGenericType && named.TypeArguments.Length == 1)
            {
                var definition = named.OriginalDefinition;
                var argument = named.TypeArguments[0];
                if (definition.SpecialType == SpecialType.System_Nullable_T ||
                    SymbolEqualityComparer.Default.Equals(definition, Task1) ||
                    SymbolEqualityComparer.Default.Equals(definition, ValueTask1) ||
                    SymbolEqualityComparer.Default.Equals(definition, Enumerable1))
                {
                    return CanCarryPort(argument, depth + 1);
                }
            }

            foreach (var implemented in named.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, Enumerable1))
                {
                    return CanCarryPort(implemented.TypeArguments[0], depth + 1);
                }
            }

            return false;
        }

        /// <summary>An array, a collection or a tuple: the helper hands out several ports.</summary>
        public bool IsSeveral(ITypeSymbol? type)
        {
            if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named &&
                (SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, Task1) ||
                 SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, ValueTask1)))
            {
                type = named.TypeArguments[0];
            }

            return type switch
            {
                null => false,
                IArrayTypeSymbol => true,
                INamedTypeSymbol { IsTupleType: true } => true,
                _ when type.SpecialType == SpecialType.System_String => false,
                INamedTypeSymbol named2 => SymbolEqualityComparer.Default.Equals(named2.OriginalDefinition, Enumerable1) ||
                                           named2.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, Enumerable1)),
                _ => false,
            };
        }

        public bool IsException(ITypeSymbol? type) => DerivesFrom(type, Exception);

        public bool IsRandomSource(IMethodSymbol method) =>
            SymbolEqualityComparer.Default.Equals(method.ContainingType, Random) ||
            SymbolEqualityComparer.Default.Equals(method.ContainingType, RandomNumberGenerator);

        /// <summary>
        /// Calls that only look at a value: formatting, maths, LINQ and collections, tasks, logging and assertions.
        /// A port passed anywhere else may be used by the helper itself (a server started on it, a process launched with it).
        /// </summary>
        public static bool OnlyLooksAt(IMethodSymbol method)
        {
            if (method.Name is "ToString" or "Equals" or "GetHashCode" or "CompareTo" or "TryFormat")
            {
                return true;
            }

            var type = method.ContainingType;
            if (type is null)
            {
                return false;
            }

            var name = type.Name;
            if (name.IndexOf("Assert", StringComparison.Ordinal) >= 0 ||
                name.EndsWith("Logger", StringComparison.Ordinal) ||
                name.EndsWith("LoggerExtensions", StringComparison.Ordinal) ||
                name.EndsWith("OutputHelper", StringComparison.Ordinal) ||
                name == "TestContext")
            {
                return true;
            }

            var space = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            return space switch
            {
                "System" => name is "Console" or "String" or "Math" or "Convert" or "Object" or "Array" or "BitConverter" or "Nullable"
                    or "Int16" or "UInt16" or "Int32" or "UInt32" or "Int64" or "UInt64" or "Tuple" or "ValueTuple" or "Random",
                "System.Diagnostics" => name is "Debug" or "Trace",
                "System.Linq" or "System.Text" or "System.Threading.Tasks" or "System.Threading" => true,
                _ => space.StartsWith("System.Collections", StringComparison.Ordinal),
            };
        }

        private static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
        {
            if (baseType is null)
            {
                return false;
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, baseType))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
