using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace LoopbackAnalyzers.EndToEnd.Infrastructure
{
    /// <summary>The result of one <c>dotnet</c> invocation: exit code, the interleaved output, and how long it took.</summary>
    public sealed record ProcessResult(string CommandLine, string WorkingDirectory, int ExitCode, bool TimedOut, TimeSpan Duration, string Output)
    {
        /// <summary>Everything a failing assertion should show.</summary>
        public override string ToString() =>
            $"$ {CommandLine}{Environment.NewLine}  (in {WorkingDirectory}; exit code {(TimedOut ? "none, timed out" : ExitCode.ToString())}; " +
            $"{Duration.TotalSeconds:F1} s){Environment.NewLine}{Output}";
    }

    /// <summary>Runs the <c>dotnet</c> CLI as a child process with a timeout, capturing stdout and stderr together.</summary>
    public static class DotNet
    {
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(4);

        public static async Task<ProcessResult> RunAsync(
            string workingDirectory,
            IEnumerable<string> arguments,
            IReadOnlyDictionary<string, string>? environment = null,
            TimeSpan? timeout = null)
        {
            var args = arguments.ToArray();
            var startInfo = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in args)
            {
                startInfo.ArgumentList.Add(argument);
            }

            PrepareEnvironment(startInfo.Environment);
            foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            {
                startInfo.Environment[name] = value;
            }

            var output = new StringBuilder();
            void Append(string? line)
            {
                if (line is null)
                {
                    return;
                }

                lock (output)
                {
                    output.AppendLine(line);
                }
            }

            var commandLine = "dotnet " + string.Join(" ", args.Select(Quote));
            var stopwatch = Stopwatch.StartNew();
            using var process = new Process { StartInfo = startInfo };
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            var timedOut = false;
            using (var cancellation = new CancellationTokenSource(timeout ?? DefaultTimeout))
            {
                try
                {
                    await process.WaitForExitAsync(cancellation.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    timedOut = true;
                    try
                    {
                        process.Kill(entireProcessTree: true);
                    }
                    catch (InvalidOperationException)
                    {
                        // It exited just now.
                    }

                    process.WaitForExit(10_000);
                }
            }

            stopwatch.Stop();
            string text;
            lock (output)
            {
                text = output.ToString();
            }

            return new ProcessResult(commandLine, workingDirectory, timedOut ? -1 : process.ExitCode, timedOut, stopwatch.Elapsed, text);
        }

        /// <summary>
        /// A child build must not inherit the MSBuild state of the build that runs these tests (dotnet test sets
        /// MSBuild* variables for its own nodes), must print English, must not leave build servers or reusable nodes
        /// behind (they would hold the output pipes open), and must not use the terminal logger. Also used for the language
        /// server, which loads projects with MSBuild.
        /// </summary>
        internal static void PrepareEnvironment(IDictionary<string, string?> environment)
        {
            foreach (var name in environment.Keys.ToList())
            {
                if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) ||
                    name.StartsWith("VSTEST_", StringComparison.OrdinalIgnoreCase) ||
                    name.Equals("DOTNET_HOST_PATH", StringComparison.OrdinalIgnoreCase))
                {
                    environment.Remove(name);
                }
            }

            environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
            environment["DOTNET_NOLOGO"] = "1";
            environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
            environment["MSBUILDDISABLENODEREUSE"] = "1";
            environment["MSBUILDTERMINALLOGGER"] = "off";
            environment["UseSharedCompilation"] = "false";
        }

        private static string Quote(string argument) =>
            argument.Length > 0 && argument.All(c => !char.IsWhiteSpace(c) && c != '"') ? argument : $"\"{argument}\"";
    }
}
