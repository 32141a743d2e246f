using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using LoopbackAnalyzers.EndToEnd.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace LoopbackAnalyzers.EndToEnd
{
    /// <summary>
    /// Sample "RunnablePortTests": an xunit project whose tests start a server on a fixed loopback port (TcpListener,
    /// Socket.Bind, UdpClient, Kestrel UseUrls and app.Urls.Add, Grpc.Core ServerPort) and talk to it on the same port,
    /// plus a listener on every interface (LOOP001) and a Kestrel URL on localhost:0 (LOOP004, which fails unfixed).
    /// The build must report exactly the marked lines (<c>// LOOP002</c>, <c>// LOOP001 LOOP002</c>, ...); every fix,
    /// applied by one <c>dotnet format</c> run, must give exactly the sources in "RunnablePortTests.fixed", leave no
    /// fixed port behind, and tests that pass. The sample restores xunit and Grpc.Core from the registry, hence <see cref="PackageSources.FeedAndUserSources"/>.
    /// </summary>
    [Collection(EndToEndCollection.Name)]
    public sealed class RunnablePortSamplesTests
    {
        private const string Sample = "RunnablePortTests";
        private const PackageSources Sources = PackageSources.FeedAndUserSources;
        // Every rule with a code fix: the sample's fixed form must come out of one 'dotnet format' run.
        private static readonly string[] Rules = { "LOOP001", "LOOP002", "LOOP003", "LOOP004" };
        private static readonly string[] PortRules = { "LOOP002", "LOOP003" };

        private readonly PackageFixture _package;
        private readonly ITestOutputHelper _output;

        public RunnablePortSamplesTests(PackageFixture package, ITestOutputHelper output)
        {
            _package = package;
            _output = output;
        }

        [Fact]
        public async Task Build_reports_the_fixed_ports_at_the_marked_lines()
        {
            var project = _package.CopySample(Sample, Sources);

            var build = await RunAsync(project, "build", "--no-incremental", "--nologo");

            Expect.ExitCode(0, build);
            Expect.NoLoadFailures(build);
            var total = 0;
            foreach (var rule in Rules)
            {
                var expected = BuildDiagnostics.MarkedLines(project, rule);
                Assert.True(expected.Count > 0, $"The sample has no line marked {rule}.");
                var diagnostics = BuildDiagnostics.Parse(build.Output, rule, project);
                Expect.Locations(expected.Select(e => (e.File, e.Line)), diagnostics, build);
                Assert.All(diagnostics, d => Assert.Equal("warning", d.Severity));
                total += expected.Count;
            }

            // Every LOOP002 has the test method as its evidence; nothing but the marked lines warns.
            Assert.All(
                BuildDiagnostics.Parse(build.Output, "LOOP002", project),
                d => Assert.Contains("is a test method", d.Message, StringComparison.Ordinal));
            Expect.WarningCount(total, build);
        }

        [Fact]
        public async Task Dotnet_format_assigns_OS_ports_and_the_fixed_tests_pass()
        {
            var project = _package.CopySample(Sample, Sources);
            var ports = FixedPorts(project);
            var facts = SourceFiles(project).Sum(file => Regex.Matches(File.ReadAllText(file), @"\[Fact\]").Count);
            _output.WriteLine($"Fixed ports on the marked lines: {string.Join(", ", ports)}; [Fact]s: {facts}");
            Assert.True(facts > 0, "The sample has no [Fact].");

            string[] format = ["format", "analyzers", "--diagnostics", .. Rules, "--severity", "warn"];
            string[] verify = [.. format, "--verify-no-changes"];

            var before = await RunAsync(project, verify);
            Expect.ExitCode(2, before);
            foreach (var rule in Rules)
            {
                Expect.Locations(
                    BuildDiagnostics.MarkedLines(project, rule).Select(e => (e.File, e.Line)),
                    BuildDiagnostics.Parse(before.Output, rule, project),
                    before);
            }

            var fix = await RunAsync(project, format);
            Expect.ExitCode(0, fix);

            // What the fix produced, for the reader of a failure.
            foreach (var file in SourceFiles(project))
            {
                _output.WriteLine($"--- {BuildDiagnostics.Relative(project, file)} after 'dotnet format' ---");
                _output.WriteLine(File.ReadAllText(file));
            }

            // Exactly the expected rewrite: port 0, the read-back after Start/Bind/construction/StartAsync/Ports.Add,
            // the clients on the new variable, and no using directive that is not needed.
            var fixedSource = _package.SampleSource(Sample + ".fixed");
            foreach (var file in SourceFiles(project))
            {
                var expectedFile = Path.Combine(fixedSource, BuildDiagnostics.Relative(project, file));
                Assert.True(File.Exists(expectedFile), $"No expected copy of {file} in {fixedSource}.");
                Assert.True(
                    Normalize(File.ReadAllText(expectedFile)) == Normalize(File.ReadAllText(file)),
                    $"{BuildDiagnostics.Relative(project, file)} after 'dotnet format' differs from {expectedFile} (the output shows it).");
            }

            var after = await RunAsync(project, verify);
            Assert.True(
                after.ExitCode == 0 && !after.TimedOut,
                $"LOOP002 or LOOP003 is still reported after 'dotnet format' (exit code 0 expected).{Environment.NewLine}{after}" +
                $"{Environment.NewLine}{fix}");

            var leftovers = SourceFiles(project)
                .SelectMany(file => File.ReadAllLines(file).Select((text, index) => (file, line: index + 1, text)))
                .Where(l => ports.Any(port => Regex.IsMatch(l.text, $@"(?<!\d){port}(?!\d)")))
                .Select(l => $"{BuildDiagnostics.Relative(project, l.file)}:{l.line}: {l.text.Trim()}")
                .ToList();
            Assert.True(
                leftovers.Count == 0,
                $"A fixed port is still in the sources after the fix:{Environment.NewLine}{string.Join(Environment.NewLine, leftovers)}");

            var rebuild = await RunAsync(project, "build", "--no-incremental", "--nologo");
            Expect.ExitCode(0, rebuild);
            Expect.NoLoadFailures(rebuild);
            foreach (var rule in Rules)
            {
                Assert.True(
                    BuildDiagnostics.Parse(rebuild.Output, rule, project).Count == 0,
                    $"{rule} after the fix.{Environment.NewLine}{rebuild}");
            }

            Assert.True(Regex.IsMatch(rebuild.Output, @"^\s*0 Error\(s\)", RegexOptions.Multiline), $"Errors after the fix.{Environment.NewLine}{rebuild}");

            var test = await RunAsync(project, "test", "--no-build", "--nologo");
            Expect.ExitCode(0, test);
            // VSTest's summary: "Passed!  - Failed:     0, Passed:     6, Skipped:     0, Total:     6, ..."
            var summary = Regex.Match(test.Output, @"Failed:\s*(?<failed>\d+), Passed:\s*(?<passed>\d+), Skipped:\s*(?<skipped>\d+), Total:\s*(?<total>\d+)");
            Assert.True(summary.Success, $"No test summary.{Environment.NewLine}{test}");
            Assert.True(
                int.Parse(summary.Groups["passed"].Value) == facts && int.Parse(summary.Groups["total"].Value) == facts,
                $"Expected all {facts} tests of the sample to pass.{Environment.NewLine}{test}");
        }

        /// <summary>
        /// The port numbers written on the marked lines: the integer literals outside strings, and the ports of URL
        /// strings (<c>"http://127.0.0.1:5103"</c>). Host strings such as <c>"127.0.0.1"</c> hold no port.
        /// </summary>
        private static IReadOnlyList<int> FixedPorts(string project)
        {
            var ports = new SortedSet<int>();
            foreach (var rule in PortRules)
            {
                foreach (var (file, line, _) in BuildDiagnostics.MarkedLines(project, rule))
                {
                    var text = File.ReadAllLines(Path.Combine(project, file))[line - 1];
                    var code = Regex.Replace(text, @"//\s*LOOP\d{3}\b.*$", string.Empty);
                    var found = new List<int>();
                    var strings = Regex.Matches(code, @"""(?:[^""\\]|\\.)*""");
                    foreach (Match literal in strings)
                    {
                        if (Regex.Match(literal.Value, @"://[^/""]*:(?<port>\d+)") is { Success: true } url)
                        {
                            found.Add(int.Parse(url.Groups["port"].Value));
                        }
                    }

                    foreach (Match number in Regex.Matches(Regex.Replace(code, @"""(?:[^""\\]|\\.)*""", "\"\""), @"(?<![\w.])\d+(?![\w.])"))
                    {
                        found.Add(int.Parse(number.Value));
                    }

                    Assert.True(
                        found.Count > 0 && found.All(port => port is > 0 and <= 65535),
                        $"Expected a fixed port on {file}:{line}, found [{string.Join(", ", found)}]: {text.Trim()}");
                    ports.UnionWith(found);
                }
            }

            return ports.ToList();
        }

        private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd();

        private static IEnumerable<string> SourceFiles(string project) =>
            Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories)
                .Where(file =>
                {
                    var relative = BuildDiagnostics.Relative(project, file);
                    return !relative.StartsWith("bin/", StringComparison.Ordinal) && !relative.StartsWith("obj/", StringComparison.Ordinal);
                })
                .OrderBy(file => file, StringComparer.Ordinal);

        private async Task<ProcessResult> RunAsync(string project, params string[] arguments)
        {
            var result = await DotNet.RunAsync(project, arguments, _package.EnvironmentFor(Sources));
            _output.Log(result);
            return result;
        }
    }
}
