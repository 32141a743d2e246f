using System.IO;
using System.Linq;
using System.Threading.Tasks;
using LoopbackAnalyzers.Benchmarks.Shared;
using Xunit;
using Xunit.Abstractions;

namespace LoopbackAnalyzers.Tests.Performance
{
    /// <summary>
    /// The benchmark's smoke pass on a 10k-line corpus (the benchmarks use 100k): every scenario runs once and its
    /// results must be sane. Sanity only: no test here looks at a time.
    /// </summary>
    public class BenchmarkSmokeTests
    {
        private readonly ITestOutputHelper _output;

        public BenchmarkSmokeTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public async Task EveryScenarioRunsAndGivesSaneResults()
        {
            var log = new StringWriter();
            var result = await SmokeRunner.RunAsync(lines: 10_000, log);
            _output.WriteLine(log.ToString());
            Assert.True(result.Passed, string.Join("\n", result.Failures.Select(failure => $"{failure.Name}: {failure.Detail}")));

            // The checks the brief insists on, named so that a regression says which one broke.
            Assert.Contains(result.Checks, check => check.Name.StartsWith("whole compilation", System.StringComparison.Ordinal) && check.Passed);
            Assert.Contains(result.Checks, check => check.Name.StartsWith("IDE document", System.StringComparison.Ordinal) && check.Passed);
            Assert.Contains(result.Checks, check => check.Name == "no diagnostics without System.Net" && check.Passed);
            Assert.Contains(result.Checks, check => check.Name == "no per-node actions without System.Net" && check.Passed);
        }
    }
}
