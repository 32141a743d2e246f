using System.Threading.Tasks;
using LoopbackAnalyzers.Tests.Infrastructure;
using Xunit;

namespace LoopbackAnalyzers.Tests.Rules.LOOP001
{
    /// <summary>
    /// LOOP001 inside URL strings: the squiggle sits under the host characters, and the fix edits only those.
    /// </summary>
    public class ServerUrlTests
    {
        private static Task FixAsync(string body, string fixedBody, string members = "") => Verify.FixInTestProjectAsync(
            Program(body, members),
            Program(fixedBody, members));

        private static Task DiagnosticsAsync(string body, string members = "") => Verify.InTestProjectAsync(Program(body, members));

        private static string Program(string body, string members) => $$"""
            using System;
            using System.Net;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;

            class Fixture
            {
            {{members}}
                void Start(WebApplicationBuilder builder, WebApplication app, HttpListener listener, int port)
                {
            {{body}}
                }
            }
            """;

        [Theory]
        [InlineData("builder.WebHost.UseUrls(\"http://{|LOOP001:*|}:5000\");", "builder.WebHost.UseUrls(\"http://127.0.0.1:5000\");")]
        [InlineData("app.Urls.Add(\"http://{|LOOP001:+|}:5000\");", "app.Urls.Add(\"http://127.0.0.1:5000\");")]
        [InlineData("app.Run(\"http://{|LOOP001:0.0.0.0|}:5000\");", "app.Run(\"http://127.0.0.1:5000\");")]
        [InlineData("_ = app.RunAsync(\"https://{|LOOP001:[::]|}:5001\");", "_ = app.RunAsync(\"https://127.0.0.1:5001\");")]
        [InlineData("app.Urls.Add(\"http://{|LOOP001:example.com|}:5000\");", "app.Urls.Add(\"http://127.0.0.1:5000\");")]
        [InlineData("app.Urls.Add(\"grpc://{|LOOP001:*|}:5000\");", "app.Urls.Add(\"grpc://127.0.0.1:5000\");")]
        [InlineData("app.Urls.Add(\"http://user@{|LOOP001:*|}:5000/path\");", "app.Urls.Add(\"http://user@127.0.0.1:5000/path\");")]
        [InlineData("app.Urls.Add($\"http://{|LOOP001:*|}:{port}\");", "app.Urls.Add($\"http://127.0.0.1:{port}\");")]
        [InlineData("app.Urls.Add(\"http://\" + \"{|LOOP001:*|}\" + \":\" + port);", "app.Urls.Add(\"http://\" + \"127.0.0.1\" + \":\" + port);")]
        [InlineData("app.Urls.Add(string.Format(\"http://{0}:{1}\", \"{|LOOP001:+|}\", port));", "app.Urls.Add(string.Format(\"http://{0}:{1}\", \"127.0.0.1\", port));")]
        [InlineData("app.Urls.Add(@\"http://{|LOOP001:*|}:5000\");", "app.Urls.Add(@\"http://127.0.0.1:5000\");")]
        [InlineData("app.Urls.Add(\"\"\"http://{|LOOP001:*|}:5000\"\"\");", "app.Urls.Add(\"\"\"http://127.0.0.1:5000\"\"\");")]
        [InlineData("app.Urls.Add($@\"http://{|LOOP001:*|}:{port}/{{id}}\");", "app.Urls.Add($@\"http://127.0.0.1:{port}/{{id}}\");")]
        [InlineData("builder.WebHost.UseUrls(\"http://{|LOOP001:*|}:5000;https://{|LOOP001:+|}:5001\");", "builder.WebHost.UseUrls(\"http://127.0.0.1:5000;https://127.0.0.1:5001\");")]
        [InlineData("builder.WebHost.UseUrls(\"http://{|LOOP001:*|}:5000\", \"https://localhost:5001\");", "builder.WebHost.UseUrls(\"http://127.0.0.1:5000\", \"https://localhost:5001\");")]
        [InlineData("Environment.SetEnvironmentVariable(\"ASPNETCORE_URLS\", \"http://{|LOOP001:*|}:5000\");", "Environment.SetEnvironmentVariable(\"ASPNETCORE_URLS\", \"http://127.0.0.1:5000\");")]
        [InlineData("Environment.SetEnvironmentVariable(\"DOTNET_URLS\", \"http://{|LOOP001:+|}:5000\");", "Environment.SetEnvironmentVariable(\"DOTNET_URLS\", \"http://127.0.0.1:5000\");")]
        [InlineData("WebApplication.CreateBuilder(new[] { \"--urls\", \"http://{|LOOP001:*|}:5000\" });", "WebApplication.CreateBuilder(new[] { \"--urls\", \"http://127.0.0.1:5000\" });")]
        [InlineData("WebApplication.CreateBuilder(new[] { \"--urls=http://{|LOOP001:*|}:5000\" });", "WebApplication.CreateBuilder(new[] { \"--urls=http://127.0.0.1:5000\" });")]
        [InlineData("var url = \"http://*:5000\";\n        app.Urls.Add({|LOOP001:url|});", "var url = \"http://127.0.0.1:5000\";\n        app.Urls.Add(url);")]
        [InlineData("builder.WebHost.UseSetting(\"urls\", \"http://{|LOOP001:*|}:5000\");", "builder.WebHost.UseSetting(\"urls\", \"http://127.0.0.1:5000\");")]
        [InlineData("builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, \"http://{|LOOP001:*|}:5000\");", "builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, \"http://127.0.0.1:5000\");")]
        [InlineData("((IWebHostBuilder)builder.WebHost).UseSetting(\"URLS\", \"http://{|LOOP001:+|}:5000\");", "((IWebHostBuilder)builder.WebHost).UseSetting(\"URLS\", \"http://127.0.0.1:5000\");")]
        [InlineData("builder.Configuration[\"urls\"] = \"http://{|LOOP001:*|}:5000\";", "builder.Configuration[\"urls\"] = \"http://127.0.0.1:5000\";")]
        [InlineData("((Microsoft.Extensions.Configuration.IConfiguration)builder.Configuration)[\"Kestrel:Endpoints:Http:Url\"] = \"http://{|LOOP001:*|}:5000\";", "((Microsoft.Extensions.Configuration.IConfiguration)builder.Configuration)[\"Kestrel:Endpoints:Http:Url\"] = \"http://127.0.0.1:5000\";")]
        [InlineData("_ = new System.Collections.Generic.Dictionary<string, string?> { [\"Kestrel:Endpoints:Http:Url\"] = \"http://{|LOOP001:0.0.0.0|}:5000\" };", "_ = new System.Collections.Generic.Dictionary<string, string?> { [\"Kestrel:Endpoints:Http:Url\"] = \"http://127.0.0.1:5000\" };")]
        [InlineData("_ = new System.Collections.Generic.Dictionary<string, string?> { { \"urls\", \"http://{|LOOP001:*|}:5000\" } };", "_ = new System.Collections.Generic.Dictionary<string, string?> { { \"urls\", \"http://127.0.0.1:5000\" } };")]
        public Task HostIsRewritten(string body, string fixedBody) => FixAsync(body, fixedBody);

        [Fact]
        public Task HttpListenerPrefixGetsBothLoopbackNames() => FixAsync(
            """
                    listener.Prefixes.Add("http://{|LOOP001:+|}:8080/");
                    listener.Prefixes.Add("http://{|LOOP001:*|}:8081/api/");
            """,
            """
                    listener.Prefixes.Add("http://localhost:8080/");
                    listener.Prefixes.Add("http://127.0.0.1:8080/");
                    listener.Prefixes.Add("http://localhost:8081/api/");
                    listener.Prefixes.Add("http://127.0.0.1:8081/api/");
            """);

        [Fact]
        public Task HttpListenerPrefixOutsideABlockGetsNoFix()
        {
            // Found by the mutation suite: the second prefix needs a statement list to go into.
            var body = """
                        if (port > 0) listener.Prefixes.Add("http://{|LOOP001:+|}:8080/");
                """;
            return new LoopbackTest { TestCode = Program(body, string.Empty), FixedCode = Program(body, string.Empty) }.AsTestProject().RunAsync();
        }

        [Fact]
        public Task NoFixWhereTheCharactersAreNotWrittenAtTheSite()
        {
            const string members = """
                    const string SharedUrl = "http://*:5000";
                """;
            var body = """
                        app.Urls.Add({|LOOP001:SharedUrl|});
                        app.Urls.Add("http://{|LOOP001:\x2A|}:5001");
                        Environment.SetEnvironmentVariable("ASPNETCORE_HTTP_PORTS", {|LOOP001:"5002"|});
                        var prefix = "http://+:8080/";
                        listener.Prefixes.Add({|LOOP001:prefix|});
                """;
            return new LoopbackTest { TestCode = Program(body, members), FixedCode = Program(body, members) }.AsTestProject().RunAsync();
        }

        [Fact]
        public Task MessageShowsTheUrl() => new LoopbackTest
        {
            TestCode = Program(
                """
                        app.Urls.Add("http://{|#0:*|}:5000");
                        builder.WebHost.UseUrls($"http://{|#1:+|}:{port}");
                        Environment.SetEnvironmentVariable("ASPNETCORE_HTTP_PORTS", {|#2:"5000"|});
                        listener.Prefixes.Add("http://{|#3:+|}:8080/");
                """,
                string.Empty),
            ExpectedDiagnostics =
            {
                Verify.Loop001(0, "WebApplication.Urls.Add", "http://*:5000", "this is a test project"),
                Verify.Loop001(1, "UseUrls", "+", "this is a test project"),
                Verify.Loop001(2, "ASPNETCORE_HTTP_PORTS", "[::]:5000", "this is a test project"),
                Verify.Loop001(3, "HttpListener prefix", "http://+:8080/", "this is a test project"),
            },
        }.AsTestProject().RunAsync();

        [Theory]
        [InlineData("app.Urls.Add(\"http://localhost:5000\");")]
        [InlineData("app.Urls.Add(\"http://api.localhost:5000\");")]
        [InlineData("app.Urls.Add(\"http://127.0.0.1:0\");")]
        [InlineData("app.Urls.Add(\"http://[::1]:5000\");")]
        [InlineData("app.Urls.Add(\"http://192.168.1.10:5000\");")]
        [InlineData("app.Urls.Add($\"http://{Environment.MachineName}:5000\");")]
        [InlineData("app.Urls.Add(\"not a url\");")]
        [InlineData("app.Urls.Add(\"http://\");")]
        [InlineData("app.Urls.Add(\"http://[::1\");")]
        [InlineData("app.MapGet(\"/\", () => \"ok\").RequireHost(\"*:5001\");")]
        [InlineData("Console.WriteLine(\"listening on http://*:5000\");")]
        [InlineData("Environment.SetEnvironmentVariable(\"OTHER_URLS\", \"http://*:5000\");")]
        [InlineData("listener.Prefixes.Add(\"http://example.com:8080/\");")]
        [InlineData("listener.Prefixes.Add(\"http://localhost:8080/\");")]
        [InlineData("_ = new Uri(\"http://*:5000\");")]
        [InlineData("WebApplication.CreateBuilder(new[] { \"--environment\", \"http://*:5000\" });")]
        [InlineData("builder.WebHost.UseSetting(\"applicationName\", \"http://*:5000\");")]
        [InlineData("builder.Configuration[\"Kestrel:Endpoints:Http:Certificate:Path\"] = \"http://*:5000\";")]
        [InlineData("builder.Configuration[\"Kestrel:Endpoints:Url\"] = \"http://*:5000\";")]
        [InlineData("_ = new System.Collections.Generic.Dictionary<string, string?> { [\"upstream\"] = \"http://*:5000\" };")]
        public Task LookAlikes(string body) => DiagnosticsAsync(body);

        [Fact]
        public Task ProductionUrlsWithoutEvidenceAreLeftAlone() => Verify.AnywhereAsync(Program(
            """
                    app.Urls.Add("http://*:8080");
                    Environment.SetEnvironmentVariable("ASPNETCORE_URLS", "http://+:8080");
            """,
            string.Empty));
    }
}
