using System;
using System.IO;
using System.Linq;
using System.Text.Json;
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
        private const string Cwe = "CWE-1327";

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
            var (project, build) = await SarifBuildAsync();
            var expected = BuildDiagnostics.MarkedLines(project, Rule);
            Assert.Equal(6, expected.Count);

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
        public async Task Sarif_2_1_log_names_the_rule_with_help_link_and_CWE_tag()
        {
            var (project, build) = await SarifBuildAsync();
            Expect.ExitCode(0, build);
            var sarifPath = Path.Combine(project, "out.sarif");
            Assert.True(File.Exists(sarifPath), $"No SARIF log at {sarifPath}.{Environment.NewLine}{build}");
            var sarifText = File.ReadAllText(sarifPath);
            string Context() => $"{Environment.NewLine}--- {sarifPath} ---{Environment.NewLine}{sarifText}{Environment.NewLine}{build}";

            using var sarif = JsonDocument.Parse(sarifText);
            // A literal comma in -p:ErrorLog would silently give SARIF 1.0.0 (see clients.md); %2C must give 2.1.0.
            Assert.True(sarif.RootElement.GetProperty("version").GetString() == "2.1.0", $"Not SARIF 2.1.0.{Context()}");
            var run = sarif.RootElement.GetProperty("runs")[0];

            // rules[] lists every rule of every analyzer the compiler loaded (the SDK's CA rules too), so ruleIndex is
            // only a position in that list: look LOOP001 up by id, and check that ruleIndex points at it.
            var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
            var loopRules = rules.Where(r => r.GetProperty("id").GetString() == Rule).ToList();
            Assert.True(loopRules.Count == 1, $"Expected exactly one {Rule} entry in runs[0].tool.driver.rules.{Context()}");
            var rule = loopRules[0];
            Assert.True(
                rule.TryGetProperty("helpUri", out var helpUri) && helpUri.GetString() == Expect.HelpLink,
                $"{Rule} should have helpUri {Expect.HelpLink}.{Context()}");

            // The compiler's SARIF 2.1 writer puts a descriptor's customTags into properties.tags (an array of
            // strings), next to properties.category; "CompilationEnd" and the like would go there too. Measured with
            // SDK 10.0.401 (csc 5.9.0): "properties": {"category": "Security", ..., "tags": ["CWE-1327"]}.
            var properties = rule.GetProperty("properties");
            Assert.True(properties.GetProperty("category").GetString() == "Security", $"{Rule} should be in category Security.{Context()}");
            Assert.True(
                properties.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array &&
                tags.EnumerateArray().Any(t => t.GetString() == Cwe),
                $"{Rule} should carry the tag {Cwe} in properties.tags.{Context()}");

            var results = run.GetProperty("results").EnumerateArray()
                .Where(r => r.GetProperty("ruleId").GetString() == Rule)
                .ToList();
            foreach (var result in results)
            {
                Assert.True(
                    result.TryGetProperty("ruleIndex", out var index) && rules[index.GetInt32()].GetProperty("id").GetString() == Rule,
                    $"A {Rule} result's ruleIndex does not point at the {Rule} rule.{Context()}");
                Assert.True(result.GetProperty("level").GetString() == "warning", $"A {Rule} result is not a warning.{Context()}");
            }

            var actual = results
                .Select(result =>
                {
                    var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
                    var file = Path.GetFileName(new Uri(location.GetProperty("artifactLocation").GetProperty("uri").GetString()!).LocalPath);
                    return $"{file}:{location.GetProperty("region").GetProperty("startLine").GetInt32()}";
                })
                .OrderBy(s => s, StringComparer.Ordinal)
                .ToList();
            var expected = BuildDiagnostics.MarkedLines(project, Rule)
                .Select(e => $"{Path.GetFileName(e.File)}:{e.Line}")
                .OrderBy(s => s, StringComparer.Ordinal)
                .ToList();
            Assert.True(
                expected.SequenceEqual(actual),
                $"SARIF {Rule} results at [{string.Join(", ", actual)}], expected [{string.Join(", ", expected)}].{Context()}");
        }

        [Fact]
        public async Task Editorconfig_severity_none_silences_and_error_fails_the_build()
        {
            var project = _package.CopySample(Sample);
            var editorconfig = Path.Combine(project, ".editorconfig");

            File.WriteAllText(editorconfig, $"root = true\n\n[*.cs]\ndotnet_diagnostic.{Rule}.severity = none\n");
            var silenced = await RunAsync(project, "build", "--no-incremental", "--nologo");
            Expect.ExitCode(0, silenced);
            Expect.NoLoadFailures(silenced);
            Assert.True(
                !silenced.Output.Contains(Rule, StringComparison.Ordinal),
                $"severity = none should remove every {Rule}.{Environment.NewLine}{silenced}");

            // Same copy, already restored: only the .editorconfig changes, and --no-incremental makes the compiler run.
            File.WriteAllText(editorconfig, $"root = true\n\n[*.cs]\ndotnet_diagnostic.{Rule}.severity = error\n");
            var failed = await RunAsync(project, "build", "--no-incremental", "--nologo", "--no-restore");
            Assert.True(failed.ExitCode != 0 && !failed.TimedOut, $"severity = error should fail the build.{Environment.NewLine}{failed}");
            Expect.NoLoadFailures(failed);
            var errors = BuildDiagnostics.Parse(failed.Output, Rule, project);
            Expect.Locations(BuildDiagnostics.MarkedLines(project, Rule).Select(e => (e.File, e.Line)), errors, failed);
            Assert.All(errors, e => Assert.Equal("error", e.Severity));
            Assert.DoesNotContain($"warning {Rule}", failed.Output, StringComparison.Ordinal);
        }

        /// <summary>
        /// The oldest compiler the package is tested with, from the Microsoft.Net.Compilers.Toolset package (served by the
        /// registry, so this copy restores from the user's sources as well as the local feed).
        /// </summary>
        [Fact]
        public async Task Compiler_4_14_from_the_toolset_package_loads_the_analyzer()
        {
            const string toolsetVersion = "4.14.0";
            const PackageSources sources = PackageSources.FeedAndUserSources;
            var project = _package.CopySample(Sample, sources);
            var csproj = Path.Combine(project, Sample + ".csproj");
            var xml = File.ReadAllText(csproj);
            const string anchor = "  </PropertyGroup>";
            Assert.Contains(anchor, xml, StringComparison.Ordinal);
            // RoslynCompilerType: the .NET 9+ SDK (Microsoft.NET.Sdk.BeforeCommon.targets) sets CSharpCoreTargetsPath back
            // to its own Roslyn when RoslynCompilerType is empty, Core or Framework, which silently undoes the 4.x toolset
            // package's props (newer toolset packages set the property themselves). Any other value leaves the package's
            // compiler in charge; without it this test would build with the SDK's csc 5.x.
            xml = xml.Insert(xml.IndexOf(anchor, StringComparison.Ordinal), "    <RoslynCompilerType>Custom</RoslynCompilerType>\n");
            xml = xml.Replace(
                "  </ItemGroup>",
                $"    <PackageReference Include=\"Microsoft.Net.Compilers.Toolset\" Version=\"{toolsetVersion}\" PrivateAssets=\"all\" />\n  </ItemGroup>",
                StringComparison.Ordinal);
            File.WriteAllText(csproj, xml);

            var build = await RunAsync(
                sources, project, "build", "--no-incremental", "--nologo", "-v:n", "-p:ErrorLog=out.sarif%2Cversion=2.1");

            Expect.ExitCode(0, build);
            string Context() => $"{Environment.NewLine}--- {csproj} ---{Environment.NewLine}{xml}{Environment.NewLine}{build}";

            // Which compiler ran, two ways: CoreCompile's command line (logged at -v:n) runs the package's csc.dll, and the
            // compiler writes its own version into the SARIF log.
            var packages = _package.UserSourcesPackagesDirectory;
            var toolsetCsc = string.Join('/', packages.TrimEnd('/'), "microsoft.net.compilers.toolset", toolsetVersion, "tasks", "netcore", "bincore", "csc.dll");
            Assert.True(build.Output.Contains(toolsetCsc, StringComparison.Ordinal), $"CoreCompile did not run {toolsetCsc}.{Context()}");
            using (var sarif = JsonDocument.Parse(File.ReadAllText(Path.Combine(project, "out.sarif"))))
            {
                var driver = sarif.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver");
                Assert.True(
                    driver.GetProperty("semanticVersion").GetString() == toolsetVersion,
                    $"The SARIF log names compiler {driver.GetProperty("version")}, not {toolsetVersion}.{Context()}");
            }

            // With the registry in the sources too, the analyzer must still be the freshly packed one.
            var metadata = File.ReadAllText(Path.Combine(packages, "loopbackanalyzers", PackageFixture.PackageVersion, ".nupkg.metadata"));
            using (var json = JsonDocument.Parse(metadata))
            {
                Assert.Equal(_package.FeedDirectory, json.RootElement.GetProperty("source").GetString());
            }

            Expect.NoLoadFailures(build);
            Expect.Locations(
                BuildDiagnostics.MarkedLines(project, Rule).Select(e => (e.File, e.Line)),
                BuildDiagnostics.Parse(build.Output, Rule, project),
                build);
            Expect.WarningCount(6, build);
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

        /// <summary>
        /// One non-incremental build of a copy with a SARIF 2.1 log (out.sarif in the project folder), shared by the test
        /// of the console output and the test of the SARIF log.
        /// </summary>
        private async Task<(string Project, ProcessResult Build)> SarifBuildAsync()
        {
            var shared = await _package.Shared($"{Sample} build with SARIF", async () =>
            {
                var project = _package.CopySample(Sample);
                // %2C: MSBuild would split -p: at a literal comma.
                var build = await DotNet.RunAsync(
                    project, ["build", "--no-incremental", "--nologo", "-p:ErrorLog=out.sarif%2Cversion=2.1"], _package.SampleEnvironment);
                return (project, build);
            });
            _output.Log(shared.build);
            return shared;
        }

        private Task<ProcessResult> RunAsync(string project, params string[] arguments) =>
            RunAsync(PackageSources.FeedOnly, project, arguments);

        private async Task<ProcessResult> RunAsync(PackageSources sources, string project, params string[] arguments)
        {
            var result = await DotNet.RunAsync(project, arguments, _package.EnvironmentFor(sources));
            _output.Log(result);
            return result;
        }

        private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
