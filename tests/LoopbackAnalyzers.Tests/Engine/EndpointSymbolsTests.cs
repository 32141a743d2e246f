using System.Threading.Tasks;
using LoopbackAnalyzers.Engine;
using LoopbackAnalyzers.Rules.FreePort;
using LoopbackAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace LoopbackAnalyzers.Tests.Engine
{
    /// <summary>
    /// The API table is resolved once per set of referenced assemblies, not once per compilation: an editor analyses a
    /// fresh compilation for every document, and resolving the table was most of a compilation start
    /// (docs/performance.md). A type of one of the table's names declared in source must still be seen.
    /// </summary>
    public class EndpointSymbolsTests
    {
        [Fact]
        public async Task CompilationsWithTheSameReferencesShareOneResolution()
        {
            var first = await AnalyzerRunner.CompileAsync("class A { }");
            var edited = first.AddSyntaxTrees(Parse("class B { void M() { } }"));

            var symbols = EndpointSymbols.For(first);

            Assert.NotNull(symbols);
            Assert.Same(symbols, EndpointSymbols.For(edited));
            Assert.Same(symbols, EndpointSymbols.For(first));
        }

        [Fact]
        public async Task LOOP006sTypesAreSharedTheSameWay()
        {
            var first = await AnalyzerRunner.CompileAsync("class A { }");
            var edited = first.AddSyntaxTrees(Parse("class B { }"));
            var withStub = first.AddSyntaxTrees(Parse("namespace System.Net.Sockets { public class UdpClient { } }"));

            var symbols = FreePortSymbols.For(first);

            Assert.NotNull(symbols);
            Assert.Same(symbols, FreePortSymbols.For(edited));
            Assert.NotSame(symbols, FreePortSymbols.For(withStub));
            Assert.Equal(withStub.GetTypeByMetadataName("System.Net.Sockets.UdpClient"), FreePortSymbols.For(withStub)!.UdpClient, SymbolEqualityComparer.Default);
        }

        [Fact]
        public async Task ATableTypeDeclaredInSourceIsResolvedAgain()
        {
            var first = await AnalyzerRunner.CompileAsync("class A { }");
            var withStub = first.AddSyntaxTrees(Parse(
                "namespace System.Net.Sockets { public class TcpListener { public TcpListener(System.Net.IPAddress address, int port) { } } }"));
            var stub = withStub.GetTypeByMetadataName("System.Net.Sockets.TcpListener");

            var symbols = EndpointSymbols.For(withStub);

            Assert.NotNull(stub);
            Assert.IsAssignableFrom<ISourceAssemblySymbol>(stub!.ContainingAssembly);
            Assert.NotSame(EndpointSymbols.For(first), symbols);
            Assert.True(symbols!.IsTableType(stub));
            Assert.False(EndpointSymbols.For(first)!.IsTableType(stub));
        }

        [Fact]
        public async Task OtherReferencesAreResolvedAgain()
        {
            var first = await AnalyzerRunner.CompileAsync("class A { }");
            var library = CSharpCompilation.Create("Library", new[] { Parse("public class Helper { }") }, first.References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            using var image = new System.IO.MemoryStream();
            Assert.True(library.Emit(image).Success);
            var moreReferences = first.AddReferences(MetadataReference.CreateFromImage(image.ToArray()));

            var symbols = EndpointSymbols.For(moreReferences);

            Assert.NotNull(symbols);
            Assert.NotSame(EndpointSymbols.For(first), symbols);
        }

        private static SyntaxTree Parse(string source) =>
            CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: "/0/Test1.cs");
    }
}
