using System.Threading.Tasks;
using LoopbackAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static LoopbackAnalyzers.Tests.Infrastructure.PortFixTest;

namespace LoopbackAnalyzers.Tests.Rules.LOOP002
{
    /// <summary>
    /// Edge cases of the "Use an OS-assigned port" fix, from an adversarial review: odd scopes, names, types, strings and
    /// APIs, each with the output the documented behaviour calls for (FixedCode == TestCode where it must be withheld).
    /// </summary>
    public class UseOsAssignedPortEdgeCaseTests
    {
        private const string KestrelUsings = """
            using System;
            using System.Net;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;

            """;

        private static readonly string KestrelUsingsWithLinq = WithLinq(KestrelUsings);

        private static Task KestrelFixAsync(string source, string fixedSource, int fixAllIterations = 1) => new LoopbackTest
        {
            TestCode = KestrelUsings + source,
            FixedCode = KestrelUsingsWithLinq + fixedSource,
            NumberOfFixAllIterations = fixAllIterations,
        }.WithPortRules().AsTestProject().RunAsync();

        // ── Lambdas and local functions after the read-back ──────────────────────────────────────────────────────

        [Fact]
        public Task LambdaAfterTheReadBackIsRewired() => FixAsync(
            """
            class Tests
            {
                void Echo()
                {
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:5000|});
                    listener.Start();
                    Func<TcpClient> connect = () => new TcpClient("127.0.0.1", 5000);
                    using var client = connect();
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
                    Func<TcpClient> connect = () => new TcpClient("127.0.0.1", port);
                    using var client = connect();
                }
            }
            """);

        [Fact]
        public Task LocalFunctionDeclaredAndCalledAfterTheReadBackIsRewired() => FixAsync(
            """
            class Tests
            {
                void Echo()
                {
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:5000|});
                    listener.Start();
                    using var client = Connect();

                    TcpClient Connect() => new TcpClient("127.0.0.1", 5000);
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
                    using var client = Connect();

                    TcpClient Connect() => new TcpClient("127.0.0.1", port);
                }
            }
            """);

        [Fact]
        public Task StaticLocalFunctionCannotCaptureThePort() => NoFixAsync(
            """
            class Tests
            {
                void Echo()
                {
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:5000|});
                    listener.Start();
                    using var client = Connect();

                    static TcpClient Connect() => new TcpClient("127.0.0.1", 5000);
                }
            }
            """);

        [Fact]
        public Task StaticLambdaCannotCaptureThePort() => NoFixAsync(
            """
            class Tests
            {
                void Echo()
                {
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:5000|});
                    listener.Start();
                    Func<TcpClient> connect = static () => new TcpClient("127.0.0.1", 5000);
                    using var client = connect();
                }
            }
            """);

        [Fact]
        public Task LocalFunctionWrittenAfterButCalledBeforeTheReadBack() => NoFixAsync(
            """
            class Tests
            {
                void Echo()
                {
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:5000|});
                    Console.WriteLine("Listening on " + Url());
                    listener.Start();
                    _ = new Uri(Url());

                    string Url() => "http://127.0.0.1:5000/";
                }
            }
            """);

        // ── Blocks: using, try, if, nested ────────────────────────────────────────────────────────────────────────

        [Fact]
        public Task EverythingInATryBlock() => FixAsync(
            """
            class Tests
            {
                void Echo()
                {
                    try
                    {
                        var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:5000|});
                        listener.Start();
                        using var client = new TcpClient("127.0.0.1", 5000);
                    }
                    finally
                    {
                        Console.WriteLine("done");
                    }
                }
            }
            """,
            """
            class Tests
            {
                void Echo()
                {
                    try
                    {
                        var listener = new TcpListener(IPAddress.Loopback, 0);
                        listener.Start();
                        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                        using var client = new TcpClient("127.0.0.1", port);
                    }
                    finally
                    {
                        Console.WriteLine("done");
                    }
                }
            }
            """);

        [Fact]
        public Task ConsumerAfterTheTryBlockWithTheStart() => NoFixAsync(
            """
            class Tests
            {
                void Echo()
                {
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:5000|});
                    try
                    {
                        listener.Start();
                    }
                    catch (SocketException)
                    {
                        return;
                    }

                    using var client = new TcpClient("127.0.0.1", 5000);
                }
            }
            """);

        [Fact]
        public Task ConsumersInNestedBlocksAfterAreRewired() => FixAsync(
            """
            class Tests
            {
                void Echo(bool twice)
                {
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:5000|});
                    listener.Start();
                    if (twice)
                    {
                        for (var i = 0; i < 2; i++)
                        {
                            using var client = new TcpClient("127.0.0.1", 5000);
                        }
                    }
                }
            }
            """,
            """
            class Tests
            {
                void Echo(bool twice)
                {
                    var listener = new TcpListener(IPAddress.Loopback, 0);
                    listener.Start();
                    var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                    if (twice)
                    {
                        for (var i = 0; i < 2; i++)
                        {
                            using var client = new TcpClient("127.0.0.1", port);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task ConsumerInNestedBlockBeforeTheReadBack() => NoFixAsync(
            """
            class Tests
            {
                void Echo(bool early)
                {
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:5000|});
                    if (early)
                    {
                        Console.WriteLine(new Uri("http://localhost:5000/"));
                    }

                    listener.Start();
                }
            }
            """);

        [Fact]
        public Task PortLocalDeclaredBeforeAnIf() => FixAsync(
            """
            class Tests
            {
                void Echo(bool enabled)
                {
                    var port = 5000;
                    if (enabled)
                    {
                        var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:port|});
                        listener.Start();
                        using var client = new TcpClient("127.0.0.1", port);
                    }
                }
            }
            """,
            """
            class Tests
            {
                void Echo(bool enabled)
                {
                    if (enabled)
                    {
                        var listener = new TcpListener(IPAddress.Loopback, 0);
                        listener.Start();
                        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                        using var client = new TcpClient("127.0.0.1", port);
                    }
                }
            }
            """);

        [Fact]
        public Task PortLocalDeclaredBeforeAnIfAndUsedInTheElse() => NoFixAsync(
            """
            class Tests
            {
                void Echo(bool enabled)
                {
                    var port = 5000;
                    if (enabled)
                    {
                        var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:port|});
                        listener.Start();
                    }
                    else
                    {
                        using var client = new TcpClient("127.0.0.1", port);
                    }
                }
            }
            """);

        [Fact]
        public Task ArrangeCommentAboveTheRemovedPortLocalStays() => FixAsync(
            """
            class Tests
            {
                void Echo()
                {
                    // Arrange
                    var port = 5000;
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:port|});
                    listener.Start();

                    // Act
                    using var client = new TcpClient("127.0.0.1", port);
                }
            }
            """,
            """
            class Tests
            {
                void Echo()
                {
                    // Arrange
                    var listener = new TcpListener(IPAddress.Loopback, 0);
                    listener.Start();
                    var port = ((IPEndPoint)listener.LocalEndpoint).Port;

                    // Act
                    using var client = new TcpClient("127.0.0.1", port);
                }
            }
            """);

        [Fact]
        public Task ImplicitObjectCreationInAUsingDeclaration() => FixAsync(
            """
            class Tests
            {
                void Roundtrip()
                {
                    using UdpClient server = new(new IPEndPoint(IPAddress.Loopback, {|LOOP002:5000|}));
                    using var client = new UdpClient();
                    client.Connect(IPAddress.Loopback, 5000);
                }
            }
            """,
            """
            class Tests
            {
                void Roundtrip()
                {
                    using UdpClient server = new(new IPEndPoint(IPAddress.Loopback, 0));
                    var port = ((IPEndPoint)server.Client.LocalEndPoint).Port;
                    using var client = new UdpClient();
                    client.Connect(IPAddress.Loopback, port);
                }
            }
            """);

        [Fact]
        public Task ListenerAssignedToAField() => FixAsync(
            """
            class Tests
            {
                private TcpListener listener;

                void Start()
                {
                    this.listener = new TcpListener(IPAddress.Loopback, {|LOOP002:5000|});
                    this.listener.Start();
                    using var client = new TcpClient("127.0.0.1", 5000);
                    listener.Stop();
                }
            }
            """,
            """
            class Tests
            {
                private TcpListener listener;

                void Start()
                {
                    this.listener = new TcpListener(IPAddress.Loopback, 0);
                    this.listener.Start();
                    var port = ((IPEndPoint)this.listener.LocalEndpoint).Port;
                    using var client = new TcpClient("127.0.0.1", port);
                    listener.Stop();
                }
            }
            """);

        [Fact]
        public Task ListenerVariableWithAVerbatimKeywordName() => FixAsync(
            """
            class Tests
            {
                void Echo()
                {
                    var @event = new TcpListener(IPAddress.Loopback, {|LOOP002:5000|});
                    @event.Start();
                    using var client = new TcpClient("127.0.0.1", 5000);
                }
            }
            """,
            """
            class Tests
            {
                void Echo()
                {
                    var @event = new TcpListener(IPAddress.Loopback, 0);
                    @event.Start();
                    var port = ((IPEndPoint)@event.LocalEndpoint).Port;
                    using var client = new TcpClient("127.0.0.1", port);
                }
            }
            """);

        // ── Member and type shapes ────────────────────────────────────────────────────────────────────────────────

        [Fact]
        public Task ExpressionBodiedMemberHasNoBlock() => NoFixAsync(
            """
            class Tests
            {
                void Echo() => new TcpListener(IPAddress.Loopback, {|LOOP002:5000|}).Start();
            }
            """);

        [Fact]
        public Task RecordAndStruct() => FixAsync(
            """
            record Tests
            {
                void Echo()
                {
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:5000|});
                    listener.Start();
                    using var client = new TcpClient("127.0.0.1", 5000);
                }
            }

            struct Other
            {
                void Echo()
                {
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:5001|});
                    listener.Start();
                    using var client = new TcpClient("127.0.0.1", 5001);
                }
            }
            """,
            """
            record Tests
            {
                void Echo()
                {
                    var listener = new TcpListener(IPAddress.Loopback, 0);
                    listener.Start();
                    var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                    using var client = new TcpClient("127.0.0.1", port);
                }
            }

            struct Other
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
        public Task NestedTypeUsesAPrivateFieldOfItsOuterType() => NoFixAsync(
            """
            class Outer
            {
                private static readonly int ServerPort = 5000;

                void Log() => Console.WriteLine(ServerPort);

                class Inner
                {
                    void Echo()
                    {
                        var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:ServerPort|});
                        listener.Start();
                        using var client = new TcpClient("127.0.0.1", ServerPort);
                    }
                }
            }
            """);

        [Fact]
        public Task OuterTypeConnectsToTheNestedTypesServer() => NoFixAsync(
            """
            class Outer
            {
                TcpClient Connect() => new TcpClient("127.0.0.1", 5000);

                class Inner
                {
                    void Serve()
                    {
                        var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:5000|});
                        listener.Start();
                    }
                }
            }
            """);

        [Fact]
        public Task OtherPartOfAPartialClassReadsThePrivateField() => NoFixAsync(
            """
            partial class Tests
            {
                private static readonly int ServerPort = 5000;

                void Echo()
                {
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:ServerPort|});
                    listener.Start();
                    using var client = new TcpClient("127.0.0.1", ServerPort);
                }
            }

            partial class Tests
            {
                TcpClient Connect() => new TcpClient("127.0.0.1", ServerPort);
            }
            """);

        [Fact]
        public Task AnotherClassReadsAnInternalConstant() => NoFixAsync(
            """
            class Server
            {
                internal const int Port = 5000;

                public void Run()
                {
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:Port|});
                    listener.Start();
                }
            }

            class ClientTests
            {
                TcpClient Connect() => new TcpClient("127.0.0.1", Server.Port);
            }
            """);

        [Fact]
        public Task AnotherClassConnectsToTheSameLiteralPort() => NoFixAsync(
            """
            class Server
            {
                public void Run()
                {
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:5000|});
                    listener.Start();
                }
            }

            class ClientTests
            {
                TcpClient Connect() => new TcpClient("127.0.0.1", 5000);
            }
            """);

        [Fact]
        public Task TopLevelStatementsGetNoFix()
        {
            var source = Usings + """
                var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:5000|});
                listener.Start();
                using var client = new TcpClient("127.0.0.1", 5000);
                """;
            var test = new LoopbackTest { TestCode = source, FixedCode = source }.WithPortRules().AsTestProject();
            test.TestState.OutputKind = OutputKind.ConsoleApplication;
            return test.RunAsync();
        }

        // ── Names ─────────────────────────────────────────────────────────────────────────────────────────────────

        [Fact]
        public Task FieldNamedPortTakesAnotherName() => FixAsync(
            """
            class Tests
            {
                private int port = 1;

                int Other() => port;

                void Echo()
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
                private int port = 1;

                int Other() => port;

                void Echo()
                {
                    var listener = new TcpListener(IPAddress.Loopback, 0);
                    listener.Start();
                    var assignedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
                    using var client = new TcpClient("127.0.0.1", assignedPort);
                }
            }
            """);

        [Fact]
        public Task LambdaParameterNamedPortInTheRegion() => FixAsync(
            """
            class Tests
            {
                void Echo()
                {
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:5000|});
                    listener.Start();
                    Func<int, TcpClient> connect = port => new TcpClient("127.0.0.1", port);
                    using var other = new TcpClient("127.0.0.1", 5000);
                    GC.KeepAlive(connect);
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
                    var assignedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
                    Func<int, TcpClient> connect = port => new TcpClient("127.0.0.1", port);
                    using var other = new TcpClient("127.0.0.1", assignedPort);
                    GC.KeepAlive(connect);
                }
            }
            """);

        [Fact]
        public Task NullableEnableAddsTheBangForUdp() => FixAsync(
            """
            #nullable enable
            class Tests
            {
                void Roundtrip()
                {
                    using var server = new UdpClient(new IPEndPoint(IPAddress.Loopback, {|LOOP002:5000|}));
                    using var client = new UdpClient("127.0.0.1", 5000);
                }
            }
            """,
            """
            #nullable enable
            class Tests
            {
                void Roundtrip()
                {
                    using var server = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
                    var port = ((IPEndPoint)server.Client.LocalEndPoint!).Port;
                    using var client = new UdpClient("127.0.0.1", port);
                }
            }
            """);

        [Fact]
        public Task NullableDisableHasNoBang() => FixAsync(
            """
            #nullable disable
            class Tests
            {
                void Echo(Socket server)
                {
                    server.Bind(new IPEndPoint(IPAddress.Loopback, {|LOOP002:5000|}));
                    server.Listen();
                    using var client = new TcpClient("127.0.0.1", 5000);
                }
            }
            """,
            """
            #nullable disable
            class Tests
            {
                void Echo(Socket server)
                {
                    server.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                    var port = ((IPEndPoint)server.LocalEndPoint).Port;
                    server.Listen();
                    using var client = new TcpClient("127.0.0.1", port);
                }
            }
            """);

        // ── Strings ───────────────────────────────────────────────────────────────────────────────────────────────

        [Fact]
        public Task PlainAndVerbatimStringsWithBracesAndEscapes() => FixAsync(
            """
            class Tests
            {
                void Echo()
                {
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:5000|});
                    listener.Start();
                    var a = "{\"url\":\"http://localhost:5000/\"}\t";
                    var b = @"{""url"":""http://127.0.0.1:5000/""}";
                    Console.WriteLine(a + b);
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
                    var a = $"{{\"url\":\"http://localhost:{port}/\"}}\t";
                    var b = $@"{{""url"":""http://127.0.0.1:{port}/""}}";
                    Console.WriteLine(a + b);
                }
            }
            """);

        [Fact]
        public Task EscapeSequenceRightBeforeTheHost() => FixAsync(
            """
            class Tests
            {
                void Echo()
                {
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:5000|});
                    listener.Start();
                    var config = "server\t127.0.0.1:5000\nmode\tfast";
                    Console.WriteLine(config);
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
                    var config = $"server\t127.0.0.1:{port}\nmode\tfast";
                    Console.WriteLine(config);
                }
            }
            """);

        [Fact]
        public Task RawStrings() => FixAsync(
            """"
            class Tests
            {
                void Echo(int n)
                {
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:5000|});
                    listener.Start();
                    var a = """http://localhost:5000/""";
                    var b = """
                        http://127.0.0.1:5000/
                        """;
                    var c = $"""{n} at [::1]:5000""";
                    Console.WriteLine(a + b + c);
                }
            }
            """",
            """"
            class Tests
            {
                void Echo(int n)
                {
                    var listener = new TcpListener(IPAddress.Loopback, 0);
                    listener.Start();
                    var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                    var a = $"""http://localhost:{port}/""";
                    var b = $"""
                        http://127.0.0.1:{port}/
                        """;
                    var c = $"""{n} at [::1]:{port}""";
                    Console.WriteLine(a + b + c);
                }
            }
            """");

        [Fact]
        public Task Utf8LiteralWithThePortWithholdsTheFix() => NoFixAsync(
            """
            class Tests
            {
                void Echo()
                {
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:5000|});
                    listener.Start();
                    ReadOnlySpan<byte> target = "127.0.0.1:5000"u8;
                    Console.WriteLine(target.Length);
                }
            }
            """);

        [Fact]
        public Task LongerPortsWithTheSamePrefixAreLeftAlone() => FixAsync(
            """
            class Tests
            {
                void Echo()
                {
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:5000|});
                    listener.Start();
                    var a = "http://localhost:50000/ http://127.0.0.1:50001/ http://localhost:5000/";
                    Console.WriteLine(a);
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
                    var a = $"http://localhost:50000/ http://127.0.0.1:50001/ http://localhost:{port}/";
                    Console.WriteLine(a);
                }
            }
            """);

        [Fact]
        public Task InterpolationAlignmentAndFormat() => FixAsync(
            """
            class Tests
            {
                void Echo()
                {
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:5000|});
                    listener.Start();
                    Console.WriteLine($"http://localhost:{5000,5}/ http://localhost:{5000:D}/");
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
                    Console.WriteLine($"http://localhost:{port,5}/ http://localhost:{port:D}/");
                }
            }
            """);

        [Fact]
        public Task InterpolatedStringWithPortTextAndAPortHole() => FixAsync(
            """
            class Tests
            {
                void Echo()
                {
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:5000|});
                    listener.Start();
                    Console.WriteLine($"http://localhost:5000/ (port {5000})");
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
                    Console.WriteLine($"http://localhost:{port}/ (port {port})");
                }
            }
            """);

        [Fact]
        public Task InterpolatedStringWithPortTextAndTheRemovedConstant() => FixAsync(
            """
            class Tests
            {
                private const int ServerPort = 5000;

                void Echo()
                {
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:ServerPort|});
                    listener.Start();
                    Console.WriteLine($"port {ServerPort}, url http://localhost:5000/");
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
                    Console.WriteLine($"port {port}, url http://localhost:{port}/");
                }
            }
            """);

        [Fact]
        public Task ConstStringUrlFieldWithholds() => NoFixAsync(
            """
            class Tests
            {
                private const string Url = "http://localhost:5000/";

                void Echo()
                {
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:5000|});
                    listener.Start();
                    _ = new Uri(Url);
                }
            }
            """);

        [Fact]
        public Task StringFormatArgumentIsAUse() => FixAsync(
            """
            class Tests
            {
                void Echo()
                {
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:5000|});
                    listener.Start();
                    var url = new Uri(string.Format("http://localhost:{0}/", 5000));
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
                    var url = new Uri(string.Format("http://localhost:{0}/", port));
                }
            }
            """);

        // ── Numbers at consumers ──────────────────────────────────────────────────────────────────────────────────

        [Fact]
        public Task CheckedAndCastAtConsumers() => FixAsync(
            """
            class Tests
            {
                void Echo()
                {
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:5000|});
                    listener.Start();
                    using var a = new TcpClient("127.0.0.1", checked(5000));
                    var b = new IPEndPoint(IPAddress.Loopback, (ushort)5000);
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
                    using var a = new TcpClient("127.0.0.1", checked(port));
                    var b = new IPEndPoint(IPAddress.Loopback, (ushort)port);
                }
            }
            """);

        [Fact]
        public Task UShortPortLocalAtAConsumer() => FixAsync(
            """
            class Tests
            {
                void Echo()
                {
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:5000|});
                    listener.Start();
                    ushort clientPort = 5000;
                    using var client = new TcpClient("127.0.0.1", clientPort);
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
                    ushort clientPort = (ushort)port;
                    using var client = new TcpClient("127.0.0.1", clientPort);
                }
            }
            """);

        [Fact]
        public Task UShortPortParameterAtAConsumer() => FixAsync(
            """
            class Tests
            {
                void Echo()
                {
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:5000|});
                    listener.Start();
                    Ping("127.0.0.1", 5000);
                }

                static void Ping(string host, ushort port) => new TcpClient(host, port).Dispose();
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
                    Ping("127.0.0.1", (ushort)port);
                }

                static void Ping(string host, ushort port) => new TcpClient(host, port).Dispose();
            }
            """);

        [Fact]
        public Task NameThatMerelyContainsPortIsNotAPort() => FixAsync(
            """
            class Tests
            {
                void Echo()
                {
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:5000|});
                    listener.Start();
                    var reportInterval = 5000;
                    using var client = new TcpClient("127.0.0.1", 5000);
                    System.Threading.Thread.Sleep(reportInterval);
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
                    var reportInterval = 5000;
                    using var client = new TcpClient("127.0.0.1", port);
                    System.Threading.Thread.Sleep(reportInterval);
                }
            }
            """);

        [Fact]
        public Task ConditionalPortAtAConsumer() => FixAsync(
            """
            class Tests
            {
                void Echo(bool direct)
                {
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:5000|});
                    listener.Start();
                    using var client = new TcpClient("127.0.0.1", direct ? 5000 : 8080);
                }
            }
            """,
            """
            class Tests
            {
                void Echo(bool direct)
                {
                    var listener = new TcpListener(IPAddress.Loopback, 0);
                    listener.Start();
                    var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                    using var client = new TcpClient("127.0.0.1", direct ? port : 8080);
                }
            }
            """);

        [Fact]
        public Task QualifiedConstantAtAConsumer() => FixAsync(
            """
            class Tests
            {
                private const int ServerPort = 5000;

                void Echo()
                {
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:ServerPort|});
                    listener.Start();
                    using var client = new TcpClient("127.0.0.1", Tests.ServerPort);
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

        // ── Fix All together with LOOP001, and the implicit-address APIs ─────────────────────────────────────────

        [Fact]
        public Task UdpClientOnAllInterfacesWithAFixedPort() => new LoopbackTest
        {
            TestCode = Usings + """
                class Tests
                {
                    void Roundtrip()
                    {
                        using var server = {|LOOP001:new UdpClient({|LOOP002:5000|})|};
                        using var client = new UdpClient();
                        client.Connect("127.0.0.1", 5000);
                    }
                }
                """,
            FixedCode = Usings + """
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
                """,
            NumberOfFixAllIterations = 2,
        }.WithPortRules().AsTestProject().RunAsync();

        [Fact]
        public Task KestrelListenAnyIPWithAFixedPort() => KestrelFixAsync(
            """
            class Tests
            {
                async Task Serve()
                {
                    var builder = WebApplication.CreateBuilder();
                    builder.WebHost.ConfigureKestrel(options => options.{|LOOP001:ListenAnyIP|}({|LOOP002:5000|}));
                    var app = builder.Build();
                    await app.StartAsync();
                    using var http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:5000/") };
                }
            }
            """,
            """
            class Tests
            {
                async Task Serve()
                {
                    var builder = WebApplication.CreateBuilder();
                    builder.WebHost.ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
                    var app = builder.Build();
                    await app.StartAsync();
                    var port = new Uri(app.Urls.First()).Port;
                    using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
                }
            }
            """,
            fixAllIterations: 2);

        [Fact]
        public Task KestrelListenLocalhostWithConfigure() => KestrelFixAsync(
            """
            class Tests
            {
                async Task Serve()
                {
                    var builder = WebApplication.CreateBuilder();
                    builder.WebHost.ConfigureKestrel(options => options.ListenLocalhost({|LOOP002:5000|}, listen => listen.UseConnectionLogging()));
                    await using var app = builder.Build();
                    await app.StartAsync();
                    using var http = new HttpClient { BaseAddress = new Uri("http://localhost:5000/") };
                }
            }
            """,
            """
            class Tests
            {
                async Task Serve()
                {
                    var builder = WebApplication.CreateBuilder();
                    builder.WebHost.ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0, listen => listen.UseConnectionLogging()));
                    await using var app = builder.Build();
                    await app.StartAsync();
                    var port = new Uri(app.Urls.First()).Port;
                    using var http = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}/") };
                }
            }
            """);

        [Fact]
        public Task KestrelListenLocalhostWithNamedArgumentsOutOfOrder() => KestrelFixAsync(
            """
            class Tests
            {
                async Task Serve()
                {
                    var builder = WebApplication.CreateBuilder();
                    builder.WebHost.ConfigureKestrel(options => options.ListenLocalhost(configure: listen => listen.UseConnectionLogging(), port: {|LOOP002:5000|}));
                    await using var app = builder.Build();
                    await app.StartAsync();
                    using var http = new HttpClient { BaseAddress = new Uri("http://localhost:5000/") };
                }
            }
            """,
            """
            class Tests
            {
                async Task Serve()
                {
                    var builder = WebApplication.CreateBuilder();
                    builder.WebHost.ConfigureKestrel(options => options.Listen(IPAddress.Loopback, configure: listen => listen.UseConnectionLogging(), port: 0));
                    await using var app = builder.Build();
                    await app.StartAsync();
                    var port = new Uri(app.Urls.First()).Port;
                    using var http = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}/") };
                }
            }
            """);

        [Fact]
        public Task KestrelUrlsThroughUseSetting() => KestrelFixAsync(
            """
            class Tests
            {
                async Task Serve()
                {
                    var builder = WebApplication.CreateBuilder();
                    builder.WebHost.UseSetting("urls", "http://localhost:{|LOOP002:5000|}");
                    await using var app = builder.Build();
                    await app.StartAsync();
                    using var http = new HttpClient { BaseAddress = new Uri("http://localhost:5000/") };
                }
            }
            """,
            """
            class Tests
            {
                async Task Serve()
                {
                    var builder = WebApplication.CreateBuilder();
                    builder.WebHost.UseSetting("urls", "http://127.0.0.1:0");
                    await using var app = builder.Build();
                    await app.StartAsync();
                    var port = new Uri(app.Urls.First()).Port;
                    using var http = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}/") };
                }
            }
            """);

        [Fact]
        public Task KestrelUrlsThroughCommandLineArguments() => KestrelFixAsync(
            """
            class Tests
            {
                async Task Serve()
                {
                    var builder = WebApplication.CreateBuilder(new[] { "--urls", "http://localhost:{|LOOP002:5000|}" });
                    var app = builder.Build();
                    await app.StartAsync();
                    using var http = new HttpClient { BaseAddress = new Uri("http://localhost:5000/") };
                }
            }
            """,
            """
            class Tests
            {
                async Task Serve()
                {
                    var builder = WebApplication.CreateBuilder(new[] { "--urls", "http://127.0.0.1:0" });
                    var app = builder.Build();
                    await app.StartAsync();
                    var port = new Uri(app.Urls.First()).Port;
                    using var http = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}/") };
                }
            }
            """);

        [Fact]
        public Task KestrelUrlsThroughConfiguration() => KestrelFixAsync(
            """
            class Tests
            {
                async Task Serve()
                {
                    var builder = WebApplication.CreateBuilder();
                    builder.Configuration["urls"] = "http://127.0.0.1:{|LOOP002:5000|}";
                    var app = builder.Build();
                    await app.StartAsync();
                    using var http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:5000/") };
                }
            }
            """,
            """
            class Tests
            {
                async Task Serve()
                {
                    var builder = WebApplication.CreateBuilder();
                    builder.Configuration["urls"] = "http://127.0.0.1:0";
                    var app = builder.Build();
                    await app.StartAsync();
                    var port = new Uri(app.Urls.First()).Port;
                    using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
                }
            }
            """);

        [Fact]
        public Task KestrelWildcardUrlWithAFixedPort() => KestrelFixAsync(
            """
            class Tests
            {
                async Task Serve()
                {
                    var builder = WebApplication.CreateBuilder();
                    builder.WebHost.UseUrls("http://{|LOOP001:*|}:{|LOOP002:5000|}");
                    var app = builder.Build();
                    await app.StartAsync();
                    using var http = new HttpClient { BaseAddress = new Uri("http://localhost:5000/") };
                }
            }
            """,
            """
            class Tests
            {
                async Task Serve()
                {
                    var builder = WebApplication.CreateBuilder();
                    builder.WebHost.UseUrls("http://127.0.0.1:0");
                    var app = builder.Build();
                    await app.StartAsync();
                    var port = new Uri(app.Urls.First()).Port;
                    using var http = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}/") };
                }
            }
            """,
            fixAllIterations: 2);

        [Fact]
        public Task GrpcWithLocalhostAndATakenName()
        {
            var test = new LoopbackTest
            {
                TestCode = Usings + """
                    using Grpc.Core;

                    class Tests
                    {
                        void Serve(Server server, int port)
                        {
                            server.Ports.Add(new ServerPort("localhost", {|LOOP002:5000|}, ServerCredentials.Insecure)); // the one port
                            server.Start();
                            var channel = new Channel("localhost", 5000, ChannelCredentials.Insecure);
                        }
                    }
                    """,
                FixedCode = Usings + """
                    using Grpc.Core;

                    class Tests
                    {
                        void Serve(Server server, int port)
                        {
                            var assignedPort = server.Ports.Add(new ServerPort("localhost", 0, ServerCredentials.Insecure)); // the one port
                            server.Start();
                            var channel = new Channel("localhost", assignedPort, ChannelCredentials.Insecure);
                        }
                    }
                    """,
            }.WithPortRules().AsTestProject();
            return test.WithGrpcCore().RunAsync();
        }
        [Fact]
        public Task NamedArgumentsAtTheSiteAndAConsumer() => FixAsync(
            """
            class Tests
            {
                void Echo()
                {
                    var listener = new TcpListener(port: {|LOOP002:5000|}, localaddr: IPAddress.Loopback);
                    listener.Start();
                    using var client = new TcpClient(port: 5000, hostname: "127.0.0.1");
                }
            }
            """,
            """
            class Tests
            {
                void Echo()
                {
                    var listener = new TcpListener(port: 0, localaddr: IPAddress.Loopback);
                    listener.Start();
                    var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                    using var client = new TcpClient(port: port, hostname: "127.0.0.1");
                }
            }
            """);

        [Fact]
        public Task DelegateCalledWithTheOldPort() => FixAsync(
            """
            class Tests
            {
                void Echo()
                {
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:5000|});
                    listener.Start();
                    Func<int, TcpClient> connect = p => new TcpClient("127.0.0.1", p);
                    using var client = connect(5000);
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
                    Func<int, TcpClient> connect = p => new TcpClient("127.0.0.1", p);
                    using var client = connect(port);
                }
            }
            """);

        [Fact]
        public Task InterpolatedRawStringWithTwoDollars()
        {
            // "$$" is a caret marker in the test markup, so this test states its diagnostic explicitly.
            var source = Usings + """"
                class Tests
                {
                    void Echo(int n)
                    {
                        var listener = new TcpListener(IPAddress.Loopback, 5000);
                        listener.Start();
                        var b = $$"""{"url":"http://localhost:5000/","n":{{n}}}""";
                        Console.WriteLine(b);
                    }
                }
                """";
            var fixedSource = Usings + """"
                class Tests
                {
                    void Echo(int n)
                    {
                        var listener = new TcpListener(IPAddress.Loopback, 0);
                        listener.Start();
                        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                        var b = $$"""{"url":"http://localhost:{{port}}/","n":{{n}}}""";
                        Console.WriteLine(b);
                    }
                }
                """";
            var test = new LoopbackTest { TestCode = source, FixedCode = fixedSource }.WithPortRules().AsTestProject();
            test.TestState.MarkupHandling = MarkupMode.None;
            test.FixedState.MarkupHandling = MarkupMode.None;
            test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.FixedPort).WithSpan(10, 60, 10, 64).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations | DiagnosticOptions.IgnoreSeverity).WithMessage(null));
            return test.RunAsync();
        }

        [Fact]
        public Task NameofTheRemovedConstantIsNotAPortUse() => FixAsync(
            """
            class Tests
            {
                private const int ServerPort = 5000;

                void Echo()
                {
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:ServerPort|});
                    listener.Start();
                    using var client = new TcpClient("127.0.0.1", ServerPort);
                    Console.WriteLine(nameof(ServerPort));
                }
            }
            """,
            """
            class Tests
            {
                private const int ServerPort = 5000;

                void Echo()
                {
                    var listener = new TcpListener(IPAddress.Loopback, 0);
                    listener.Start();
                    var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                    using var client = new TcpClient("127.0.0.1", port);
                    Console.WriteLine(nameof(ServerPort));
                }
            }
            """);

        [Fact]
        public Task StartAsyncOfAnotherWebApplication() => new LoopbackTest
        {
            TestCode = KestrelUsings + """
                class Tests
                {
                    async Task Serve(WebApplication other)
                    {
                        var builder = WebApplication.CreateBuilder();
                        builder.WebHost.UseUrls("http://127.0.0.1:{|LOOP002:5000|}");
                        var app = builder.Build();
                        await other.StartAsync();
                        _ = app.RunAsync();
                        using var http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:5000/") };
                    }
                }
                """,
            FixedCode = KestrelUsings + """
                class Tests
                {
                    async Task Serve(WebApplication other)
                    {
                        var builder = WebApplication.CreateBuilder();
                        builder.WebHost.UseUrls("http://127.0.0.1:{|LOOP002:5000|}");
                        var app = builder.Build();
                        await other.StartAsync();
                        _ = app.RunAsync();
                        using var http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:5000/") };
                    }
                }
                """,
        }.WithPortRules().AsTestProject().RunAsync();

        [Fact]
        public Task UShortPortLocalAtTheSite() => FixAsync(
            """
            class Tests
            {
                void Echo()
                {
                    ushort port = 5000;
                    var listener = new TcpListener(IPAddress.Loopback, {|LOOP002:port|});
                    listener.Start();
                    Ping("127.0.0.1", port);
                }

                static void Ping(string host, ushort port) => new TcpClient(host, port).Dispose();
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
                    Ping("127.0.0.1", (ushort)port);
                }

                static void Ping(string host, ushort port) => new TcpClient(host, port).Dispose();
            }
            """);

        [Fact]
        public Task FixAllWithTwoServersAndASharedLocal() => new LoopbackTest
        {
            TestCode = Usings + """
                class Tests
                {
                    void Echo()
                    {
                        var port = 5000;
                        var tcp = new TcpListener(IPAddress.Loopback, {|LOOP002:port|});
                        tcp.Start();
                        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, {|LOOP002:port|}));
                        using var client = new TcpClient("127.0.0.1", port);
                    }
                }
                """,
            FixedCode = Usings + """
                class Tests
                {
                    void Echo()
                    {
                        var tcp = new TcpListener(IPAddress.Loopback, 0);
                        tcp.Start();
                        var port = ((IPEndPoint)tcp.LocalEndpoint).Port;
                        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
                        using var client = new TcpClient("127.0.0.1", port);
                    }
                }
                """,
        }.WithPortRules().AsTestProject().RunAsync();
    }
}
