using System.Threading.Tasks;
using LoopbackAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static LoopbackAnalyzers.Tests.Infrastructure.PortFixTest;

namespace LoopbackAnalyzers.Tests.Rules.LOOP002
{
    /// <summary>
    /// The "Use an OS-assigned port" fix of LOOP002 and LOOP003: port 0 at the bind site, the real port read back at the
    /// moment the API knows it, and every use of the old port after that point rewired to it. Every test also runs Fix
    /// All at document, project and solution scope, and the fixed code must compile without warnings.
    /// </summary>
    public class UseOsAssignedPortFixTests
    {
        private const string KestrelUsings = """
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;

            """;

        [Fact]
        public Task TcpListenerReadsThePortBackAfterStart() => FixAsync(
            """
            class Tests
            {
                async Task Echo()
                {
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:5000|});
                    listener.Start();
                    using var client = new TcpClient();
                    await client.ConnectAsync(IPAddress.Loopback, 5000);
                    listener.Stop();
                }
            }
            """,
            """
            class Tests
            {
                async Task Echo()
                {
                    var listener = new TcpListener(IPAddress.Loopback, 0);
                    listener.Start();
                    var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                    using var client = new TcpClient();
                    await client.ConnectAsync(IPAddress.Loopback, port);
                    listener.Stop();
                }
            }
            """);

        [Theory]
        [InlineData("0x1388")]
        [InlineData("5_000")]
        [InlineData("(int)5000")]
        public Task LiteralFormsBecomeZero(string literal) => FixAsync(
            $$"""
            class Tests
            {
                void Echo()
                {
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:{{literal}}|});
                    listener.Start();
                    using var client = new TcpClient("127.0.0.1", 5000);
                }
            }
            """,
            $$"""
            class Tests
            {
                void Echo()
                {
                    var listener = new TcpListener(IPAddress.Loopback, {{(literal == "(int)5000" ? "(int)0" : "0")}});
                    listener.Start();
                    var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                    using var client = new TcpClient("127.0.0.1", port);
                }
            }
            """);

        [Theory]
        [InlineData("const int port = 5000;")]
        [InlineData("var port = 5000;")]
        [InlineData("int port = 5000;")]
        public Task LocalPortVariableMovesToTheReadBack(string declaration) => FixAsync(
            $$"""
            class Tests
            {
                void Echo()
                {
                    {{declaration}}
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:port|});
                    listener.Start();
                    using var client = new TcpClient("localhost", port);
                }
            }
            """,
            """
            class Tests
            {
                void Echo()
                {
                    var listener = new TcpListener(IPAddress.Loopback, 0);
                    listener.Start();
                    var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                    using var client = new TcpClient("localhost", port);
                }
            }
            """);

        [Fact]
        public Task PrivateConstantUsedOnlyHereIsRemoved() => FixAsync(
            """
            class Tests
            {
                private const int ServerPort = 5000;

                void Echo()
                {
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:ServerPort|});
                    listener.Start();
                    using var client = new TcpClient("127.0.0.1", ServerPort);
                }
            }
            """,
            """
            class Tests
            {
                void Echo()
                {
                    var listener = new TcpListener(IPAddress.Loopback, 0);
                    listener.Start();
                    var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                    using var client = new TcpClient("127.0.0.1", port);
                }
            }
            """);

        [Fact]
        public Task PublicConstantStaysAndAPrivateFieldGoesWithItsLastUse() => FixAsync(
            """
            class Tests
            {
                public const int ServerPort = 5000;
                private static readonly int OtherPort = 5001;

                void Echo()
                {
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:ServerPort|});
                    listener.Start();
                    using var client = new TcpClient("127.0.0.1", ServerPort);
                }

                void Other()
                {
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:OtherPort|});
                    listener.Start();
                    using var client = new TcpClient("127.0.0.1", OtherPort);
                }

                void Again()
                {
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:OtherPort|});
                    listener.Start();
                }
            }
            """,
            """
            class Tests
            {
                public const int ServerPort = 5000;

                void Echo()
                {
                    var listener = new TcpListener(IPAddress.Loopback, 0);
                    listener.Start();
                    var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                    using var client = new TcpClient("127.0.0.1", port);
                }

                void Other()
                {
                    var listener = new TcpListener(IPAddress.Loopback, 0);
                    listener.Start();
                    var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                    using var client = new TcpClient("127.0.0.1", port);
                }

                void Again()
                {
                    var listener = new TcpListener(IPAddress.Loopback, 0);
                    listener.Start();
                    var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                }
            }
            """);

        [Theory]
        [InlineData("options.Listen(IPAddress.Loopback, {|LOOP002:5000|})", "options.Listen(IPAddress.Loopback, 0)")]
        [InlineData("options.Listen(new IPEndPoint(IPAddress.Loopback, {|LOOP002:5000|}))", "options.Listen(new IPEndPoint(IPAddress.Loopback, 0))")]
        public Task KestrelListenForms(string listen, string fixedListen) => new LoopbackTest
        {
            TestCode = Usings + $$"""
            class Tests
            {
                async Task Serve()
                {
                    var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder();
                    Microsoft.AspNetCore.Hosting.WebHostBuilderKestrelExtensions.ConfigureKestrel(builder.WebHost, options => {{listen}});
                    var app = builder.Build();
                    await app.StartAsync();
                    using var client = new TcpClient("127.0.0.1", 5000);
                }
            }
            """,
            FixedCode = WithLinq(Usings) + $$"""
            class Tests
            {
                async Task Serve()
                {
                    var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder();
                    Microsoft.AspNetCore.Hosting.WebHostBuilderKestrelExtensions.ConfigureKestrel(builder.WebHost, options => {{fixedListen}});
                    var app = builder.Build();
                    await app.StartAsync();
                    var port = new Uri(app.Urls.First()).Port;
                    using var client = new TcpClient("127.0.0.1", port);
                }
            }
            """,
        }.WithPortRules().AsTestProject().RunAsync();

        [Fact]
        public Task SocketReadsThePortBackAfterBindWithNullableAnnotations() => FixAsync(
            """
            #nullable enable
            class Tests
            {
                async Task Echo()
                {
                    using var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    server.Bind(new IPEndPoint(IPAddress.Loopback, {|LOOP002:5000|}));
                    server.Listen();
                    using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, 5000));
                }
            }
            """,
            """
            #nullable enable
            class Tests
            {
                async Task Echo()
                {
                    using var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    server.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                    var port = ((IPEndPoint)server.LocalEndPoint!).Port;
                    server.Listen();
                    using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
                }
            }
            """);

        [Fact]
        public Task UdpClientReadsThePortBackRightAfterConstruction() => FixAsync(
            """
            class Tests
            {
                void Roundtrip()
                {
                    using var server = new UdpClient(new IPEndPoint(IPAddress.Loopback, {|LOOP003:62893|}));
                    using var client = new UdpClient();
                    client.Connect("127.0.0.1", {|LOOP003:62893|});
                }
            }
            """,
            """
            class Tests
            {
                void Roundtrip()
                {
                    using var server = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
                    var port = ((IPEndPoint)server.Client.LocalEndPoint).Port;
                    using var client = new UdpClient();
                    client.Connect("127.0.0.1", port);
                }
            }
            """);

        [Fact]
        public Task UsingStatementBodyStartsWithTheReadBack() => FixAsync(
            """
            class Tests
            {
                void Roundtrip()
                {
                    using (var server = new UdpClient(new IPEndPoint(IPAddress.Loopback, {|LOOP002:5000|})))
                    {
                        server.Client.ReceiveTimeout = 1000;
                        using var client = new UdpClient("127.0.0.1", 5000);
                    }
                }
            }
            """,
            """
            class Tests
            {
                void Roundtrip()
                {
                    using (var server = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)))
                    {
                        var port = ((IPEndPoint)server.Client.LocalEndPoint).Port;
                        server.Client.ReceiveTimeout = 1000;
                        using var client = new UdpClient("127.0.0.1", port);
                    }
                }
            }
            """);

        [Fact]
        public Task KestrelUrlBecomes127001Port0AndClientUrlsTakeTheRealPort() => new LoopbackTest
        {
            // No System.Net here: the WebApplication read-back does not need it, and gets no using for it.
            TestCode = KestrelUsings + """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;

            class Tests
            {
                async Task Serve()
                {
                    var builder = WebApplication.CreateBuilder();
                    builder.WebHost.UseUrls("http://localhost:{|LOOP002:5000|}");
                    var app = builder.Build();
                    await app.StartAsync();
                    using var http = new HttpClient();
                    var body = await http.GetStringAsync("http://localhost:5000/hello?q={x}");
                    await app.StopAsync();
                }
            }
            """,

            // First() needs System.Linq, added in sorted position.
            FixedCode = WithLinq(KestrelUsings) + """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;

            class Tests
            {
                async Task Serve()
                {
                    var builder = WebApplication.CreateBuilder();
                    builder.WebHost.UseUrls("http://127.0.0.1:0");
                    var app = builder.Build();
                    await app.StartAsync();
                    var port = new Uri(app.Urls.First()).Port;
                    using var http = new HttpClient();
                    var body = await http.GetStringAsync($"http://localhost:{port}/hello?q={{x}}");
                    await app.StopAsync();
                }
            }
            """,
        }.WithPortRules().AsTestProject().RunAsync();

        [Fact]
        public Task KestrelListenLocalhostBecomesListenOnLoopbackPort0() => FixAsync(
            """
            using System.Linq;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;

            class Tests
            {
                async Task Serve()
                {
                    var builder = WebApplication.CreateBuilder();
                    builder.WebHost.ConfigureKestrel(options => options.ListenLocalhost({|LOOP002:5000|}));
                    await using var app = builder.Build();
                    await app.StartAsync();
                    using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:5000/") };
                }
            }
            """,
            """
            using System.Linq;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;

            class Tests
            {
                async Task Serve()
                {
                    var builder = WebApplication.CreateBuilder();
                    builder.WebHost.ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
                    await using var app = builder.Build();
                    await app.StartAsync();
                    var port = new Uri(app.Urls.First()).Port;
                    using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
                }
            }
            """);

        [Fact]
        public Task GrpcCorePortComesFromPortsAdd()
        {
            var test = new LoopbackTest
            {
                TestCode = Usings + """
                    using Grpc.Core;

                    class Tests
                    {
                        void Serve(Server server)
                        {
                            server.Ports.Add(new ServerPort("localhost", {|LOOP002:5000|}, ServerCredentials.Insecure));
                            server.Start();
                            var channel = new Channel("localhost", 5000, ChannelCredentials.Insecure);
                        }
                    }
                    """,
                FixedCode = Usings + """
                    using Grpc.Core;

                    class Tests
                    {
                        void Serve(Server server)
                        {
                            var port = server.Ports.Add(new ServerPort("localhost", 0, ServerCredentials.Insecure));
                            server.Start();
                            var channel = new Channel("localhost", port, ChannelCredentials.Insecure);
                        }
                    }
                    """,
            }.WithPortRules().AsTestProject();
            return test.WithGrpcCore().RunAsync();
        }

        [Fact]
        public Task WebApplicationFactoryReadsTheBaseAddressAfterStartServer() => new LoopbackTest
        {
            TestCode = Usings + """
                using Microsoft.AspNetCore.Mvc.Testing;

                class Tests
                {
                    void Serve()
                    {
                        using var factory = new WebApplicationFactory<Tests>();
                        factory.UseKestrel({|LOOP002:5000|});
                        factory.StartServer();
                        using var http = new HttpClient { BaseAddress = new Uri("http://localhost:5000") };
                    }

                    void ServeToClient()
                    {
                        using var factory = new WebApplicationFactory<Tests>();
                        factory.UseKestrel({|LOOP002:5001|});
                        using var client = factory.CreateClient();
                        var page = new Uri("http://127.0.0.1:5001/page");
                    }
                }
                """,
            FixedCode = Usings + """
                using Microsoft.AspNetCore.Mvc.Testing;

                class Tests
                {
                    void Serve()
                    {
                        using var factory = new WebApplicationFactory<Tests>();
                        factory.UseKestrel(0);
                        factory.StartServer();
                        var port = factory.ClientOptions.BaseAddress.Port;
                        using var http = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}") };
                    }

                    void ServeToClient()
                    {
                        using var factory = new WebApplicationFactory<Tests>();
                        factory.UseKestrel(0);
                        using var client = factory.CreateClient();
                        var port = factory.ClientOptions.BaseAddress.Port;
                        var page = new Uri($"http://127.0.0.1:{port}/page");
                    }
                }
                """,
        }.WithPortRules().AsTestProject().WithMvcTesting().RunAsync();

        [Fact]
        public Task WebApplicationFactoryConfiguredInItsConstructor() => new LoopbackTest
        {
            // The factory binds when a test starts it, elsewhere: no read-back point here.
            TestCode = Usings + """
                using Microsoft.AspNetCore.Mvc.Testing;

                class KestrelFactory : WebApplicationFactory<KestrelFactory>
                {
                    public KestrelFactory()
                    {
                        this.UseKestrel({|LOOP002:5000|});
                    }
                }
                """,
            FixedCode = Usings + """
                using Microsoft.AspNetCore.Mvc.Testing;

                class KestrelFactory : WebApplicationFactory<KestrelFactory>
                {
                    public KestrelFactory()
                    {
                        this.UseKestrel({|LOOP002:5000|});
                    }
                }
                """,
        }.WithPortRules().AsTestProject().WithMvcTesting().RunAsync();

        [Fact]
        public Task StringFormsGetAHole() => FixAsync(
            """
            class Tests
            {
                void Echo(string path)
                {
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:5000|});
                    listener.Start();
                    var a = new Uri($"http://127.0.0.1:5000/{path}");
                    var b = new Uri(@"http://[::1]:5000/a");
                    var c = IPEndPoint.Parse("127.0.0.1:5000");
                    var d = "http://example.com:5000/";
                    var e = new Uri("http://localhost:" + 5000 + "/");
                    var f = new Uri($"http://localhost:{5000}/");
                    var g = new UriBuilder("http", "localhost", 5000);
                    System.Threading.Thread.Sleep(5000);
                }
            }
            """,
            """
            class Tests
            {
                void Echo(string path)
                {
                    var listener = new TcpListener(IPAddress.Loopback, 0);
                    listener.Start();
                    var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                    var a = new Uri($"http://127.0.0.1:{port}/{path}");
                    var b = new Uri($@"http://[::1]:{port}/a");
                    var c = IPEndPoint.Parse($"127.0.0.1:{port}");
                    var d = "http://example.com:5000/";
                    var e = new Uri("http://localhost:" + port + "/");
                    var f = new Uri($"http://localhost:{port}/");
                    var g = new UriBuilder("http", "localhost", port);
                    System.Threading.Thread.Sleep(5000);
                }
            }
            """);

        [Fact]
        public Task NameInUseGetsAnother() => FixAsync(
            """
            class Tests
            {
                void Echo(int port)
                {
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:5000|});
                    listener.Start();
                    using var client = new TcpClient("127.0.0.1", 5000);
                }
            }
            """,
            """
            class Tests
            {
                void Echo(int port)
                {
                    var listener = new TcpListener(IPAddress.Loopback, 0);
                    listener.Start();
                    var assignedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
                    using var client = new TcpClient("127.0.0.1", assignedPort);
                }
            }
            """);

        [Fact]
        public Task EveryTestWithItsOwnServerIsFixed() => new LoopbackTest
        {
            TestCode = Usings + """
                class Tests
                {
                    void First()
                    {
                        var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:5000|});
                        listener.Start();
                        using var client = new TcpClient("127.0.0.1", 5000);
                    }

                    void Second()
                    {
                        var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:5000|});
                        listener.Start();
                        using var client = new TcpClient("127.0.0.1", 5000);
                        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, {|LOOP002:5001|}));
                        udp.Connect("localhost", 5001);
                    }
                }
                """,
            FixedCode = Usings + """
                class Tests
                {
                    void First()
                    {
                        var listener = new TcpListener(IPAddress.Loopback, 0);
                        listener.Start();
                        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                        using var client = new TcpClient("127.0.0.1", port);
                    }

                    void Second()
                    {
                        var listener = new TcpListener(IPAddress.Loopback, 0);
                        listener.Start();
                        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                        using var client = new TcpClient("127.0.0.1", port);
                        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
                        var assignedPort = ((IPEndPoint)udp.Client.LocalEndPoint).Port;
                        udp.Connect("localhost", assignedPort);
                    }
                }
                """,
            NumberOfIncrementalIterations = 3,
            NumberOfFixAllIterations = 1,
        }.WithPortRules().AsTestProject().RunAsync();

        [Fact]
        public Task AddsUsingSystemNetForTheReadBack() => new LoopbackTest
        {
            TestCode = """
                using System.Net.Sockets;

                class Tests
                {
                    void Echo()
                    {
                        var listener = {|LOOP001:TcpListener.Create({|LOOP002:5000|})|};
                        listener.Start();
                        using var client = new TcpClient("localhost", 5000);
                    }
                }
                """,
            FixedCode = """
                using System.Net;
                using System.Net.Sockets;

                class Tests
                {
                    void Echo()
                    {
                        var listener = new TcpListener(IPAddress.Loopback, 0);
                        listener.Start();
                        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                        using var client = new TcpClient("localhost", port);
                    }
                }
                """,

            // Two fixes take part: "Bind to loopback" (LOOP001) and this one.
            NumberOfFixAllIterations = 2,
        }.WithPortRules().AsTestProject().RunAsync();

        // ── Withheld: the diagnostic stays and the code is not touched ─────────────────────────────────────────────

        [Fact]
        public Task ConsumerBeforeTheReadBack() => NoFixAsync(
            """
            class Tests
            {
                void Echo()
                {
                    var url = "http://127.0.0.1:5000/";
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:5000|});
                    listener.Start();
                    _ = new Uri(url);
                }
            }
            """);

        [Fact]
        public Task SameNumberInAnUnknownPositionOfTheMethod() => NoFixAsync(
            """
            class Tests
            {
                void Echo()
                {
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:5000|});
                    listener.Start();
                    Check(5000, ((IPEndPoint)listener.LocalEndpoint).Port);
                }

                static void Check(int expected, int actual) { }
            }
            """);

        [Fact]
        public Task SameNumberAsATimeoutIsNotAUse() => FixAsync(
            """
            class Tests
            {
                async Task Echo()
                {
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:5000|});
                    listener.Start();
                    using var client = new TcpClient("127.0.0.1", 5000) { ReceiveTimeout = 5000 };
                    await Task.Delay(5000);
                    _ = TimeSpan.FromMilliseconds(5000);
                }
            }
            """,
            """
            class Tests
            {
                async Task Echo()
                {
                    var listener = new TcpListener(IPAddress.Loopback, 0);
                    listener.Start();
                    var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                    using var client = new TcpClient("127.0.0.1", port) { ReceiveTimeout = 5000 };
                    await Task.Delay(5000);
                    _ = TimeSpan.FromMilliseconds(5000);
                }
            }
            """);

        [Fact]
        public Task ConsumerInAnotherMethod() => NoFixAsync(
            """
            class Tests
            {
                void Start()
                {
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:5000|});
                    listener.Start();
                }

                TcpClient Connect() => new TcpClient("127.0.0.1", 5000);
            }
            """);

        [Fact]
        public Task FieldSharedWithAnotherMember() => NoFixAsync(
            """
            class Tests
            {
                private static readonly int Port = 5000;

                void Start()
                {
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:Port|});
                    listener.Start();
                }

                Uri Address => new Uri($"http://127.0.0.1:{Port}/");
            }
            """);

        [Fact]
        public Task ListenerStartedElsewhere() => NoFixAsync(
            """
            class Tests
            {
                TcpListener Create() => new TcpListener(IPAddress.Loopback, {|LOOP002:5000|});

                void Start(TcpListener listener)
                {
                    var local = new TcpListener(IPAddress.Loopback, {|LOOP002:5001|});
                    Start(local);
                }
            }
            """);

        [Fact]
        public Task ConstantUrlCannotTakeAHole() => NoFixAsync(
            """
            class Tests
            {
                void Echo()
                {
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:5000|});
                    listener.Start();
                    const string url = "http://localhost:5000/";
                    _ = new Uri(url);
                }
            }
            """);

        [Fact]
        public Task BlockingRunAndTwoKestrelEndpoints() => NoFixAsync(
            """
            using Microsoft.AspNetCore.Builder;

            class Tests
            {
                void Run(WebApplication app)
                {
                    app.Run("http://127.0.0.1:{|LOOP002:5000|}");
                }

                async Task TwoEndpoints(WebApplication app)
                {
                    app.Urls.Add("http://127.0.0.1:{|LOOP002:5001|}");
                    app.Urls.Add("http://127.0.0.1:{|LOOP002:5002|}");
                    await app.StartAsync();
                }

                async Task TwoInOne(WebApplication app)
                {
                    app.Urls.Add("http://127.0.0.1:{|LOOP002:5003|};http://127.0.0.1:{|LOOP002:5004|}");
                    await app.StartAsync();
                }
            }
            """);

        [Fact]
        public Task HttpListenerCannotBindPortZero() => NoFixAsync(
            """
            class Tests
            {
                void Serve(HttpListener listener)
                {
                    listener.Prefixes.Add("http://127.0.0.1:{|LOOP002:5000|}/");
                    listener.Start();
                }
            }
            """);

        [Fact]
        public Task HelperCallAndConditionalPorts() => NoFixAsync(
            """
            class Tests
            {
                void Run(bool ci)
                {
                    StartServer({|LOOP002:5000|});
                    var listener = new TcpListener(IPAddress.Loopback, ci ? {|LOOP002:5001|} : {|LOOP002:5002|});
                    listener.Start();
                }

                static void StartServer(int port) => new TcpListener(IPAddress.Loopback, port).Start();
            }
            """);

        [Fact]
        public Task EndPointLocalUsedTwice() => NoFixAsync(
            """
            class Tests
            {
                void Echo(Socket server, Socket client)
                {
                    var endpoint = new IPEndPoint(IPAddress.Loopback, 5000);
                    server.Bind({|LOOP002:endpoint|});
                    client.Connect(endpoint);
                }
            }
            """);
    }
}
