using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using LoopbackAnalyzers.Benchmarks.Shared;

namespace LoopbackAnalyzers.Benchmarks.Benchmarks
{
    /// <summary>
    /// (c) A ~100k-line project that never references System.Net (no System.Net*.dll, no facades that forward
    /// System.Net types). The analyzer must cost nothing measurable here: compare its allocations and time with the
    /// empty analyzer (one compilation-start action that returns at once) - the cheapest analyzer there is.
    /// </summary>
    [Config(typeof(LongConfig))]
    public class NoSystemNetBenchmarks
    {
        private NoNetScenario _noNet = null!;

        [GlobalSetup]
        public void Setup()
        {
            _noNet = Fixtures.NoNet;
        }

        [Benchmark(Baseline = true, Description = "No System.Net: GetDiagnostics")]
        public int GetDiagnostics() => _noNet.Compile().GetDiagnostics().Length;

        [Benchmark(Description = "No System.Net: GetAllDiagnostics + empty analyzer")]
        public async Task<int> WithEmptyAnalyzer() =>
            (await Workload.GetAllDiagnosticsAsync(Workload.WithAnalyzers(_noNet.Compile(), Workload.Empty()))).Length;

        [Benchmark(Description = "No System.Net: GetAllDiagnostics + loopback analyzer")]
        public async Task<int> WithLoopbackAnalyzer() =>
            (await Workload.GetAllDiagnosticsAsync(Workload.WithAnalyzers(_noNet.Compile(), Workload.Loopback()))).Length;
    }
}
