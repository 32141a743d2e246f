using LoopbackAnalyzers.Engine;
using Microsoft.CodeAnalysis;

namespace LoopbackAnalyzers.Rules
{
    /// <summary>LOOP005: a constant port below 0 or above 65535, at any site or in any URL.</summary>
    internal sealed class PortOutOfRangeRule : EndpointRule
    {
        public override DiagnosticDescriptor Descriptor => Descriptors.PortOutOfRange;

        public override void Analyze(EndpointSite site, SiteContext context)
        {
            foreach (var port in site.Ports)
            {
                // UriBuilder takes -1 for "the scheme's default port".
                if (port.Value is >= 0 and <= 65535 || port.Value == -1 && site.Api.TypeName == "System.UriBuilder")
                {
                    continue;
                }

                context.Report(Diagnostic.Create(Descriptor, SiteLocations.Port(site, port), site.DisplayName, port.Value, Consequence(site, port.Value)));
            }
        }

        private static string Consequence(EndpointSite site, long port)
        {
            if (site.Api.TypeName == "Grpc.Core.ServerPort")
            {
                // Measured: Grpc.Core 2.46 wraps 70000 to 4464, and fails to start for negative ports.
                return port <= 65535 ? "Grpc.Core fails to bind it and the server does not start"
                    : (port & 0xFFFF) == 0 ? "Grpc.Core silently wraps it to port 0 and binds a random port"
                    : $"Grpc.Core silently wraps it to port {port & 0xFFFF}";
            }

            return site.Url is not null || site.Api.AddressSource == AddressSource.AllInterfacesPortsParameter
                ? "the URL is rejected at run time"
                : "it throws ArgumentOutOfRangeException at run time";
        }
    }
}
