using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using LoopbackAnalyzers.Engine;
using LoopbackAnalyzers.Intent;
using LoopbackAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LoopbackAnalyzers
{
    /// <summary>
    /// Finds every endpoint site once per operation and hands it to the rules.
    /// Compilations that cannot reach System.Net register nothing beyond the compilation-start check.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class EndpointAnalyzer : DiagnosticAnalyzer
    {
        private static readonly ImmutableArray<EndpointRule> Rules = ImmutableArray.Create<EndpointRule>(
            new ListenerBindsAllInterfacesRule(),
            new FixedPortRule(),
            new EphemeralPortRule(),
            new PortZeroNotSupportedRule(),
            new PortOutOfRangeRule());

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            Rules.Select(rule => rule.Descriptor).ToImmutableArray();

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(OnCompilationStart);
        }

        private static void OnCompilationStart(CompilationStartAnalysisContext context)
        {
            if (EndpointSymbols.For(context.Compilation) is not { } symbols)
            {
                return;
            }

            var values = new ValueResolver(context.Compilation);
            var finder = new EndpointSiteFinder(symbols, values);
            var intent = new IntentEvaluator(finder, context.Compilation, context.Options);
            var helpers = new PortHelperIndex(context.Compilation, finder);
            // Syntax first, operations only for candidates: asking Roslyn for every operation makes it build the
            // operation tree of every method body, which costs far more than this analyzer's own work
            // (measured in docs/performance.md). The name filter lets through every call a table row could match.
            context.RegisterSyntaxNodeAction(
                nodeContext =>
                {
                    var candidate = SyntaxCandidates.Classify(nodeContext.Node);
                    if (candidate == Candidate.None ||
                        nodeContext.ContainingSymbol is not { } containingSymbol ||
                        candidate == Candidate.HelperCall && !helpers.MayBeHelperCall(nodeContext.Node, nodeContext.CancellationToken) ||
                        !CallsTableOrHelper(nodeContext.Node, nodeContext.SemanticModel, symbols, helpers, nodeContext.CancellationToken) ||
                        OperationOf(nodeContext.Node, nodeContext.SemanticModel, nodeContext.CancellationToken) is not { } operation)
                    {
                        return;
                    }

                    var cancellationToken = nodeContext.CancellationToken;
                    var sites = finder.Find(operation, cancellationToken);
                    var helperSites = sites.IsEmpty ? HelperCallSites(operation, helpers, values, cancellationToken) : ImmutableArray<EndpointSite>.Empty;
                    if (sites.IsEmpty && helperSites.IsEmpty)
                    {
                        return;
                    }

                    var siteContext = new SiteContext(
                        operation,
                        containingSymbol,
                        nodeContext.Options,
                        intent,
                        nodeContext.ReportDiagnostic,
                        cancellationToken);
                    Analyze(sites.AddRange(helperSites), siteContext);
                },
                SiteKinds);

            // A helper's optional parameter default (int port = 19999) is reported where it is declared.
            context.RegisterSymbolAction(
                symbolContext =>
                {
                    var method = (IMethodSymbol)symbolContext.Symbol;
                    if (!method.Parameters.Any(p => p.HasExplicitDefaultValue && PortHelperIndex.IsIntegral(p.Type)))
                    {
                        return;
                    }

                    foreach (var port in helpers.PortsOf(method, symbolContext.CancellationToken))
                    {
                        if (port.Parameter is { HasExplicitDefaultValue: true, ExplicitDefaultValue: { } value } parameter &&
                            parameter.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(symbolContext.CancellationToken) is ParameterSyntax { Default.Value: { } defaultValue } &&
                            ValueResolver.ToInt64(value) is { } number)
                        {
                            var site = new EndpointSite(
                                port.Site.Api,
                                port.Site.Operation,
                                port.Site.Address,
                                null,
                                number,
                                ports: ImmutableArray.Create(new PortValue(number, null, defaultValue.GetLocation())));
                            var siteContext = new SiteContext(
                                port.Site.Operation,
                                method,
                                symbolContext.Options,
                                intent,
                                symbolContext.ReportDiagnostic,
                                symbolContext.CancellationToken);
                            Analyze(ImmutableArray.Create(site), siteContext, portRulesOnly: true);
                        }
                    }
                },
                SymbolKind.Method);
        }

        /// <summary>
        /// The symbol check between the name filter and the operation: binding one call is shared with the compiler's
        /// own work, while an operation makes Roslyn build the operation tree of the whole member.
        /// </summary>
        private static bool CallsTableOrHelper(SyntaxNode node, SemanticModel model, EndpointSymbols symbols, PortHelperIndex helpers, CancellationToken cancellationToken)
        {
            switch (node)
            {
                case AssignmentExpressionSyntax assignment:
                    return model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol is IPropertySymbol { IsIndexer: true } indexer &&
                           symbols.IsTableType(indexer.ContainingType);

                case InitializerExpressionSyntax element:
                    return model.GetCollectionInitializerSymbolInfo(element, cancellationToken).Symbol is IMethodSymbol add &&
                           symbols.IsTableType(add.ContainingType);
            }

            if (model.GetSymbolInfo(node, cancellationToken).Symbol is not IMethodSymbol method)
            {
                return false;
            }

            if (symbols.IsTableType(method.ContainingType))
            {
                return true;
            }

            // app.Urls.Add(url): the row belongs to the type of the receiver property.
            if (node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: var receiver } } &&
                model.GetSymbolInfo(receiver, cancellationToken).Symbol is IPropertySymbol property &&
                symbols.IsTableType(property.ContainingType))
            {
                return true;
            }

            // StartServer(5000): a method of this compilation that passes an integer parameter on to a bind site's port.
            // The index looks at each method once per compilation (and binds only those whose syntax names a bind API),
            // so the ordinary calls with a number, Take(10) or new Invoice(1, ...), stop here without an operation.
            return !helpers.PortsOf(method, cancellationToken).IsEmpty;
        }

        /// <summary>The syntax of every operation a site can be (the code fixes find sites by the same kinds).</summary>
        internal static readonly ImmutableArray<SyntaxKind> SiteKinds = ImmutableArray.Create(
            SyntaxKind.InvocationExpression,
            SyntaxKind.ObjectCreationExpression,
            SyntaxKind.ImplicitObjectCreationExpression,
            SyntaxKind.SimpleAssignmentExpression,
            SyntaxKind.ComplexElementInitializerExpression);

        internal static IOperation? OperationOf(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
        {
            // { "urls", "..." } has no operation of its own: it is the Add call inside its collection initializer.
            if (node.IsKind(SyntaxKind.ComplexElementInitializerExpression))
            {
                return node.Parent is { } parent && model.GetOperation(parent, cancellationToken) is IObjectOrCollectionInitializerOperation initializer
                    ? initializer.Initializers.FirstOrDefault(element => element.Syntax == node)
                    : null;
            }

            return model.GetOperation(node, cancellationToken);
        }

        private static void Analyze(ImmutableArray<EndpointSite> sites, SiteContext context, bool portRulesOnly = false)
        {
            foreach (var site in sites)
            {
                foreach (var rule in Rules)
                {
                    if (!portRulesOnly || rule is FixedPortRule or EphemeralPortRule or PortOutOfRangeRule)
                    {
                        rule.Analyze(site, context);
                    }
                }
            }
        }

        /// <summary>StartServer(5000), where StartServer passes its parameter to a bind site's port.</summary>
        private static ImmutableArray<EndpointSite> HelperCallSites(IOperation operation, PortHelperIndex helpers, ValueResolver values, CancellationToken cancellationToken)
        {
            var (method, arguments) = operation switch
            {
                IInvocationOperation invocation => (invocation.TargetMethod, invocation.Arguments),
                IObjectCreationOperation { Constructor: { } constructor } creation => (constructor, creation.Arguments),
                _ => (null, ImmutableArray<IArgumentOperation>.Empty),
            };

            // Cheap filters first: a method declared in this compilation, called with a constant integer.
            if (method is null || method.DeclaringSyntaxReferences.IsEmpty ||
                !arguments.Any(a => a.ArgumentKind == ArgumentKind.Explicit && a.Value.ConstantValue.HasValue))
            {
                return ImmutableArray<EndpointSite>.Empty;
            }

            var sites = ImmutableArray<EndpointSite>.Empty;
            foreach (var port in helpers.PortsOf(method, cancellationToken))
            {
                var argument = arguments.FirstOrDefault(a => a.Parameter?.Ordinal == port.Parameter.Ordinal);
                if (argument is { ArgumentKind: ArgumentKind.Explicit } && values.ResolveInteger(argument.Value, cancellationToken) is { } number)
                {
                    sites = sites.Add(new EndpointSite(
                        port.Site.Api,
                        operation,
                        port.Site.Address,
                        argument.Value,
                        number,
                        helper: method.OriginalDefinition));
                }
            }

            return sites;
        }
    }
}
