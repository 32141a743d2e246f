using System.Threading.Tasks;
using LoopbackAnalyzers.Tests.Infrastructure;
using Xunit;

namespace LoopbackAnalyzers.Tests.Rules.LOOP005
{
    /// <summary>LOOP005: a constant port below 0 or above 65535, at any site or in any URL.</summary>
    public class PortOutOfRangeTests
    {
        private static string Program(string body) => $$"""
            using System;
            using System.Net;
            using System.Net.Sockets;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Server.Kestrel.Core;

            class Server
            {
                void Start(WebApplication app, Socket socket, KestrelServerOptions options)
                {
            {{body}}
                }
            }
            """;

        [Theory]
        [InlineData("new TcpListener(IPAddress.Any, {|LOOP005:70000|}).Start();")]
        [InlineData("new TcpListener(IPAddress.Any, {|LOOP005:-1|}).Start();")]
        [InlineData("new TcpListener(IPAddress.Any, {|LOOP005:65536|}).Start();")]
        [InlineData("socket.Bind(new IPEndPoint(IPAddress.Loopback, {|LOOP005:100_000|}));")]
        [InlineData("options.ListenLocalhost({|LOOP005:int.MaxValue|});")]
        [InlineData("using var client = new TcpClient(\"example.com\", {|LOOP005:99999|});")]
        [InlineData("app.Urls.Add(\"http://127.0.0.1:{|LOOP005:99999999999|}\");")]
        [InlineData("_ = new Uri(\"http://example.com:{|LOOP005:70000|}/\");")]
        [InlineData("app.Urls.Add(\"http://127.0.0.1:{|LOOP005:-1|}\");")]
        public Task OutOfRange(string body) => Verify.PortRulesAsync(Program(body), testProject: false);

        [Fact]
        public Task MessagesSayWhatHappens() => new LoopbackTest
        {
            TestCode = Program(
                """
                        new TcpListener(IPAddress.Any, {|#0:70000|}).Start();
                        app.Urls.Add("http://127.0.0.1:{|#1:70000|}");
                        _ = new Grpc.Core.ServerPort("127.0.0.1", {|#2:70000|}, Grpc.Core.ServerCredentials.Insecure);
                        _ = new Grpc.Core.ServerPort("127.0.0.1", {|#3:-1|}, Grpc.Core.ServerCredentials.Insecure);
                        _ = new Grpc.Core.ServerPort("127.0.0.1", {|#4:65536|}, Grpc.Core.ServerCredentials.Insecure);
                """),
            ExpectedDiagnostics =
            {
                Verify.Result(Descriptors.PortOutOfRange, 0, "TcpListener", 70000L, "it throws ArgumentOutOfRangeException at run time"),
                Verify.Result(Descriptors.PortOutOfRange, 1, "WebApplication.Urls.Add", 70000L, "the URL is rejected at run time"),
                Verify.Result(Descriptors.PortOutOfRange, 2, "ServerPort", 70000L, "Grpc.Core silently wraps it to port 4464"),
                Verify.Result(Descriptors.PortOutOfRange, 3, "ServerPort", -1L, "Grpc.Core fails to bind it and the server does not start"),
                Verify.Result(Descriptors.PortOutOfRange, 4, "ServerPort", 65536L, "Grpc.Core silently wraps it to port 0 and binds a random port"),
            },
        }.WithPortRules().WithGrpcCore().RunAsync();

        [Theory]
        [InlineData("new TcpListener(IPAddress.Any, 0).Start();")]
        [InlineData("new TcpListener(IPAddress.Any, {|LOOP003:IPEndPoint.MaxPort|}).Start();")]
        [InlineData("_ = new Uri(\"http://example.com:443/\");")]
        [InlineData("var addressAsNumber = 70000L; _ = new IPEndPoint(addressAsNumber, 80);")]
        [InlineData("_ = new UriBuilder(\"http\", \"example.com\", -1);")]
        public Task InRange(string body) => Verify.PortRulesAsync(Program(body), testProject: false);
    }
}
