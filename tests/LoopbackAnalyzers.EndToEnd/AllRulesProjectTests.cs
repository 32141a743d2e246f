using System;
using System.Linq;
using System.Threading.Tasks;
using LoopbackAnalyzers.EndToEnd.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace LoopbackAnalyzers.EndToEnd
{
    /// <summary>
    /// Sample "AllRulesProject": a violation of every rule and an .editorconfig that sets every option. The build must
    /// report exactly the marked lines, rule by rule, and nothing in the file marked public.
    /// </summary>
    [Collection(EndToEndCollection.Name)]
    public sealed class AllRulesProjectTests
    {
        private static readonly string[] Rules = { "LOOP001", "LOOP002", "LOOP003", "LOOP004", "LOOP005", "LOOP006" };

        private readonly PackageFixture _package;
        private readonly ITestOutputHelper _output;

        public AllRulesProjectTests(PackageFixture package, ITestOutputHelper output)
        {
            _package = package;
            _output = output;
        }

        [Fact]
        public async Task Build_reports_every_rule_at_the_marked_lines_with_every_option_applied()
        {
            var project = _package.CopySample("AllRulesProject");

            var build = await DotNet.RunAsync(project, ["build", "--no-incremental", "--nologo"], _package.SampleEnvironment);
            _output.Log(build);

            Expect.ExitCode(0, build);
            Expect.NoLoadFailures(build);
            var total = 0;
            foreach (var rule in Rules)
            {
                var expected = BuildDiagnostics.MarkedLines(project, rule);
                Assert.True(expected.Count > 0, $"The sample has no line marked {rule}.");
                Expect.Locations(expected.Select(e => (e.File, e.Line)), BuildDiagnostics.Parse(build.Output, rule, project), build);
                total += expected.Count;
            }

            // The severity option turned the LOOP005 error into a warning; nothing else is reported.
            Assert.All(BuildDiagnostics.Parse(build.Output, "LOOP005", project), d => Assert.Equal("warning", d.Severity));
            Expect.WarningCount(total, build);
        }
    }
}
