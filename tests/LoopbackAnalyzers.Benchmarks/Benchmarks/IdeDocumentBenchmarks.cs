using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using LoopbackAnalyzers.Benchmarks.Shared;
using Microsoft.CodeAnalysis;

namespace LoopbackAnalyzers.Benchmarks.Benchmarks
{
    /// <summary>
    /// (b) One typical document (~300 lines, with a client and two server tests) of the ~100k-line project, as an IDE
    /// analyzes it after an edit: the project was bound before the edit; the edit gives a new compilation with the
    /// document replaced; a new CompilationWithAnalyzers (non-concurrent, as IDEs run it) asks for the document's
    /// semantic diagnostics (<c>GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan: null)</c>). The compiler's own
    /// diagnostics for the edited document are the work the IDE does anyway; the no-op operation analyzer is what any
    /// operation analyzer costs there.
    /// </summary>
    [Config(typeof(ShortConfig))]
    public class IdeDocumentBenchmarks
    {
        private Compilation _bound = null!;
        private NetScenario _net = null!;

        [GlobalSetup]
        public void Setup()
        {
            _net = Fixtures.Net;
            _bound = _net.CompileWithDocument();
            _bound.GetDiagnostics();
        }

        [Benchmark(Baseline = true, Description = "Edit, then the document's compiler diagnostics")]
        public int CompilerDiagnostics() => _net.Edit(_bound).GetSemanticModel(_net.EditedDocumentTree).GetDiagnostics().Length;

        [Benchmark(Description = "Edit, then the document's loopback analyzer diagnostics")]
        public async Task<int> LoopbackAnalyzer()
        {
            var edited = _net.Edit(_bound);
            return (await Workload.GetDocumentDiagnosticsAsync(Workload.WithAnalyzers(edited, Workload.Loopback(), concurrent: false), edited.GetSemanticModel(_net.EditedDocumentTree))).Length;
        }

        [Benchmark(Description = "Edit, then the document's no-op operation analyzer diagnostics")]
        public async Task<int> NoOpOperationAnalyzer()
        {
            var edited = _net.Edit(_bound);
            return (await Workload.GetDocumentDiagnosticsAsync(Workload.WithAnalyzers(edited, Workload.NoOp(), concurrent: false), edited.GetSemanticModel(_net.EditedDocumentTree))).Length;
        }
    }
}
