using System.Threading.Tasks;
using LoopbackAnalyzers.Tests.Infrastructure;
using Xunit;

namespace LoopbackAnalyzers.Tests.Rules.LOOP004
{
    /// <summary>LOOP004: port 0 where it fails at run time. Not gated on intent: these run anywhere.</summary>
    public class PortZeroNotSupportedTests
    {
        private const string KestrelLocalhost =
            "Kestrel throws \"Dynamic port binding is not supported when binding to localhost\" at start-up; bind 127.0.0.1:0 instead";

        private const string HttpListenerPort =
            "HttpListener cannot bind port 0 (Start() throws HttpListenerException); use a fixed port, or Kestrel or TestServer";

        private const string ClientPort =
            "a client cannot connect to port 0 (the connection is refused); connect to the port the server was given";

        private static string Program(string body) => $$"""
            using System;
            using System.Net;
            using System.Net.Http;
            using System.Net.Sockets;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.AspNetCore.Server.Kestrel.Core;

            class Server
            {
                async void Start(WebApplicationBuilder builder, WebApplication app, KestrelServerOptions options, HttpListener listener, HttpClient http, Socket socket)
                {
            {{body}}
                }
            }
            """;

        [Theory]
        [InlineData("app.Urls.Add(\"http://{|LOOP004:localhost:0|}\");", "app.Urls.Add(\"http://127.0.0.1:0\");")]
        [InlineData("app.Urls.Add(\"https://{|LOOP004:api.localhost:0|}/\");", "app.Urls.Add(\"https://127.0.0.1:0/\");")]
        [InlineData("builder.WebHost.UseUrls(\"http://{|LOOP004:localhost:0|};http://127.0.0.1:5000\");", "builder.WebHost.UseUrls(\"http://127.0.0.1:0;http://127.0.0.1:5000\");")]
        [InlineData("Environment.SetEnvironmentVariable(\"ASPNETCORE_URLS\", \"http://{|LOOP004:localhost:0|}\");", "Environment.SetEnvironmentVariable(\"ASPNETCORE_URLS\", \"http://127.0.0.1:0\");")]
        [InlineData("options.ListenLocalhost({|LOOP004:0|});", "options.ListenLocalhost(0);")]
        public Task KestrelLocalhostPortZero(string body, string fixedBody)
        {
            // ListenLocalhost(0) is fixed to Listen(IPAddress.Loopback, 0); the URL forms keep the URL and change the host.
            var expected = body.StartsWith("options.ListenLocalhost", System.StringComparison.Ordinal)
                ? "options.Listen(IPAddress.Loopback, 0);"
                : fixedBody;
            return new LoopbackTest { TestCode = Program(body), FixedCode = Program(expected) }.RunAsync();
        }

        [Fact]
        public Task MessagesSayWhatFails() => new LoopbackTest
        {
            TestCode = Program(
                """
                        app.Urls.Add("http://{|#0:localhost:0|}");
                        options.ListenLocalhost({|#1:0|});
                        listener.Prefixes.Add("http://localhost:{|#2:0|}/");
                        using var client = new TcpClient("localhost", {|#3:0|});
                        await http.GetAsync("http://127.0.0.1:{|#4:0|}/health");
                        socket.Connect(IPAddress.Loopback, {|#5:0|});
                        socket.Connect(new IPEndPoint(IPAddress.Loopback, {|#6:0|}));
                        var endpoint = new IPEndPoint(IPAddress.Loopback, 0);
                        await socket.ConnectAsync({|#7:endpoint|});
                        using var udp = new UdpClient("127.0.0.1", {|#8:0|});
                """),
            ExpectedDiagnostics =
            {
                Verify.Loop004(0, "WebApplication.Urls.Add", KestrelLocalhost),
                Verify.Loop004(1, "KestrelServerOptions.ListenLocalhost", KestrelLocalhost),
                Verify.Loop004(2, "HttpListener prefix", HttpListenerPort),
                Verify.Loop004(3, "TcpClient", ClientPort),
                Verify.Loop004(4, "HttpClient.GetAsync", ClientPort),
                Verify.Loop004(5, "Socket.Connect", ClientPort),
                Verify.Loop004(6, "Socket.Connect", ClientPort),
                Verify.Loop004(7, "Socket.ConnectAsync", ClientPort),
                Verify.Loop004(8, "UdpClient", ClientPort),
            },
            FixedCode = Program(
                """
                        app.Urls.Add("http://127.0.0.1:0");
                        options.Listen(IPAddress.Loopback, 0);
                        listener.Prefixes.Add("http://localhost:{|#2:0|}/");
                        using var client = new TcpClient("localhost", {|#3:0|});
                        await http.GetAsync("http://127.0.0.1:{|#4:0|}/health");
                        socket.Connect(IPAddress.Loopback, {|#5:0|});
                        socket.Connect(new IPEndPoint(IPAddress.Loopback, {|#6:0|}));
                        var endpoint = new IPEndPoint(IPAddress.Loopback, 0);
                        await socket.ConnectAsync({|#7:endpoint|});
                        using var udp = new UdpClient("127.0.0.1", {|#8:0|});
                """),
            FixedState =
            {
                ExpectedDiagnostics =
                {
                    Verify.Loop004(2, "HttpListener prefix", HttpListenerPort),
                    Verify.Loop004(3, "TcpClient", ClientPort),
                    Verify.Loop004(4, "HttpClient.GetAsync", ClientPort),
                    Verify.Loop004(5, "Socket.Connect", ClientPort),
                    Verify.Loop004(6, "Socket.Connect", ClientPort),
                    Verify.Loop004(7, "Socket.ConnectAsync", ClientPort),
                    Verify.Loop004(8, "UdpClient", ClientPort),
                },
            },
        }.RunAsync();

        [Theory]
        [InlineData("app.Urls.Add(\"http://127.0.0.1:0\");")]
        [InlineData("app.Urls.Add(\"http://[::1]:0\");")]
        [InlineData("app.Urls.Add(\"http://localhost:5000\");")]
        [InlineData("app.Urls.Add(\"http://localhost\");")]
        [InlineData("options.Listen(IPAddress.Loopback, 0);")]
        [InlineData("options.ListenLocalhost(5000);")]
        [InlineData("new TcpListener(IPAddress.Loopback, 0).Start();")]
        [InlineData("socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));")]
        [InlineData("EndPoint any = new IPEndPoint(IPAddress.Any, 0); socket.ReceiveFrom(new byte[1], ref any);")]
        [InlineData("_ = new DnsEndPoint(\"localhost\", 0);")]
        [InlineData("listener.Prefixes.Add(\"http://localhost:8080/\");")]
        [InlineData("using var client = new TcpClient(\"localhost\", 5000);")]
        [InlineData("await http.GetAsync(\"http://localhost/health\");")]
        public Task LookAlikes(string body) => Verify.AnywhereAsync(Program(body));
    }
}
