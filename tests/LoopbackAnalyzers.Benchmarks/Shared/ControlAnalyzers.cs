using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

// Benchmark controls, never shipped: no release tracking (RS2008), and the empty start action is the point (RS1012).
#pragma warning disable RS2008, RS1012, RS1001

namespace LoopbackAnalyzers.Benchmarks.Shared
{
    /// <summary>
    /// Analyzers that do nothing, to take apart what a compilation with analyzers costs:
    /// <see cref="EmptyAnalyzer"/> is the analyzer-driver infrastructure alone, and <see cref="NoOpOperationAnalyzer"/>
    /// adds what any analyzer that registers operation actions on ObjectCreation and Invocation pays (semantic models,
    /// IOperation trees, callbacks) before doing any work of its own. The loopback analyzer's own cost is what it adds
    /// on top of the latter.
    /// </summary>
    public static class ControlDescriptors
    {
        public static readonly DiagnosticDescriptor Never = new(
            "BENCH001", "Never reported", "Never reported", "Benchmark", DiagnosticSeverity.Warning, isEnabledByDefault: true);
    }

    /// <summary>Registers a compilation-start action that returns at once: the cheapest analyzer there is.</summary>
    public sealed class EmptyAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(ControlDescriptors.Never);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(_ => { });
        }
    }

    /// <summary>The loopback analyzer's registrations with empty callbacks; counts the callbacks it receives.</summary>
    public sealed class NoOpOperationAnalyzer : DiagnosticAnalyzer
    {
        private long _callbacks;

        public long Callbacks => Interlocked.Read(ref _callbacks);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(ControlDescriptors.Never);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start => start.RegisterOperationAction(
                _ => Interlocked.Increment(ref _callbacks),
                OperationKind.ObjectCreation,
                OperationKind.Invocation));
        }
    }
}
