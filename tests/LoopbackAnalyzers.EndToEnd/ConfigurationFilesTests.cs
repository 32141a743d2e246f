using System;
using System.IO;
using System.Threading.Tasks;
using LoopbackAnalyzers.EndToEnd.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace LoopbackAnalyzers.EndToEnd
{
    /// <summary>
    /// Sample "DevServerConfig": endpoints only in appsettings*.json and launchSettings.json. Proves that the package's
    /// buildTransitive targets pass those files to the analyzer, and that the build reports on the JSON lines.
    /// </summary>
    [Collection(EndToEndCollection.Name)]
    public sealed class ConfigurationFilesTests
    {
        private readonly PackageFixture _package;
        private readonly ITestOutputHelper _output;

        public ConfigurationFilesTests(PackageFixture package, ITestOutputHelper output)
        {
            _package = package;
            _output = output;
        }

        [Fact]
        public async Task Build_reports_all_interfaces_urls_in_development_configuration_only()
        {
            var project = _package.CopySample("DevServerConfig");

            var build = await DotNet.RunAsync(project, ["build", "--no-incremental", "--nologo"], _package.SampleEnvironment);
            _output.Log(build);

            Expect.ExitCode(0, build);
            Expect.NoLoadFailures(build);
            var diagnostics = BuildDiagnostics.Parse(build.Output, "LOOP001", project);
            Expect.Locations(
                new[] { ("appsettings.Development.json", 5), (Path.Combine("Properties", "launchSettings.json"), 5) },
                diagnostics,
                build);
            Assert.All(diagnostics, d => Assert.Contains("is used only in development", d.Message, StringComparison.Ordinal));
        }
    }
}
