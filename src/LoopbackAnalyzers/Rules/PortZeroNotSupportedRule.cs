using System.Collections.Immutable;
using LoopbackAnalyzers.Engine;
using Microsoft.CodeAnalysis;

namespace LoopbackAnalyzers.Rules
{
    /// <summary>
    /// LOOP004: port 0 where it fails at run time. Kestrel refuses it on localhost (InvalidOperationException at
    /// start-up), HttpListener cannot bind it (HttpListenerException at Start), and a client cannot connect to it.
    /// Not gated on intent: this code is broken wherever it runs.
    /// </summary>
    internal sealed class PortZeroNotSupportedRule : EndpointRule
    {
        internal const string KestrelLocalhost =
            "Kestrel throws \"Dynamic port binding is not supported when binding to localhost\" at start-up; bind 127.0.0.1:0 instead";

        private const string HttpListenerPort =
            "HttpListener cannot bind port 0 (Start() throws HttpListenerException); use a fixed port, or Kestrel or TestServer";

        private const string ClientPort =
            "a client cannot connect to port 0 (the connection is refused); connect to the port the server was given";

        public override DiagnosticDescriptor Descriptor => Descriptors.PortZeroNotSupported;

        public override void Analyze(EndpointSite site, SiteContext context)
        {
            if (site.Port != 0 || site.Helper is not null || site.Api.TypeName == "System.Net.DnsEndPoint")
            {
                return;
            }

            if (site.Api.Role == EndpointRole.Connect)
            {
                Report(context, site, SiteLocations.Port(site), ClientPort, null, null);
                return;
            }

            if (site.Url is { } url)
            {
                var parts = url.Parts;
                if (site.Api.AddressSource == AddressSource.HttpListenerPrefixParameter)
                {
                    Report(context, site, SiteLocations.Port(site), HttpListenerPort, null, null);
                }
                else if (site.Address.Kind == AddressKind.Localhost)
                {
                    // "localhost:0" → "127.0.0.1:0", editing only the host characters.
                    var location = SiteLocations.Within(site, url.Value.Tree, url.Value.CoveringSpan(parts.HostStart, parts.PortStart + parts.PortLength - parts.HostStart)) ?? url.Operand.Syntax.GetLocation();
                    var target = SiteLocations.RewritableHost(site, url);
                    Report(context, site, location, KestrelLocalhost, target, target is null ? null : LoopbackFixKinds.ServerUrlHost);
                }

                return;
            }

            if (site.Api.BindsLocalhostByName)
            {
                // ListenLocalhost(0) → Listen(IPAddress.Loopback, 0), unless the call spans preprocessor directives.
                Report(context, site, SiteLocations.Port(site), KestrelLocalhost, null,
                    site.Operation.Syntax.ContainsDirectives ? null : LoopbackFixKinds.ListenLoopback);
            }
        }

        private static void Report(SiteContext context, EndpointSite site, Location location, string reason, Location? fixTarget, string? fix)
        {
            var properties = fix is null
                ? ImmutableDictionary<string, string?>.Empty
                : ImmutableDictionary<string, string?>.Empty.Add(LoopbackFixKinds.Key, fix);
            context.Report(Diagnostic.Create(
                Descriptors.PortZeroNotSupported,
                location,
                fixTarget is null ? null : new[] { fixTarget },
                properties,
                site.DisplayName,
                reason));
        }
    }
}
