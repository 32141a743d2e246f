using System.Threading.Tasks;
using LoopbackAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace LoopbackAnalyzers.Tests.Rules.LOOP006
{
    /// <summary>
    /// LOOP006: a helper that finds a free port, lets go of it, and hands out only the number. Each shape is a hit;
    /// each exception (the real server retries, the open listener is handed on, a closed-port probe, the port used while
    /// held) is a look-alike that must stay silent. Not gated on intent: these run without test-project evidence.
    /// </summary>
    public class FreePortReleasedBeforeUseTests
    {
        private const string ListenerAlternative =
            "bind the real server to port 0 and read its port back, hand the open listener to the caller, or retry the real bind on AddressAlreadyInUse";

        private const string SocketAlternative =
            "bind the real server to port 0 and read its port back, hand the open socket to the caller, or retry the real bind on AddressAlreadyInUse";

        private const string UdpAlternative =
            "bind the real UdpClient to port 0 and read its port back, hand the open UdpClient to the caller, or retry the real bind on AddressAlreadyInUse";

        private const string SnapshotAlternative =
            "bind the real server to port 0 and read its port back, or retry the real bind on AddressAlreadyInUse";

        private const string Usings = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Net;
            using System.Net.Http;
            using System.Net.NetworkInformation;
            using System.Net.Sockets;
            using System.Threading.Tasks;

            """;

        /// <summary>A stand-in for a test framework's assertions (no test framework is referenced here).</summary>
        private const string AssertClass = """

            static class Assert
            {
                public static async Task<T> ThrowsAsync<T>(Func<Task> test) where T : Exception
                {
                    try { await test(); } catch (T e) { return e; }
                    throw new InvalidOperationException("no exception");
                }
            }
            """;

        private static DiagnosticResult Loop006(int location, string helper, string shape, string callSites, string alternative) =>
            new DiagnosticResult(Descriptors.FreePortReleasedBeforeUse)
                .WithLocation(location)
                .WithArguments(helper, shape, callSites, alternative);

        private static Task VerifyAsync(string source, params DiagnosticResult[] expected)
        {
            var test = new LoopbackTest { TestCode = Usings + source };
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync();
        }

        // ── Hits: bind port 0, read the port, release ───────────────────────────────────────────────────────

        [Fact]
        public Task TcpListenerStartReadStopInAStaticClass() => VerifyAsync(
            """
            public static class TestPorts
            {
                public static int {|#0:GetFreePort|}()
                {
                    var listener = new TcpListener(IPAddress.Loopback, 0);
                    listener.Start();
                    var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                    listener.Stop();
                    return port;
                }
            }

            class ServerTests
            {
                void Starts() { var server = new TcpListener(IPAddress.Loopback, TestPorts.GetFreePort()); server.Start(); }
                void StartsAgain() { var port = TestPorts.GetFreePort(); var server = new TcpListener(IPAddress.Loopback, port); server.Start(); }
            }
            """,
            Loop006(0, "'TestPorts.GetFreePort'", "binds a TcpListener to port 0, reads its port, stops it and returns the number", "2 call sites in this project", ListenerAlternative));

        [Fact]
        public Task TryFinallyWithConditionalStop() => VerifyAsync(
            """
            static class Ports
            {
                // The WireMock.Net helper that started it all.
                public static int {|LOOP006:FindFreeTcpPort|}()
                {
                    TcpListener tcpListener = null;
                    try
                    {
                        tcpListener = new TcpListener(IPAddress.Loopback, 0);
                        tcpListener.Start();
                        return ((IPEndPoint)tcpListener.LocalEndpoint).Port;
                    }
                    finally
                    {
                        tcpListener?.Stop();
                    }
                }
            }
            """);

        [Fact]
        public Task SocketBindReadClose() => VerifyAsync(
            """
            static class Ports
            {
                public static int {|#0:GetFreePort|}()
                {
                    var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                    var port = ((IPEndPoint)socket.LocalEndPoint!).Port;
                    socket.Close();
                    return port;
                }
            }
            """,
            Loop006(0, "'Ports.GetFreePort'", "binds a Socket to port 0, reads its port, closes it and returns the number", "not called in this project", SocketAlternative));

        [Fact]
        public Task UdpClientInAUsingDeclaration() => VerifyAsync(
            """
            static class Ports
            {
                public static int {|#0:GetFreeUdpPort|}()
                {
                    using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
                    return ((IPEndPoint)udp.Client.LocalEndPoint!).Port;
                }
            }
            """,
            Loop006(0, "'Ports.GetFreeUdpPort'", "binds a UdpClient to port 0, reads its port, disposes it when its using scope ends and returns the number", "not called in this project", UdpAlternative));

        [Fact]
        public Task UsingBlock() => VerifyAsync(
            """
            static class Ports
            {
                public static int {|#0:GetFreePort|}()
                {
                    using (var listener = new TcpListener(IPAddress.Loopback, 0))
                    {
                        listener.Start();
                        return ((IPEndPoint)listener.LocalEndpoint).Port;
                    }
                }
            }
            """,
            Loop006(0, "'Ports.GetFreePort'", "binds a TcpListener to port 0, reads its port, disposes it when its using scope ends and returns the number", "not called in this project", ListenerAlternative));

        [Theory]
        [InlineData("var listener = TcpListener.Create(0); listener.Start(); var port = ((IPEndPoint)listener.LocalEndpoint).Port; listener.Stop(); return port;")]
        [InlineData("var listener = new TcpListener(new IPEndPoint(IPAddress.Loopback, 0)); listener.Start(); var endpoint = (IPEndPoint)listener.LocalEndpoint; listener.Stop(); return endpoint.Port;")]
        [InlineData("var listener = new TcpListener(IPAddress.IPv6Loopback, 0); listener.Start(); try { return (listener.LocalEndpoint as IPEndPoint)?.Port ?? 0; } finally { listener.Stop(); }")]
        [InlineData("var listener = new TcpListener(IPAddress.Loopback, 0); listener.Start(); var port = 0; if (listener.LocalEndpoint is IPEndPoint endpoint) port = endpoint.Port; listener.Server.Close(); return port;")]
        [InlineData("var listener = new TcpListener(IPAddress.Loopback, port: 0); listener.Start(); var port = ((IPEndPoint)listener.Server.LocalEndPoint!).Port; listener.Dispose(); return port;")]
        [InlineData("var endpoint = new IPEndPoint(IPAddress.Loopback, 0); using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp); socket.Bind(endpoint); socket.Listen(); return ((IPEndPoint)socket.LocalEndPoint!).Port;")]
        [InlineData("using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)); var port = ((IPEndPoint)udp.Client.LocalEndPoint!).Port; udp.Close(); return port;")]
        [InlineData("Socket socket = null; try { socket = new Socket(SocketType.Dgram, ProtocolType.Udp); socket.Bind(new IPEndPoint(IPAddress.Loopback, 0)); return ((IPEndPoint)socket.LocalEndPoint!).Port; } finally { socket?.Dispose(); }")]
        public Task PortZeroForms(string body) => VerifyAsync(
            $$"""
            static class Ports
            {
                public static int {|LOOP006:GetFreePort|}()
                {
                    {{body}}
                }
            }
            """);

        [Fact]
        public Task LoopbackUdpClientOnAllInterfacesInATestProjectIsAlsoLoop001() => new LoopbackTest
        {
            TestCode = Usings + """
                static class Ports
                {
                    public static int {|#0:GetFreeUdpPort|}()
                    {
                        using var udp = {|LOOP001:new UdpClient(0)|};
                        return ((IPEndPoint)udp.Client.LocalEndPoint!).Port;
                    }
                }
                """,
            ExpectedDiagnostics =
            {
                Loop006(0, "'Ports.GetFreeUdpPort'", "binds a UdpClient to port 0, reads its port, disposes it when its using scope ends and returns the number", "not called in this project", UdpAlternative),
            },
        }.AsTestProject().RunAsync();

        // ── Hits: several ports ─────────────────────────────────────────────────────────────────────────────

        [Fact]
        public Task SeveralPortsIntoAnArray() => VerifyAsync(
            """
            static class Ports
            {
                public static int[] {|#0:GetFreePorts|}(int count)
                {
                    var ports = new int[count];
                    for (var i = 0; i < count; i++)
                    {
                        using var listener = new TcpListener(IPAddress.Loopback, 0);
                        listener.Start();
                        ports[i] = ((IPEndPoint)listener.LocalEndpoint).Port;
                    }

                    return ports;
                }
            }
            """,
            Loop006(0, "'Ports.GetFreePorts'", "binds TcpListeners to port 0, reads their ports, disposes them when their using scope ends and returns the numbers", "not called in this project", ListenerAlternative));

        [Fact]
        public Task SeveralPortsHeldTogetherThenStopped() => VerifyAsync(
            """
            static class Ports
            {
                // Holding all listeners until every port is read avoids duplicates, but still releases them all.
                public static List<int> {|#0:GetFreePorts|}(int count)
                {
                    var listeners = new List<TcpListener>();
                    try
                    {
                        for (var i = 0; i < count; i++)
                        {
                            var listener = new TcpListener(IPAddress.Loopback, 0);
                            listener.Start();
                            listeners.Add(listener);
                        }

                        return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToList();
                    }
                    finally
                    {
                        foreach (var listener in listeners)
                        {
                            listener.Stop();
                        }
                    }
                }
            }
            """,
            Loop006(0, "'Ports.GetFreePorts'", "binds TcpListeners to port 0, reads their ports, stops them and returns the numbers", "not called in this project", ListenerAlternative));

        [Theory]
        [InlineData("public static IEnumerable<int> {|LOOP006:FreePorts|}() { while (true) { using var l = new TcpListener(IPAddress.Loopback, 0); l.Start(); yield return ((IPEndPoint)l.LocalEndpoint).Port; } }")]
        [InlineData("public static (int Http, int Grpc) {|LOOP006:TwoPorts|}() { using var a = new TcpListener(IPAddress.Loopback, 0); using var b = new TcpListener(IPAddress.Loopback, 0); a.Start(); b.Start(); return (((IPEndPoint)a.LocalEndpoint).Port, ((IPEndPoint)b.LocalEndpoint).Port); }")]
        [InlineData("public static int[] {|LOOP006:FreePorts|}(int n) => Enumerable.Range(0, n).Select(_ => { var l = new TcpListener(IPAddress.Loopback, 0); l.Start(); var p = ((IPEndPoint)l.LocalEndpoint).Port; l.Stop(); return p; }).ToArray();")]
        [InlineData("public static List<int> {|LOOP006:FreePorts|}(int n) { var ports = new List<int>(); for (var i = 0; i < n; i++) { var l = new TcpListener(IPAddress.Loopback, 0); l.Start(); ports.Add(((IPEndPoint)l.LocalEndpoint).Port); l.Stop(); } return ports; }")]
        [InlineData("public static int[] {|LOOP006:FreePorts|}(int n) { var listeners = new TcpListener[n]; for (var i = 0; i < n; i++) { listeners[i] = new TcpListener(IPAddress.Loopback, 0); listeners[i].Start(); } var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray(); foreach (var l in listeners) l.Stop(); return ports; }")]
        public Task SeveralPortForms(string member) => VerifyAsync($$"""
            static class Ports
            {
                {{member}}
            }
            """);

        // ── Hits: probing candidate ports ───────────────────────────────────────────────────────────────────

        [Fact]
        public Task SequentialProbingWithTryCatch() => VerifyAsync(
            """
            static class Ports
            {
                public static int {|#0:FindAvailablePort|}(int port)
                {
                    while (true)
                    {
                        try
                        {
                            var probe = new TcpListener(IPAddress.Loopback, port);
                            probe.Start();
                            probe.Stop();
                            return port;
                        }
                        catch (SocketException)
                        {
                            port++;
                        }
                    }
                }
            }
            """,
            Loop006(0, "'Ports.FindAvailablePort'", "probes candidate ports in sequence until a TcpListener binds one, stops it and returns the number", "not called in this project", ListenerAlternative));

        [Fact]
        public Task SequentialProbingWithSocketsInAForLoop() => VerifyAsync(
            """
            static class Ports
            {
                public static int {|#0:FindAvailablePort|}(int first)
                {
                    for (var port = first; port < 65536; port++)
                    {
                        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                        try
                        {
                            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
                            return port;
                        }
                        catch (SocketException)
                        {
                        }
                        finally
                        {
                            socket.Dispose();
                        }
                    }

                    throw new InvalidOperationException("no free port");
                }
            }
            """,
            Loop006(0, "'Ports.FindAvailablePort'", "probes candidate ports in sequence until a Socket binds one, disposes it and returns the number", "not called in this project", SocketAlternative));

        [Fact]
        public Task RandomProbing() => VerifyAsync(
            """
            static class Ports
            {
                private static readonly Random Random = new Random();

                public static int {|#0:RandomFreePort|}()
                {
                    while (true)
                    {
                        var port = Random.Next(20000, 30000);
                        try
                        {
                            using var probe = new TcpListener(IPAddress.Loopback, port);
                            probe.Start();
                            return port;
                        }
                        catch (SocketException)
                        {
                        }
                    }
                }
            }
            """,
            Loop006(0, "'Ports.RandomFreePort'", "probes candidate ports at random until a TcpListener binds one, disposes it when its using scope ends and returns the number", "not called in this project", ListenerAlternative));

        [Fact]
        public Task AsyncProbingAtRandomWithAnExtensionMethod() => VerifyAsync(
            """
            static class AddressExtensions
            {
                public static async Task<int> {|#0:FindFreePortAsync|}(this IPAddress address, int attempts = 10)
                {
                    for (var attempt = 0; attempt < attempts; attempt++)
                    {
                        var port = Random.Shared.Next(20000, 30000);
                        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                        try
                        {
                            socket.Bind(new IPEndPoint(address, port));
                            return port;
                        }
                        catch (SocketException)
                        {
                            await Task.Delay(10);
                        }
                    }

                    throw new InvalidOperationException("no free port");
                }
            }

            class Callers
            {
                async Task Call()
                {
                    var first = await IPAddress.Loopback.FindFreePortAsync();
                    var second = await AddressExtensions.FindFreePortAsync(IPAddress.IPv6Loopback, 3);
                }
            }
            """,
            Loop006(0, "'AddressExtensions.FindFreePortAsync'", "probes candidate ports at random until a Socket binds one, disposes it when its using scope ends and returns the number", "2 call sites in this project", SocketAlternative));

        [Fact]
        public Task ProbingThroughACheckMethod() => VerifyAsync(
            """
            static class Ports
            {
                private static bool IsPortAvailable(int port)
                {
                    try
                    {
                        using var listener = new TcpListener(IPAddress.Loopback, port);
                        listener.Start();
                        return true;
                    }
                    catch (SocketException)
                    {
                        return false;
                    }
                }

                public static int {|#0:NextFreePort|}(int start)
                {
                    for (var port = start; port < 65536; port++)
                    {
                        if (IsPortAvailable(port))
                        {
                            return port;
                        }
                    }

                    return -1;
                }

                public static int {|#1:AnyFreePort|}() => Enumerable.Range(20000, 1000).First(IsPortAvailable);

                public static int {|#2:RandomPort|}() => Enumerable.Range(0, 100).Select(_ => Random.Shared.Next(20000, 30000)).First(p => IsPortAvailable(p));
            }
            """,
            Loop006(0, "'Ports.NextFreePort'", "probes candidate ports in sequence with 'IsPortAvailable', which binds a TcpListener and releases it, and returns the number", "not called in this project", ListenerAlternative),
            Loop006(1, "'Ports.AnyFreePort'", "probes candidate ports in sequence with 'IsPortAvailable', which binds a TcpListener and releases it, and returns the number", "not called in this project", ListenerAlternative),
            Loop006(2, "'Ports.RandomPort'", "probes candidate ports at random with 'IsPortAvailable', which binds a TcpListener and releases it, and returns the number", "not called in this project", ListenerAlternative));

        // ── Hits: IPGlobalProperties snapshots ──────────────────────────────────────────────────────────────

        [Fact]
        public Task PortNotListedByTheActiveListeners() => VerifyAsync(
            """
            static class Ports
            {
                public static int {|#0:UnusedPort|}()
                {
                    var used = IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners().Select(e => e.Port).ToHashSet();
                    for (var port = 20000; port < 30000; port++)
                    {
                        if (!used.Contains(port))
                        {
                            return port;
                        }
                    }

                    throw new InvalidOperationException();
                }

                public static int {|#1:UnusedPortInRange|}()
                {
                    var used = IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners().Select(e => e.Port).ToHashSet();
                    return Enumerable.Range(20000, 10000).First(port => !used.Contains(port));
                }
            }
            """,
            Loop006(0, "'Ports.UnusedPort'", "picks a port that IPGlobalProperties.GetActiveTcpListeners() does not list, a snapshot that reserves nothing, and returns the number", "not called in this project", SnapshotAlternative),
            Loop006(1, "'Ports.UnusedPortInRange'", "picks a port that IPGlobalProperties.GetActiveTcpListeners() does not list, a snapshot that reserves nothing, and returns the number", "not called in this project", SnapshotAlternative));

        [Fact]
        public Task PortNotListedByConnectionsOrUdpListeners() => VerifyAsync(
            """
            static class Ports
            {
                public static int {|#0:UnusedPort|}()
                {
                    var properties = IPGlobalProperties.GetIPGlobalProperties();
                    var connections = properties.GetActiveTcpConnections();
                    var listeners = properties.GetActiveTcpListeners();
                    var port = 40000;
                    while (connections.Any(c => c.LocalEndPoint.Port == port) || listeners.Any(l => l.Port == port))
                    {
                        port++;
                    }

                    return port;
                }

                public static void {|#1:UnusedUdpPort|}(out int port)
                {
                    var random = new Random();
                    var used = IPGlobalProperties.GetIPGlobalProperties().GetActiveUdpListeners();
                    int candidate;
                    do
                    {
                        candidate = random.Next(40000, 50000);
                    }
                    while (used.Any(u => u.Port == candidate));
                    port = candidate;
                }
            }
            """,
            Loop006(0, "'Ports.UnusedPort'", "picks a port that IPGlobalProperties.GetActiveTcpConnections() or IPGlobalProperties.GetActiveTcpListeners() does not list, a snapshot that reserves nothing, and returns the number", "not called in this project", SnapshotAlternative),
            Loop006(1, "'Ports.UnusedUdpPort'", "picks a port that IPGlobalProperties.GetActiveUdpListeners() does not list, a snapshot that reserves nothing, and passes the number out through 'port'", "not called in this project", SnapshotAlternative));

        [Fact]
        public Task CheckMethodThatLooksInTheActiveListeners() => VerifyAsync(
            """
            static class Ports
            {
                private static bool InUse(int port) =>
                    IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners().Any(endpoint => endpoint.Port == port);

                public static int {|#0:FreePort|}()
                {
                    var port = 30000;
                    while (InUse(port))
                    {
                        port++;
                    }

                    return port;
                }
            }
            """,
            Loop006(0, "'Ports.FreePort'", "probes candidate ports in sequence with 'InUse', which looks the port up in IPGlobalProperties.GetActiveTcpListeners(), and returns the number", "not called in this project", SnapshotAlternative));

        // ── Hits: async, local functions, lambdas, out parameters, fields, properties, constructors ──────────

        [Fact]
        public Task AsyncHelpers() => VerifyAsync(
            """
            static class Ports
            {
                public static async Task<int> {|#0:GetFreePortAsync|}()
                {
                    using var listener = new TcpListener(IPAddress.Loopback, 0);
                    listener.Start();
                    await Task.Yield();
                    return ((IPEndPoint)listener.LocalEndpoint).Port;
                }

                public static Task<int> {|#1:GetFreePortInBackground|}() => Task.Run(() =>
                {
                    var listener = new TcpListener(IPAddress.Loopback, 0);
                    listener.Start();
                    var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                    listener.Stop();
                    return port;
                });

                public static Task<int> {|#2:FromResult|}()
                {
                    var listener = new TcpListener(IPAddress.Loopback, 0);
                    listener.Start();
                    var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                    listener.Stop();
                    return Task.FromResult(port);
                }

                static async Task Caller() => await GetFreePortAsync();
            }
            """,
            Loop006(0, "'Ports.GetFreePortAsync'", "binds a TcpListener to port 0, reads its port, disposes it when its using scope ends and returns the number", "1 call site in this project", ListenerAlternative),
            Loop006(1, "'Ports.GetFreePortInBackground'", "binds a TcpListener to port 0, reads its port, stops it and returns the number", "not called in this project", ListenerAlternative),
            Loop006(2, "'Ports.FromResult'", "binds a TcpListener to port 0, reads its port, stops it and returns the number", "not called in this project", ListenerAlternative));

        [Fact]
        public Task LocalFunction() => VerifyAsync(
            """
            class ProxyTests
            {
                void ForwardsTraffic()
                {
                    var front = new TcpListener(IPAddress.Loopback, FreePort());
                    var back = new TcpListener(IPAddress.Loopback, FreePort());
                    front.Start();
                    back.Start();

                    static int {|#0:FreePort|}()
                    {
                        var probe = new TcpListener(IPAddress.Loopback, 0);
                        probe.Start();
                        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
                        probe.Stop();
                        return port;
                    }
                }
            }
            """,
            Loop006(0, "Local function 'FreePort'", "binds a TcpListener to port 0, reads its port, stops it and returns the number", "2 call sites in this project", ListenerAlternative));

        [Fact]
        public Task LambdasInALocalAFieldAndAProperty() => VerifyAsync(
            """
            class ProxyTests
            {
                private static readonly Func<int> {|#0:FreePort|} = () =>
                {
                    using var probe = new TcpListener(IPAddress.Loopback, 0);
                    probe.Start();
                    return ((IPEndPoint)probe.LocalEndpoint).Port;
                };

                private static Func<int> {|#1:FreeUdpPort|} { get; } = () =>
                {
                    using var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
                    return ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
                };

                void ForwardsTraffic()
                {
                    Func<Task<int>> {|#2:freePort|} = async () =>
                    {
                        var probe = new TcpListener(IPAddress.Loopback, 0);
                        probe.Start();
                        await Task.Yield();
                        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
                        probe.Stop();
                        return port;
                    };

                    var front = new TcpListener(IPAddress.Loopback, FreePort());
                    var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, FreeUdpPort()));
                    var first = freePort().Result;
                    var second = freePort().Result;
                }
            }
            """,
            Loop006(0, "The lambda in 'FreePort'", "binds a TcpListener to port 0, reads its port, disposes it when its using scope ends and returns the number", "1 call site in this project", ListenerAlternative),
            Loop006(1, "The lambda in 'FreeUdpPort'", "binds a UdpClient to port 0, reads its port, disposes it when its using scope ends and returns the number", "1 call site in this project", UdpAlternative),
            Loop006(2, "The lambda in 'freePort'", "binds a TcpListener to port 0, reads its port, stops it and returns the number", "2 call sites in this project", ListenerAlternative));

        [Fact]
        public Task LambdaAssignedLater() => VerifyAsync(
            """
            class Fixture
            {
                private Func<int> _freePort;

                public Fixture()
                {
                    {|#0:_freePort|} = () =>
                    {
                        var probe = new TcpListener(IPAddress.Loopback, 0);
                        probe.Start();
                        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
                        probe.Stop();
                        return port;
                    };
                }

                public int Next() => _freePort();
            }
            """,
            Loop006(0, "The lambda in '_freePort'", "binds a TcpListener to port 0, reads its port, stops it and returns the number", "1 call site in this project", ListenerAlternative));

        [Fact]
        public Task OutParameters() => VerifyAsync(
            """
            static class Ports
            {
                public static void {|#0:Reserve|}(out int port)
                {
                    var probe = new TcpListener(IPAddress.Loopback, 0);
                    probe.Start();
                    port = ((IPEndPoint)probe.LocalEndpoint).Port;
                    probe.Stop();
                }

                public static bool {|#1:TryGetFreePort|}(out int port)
                {
                    try
                    {
                        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                        socket.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
                        port = ((IPEndPoint)socket.LocalEndPoint!).Port;
                        return true;
                    }
                    catch (SocketException)
                    {
                        port = 0;
                        return false;
                    }
                }

                static void Caller()
                {
                    Reserve(out var port);
                    if (TryGetFreePort(out var other)) { }
                }
            }
            """,
            Loop006(0, "'Ports.Reserve'", "binds a TcpListener to port 0, reads its port, stops it and passes the number out through 'port'", "1 call site in this project", ListenerAlternative),
            Loop006(1, "'Ports.TryGetFreePort'", "binds a Socket to port 0, reads its port, disposes it when its using scope ends and passes the number out through 'port'", "1 call site in this project", SocketAlternative));

        [Fact]
        public Task FieldsPropertiesAndConstructors() => VerifyAsync(
            """
            public class ServerFixture
            {
                private static readonly int SharedPort;
                private int _port;

                static {|#0:ServerFixture|}()
                {
                    var probe = new TcpListener(IPAddress.Loopback, 0);
                    probe.Start();
                    SharedPort = ((IPEndPoint)probe.LocalEndpoint).Port;
                    probe.Stop();
                }

                public {|#1:ServerFixture|}()
                {
                    var probe = new TcpListener(IPAddress.Loopback, 0);
                    probe.Start();
                    Port = ((IPEndPoint)probe.LocalEndpoint).Port;
                    probe.Stop();
                }

                public int Port { get; }

                public static int {|#2:FreePort|}
                {
                    get
                    {
                        using var probe = new TcpListener(IPAddress.Loopback, 0);
                        probe.Start();
                        return ((IPEndPoint)probe.LocalEndpoint).Port;
                    }
                }

                public void {|#3:ReservePort|}()
                {
                    using var probe = new TcpListener(IPAddress.Loopback, 0);
                    probe.Start();
                    _port = ((IPEndPoint)probe.LocalEndpoint).Port;
                }

                public static ServerFixture Create()
                {
                    var fixture = new ServerFixture();
                    fixture.ReservePort();
                    _ = FreePort + FreePort;
                    return new ServerFixture();
                }
            }
            """,
            Loop006(0, "The static constructor of 'ServerFixture'", "binds a TcpListener to port 0, reads its port, stops it and stores the number in 'SharedPort'", "it runs when the type is first used", ListenerAlternative),
            Loop006(1, "The constructor of 'ServerFixture'", "binds a TcpListener to port 0, reads its port, stops it and stores the number in 'Port'", "2 call sites in this project", ListenerAlternative),
            Loop006(2, "'ServerFixture.FreePort'", "binds a TcpListener to port 0, reads its port, disposes it when its using scope ends and returns the number", "2 call sites in this project", ListenerAlternative),
            Loop006(3, "'ServerFixture.ReservePort'", "binds a TcpListener to port 0, reads its port, disposes it when its using scope ends and stores the number in '_port'", "1 call site in this project", ListenerAlternative));

        [Fact]
        public Task UrlsEndpointsAndCallbacks() => VerifyAsync(
            """
            static class Ports
            {
                public static string {|#0:FreeUrl|}()
                {
                    var probe = new TcpListener(IPAddress.Loopback, 0);
                    probe.Start();
                    var port = ((IPEndPoint)probe.LocalEndpoint).Port;
                    probe.Stop();
                    return $"http://127.0.0.1:{port}/";
                }

                public static IPEndPoint {|#1:FreeEndPoint|}()
                {
                    using var probe = new TcpListener(IPAddress.Loopback, 0);
                    probe.Start();
                    return new IPEndPoint(IPAddress.Loopback, ((IPEndPoint)probe.LocalEndpoint).Port);
                }

                public static void {|#2:WithFreePort|}(Action<int> test)
                {
                    var probe = new TcpListener(IPAddress.Loopback, 0);
                    probe.Start();
                    var port = ((IPEndPoint)probe.LocalEndpoint).Port;
                    probe.Stop();
                    Console.WriteLine($"testing on port {port}");
                    test(port);
                }

                public static async Task<Uri> {|#3:FreeBaseAddress|}()
                {
                    var probe = new TcpListener(IPAddress.Loopback, 0);
                    probe.Start();
                    var port = ((IPEndPoint)probe.LocalEndpoint).Port;
                    probe.Stop();
                    await Task.Yield();
                    return new UriBuilder("http", "127.0.0.1", port).Uri;
                }

                static void Caller() => WithFreePort(port => new TcpListener(IPAddress.Loopback, port).Start());
            }
            """,
            Loop006(0, "'Ports.FreeUrl'", "binds a TcpListener to port 0, reads its port, stops it and returns the number in a string", "not called in this project", ListenerAlternative),
            Loop006(1, "'Ports.FreeEndPoint'", "binds a TcpListener to port 0, reads its port, disposes it when its using scope ends and returns the number in an endpoint", "not called in this project", ListenerAlternative),
            Loop006(3, "'Ports.FreeBaseAddress'", "binds a TcpListener to port 0, reads its port, stops it and returns the number in a Uri", "not called in this project", ListenerAlternative),
            Loop006(2, "'Ports.WithFreePort'", "binds a TcpListener to port 0, reads its port, stops it and passes the number to 'test'", "1 call site in this project", ListenerAlternative));

        [Fact]
        public Task CapturedVariableOfTheEnclosingMethod() => VerifyAsync(
            """
            class ProxyTests
            {
                void ForwardsTraffic()
                {
                    var port = 0;
                    void {|#0:Reserve|}()
                    {
                        using var probe = new TcpListener(IPAddress.Loopback, 0);
                        probe.Start();
                        port = ((IPEndPoint)probe.LocalEndpoint).Port;
                    }

                    Reserve();
                    new TcpListener(IPAddress.Loopback, port).Start();
                }
            }
            """,
            Loop006(0, "Local function 'Reserve'", "binds a TcpListener to port 0, reads its port, disposes it when its using scope ends and stores the number in 'port'", "1 call site in this project", ListenerAlternative));

        // ── The call-site count ─────────────────────────────────────────────────────────────────────────────

        [Theory]
        [InlineData("", "not called in this project")]
        [InlineData("var a = Ports.GetFreePort();", "1 call site in this project")]
        [InlineData("var a = Ports.GetFreePort(); var b = Ports.GetFreePort() + Ports.GetFreePort();", "3 call sites in this project")]
        [InlineData("Func<bool, int> next = Ports.GetFreePort; var a = next(true);", "1 call site in this project")]
        [InlineData("var name = nameof(Ports.GetFreePort);", "not called in this project")]
        [InlineData("var a = Ports.GetFreePort(retry: false); var b = Ports.GetFreePort(false);", "2 call sites in this project")]
        [InlineData("var GetFreePort = 5; var a = GetFreePort; var b = Other.GetFreePort();", "not called in this project")]
        public Task CallSitesAreCountedInTheWholeCompilation(string calls, string count) => new LoopbackTest
        {
            TestState =
            {
                Sources =
                {
                    Usings + """
                        public static class Ports
                        {
                            /// <summary>Not <see cref="GetFreePort"/> again: the recursion is not a call site.</summary>
                            public static int {|#0:GetFreePort|}(bool retry = true)
                            {
                                var probe = new TcpListener(IPAddress.Loopback, 0);
                                probe.Start();
                                var port = ((IPEndPoint)probe.LocalEndpoint).Port;
                                probe.Stop();
                                return port == 0 && retry ? GetFreePort(false) : port;
                            }
                        }

                        public static class Other
                        {
                            public static int GetFreePort() => 0;
                        }
                        """,
                    Usings + $$"""
                        class Callers
                        {
                            void Call()
                            {
                                {{calls}}
                            }
                        }
                        """,
                },
                ExpectedDiagnostics =
                {
                    Loop006(0, "'Ports.GetFreePort'", "binds a TcpListener to port 0, reads its port, stops it and returns the number", count, ListenerAlternative),
                },
            },
        }.RunAsync();

        [Fact]
        public Task PrivateHelperCountsOnlyItsOwnTypeAcrossPartialDeclarations() => new LoopbackTest
        {
            TestState =
            {
                Sources =
                {
                    Usings + """
                        partial class EchoTests
                        {
                            private static int {|#0:GetFreePort|}()
                            {
                                using var probe = new TcpListener(IPAddress.Loopback, 0);
                                probe.Start();
                                return ((IPEndPoint)probe.LocalEndpoint).Port;
                            }

                            void First() => new TcpListener(IPAddress.Loopback, GetFreePort()).Start();
                        }

                        class Unrelated
                        {
                            static int GetFreePort() => 1;

                            void Call() => GetFreePort();
                        }
                        """,
                    Usings + """
                        partial class EchoTests
                        {
                            void Second() => new TcpListener(IPAddress.Loopback, GetFreePort()).Start();

                            class Nested
                            {
                                void Third() => new TcpListener(IPAddress.Loopback, GetFreePort()).Start();
                            }
                        }
                        """,
                },
                ExpectedDiagnostics =
                {
                    Loop006(0, "'EchoTests.GetFreePort'", "binds a TcpListener to port 0, reads its port, disposes it when its using scope ends and returns the number", "3 call sites in this project", ListenerAlternative),
                },
            },
        }.RunAsync();

        [Fact]
        public Task ManyHelpersAreCountedThroughOneIndex()
        {
            // Past a few helper names, the counter indexes every name in one pass instead of scanning per name.
            const int helpers = 12;
            var declarations = new System.Text.StringBuilder();
            var calls = new System.Text.StringBuilder();
            var test = new LoopbackTest();
            for (var i = 0; i < helpers; i++)
            {
                declarations.Append("    public static int {|#").Append(i).Append(":Free").Append(i)
                    .Append("|}() { using var probe = new TcpListener(IPAddress.Loopback, 0); probe.Start(); return ((IPEndPoint)probe.LocalEndpoint).Port; }\n");
                for (var call = 0; call < i % 4; call++)
                {
                    calls.Append("        _ = Ports.Free").Append(i).Append("();\n");
                }

                var count = (i % 4) switch { 0 => "not called in this project", 1 => "1 call site in this project", var n => $"{n} call sites in this project" };
                test.ExpectedDiagnostics.Add(Loop006(i, $"'Ports.Free{i}'", "binds a TcpListener to port 0, reads its port, disposes it when its using scope ends and returns the number", count, ListenerAlternative));
            }

            test.TestState.Sources.Add(Usings + "public static class Ports\n{\n" + declarations + "}\n");
            test.TestState.Sources.Add("class Callers\n{\n    void Call()\n    {\n" + calls + "    }\n}\n");
            return test.RunAsync();
        }

        // ── Look-alikes: the real server binds, and retries on conflict ─────────────────────────────────────

        [Fact]
        public Task RealServerRetriesOnAddressAlreadyInUse() => VerifyAsync(
            """
            class Servers
            {
                private TcpListener _server;

                public static TcpListener StartOnFreePort(int first)
                {
                    for (var port = first; ; port++)
                    {
                        var listener = new TcpListener(IPAddress.Loopback, port);
                        try
                        {
                            listener.Start();
                            return listener;
                        }
                        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
                        {
                        }
                    }
                }

                public int Start(int first)
                {
                    for (var port = first; ; port++)
                    {
                        try
                        {
                            _server = new TcpListener(IPAddress.Loopback, port);
                            _server.Start();
                            return port;
                        }
                        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
                        {
                        }
                    }
                }

                public static int StartAndServe(int first)
                {
                    for (var port = first; ; port++)
                    {
                        var listener = new TcpListener(IPAddress.Loopback, port);
                        try
                        {
                            listener.Start();
                            _ = Task.Run(async () =>
                            {
                                using var client = await listener.AcceptTcpClientAsync();
                                listener.Stop();
                            });
                            return port;
                        }
                        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
                        {
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task KestrelRetriesOnConflict() => new LoopbackTest
        {
            TestCode = Usings + """
                using System.IO;
                using Microsoft.AspNetCore.Builder;

                class Host
                {
                    public static async Task<(WebApplication App, int Port)> StartAsync()
                    {
                        var random = new Random();
                        while (true)
                        {
                            var port = random.Next(20000, 30000);
                            var app = WebApplication.Create();
                            app.Urls.Add($"http://127.0.0.1:{port}");
                            try
                            {
                                await app.StartAsync();
                                return (app, port);
                            }
                            catch (IOException)
                            {
                                await app.DisposeAsync();
                            }
                        }
                    }
                }
                """,
        }.RunAsync();

        [Fact]
        public Task EveryCallerRetriesTheRealBind() => new LoopbackTest
        {
            TestCode = Usings + """
                using System.IO;
                using Microsoft.AspNetCore.Builder;

                static class Ports
                {
                    public static int GetFreePort()
                    {
                        using var probe = new TcpListener(IPAddress.Loopback, 0);
                        probe.Start();
                        return ((IPEndPoint)probe.LocalEndpoint).Port;
                    }
                }

                class Servers
                {
                    public static TcpListener StartListener()
                    {
                        for (var attempt = 0; ; attempt++)
                        {
                            var listener = new TcpListener(IPAddress.Loopback, Ports.GetFreePort());
                            try
                            {
                                listener.Start();
                                return listener;
                            }
                            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse && attempt < 5)
                            {
                            }
                        }
                    }

                    public static async Task<WebApplication> StartAppAsync()
                    {
                        while (true)
                        {
                            var app = WebApplication.Create();
                            app.Urls.Add($"http://127.0.0.1:{Ports.GetFreePort()}");
                            try
                            {
                                await app.StartAsync();
                                return app;
                            }
                            catch (IOException)
                            {
                                await app.DisposeAsync();
                            }
                        }
                    }
                }
                """,
        }.RunAsync();

        [Fact]
        public Task OneCallerWithoutRetryIsEnough() => VerifyAsync(
            """
            static class Ports
            {
                public static int {|#0:GetFreePort|}()
                {
                    using var probe = new TcpListener(IPAddress.Loopback, 0);
                    probe.Start();
                    return ((IPEndPoint)probe.LocalEndpoint).Port;
                }
            }

            class Servers
            {
                public static TcpListener WithRetry()
                {
                    for (var attempt = 0; ; attempt++)
                    {
                        var listener = new TcpListener(IPAddress.Loopback, Ports.GetFreePort());
                        try
                        {
                            listener.Start();
                            return listener;
                        }
                        catch (SocketException) when (attempt < 5)
                        {
                        }
                    }
                }

                // A loop without a catch does not retry anything.
                public static List<TcpListener> Several()
                {
                    var all = new List<TcpListener>();
                    for (var i = 0; i < 3; i++)
                    {
                        var listener = new TcpListener(IPAddress.Loopback, Ports.GetFreePort());
                        listener.Start();
                        all.Add(listener);
                    }

                    return all;
                }
            }
            """,
            Loop006(0, "'Ports.GetFreePort'", "binds a TcpListener to port 0, reads its port, disposes it when its using scope ends and returns the number", "2 call sites in this project", ListenerAlternative));

        // ── Look-alikes: the open listener or socket is handed on ───────────────────────────────────────────

        [Theory]
        [InlineData("public static TcpListener StartListener() { var l = new TcpListener(IPAddress.Loopback, 0); l.Start(); return l; }")]
        [InlineData("public static (TcpListener Listener, int Port) Open() { var l = new TcpListener(IPAddress.Loopback, 0); l.Start(); return (l, ((IPEndPoint)l.LocalEndpoint).Port); }")]
        [InlineData("public static int Open(out TcpListener listener) { listener = new TcpListener(IPAddress.Loopback, 0); listener.Start(); return ((IPEndPoint)listener.LocalEndpoint).Port; }")]
        [InlineData("public static int Open(out Socket socket) { var s = new Socket(SocketType.Stream, ProtocolType.Tcp); s.Bind(new IPEndPoint(IPAddress.Loopback, 0)); s.Listen(); socket = s; return ((IPEndPoint)s.LocalEndPoint!).Port; }")]
        [InlineData("public static int Open(List<TcpListener> keep) { var l = new TcpListener(IPAddress.Loopback, 0); l.Start(); keep.Add(l); return ((IPEndPoint)l.LocalEndpoint).Port; }")]
        [InlineData("public static Socket OpenSocket() { var l = new TcpListener(IPAddress.Loopback, 0); l.Start(); return l.Server; }")]
        [InlineData("public static UdpClient OpenUdp(out int port) { var u = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)); port = ((IPEndPoint)u.Client.LocalEndPoint!).Port; return u; }")]
        [InlineData("public static List<TcpListener> OpenMany(out int[] ports) { var all = new List<TcpListener>(); for (var i = 0; i < 3; i++) { var l = new TcpListener(IPAddress.Loopback, 0); l.Start(); all.Add(l); } ports = all.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray(); return all; }")]
        [InlineData("public static int Keep() { var l = new TcpListener(IPAddress.Loopback, 0); var ok = false; try { l.Start(); Kept.Add(l); ok = true; return ((IPEndPoint)l.LocalEndpoint).Port; } finally { if (!ok) l.Stop(); } }")]
        [InlineData("public static int LeaksTheListener() { var l = new TcpListener(IPAddress.Loopback, 0); l.Start(); return ((IPEndPoint)l.LocalEndpoint).Port; }")]
        [InlineData("public static int StopsOnlyOnFailure() { var l = new TcpListener(IPAddress.Loopback, 0); try { l.Start(); return ((IPEndPoint)l.LocalEndpoint).Port; } catch { l.Stop(); throw; } }")]
        public Task HandsOnTheOpenListener(string member) => VerifyAsync($$"""
            static class Listeners
            {
                private static readonly List<TcpListener> Kept = new List<TcpListener>();

                {{member}}
            }
            """);

        // ── Look-alikes: the port is used while the listener holds it ───────────────────────────────────────

        [Fact]
        public Task UsesThePortWhileHoldingIt() => VerifyAsync(
            """
            class EchoTests
            {
                private TcpListener _listener;

                public int Port { get; private set; }

                // Kept in a field until Dispose: the port stays taken while the tests use it.
                public void Initialize()
                {
                    _listener = new TcpListener(IPAddress.Loopback, 0);
                    _listener.Start();
                    Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
                }

                public void Dispose() => _listener.Stop();

                public async Task Roundtrip()
                {
                    var listener = new TcpListener(IPAddress.Loopback, 0);
                    listener.Start();
                    var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                    using var client = new TcpClient();
                    await client.ConnectAsync(IPAddress.Loopback, port);
                    using var server = await listener.AcceptTcpClientAsync();
                    listener.Stop();
                }

                public int ConnectsThenReturns()
                {
                    var listener = new TcpListener(IPAddress.Loopback, 0);
                    listener.Start();
                    var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                    using (var client = new TcpClient("127.0.0.1", port))
                    {
                    }

                    listener.Stop();
                    return port;
                }

                public int ServesInTheBackground()
                {
                    var listener = new TcpListener(IPAddress.Loopback, 0);
                    listener.Start();
                    var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                    _ = Task.Run(async () =>
                    {
                        using var client = await listener.AcceptTcpClientAsync();
                        listener.Stop();
                    });
                    return port;
                }

                public int StartsItsOwnServer()
                {
                    var probe = new TcpListener(IPAddress.Loopback, 0);
                    probe.Start();
                    var port = ((IPEndPoint)probe.LocalEndpoint).Port;
                    probe.Stop();
                    _listener = new TcpListener(IPAddress.Loopback, port);
                    _listener.Start();
                    return port;
                }

                public int ConfiguresAServer(HttpListener server)
                {
                    var probe = new TcpListener(IPAddress.Loopback, 0);
                    probe.Start();
                    var port = ((IPEndPoint)probe.LocalEndpoint).Port;
                    probe.Stop();
                    server.Prefixes.Add($"http://127.0.0.1:{port}/");
                    server.Start();
                    return port;
                }

                public int SendsFromTheBoundSocket()
                {
                    using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
                    udp.Send(new byte[1], 1, new IPEndPoint(IPAddress.Loopback, 9));
                    return ((IPEndPoint)udp.Client.LocalEndPoint!).Port;
                }
            }
            """);

        // ── Look-alikes: a deliberate probe for a closed port ───────────────────────────────────────────────

        [Fact]
        public Task ClosedPortProbeWhoseCallersOnlyConnect() => VerifyAsync(
            """
            static class Ports
            {
                public static int GetUnusedPort()
                {
                    var probe = new TcpListener(IPAddress.Loopback, 0);
                    probe.Start();
                    var port = ((IPEndPoint)probe.LocalEndpoint).Port;
                    probe.Stop();
                    return port;
                }

                public static void GetUnusedPort(out int port)
                {
                    using var probe = new TcpListener(IPAddress.Loopback, 0);
                    probe.Start();
                    port = ((IPEndPoint)probe.LocalEndpoint).Port;
                }
            }

            class ConnectionTests
            {
                async Task RefusesTcp()
                {
                    using var client = new TcpClient();
                    await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync(IPAddress.Loopback, Ports.GetUnusedPort()));
                }

                async Task RefusesHttp()
                {
                    var port = Ports.GetUnusedPort();
                    using var http = new HttpClient();
                    var url = new Uri($"http://127.0.0.1:{port}/health");
                    await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(url));
                }

                async Task RefusesThroughAnEndPoint()
                {
                    Ports.GetUnusedPort(out var port);
                    var target = new IPEndPoint(IPAddress.Loopback, port);
                    using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                    Console.WriteLine($"expecting a refusal from {target}");
                    await Assert.ThrowsAsync<SocketException>(() => socket.ConnectAsync(target));
                }

                async Task RefusesABaseAddress()
                {
                    using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Ports.GetUnusedPort()}") };
                    await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("/"));
                }
            }
            """ + AssertClass);

        [Theory]
        [InlineData("GetClosedPort")]
        [InlineData("RefusedPort")]
        [InlineData("GetPortThatRefusesConnections")]
        [InlineData("UnreachablePort")]
        [InlineData("PortWithNoListener")]
        [InlineData("NotListeningPort")]
        [InlineData("GetUnboundPort")]
        [InlineData("DeadPort")]
        public Task ClosedPortProbeByName(string name) => VerifyAsync($$"""
            static class Ports
            {
                public static int {{name}}()
                {
                    var probe = new TcpListener(IPAddress.Loopback, 0);
                    probe.Start();
                    var port = ((IPEndPoint)probe.LocalEndpoint).Port;
                    probe.Stop();
                    return port;
                }
            }
            """);

        [Fact]
        public Task ClosedPortHeuristicNeedsEveryCallerToOnlyConnect() => VerifyAsync(
            """
            static class Ports
            {
                public static int {|#0:GetUnusedPort|}()
                {
                    var probe = new TcpListener(IPAddress.Loopback, 0);
                    probe.Start();
                    var port = ((IPEndPoint)probe.LocalEndpoint).Port;
                    probe.Stop();
                    return port;
                }
            }

            class ConnectionTests
            {
                private int _port;

                async Task Refuses()
                {
                    using var client = new TcpClient();
                    await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync(IPAddress.Loopback, Ports.GetUnusedPort()));
                }

                // This one starts a server on the port: the race is back.
                void Serves()
                {
                    var port = Ports.GetUnusedPort();
                    new TcpListener(IPAddress.Loopback, port).Start();
                    using var client = new TcpClient("127.0.0.1", port);
                }

                void Stores() => _port = Ports.GetUnusedPort();

                void PassesOn() => Use(Ports.GetUnusedPort());

                void Use(int port) { }
            }
            """ + AssertClass,
            Loop006(0, "'Ports.GetUnusedPort'", "binds a TcpListener to port 0, reads its port, stops it and returns the number", "4 call sites in this project", ListenerAlternative));

        // ── Look-alikes: checks, listings and counts are not ports handed out ───────────────────────────────

        [Fact]
        public Task ChecksListingsAndCounts() => VerifyAsync(
            """
            static class Diagnostics
            {
                public static bool IsPortFree(int port)
                {
                    try
                    {
                        using var probe = new TcpListener(IPAddress.Loopback, port);
                        probe.Start();
                        return true;
                    }
                    catch (SocketException)
                    {
                        return false;
                    }
                }

                public static int[] ListeningPorts() =>
                    IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners().Select(endpoint => endpoint.Port).ToArray();

                public static int CountListeners(int above) =>
                    IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners().Count(endpoint => endpoint.Port > above);

                public static int CountProbes(int count)
                {
                    var bound = 0;
                    for (var i = 0; i < count; i++)
                    {
                        using var probe = new TcpListener(IPAddress.Loopback, 0);
                        probe.Start();
                        bound += ((IPEndPoint)probe.LocalEndpoint).Port > 0 ? 1 : 0;
                    }

                    return bound;
                }

                public static void LogsOnly()
                {
                    using var probe = new TcpListener(IPAddress.Loopback, 0);
                    probe.Start();
                    Console.WriteLine(((IPEndPoint)probe.LocalEndpoint).Port);
                }

                // The port handed out is one whose bind failed: something listens there.
                public static int FirstTakenPort(int[] candidates)
                {
                    foreach (var port in candidates)
                    {
                        try
                        {
                            using var probe = new TcpListener(IPAddress.Loopback, port);
                            probe.Start();
                        }
                        catch (SocketException)
                        {
                            return port;
                        }
                    }

                    return -1;
                }

                public static int FixedPort()
                {
                    using var probe = new TcpListener(IPAddress.Loopback, 5000);
                    probe.Start();
                    return 5000;
                }
            }
            """);
    }
}
