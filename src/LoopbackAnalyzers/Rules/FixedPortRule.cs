using LoopbackAnalyzers.Engine;
using Microsoft.CodeAnalysis;

namespace LoopbackAnalyzers.Rules
{
    /// <summary>
    /// LOOP002: a bind site with a constant non-zero port, in code meant to stay on this machine. A port inside the
    /// ephemeral range is left to LOOP003, which says more, so one port never gets two warnings.
    /// </summary>
    internal sealed class FixedPortRule : EndpointRule
    {
        public override DiagnosticDescriptor Descriptor => Descriptors.FixedPort;

        public override void Analyze(EndpointSite site, SiteContext context)
        {
            if (site.Api.Role != EndpointRole.Bind || site.Ports.IsEmpty)
            {
                return;
            }

            var options = context.PortOptions;
            foreach (var port in site.Ports)
            {
                if (port.Value is <= 0 or > 65535 || options.IsAllowed(port.Value) || options.IsEphemeral(port.Value))
                {
                    continue;
                }

                var intent = context.IntentFor(site);
                if (!intent.IsEvident)
                {
                    return;
                }

                context.Report(Diagnostic.Create(Descriptor, SiteLocations.Port(site, port), OsAssignedPortFix.Properties(site, port), site.DisplayName, port.Value, intent.Reason));
            }
        }
    }
}
