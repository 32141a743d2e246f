using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using LoopbackAnalyzers.EndToEnd.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace LoopbackAnalyzers.EndToEnd
{
    /// <summary>
    /// The README's demo command, run in place: <c>dotnet build tests/LoopbackAnalyzers.Demo --no-incremental</c>.
    /// Lines that must be reported end in <c>// LOOP001: reason</c>, and the reason must be the one in the message.
    /// Debug configuration (the default), so the <c>#if DEBUG</c> block is compiled.
    /// </summary>
    [Collection(EndToEndCollection.Name)]
    public sealed class DemoTests
    {
        private const string Rule = "LOOP001";

        private readonly PackageFixture _package;
        private readonly ITestOutputHelper _output;

        public DemoTests(PackageFixture package, ITestOutputHelper output)
        {
            _package = package;
            _output = output;
        }

        [Fact]
        public async Task Readme_command_shows_the_demo_warnings_and_succeeds()
        {
            var demo = Path.Combine(_package.RepositoryRoot, "tests", "LoopbackAnalyzers.Demo");
            var expected = BuildDiagnostics.MarkedLines(demo, Rule);
            Assert.Equal(3, expected.Count);

            var build = await DotNet.RunAsync(_package.RepositoryRoot, ["build", demo, "--no-incremental"]);
            _output.Log(build);

            Expect.ExitCode(0, build);
            Expect.NoLoadFailures(build);
            var diagnostics = BuildDiagnostics.Parse(build.Output, Rule, demo);
            Expect.Locations(expected.Select(e => (e.File, e.Line)), diagnostics, build);
            foreach (var (file, line, reason) in expected)
            {
                var diagnostic = diagnostics.Single(d => d.File == file && d.Line == line);
                Assert.True(
                    diagnostic.Message.EndsWith($": {reason} ({Expect.HelpLink})", StringComparison.Ordinal),
                    $"{file}:{line} should give the reason '{reason}', but says: {diagnostic.Message}");
            }

            Assert.DoesNotContain(diagnostics, d => d.File == "ProductionServer.cs");
        }
    }
}
