using System.Linq;
using LoopbackAnalyzers.Engine;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace LoopbackAnalyzers.Tests.Engine
{
    /// <summary>
    /// The syntax filter in front of the symbol check (docs/performance.md): calls that ordinary code makes all the time are
    /// ruled out before anything binds their method body; calls a table row could match get through.
    /// </summary>
    public class SyntaxCandidatesTests
    {
        [Theory]
        [InlineData("app.Urls.Add(url)")]
        [InlineData("app.Urls.Add(\"http://*:5000\")")]
        [InlineData("listener.Prefixes.Add($\"http://+:{port}/\")")]
        [InlineData("settings.Add(\"urls\", url)")]
        [InlineData("settings.Add(\"Kestrel:Endpoints:Http:Url\", url)")]
        [InlineData("settings.Add(WebHostDefaults.ServerUrlsKey, url)")]
        [InlineData("settings.Add(value: url, key: \"urls\")")]
        [InlineData("TcpListener.Create(5000)")]
        [InlineData("new TcpListener(IPAddress.Any, port)")]
        [InlineData("client.GetAsync(\"http://localhost:5000/\")")]
        public void TableCallsAreSites(string expression) => Assert.Equal(Candidate.Site, Classify(expression));

        [Theory]
        [InlineData("items.Add(new Item())")]
        [InlineData("items.Add(new())")]
        [InlineData("items.Add(x => x.Id)")]
        [InlineData("names.Add(\"name\", value)")]
        [InlineData("map.Add(GetKey(), value)")]
        [InlineData("service.Add(a, b, c)")]
        [InlineData("Order.Create(\"alpha\", price)")]
        [InlineData("values.Select(v => v * 2)")]
        public void OrdinaryCallsAreNotSites(string expression) => Assert.Equal(Candidate.None, Classify(expression));

        [Theory]
        [InlineData("items.Add(5)")]
        [InlineData("StartServer(5000)")]
        [InlineData("new EchoServer(EchoPort)")]
        [InlineData("query.Take(10)")]
        [InlineData("Order.Create(\"alpha\", 10m)")]
        public void CallsWithConstantNumbersMayCallHelpers(string expression) => Assert.Equal(Candidate.HelperCall, Classify(expression));

        [Theory]
        [InlineData("configuration[\"urls\"] = url")]
        [InlineData("configuration[WebHostDefaults.ServerUrlsKey] = url")]
        public void UrlKeyAssignmentsAreSites(string statement) => Assert.Equal(Candidate.Site, Classify(statement));

        [Theory]
        [InlineData("cache[\"name\"] = value")]
        [InlineData("cache[key] = value")]
        public void OtherIndexerAssignmentsAreNot(string statement) => Assert.Equal(Candidate.None, Classify(statement));

        private static Candidate Classify(string expression)
        {
            var node = SyntaxFactory.ParseExpression(expression);
            Assert.False(node.ContainsDiagnostics, expression);
            return SyntaxCandidates.Classify(node);
        }
    }
}
