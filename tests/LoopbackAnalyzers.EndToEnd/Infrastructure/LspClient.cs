using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace LoopbackAnalyzers.EndToEnd.Infrastructure
{
    /// <summary>An error response from the language server.</summary>
    public sealed class LspErrorException(string method, JsonNode? error) : Exception($"{method} failed: {error?.ToJsonString()}")
    {
        public JsonNode? Error { get; } = error;
    }

    /// <summary>
    /// A minimal Language Server Protocol client over a child process's stdio: JSON-RPC 2.0 messages framed with
    /// <c>Content-Length</c> headers. Requests from the server are answered by <see cref="ServerRequestHandler"/> (null when
    /// it returns null); <c>textDocument/publishDiagnostics</c> notifications are kept per URI. Everything sent and
    /// received is recorded in <see cref="Transcript"/> for failure messages.
    /// </summary>
    public sealed class LspClient : IAsyncDisposable
    {
        private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

        private readonly Process _process;
        private readonly Stream _input;
        private readonly Stream _output;
        private readonly SemaphoreSlim _writeLock = new(1, 1);
        private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonNode?>> _pending = new();
        private readonly ConcurrentQueue<string> _transcript = new();
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _reader;
        private readonly Task _stderrReader;
        private int _nextId;

        private LspClient(Process process, Func<string, JsonNode?, JsonNode?> serverRequestHandler)
        {
            _process = process;
            _input = process.StandardInput.BaseStream;
            _output = process.StandardOutput.BaseStream;
            ServerRequestHandler = serverRequestHandler;
            _reader = Task.Run(ReadLoopAsync);
            _stderrReader = Task.Run(async () =>
            {
                while (await process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
                {
                    Record($"stderr: {line}");
                }
            });
        }

        /// <summary>Answers a server-to-client request (method, params) with a result; null answers null.</summary>
        public Func<string, JsonNode?, JsonNode?> ServerRequestHandler { get; }

        /// <summary>The latest <c>textDocument/publishDiagnostics</c> per document URI.</summary>
        public ConcurrentDictionary<string, JsonArray> PublishedDiagnostics { get; } = new(StringComparer.Ordinal);

        /// <summary>Methods of the server-to-client requests received so far, in order.</summary>
        public ConcurrentQueue<string> ServerRequests { get; } = new();

        public int ProcessId => _process.Id;

        public bool HasExited => _process.HasExited;

        /// <summary>What was sent and received, with times since start; long messages shortened.</summary>
        public string Transcript => string.Join(Environment.NewLine, _transcript);

        public static LspClient Start(
            string executable,
            IEnumerable<string> arguments,
            string workingDirectory,
            IReadOnlyDictionary<string, string> environment,
            Func<string, JsonNode?, JsonNode?> serverRequestHandler)
        {
            var startInfo = new ProcessStartInfo(executable)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in arguments)
            {
                startInfo.ArgumentList.Add(argument);
            }

            DotNet.PrepareEnvironment(startInfo.Environment);
            foreach (var (name, value) in environment)
            {
                startInfo.Environment[name] = value;
            }

            var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {executable}.");
            return new LspClient(process, serverRequestHandler);
        }

        public async Task<JsonNode?> RequestAsync(string method, JsonNode? parameters, TimeSpan timeout)
        {
            var id = Interlocked.Increment(ref _nextId);
            var completion = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
            _pending[id] = completion;
            await SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters })
                .ConfigureAwait(false);
            var finished = await Task.WhenAny(completion.Task, Task.Delay(timeout)).ConfigureAwait(false);
            if (finished != completion.Task)
            {
                _pending.TryRemove(id, out _);
                throw new TimeoutException($"No answer to {method} (id {id}) within {timeout.TotalSeconds:F0} s.");
            }

            return await completion.Task.ConfigureAwait(false);
        }

        public Task NotifyAsync(string method, JsonNode? parameters) =>
            SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters });

        /// <summary>
        /// shutdown and exit, then waits for the process; kills the whole process tree if it does not end in time or the
        /// server no longer answers. Safe to call more than once.
        /// </summary>
        public async ValueTask DisposeAsync()
        {
            try
            {
                if (!_process.HasExited)
                {
                    try
                    {
                        await RequestAsync("shutdown", null, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
                        await NotifyAsync("exit", null).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is TimeoutException or IOException or LspErrorException or ObjectDisposedException)
                    {
                        Record($"shutdown failed: {e.Message}");
                    }

                    using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                    try
                    {
                        await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        Record("the server did not exit within 10 s of exit; killing its process tree");
                    }
                }
            }
            finally
            {
                Kill();
                _stop.Cancel();
                await Task.WhenAny(Task.WhenAll(_reader, _stderrReader), Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
                _process.Dispose();
                _writeLock.Dispose();
            }
        }

        /// <summary>Kills the server and everything it started (build hosts, for one), by this process's id.</summary>
        public void Kill()
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                    _process.WaitForExit(10_000);
                }
            }
            catch (InvalidOperationException)
            {
                // It exited just now.
            }
        }

        private async Task SendAsync(JsonObject message)
        {
            var json = message.ToJsonString();
            var body = Utf8.GetBytes(json);
            var header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
            Record($"--> {Shorten(json)}");
            await _writeLock.WaitAsync().ConfigureAwait(false);
            try
            {
                await _input.WriteAsync(header).ConfigureAwait(false);
                await _input.WriteAsync(body).ConfigureAwait(false);
                await _input.FlushAsync().ConfigureAwait(false);
            }
            finally
            {
                _writeLock.Release();
            }
        }

        private async Task ReadLoopAsync()
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var length = await ReadHeadersAsync().ConfigureAwait(false);
                    if (length < 0)
                    {
                        Record("<-- end of stream");
                        break;
                    }

                    var body = new byte[length];
                    await _output.ReadExactlyAsync(body, _stop.Token).ConfigureAwait(false);
                    var json = Utf8.GetString(body);
                    Record($"<-- {Shorten(json)}");
                    await DispatchAsync(JsonNode.Parse(json)!.AsObject()).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is IOException or EndOfStreamException or OperationCanceledException or ObjectDisposedException or JsonException)
            {
                Record($"reader stopped: {e.GetType().Name}: {e.Message}");
            }
            finally
            {
                foreach (var pending in _pending.Values)
                {
                    pending.TrySetException(new IOException("The language server closed its output."));
                }
            }
        }

        /// <summary>Reads the header block; returns Content-Length, or -1 at the end of the stream.</summary>
        private async Task<int> ReadHeadersAsync()
        {
            var length = -1;
            var line = new StringBuilder();
            var one = new byte[1];
            while (true)
            {
                var read = await _output.ReadAsync(one, _stop.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    return -1;
                }

                if (one[0] != '\n')
                {
                    if (one[0] != '\r')
                    {
                        line.Append((char)one[0]);
                    }

                    continue;
                }

                if (line.Length == 0)
                {
                    if (length < 0)
                    {
                        throw new IOException("A message without a Content-Length header.");
                    }

                    return length;
                }

                var text = line.ToString();
                line.Clear();
                var colon = text.IndexOf(':');
                if (colon > 0 && text[..colon].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    length = int.Parse(text[(colon + 1)..].Trim());
                }
            }
        }

        private async Task DispatchAsync(JsonObject message)
        {
            var method = message["method"]?.GetValue<string>();
            var id = message["id"];
            if (method is null)
            {
                // A response to one of our requests.
                if (id is not null && _pending.TryRemove(id.GetValue<int>(), out var completion))
                {
                    if (message["error"] is { } error)
                    {
                        completion.TrySetException(new LspErrorException($"request {id}", error.DeepClone()));
                    }
                    else
                    {
                        completion.TrySetResult(message["result"]?.DeepClone());
                    }
                }

                return;
            }

            if (id is not null)
            {
                ServerRequests.Enqueue(method);
                JsonNode? result;
                try
                {
                    result = ServerRequestHandler(method, message["params"]);
                }
                catch (Exception e)
                {
                    Record($"handler for {method} threw {e}");
                    result = null;
                }

                // Echo the id as it came (a number or a string).
                await SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id.DeepClone(), ["result"] = result }).ConfigureAwait(false);
                return;
            }

            if (method == "textDocument/publishDiagnostics" && message["params"] is JsonObject parameters &&
                parameters["uri"]?.GetValue<string>() is { } uri && parameters["diagnostics"] is JsonArray diagnostics)
            {
                PublishedDiagnostics[uri] = (JsonArray)diagnostics.DeepClone();
            }
        }

        private void Record(string text) => _transcript.Enqueue($"[{_clock.Elapsed.TotalSeconds,7:F2}s] {text}");

        private static string Shorten(string text) => text.Length <= 2000 ? text : text[..2000] + $"... ({text.Length} chars)";
    }
}
