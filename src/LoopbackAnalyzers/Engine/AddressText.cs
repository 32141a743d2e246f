using System;
using System.Net;
using System.Net.Sockets;

namespace LoopbackAnalyzers.Engine
{
    /// <summary>Classifies address values and host strings. Values are compared, never references.</summary>
    internal static class AddressText
    {
        public static AddressKind Classify(IPAddress address)
        {
            if (address.Equals(IPAddress.Any))
            {
                return AddressKind.AllInterfacesIPv4;
            }

            if (address.Equals(IPAddress.IPv6Any))
            {
                return AddressKind.AllInterfacesIPv6;
            }

            if (IPAddress.IsLoopback(address))
            {
                return address.AddressFamily == AddressFamily.InterNetworkV6 && !address.IsIPv4MappedToIPv6
                    ? AddressKind.LoopbackIPv6
                    : AddressKind.LoopbackIPv4;
            }

            return AddressKind.Other;
        }

        /// <summary>
        /// Classifies the text given to <c>IPAddress.Parse</c>: the same forms the runtime accepts
        /// ("0", "000.000.000.000", "::", "[::1]"). Text the runtime would reject is <see cref="AddressKind.Unknown"/>.
        /// </summary>
        public static AddressKind ClassifyIPAddressText(string text)
        {
            var inner = text.Length > 2 && text[0] == '[' && text[text.Length - 1] == ']'
                ? text.Substring(1, text.Length - 2)
                : text;

            // IPAddress.Parse rejects surrounding white space; so do we.
            if (inner.Length == 0 || char.IsWhiteSpace(inner[0]) || char.IsWhiteSpace(inner[inner.Length - 1]))
            {
                return AddressKind.Unknown;
            }

            return IPAddress.TryParse(inner, out var address) ? Classify(address) : AddressKind.Unknown;
        }

        /// <summary>
        /// Classifies a host name or address as written in a host parameter or a URL.
        /// "*" and "+" are wildcards; "localhost" and "*.localhost" are loopback by definition (RFC 6761).
        /// </summary>
        public static AddressKind ClassifyHost(string host)
        {
            if (host is "*" or "+")
            {
                return AddressKind.AllInterfacesDualMode;
            }

            if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ||
                host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
            {
                return AddressKind.Localhost;
            }

            var kind = ClassifyIPAddressText(host);
            return kind == AddressKind.Unknown ? AddressKind.Other : kind;
        }

        /// <summary>
        /// A host in a Kestrel URL: "*", "+", "[::]" and any name other than localhost bind every interface
        /// (Kestrel listens on [::] for them); "0.0.0.0" binds every IPv4 interface.
        /// </summary>
        public static AddressKind ClassifyKestrelHost(string host)
        {
            var kind = ClassifyHost(host);
            if (kind == AddressKind.Other && ClassifyIPAddressText(host) == AddressKind.Unknown)
            {
                return AddressKind.AllInterfacesDualMode;
            }

            return kind == AddressKind.AllInterfacesIPv6 ? AddressKind.AllInterfacesDualMode : kind;
        }

        /// <summary>
        /// A host in an HttpListener prefix: "*" and "+" accept every interface; a name is a Host-header filter
        /// on the address it resolves to, so it is not reported.
        /// </summary>
        public static AddressKind ClassifyHttpListenerHost(string host)
        {
            var kind = ClassifyHost(host);
            return kind == AddressKind.AllInterfacesDualMode ? AddressKind.AllInterfacesIPv4 : kind;
        }

        public static string Describe(AddressKind kind) => kind switch
        {
            AddressKind.AllInterfacesIPv4 => "0.0.0.0",
            AddressKind.AllInterfacesIPv6 => "[::]",
            AddressKind.AllInterfacesDualMode => "[::], dual-mode",
            AddressKind.LoopbackIPv4 => "127.0.0.1",
            AddressKind.LoopbackIPv6 => "[::1]",
            AddressKind.Localhost => "localhost",
            _ => "an address",
        };
    }
}
