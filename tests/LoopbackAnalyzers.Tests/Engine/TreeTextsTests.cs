using LoopbackAnalyzers.Engine;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace LoopbackAnalyzers.Tests.Engine
{
    /// <summary>
    /// LOOP006 searches each code block where it lies in its file's text. A parsed file's text is the string it was parsed
    /// from (no copy); a tree built from nodes has no text to share, and the caller falls back to the block's own text.
    /// </summary>
    public class TreeTextsTests
    {
        [Fact]
        public void AParsedFileSharesTheStringItWasParsedFrom()
        {
            const string source = "class C { void M() { var port = 5000; } }";
            var tree = CSharpSyntaxTree.ParseText(SourceText.From(source));
            var texts = new TreeTexts();

            Assert.Same(source, texts.Get(tree));
            Assert.Same(texts.Get(tree), texts.Get(tree));
        }

        [Fact]
        public void ATreeWithoutTextGivesNothingToSearch()
        {
            var root = CSharpSyntaxTree.ParseText("class C { }").GetRoot();
            var tree = CSharpSyntaxTree.Create((Microsoft.CodeAnalysis.CSharp.CSharpSyntaxNode)root);

            Assert.Null(new TreeTexts().Get(tree));
        }
    }
}
