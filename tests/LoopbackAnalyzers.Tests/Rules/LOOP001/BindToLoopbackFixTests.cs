using System.Threading.Tasks;
using LoopbackAnalyzers.Tests.Infrastructure;
using Xunit;

namespace LoopbackAnalyzers.Tests.Rules.LOOP001
{
    /// <summary>
    /// The "Bind to loopback" fix. Every test also runs Fix All at document, project and solution scope,
    /// which is what dotnet format applies.
    /// </summary>
    public class BindToLoopbackFixTests
    {
        [Theory]
        [InlineData("{|LOOP001:IPAddress.Any|}", "IPAddress.Loopback")]
        [InlineData("{|LOOP001:IPAddress.IPv6Any|}", "IPAddress.IPv6Loopback")]
        [InlineData("{|LOOP001:IPAddress.IPv6None|}", "IPAddress.IPv6Loopback")]
        [InlineData("{|LOOP001:IPAddress.Parse(\"0.0.0.0\")|}", "IPAddress.Loopback")]
        [InlineData("{|LOOP001:IPAddress.Parse(\"[::]\")|}", "IPAddress.IPv6Loopback")]
        [InlineData("{|LOOP001:new IPAddress(0)|}", "IPAddress.Loopback")]
        [InlineData("{|LOOP001:new IPAddress(new byte[16])|}", "IPAddress.IPv6Loopback")]
        [InlineData("/* keep */ {|LOOP001:IPAddress.Any|} /* these */", "/* keep */ IPAddress.Loopback /* these */")]
        public Task AddressExpression(string address, string loopback) => Verify.FixInTestProjectAsync(
            $$"""
            using System.Net;
            using System.Net.Sockets;

            class Fixture
            {
                TcpListener Start() => new TcpListener({{address}}, 5000);
            }
            """,
            $$"""
            using System.Net;
            using System.Net.Sockets;

            class Fixture
            {
                TcpListener Start() => new TcpListener({{loopback}}, 5000);
            }
            """);

        [Fact]
        public Task EndPointInLocal() => Verify.FixInTestProjectAsync(
            """
            using System.Net;
            using System.Net.Sockets;

            class Fixture
            {
                void Start(Socket socket)
                {
                    var endpoint = new IPEndPoint(IPAddress.Any, 0);
                    socket.Bind({|LOOP001:endpoint|});
                    socket.Bind({|LOOP001:endpoint|});
                }
            }
            """,
            """
            using System.Net;
            using System.Net.Sockets;

            class Fixture
            {
                void Start(Socket socket)
                {
                    var endpoint = new IPEndPoint(IPAddress.Loopback, 0);
                    socket.Bind(endpoint);
                    socket.Bind(endpoint);
                }
            }
            """);

        [Fact]
        public Task PortOnlyConstructorsAndFactory() => Verify.FixInTestProjectAsync(
            """
            using System.Net.Sockets;

            class Fixture
            {
                const int Port = 5000;

            #pragma warning disable CS0618 // the obsolete constructor is the point of this test
                TcpListener A() => {|LOOP001:new TcpListener(Port)|};
            #pragma warning restore CS0618
                TcpListener B() => {|LOOP001:TcpListener.Create(0)|};
                TcpListener C() => {|LOOP001:System.Net.Sockets.TcpListener.Create(Port + 1)|};
                UdpClient D() => {|LOOP001:new UdpClient(0)|};
                UdpClient E() => {|LOOP001:new UdpClient(0, AddressFamily.InterNetworkV6)|};
                UdpClient F() => {|LOOP001:new UdpClient(Port, AddressFamily.InterNetwork)|};
            }
            """,
            """
            using System.Net;
            using System.Net.Sockets;

            class Fixture
            {
                const int Port = 5000;

            #pragma warning disable CS0618 // the obsolete constructor is the point of this test
                TcpListener A() => new TcpListener(IPAddress.Loopback, Port);
            #pragma warning restore CS0618
                TcpListener B() => new TcpListener(IPAddress.Loopback, 0);
                TcpListener C() => new System.Net.Sockets.TcpListener(IPAddress.Loopback, Port + 1);
                UdpClient D() => new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
                UdpClient E() => new UdpClient(new IPEndPoint(IPAddress.IPv6Loopback, 0));
                UdpClient F() => new UdpClient(new IPEndPoint(IPAddress.Loopback, Port));
            }
            """);

        [Fact]
        public Task KestrelListenAnyIP() => Verify.FixInTestProjectAsync(
            """
            using Microsoft.AspNetCore.Server.Kestrel.Core;

            class Fixture
            {
                void Configure(KestrelServerOptions options, int port)
                {
                    options.{|LOOP001:ListenAnyIP|}(5000);
                    options.{|LOOP001:ListenAnyIP|}(5001, listen => listen.Protocols = HttpProtocols.Http2);
                    options.{|LOOP001:ListenAnyIP|}(0);
                    options.{|LOOP001:ListenAnyIP|}(port);
                }
            }
            """,
            """
            using System.Net;
            using Microsoft.AspNetCore.Server.Kestrel.Core;

            class Fixture
            {
                void Configure(KestrelServerOptions options, int port)
                {
                    options.ListenLocalhost(5000);
                    options.ListenLocalhost(5001, listen => listen.Protocols = HttpProtocols.Http2);
                    options.Listen(IPAddress.Loopback, 0);
                    options.Listen(IPAddress.Loopback, port);
                }
            }
            """);

        [Fact]
        public Task GrpcHost() => new LoopbackTest
        {
            TestCode = """
                using Grpc.Core;

                class Fixture
                {
                    ServerPort V4() => new ServerPort({|LOOP001:"0.0.0.0"|}, 0, ServerCredentials.Insecure);
                    ServerPort V6() => new ServerPort({|LOOP001:"[::]"|}, 0, ServerCredentials.Insecure);
                }
                """,
            FixedCode = """
                using Grpc.Core;

                class Fixture
                {
                    ServerPort V4() => new ServerPort("127.0.0.1", 0, ServerCredentials.Insecure);
                    ServerPort V6() => new ServerPort("[::1]", 0, ServerCredentials.Insecure);
                }
                """,
        }.AsTestProject().WithGrpcCore().RunAsync();

        [Fact]
        public Task NoFixForSharedFieldOrNonLiteralHost()
        {
            const string source = """
                using System.Net;
                using System.Net.Sockets;
                using Grpc.Core;

                class Fixture
                {
                    const string Everywhere = "0.0.0.0";
                    static readonly IPAddress Shared = IPAddress.Any;

                    TcpListener A() => new TcpListener({|LOOP001:Shared|}, 0);
                    ServerPort B() => new ServerPort({|LOOP001:Everywhere|}, 0, ServerCredentials.Insecure);
                    ServerPort C() => new ServerPort({|LOOP001:"*"|}, 0, ServerCredentials.Insecure);
                }
                """;
            return new LoopbackTest { TestCode = source, FixedCode = source }.AsTestProject().WithGrpcCore().RunAsync();
        }

        [Fact]
        public Task NoFixAcrossPreprocessorDirectives()
        {
            // Found by the mutation suite: a rewrite across #if cannot keep every configuration compiling.
            const string source = """
                using System.Net;
                using System.Net.Sockets;

                class Fixture
                {
                    TcpListener A() => new TcpListener({|LOOP001:IPAddress
                #if DEBUG
                        .Any|}
                #else
                        .Any
                #endif
                        , 0);

                    TcpListener B() => {|LOOP001:System.Net.Sockets.TcpListener.Create
                #if DEBUG
                #endif
                        (0)|};
                }
                """;
            return new LoopbackTest
            {
                TestCode = source,
                FixedCode = source,
                SolutionTransforms =
                {
                    (solution, projectId) => solution.WithProjectParseOptions(
                        projectId,
                        new Microsoft.CodeAnalysis.CSharp.CSharpParseOptions(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest).WithPreprocessorSymbols("DEBUG")),
                },
            }.AsTestProject().RunAsync();
        }

        [Fact]
        public Task NoFixForCreateThroughUsingStatic()
        {
            const string source = """
                using static System.Net.Sockets.TcpListener;

                class Fixture
                {
                    System.Net.Sockets.TcpListener Start() => {|LOOP001:Create(0)|};
                }
                """;
            return new LoopbackTest { TestCode = source, FixedCode = source }.AsTestProject().RunAsync();
        }

        [Fact]
        public Task AddsUsingInsideNamespaceWhenTheFileKeepsThemThere() => Verify.FixInTestProjectAsync(
            """
            namespace Tests
            {
                using System.Net.Sockets;

                class Fixture
                {
                    UdpClient Start() => {|LOOP001:new UdpClient(0)|};
                }
            }
            """,
            """
            namespace Tests
            {
                using System.Net;
                using System.Net.Sockets;

                class Fixture
                {
                    UdpClient Start() => new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
                }
            }
            """);

        [Fact]
        public Task AddsFirstUsingToFileWithoutAny() => Verify.FixInTestProjectAsync(
            """
            class Fixture
            {
                System.Net.Sockets.TcpListener Start() => new System.Net.Sockets.TcpListener({|LOOP001:System.Net.IPAddress.Any|}, 0);
            }
            """,
            """
            using System.Net;

            class Fixture
            {
                System.Net.Sockets.TcpListener Start() => new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            }
            """);

        [Fact]
        public Task QualifiesWhenAnotherIPAddressIsInScope() => Verify.FixInTestProjectAsync(
            """
            using System.Net.Sockets;
            using Custom;

            namespace Custom
            {
                public class IPAddress { }
            }

            class Fixture
            {
                TcpListener Start() => new TcpListener({|LOOP001:System.Net.IPAddress.Any|}, 0);
            }
            """,
            """
            using System.Net.Sockets;
            using Custom;

            namespace Custom
            {
                public class IPAddress { }
            }

            class Fixture
            {
                TcpListener Start() => new TcpListener(System.Net.IPAddress.Loopback, 0);
            }
            """);

        [Fact]
        public Task QualifiesWhenTheUsingWouldMakeANameAmbiguous() => Verify.FixInTestProjectAsync(
            """
            using System.Net.Sockets;
            using Custom;

            namespace Custom
            {
                public class Cookie { }
            }

            class Fixture
            {
                Cookie cookie = new Cookie();
                TcpListener Start() => {|LOOP001:TcpListener.Create(0)|};
            }
            """,
            """
            using System.Net.Sockets;
            using Custom;

            namespace Custom
            {
                public class Cookie { }
            }

            class Fixture
            {
                Cookie cookie = new Cookie();
                TcpListener Start() => new TcpListener(System.Net.IPAddress.Loopback, 0);
            }
            """);

        [Fact]
        public Task FixAllAcrossDocuments() => new LoopbackTest
        {
            TestState =
            {
                Sources =
                {
                    """
                    using System.Net.Sockets;

                    class First
                    {
                        UdpClient A() => {|LOOP001:new UdpClient(0)|};
                        TcpListener B() => {|LOOP001:TcpListener.Create(0)|};
                    }
                    """,
                    """
                    using System.Net;
                    using System.Net.Sockets;

                    class Second
                    {
                        TcpListener C() => new TcpListener({|LOOP001:IPAddress.Any|}, 0);
                        TcpListener D() => new TcpListener({|LOOP001:IPAddress.IPv6Any|}, 0);
                    }
                    """,
                },
            },
            FixedState =
            {
                Sources =
                {
                    """
                    using System.Net;
                    using System.Net.Sockets;

                    class First
                    {
                        UdpClient A() => new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
                        TcpListener B() => new TcpListener(IPAddress.Loopback, 0);
                    }
                    """,
                    """
                    using System.Net;
                    using System.Net.Sockets;

                    class Second
                    {
                        TcpListener C() => new TcpListener(IPAddress.Loopback, 0);
                        TcpListener D() => new TcpListener(IPAddress.IPv6Loopback, 0);
                    }
                    """,
                },
            },
        }.AsTestProject().RunAsync();

        [Fact]
        public Task TopLevelStatements() => new LoopbackTest
        {
            TestState = { OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication },
            TestCode = """
                using System.Net.Sockets;

                var listener = {|LOOP001:TcpListener.Create(0)|};
                listener.Start();
                """,
            FixedCode = """
                using System.Net;
                using System.Net.Sockets;

                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                """,
        }.AsTestProject().RunAsync();

        [Fact]
        public Task FileScopedNamespace() => Verify.FixInTestProjectAsync(
            """
            namespace Tests;

            class Fixture
            {
                System.Net.Sockets.UdpClient Start() => {|LOOP001:new System.Net.Sockets.UdpClient(0)|};
            }
            """,
            """
            using System.Net;

            namespace Tests;

            class Fixture
            {
                System.Net.Sockets.UdpClient Start() => new System.Net.Sockets.UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            }
            """);
    }
}
