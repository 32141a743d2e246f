using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace LoopbackAnalyzers.Benchmarks.Shared.Corpus
{
    /// <summary>
    /// Templates of networking code: production servers (not reported: nothing says they should stay local),
    /// tests that start servers, development-only endpoints, Kestrel set-up, clients and look-alikes.
    /// Lines the analyzer must report carry a <c>@@LOOP001(evidence)@@</c> marker; <see cref="CodeWriter"/> removes it.
    /// </summary>
    internal static class NetworkingCode
    {
        public const string TestMethod = "is a test method";
        public const string SameMethod = "the same method connects to";
        public const string SameType = "also connects to";
        public const string DebugRegion = "inside #if DEBUG";
        public const string DevelopmentBranch = "inside an IsDevelopment() branch";

        private const string Usings = """
            using System.Net;
            using System.Net.Sockets;
            using Corpus.Common;
            """;

        private const string AspNetUsings = """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.Extensions.Hosting;
            """;

        // ── Production: nothing marks these as local-only, so LOOP001 stays silent ─────────────────────
        private const string ProductionServer = """
            /// <summary>Serves the %L% feed to other machines of the cluster.</summary>
            public sealed class %E%Server : IDisposable
            {
                private readonly TcpListener _listener;
                private readonly ILog _log;

                public %E%Server(ILog log, int port)
                {
                    _log = log;
                    _listener = new TcpListener(IPAddress.Any, port);
                }

                public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

                public void Start()
                {
                    _listener.Start();
                    _log.Info($"Listening on {_listener.LocalEndpoint}; health at http://0.0.0.0:{Port}/health");
                }

                public async Task AcceptLoopAsync(CancellationToken cancellationToken)
                {
                    while (!cancellationToken.IsCancellationRequested)
                    {
                        using var client = await _listener.AcceptTcpClientAsync(cancellationToken);
                        await EchoAsync(client, cancellationToken);
                    }
                }

                private static async Task EchoAsync(TcpClient client, CancellationToken cancellationToken)
                {
                    var stream = client.GetStream();
                    var buffer = new byte[4096];
                    var read = await stream.ReadAsync(buffer, cancellationToken);
                    await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                public void Dispose() => _listener.Stop();
            }
            """;

        private const string ProductionAnnouncements = """
            /// <summary>Receives service announcements from the local network.</summary>
            public sealed class %E%Announcements
            {
                private readonly ILog _log;

                public %E%Announcements(ILog log) => _log = log;

                public UdpClient Open(int port)
                {
                    var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp) { DualMode = true };
                    socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
                    _log.Info($"Announcements on udp://[::]:{port}");
                    return new UdpClient { Client = socket };
                }

                public static IReadOnlyList<string> Parse(byte[] datagram) =>
                    System.Text.Encoding.UTF8.GetString(datagram)
                        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                        .Where(line => line.StartsWith("svc=", StringComparison.Ordinal))
                        .Select(line => line.Substring(4))
                        .ToList();
            }
            """;

        private const string ApiClient = """
            /// <summary>Calls the %L% API; the addresses come from configuration in production.</summary>
            public sealed class %E%ApiClient
            {
                private readonly HttpClient _http;
                private readonly ILog _log;

                public %E%ApiClient(HttpClient http, ILog log)
                {
                    _http = http;
                    _log = log;
                    _http.BaseAddress = new Uri("https://api.%L%.contoso.example/");
                }

                public Task<string> HealthAsync(CancellationToken cancellationToken) =>
                    _http.GetStringAsync("http://localhost:5000/health", cancellationToken);

                public async Task<bool> PingAsync(CancellationToken cancellationToken)
                {
                    using var response = await _http.GetAsync("https://status.contoso.example/ping", cancellationToken);
                    _log.Info($"Ping returned {(int)response.StatusCode}");
                    return response.IsSuccessStatusCode;
                }

                public static async Task<bool> CanReachAsync(string host, int port)
                {
                    using var client = new TcpClient();
                    try
                    {
                        await client.ConnectAsync(host, port);
                        return true;
                    }
                    catch (SocketException)
                    {
                        return false;
                    }
                }

                public static Uri Resource(string path) => new Uri($"https://api.contoso.example/%L%/{path}");
            }
            """;

        // ── Local-only by evidence: reported ─────────────────────────────────────────────────────────────
        private const string Relay = """
            /// <summary>Relays a local port; probes itself on the loopback address.</summary>
            public sealed class %E%Relay : IDisposable
            {
                private Socket? _socket;

                public void Bind(int port)
                {
                    _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    _socket.Bind(new IPEndPoint(IPAddress.Any, port)); @@LOOP001(also connects to)@@
                    _socket.Listen(16);
                }

                public bool Probe(int port)
                {
                    using var probe = new TcpClient();
                    probe.Connect("127.0.0.1", port);
                    return probe.Connected;
                }

                public void Dispose() => _socket?.Dispose();
            }
            """;

        private const string DebugEndpoint = """
            /// <summary>A diagnostics endpoint for developers.</summary>
            public static class %E%DebugEndpoint
            {
                public static UdpClient? Open(ILog log)
                {
            #if DEBUG
                    var udp = new UdpClient(new IPEndPoint(IPAddress.Any, %K%999)); @@LOOP001(inside #if DEBUG)@@
                    log.Info("debug endpoint on udp://0.0.0.0:%K%999");
                    return udp;
            #else
                    log.Info("debug endpoint disabled");
                    return null;
            #endif
                }
            }
            """;

        private const string SelfTest = """
            /// <summary>Checks that datagrams make it through this machine's stack.</summary>
            public sealed class %E%SelfTest
            {
                public async Task<int> RunAsync()
                {
                    using var receiver = new UdpClient(new IPEndPoint(IPAddress.Any, 0)); @@LOOP001(the same method connects to)@@
                    var port = ((IPEndPoint)receiver.Client.LocalEndPoint!).Port;
                    using var sender = new UdpClient();
                    sender.Connect("localhost", port);
                    await sender.SendAsync(new byte[] { 1, 2, 3 }, 3);
                    var result = await receiver.ReceiveAsync();
                    return result.Buffer.Length;
                }
            }
            """;

        private const string WebHost = """
            /// <summary>Builds the %L% web host.</summary>
            public static class %E%Host
            {
                public static WebApplication Build(string[] args)
                {
                    var builder = WebApplication.CreateBuilder(args);
                    builder.WebHost.ConfigureKestrel(options =>
                    {
                        options.Listen(IPAddress.Any, 8080);
                        options.ListenAnyIP(8443);
                    });
                    var app = builder.Build();
                    if (app.Environment.IsDevelopment())
                    {
                        app.Urls.Add("http://*:%K%000"); @@LOOP001(inside an IsDevelopment() branch)@@
                    }

                    app.Urls.Add("http://0.0.0.0:8081");
                    return app;
                }
            }
            """;

        // ── Tests of servers: one [Fact] each, most reported ───────────────────────────────────────────
        private static readonly string[] ServerTestSnippets =
        {
            """
            [Fact]
            public async Task Echo_roundtrip_%N%()
            {
                var listener = new TcpListener(IPAddress.Any, 0); @@LOOP001(is a test method)@@
                listener.Start();
                try
                {
                    var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                    using var client = new TcpClient();
                    await client.ConnectAsync(IPAddress.Loopback, port);
                    using var accepted = await listener.AcceptTcpClientAsync();
                    var payload = System.Text.Encoding.UTF8.GetBytes("ping %K%");
                    await client.GetStream().WriteAsync(payload);
                    var buffer = new byte[payload.Length];
                    var read = await accepted.GetStream().ReadAsync(buffer);
                    Assert.Equal(payload.Length, read);
                }
                finally
                {
                    listener.Stop();
                }
            }
            """,
            """
            [Fact]
            public void Udp_port_is_assigned_%N%()
            {
                using var udp = new UdpClient(0); @@LOOP001(is a test method)@@
                Assert.NotNull(udp.Client.LocalEndPoint);
            }
            """,
            """
            [Fact]
            public void Socket_binds_an_ephemeral_port_%N%()
            {
                using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(IPAddress.Any, 0)); @@LOOP001(is a test method)@@
                socket.Listen(1);
                Assert.True(socket.IsBound);
            }
            """,
            """
            [Fact]
            public void Create_starts_a_listener_%N%()
            {
                var listener = TcpListener.Create(0); @@LOOP001(is a test method)@@
                listener.Start();
                Assert.True(listener.Server.IsBound);
                listener.Stop();
            }
            """,
            """
            [Fact]
            public void Loopback_listener_stays_local_%N%()
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                Assert.Equal(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Address);
                listener.Stop();
            }
            """,
            """
            [Fact]
            public void Urls_come_from_the_environment_%N%()
            {
                Environment.SetEnvironmentVariable("ASPNETCORE_URLS", "http://*:%K%010"); @@LOOP001(is a test method)@@
                Assert.NotNull(Environment.GetEnvironmentVariable("ASPNETCORE_URLS"));
            }
            """,
            """
            [Fact]
            public void HttpListener_accepts_any_host_%N%()
            {
                using var listener = new HttpListener();
                listener.Prefixes.Add("http://+:%K%020/"); @@LOOP001(is a test method)@@
                Assert.False(listener.IsListening);
            }
            """,
            """
            [Fact]
            public void IPv6_listener_%N%()
            {
                var listener = new TcpListener(IPAddress.IPv6Any, 0); @@LOOP001(is a test method)@@
                Assert.NotNull(listener.LocalEndpoint);
            }
            """,
            """
            [Fact]
            public void Parsed_address_%N%()
            {
                var listener = new TcpListener(IPAddress.Parse("0.0.0.0"), 0); @@LOOP001(is a test method)@@
                Assert.NotNull(listener.LocalEndpoint);
            }
            """,
            """
            [Fact]
            public void Address_from_a_local_%N%()
            {
                var address = IPAddress.Any;
                var listener = new TcpListener(address, 0); @@LOOP001(is a test method)@@
                Assert.NotNull(listener.LocalEndpoint);
            }
            """,
            """
            [Fact]
            public void Log_line_with_a_wildcard_url_%N%()
            {
                var line = "Now listening on: http://[::]:%K%030";
                Assert.Contains("[::]", line);
            }
            """,
        };

        private static readonly string[] HostTestSnippets =
        {
            """
            [Fact]
            public void Kestrel_listens_on_any_ip_%N%()
            {
                var builder = WebApplication.CreateBuilder();
                builder.WebHost.ConfigureKestrel(options => options.ListenAnyIP(%K%001)); @@LOOP001(is a test method)@@
                using var app = builder.Build();
                Assert.NotNull(app.Services);
            }
            """,
            """
            [Fact]
            public void Server_urls_use_wildcards_%N%()
            {
                var builder = WebApplication.CreateBuilder();
                builder.WebHost.UseUrls("http://+:%K%002"); @@LOOP001(is a test method)@@
                using var app = builder.Build();
                app.Urls.Add("http://*:%K%003"); @@LOOP001(is a test method)@@
                Assert.Equal(1, app.Urls.Count);
            }
            """,
            """
            [Fact]
            public void Kestrel_listens_on_every_address_%N%()
            {
                var builder = WebApplication.CreateBuilder();
                builder.WebHost.ConfigureKestrel(options =>
                {
                    options.Listen(IPAddress.Any, %K%004); @@LOOP001(is a test method)@@
                    options.ListenLocalhost(%K%005);
                });
                using var app = builder.Build();
                Assert.NotNull(app);
            }
            """,
        };

        /// <summary>The kinds of networking file; the generator picks among them.</summary>
        public static IReadOnlyList<string> Kinds(bool aspNetCore) => aspNetCore
            ? new[] { "Server", "Announcements", "ApiClient", "Relay", "DebugEndpoint", "SelfTest", "ServerTests", "ServerTests", "WebHost", "HostTests" }
            : new[] { "Server", "Announcements", "ApiClient", "Relay", "DebugEndpoint", "SelfTest", "ServerTests", "ServerTests" };

        public static CorpusFile Write(string kind, string path, string area, string name, Prng random)
        {
            var w = new CodeWriter(path);
            var tokens = new[]
            {
                ("%E%", name),
                ("%L%", area.ToLowerInvariant()),
                ("%K%", random.Between(1, 9).ToString(CultureInfo.InvariantCulture)),
            };
            var web = kind is "WebHost" or "HostTests";
            var test = kind is "ServerTests" or "HostTests";
            w.Line($"namespace Corpus.{area}.{(test ? "Tests" : "Net")};");
            w.Line();
            w.Block(Usings);
            if (web)
            {
                w.Block(AspNetUsings);
            }

            if (test)
            {
                w.Line("using Xunit;");
            }

            w.Line();
            switch (kind)
            {
                case "Server": w.Block(ProductionServer, tokens); break;
                case "Announcements": w.Block(ProductionAnnouncements, tokens); break;
                case "ApiClient": w.Block(ApiClient, tokens); break;
                case "Relay": w.Block(Relay, tokens); break;
                case "DebugEndpoint": w.Block(DebugEndpoint, tokens); break;
                case "SelfTest": w.Block(SelfTest, tokens); break;
                case "WebHost": w.Block(WebHost, tokens); break;
                case "ServerTests": TestClass(w, name + "ServerTests", ServerTestSnippets, random, tokens); break;
                case "HostTests": TestClass(w, name + "HostTests", HostTestSnippets, random, tokens); break;
                default: throw new System.ArgumentOutOfRangeException(nameof(kind), kind, null);
            }

            return w.ToFile(CorpusFileKind.Networking);
        }

        /// <summary>A test class with a few networking tests, and sometimes a helper that starts a server.</summary>
        public static void TestClass(CodeWriter w, string className, string[] pool, Prng random, (string, string)[] tokens)
        {
            var chosen = Enumerable.Range(0, random.Between(2, 5)).Select(_ => pool[random.Next(pool.Length)]).ToList();
            w.Open($"public class {className}");
            for (var i = 0; i < chosen.Count; i++)
            {
                if (i > 0)
                {
                    w.Line();
                }

                w.Block(chosen[i], tokens.Append(("%N%", (i + 1).ToString(CultureInfo.InvariantCulture))).ToArray());
            }

            if (pool == ServerTestSnippets && random.Chance(0.5))
            {
                // A helper is no test method: it is reported only when the class also connects to a loopback address.
                var connects = chosen.Any(snippet => snippet.Contains("ConnectAsync(IPAddress.Loopback", System.StringComparison.Ordinal));
                w.Line();
                w.Open("private static TcpListener StartServer()");
                w.Line("var listener = new TcpListener(IPAddress.Any, 0);" + (connects ? " @@LOOP001(" + SameType + ")@@" : string.Empty));
                w.Line("listener.Start();");
                w.Line("return listener;");
                w.Close();
            }

            w.Close();
        }

        /// <summary>Networking members for the IDE document: a test class with two server tests, and a client.</summary>
        public static void DocumentMembers(CodeWriter w, string name, Prng random)
        {
            var tokens = new[] { ("%E%", name), ("%L%", "orders"), ("%K%", "5") };
            w.Block(ApiClient, tokens);
            w.Line();
            w.Open($"public class {name}ServerTests");
            w.Block(ServerTestSnippets[0], tokens.Append(("%N%", "1")).ToArray());
            w.Line();
            w.Block(ServerTestSnippets[2], tokens.Append(("%N%", "2")).ToArray());
            w.Line();
            w.Block(ServerTestSnippets[4], tokens.Append(("%N%", "3")).ToArray());
            w.Close();
        }
    }
}
