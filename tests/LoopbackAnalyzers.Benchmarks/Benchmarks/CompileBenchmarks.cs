using System.Collections.Immutable;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using LoopbackAnalyzers.Benchmarks.Shared;
using Microsoft.CodeAnalysis;

namespace LoopbackAnalyzers.Benchmarks.Benchmarks
{
    /// <summary>
    /// (a) The whole ~100k-line project, compiled from parsed trees into a fresh compilation each time, with concurrent
    /// build and analysis as <c>dotnet build</c> runs them. Emit is the build's compile time; GetDiagnostics is the
    /// same binding without code generation, and is what the compilations with analyzers below also do
    /// (GetAllDiagnosticsAsync = compiler diagnostics + analyzer diagnostics). Overhead of the analyzer =
    /// (WithLoopbackAnalyzer - GetDiagnostics) / (Parse + Emit). The no-op operation analyzer separates what any
    /// operation analyzer costs (semantic models, IOperation trees, callbacks) from the loopback analyzer's own work.
    /// </summary>
    [Config(typeof(LongConfig))]
    public class CompileBenchmarks
    {
        private NetScenario _net = null!;

        [GlobalSetup]
        public void Setup()
        {
            _net = Fixtures.Net;
        }

        [Benchmark(Description = "Parse (all files)")]
        public int Parse() => Workload.Parse(_net.Corpus.Files).Length;

        [Benchmark(Baseline = true, Description = "Compile: GetDiagnostics")]
        public int GetDiagnostics() => _net.Compile().GetDiagnostics().Length;

        [Benchmark(Description = "Compile: Emit (PE + PDB)")]
        public bool Emit() => Workload.Emit(_net.Compile()).Success;

        [Benchmark(Description = "GetAllDiagnostics + loopback analyzer")]
        public async Task<int> WithLoopbackAnalyzer() =>
            (await Workload.GetAllDiagnosticsAsync(Workload.WithAnalyzers(_net.Compile(), Workload.Loopback()))).Length;

        [Benchmark(Description = "GetAllDiagnostics + no-op operation analyzer")]
        public async Task<int> WithNoOpOperationAnalyzer() =>
            (await Workload.GetAllDiagnosticsAsync(Workload.WithAnalyzers(_net.Compile(), Workload.NoOp()))).Length;
    }
}
