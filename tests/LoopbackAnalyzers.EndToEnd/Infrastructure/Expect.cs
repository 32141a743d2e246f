using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;
using Xunit.Abstractions;

namespace LoopbackAnalyzers.EndToEnd.Infrastructure
{
    /// <summary>Assertions over command results that put the whole command transcript into the failure message.</summary>
    public static class Expect
    {
        public const string HelpLink = "https://github.com/loopback-analyzers/LoopbackAnalyzers/blob/main/docs/rules/LOOP001.md";

        public static void Log(this ITestOutputHelper output, ProcessResult result) => output.WriteLine(result.ToString());

        public static void ExitCode(int expected, ProcessResult result)
        {
            if (result.TimedOut || result.ExitCode != expected)
            {
                Assert.Fail($"Expected exit code {expected}.{Environment.NewLine}{result}");
            }
        }

        /// <summary>The diagnostics are exactly at the expected (file, line) pairs, each once.</summary>
        public static void Locations(
            IEnumerable<(string File, int Line)> expected,
            IReadOnlyList<BuildDiagnostic> actual,
            ProcessResult result)
        {
            var want = expected.Select(e => $"{e.File}:{e.Line}").OrderBy(s => s, StringComparer.Ordinal).ToList();
            var got = actual.Select(d => $"{d.File}:{d.Line}").OrderBy(s => s, StringComparer.Ordinal).ToList();
            if (!want.SequenceEqual(got))
            {
                Assert.Fail(
                    $"Expected diagnostics at{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", want)}{Environment.NewLine}" +
                    $"but got{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", got)}{Environment.NewLine}" +
                    $"missing: {string.Join(", ", want.Except(got))}; unexpected: {string.Join(", ", got.Except(want))}{Environment.NewLine}{result}");
            }
        }

        public static void NoLoadFailures(ProcessResult result)
        {
            var failures = BuildDiagnostics.LoadFailures(result.Output);
            if (failures.Count > 0)
            {
                Assert.Fail($"The analyzer did not load or crashed:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}{Environment.NewLine}{result}");
            }
        }

        /// <summary>The "N Warning(s)" count of MSBuild's summary.</summary>
        public static void WarningCount(int expected, ProcessResult result)
        {
            var match = Regex.Match(result.Output, @"^\s*(\d+) Warning\(s\)", RegexOptions.Multiline);
            if (!match.Success || int.Parse(match.Groups[1].Value) != expected)
            {
                Assert.Fail($"Expected the build summary to count {expected} warning(s).{Environment.NewLine}{result}");
            }
        }
    }
}
