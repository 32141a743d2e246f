using System.Threading.Tasks;
using LoopbackAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace LoopbackAnalyzers.Tests.Rules.LOOP001
{
    /// <summary>
    /// LOOP001 fires only where loopback was intended, and says why. One test per kind of evidence,
    /// each in a project that has no other evidence, and the same code without the evidence stays silent.
    /// </summary>
    public class IntentEvidenceTests
    {
        private const string XunitAttributes = """
            namespace Xunit
            {
                public class FactAttribute : System.Attribute { }
                public class TheoryAttribute : FactAttribute { }
            }
            namespace NUnit.Framework
            {
                public class TestAttribute : System.Attribute { }
            }
            namespace Microsoft.VisualStudio.TestTools.UnitTesting
            {
                public class TestMethodAttribute : System.Attribute { }
            }
            """;

        [Fact]
        public Task ProductionServerWithoutEvidenceIsLeftAlone() => Verify.AnywhereAsync(
            """
            using System.Net;
            using System.Net.Sockets;
            using Microsoft.AspNetCore.Server.Kestrel.Core;

            class Server
            {
                TcpListener Listen() => new TcpListener(IPAddress.Any, 8080);

                void Configure(KestrelServerOptions options) => options.ListenAnyIP(8080);
            }
            """);

        [Fact]
        public Task TestProject() => new LoopbackTest
        {
            TestCode = """
                using System.Net;
                using System.Net.Sockets;

                class Fixture
                {
                    TcpListener Listen() => new TcpListener({|#0:IPAddress.Any|}, 0);
                }
                """,
            ExpectedDiagnostics = { Verify.Loop001(0, "TcpListener", "0.0.0.0", "this is a test project") },
        }.AsTestProject().RunAsync();

        [Fact]
        public Task IsTestProjectFalseIsNoEvidence()
        {
            var test = new LoopbackTest
            {
                TestCode = """
                    using System.Net;
                    using System.Net.Sockets;

                    class Fixture
                    {
                        TcpListener Listen() => new TcpListener(IPAddress.Any, 0);
                    }
                    """,
            };
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.IsTestProject = false\n"));
            return test.RunAsync();
        }

        [Theory]
        [InlineData("xunit.core", "xunit")]
        [InlineData("xunit.v3.core", "xunit.v3")]
        [InlineData("nunit.framework", "NUnit")]
        [InlineData("Microsoft.VisualStudio.TestPlatform.TestFramework", "MSTest")]
        [InlineData("TUnit.Core", "TUnit")]
        [InlineData("BenchmarkDotNet", "BenchmarkDotNet")]
        public Task ReferencedTestFramework(string assembly, string framework)
        {
            var test = new LoopbackTest
            {
                TestCode = """
                    using System.Net;
                    using System.Net.Sockets;

                    class Fixture
                    {
                        TcpListener Listen() => new TcpListener({|#0:IPAddress.Any|}, 0);
                    }
                    """,
                ExpectedDiagnostics = { Verify.Loop001(0, "TcpListener", "0.0.0.0", $"the project references {framework}") },
            };
            test.TestState.AdditionalReferences.Add(TestAssemblies.Named(assembly));
            return test.RunAsync();
        }

        [Theory]
        [InlineData("Xunit.Fact")]
        [InlineData("Xunit.Theory")]
        [InlineData("NUnit.Framework.Test")]
        [InlineData("Microsoft.VisualStudio.TestTools.UnitTesting.TestMethod")]
        public Task TestAttributeOnMember(string attribute)
        {
            var test = new LoopbackTest
            {
                TestCode = $$"""
                    using System.Net;
                    using System.Net.Sockets;

                    class EchoTests
                    {
                        [{{attribute}}]
                        public void Roundtrip()
                        {
                            var listener = new TcpListener({|#0:IPAddress.Any|}, 0);
                            System.Action later = () => new TcpListener({|#1:IPAddress.Any|}, 0).Start();
                        }

                        public void Helper() => new TcpListener(IPAddress.Any, 0).Start();
                    }
                    """,
                ExpectedDiagnostics =
                {
                    Verify.Loop001(0, "TcpListener", "0.0.0.0", "'EchoTests.Roundtrip' is a test method"),
                    Verify.Loop001(1, "TcpListener", "0.0.0.0", "'EchoTests.Roundtrip' is a test method"),
                },
            };
            test.TestState.Sources.Add(("/0/Attributes.cs", XunitAttributes));
            return test.RunAsync();
        }

        [Theory]
        [InlineData("new TcpClient(\"127.0.0.1\", 5000)", "127.0.0.1:5000")]
        [InlineData("new TcpClient(\"localhost\", 5000)", "localhost:5000")]
        [InlineData("new TcpClient().ConnectAsync(IPAddress.Loopback, 5000)", "127.0.0.1:5000")]
        [InlineData("new Socket(SocketType.Stream, ProtocolType.Tcp).ConnectAsync(new IPEndPoint(IPAddress.IPv6Loopback, 5000))", "[::1]:5000")]
        [InlineData("new DnsEndPoint(\"localhost\", 5000)", "localhost:5000")]
        [InlineData("new Uri(\"http://localhost:5000/health\")", "localhost:5000")]
        [InlineData("new Uri(\"http://[::1]:5000\")", "[::1]:5000")]
        [InlineData("new HttpClient().GetAsync(\"http://127.0.0.1:5000/\")", "127.0.0.1:5000")]
        [InlineData("new HttpClient { BaseAddress = new Uri(\"http://127.0.0.2\") }", "127.0.0.2")]
        public Task LoopbackClientInSameMethod(string client, string target) => new LoopbackTest
        {
            TestCode = $$"""
                using System;
                using System.Net;
                using System.Net.Http;
                using System.Net.Sockets;

                class EchoServer
                {
                    object Roundtrip()
                    {
                        var listener = new TcpListener({|#0:IPAddress.Any|}, 5000);
                        listener.Start();
                        return {{client}};
                    }
                }
                """,
            ExpectedDiagnostics = { Verify.Loop001(0, "TcpListener", "0.0.0.0", $"the same method connects to {target}") },
        }.RunAsync();

        [Theory]
        [InlineData("new TcpClient(\"example.com\", 5000)")]
        [InlineData("new TcpClient(\"10.0.0.7\", 5000)")]
        [InlineData("new Uri(\"https://api.example.com/\")")]
        [InlineData("new Uri(\"not a url\", UriKind.Relative)")]
        public Task RemoteClientIsNoEvidence(string client) => Verify.AnywhereAsync(
            $$"""
            using System;
            using System.Net;
            using System.Net.Sockets;

            class Proxy
            {
                object Forward()
                {
                    var listener = new TcpListener(IPAddress.Any, 5000);
                    return {{client}};
                }
            }
            """);

        [Fact]
        public Task LoopbackClientOfAnotherServerIsNoEvidence() => Verify.AnywhereAsync(
            """
            using System.Net;
            using System.Net.Sockets;

            class Gateway
            {
                void Start()
                {
                    // The public listener on 8080 and a local health check of another service on 5000.
                    var listener = new TcpListener(IPAddress.Any, 8080);
                    using var health = new TcpClient("127.0.0.1", 5000);
                }
            }
            """);

        [Fact]
        public Task LoopbackClientOfAServerOnPortZeroCounts() => new LoopbackTest
        {
            TestCode = """
                using System.Net;
                using System.Net.Sockets;

                class EchoServer
                {
                    void Roundtrip()
                    {
                        var listener = new TcpListener({|#0:IPAddress.Any|}, 0);
                        listener.Start();
                        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                        using var client = new TcpClient("localhost", port);
                    }
                }
                """,
            ExpectedDiagnostics = { Verify.Loop001(0, "TcpListener", "0.0.0.0", "the same method connects to localhost") },
        }.RunAsync();

        [Fact]
        public Task LoopbackClientInSameType() => new LoopbackTest
        {
            TestCode = """
                using System.Net;
                using System.Net.Sockets;

                class EchoServer
                {
                    readonly TcpListener listener = new TcpListener({|#0:IPAddress.Any|}, 5000);

                    void Start() => listener.Start();

                    class Unrelated
                    {
                        TcpListener Other() => new TcpListener(IPAddress.Any, 6000);
                    }

                    TcpClient Connect() => new TcpClient("localhost", 5000);
                }

                class Elsewhere
                {
                    TcpListener Other() => new TcpListener(IPAddress.Any, 7000);
                }
                """,
            ExpectedDiagnostics = { Verify.Loop001(0, "TcpListener", "0.0.0.0", "'EchoServer' also connects to localhost:5000") },
        }.RunAsync();

        [Fact]
        public Task InsideIfDebug() => new LoopbackTest
        {
            TestCode = """
                using System.Net;
                using System.Net.Sockets;

                class DevTool
                {
                    void Start()
                    {
                #if DEBUG
                        new TcpListener({|#0:IPAddress.Any|}, 0).Start();
                #endif
                #if !DEBUG
                #else
                        new TcpListener({|#1:IPAddress.Any|}, 0).Start();
                #endif
                #if DEBUG && TRACE
                        new TcpListener({|#2:IPAddress.Any|}, 0).Start();
                #elif NET
                #endif
                #if NET
                        new TcpListener(IPAddress.Any, 0).Start();
                #endif
                    }
                }
                """,
            ExpectedDiagnostics =
            {
                Verify.Loop001(0, "TcpListener", "0.0.0.0", "it runs only inside #if DEBUG"),
                Verify.Loop001(1, "TcpListener", "0.0.0.0", "it runs only inside #if DEBUG"),
                Verify.Loop001(2, "TcpListener", "0.0.0.0", "it runs only inside #if DEBUG"),
            },
            SolutionTransforms =
            {
                (solution, projectId) => solution.WithProjectParseOptions(
                    projectId,
                    new CSharpParseOptions(LanguageVersion.Latest).WithPreprocessorSymbols("DEBUG", "TRACE", "NET")),
            },
        }.RunAsync();

        [Fact]
        public Task InsideIsDevelopmentBranch() => new LoopbackTest
        {
            TestCode = """
                using Microsoft.AspNetCore.Hosting;
                using Microsoft.AspNetCore.Server.Kestrel.Core;
                using Microsoft.Extensions.Hosting;

                class Startup
                {
                    void Configure(KestrelServerOptions options, IWebHostEnvironment env)
                    {
                        if (env.IsDevelopment())
                        {
                            options.{|#0:ListenAnyIP|}(5000);
                        }
                        else
                        {
                            options.ListenAnyIP(8080);
                        }

                        if (!env.IsDevelopment())
                        {
                            options.ListenAnyIP(8081);
                        }
                        else
                        {
                            options.{|#1:ListenAnyIP|}(5001);
                        }

                        if (env.EnvironmentName == Environments.Development && options.AddServerHeader)
                        {
                            options.{|#2:ListenAnyIP|}(5002);
                        }
                    }
                }
                """,
            ExpectedDiagnostics =
            {
                Verify.Loop001(0, "KestrelServerOptions.ListenAnyIP", "[::], dual-mode", "it runs only inside an IsDevelopment() branch"),
                Verify.Loop001(1, "KestrelServerOptions.ListenAnyIP", "[::], dual-mode", "it runs only inside an IsDevelopment() branch"),
                Verify.Loop001(2, "KestrelServerOptions.ListenAnyIP", "[::], dual-mode", "it runs only inside an IsDevelopment() branch"),
            },
        }.RunAsync();
    }
}
