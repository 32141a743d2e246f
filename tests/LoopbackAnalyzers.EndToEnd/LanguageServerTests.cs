using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using LoopbackAnalyzers.EndToEnd.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace LoopbackAnalyzers.EndToEnd
{
    /// <summary>
    /// The squiggle in a real editor backend: csharp-ls (a Roslyn-based language server, installed as a .NET tool) loads the
    /// restored TestLikeProject copy with the package's analyzer, and a minimal LSP client in this test pulls diagnostics
    /// for an open file, then edits the file to the fixed text and sees the diagnostics go (and come back on undo).
    /// </summary>
    /// <remarks>
    /// Measured facts this relies on (shared/reference/clients.md): csharp-ls never restores; it runs analyzers only when
    /// the client answers <c>workspace/configuration</c> with <c>analyzersEnabled: true</c>; a client that advertises
    /// <c>textDocument.diagnostic</c> with dynamic registration gets <c>client/registerCapability</c> for it and can pull.
    /// csharp-ls does not offer code fixes from analyzer packages, so code actions are deliberately not asserted here;
    /// <c>dotnet format</c> covers the fix end to end.
    /// </remarks>
    [Collection(EndToEndCollection.Name)]
    public sealed class LanguageServerTests
    {
        private const string Sample = "TestLikeProject";
        private const string Rule = "LOOP001";
        private const string File = "EchoServerFixture.cs";
        private const string ServerVersion = "0.28.0";

        private static readonly TimeSpan FirstDiagnosticBudget = TimeSpan.FromSeconds(120);
        private static readonly TimeSpan ClearedBudget = TimeSpan.FromSeconds(60);

        private readonly PackageFixture _package;
        private readonly ITestOutputHelper _output;

        public LanguageServerTests(PackageFixture package, ITestOutputHelper output)
        {
            _package = package;
            _output = output;
        }

        [Fact]
        public async Task Csharp_ls_shows_LOOP001_with_help_link_and_follows_edits()
        {
            var server = await InstallServerAsync();

            var project = _package.CopySample(Sample);
            var restore = await DotNet.RunAsync(project, ["restore"], _package.SampleEnvironment);
            _output.Log(restore);
            Expect.ExitCode(0, restore);

            var path = Path.Combine(project, File);
            var uri = new Uri(path).AbsoluteUri;
            var text = System.IO.File.ReadAllText(path);
            var fixedText = System.IO.File.ReadAllText(Path.Combine(_package.SampleSource(Sample + ".fixed"), File));
            var expected = ExpectedRanges(text);
            Assert.Equal(2, expected.Count);

            var pullRegistered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            JsonNode? AnswerServer(string method, JsonNode? parameters)
            {
                switch (method)
                {
                    case "workspace/configuration":
                        // One answer per item asked for; csharp-ls asks for the "csharp" section.
                        var items = parameters?["items"]?.AsArray().Count ?? 1;
                        return new JsonArray(Enumerable.Range(0, items).Select(_ => (JsonNode)new JsonObject { ["analyzersEnabled"] = true }).ToArray());
                    case "client/registerCapability":
                        if (parameters?["registrations"]?.AsArray().Any(r => r?["method"]?.GetValue<string>() == "textDocument/diagnostic") == true)
                        {
                            pullRegistered.TrySetResult();
                        }

                        return null;
                    default:
                        // workspace/diagnostic/refresh, window/workDoneProgress/create, ...: acknowledged.
                        return null;
                }
            }

            var clock = Stopwatch.StartNew();
            var client = LspClient.Start(server, [], project, _package.SampleEnvironment, AnswerServer);
            try
            {
                var initialize = await client.RequestAsync("initialize", Initialize(project), FirstDiagnosticBudget);
                _output.WriteLine($"[{clock.Elapsed.TotalSeconds:F2}s] initialize -> {initialize?["serverInfo"]?.ToJsonString()}");
                await client.NotifyAsync("initialized", new JsonObject());
                await client.NotifyAsync("textDocument/didOpen", new JsonObject
                {
                    ["textDocument"] = new JsonObject { ["uri"] = uri, ["languageId"] = "csharp", ["version"] = 1, ["text"] = text },
                });

                // Pull mode: the server registers textDocument/diagnostic dynamically, or declares it statically.
                var deadline = clock.Elapsed + FirstDiagnosticBudget;
                if (initialize?["capabilities"]?["diagnosticProvider"] is null)
                {
                    var registered = await Task.WhenAny(pullRegistered.Task, Task.Delay(Remaining(clock, deadline)));
                    Assert.True(
                        registered == pullRegistered.Task,
                        $"csharp-ls registered no textDocument/diagnostic within {FirstDiagnosticBudget.TotalSeconds:F0} s.{Transcript(client)}");
                }

                var diagnostics = await PullUntilAsync(client, uri, clock, deadline, items => Loop(items).Count > 0);
                Assert.True(
                    diagnostics is not null,
                    $"No {Rule} for {File} within {FirstDiagnosticBudget.TotalSeconds:F0} s of starting csharp-ls.{Transcript(client)}");
                _output.WriteLine($"[{clock.Elapsed.TotalSeconds:F2}s] first {Rule}: {diagnostics!.ToJsonString()}");

                var loop = Loop(diagnostics);
                var actual = loop.Select(d => Range(d["range"]!)).OrderBy(r => r).ToList();
                Assert.True(
                    expected.OrderBy(r => r).SequenceEqual(actual),
                    $"{Rule} ranges [{string.Join(", ", actual)}], expected [{string.Join(", ", expected.OrderBy(r => r))}].{Transcript(client)}");
                foreach (var diagnostic in loop)
                {
                    var json = diagnostic.ToJsonString();
                    Assert.True(diagnostic["severity"]?.GetValue<int>() == 2, $"Not a warning (severity 2): {json}");
                    Assert.True(diagnostic["codeDescription"]?["href"]?.GetValue<string>() == Expect.HelpLink, $"codeDescription.href is not {Expect.HelpLink}: {json}");
                    var message = diagnostic["message"]?.GetValue<string>() ?? string.Empty;
                    Assert.True(
                        message.Contains("listens on all network interfaces", StringComparison.Ordinal) &&
                        message.Contains("this is a test project", StringComparison.Ordinal),
                        $"Unexpected message: {json}");
                }

                // The user applies the fix by hand: the whole text is replaced with the fixed file (IPAddress.Loopback).
                var changedAt = clock.Elapsed;
                await client.NotifyAsync("textDocument/didChange", new JsonObject
                {
                    ["textDocument"] = new JsonObject { ["uri"] = uri, ["version"] = 2 },
                    ["contentChanges"] = new JsonArray(new JsonObject { ["text"] = fixedText }),
                });
                var cleared = await PullUntilAsync(client, uri, clock, clock.Elapsed + ClearedBudget, items => Loop(items).Count == 0);
                Assert.True(
                    cleared is not null,
                    $"{Rule} still reported {ClearedBudget.TotalSeconds:F0} s after the fix was typed in.{Transcript(client)}");
                _output.WriteLine($"[{clock.Elapsed.TotalSeconds:F2}s] {Rule} cleared {(clock.Elapsed - changedAt).TotalSeconds:F2} s after didChange");

                // Undo: the original text brings the same diagnostics back. This shows the empty answer above came from
                // analysing the fixed text, not from a server that answers nothing after any edit.
                await client.NotifyAsync("textDocument/didChange", new JsonObject
                {
                    ["textDocument"] = new JsonObject { ["uri"] = uri, ["version"] = 3 },
                    ["contentChanges"] = new JsonArray(new JsonObject { ["text"] = text }),
                });
                var back = await PullUntilAsync(client, uri, clock, clock.Elapsed + ClearedBudget, items => Loop(items).Count > 0);
                Assert.True(back is not null, $"{Rule} did not come back after the edit was undone.{Transcript(client)}");
                var backRanges = Loop(back!).Select(d => Range(d["range"]!)).OrderBy(r => r).ToList();
                Assert.True(
                    actual.SequenceEqual(backRanges),
                    $"After undo, {Rule} ranges [{string.Join(", ", backRanges)}], expected [{string.Join(", ", actual)}].{Transcript(client)}");
            }
            finally
            {
                // shutdown + exit; kills the process tree if the server does not go.
                await client.DisposeAsync();
                _output.WriteLine($"--- LSP transcript ---{Environment.NewLine}{client.Transcript}");
            }
        }

        /// <summary>
        /// Installs csharp-ls into a tool path of this run. Run in the work root, which has no NuGet.config of its own, so the
        /// user's package sources apply. A failed install fails the test: this test must never pass by not running.
        /// </summary>
        private async Task<string> InstallServerAsync()
        {
            var toolPath = Path.Combine(_package.WorkRoot, "tools");
            var executable = Path.Combine(toolPath, OperatingSystem.IsWindows() ? "csharp-ls.exe" : "csharp-ls");
            var install = await DotNet.RunAsync(
                _package.WorkRoot,
                ["tool", "install", "csharp-ls", "--version", ServerVersion, "--tool-path", toolPath],
                timeout: TimeSpan.FromMinutes(2));
            _output.Log(install);
            if (install.ExitCode != 0 || install.TimedOut || !System.IO.File.Exists(executable))
            {
                Assert.Fail(
                    $"Could not install the language server csharp-ls {ServerVersion} (dotnet tool install), so the LSP " +
                    $"end-to-end test cannot run. This is a failure, not a skip.{Environment.NewLine}{install}");
            }

            return executable;
        }

        private static JsonObject Initialize(string project)
        {
            var rootUri = new Uri(project.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar).AbsoluteUri.TrimEnd('/');
            return new JsonObject
            {
                ["processId"] = Environment.ProcessId,
                ["clientInfo"] = new JsonObject { ["name"] = "LoopbackAnalyzers.EndToEnd" },
                ["rootUri"] = rootUri,
                ["rootPath"] = project,
                ["workspaceFolders"] = new JsonArray(new JsonObject { ["uri"] = rootUri, ["name"] = Path.GetFileName(project) }),
                ["capabilities"] = new JsonObject
                {
                    ["workspace"] = new JsonObject
                    {
                        ["configuration"] = true,
                        ["workspaceFolders"] = true,
                        ["didChangeConfiguration"] = new JsonObject { ["dynamicRegistration"] = true },
                        ["diagnostics"] = new JsonObject { ["refreshSupport"] = true },
                    },
                    ["textDocument"] = new JsonObject
                    {
                        ["synchronization"] = new JsonObject { ["dynamicRegistration"] = true, ["didSave"] = false },
                        // Pull diagnostics, registered dynamically by csharp-ls.
                        ["diagnostic"] = new JsonObject { ["dynamicRegistration"] = true, ["relatedDocumentSupport"] = false },
                        ["publishDiagnostics"] = new JsonObject { ["codeDescriptionSupport"] = true },
                    },
                },
            };
        }

        /// <summary>
        /// Pulls <c>textDocument/diagnostic</c> for <paramref name="uri"/> until <paramref name="done"/> holds for the items,
        /// or <paramref name="deadline"/> passes (then null). The first pull waits until the project has loaded. Error
        /// answers (such as ContentModified while the server re-analyses) are retried.
        /// </summary>
        private async Task<JsonArray?> PullUntilAsync(LspClient client, string uri, Stopwatch clock, TimeSpan deadline, Func<JsonArray, bool> done)
        {
            while (clock.Elapsed < deadline && !client.HasExited)
            {
                try
                {
                    var report = await client.RequestAsync(
                        "textDocument/diagnostic",
                        new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = uri } },
                        Remaining(clock, deadline));
                    if (report?["items"] is JsonArray items && done(items))
                    {
                        return items;
                    }
                }
                catch (LspErrorException e)
                {
                    _output.WriteLine($"[{clock.Elapsed.TotalSeconds:F2}s] pull answered with an error, retrying: {e.Message}");
                }
                catch (TimeoutException)
                {
                    return null;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }

            return null;
        }

        private static TimeSpan Remaining(Stopwatch clock, TimeSpan deadline) =>
            deadline > clock.Elapsed ? deadline - clock.Elapsed : TimeSpan.FromMilliseconds(1);

        private static List<JsonNode> Loop(JsonArray items) =>
            items.Where(d => d?["code"]?.GetValue<string>() == Rule).Select(d => d!).ToList();

        /// <summary>0-based LSP ranges of the address expressions on the lines marked <c>// LOOP001</c>.</summary>
        private static List<string> ExpectedRanges(string text)
        {
            var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
            var result = new List<string>();
            for (var line = 0; line < lines.Length; line++)
            {
                if (!lines[line].Contains("// " + Rule, StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (var expression in new[] { "IPAddress.IPv6Any", "IPAddress.Any" })
                {
                    var character = lines[line].IndexOf(expression, StringComparison.Ordinal);
                    if (character >= 0)
                    {
                        result.Add($"{line}:{character}-{line}:{character + expression.Length}");
                        break;
                    }
                }
            }

            return result;
        }

        private static string Range(JsonNode range) =>
            $"{range["start"]!["line"]}:{range["start"]!["character"]}-{range["end"]!["line"]}:{range["end"]!["character"]}";

        private static string Transcript(LspClient client) =>
            $"{Environment.NewLine}--- LSP transcript ---{Environment.NewLine}{client.Transcript}";
    }
}
