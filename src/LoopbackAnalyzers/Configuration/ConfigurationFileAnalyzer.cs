using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using LoopbackAnalyzers.Engine;
using LoopbackAnalyzers.Intent;
using LoopbackAnalyzers.Options;
using LoopbackAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace LoopbackAnalyzers.Configuration
{
    /// <summary>
    /// Server URLs in configuration files (given to the compiler as AdditionalFiles by the package):
    /// <c>Urls</c> and <c>Kestrel:Endpoints:*:Url</c> in appsettings*.json, <c>applicationUrl</c> and
    /// <c>ASPNETCORE_URLS</c> (and the *_HTTP_PORTS lists) in Properties/launchSettings.json. Reports LOOP001, LOOP003,
    /// LOOP004 and LOOP005 on the characters of the JSON value. launchSettings.json and appsettings.Development.json are
    /// development-only by definition. LOOP002 is not reported here: a fixed port is what these files are for.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ConfigurationFileAnalyzer : DiagnosticAnalyzer
    {
        // Larger files are not configuration a person wrote; reading them would only cost time.
        private const int MaxFileLength = 1 << 20;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            Descriptors.ListenerBindsAllInterfaces,
            Descriptors.EphemeralPort,
            Descriptors.PortZeroNotSupported,
            Descriptors.PortOutOfRange);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var projectEvidence = new Lazy<string?>(() => IntentEvaluator.ProjectEvidence(start.Compilation, start.Options));
                start.RegisterAdditionalFileAction(file => AnalyzeFile(file, projectEvidence));
            });
        }

        private static void AnalyzeFile(AdditionalFileAnalysisContext context, Lazy<string?> projectEvidence)
        {
            var name = Path.GetFileName(context.AdditionalFile.Path);
            var kind = FileKindOf(name);
            if (kind == FileKind.None || context.AdditionalFile.GetText(context.CancellationToken) is not { } text || text.Length > MaxFileLength)
            {
                return;
            }

            if (JsonReader.Parse(text.ToString(), context.CancellationToken) is not { } root)
            {
                return;
            }

            var urls = new List<(string Setting, JsonString Value, bool PortsOnly)>();
            if (kind == FileKind.LaunchSettings)
            {
                if (root["profiles"] is JsonObject profiles)
                {
                    foreach (var profile in profiles.Members)
                    {
                        if (profile.Value is not JsonObject settings)
                        {
                            continue;
                        }

                        if (settings["applicationUrl"] is JsonString applicationUrl)
                        {
                            urls.Add(($"profiles:{profile.Key}:applicationUrl", applicationUrl, false));
                        }

                        if (settings["environmentVariables"] is JsonObject variables)
                        {
                            AddEnvironmentUrls(urls, variables, $"profiles:{profile.Key}:environmentVariables:");
                        }
                    }
                }
            }
            else
            {
                if (root["Urls"] is JsonString rootUrls)
                {
                    urls.Add(("Urls", rootUrls, false));
                }

                if (root["Kestrel"] is JsonObject kestrel && kestrel["Endpoints"] is JsonObject endpoints)
                {
                    foreach (var endpoint in endpoints.Members)
                    {
                        if (endpoint.Value is JsonObject settings && settings["Url"] is JsonString url)
                        {
                            urls.Add(($"Kestrel:Endpoints:{endpoint.Key}:Url", url, false));
                        }
                    }
                }
            }

            LoopbackIntent? intent = null;
            var portOptions = PortOptions.For(context.Options, context.AdditionalFile);
            foreach (var (setting, value, portsOnly) in urls)
            {
                var api = $"'{setting}' in {name}";
                if (portsOnly)
                {
                    ReportPortList(context, text, api, value, portOptions);
                    intent ??= Intent(context, kind, name, projectEvidence);
                    if (intent.Value.IsEvident && value.Value.Length > 0)
                    {
                        Report(context, text, Descriptors.ListenerBindsAllInterfaces, value.SpanOf(0, value.Value.Length), api, "[::]:" + value.Value.Trim(), intent.Value.Reason!);
                    }

                    continue;
                }

                foreach (var url in UrlParts.ParseList(value.Value))
                {
                    if (!url.HostIsKnown)
                    {
                        continue;
                    }

                    if (url.Port is { } port && url.PortStart >= 0)
                    {
                        // Every configured URL is a bind site: LOOP003 for any host, LOOP005 always.
                        ReportPort(context, text, api, port, value.SpanOf(url.PortStart, url.PortLength), portOptions);
                    }

                    var address = AddressText.ClassifyKestrelHost(url.HostName);
                    if (address == AddressKind.Localhost && url.Port == 0)
                    {
                        Report(context, text, Descriptors.PortZeroNotSupported, value.SpanOf(url.HostStart, url.PortStart + url.PortLength - url.HostStart), api, PortZeroNotSupportedRule.KestrelLocalhost);
                    }
                    else if (address.IsAllInterfaces())
                    {
                        intent ??= Intent(context, kind, name, projectEvidence);
                        if (intent.Value.IsEvident)
                        {
                            Report(context, text, Descriptors.ListenerBindsAllInterfaces, value.SpanOf(url.HostStart, url.HostLength), api, url.TextIn(value.Value) ?? url.Host, intent.Value.Reason!);
                        }
                    }
                }
            }
        }

        private static void ReportPortList(AdditionalFileAnalysisContext context, SourceText text, string api, JsonString value, PortOptions options)
        {
            var start = 0;
            foreach (var item in value.Value.Split(';'))
            {
                var trimmed = item.Trim();
                if (trimmed.Length > 0 && trimmed.Length <= 18 &&
                    long.TryParse(trimmed, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port))
                {
                    ReportPort(context, text, api, port, value.SpanOf(start + item.IndexOf(trimmed, StringComparison.Ordinal), trimmed.Length), options);
                }

                start += item.Length + 1;
            }
        }

        private static void ReportPort(AdditionalFileAnalysisContext context, SourceText text, string api, long port, (int Start, int End) span, PortOptions options)
        {
            if (port is < 0 or > 65535)
            {
                Report(context, text, Descriptors.PortOutOfRange, span, api, port, "the URL is rejected at run time");
            }
            else if (port > 0 && options.IsEphemeral(port) && !options.IsAllowed(port))
            {
                Report(context, text, Descriptors.EphemeralPort, span, api, port, options.EphemeralRange);
            }
        }

        private static void AddEnvironmentUrls(List<(string, JsonString, bool)> urls, JsonObject variables, string prefix)
        {
            foreach (var variable in variables.Members)
            {
                if (variable.Value is not JsonString value)
                {
                    continue;
                }

                var key = variable.Key.ToUpperInvariant();
                if (key is "ASPNETCORE_URLS" or "DOTNET_URLS")
                {
                    urls.Add((prefix + variable.Key, value, false));
                }
                else if (key is "ASPNETCORE_HTTP_PORTS" or "ASPNETCORE_HTTPS_PORTS" or "DOTNET_HTTP_PORTS" or "DOTNET_HTTPS_PORTS")
                {
                    urls.Add((prefix + variable.Key, value, true));
                }
            }
        }

        private static LoopbackIntent Intent(AdditionalFileAnalysisContext context, FileKind kind, string name, Lazy<string?> projectEvidence)
        {
            var option = IntentOptions.For(context.Options, context.AdditionalFile);
            if (option == IntentOption.Public)
            {
                return LoopbackIntent.None;
            }

            if (kind is FileKind.LaunchSettings or FileKind.DevelopmentAppSettings)
            {
                return LoopbackIntent.Because($"{name} is used only in development");
            }

            if (projectEvidence.Value is { } project)
            {
                return LoopbackIntent.Because(project);
            }

            return option == IntentOption.Loopback ? LoopbackIntent.Because($"{IntentOptions.Key} = loopback") : LoopbackIntent.None;
        }

        private static void Report(AdditionalFileAnalysisContext context, SourceText text, DiagnosticDescriptor descriptor, (int Start, int End) span, params object[] arguments)
        {
            var textSpan = TextSpan.FromBounds(span.Start, span.End);
            var location = Location.Create(context.AdditionalFile.Path, textSpan, text.Lines.GetLinePositionSpan(textSpan));
            context.ReportDiagnostic(Diagnostic.Create(descriptor, location, arguments));
        }

        private enum FileKind
        {
            None,
            AppSettings,
            DevelopmentAppSettings,
            LaunchSettings,
        }

        private static FileKind FileKindOf(string name)
        {
            if (string.Equals(name, "launchSettings.json", StringComparison.OrdinalIgnoreCase))
            {
                return FileKind.LaunchSettings;
            }

            if (string.Equals(name, "appsettings.Development.json", StringComparison.OrdinalIgnoreCase))
            {
                return FileKind.DevelopmentAppSettings;
            }

            return name.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                ? FileKind.AppSettings
                : FileKind.None;
        }
    }
}
