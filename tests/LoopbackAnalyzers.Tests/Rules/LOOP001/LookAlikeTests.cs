using System.Threading.Tasks;
using LoopbackAnalyzers.Tests.Infrastructure;
using Xunit;

namespace LoopbackAnalyzers.Tests.Rules.LOOP001
{
    /// <summary>
    /// Code that looks like an all-interfaces bind but is not one. All of it runs in a test project,
    /// where intent is evident, so a false match in the engine would show up here.
    /// </summary>
    public class LookAlikeTests
    {
        [Fact]
        public Task ReceiveFromPlaceholderEndPoint() => Verify.InTestProjectAsync(
            """
            using System.Net;
            using System.Net.Sockets;

            class Receiver
            {
                void Receive(Socket socket, UdpClient udp, byte[] buffer)
                {
                    EndPoint remote = new IPEndPoint(IPAddress.Any, 0);
                    socket.ReceiveFrom(buffer, ref remote);

                    var sender = new IPEndPoint(IPAddress.IPv6Any, IPEndPoint.MinPort);
                    udp.Receive(ref sender);
                }
            }
            """);

        [Fact]
        public Task VersionStringsAndComparisons() => Verify.InTestProjectAsync(
            """
            using System;
            using System.Net;

            class Versions
            {
                const string Initial = "0.0.0.0";
                Version version = new Version("0.0.0.0");
                bool IsUnspecified(IPAddress address) => address.Equals(IPAddress.Any) || address == IPAddress.IPv6Any;
                string Describe() => $"listening on 0.0.0.0 is {Initial}";
            }
            """);

        [Fact]
        public Task BacklogAndMinPort() => Verify.InTestProjectAsync(
            """
            using System.Net;
            using System.Net.Sockets;

            class Server
            {
                void Start(Socket socket)
                {
                    socket.Bind(new IPEndPoint(IPAddress.Loopback, IPEndPoint.MinPort));
                    socket.Listen(0);
                }
            }
            """);

        [Fact]
        public Task ClientsAreNotListeners() => Verify.InTestProjectAsync(
            """
            using System.Net;
            using System.Net.Sockets;

            class Clients
            {
                void Connect(Socket socket)
                {
                    using var https = new TcpClient("example.com", 443);
                    using var udp = new UdpClient("localhost", 53);
                    using var unbound = new UdpClient();
                    socket.Connect(IPAddress.Any, 80);
                    socket.Connect(new IPEndPoint(IPAddress.Any, 80));
                }
            }
            """);

        [Theory]
        [InlineData("new TcpListener(IPAddress.Loopback, 0)")]
        [InlineData("new TcpListener(IPAddress.IPv6Loopback, 0)")]
        [InlineData("new TcpListener(IPAddress.Parse(\"127.0.0.1\"), 0)")]
        [InlineData("new TcpListener(IPAddress.Parse(\"127.0.0.2\"), 0)")]
        [InlineData("new TcpListener(IPAddress.Parse(\"[::1]\"), 0)")]
        [InlineData("new TcpListener(IPAddress.Parse(\"192.168.1.10\"), 0)")]
        [InlineData("new TcpListener(IPAddress.Parse(\"::ffff:0.0.0.0\"), 0)")]
        [InlineData("new TcpListener(IPAddress.Parse(\" 0.0.0.0\"), 0)")]
        [InlineData("new TcpListener(IPAddress.Parse(\"localhost\"), 0)")]
        [InlineData("new TcpListener(IPAddress.None, 0)")]
        [InlineData("new TcpListener(IPAddress.Broadcast, 0)")]
        [InlineData("new TcpListener(new IPAddress(new byte[] { 127, 0, 0, 1 }), 0)")]
        [InlineData("new TcpListener(new IPAddress(0x0100007F), 0)")]
        [InlineData("new TcpListener(new IPEndPoint(IPAddress.Loopback, 0))")]
        [InlineData("new UdpClient(new IPEndPoint(IPAddress.IPv6Loopback, 0))")]
        public Task SpecificAddresses(string expression) => Verify.InTestProjectAsync(
            $$"""
            using System.Net;
            using System.Net.Sockets;

            class Fixture
            {
                object Start() => {{expression}};
            }
            """);

        [Fact]
        public Task AddressesThatAreNotConstant() => Verify.InTestProjectAsync(
            """
            using System.Net;
            using System.Net.Sockets;

            class Fixture
            {
                static IPAddress configured = IPAddress.Any;

                TcpListener FromParameter(IPAddress address) => new TcpListener(address, 0);

                TcpListener FromMutableField() => new TcpListener(configured, 0);

                TcpListener FromLocalAssignedTwice(bool local)
                {
                    var address = IPAddress.Any;
                    if (local)
                    {
                        address = IPAddress.Loopback;
                    }

                    return new TcpListener(address, 0);
                }

                UdpClient FromUnknownFamily(AddressFamily family) => new UdpClient(0, family);
            }
            """);

        [Fact]
        public Task KestrelLoopbackForms() => Verify.InTestProjectAsync(
            """
            using System.Net;
            using Microsoft.AspNetCore.Server.Kestrel.Core;

            class Fixture
            {
                void Configure(KestrelServerOptions options)
                {
                    options.ListenLocalhost(5000);
                    options.Listen(IPAddress.Loopback, 0);
                    options.Listen(new IPEndPoint(IPAddress.IPv6Loopback, 0));
                    options.ListenUnixSocket("/tmp/kestrel.sock");
                }
            }
            """);
    }
}
