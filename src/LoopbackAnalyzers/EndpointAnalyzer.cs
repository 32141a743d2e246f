using System.Collections.Immutable;
using System.Linq;
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
            if (EndpointSymbols.Create(context.Compilation) is not { } symbols)
            {
                return;
            }

            var finder = new EndpointSiteFinder(symbols, new ValueResolver(context.Compilation));
            var intent = new IntentEvaluator(finder, context.Compilation, context.Options);
            context.RegisterOperationAction(
                operationContext =>
                {
                    var sites = finder.Find(operationContext.Operation, operationContext.CancellationToken);
                    if (sites.IsEmpty)
                    {
                        return;
                    }

                    var siteContext = new SiteContext(operationContext, intent);
                    foreach (var site in sites)
                    {
                        foreach (var rule in Rules)
                        {
                            rule.Analyze(site, siteContext);
                        }
                    }
                },
                OperationKind.ObjectCreation,
                OperationKind.Invocation,
                OperationKind.SimpleAssignment);
        }
    }
}
