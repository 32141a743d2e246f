using System;
using LoopbackAnalyzers.Benchmarks.Shared;

namespace LoopbackAnalyzers.Benchmarks.Benchmarks
{
    /// <summary>The scenarios, built once per process (the benchmarks run in-process) and shared by every benchmark.</summary>
    public static class Fixtures
    {
        /// <summary>Lines of the generated corpus; <c>LOOPBACK_BENCH_LINES</c> overrides the 100,000 default.</summary>
        public static int Lines { get; } =
            int.TryParse(Environment.GetEnvironmentVariable("LOOPBACK_BENCH_LINES"), out var lines) && lines > 0 ? lines : 100_000;

        private static readonly Lazy<NetScenario> LazyNet = new(() => NetScenario.Create(Lines));
        private static readonly Lazy<NoNetScenario> LazyNoNet = new(() => NoNetScenario.Create(Lines));

        public static NetScenario Net => LazyNet.Value;

        public static NoNetScenario NoNet => LazyNoNet.Value;
    }
}
