using System.Text;
using System.Threading.Tasks;
using LoopbackAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace LoopbackAnalyzers.Tests.Configuration
{
    /// <summary>Server URLs in appsettings*.json and launchSettings.json, reported on the JSON value's characters.</summary>
    public class ConfigurationFileTests
    {
        private const string Code = "class Program { }";

        private static LoopbackTest With(string path, string json)
        {
            var test = new LoopbackTest { TestCode = Code };
            test.TestState.AdditionalFiles.Add((path, json));
            return test;
        }

        private static DiagnosticResult Loop001(int location, string api, string url, string reason) =>
            Verify.Loop001(location, api, url, reason);

        [Fact]
        public Task LaunchSettingsIsDevelopmentOnly()
        {
            var test = With("/0/Properties/launchSettings.json", """
                {
                  // Comments and trailing commas are allowed, as ASP.NET Core reads this file.
                  "profiles": {
                    "Web": {
                      "commandName": "Project",
                      "applicationUrl": "http://{|#0:0.0.0.0|}:5000;https://localhost:5001",
                      "environmentVariables": {
                        "ASPNETCORE_ENVIRONMENT": "Development",
                        "ASPNETCORE_URLS": "http://{|#1:*|}:6000",
                        "ASPNETCORE_HTTP_PORTS": "{|#2:7000|}",
                      },
                    },
                    "Local": { "applicationUrl": "http://localhost:5000" },
                  },
                }
                """);
            test.ExpectedDiagnostics.Add(Loop001(0, "'profiles:Web:applicationUrl' in launchSettings.json", "http://0.0.0.0:5000", "launchSettings.json is used only in development"));
            test.ExpectedDiagnostics.Add(Loop001(1, "'profiles:Web:environmentVariables:ASPNETCORE_URLS' in launchSettings.json", "http://*:6000", "launchSettings.json is used only in development"));
            test.ExpectedDiagnostics.Add(Loop001(2, "'profiles:Web:environmentVariables:ASPNETCORE_HTTP_PORTS' in launchSettings.json", "[::]:7000", "launchSettings.json is used only in development"));
            return test.RunAsync();
        }

        [Fact]
        public Task DevelopmentAppSettings()
        {
            var test = With("/0/appsettings.Development.json", """
                {
                  "Kestrel": {
                    "Endpoints": {
                      "Http": { "Url": "http://{|#0:+|}:5000" },
                      "Https": { "Url": "https://localhost:5001" }
                    }
                  },
                  "urls": "http://{|#1:example.com|}:5002"
                }
                """);
            test.ExpectedDiagnostics.Add(Loop001(0, "'Kestrel:Endpoints:Http:Url' in appsettings.Development.json", "http://+:5000", "appsettings.Development.json is used only in development"));
            test.ExpectedDiagnostics.Add(Loop001(1, "'Urls' in appsettings.Development.json", "http://example.com:5002", "appsettings.Development.json is used only in development"));
            return test.RunAsync();
        }

        [Fact]
        public Task ProductionAppSettingsWithoutEvidenceIsLeftAlone() =>
            With("/0/appsettings.json", """{ "Urls": "http://*:8080" }""").RunAsync();

        [Fact]
        public Task ProductionAppSettingsInATestProject()
        {
            var test = With("/0/appsettings.json", """{ "Urls": "http://{|#0:*|}:8080" }""").AsTestProject();
            test.ExpectedDiagnostics.Add(Loop001(0, "'Urls' in appsettings.json", "http://*:8080", "this is a test project"));
            return test.RunAsync();
        }

        [Fact]
        public Task PublicOptionSilencesLaunchSettings() =>
            With("/0/Properties/launchSettings.json", """{ "profiles": { "Web": { "applicationUrl": "http://0.0.0.0:5000" } } }""")
                .WithEditorConfig()
                .WithAdditionalEditorConfig("[*.json]", "loopback_analyzers.intent = public")
                .RunAsync();

        [Fact]
        public Task LocalhostPortZeroIsReportedEverywhere() =>
            With("/0/appsettings.json", """{ "Urls": "http://{|LOOP004:localhost:0|}" }""").RunAsync();

        [Fact]
        public Task EscapedCharactersAreLocatedWholly()
        {
            var test = With("/0/appsettings.Development.json", """{ "Urls": "http://{|#0:\u002A|}:5000" }""");
            test.ExpectedDiagnostics.Add(Loop001(0, "'Urls' in appsettings.Development.json", "http://*:5000", "appsettings.Development.json is used only in development"));
            return test.RunAsync();
        }

        [Theory]
        [InlineData("/0/appsettings.Development.json", "{ \"Urls\": \"http://*:50")]
        [InlineData("/0/appsettings.Development.json", "{ \"Urls\" \"http://*:5000\" }")]
        [InlineData("/0/appsettings.Development.json", "[ { \"Urls\": \"http://*:5000\" } ]")]
        [InlineData("/0/appsettings.Development.json", "{ \"Urls\": 5000, \"Kestrel\": \"http://*:5000\", \"Kestrel:Endpoints\": [] }")]
        [InlineData("/0/appsettings.Development.json", "{ /* unterminated comment")]
        [InlineData("/0/appsettings.Development.json", "")]
        [InlineData("/0/Properties/launchSettings.json", "{ \"profiles\": { \"Web\": { \"applicationUrl\": null } } }")]
        [InlineData("/0/config.json", "{ \"Urls\": \"http://*:5000\" }")]
        [InlineData("/0/appsettings.Development.json", "{ \"Urls\": \"http://localhost:5000;http://[::1]:5001;http://10.0.0.5:5002\" }")]
        public Task MalformedOrIrrelevantFilesAreQuiet(string path, string json) => With(path, json).RunAsync();

        [Fact]
        public Task HugeAndDeeplyNestedFilesAreQuiet()
        {
            var huge = new StringBuilder("{ \"Padding\": [");
            for (var i = 0; i < 200_000; i++)
            {
                huge.Append("\"http://*:5000\",");
            }

            var nested = new string('{', 10_000) + "\"Urls\": \"http://*:5000\"" + new string('}', 10_000);
            var test = With("/0/appsettings.Development.json", huge.Append("] }").ToString());
            test.TestState.AdditionalFiles.Add(("/0/appsettings.Test.json", nested));
            return test.AsTestProject().RunAsync();
        }
    }
}
