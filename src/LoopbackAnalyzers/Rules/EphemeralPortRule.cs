using LoopbackAnalyzers.Engine;
using Microsoft.CodeAnalysis;

namespace LoopbackAnalyzers.Rules
{
    /// <summary>
    /// LOOP003: a constant port inside the ephemeral range (loopback_analyzers.ephemeral_port_range) at any bind
    /// site, and at connect sites whose host is loopback. A remote host's port is that server's choice.
    /// Not gated on intent: the OS can take such a port wherever the code runs.
    /// </summary>
    internal sealed class EphemeralPortRule : EndpointRule
    {
        public override DiagnosticDescriptor Descriptor => Descriptors.EphemeralPort;

        public override void Analyze(EndpointSite site, SiteContext context)
        {
            if (site.Ports.IsEmpty || site.Api.Role == EndpointRole.Connect && !site.Address.Kind.IsLoopback())
            {
                return;
            }

            var options = context.PortOptions;
            foreach (var port in site.Ports)
            {
                if (port.Value is > 0 and <= 65535 && options.IsEphemeral(port.Value) && !options.IsAllowed(port.Value))
                {
                    context.Report(Diagnostic.Create(Descriptor, SiteLocations.Port(site, port), OsAssignedPortFix.Properties(site, port), site.DisplayName, port.Value, options.EphemeralRange));
                }
            }
        }
    }
}
