using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using LoopbackAnalyzers.Engine;
using LoopbackAnalyzers.Rules.FreePort;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LoopbackAnalyzers.Rules
{
    /// <summary>
    /// LOOP006: a helper that learns a free port (binds port 0, probes candidate ports, or looks in the active
    /// listener tables), lets go of it, and hands out only the number. Between its return and the caller's bind,
    /// any other socket can take the port.
    /// </summary>
    /// <remarks>
    /// <para>
    /// A separate analyzer, because it judges whole bodies rather than single endpoint sites. The body of every member,
    /// local function and stored lambda is examined in an operation-block action: one walk decides whether the body can
    /// matter at all (a socket constructor, <c>Bind</c>, <c>TcpListener.Create</c>, <c>IPGlobalProperties.GetActive*</c>,
    /// or a call of a source method <c>bool M(int)</c> that may check a port), and only then are probes, sinks and uses
    /// traced (see <see cref="FreePortDetector"/>).
    /// </para>
    /// <para>
    /// Where and when it reports: on the helper's name, from the operation-block action of the body, not at compilation end.
    /// Compilation-end diagnostics appear in an IDE only with full-solution analysis, and a reliability warning on a test
    /// helper should show while it is being written. The call-site count in the message must still cover the whole
    /// compilation, so <see cref="CallSiteIndex"/> finds identifiers with the helper's name (in the helper's member for
    /// local functions and stored lambdas in locals, in the containing type for private members, in every tree otherwise,
    /// scanned once per name) and binds only those. The cost is paid only for the rare bodies that are helpers. The count is
    /// exact for the compilation being analyzed; in an IDE, a call added in another file updates it when this file is
    /// analyzed again.
    /// </para>
    /// <para>
    /// The closed-port exception: a test that needs a refused connection asks for a port where nothing listens, and the
    /// race does not matter to it. The helper is left alone when its name says so ("Closed", "Refus", "Unreachable",
    /// "NotListening", "NoListener", "Unbound", "DeadPort"), or when it has call sites and every one of them is harmless:
    /// it only connects to the port it got (a client connect, a request URL), with no bind and no other use of it, or it
    /// sits in a loop that catches the bind conflict and tries again (the race is handled there).
    /// </para>
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class FreePortReleasedBeforeUseAnalyzer : DiagnosticAnalyzer
    {
        private static readonly string[] ClosedPortWords = { "Closed", "Refus", "Unreachable", "NotListening", "NoListener", "Unbound", "DeadPort" };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.FreePortReleasedBeforeUse);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(OnCompilationStart);
        }

        private static void OnCompilationStart(CompilationStartAnalysisContext context)
        {
            if (EndpointSymbols.For(context.Compilation) is not { } endpoints || FreePortSymbols.For(context.Compilation) is not { } symbols)
            {
                return;
            }

            var models = new SemanticModelCache(context.Compilation);
            var detector = new FreePortDetector(symbols, new EndpointSiteFinder(endpoints, new ValueResolver(context.Compilation)), models);
            var callSites = new CallSiteIndex(context.Compilation, models);
            var texts = new TreeTexts();
            // Syntax first: asking Roslyn for every operation block makes it build the operation tree of every body in
            // the compilation, which costs far more than this rule's own work (docs/performance.md). A body is bound
            // only when it names a socket type, a way of reading a port, or something called a port.
            context.RegisterCodeBlockAction(block =>
            {
                if (!MayMentionPorts(block.CodeBlock, texts) || OperationOf(block.CodeBlock, block.OwningSymbol, block.SemanticModel, block.CancellationToken) is not { } operation)
                {
                    return;
                }

                AnalyzeBlock(ImmutableArray.Create(operation), block.OwningSymbol, block.ReportDiagnostic, detector, callSites, models, block.CancellationToken);
            });
        }

        private static readonly ImmutableHashSet<string> PortSourceNames = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "TcpListener", "UdpClient", "Socket", "Bind", "LocalEndpoint", "LocalEndPoint",
            "IPGlobalProperties", "GetActiveTcpListeners", "GetActiveTcpConnections", "GetActiveUdpListeners");

        /// <summary>
        /// Text that every name of <see cref="PortSourceNames"/> and every port word contains: a body whose source has none of
        /// these is not walked token by token. Walking the tokens of every body in the compilation cost more than the rest of
        /// this rule (a profile of a 100k-line build, docs/performance.md); searching the text costs a fraction of it.
        /// </summary>
        private static readonly string[] TextHints = { "Socket", "Bind", "TcpListener", "UdpClient", "LocalEnd", "IPGlobalProperties", "GetActive" };

        private static bool ContainsHint(string text, int start, int end)
        {
            foreach (var hint in TextHints)
            {
                if (text.IndexOf(hint, start, end - start, StringComparison.Ordinal) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool MayMentionPorts(SyntaxNode codeBlock, TreeTexts texts)
        {
            // The block is searched where it lies in its file's text: copying every block out of it allocated as much as
            // the whole source of the compilation.
            var (text, start, end) = texts.Get(codeBlock.SyntaxTree) is { } file
                ? (file, codeBlock.SpanStart, codeBlock.Span.End)
                : (codeBlock.ToString(), 0, codeBlock.Span.Length);
            if (!PortWord.IsInText(text, start, end) && !ContainsHint(text, start, end))
            {
                return false;
            }

            foreach (var token in codeBlock.DescendantTokens())
            {
                if (token.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.IdentifierToken) &&
                    (PortSourceNames.Contains(token.ValueText) || PortWord.IsIn(token.ValueText)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The operation of a code block: the initializer of a field or property, or a member body.</summary>
        private static IOperation? OperationOf(SyntaxNode codeBlock, ISymbol owner, SemanticModel model, CancellationToken cancellationToken)
        {
            // A field's code block is its whole declaration, which may declare several fields.
            SyntaxNode? initializer = codeBlock switch
            {
                BaseFieldDeclarationSyntax field => field.Declaration.Variables.FirstOrDefault(v => v.Identifier.ValueText == owner.Name)?.Initializer,
                VariableDeclaratorSyntax declarator => declarator.Initializer,
                PropertyDeclarationSyntax property => (SyntaxNode?)property.Initializer ?? property.ExpressionBody,
                IndexerDeclarationSyntax indexer => indexer.ExpressionBody,
                _ => null,
            };

            return initializer is not null
                ? model.GetOperation(initializer, cancellationToken)
                : model.GetOperation(codeBlock, cancellationToken);
        }

        private static void AnalyzeBlock(
            ImmutableArray<IOperation> operationBlocks,
            ISymbol owningSymbol,
            Action<Diagnostic> reportDiagnostic,
            FreePortDetector detector,
            CallSiteIndex callSites,
            SemanticModelCache models,
            CancellationToken cancellationToken)
        {
            var roots = Roots(operationBlocks);
            if (roots.Count == 0 || !MayMatter(roots, detector))
            {
                return;
            }

            models.Offer(roots[0].SemanticModel);
            foreach (var (body, identity) in Helpers(owningSymbol, roots, cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (SaysClosed(identity.Name) || !detector.MayBeHelper(body) || detector.Detect(body, cancellationToken) is not { } finding)
                {
                    continue;
                }

                var references = identity.RunsOnFirstUse ? new List<(SyntaxNode Node, SemanticModel Model)>() : callSites.References(identity, cancellationToken);
                if (references.Count > 0 &&
                    references.All(reference => CallerUse.IsHarmless(reference.Node, reference.Model, finding.Sink, detector, cancellationToken)))
                {
                    // Every caller only connects to the port (a probe for a closed port), or retries its bind on conflict.
                    continue;
                }

                reportDiagnostic(Diagnostic.Create(
                    Descriptors.FreePortReleasedBeforeUse,
                    identity.Location,
                    identity.Display,
                    Describe.Shape(finding),
                    Describe.CallSites(references.Count, identity.RunsOnFirstUse),
                    Describe.Alternative(finding.Kind)));
            }
        }

        /// <summary>The operation blocks that are not inside another one.</summary>
        private static List<IOperation> Roots(ImmutableArray<IOperation> blocks)
        {
            var roots = new List<IOperation>();
            foreach (var block in blocks)
            {
                if (block is null)
                {
                    continue;
                }

                var nested = false;
                for (var parent = block.Parent; parent is not null && !nested; parent = parent.Parent)
                {
                    nested = blocks.Contains(parent);
                }

                if (!nested)
                {
                    roots.Add(block);
                }
            }

            return roots;
        }

        /// <summary>One walk over the whole block before anything else: almost every body in a compilation stops here.</summary>
        private static bool MayMatter(List<IOperation> roots, FreePortDetector detector)
        {
            foreach (var root in roots)
            {
                foreach (var operation in root.DescendantsAndSelf())
                {
                    if (detector.Matters(operation))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool SaysClosed(string name) =>
            ClosedPortWords.Any(word => name.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0);

        /// <summary>The member itself (a method, constructor or property getter), its local functions, and its stored lambdas.</summary>
        private static IEnumerable<(HelperBody Body, HelperIdentity Identity)> Helpers(ISymbol owner, List<IOperation> roots, CancellationToken cancellationToken)
        {
            var memberSyntax = MemberSyntax(roots[0].Syntax);
            if (owner is IMethodSymbol method && MemberIdentity(method, cancellationToken) is { } memberIdentity)
            {
                yield return (HelperBody.Create(null, method, memberSyntax, roots, IsStoredLambda), memberIdentity);
            }

            foreach (var root in roots)
            {
                foreach (var operation in root.DescendantsAndSelf())
                {
                    switch (operation)
                    {
                        case ILocalFunctionOperation function when (function.Body ?? function.IgnoredBody) is { } functionBody:
                            var symbol = function.Symbol;
                            yield return (
                                HelperBody.Create(function, symbol, function.Syntax, new[] { functionBody }, IsStoredLambda),
                                new HelperIdentity(
                                    symbol,
                                    $"Local function '{symbol.Name}'",
                                    symbol.Name,
                                    symbol.Locations.FirstOrDefault() ?? function.Syntax.GetLocation(),
                                    memberSyntax,
                                    ImmutableArray.Create(function.Syntax.GetReference())));
                            break;

                        case IAnonymousFunctionOperation lambda when StoredLambda(lambda) is { } stored:
                            var excluded = ImmutableArray.Create(lambda.Syntax.GetReference());
                            yield return (
                                HelperBody.Create(lambda, lambda.Symbol, lambda.Syntax, new[] { lambda.Body }, IsStoredLambda),
                                new HelperIdentity(
                                    stored.Target,
                                    $"The lambda in '{stored.Target.Name}'",
                                    stored.Target.Name,
                                    stored.Location,
                                    stored.Target is ILocalSymbol ? memberSyntax : null,
                                    stored.Target is ILocalSymbol ? excluded.AddRange(stored.Target.DeclaringSyntaxReferences) : excluded));
                            break;
                    }
                }
            }
        }

        private static HelperIdentity? MemberIdentity(IMethodSymbol method, CancellationToken cancellationToken)
        {
            var type = method.ContainingType?.Name ?? string.Empty;
            switch (method.MethodKind)
            {
                case MethodKind.Ordinary when method.Locations.FirstOrDefault() is { IsInSource: true } location:
                    return new HelperIdentity(method, $"'{type}.{method.Name}'", method.Name, location, null, method.DeclaringSyntaxReferences);

                case MethodKind.Constructor when method.Locations.FirstOrDefault() is { IsInSource: true } location && !method.IsImplicitlyDeclared:
                    return new HelperIdentity(method, $"The constructor of '{type}'", type, location, null, method.DeclaringSyntaxReferences);

                case MethodKind.StaticConstructor when method.Locations.FirstOrDefault() is { IsInSource: true } location:
                    return new HelperIdentity(method, $"The static constructor of '{type}'", type, location, null, method.DeclaringSyntaxReferences, runsOnFirstUse: true);

                case MethodKind.PropertyGet when method.AssociatedSymbol is IPropertySymbol { IsIndexer: false } property &&
                                                 property.Locations.FirstOrDefault() is { IsInSource: true } location:
                    return new HelperIdentity(property, $"'{type}.{property.Name}'", property.Name, location, null, property.DeclaringSyntaxReferences);

                default:
                    // Operators, indexers, setters, event accessors, destructors: not the shape of a helper.
                    return null;
            }
        }

        /// <summary>The member declaration a body belongs to: where the call sites of its locals and local functions are.</summary>
        private static SyntaxNode MemberSyntax(SyntaxNode syntax)
        {
            if (syntax is CompilationUnitSyntax)
            {
                return syntax;
            }

            for (var node = syntax; node is not null; node = node.Parent)
            {
                if (node is MemberDeclarationSyntax and not GlobalStatementSyntax)
                {
                    return node;
                }
            }

            return syntax.SyntaxTree.GetRoot();
        }

        private static bool IsStoredLambda(IAnonymousFunctionOperation lambda) => StoredLambda(lambda) is not null;

        /// <summary>
        /// A lambda stored in a local, field or property is a helper of its own, named after the variable and reported on its
        /// name (<c>Func&lt;int&gt; freePort = () =&gt; ...</c>). A lambda passed straight to a call belongs to the body around it.
        /// </summary>
        private static (ISymbol Target, Location Location)? StoredLambda(IAnonymousFunctionOperation lambda)
        {
            IOperation current = lambda;
            while (current.Parent is IDelegateCreationOperation or IConversionOperation or IParenthesizedOperation)
            {
                current = current.Parent;
            }

            switch (current.Parent)
            {
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    var location = declarator.Syntax is VariableDeclaratorSyntax syntax ? syntax.Identifier.GetLocation() : declarator.Syntax.GetLocation();
                    return (declarator.Symbol, location);

                case IFieldInitializerOperation { InitializedFields: { Length: 1 } fields } when fields[0].Locations.FirstOrDefault() is { IsInSource: true } fieldLocation:
                    return (fields[0], fieldLocation);

                case IPropertyInitializerOperation { InitializedProperties: { Length: 1 } properties } when properties[0].Locations.FirstOrDefault() is { IsInSource: true } propertyLocation:
                    return (properties[0], propertyLocation);

                case ISimpleAssignmentOperation assignment when assignment.Value == current:
                    return ValueResolver.Unwrap(assignment.Target) switch
                    {
                        ILocalReferenceOperation local => (local.Local, assignment.Target.Syntax.GetLocation()),
                        IFieldReferenceOperation field => (field.Field, assignment.Target.Syntax.GetLocation()),
                        IPropertyReferenceOperation { Property.IsIndexer: false } property => (property.Property, assignment.Target.Syntax.GetLocation()),
                        _ => null,
                    };

                default:
                    return null;
            }
        }
    }

    /// <summary>The pieces of the LOOP006 message.</summary>
    internal static class Describe
    {
        public static string Article(ProbeKind kind) => kind switch
        {
            ProbeKind.Socket => "a Socket",
            ProbeKind.UdpClient => "a UdpClient",
            _ => "a TcpListener",
        };

        public static string Shape(FreePortFinding finding)
        {
            var sink = Sink(finding.Sink, finding.Several);
            var kind = finding.Kind ?? ProbeKind.TcpListener;
            switch (finding.Shape)
            {
                case HelperShape.PortZero:
                    return finding.Several
                        ? $"binds {kind}s to port 0, reads their ports, {Release(finding.Release, true)} and {sink}"
                        : $"binds {Article(kind)} to port 0, reads its port, {Release(finding.Release, false)} and {sink}";

                case HelperShape.Probing:
                    return finding.Order is { } order
                        ? $"probes candidate ports {order} until {Article(kind)} binds one, {Release(finding.Release, false)} and {sink}"
                        : $"checks a candidate port by binding {Article(kind)}, {Release(finding.Release, false)} and {sink}";

                case HelperShape.Checker:
                    return finding.Order is { } checkOrder
                        ? $"probes candidate ports {checkOrder} with '{finding.Checker}', which {finding.CheckerAction}, and {sink}"
                        : $"checks a candidate port with '{finding.Checker}', which {finding.CheckerAction}, and {sink}";

                default:
                    return $"picks a port that {finding.ActiveMethods} does not list, a snapshot that reserves nothing, and {sink}";
            }
        }

        private static string Release(string? release, bool several)
        {
            var it = several ? "them" : "it";
            return release switch
            {
                "Stop" => $"stops {it}",
                "Close" => $"closes {it}",
                "using" => several ? "disposes them when their using scope ends" : "disposes it when its using scope ends",
                _ => $"disposes {it}",
            };
        }

        private static string Sink(PortSink sink, bool several)
        {
            var number = several ? "numbers" : Carrier(sink.Type) is { } carrier ? $"number in {carrier}" : "number";
            return sink.Kind switch
            {
                SinkKind.Yield => $"yields the {number}",
                SinkKind.OutParameter => $"passes the {number} out through '{sink.Name}'",
                SinkKind.Member or SinkKind.Captured => $"stores the {number} in '{sink.Name}'",
                SinkKind.Callback => $"passes the {number} to '{sink.Name}'",
                _ => $"returns the {number}",
            };
        }

        /// <summary>What holds the number when it is not a bare integer: "a string", "a Uri", "an endpoint".</summary>
        private static string? Carrier(ITypeSymbol? type)
        {
            if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1, Name: "Task" or "ValueTask" or "Nullable" } wrapper)
            {
                type = wrapper.TypeArguments[0];
            }

            if (type?.SpecialType == SpecialType.System_String)
            {
                return "a string";
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                var space = current.ContainingNamespace?.ToDisplayString();
                if (current.Name is "Uri" or "UriBuilder" && space == "System")
                {
                    return "a Uri";
                }

                if (current.Name == "EndPoint" && space == "System.Net")
                {
                    return "an endpoint";
                }
            }

            return null;
        }

        public static string CallSites(int count, bool runsOnFirstUse) =>
            runsOnFirstUse ? "it runs when the type is first used"
            : count == 0 ? "not called in this project"
            : count == 1 ? "1 call site in this project"
            : $"{count} call sites in this project";

        public static string Alternative(ProbeKind? kind) => kind switch
        {
            ProbeKind.TcpListener => "bind the real server to port 0 and read its port back, hand the open listener to the caller, or retry the real bind on AddressAlreadyInUse",
            ProbeKind.Socket => "bind the real server to port 0 and read its port back, hand the open socket to the caller, or retry the real bind on AddressAlreadyInUse",
            ProbeKind.UdpClient => "bind the real UdpClient to port 0 and read its port back, hand the open UdpClient to the caller, or retry the real bind on AddressAlreadyInUse",
            _ => "bind the real server to port 0 and read its port back, or retry the real bind on AddressAlreadyInUse",
        };
    }
}
