using System.Collections.Immutable;
using LoopbackAnalyzers.Engine;

namespace LoopbackAnalyzers
{
    /// <summary>
    /// The rewrite a LOOP001 diagnostic asks for, carried in its properties under <see cref="Key"/>.
    /// A diagnostic without the key has no safe fix (the address comes from elsewhere, or the port is unknown).
    /// </summary>
    internal static class LoopbackFixKinds
    {
        public const string Key = "LoopbackFix";

        /// <summary>Replace the address expression at the location with <c>IPAddress.Loopback</c>.</summary>
        public const string IPv4Address = "IPv4Address";

        /// <summary>Replace the address expression at the location with <c>IPAddress.IPv6Loopback</c>.</summary>
        public const string IPv6Address = "IPv6Address";

        /// <summary><c>new TcpListener(p)</c> / <c>TcpListener.Create(p)</c> → <c>new TcpListener(IPAddress.Loopback, p)</c>.</summary>
        public const string TcpListener = "TcpListener";

        /// <summary><c>new UdpClient(p)</c> → <c>new UdpClient(new IPEndPoint(IPAddress.Loopback, p))</c>.</summary>
        public const string UdpClientIPv4 = "UdpClientIPv4";

        /// <summary><c>new UdpClient(p, AddressFamily.InterNetworkV6)</c> → <c>new UdpClient(new IPEndPoint(IPAddress.IPv6Loopback, p))</c>.</summary>
        public const string UdpClientIPv6 = "UdpClientIPv6";

        /// <summary><c>ListenAnyIP(p)</c> → <c>ListenLocalhost(p)</c> (a constant port other than 0).</summary>
        public const string ListenLocalhost = "ListenLocalhost";

        /// <summary><c>ListenAnyIP(p)</c> → <c>Listen(IPAddress.Loopback, p)</c> (port 0 or not constant: ListenLocalhost(0) throws).</summary>
        public const string ListenLoopback = "ListenLoopback";

        /// <summary>A host string literal: "0.0.0.0" → "127.0.0.1", "[::]" → "[::1]".</summary>
        public const string HostString = "HostString";

        /// <summary>
        /// The host characters of a server URL (the additional location) → "127.0.0.1", edited in place,
        /// also inside interpolated strings.
        /// </summary>
        public const string ServerUrlHost = "ServerUrlHost";

        /// <summary>
        /// An HttpListener prefix host (the additional location) → "localhost", plus a second
        /// <c>Prefixes.Add</c> with "127.0.0.1": a prefix also filters on the Host header.
        /// </summary>
        public const string HttpListenerPrefixHost = "HttpListenerPrefixHost";
    }

    /// <summary>
    /// The port fix a LOOP002/LOOP003 diagnostic allows, carried in its properties under <see cref="Key"/>: the name of
    /// the site's <see cref="PortReadBack"/>. Present only at a bind site whose API can report the port it got;
    /// the fix itself still checks that the code around the site can be rewired, and is withheld when it cannot.
    /// </summary>
    internal static class OsAssignedPortFix
    {
        public const string Key = "PortReadBack";

        public static ImmutableDictionary<string, string?> Properties(EndpointSite site, PortValue port) =>
            site.Api.ReadBack != PortReadBack.None && site.Helper is null && port.Location is null && site.Ports.Length == 1
                ? ImmutableDictionary<string, string?>.Empty.Add(Key, site.Api.ReadBack.ToString())
                : ImmutableDictionary<string, string?>.Empty;
    }
}
