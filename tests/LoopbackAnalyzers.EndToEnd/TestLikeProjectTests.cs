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
    /// Sample "TestLikeProject": a class library whose only loopback evidence is <c>&lt;IsTestProject&gt;true</c>, which the
    /// analyzer can see only through the package's buildTransitive props. Lines that must be reported end in
    /// <c>// LOOP001</c>; everything else (including the ReceiveFrom look-alike) must stay silent.
    /// </summary>
    [Collection(EndToEndCollection.Name)]
    public sealed class TestLikeProjectTests
    {
        private const string Sample = "TestLikeProject";
        private const string Rule = "LOOP001";

        private readonly PackageFixture _package;
        private readonly ITestOutputHelper _output;

        public TestLikeProjectTests(PackageFixture package, ITestOutputHelper output)
        {
            _package = package;
            _output = output;
        }

        [Fact]
        public async Task Build_reports_LOOP001_at_exactly_the_marked_lines()
        {
            var project = _package.CopySample(Sample);
            var expected = BuildDiagnostics.MarkedLines(project, Rule);
            Assert.Equal(5, expected.Count);

            var build = await RunAsync(project, "build", "--no-incremental", "--nologo");

            Expect.ExitCode(0, build);
            Expect.NoLoadFailures(build);
            var diagnostics = BuildDiagnostics.Parse(build.Output, Rule, project);
            Expect.Locations(expected.Select(e => (e.File, e.Line)), diagnostics, build);
            Assert.All(diagnostics, d =>
            {
                Assert.Equal("warning", d.Severity);
                Assert.EndsWith($"this is a test project ({Expect.HelpLink})", d.Message, StringComparison.Ordinal);
            });
            Expect.WarningCount(expected.Count, build);
        }

        [Fact]
        public async Task Warnaserror_fails_the_build()
        {
            var project = _package.CopySample(Sample);

            var build = await RunAsync(project, "build", "--no-incremental", "--nologo", $"-warnaserror:{Rule}");

            Assert.True(build.ExitCode != 0 && !build.TimedOut, $"Expected the build to fail.{Environment.NewLine}{build}");
            Assert.Contains($"error {Rule}:", build.Output, StringComparison.Ordinal);
            Expect.NoLoadFailures(build);
        }

        [Fact]
        public async Task Dotnet_format_applies_the_fix_and_leaves_a_clean_build()
        {
            var project = _package.CopySample(Sample);
            var fixedSource = _package.SampleSource(Sample + ".fixed");
            string[] format = ["format", "analyzers", "--diagnostics", Rule, "--severity", "warn"];
            string[] verify = [.. format, "--verify-no-changes"];

            var before = await RunAsync(project, verify);
            Expect.ExitCode(2, before);
            Expect.Locations(
                BuildDiagnostics.MarkedLines(project, Rule).Select(e => (e.File, e.Line)),
                BuildDiagnostics.Parse(before.Output, Rule, project),
                before);

            var fix = await RunAsync(project, format);
            Expect.ExitCode(0, fix);

            foreach (var file in Directory.EnumerateFiles(project, "*.cs"))
            {
                var name = Path.GetFileName(file);
                var expectedFile = File.Exists(Path.Combine(fixedSource, name))
                    ? Path.Combine(fixedSource, name)
                    : Path.Combine(_package.SampleSource(Sample), name);
                Assert.True(
                    Normalize(File.ReadAllText(expectedFile)) == Normalize(File.ReadAllText(file)),
                    $"{name} after 'dotnet format' differs from {expectedFile}.{Environment.NewLine}--- actual ---{Environment.NewLine}" +
                    $"{File.ReadAllText(file)}{Environment.NewLine}{fix}");
            }

            var after = await RunAsync(project, verify);
            Expect.ExitCode(0, after);

            var rebuild = await RunAsync(project, "build", "--no-incremental", "--nologo");
            Expect.ExitCode(0, rebuild);
            Expect.NoLoadFailures(rebuild);
            Assert.True(BuildDiagnostics.Parse(rebuild.Output, Rule, project).Count == 0, $"LOOP001 after the fix.{Environment.NewLine}{rebuild}");
            Assert.True(File.Exists(Path.Combine(project, "bin", "Debug", "net10.0", Sample + ".dll")), $"No assembly was built.{Environment.NewLine}{rebuild}");
        }

        private async Task<ProcessResult> RunAsync(string project, params string[] arguments)
        {
            var result = await DotNet.RunAsync(project, arguments, _package.SampleEnvironment);
            _output.Log(result);
            return result;
        }

        private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
