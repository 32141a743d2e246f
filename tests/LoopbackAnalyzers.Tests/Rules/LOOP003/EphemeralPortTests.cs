using System.Threading.Tasks;
using LoopbackAnalyzers.Tests.Infrastructure;
using Xunit;

namespace LoopbackAnalyzers.Tests.Rules.LOOP003
{
    /// <summary>LOOP003: a fixed port in the ephemeral range, at any bind site and at loopback connect sites.</summary>
    public class EphemeralPortTests
    {
        private static string Program(string body) => $$"""
            using System;
            using System.Net;
            using System.Net.Http;
            using System.Net.Sockets;
            using Microsoft.AspNetCore.Builder;

            class Server
            {
                async void Start(WebApplication app, Socket socket, HttpClient http)
                {
            {{body}}
                }
            }
            """;

        [Theory]
        [InlineData("new TcpListener(IPAddress.Any, {|LOOP003:62893|}).Start();")]
        [InlineData("new TcpListener(IPAddress.Loopback, {|LOOP003:32768|}).Start();")]
        [InlineData("new TcpListener(IPAddress.Loopback, {|LOOP003:65535|}).Start();")]
        [InlineData("socket.Bind(new IPEndPoint(IPAddress.Loopback, {|LOOP003:0xF000|}));")]
        [InlineData("app.Urls.Add(\"http://*:{|LOOP003:50000|}\");")]
        [InlineData("using var client = new TcpClient(\"localhost\", {|LOOP003:62893|});")]
        [InlineData("socket.Connect(IPAddress.Loopback, {|LOOP003:62893|});")]
        [InlineData("await http.GetAsync(\"http://127.0.0.1:{|LOOP003:62893|}/health\");")]
        [InlineData("_ = new Uri(\"http://[::1]:{|LOOP003:49152|}\");")]
        [InlineData("Environment.SetEnvironmentVariable(\"ASPNETCORE_HTTP_PORTS\", {|LOOP003:\"50001\"|});")]
        public Task EphemeralPortAnywhere(string body) => Verify.PortRulesAsync(Program(body), testProject: false);

        [Fact]
        public Task MessageNamesTheRange() => new LoopbackTest
        {
            TestCode = Program("new TcpListener(IPAddress.Any, {|#0:62893|}).Start();"),
            ExpectedDiagnostics = { Verify.Result(Descriptors.EphemeralPort, 0, "TcpListener", 62893L, "32768-65535") },
        }.WithPortRules().RunAsync();

        [Theory]
        [InlineData("new TcpListener(IPAddress.Any, 32767).Start();")]
        [InlineData("new TcpListener(IPAddress.Any, 8080).Start();")]
        [InlineData("new TcpListener(IPAddress.Any, 0).Start();")]
        [InlineData("using var client = new TcpClient(\"example.com\", 62893);")]
        [InlineData("socket.Connect(IPAddress.Parse(\"10.0.0.5\"), 62893);")]
        [InlineData("await http.GetAsync(\"https://api.example.com:50000/\");")]
        public Task OutsideTheRangeOrRemote(string body) => Verify.PortRulesAsync(Program(body), testProject: false);

        [Theory]
        [InlineData("iana", "new TcpListener(IPAddress.Any, 40000).Start(); new TcpListener(IPAddress.Any, {|LOOP003:50000|}).Start();")]
        [InlineData("linux", "new TcpListener(IPAddress.Any, {|LOOP003:40000|}).Start(); new TcpListener(IPAddress.Any, 62000).Start();")]
        [InlineData("20000-20010", "new TcpListener(IPAddress.Any, {|LOOP003:20005|}).Start(); new TcpListener(IPAddress.Any, 62000).Start();")]
        [InlineData("nonsense", "new TcpListener(IPAddress.Any, {|LOOP003:40000|}).Start();")]
        [InlineData("60000-50000", "new TcpListener(IPAddress.Any, {|LOOP003:40000|}).Start();")]
        public Task RangeOption(string range, string body) => Verify.PortRulesAsync(
            Program(body),
            testProject: false,
            $"loopback_analyzers.ephemeral_port_range = {range}");

        [Fact]
        public Task AllowedPortsAreExempt() => Verify.PortRulesAsync(
            Program("new TcpListener(IPAddress.Any, 62893).Start();"),
            testProject: false,
            "loopback_analyzers.allowed_ports = 62893");

        [Fact]
        public Task ConfigurationFiles()
        {
            var test = new LoopbackTest { TestCode = "class Program { }" }.WithPortRules();
            test.TestState.AdditionalFiles.Add(("/0/Properties/launchSettings.json", """
                {
                  "profiles": {
                    "Web": {
                      "applicationUrl": "https://localhost:{|LOOP003:62893|};http://localhost:5000",
                      "environmentVariables": { "ASPNETCORE_HTTP_PORTS": "{|LOOP001:8080;{|LOOP003:50000|}|}" }
                    }
                  }
                }
                """));
            test.TestState.AdditionalFiles.Add(("/0/appsettings.json", """{ "Urls": "http://127.0.0.1:{|LOOP005:70000|}" }"""));
            return test.RunAsync();
        }
    }
}
