using System.Threading.Tasks;
using LoopbackAnalyzers.Tests.Infrastructure;
using Xunit;

namespace LoopbackAnalyzers.Tests.Rules.LOOP001
{
    /// <summary>The <c>loopback_analyzers.intent</c> option: auto (default), loopback (audit mode), public.</summary>
    public class IntentOptionTests
    {
        private const string Server = """
            using System.Net;
            using System.Net.Sockets;

            class Server
            {
                TcpListener Listen() => new TcpListener({|#0:IPAddress.Any|}, 8080);
            }
            """;

        private static string WithoutMarkup => Server.Replace("{|#0:", string.Empty).Replace("|}", string.Empty);

        [Fact]
        public Task LoopbackReportsProductionCode() => new LoopbackTest
        {
            TestCode = Server,
            ExpectedDiagnostics = { Verify.Loop001(0, "TcpListener", "0.0.0.0", "loopback_analyzers.intent = loopback") },
        }.WithEditorConfig("loopback_analyzers.intent = loopback").RunAsync();

        [Fact]
        public Task LoopbackFromGlobalConfig()
        {
            var test = new LoopbackTest
            {
                TestCode = Server,
                ExpectedDiagnostics = { Verify.Loop001(0, "TcpListener", "0.0.0.0", "loopback_analyzers.intent = loopback") },
            };
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nloopback_analyzers.intent = loopback\n"));
            return test.RunAsync();
        }

        [Fact]
        public Task StrongerEvidenceIsNamedBeforeTheOption() => new LoopbackTest
        {
            TestCode = Server,
            ExpectedDiagnostics = { Verify.Loop001(0, "TcpListener", "0.0.0.0", "this is a test project") },
        }.AsTestProject().WithEditorConfig("loopback_analyzers.intent = loopback").RunAsync();

        [Fact]
        public Task PublicSilencesTestProject() => new LoopbackTest { TestCode = WithoutMarkup }
            .AsTestProject().WithEditorConfig("loopback_analyzers.intent = public").RunAsync();

        [Theory]
        [InlineData("auto")]
        [InlineData("AUTO")]
        [InlineData("something-else")]
        [InlineData("")]
        public Task AutoAndUnknownValuesInfer(string value) => new LoopbackTest
        {
            TestCode = Server,
            ExpectedDiagnostics = { Verify.Loop001(0, "TcpListener", "0.0.0.0", "this is a test project") },
        }.AsTestProject().WithEditorConfig($"loopback_analyzers.intent = {value}").RunAsync();

        [Fact]
        public Task AutoWithoutEvidenceIsSilent() => new LoopbackTest { TestCode = WithoutMarkup }
            .WithEditorConfig("loopback_analyzers.intent = auto").RunAsync();

        [Fact]
        public Task OptionAppliesPerFile()
        {
            var test = new LoopbackTest
            {
                TestState =
                {
                    Sources =
                    {
                        ("/0/DevTools/DevServer.cs", """
                            using System.Net;
                            using System.Net.Sockets;

                            class DevServer
                            {
                                TcpListener Listen() => new TcpListener({|#0:IPAddress.Any|}, 8080);
                            }
                            """),
                        ("/0/Service/PublicServer.cs", """
                            using System.Net;
                            using System.Net.Sockets;

                            class PublicServer
                            {
                                TcpListener Listen() => new TcpListener(IPAddress.Any, 8080);
                            }
                            """),
                    },
                    AnalyzerConfigFiles =
                    {
                        ("/.editorconfig", """
                            root = true

                            [**/DevTools/**.cs]
                            loopback_analyzers.intent = loopback
                            """),
                    },
                },
                ExpectedDiagnostics = { Verify.Loop001(0, "TcpListener", "0.0.0.0", "loopback_analyzers.intent = loopback") },
            };
            return test.RunAsync();
        }

        [Fact]
        public Task SeverityNoneSilences() => new LoopbackTest { TestCode = WithoutMarkup }
            .AsTestProject().WithEditorConfig("dotnet_diagnostic.LOOP001.severity = none").RunAsync();
    }
}
