using System.Threading.Tasks;
using LoopbackAnalyzers.Tests.Infrastructure;
using Xunit;

namespace LoopbackAnalyzers.Tests.Rules.LOOP001
{
    /// <summary>LOOP001 hits for every bind API and address form, in a test project (intent is evident).</summary>
    public class ListenerBindsAllInterfacesTests
    {
        [Theory]
        [InlineData("new TcpListener({|LOOP001:IPAddress.Any|}, 5000)")]
        [InlineData("new TcpListener({|LOOP001:IPAddress.IPv6Any|}, 5000)")]
        [InlineData("new TcpListener({|LOOP001:IPAddress.IPv6None|}, 5000)")]
        [InlineData("new TcpListener({|LOOP001:System.Net.IPAddress.Any|}, 5000)")]
        [InlineData("new TcpListener(new IPEndPoint({|LOOP001:IPAddress.Any|}, 5000))")]
        [InlineData("new TcpListener(port: 5000, localaddr: {|LOOP001:IPAddress.Any|})")]
        [InlineData("new UdpClient(new IPEndPoint({|LOOP001:IPAddress.IPv6Any|}, 0))")]
        [InlineData("new TcpListener({|LOOP001:IPAddress.Parse(\"0.0.0.0\")|}, 0)")]
        [InlineData("new TcpListener({|LOOP001:IPAddress.Parse(\"0\")|}, 0)")]
        [InlineData("new TcpListener({|LOOP001:IPAddress.Parse(\"000.000.000.000\")|}, 0)")]
        [InlineData("new TcpListener({|LOOP001:IPAddress.Parse(\"::\")|}, 0)")]
        [InlineData("new TcpListener({|LOOP001:IPAddress.Parse(\"[::]\")|}, 0)")]
        [InlineData("new TcpListener({|LOOP001:new IPAddress(0)|}, 0)")]
        [InlineData("new TcpListener({|LOOP001:new IPAddress(0L)|}, 0)")]
        [InlineData("new TcpListener({|LOOP001:new IPAddress(new byte[4])|}, 0)")]
        [InlineData("new TcpListener({|LOOP001:new IPAddress(new byte[16])|}, 0)")]
        [InlineData("new TcpListener({|LOOP001:new IPAddress(new byte[] { 0, 0, 0, 0 })|}, 0)")]
        [InlineData("new TcpListener(new IPEndPoint({|LOOP001:0|}, 0))")]
        [InlineData("{|LOOP001:TcpListener.Create(5000)|}")]
        [InlineData("{|LOOP001:new UdpClient(5000)|}")]
        [InlineData("{|LOOP001:new UdpClient(5000, AddressFamily.InterNetwork)|}")]
        [InlineData("{|LOOP001:new UdpClient(5000, AddressFamily.InterNetworkV6)|}")]
        [InlineData("new UdpClient(new IPEndPoint({|LOOP001:IPAddress.Any|}, 5000))")]
        public Task Hit(string expression) => Verify.InTestProjectAsync(
            $$"""
            using System.Net;
            using System.Net.Sockets;

            class Fixture
            {
                object Start() => {{expression}};
            }
            """);

        [Fact]
        public Task ObsoletePortOnlyTcpListener() => Verify.InTestProjectAsync(
            """
            using System.Net.Sockets;

            class Fixture
            {
            #pragma warning disable CS0618 // the obsolete constructor is the point of this test
                TcpListener Start() => {|LOOP001:new TcpListener(5000)|};
            }
            """);

        [Fact]
        public Task SocketBind() => Verify.InTestProjectAsync(
            """
            using System.Net;
            using System.Net.Sockets;

            class Fixture
            {
                void Start()
                {
                    var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    socket.Bind(new IPEndPoint({|LOOP001:IPAddress.Any|}, 0));
                    socket.Listen(16);
                }
            }
            """);

        [Fact]
        public Task EndPointInLocal() => Verify.InTestProjectAsync(
            """
            using System.Net;
            using System.Net.Sockets;

            class Fixture
            {
                void Start(Socket socket)
                {
                    var endpoint = new IPEndPoint(IPAddress.Any, 0);
                    socket.Bind({|LOOP001:endpoint|});
                }
            }
            """);

        [Fact]
        public Task AddressInSingleAssignmentLocal() => Verify.InTestProjectAsync(
            """
            using System.Net;
            using System.Net.Sockets;

            class Fixture
            {
                TcpListener Start()
                {
                    IPAddress address;
                    address = IPAddress.Parse("0.0.0.0");
                    return new TcpListener({|LOOP001:address|}, 0);
                }
            }
            """);

        [Fact]
        public Task AddressInConstAndStaticReadOnlyFields() => Verify.InTestProjectAsync(
            """
            using System.Net;
            using System.Net.Sockets;

            class Fixture
            {
                const string AllInterfaces = "0.0.0.0";
                static readonly IPAddress Everywhere = IPAddress.Parse(AllInterfaces);

                TcpListener Start() => new TcpListener({|LOOP001:Everywhere|}, 0);
            }
            """);

        [Fact]
        public Task KestrelListen() => Verify.InTestProjectAsync(
            """
            using System.Net;
            using Microsoft.AspNetCore.Server.Kestrel.Core;

            class Fixture
            {
                void Configure(KestrelServerOptions options)
                {
                    options.Listen({|LOOP001:IPAddress.Any|}, 5000);
                    options.Listen({|LOOP001:IPAddress.IPv6Any|}, 5001, listen => listen.Protocols = HttpProtocols.Http2);
                    options.Listen(new IPEndPoint({|LOOP001:IPAddress.Any|}, 5002));
                    options.{|LOOP001:ListenAnyIP|}(5003);
                    options.{|LOOP001:ListenAnyIP|}(5004, listen => { });
                    options.ListenLocalhost(5005);
                    options.Listen(IPAddress.Loopback, 5006);
                }
            }
            """);

        [Fact]
        public Task GrpcServerPort() => new LoopbackTest
        {
            TestCode = """
                using Grpc.Core;

                class Fixture
                {
                    ServerPort[] Ports() => new[]
                    {
                        new ServerPort({|LOOP001:"0.0.0.0"|}, 5000, ServerCredentials.Insecure),
                        new ServerPort({|LOOP001:"[::]"|}, 5001, ServerCredentials.Insecure),
                        new ServerPort("localhost", 5002, ServerCredentials.Insecure),
                        new ServerPort("127.0.0.1", 5003, ServerCredentials.Insecure),
                    };
                }
                """,
        }.AsTestProject().WithGrpcCore().RunAsync();

        [Fact]
        public Task MessageNamesApiAddressAndEvidence() => new LoopbackTest
        {
            TestCode = """
                using System.Net;
                using System.Net.Sockets;

                class Fixture
                {
                    TcpListener A() => new TcpListener({|#0:IPAddress.Any|}, 0);
                    TcpListener B() => {|#1:TcpListener.Create(0)|};
                    TcpListener C() => new TcpListener({|#2:IPAddress.IPv6Any|}, 0);
                }
                """,
            ExpectedDiagnostics =
            {
                Verify.Loop001(0, "TcpListener", "0.0.0.0", "this is a test project"),
                Verify.Loop001(1, "TcpListener.Create", "[::], dual-mode", "this is a test project"),
                Verify.Loop001(2, "TcpListener", "[::]", "this is a test project"),
            },
        }.AsTestProject().RunAsync();
    }
}
