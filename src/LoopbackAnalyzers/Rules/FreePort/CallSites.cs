using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using LoopbackAnalyzers.Engine;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace LoopbackAnalyzers.Rules.FreePort
{
    /// <summary>One semantic model per syntax tree of the compilation, created on first need and shared by the rule's actions.</summary>
    internal sealed class SemanticModelCache
    {
        private readonly Compilation _compilation;
        private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new ConcurrentDictionary<SyntaxTree, SemanticModel>();

        public SemanticModelCache(Compilation compilation) => _compilation = compilation;

        /// <summary>Lends the model the driver already built for a tree (the one an action was given).</summary>
        public void Offer(SemanticModel? model)
        {
            if (model is not null && model.Compilation == _compilation)
            {
                _models.TryAdd(model.SyntaxTree, model);
            }
        }

        public SemanticModel? Get(SyntaxTree tree)
        {
            if (_models.TryGetValue(tree, out var model))
            {
                return model;
            }

            if (!_compilation.ContainsSyntaxTree(tree))
            {
                return null;
            }

#pragma warning disable RS1030 // Only for trees that mention a helper by name (or hold a check method): rare, and cached.
            return _models.GetOrAdd(tree, _compilation.GetSemanticModel(tree));
#pragma warning restore RS1030
        }
    }

    /// <summary>What a reported helper is called, where it is reported, and where its call sites can be.</summary>
    internal sealed class HelperIdentity
    {
        public HelperIdentity(ISymbol symbol, string display, string name, Location location, SyntaxNode? localScope, ImmutableArray<SyntaxReference> excluded, bool runsOnFirstUse = false)
        {
            Symbol = symbol;
            Display = display;
            Name = name;
            Location = location;
            LocalScope = localScope;
            Excluded = excluded;
            RunsOnFirstUse = runsOnFirstUse;
        }

        /// <summary>The symbol its call sites refer to: the method, local function, property, or the variable that holds the lambda.</summary>
        public ISymbol Symbol { get; }

        /// <summary>How the message names it: "'Ports.GetFreePort'", "Local function 'NextPort'", "The lambda in 'freePort'".</summary>
        public string Display { get; }

        /// <summary>The plain name, for the closed-port naming heuristic.</summary>
        public string Name { get; }

        public Location Location { get; }

        /// <summary>For locals and local functions: the member whose body holds every call site.</summary>
        public SyntaxNode? LocalScope { get; }

        /// <summary>The helper's own declaration: references inside it (recursion, the definition) are not call sites.</summary>
        public ImmutableArray<SyntaxReference> Excluded { get; }

        /// <summary>A static constructor: it has no call sites, it runs when the type is first used.</summary>
        public bool RunsOnFirstUse { get; }
    }

    /// <summary>
    /// Counts a helper's call sites in the compilation without a compilation-end action, so that the diagnostic can be
    /// reported where the helper is analyzed (and shows in the IDE without full-solution analysis). Candidates are found
    /// by name in the syntax, which is cheap: the helper's own member for locals and local functions, the declarations of
    /// the containing type for private members, and otherwise every tree (one scan per name, shared by all helpers of
    /// that name; past a few names, one pass indexes every name). Only identifiers with the helper's name are bound, each
    /// against the one cached model of its tree.
    /// </summary>
    internal sealed class CallSiteIndex
    {
        private readonly Compilation _compilation;
        private readonly SemanticModelCache _models;
        private readonly ConcurrentDictionary<string, ImmutableArray<SyntaxToken>> _byName =
            new ConcurrentDictionary<string, ImmutableArray<SyntaxToken>>(StringComparer.Ordinal);

        /// <summary>Up to this many names are scanned one by one; beyond, every name is indexed in one pass.</summary>
        private const int MaxNameScans = 8;

        private Dictionary<string, ImmutableArray<SyntaxToken>>? _allNames;
        private int _nameScans;

        public CallSiteIndex(Compilation compilation, SemanticModelCache models)
        {
            _compilation = compilation;
            _models = models;
        }

        /// <summary>Every reference to the helper outside its own declaration: calls, creations, method groups, property reads.</summary>
        public List<(SyntaxNode Node, SemanticModel Model)> References(HelperIdentity helper, CancellationToken cancellationToken)
        {
            var symbol = helper.Symbol;
            var name = symbol is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor ? constructor.ContainingType.Name : symbol.Name;
            var references = new List<(SyntaxNode Node, SemanticModel Model)>();
            if (string.IsNullOrEmpty(name))
            {
                return references;
            }

            var target = Normalize(symbol);
            foreach (var token in Candidates(helper, name, cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (token.Parent is not SimpleNameSyntax simple || IsExcluded(helper, token) || InNameOf(simple) || IsDefinition(simple))
                {
                    continue;
                }

                SyntaxNode node = simple;
                if (symbol is IMethodSymbol { MethodKind: MethodKind.Constructor })
                {
                    if (CreationOf(simple) is not { } creation)
                    {
                        continue;
                    }

                    node = creation;
                }

                if (_models.Get(token.SyntaxTree!) is not { } model)
                {
                    continue;
                }

                var found = model.GetSymbolInfo(node, cancellationToken).Symbol;
                if (found is not null && SymbolEqualityComparer.Default.Equals(Normalize(found), target))
                {
                    references.Add((node, model));
                }
            }

            return references;
        }

        private IEnumerable<SyntaxToken> Candidates(HelperIdentity helper, string name, CancellationToken cancellationToken)
        {
            if (helper.LocalScope is { } scope)
            {
                return Matching(scope, name);
            }

            var symbol = helper.Symbol;
            if (symbol.DeclaredAccessibility == Accessibility.Private && symbol.ContainingType is { } type)
            {
                return type.DeclaringSyntaxReferences.SelectMany(reference => Matching(reference.GetSyntax(cancellationToken), name));
            }

            // Not a Lazy: a scan cancelled half-way must not leave a cached exception behind for the next action.
            if (Volatile.Read(ref _allNames) is { } all)
            {
                return all.TryGetValue(name, out var indexed) ? indexed : ImmutableArray<SyntaxToken>.Empty;
            }

            if (_byName.TryGetValue(name, out var tokens))
            {
                return tokens;
            }

            if (Interlocked.Increment(ref _nameScans) > MaxNameScans)
            {
                // Many helpers with many names: one pass that indexes every name beats a pass per name.
                Interlocked.CompareExchange(ref _allNames, IndexAllNames(cancellationToken), null);
                return Candidates(helper, name, cancellationToken);
            }

            tokens = _compilation.SyntaxTrees.SelectMany(tree => Matching(tree.GetRoot(cancellationToken), name)).ToImmutableArray();
            return _byName.GetOrAdd(name, tokens);
        }

        private Dictionary<string, ImmutableArray<SyntaxToken>> IndexAllNames(CancellationToken cancellationToken)
        {
            var builders = new Dictionary<string, ImmutableArray<SyntaxToken>.Builder>(StringComparer.Ordinal);
            foreach (var tree in _compilation.SyntaxTrees)
            {
                foreach (var token in tree.GetRoot(cancellationToken).DescendantTokens())
                {
                    if (token.IsKind(SyntaxKind.IdentifierToken) && token.Parent is SimpleNameSyntax)
                    {
                        if (!builders.TryGetValue(token.ValueText, out var builder))
                        {
                            builders.Add(token.ValueText, builder = ImmutableArray.CreateBuilder<SyntaxToken>());
                        }

                        builder.Add(token);
                    }
                }
            }

            return builders.ToDictionary(pair => pair.Key, pair => pair.Value.ToImmutable(), StringComparer.Ordinal);
        }

        private static IEnumerable<SyntaxToken> Matching(SyntaxNode root, string name) =>
            root.DescendantTokens().Where(token => token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == name);

        private static bool IsExcluded(HelperIdentity helper, SyntaxToken token)
        {
            foreach (var reference in helper.Excluded)
            {
                if (reference.SyntaxTree == token.SyntaxTree && reference.Span.Contains(token.Span))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool InNameOf(SyntaxNode node) =>
            node.Ancestors().OfType<InvocationExpressionSyntax>().Any(invocation => invocation.Expression is IdentifierNameSyntax { Identifier.ValueText: "nameof" });

        /// <summary><c>freePort = () =&gt; ...</c> defines a stored lambda; it does not call it.</summary>
        private static bool IsDefinition(SimpleNameSyntax name)
        {
            SyntaxNode node = name;
            if (node.Parent is MemberAccessExpressionSyntax access && access.Name == node)
            {
                node = access;
            }

            return node.Parent is AssignmentExpressionSyntax assignment && assignment.Left == node;
        }

        private static ObjectCreationExpressionSyntax? CreationOf(SimpleNameSyntax name)
        {
            SyntaxNode node = name;
            while (node.Parent is QualifiedNameSyntax qualified && qualified.Right == node || node.Parent is AliasQualifiedNameSyntax)
            {
                node = node.Parent;
            }

            return node.Parent is ObjectCreationExpressionSyntax creation && creation.Type == node ? creation : null;
        }

        private static ISymbol Normalize(ISymbol symbol) => symbol is IMethodSymbol method
            ? (method.ReducedFrom ?? method).OriginalDefinition
            : symbol.OriginalDefinition;

        /// <summary>The call expression around a reference, or null when the reference is not called there (a method group).</summary>
        public static SyntaxNode? CallAt(SyntaxNode reference)
        {
            if (reference is ObjectCreationExpressionSyntax)
            {
                return reference;
            }

            SyntaxNode expression = reference;
            if (reference.Parent is MemberAccessExpressionSyntax access && access.Name == reference ||
                reference.Parent is MemberBindingExpressionSyntax binding && binding.Name == reference)
            {
                expression = reference.Parent;
            }

            return expression.Parent is InvocationExpressionSyntax invocation && invocation.Expression == expression ? invocation : null;
        }
    }

    /// <summary>
    /// Call sites where the race does no harm. A closed-port probe: the caller only connects to the port it got (nothing in
    /// the caller binds it, and it goes nowhere else); a test that needs a refused connection wants exactly a port where
    /// nothing listens. A retry: the call sits in a loop that catches the bind conflict and tries again.
    /// </summary>
    internal static class CallerUse
    {
        /// <summary>Exceptions that report a port conflict: sockets, HttpListener, Kestrel (IOException, AddressInUseException), or any.</summary>
        private static readonly ImmutableHashSet<string> ConflictExceptions = ImmutableHashSet.Create(
            "System.Net.Sockets.SocketException",
            "System.Net.HttpListenerException",
            "System.IO.IOException",
            "Microsoft.AspNetCore.Connections.AddressInUseException",
            "System.Exception",
            "System.Object");

        public static bool IsHarmless(SyntaxNode reference, SemanticModel model, PortSink sink, FreePortDetector detector, CancellationToken cancellationToken) =>
            CallSiteIndex.CallAt(reference) is { } call && model.GetOperation(call, cancellationToken) is { } operation &&
            (Retries(operation) || OnlyConnects(operation, sink, detector, cancellationToken));

        /// <summary>
        /// <c>for (...) { var port = GetFreePort(); try { Start(port); break; } catch (SocketException) { } }</c>: the caller binds the
        /// port itself and takes another one when it was taken.
        /// </summary>
        private static bool Retries(IOperation call)
        {
            for (var current = call.Parent; current is not null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return false;
                }

                if (current is ILoopOperation loop)
                {
                    return loop.Body.DescendantsAndSelf().OfType<ITryOperation>().Any(attempt =>
                        attempt.Catches.Any(handler => ConflictExceptions.Contains(handler.ExceptionType?.ToDisplayString() ?? "System.Object")));
                }
            }

            return false;
        }

        private static readonly ImmutableHashSet<string> ClientTypes = ImmutableHashSet.Create(
            "HttpClient", "HttpMessageInvoker", "TcpClient", "Socket", "UdpClient", "ClientWebSocket", "WebSocket");

        private static readonly string[] ClientPrefixes = { "Connect", "BeginConnect", "Get", "Post", "Put", "Patch", "Delete", "Send" };

        private static bool OnlyConnects(IOperation operation, PortSink sink, FreePortDetector detector, CancellationToken cancellationToken)
        {
            var sources = new List<IOperation>();
            var sourceSymbols = new List<ISymbol>();
            switch (sink.Kind)
            {
                case SinkKind.Return:
                case SinkKind.Yield:
                    sources.Add(operation);
                    break;
                case SinkKind.OutParameter when operation is IInvocationOperation invocation:
                    var argument = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == sink.Ordinal)?.Value;
                    var local = argument is IDeclarationExpressionOperation declaration ? declaration.Expression : argument;
                    if (local is not ILocalReferenceOperation reference2)
                    {
                        return false;
                    }

                    sourceSymbols.Add(reference2.Local);
                    break;
                default:
                    // A field or a callback: where the port goes next is not in this caller.
                    return false;
            }

            var root = ValueResolver.Root(operation);
            var operations = root.DescendantsAndSelf().ToImmutableArray();
            var symbols = detector.Symbols;
            var flow = new PortFlow(symbols, operations, sources, sourceSymbols, cancellationToken);
            var connects = false;
            foreach (var current in operations)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (current == operation)
                {
                    continue;
                }

                switch (current)
                {
                    case IReturnOperation { ReturnedValue: { } value } when flow.Carries(value):
                        return false;

                    case IAssignmentOperation assignment when flow.Carries(assignment.Value):
                        if (Sites(detector, current, cancellationToken, out var bindsHere, out _) && bindsHere)
                        {
                            return false;
                        }

                        switch (ValueResolver.Unwrap(assignment.Target))
                        {
                            case ILocalReferenceOperation:
                                break;
                            case IPropertyReferenceOperation { Property.Name: "BaseAddress" } property
                                when SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, symbols.HttpClient):
                                connects = true;
                                break;
                            default:
                                return false;
                        }

                        break;

                    case IInvocationOperation invocation when flow.AnyArgumentCarries(invocation):
                        if (Sites(detector, invocation, cancellationToken, out var binds, out var connectsHere))
                        {
                            if (binds)
                            {
                                return false;
                            }

                            connects |= connectsHere;
                            break;
                        }

                        if (IsClientCall(invocation.TargetMethod))
                        {
                            connects = true;
                        }
                        else if (!(PortFlow.IsMutator(invocation) && invocation.Instance is { } list && ValueResolver.Unwrap(list) is ILocalReferenceOperation) &&
                                 !FreePortSymbols.OnlyLooksAt(invocation.TargetMethod))
                        {
                            return false;
                        }

                        break;

                    case IObjectCreationOperation creation when flow.AnyArgumentCarries(creation):
                        var isValue = symbols.CanCarryPort(creation.Type) || symbols.IsException(creation.Type);
                        if (Sites(detector, creation, cancellationToken, out var bindsCreation, out var connectsCreation))
                        {
                            if (bindsCreation)
                            {
                                return false;
                            }

                            connects |= connectsCreation && !isValue;
                            break;
                        }

                        if (!isValue)
                        {
                            return false;
                        }

                        break;
                }
            }

            return connects;
        }

        private static bool Sites(FreePortDetector detector, IOperation operation, CancellationToken cancellationToken, out bool binds, out bool connects)
        {
            binds = false;
            connects = false;
            var sites = detector.Finder.Find(operation, cancellationToken);
            foreach (var site in sites)
            {
                binds |= site.Api.Role == EndpointRole.Bind;
                connects |= site.Api.Role == EndpointRole.Connect;
            }

            return !sites.IsEmpty;
        }

        private static bool IsClientCall(IMethodSymbol method) =>
            method.ContainingType is { } type && ClientTypes.Contains(type.Name) &&
            ClientPrefixes.Any(prefix => method.Name.StartsWith(prefix, StringComparison.Ordinal));
    }
}
