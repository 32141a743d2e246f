using System.Threading.Tasks;
using LoopbackAnalyzers.Tests.Infrastructure;
using Xunit;

namespace LoopbackAnalyzers.Tests.Rules.LOOP002
{
    /// <summary>LOOP002: a fixed port at a bind site in code meant to stay on this machine.</summary>
    public class FixedPortTests
    {
        private static string Program(string body) => $$"""
            using System;
            using System.Net;
            using System.Net.Sockets;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Server.Kestrel.Core;

            class Fixture
            {
                const int ConstPort = 5001;
                static readonly int ReadOnlyPort = 5002;

                void Start(KestrelServerOptions options, WebApplication app, Socket socket, bool ci)
                {
            {{body}}
                }
            }
            """;

        [Theory]
        [InlineData("new TcpListener(IPAddress.Loopback, {|LOOP002:5000|}).Start();")]
        [InlineData("new TcpListener(IPAddress.Loopback, {|LOOP002:0x1F90|}).Start();")]
        [InlineData("new TcpListener(IPAddress.Loopback, {|LOOP002:5_000|}).Start();")]
        [InlineData("new TcpListener(IPAddress.Loopback, {|LOOP002:(ushort)5000|}).Start();")]
        [InlineData("new TcpListener(IPAddress.Loopback, {|LOOP002:ConstPort|}).Start();")]
        [InlineData("new TcpListener(IPAddress.Loopback, {|LOOP002:ReadOnlyPort|}).Start();")]
        [InlineData("const int local = 5003; new TcpListener(IPAddress.Loopback, {|LOOP002:local|}).Start();")]
        [InlineData("var assigned = 5004; new TcpListener(IPAddress.Loopback, {|LOOP002:assigned|}).Start();")]
        [InlineData("new TcpListener(IPAddress.Loopback, ci ? {|LOOP002:5005|} : {|LOOP002:5006|}).Start();")]
        [InlineData("socket.Bind(new IPEndPoint(IPAddress.Loopback, {|LOOP002:5007|}));")]
        [InlineData("var endpoint = new IPEndPoint(IPAddress.Loopback, 5008); socket.Bind({|LOOP002:endpoint|});")]
        [InlineData("using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, {|LOOP002:5009|}));")]
        [InlineData("options.ListenLocalhost({|LOOP002:5010|});")]
        [InlineData("options.Listen(IPAddress.Loopback, {|LOOP002:5011|});")]
        [InlineData("app.Urls.Add(\"http://127.0.0.1:{|LOOP002:5012|}\");")]
        [InlineData("app.Urls.Add($\"http://localhost:{|LOOP002:5013|}/\");")]
        public Task FixedPortInTestCode(string body) => Verify.PortRulesAsync(Program(body));

        [Fact]
        public Task MessageNamesTheEvidence() => new LoopbackTest
        {
            TestCode = Program("new TcpListener(IPAddress.Loopback, {|#0:5000|}).Start();"),
            ExpectedDiagnostics = { Verify.Result(Descriptors.FixedPort, 0, "TcpListener", 5000L, "this is a test project") },
        }.WithPortRules().AsTestProject().RunAsync();

        [Theory]
        [InlineData("new TcpListener(IPAddress.Loopback, 0).Start();")]
        [InlineData("new TcpListener(IPAddress.Loopback, IPEndPoint.MinPort).Start();")]
        [InlineData("app.Urls.Add(\"http://127.0.0.1:0\");")]
        [InlineData("app.Urls.Add(\"http://127.0.0.1\");")]
        [InlineData("using var client = new TcpClient(\"localhost\", 5000);")]
        [InlineData("socket.Connect(IPAddress.Loopback, 5000);")]
        [InlineData("new TcpListener(IPAddress.Loopback, ci ? 5000 : Environment.ProcessId).Start();")]
        public Task NotFixedOrNotABind(string body) => Verify.PortRulesAsync(Program(body));

        [Fact]
        public Task ProductionCodeWithoutEvidenceIsLeftAlone() =>
            Verify.PortRulesAsync(Program("new TcpListener(IPAddress.Any, 8080).Start();"), testProject: false);

        [Fact]
        public Task AllowedPortsAreExempt() => Verify.PortRulesAsync(
            Program("new TcpListener(IPAddress.Loopback, 5000).Start(); new TcpListener(IPAddress.Loopback, {|LOOP002:5001|}).Start();"),
            testProject: true,
            "loopback_analyzers.allowed_ports = 5000, 8080");

        [Fact]
        public Task PublicOptionSilences() => Verify.PortRulesAsync(
            Program("new TcpListener(IPAddress.Loopback, 5000).Start();"),
            testProject: true,
            "loopback_analyzers.intent = public");

        [Fact]
        public Task OneLevelOfHelperIsFollowed() => Verify.PortRulesAsync(
            """
            using System.Net;
            using System.Net.Sockets;

            static class Servers
            {
                public static TcpListener Start(int port)
                {
                    var listener = new TcpListener(IPAddress.Loopback, port);
                    listener.Start();
                    return listener;
                }

                public static TcpListener StartWithDefault(int port = {|LOOP002:19999|}) => new TcpListener(IPAddress.Loopback, port);

                public static TcpListener StartEphemeral(string name, int port = {|LOOP003:62893|}) => new TcpListener(IPAddress.Loopback, port);

                public static TcpClient Connect(int port) => new TcpClient("localhost", port);

                public static TcpListener Nested(int port) => Start(port);
            }

            class Tests
            {
                void Roundtrip(int configured)
                {
                    Servers.Start({|LOOP002:5000|});
                    Servers.Start({|LOOP003:62893|});
                    Servers.Start({|LOOP005:70000|});
                    Servers.Start(0);
                    Servers.Start(configured);
                    Servers.StartWithDefault();
                    Servers.StartWithDefault({|LOOP002:5001|});
                    Servers.StartEphemeral("echo");
                    Servers.Connect(5002);
                    Servers.Nested(5003);
                    Local({|LOOP002:5004|});

                    static TcpListener Local(int port) => new TcpListener(IPAddress.Loopback, port);
                }
            }
            """);

        [Fact]
        public Task HelperCallMessageNamesTheHelper() => new LoopbackTest
        {
            TestCode = """
                using System.Net;
                using System.Net.Sockets;

                class Tests
                {
                    static TcpListener StartServer(int port) => new TcpListener(IPAddress.Loopback, port);

                    void Roundtrip() => StartServer({|#0:5000|}).Start();
                }
                """,
            ExpectedDiagnostics = { Verify.Result(Descriptors.FixedPort, 0, "StartServer (TcpListener)", 5000L, "this is a test project") },
        }.WithPortRules().AsTestProject().RunAsync();

        [Fact]
        public Task WebApplicationFactoryUseKestrel()
        {
            // .NET 10's WebApplicationFactory<T>.UseKestrel(int) binds 127.0.0.1 on that port; 0 is the fix.
            var test = new LoopbackTest
            {
                TestCode = """
                    class Tests
                    {
                        void Start(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Tests> factory)
                        {
                            factory.UseKestrel({|LOOP002:5000|});
                            factory.UseKestrel(0);
                        }
                    }
                    """,
            }.WithPortRules().AsTestProject();
            test.TestState.Sources.Add(("/0/Mvc.Testing.cs", """
                namespace Microsoft.AspNetCore.Mvc.Testing
                {
                    public class WebApplicationFactory<TEntryPoint> where TEntryPoint : class
                    {
                        public void UseKestrel(int port) { }
                    }
                }
                """));
            return test.RunAsync();
        }

        [Fact]
        public Task EphemeralPortsAreLeftToLOOP003() => Verify.PortRulesAsync(
            Program("new TcpListener(IPAddress.Loopback, {|LOOP003:62893|}).Start();"));
    }
}
