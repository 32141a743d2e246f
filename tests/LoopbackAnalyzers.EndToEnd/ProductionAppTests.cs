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
    /// Sample "ProductionApp": an ASP.NET Core app (Microsoft.NET.Sdk.Web) that binds every interface on purpose and has no
    /// loopback evidence. LOOP001 must be silent by default, and report the lines marked <c>// LOOP001</c> (and no others,
    /// such as ListenLocalhost or a localhost URL) once <c>.editorconfig</c> turns on audit mode.
    /// </summary>
    /// <remarks>
    /// The Web SDK needs only the Microsoft.AspNetCore.App framework and its targeting pack, which come with the .NET SDK;
    /// neither is a package to restore, so the copy restores from the local feed alone, like the other samples.
    /// </remarks>
    [Collection(EndToEndCollection.Name)]
    public sealed class ProductionAppTests
    {
        private const string Sample = "ProductionApp";
        private const string Rule = "LOOP001";

        private readonly PackageFixture _package;
        private readonly ITestOutputHelper _output;

        public ProductionAppTests(PackageFixture package, ITestOutputHelper output)
        {
            _package = package;
            _output = output;
        }

        [Fact]
        public async Task Silent_by_default_and_reported_with_intent_loopback()
        {
            var project = _package.CopySample(Sample);
            var expected = BuildDiagnostics.MarkedLines(project, Rule);
            Assert.Equal(4, expected.Count);

            var production = await RunAsync(project, "build", "--no-incremental", "--nologo");
            Expect.ExitCode(0, production);
            Expect.NoLoadFailures(production);
            Assert.True(
                BuildDiagnostics.Parse(production.Output, Rule, project).Count == 0,
                $"A production app without loopback evidence must get no {Rule}.{Environment.NewLine}{production}");
            Expect.WarningCount(0, production);

            // Same copy, already restored: audit mode for every C# file.
            File.WriteAllText(Path.Combine(project, ".editorconfig"), "root = true\n\n[*.cs]\nloopback_analyzers.intent = loopback\n");
            var audit = await RunAsync(project, "build", "--no-incremental", "--nologo", "--no-restore");

            Expect.ExitCode(0, audit);
            Expect.NoLoadFailures(audit);
            var diagnostics = BuildDiagnostics.Parse(audit.Output, Rule, project);
            Expect.Locations(expected.Select(e => (e.File, e.Line)), diagnostics, audit);
            Assert.All(diagnostics, d =>
            {
                Assert.Equal("warning", d.Severity);
                Assert.EndsWith($"loopback_analyzers.intent = loopback ({Expect.HelpLink})", d.Message, StringComparison.Ordinal);
            });
            // Audit mode is intent for every rule that needs it: the six fixed ports (LOOP002) are reported too.
            var fixedPorts = BuildDiagnostics.Parse(audit.Output, "LOOP002", project);
            Assert.True(fixedPorts.Count == 6, $"Expected LOOP002 on the 6 fixed ports, got {fixedPorts.Count}: {string.Join(", ", fixedPorts.Select(d => d.Line))}.{Environment.NewLine}{audit}");
            Expect.WarningCount(expected.Count + fixedPorts.Count, audit);
        }

        private async Task<ProcessResult> RunAsync(string project, params string[] arguments)
        {
            var result = await DotNet.RunAsync(project, arguments, _package.SampleEnvironment);
            _output.Log(result);
            return result;
        }
    }
}
