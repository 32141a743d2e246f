using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using System.Threading.Tasks;
using LoopbackAnalyzers.CodeFixes;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace LoopbackAnalyzers.Tests.Infrastructure
{
    /// <summary>
    /// Runs the analyzer (and the fix) over test code, against real reference assemblies:
    /// .NET 8 and ASP.NET Core 8 (Kestrel), so API rows are matched against the real signatures.
    /// Grpc.Core's dependencies are not all served here; tests that need it add <see cref="GrpcCoreStub"/>.
    /// </summary>
    public sealed class LoopbackTest : CSharpCodeFixTest<EndpointAnalyzer, BindToLoopbackCodeFixProvider, DefaultVerifier>
    {
        public static readonly ReferenceAssemblies References = ReferenceAssemblies.Net.Net80.AddPackages(ImmutableArray.Create(
            new PackageIdentity("Microsoft.AspNetCore.App.Ref", "8.0.0")));

        /// <summary>The Grpc.Core 2.46.5 types the API table and the port fix name, with their real signatures.</summary>
        public const string GrpcCoreStub = """
            namespace Grpc.Core
            {
                public abstract class ServerCredentials
                {
                    public static ServerCredentials Insecure => null!;
                }

                public class ServerPort
                {
                    public const int PickUnused = 0;
                    public ServerPort(string host, int port, ServerCredentials credentials) { }
                    public int BoundPort => 0;
                }

                public class Server
                {
                    public ServerPortCollection Ports { get; } = new ServerPortCollection();
                    public void Start() { }

                    public class ServerPortCollection
                    {
                        public int Add(ServerPort serverPort) => 0;
                    }
                }

                public abstract class ChannelCredentials
                {
                    public static ChannelCredentials Insecure => null!;
                }

                public class Channel
                {
                    public Channel(string host, int port, ChannelCredentials credentials) { }
                }
            }
            """;

        /// <summary>The .NET 10 Mvc.Testing surface the port fix uses (the tests reference ASP.NET Core 8, which lacks UseKestrel).</summary>
        public const string MvcTestingStub = """
            namespace Microsoft.AspNetCore.Mvc.Testing
            {
                public class WebApplicationFactoryClientOptions
                {
                    public System.Uri BaseAddress { get; set; } = new System.Uri("http://localhost");
                }

                public class WebApplicationFactory<TEntryPoint> : System.IDisposable where TEntryPoint : class
                {
                    public WebApplicationFactoryClientOptions ClientOptions { get; } = new WebApplicationFactoryClientOptions();
                    public void UseKestrel(int port) { }
                    public void StartServer() { }
                    public System.Net.Http.HttpClient CreateClient() => new System.Net.Http.HttpClient();
                    public void Dispose() { }
                }
            }
            """;

        /// <summary>Adds the Mvc.Testing stub as a second source file (call after setting FixedCode).</summary>
        public LoopbackTest WithMvcTesting()
        {
            TestState.Sources.Add(("/0/MvcTesting.cs", MvcTestingStub));
            if (FixedState.Sources.Count > 0)
            {
                FixedState.Sources.Add(("/0/MvcTesting.cs", MvcTestingStub));
            }

            return this;
        }

        /// <summary>Adds the Grpc.Core stub as a second source file (call after setting FixedCode).</summary>
        public LoopbackTest WithGrpcCore()
        {
            TestState.Sources.Add(("/0/GrpcCore.cs", GrpcCoreStub));
            if (FixedState.Sources.Count > 0)
            {
                FixedState.Sources.Add(("/0/GrpcCore.cs", GrpcCoreStub));
            }

            return this;
        }

        public LoopbackTest()
        {
            ReferenceAssemblies = References;

            // Both analyzers (code and configuration files) share the catalogue's descriptors.
            MarkupOptions = MarkupOptions.UseFirstDescriptor;

            // The port rules have test classes of their own; elsewhere, examples use fixed ports freely.
            DisabledDiagnostics.AddRange(PortRules);
        }

        private static readonly string[] PortRules =
        {
            DiagnosticIds.FixedPort,
            DiagnosticIds.EphemeralPort,
            DiagnosticIds.PortOutOfRange,
        };

        /// <summary>Turns the port rules (LOOP002, LOOP003, LOOP005) on for this test.</summary>
        public LoopbackTest WithPortRules()
        {
            DisabledDiagnostics.RemoveAll(id => System.Array.IndexOf(PortRules, id) >= 0);
            return this;
        }

        /// <summary>Every shipped analyzer takes part, as in a build.</summary>
        protected override IEnumerable<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer> GetDiagnosticAnalyzers() => Catalogue.Analyzers;

        /// <summary>Every shipped fix takes part, as in dotnet format: each diagnostic finds its own.</summary>
        protected override IEnumerable<CodeFixProvider> GetCodeFixProviders() => Catalogue.CodeFixes;

        /// <summary>Marks the compilation as a test project, as the package's buildTransitive props do.</summary>
        public LoopbackTest AsTestProject()
        {
            TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.IsTestProject = true\n"));
            return this;
        }

        /// <summary>Appends a section to the .editorconfig added by <see cref="WithEditorConfig"/>.</summary>
        public LoopbackTest WithAdditionalEditorConfig(string section, params string[] lines)
        {
            var index = TestState.AnalyzerConfigFiles.FindIndex(file => file.filename == "/.editorconfig");
            var text = new StringBuilder(TestState.AnalyzerConfigFiles[index].content.ToString()).Append('\n').Append(section).Append('\n');
            foreach (var line in lines)
            {
                text.Append(line).Append('\n');
            }

            TestState.AnalyzerConfigFiles[index] = ("/.editorconfig", Microsoft.CodeAnalysis.Text.SourceText.From(text.ToString()));
            return this;
        }

        /// <summary>Adds an .editorconfig with the given lines under [*.cs].</summary>
        public LoopbackTest WithEditorConfig(params string[] lines)
        {
            var text = new StringBuilder("root = true\n\n[*.cs]\n");
            foreach (var line in lines)
            {
                text.Append(line).Append('\n');
            }

            TestState.AnalyzerConfigFiles.Add(("/.editorconfig", text.ToString()));
            return this;
        }
    }

    /// <summary>Short entry points used by the rule tests.</summary>
    public static class Verify
    {
        /// <summary>Expects exactly the diagnostics in the markup, in a test project.</summary>
        public static Task InTestProjectAsync(string source) =>
            new LoopbackTest { TestCode = source }.AsTestProject().RunAsync();

        /// <summary>Expects exactly the diagnostics in the markup, with no project-level evidence.</summary>
        public static Task AnywhereAsync(string source) =>
            new LoopbackTest { TestCode = source }.RunAsync();

        /// <summary>A LOOP001 result at markup location <c>{|#n:...|}</c> with its message arguments.</summary>
        public static DiagnosticResult Loop001(int location, string api, string address, string reason) =>
            new DiagnosticResult(Descriptors.ListenerBindsAllInterfaces)
                .WithLocation(location)
                .WithArguments(api, address, reason)
                .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

        /// <summary>A result of <paramref name="descriptor"/> at markup location <c>{|#n:...|}</c> with its message arguments.</summary>
        public static DiagnosticResult Result(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, int location, params object[] arguments) =>
            new DiagnosticResult(descriptor)
                .WithLocation(location)
                .WithArguments(arguments)
                .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

        /// <summary>Expects exactly the diagnostics in the markup with the port rules on, in a test project or not.</summary>
        public static Task PortRulesAsync(string source, bool testProject = true, params string[] editorConfig)
        {
            var test = new LoopbackTest { TestCode = source }.WithPortRules();
            if (testProject)
            {
                test.AsTestProject();
            }

            if (editorConfig.Length > 0)
            {
                test.WithEditorConfig(editorConfig);
            }

            return test.RunAsync();
        }

        /// <summary>A LOOP004 result at markup location <c>{|#n:...|}</c> with its message arguments.</summary>
        public static DiagnosticResult Loop004(int location, string api, string reason) =>
            new DiagnosticResult(Descriptors.PortZeroNotSupported)
                .WithLocation(location)
                .WithArguments(api, reason)
                .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

        /// <summary>Expects the diagnostics in the markup and the fixed code, in a test project.</summary>
        public static Task FixInTestProjectAsync(string source, string fixedSource) =>
            new LoopbackTest { TestCode = source, FixedCode = fixedSource }.AsTestProject().RunAsync();
    }
}
