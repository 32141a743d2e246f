using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using LoopbackAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace LoopbackAnalyzers.Tests.Robustness
{
    /// <summary>
    /// Bad input never crashes an analyzer or a fix: code as typed in an editor, odd literals, malformed URLs,
    /// cycles, generated code, huge files. It gets no diagnostic or a clear one, never AD0001.
    /// </summary>
    public class BadInputTests
    {
        public static IEnumerable<object[]> Inputs() => new[]
        {
            string.Empty,
            "using System.Net;",
            "class C { void M() { new System.Net.Sockets.TcpListener(System.Net.IPAddress. } }",
            "class C { void M() { new System.Net.Sockets.TcpListener( } }",
            "class C { void M() { new System.Net.Sockets.TcpListener(System.Net.IPAddress.Any,",
            "class C { void M(System.Net.Sockets.Socket s) { s.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Any",
            "class C { void M(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions o) { o.ListenAnyIP( } }",
            "class C { void M(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions o) { o.ListenAnyIP(\"x\"); } }",
            "class C { object M() => new System.Net.Sockets.TcpListener(System.Net.IPAddress.Parse(), 0); }",
            "class C { object M() => new System.Net.Sockets.TcpListener(System.Net.IPAddress.Parse(null), 0); }",
            "class C { object M() => new System.Net.Sockets.TcpListener(System.Net.IPAddress.Parse(\"0.0.0.0\", 1), 0); }",
            "class C { object M() => new System.Net.Sockets.TcpListener(new System.Net.IPAddress(new byte[-1]), 0); }",
            "class C { object M() => new System.Net.Sockets.TcpListener(new System.Net.IPAddress(new byte[5]), 0); }",
            "class C { object M() => new System.Net.Sockets.TcpListener(new System.Net.IPAddress(new byte[] { 300, 0, 0, 0 }), 0); }",
            "class C { object M() => new System.Net.Sockets.TcpListener(new System.Net.IPAddress(-1), 0); }",
            "class C { object M() => new System.Net.Sockets.TcpListener(new System.Net.IPEndPoint(long.MaxValue, 0)); }",
            "class C { object M() => new System.Net.Sockets.TcpListener(new System.Net.IPEndPoint(-5, 0)); }",
            "class C { object M() => new System.Net.Sockets.TcpListener(System.Net.IPAddress.Any, 0x1F90); }",
            "class C { object M() => new System.Net.Sockets.TcpListener(System.Net.IPAddress.Any, 5_000); }",
            "class C { object M() => new System.Net.Sockets.TcpListener(System.Net.IPAddress.Any, (ushort)5000); }",
            "class C { object M() => new System.Net.Sockets.TcpListener(System.Net.IPAddress.Any, (int)ulong.MaxValue); }",
            "class C { object M() => new System.Net.Sockets.TcpListener(System.Net.IPAddress.Any, 70000); }",
            "class C { object M() => new System.Net.Sockets.UdpClient(0, (System.Net.Sockets.AddressFamily)12345); }",
            "class C { object M() => new System.Net.Sockets.UdpClient(-1); }",
            "class C { object M() { var a = a; return new System.Net.Sockets.TcpListener(a, 0); } }",
            "class C { static readonly System.Net.IPAddress A = B; static readonly System.Net.IPAddress B = A; object M() => new System.Net.Sockets.TcpListener(A, 0); }",
            "class C { static readonly System.Net.IPAddress A = A; object M() => new System.Net.Sockets.TcpListener(A, 0); }",
            "class C { object M() { System.Net.IPAddress a; return new System.Net.Sockets.TcpListener(a, 0); } }",
            "class C { object M() { var (a, b) = (System.Net.IPAddress.Any, 1); return new System.Net.Sockets.TcpListener(a, b); } }",
            "class C { object M() { System.Net.IPAddress a = System.Net.IPAddress.Any; ref var r = ref a; return new System.Net.Sockets.TcpListener(a, 0); } }",
            "class C { object M() => new System.Uri(\"http://[::1\"); object N() { var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Any, 0); return new System.Uri(\"http://\"); } }",
            "class C { object M() { var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Any, 0); return new System.Uri(\"://x\"); } }",
            "class C { object M() { var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Any, 0); return new System.Uri(\"http://@:/?#\"); } }",
            "class C { object M() { var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Any, 0); return new System.Net.Http.HttpClient().GetAsync(\"http://localhost:99999999999999/\"); } }",
            "class C { object M() { var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Any, 0); return new System.Net.Sockets.TcpClient(null, 0); } }",
            "class C { object M() { var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Any, 0); return new System.Net.Sockets.TcpClient(\"[\", 0); } }",
            "#if DEBUG\n#elif\n#else\n#endif\n#endif\nclass C { object M() => new System.Net.Sockets.TcpListener(System.Net.IPAddress.Any, 0); }",
            "#if (DEBUG\nclass C { object M() => new System.Net.Sockets.TcpListener(System.Net.IPAddress.Any, 0); }\n#endif",
            "class C { void M(dynamic d) { new System.Net.Sockets.TcpListener(d, 0); d.ListenAnyIP(5); } }",
            "class C { object M() => new(System.Net.IPAddress.Any, 0); }",
            "class C { System.Net.Sockets.TcpListener M() => new(System.Net.IPAddress.Any, 0); }",
            "class C { System.Net.Sockets.TcpListener M() => new(); }",
            "class C { object M() => System.Net.Sockets.TcpListener.Create(); }",
            "class C { void M(Microsoft.AspNetCore.Hosting.IWebHostEnvironment e, Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions o) { if (e.IsDevelopment(1)) o.ListenAnyIP(0); if (!) o.ListenAnyIP(1); } }",
            "// <auto-generated/>\nclass C { object M() => new System.Net.Sockets.TcpListener(System.Net.IPAddress.Any, 0); }",
            "class TcpListener { public TcpListener(System.Net.IPAddress a, int p) { } } class C { object M() => new TcpListener(System.Net.IPAddress.Any, 0); }",
            "namespace System.Net { class IPAddress { public static IPAddress Any; } } class C { }",
            "class C { void M(Microsoft.AspNetCore.Builder.WebApplication app, int p) { app.Urls.Add($\"http://{\"*\"}:{p:D5}\"); app.Urls.Add($\"{p}\"); app.Urls.Add($\"http://*:{p,5}\"); } }",
            "class C { void M(Microsoft.AspNetCore.Builder.WebApplication app) { app.Urls.Add(string.Format(\"http://{5}:{x}:{\", \"*\")); app.Urls.Add(string.Format(\"{0}\")); app.Urls.Add(string.Format(null, \"*\")); } }",
            "class C { void M(Microsoft.AspNetCore.Builder.WebApplication app) { app.Urls.Add(\"\"\"\n    http://*:5000\n    \"\"\"); app.Urls.Add($$\"\"\"http://*:{{1}}\"\"\"); } }",
            "class C { void M(Microsoft.AspNetCore.Builder.WebApplication app) { app.Urls.Add(\"http://\\uD800:5000\"); app.Urls.Add(\"http://\\U0001F600:0\"); app.Urls.Add(\"http://\\x:5000\"); app.Urls.Add(\"http://*:\\u0030\"); } }",
            "class C { void M(Microsoft.AspNetCore.Builder.WebApplication app) { app.Urls.Add(\"http://[\"); app.Urls.Add(\";;;\"); app.Urls.Add(\"http://*:5000;\"); app.Urls.Add(\"://*:0\"); app.Urls.Add(\"http://localhost:00\"); app.Urls.Add(\"http://localhost:-0\"); } }",
            "class C { void M() { System.Environment.SetEnvironmentVariable(null, null); System.Environment.SetEnvironmentVariable(\"ASPNETCORE_URLS\", null); System.Environment.SetEnvironmentVariable(\"ASPNETCORE_HTTP_PORTS\", \";;x;\"); } }",
            "class C { void M() { Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(new[] { \"--urls\" }); Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(new string[0]); Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(null); } }",
            "class C { void M(dynamic d, Microsoft.Extensions.Configuration.IConfiguration c) { d[\"urls\"] = \"http://*:5000\"; c[null] = \"http://*:5000\"; c[\"urls\"] = null; c[\"urls\"] = d; } }",
            "class C { void M(System.Net.HttpListener l) { l.Prefixes.Add(\"http://+:0/\"); l.Prefixes.Add(\"+\"); l.Prefixes.Add(null); var x = l.Prefixes; x.Add(\"http://*:1/\"); } }",

            // LOOP006: free-port helpers in broken or unusual code.
            "using System.Net; using System.Net.Sockets; class C { int M() { var l = new TcpListener(IPAddress.Loopback, 0); l.Start(); var p = ((IPEndPoint)l.LocalEndpoint).Port; l.Stop(); return p; } int N() => M(; int O() => M(1, 2); void P() => nameof(M); }",
            "using System.Net; using System.Net.Sockets; class C { int M() { var l = new TcpListener(IPAddress.Loopback, 0); l.Start(); return ((IPEndPoint)l.LocalEndpoint).Port; l?. } }",
            "using System.Net; using System.Net.Sockets; class C { int () { using var l = new TcpListener(IPAddress.Loopback, 0); l.Start(); return ((IPEndPoint)l.LocalEndpoint).Port; } }",
            "using System.Net; using System.Net.Sockets; class C { void M() { int F(); int G() { using var l = new TcpListener(IPAddress.Loopback, 0); l.Start(); return ((IPEndPoint)l.LocalEndpoint).Port; } _ = F() + G(); } }",
            "using System; using System.Net; using System.Net.Sockets; class C { void M() { _ = () => { using var l = new TcpListener(IPAddress.Loopback, 0); l.Start(); return ((IPEndPoint)l.LocalEndpoint).Port; }; Func<int> f = null; f = f = () => { using var l = new TcpListener(IPAddress.Loopback, 0); l.Start(); return ((IPEndPoint)l.LocalEndpoint).Port; }; } }",
            "using System.Net; using System.Net.Sockets; partial class C { partial bool IsFree(int p); bool Loop(int p) => Loop(p); int M() { for (var p = 0; ; p++) if (IsFree(p) || Loop(p)) return p; } }",
            "using System.Net; using System.Net.Sockets; class C { static bool IsFree(int p) { using var l = new TcpListener(IPAddress.Loopback, p); l.Start(); return IsFree(p); } int M() { for (var p = 0; ; p++) if (IsFree(p)) return p; } int N() => System.Linq.Enumerable.Range(0, 9).First(IsFree); }",
            "using System.Net; using System.Net.Sockets; class C { int M() { dynamic l = new TcpListener(IPAddress.Loopback, 0); l.Start(); var p = l.LocalEndpoint.Port; l.Stop(); return p; } }",
            "using System.Net; using System.Net.Sockets; class C { int M() { var (l, x) = (new TcpListener(IPAddress.Loopback, 0), 1); l.Start(); var (p, q) = (((IPEndPoint)l.LocalEndpoint).Port, x); l.Stop(); return p; } }",
            "using System.Net; using System.Net.Sockets; class C { int M() { var l = new TcpListener(IPAddress.Loopback, 0); l.Start(); var p = ((IPEndPoint)l.LocalEndpoint).Port; l.Stop(); return p; } int M() => 0; void N() => M(); }",
            "using System.Net; using System.Net.Sockets; using System.Net.NetworkInformation; using System.Linq; class C { int M() { var used = IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners(); var p = 0; while (used.Any(e => e.Port == p)) p++; return p; } int N() => IPGlobalProperties.GetIPGlobalProperties(.GetActiveTcpListeners().Length; }",
            "using System.Net; using System.Net.Sockets; var l = new TcpListener(IPAddress.Loopback, 0); l.Start(); var port = ((IPEndPoint)l.LocalEndpoint).Port; l.Stop(); System.Console.WriteLine(Free() + port); static int Free() { using var p = new TcpListener(IPAddress.Loopback, 0); p.Start(); return ((IPEndPoint)p.LocalEndpoint).Port; }",
            "using System.Net; using System.Net.Sockets; class C<T> { public static int Free<U>() { using var p = new TcpListener(IPAddress.Loopback, 0); p.Start(); return ((IPEndPoint)p.LocalEndpoint).Port; } int M() => C<int>.Free<string>() + Free<T>() + new C<T>().GetType().Name.Length; }",
            "using System.Net; using System.Net.Sockets; class C { int M() { TcpListener[] a = { new TcpListener(IPAddress.Loopback, 0) }; a[0].Start(); a[1].Stop(); return ((IPEndPoint)a[0].LocalEndpoint).Port + a[^1].GetHashCode(); } }",
        }.Select(source => new object[] { source });

        [Theory]
        [MemberData(nameof(Inputs))]
        public async Task AnalyzersAndFixesSurvive(string source)
        {
            var result = await AnalyzerRunner.AnalyzeAsync(source);
            Assert.Empty(result.Exceptions);
            Assert.DoesNotContain(result.Diagnostics, d => d.Id == "AD0001");

            var errorsBefore = ErrorCount(result.Compilation);
            foreach (var fixedSource in await AnalyzerRunner.ApplyEachFixAsync(source, result.Diagnostics))
            {
                // A fix never adds compiler errors, even in broken code.
                var fixedCompilation = await AnalyzerRunner.CompileAsync(fixedSource);
                Assert.True(ErrorCount(fixedCompilation) <= errorsBefore, $"fix added errors:\n{fixedSource}");
            }
        }

        [Fact]
        public async Task GeneratedCodeIsNotAnalyzed()
        {
            var result = await AnalyzerRunner.AnalyzeAsync("// <auto-generated/>\nclass C { object M() => new System.Net.Sockets.TcpListener(System.Net.IPAddress.Any, 0); }");
            Assert.Empty(result.Diagnostics);
        }

        [Fact]
        public async Task HugeFileIsAnalyzedCompletely()
        {
            const int methods = 3000;
            var source = new StringBuilder("using System.Net;\nusing System.Net.Sockets;\nclass Huge\n{\n");
            for (var i = 0; i < methods; i++)
            {
                source.Append("    TcpListener M").Append(i).Append("() => new TcpListener(IPAddress.Any, ").Append(i).Append(");\n");
                source.Append("    string S").Append(i).Append(" = \"0.0.0.0 is not a site\";\n");
            }

            var result = await AnalyzerRunner.AnalyzeAsync(source.Append("}\n").ToString());
            Assert.Empty(result.Exceptions);
            Assert.Equal(methods, result.Diagnostics.Count(d => d.Id == DiagnosticIds.ListenerBindsAllInterfaces));
        }

        [Fact]
        public async Task CancellationIsHonouredByTheEngine()
        {
            // The engine's own loops (the single-assignment search over a method body) observe the token.
            var compilation = await AnalyzerRunner.CompileAsync(
                "class C { object M() { var a = System.Net.IPAddress.Any; return new System.Net.Sockets.TcpListener(a, 0); } }");
            var tree = compilation.SyntaxTrees.Single();
            var model = compilation.GetSemanticModel(tree);
            var reference = tree.GetRoot().DescendantNodes()
                .OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ArgumentSyntax>()
                .Select(argument => model.GetOperation(argument.Expression))
                .OfType<Microsoft.CodeAnalysis.Operations.ILocalReferenceOperation>()
                .Single();
            var resolver = new LoopbackAnalyzers.Engine.ValueResolver(compilation);

            Assert.Equal("Any", ((Microsoft.CodeAnalysis.Operations.IFieldReferenceOperation)resolver.Resolve(reference, CancellationToken.None)).Field.Name);
            Assert.Throws<OperationCanceledException>(() => resolver.Resolve(reference, new CancellationToken(canceled: true)));
        }

        [Fact]
        public async Task FixRunnerAppliesFixes()
        {
            // Guards the survival test above: it must really apply fixes, or it proves nothing.
            const string source = "class C { object M() => new System.Net.Sockets.TcpListener(System.Net.IPAddress.Any, 0); }";
            var result = await AnalyzerRunner.AnalyzeAsync(source);
            var fixedSource = Assert.Single(await AnalyzerRunner.ApplyEachFixAsync(source, result.Diagnostics));
            Assert.Contains("IPAddress.Loopback", fixedSource);
        }

        private static int ErrorCount(Compilation compilation) =>
            compilation.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
    }
}
