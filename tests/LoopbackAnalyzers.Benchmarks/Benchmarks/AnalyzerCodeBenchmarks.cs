using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using LoopbackAnalyzers.Benchmarks.Shared;
using LoopbackAnalyzers.Benchmarks.Shared.Corpus;
using Microsoft.CodeAnalysis;

namespace LoopbackAnalyzers.Benchmarks.Benchmarks
{
    /// <summary>
    /// The analyzer's own code, without the analyzer driver (see <see cref="CallbackHarness"/>): Initialize plus the
    /// compilation-start action on a new compilation with the references of a bound one, with and without System.Net; and its operation callback on
    /// every ObjectCreation and Invocation of the ~100k-line project, on those of its ordinary files only, on those of
    /// its networking files only, and on those of the IDE scenario's document.
    /// </summary>
    [Config(typeof(ShortConfig))]
    public class AnalyzerCodeBenchmarks
    {
        private Compilation _net = null!;
        private Compilation _noNet = null!;
        private CallbackHarness _harness = null!;
        private List<OperationSite> _all = null!;
        private List<OperationSite> _ordinary = null!;
        private List<OperationSite> _networking = null!;
        private List<OperationSite> _document = null!;

        [GlobalSetup]
        public void Setup()
        {
            _net = Fixtures.Net.CompileWithDocument();
            _net.GetDiagnostics();
            _noNet = Fixtures.NoNet.Compile();
            _noNet.GetDiagnostics();
            _harness = CallbackHarness.Start(new EndpointAnalyzer(), _net);
            _all = CallbackHarness.CollectOperations(_net, Fixtures.Net.Trees);
            _document = CallbackHarness.CollectOperations(_net, new[] { Fixtures.Net.DocumentTree });
            var networkingPaths = Fixtures.Net.Corpus.Files.Where(f => f.Kind == CorpusFileKind.Networking).Select(f => "/corpus/" + f.Path).ToHashSet();
            _ordinary = _all.Where(site => !networkingPaths.Contains(site.Tree.FilePath)).ToList();
            _networking = _all.Where(site => networkingPaths.Contains(site.Tree.FilePath)).ToList();
            _harness.Run(_all); // bind what the callbacks bind lazily (the type scans), as the driver's models have
            _harness.Run(_document);
        }

        // On a new compilation with the same references each time, as an editor's per-document analysis starts one: the
        // analyzer caches per compilation, so the same compilation would measure a cache hit.
        [Benchmark(Description = "Compilation start, System.Net referenced")]
        public int CompilationStartWithSystemNet() => CallbackHarness.Start(new EndpointAnalyzer(), _net.Clone()).OperationActionCount;

        [Benchmark(Description = "Compilation start, no System.Net")]
        public int CompilationStartWithoutSystemNet() => CallbackHarness.Start(new EndpointAnalyzer(), _noNet.Clone()).OperationActionCount;

        [Benchmark(Description = "Callbacks: all operations")]
        public int AllOperations() => _harness.Run(_all).Count;

        [Benchmark(Description = "Callbacks: ordinary files")]
        public int OrdinaryOperations() => _harness.Run(_ordinary).Count;

        [Benchmark(Description = "Callbacks: networking files")]
        public int NetworkingOperations() => _harness.Run(_networking).Count;

        [Benchmark(Description = "Callbacks: the IDE document")]
        public int DocumentOperations() => _harness.Run(_document).Count;
    }
}
