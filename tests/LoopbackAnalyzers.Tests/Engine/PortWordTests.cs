using LoopbackAnalyzers.Engine;
using Xunit;

namespace LoopbackAnalyzers.Tests.Engine
{
    /// <summary>
    /// The syntax filters bind a call or a body only when a name in it says "port" (docs/performance.md): a word of the
    /// identifier, not the letters inside Report, Import or Support, which ordinary code is full of.
    /// </summary>
    public class PortWordTests
    {
        [Theory]
        [InlineData("port")]
        [InlineData("Port")]
        [InlineData("ports")]
        [InlineData("Ports")]
        [InlineData("PORT")]
        [InlineData("FREE_PORT")]
        [InlineData("_port")]
        [InlineData("port2")]
        [InlineData("freePort")]
        [InlineData("GetFreePort")]
        [InlineData("TCPPort")]
        [InlineData("EchoPorts")]
        [InlineData("portNumber")]
        [InlineData("PortSource")]
        [InlineData("IsPortFree")]
        [InlineData("ReportPort")]
        [InlineData("REPORT")]
        public void NamesAPort(string identifier) => Assert.True(PortWord.IsIn(identifier));

        [Theory]
        [InlineData("Report")]
        [InlineData("report")]
        [InlineData("reports")]
        [InlineData("Reporting")]
        [InlineData("imported")]
        [InlineData("ImportAsync")]
        [InlineData("ExportCsv")]
        [InlineData("Support")]
        [InlineData("Transport")]
        [InlineData("Passport")]
        [InlineData("portal")]
        [InlineData("Porter")]
        [InlineData("Portsmouth")]
        [InlineData("")]
        [InlineData("por")]
        public void DoesNotNameAPort(string identifier) => Assert.False(PortWord.IsIn(identifier));

        [Theory]
        [InlineData("var port = 5000;", true)]
        [InlineData("return GetFreePort();", true)]
        [InlineData("int EchoPorts = 2;", true)]
        [InlineData("listener.Start(); // uses the port", true)]
        [InlineData("var report = Report.Create(imported, ExportCsv(support));", false)]
        [InlineData("Transport(portal);", false)]
        public void FindsPortWordsInText(string text, bool expected) => Assert.Equal(expected, PortWord.IsInText(text));

        // A code block is searched where it lies in its file's text: only its characters count, and what lies outside is a
        // word boundary, as if the block had been copied out.
        [Theory]
        [InlineData("var x = 1; var port = 2;", 0, 10, false)]
        [InlineData("var x = 1; var port = 2;", 11, 24, true)]
        [InlineData("Report(); int x;", 2, 8, true)]
        [InlineData("var portal = 1;", 0, 8, true)]
        [InlineData("var portal = 1;", 0, 10, false)]
        [InlineData("var ports = 1;", 4, 9, true)]
        [InlineData("GetFreePort()", 7, 11, true)]
        [InlineData("GetFreePort()", 0, 10, false)]
        public void FindsPortWordsInPartOfText(string text, int start, int end, bool expected) =>
            Assert.Equal(expected, PortWord.IsInText(text, start, end));
    }
}
