using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace LoopbackAnalyzers
{
    /// <summary>
    /// The rule catalogue: every descriptor the package reports, in one place.
    /// Help links are derived from the ID so that each points at its own page in docs/rules.
    /// </summary>
    public static class Descriptors
    {
        public static readonly DiagnosticDescriptor ListenerBindsAllInterfaces = Create(
            DiagnosticIds.ListenerBindsAllInterfaces,
            title: "Listener binds to all network interfaces",
            messageFormat: "{0} listens on all network interfaces ({1}), but this code is meant to stay on this machine: {2}",
            category: Categories.Security,
            DiagnosticSeverity.Warning,
            description: "A test server, development server or local tool that binds 0.0.0.0, [::], or a port-only " +
                         "constructor accepts connections from the whole network. Bind it to the loopback address instead.",
            "CWE-1327");

        public static readonly DiagnosticDescriptor FixedPort = Create(
            DiagnosticIds.FixedPort,
            title: "Listener uses a fixed port",
            messageFormat: "{0} listens on fixed port {1}, but this code is meant to stay on this machine: {2}; parallel runs and other programs collide on fixed ports",
            category: Categories.Reliability,
            DiagnosticSeverity.Warning,
            description: "A test or development server on a fixed port fails with \"address already in use\" when two test runs, " +
                         "two agents or another program use the same port. Bind port 0 and pass the port the OS assigned to the clients.");

        public static readonly DiagnosticDescriptor EphemeralPort = Create(
            DiagnosticIds.EphemeralPort,
            title: "Fixed port in the ephemeral range",
            messageFormat: "{0} uses port {1}, inside the ephemeral port range {2}: the OS hands these ports out to outgoing connections, so it can be taken at any moment",
            category: Categories.Reliability,
            DiagnosticSeverity.Warning,
            description: "Ports 32768-60999 (Linux) and 49152-65535 (Windows, macOS, IANA) are the pool the OS draws from for the " +
                         "source port of every outgoing connection. A fixed port there works until, at random, it does not.");

        public static readonly DiagnosticDescriptor PortZeroNotSupported = Create(
            DiagnosticIds.PortZeroNotSupported,
            title: "Port 0 is not supported here",
            messageFormat: "{0} cannot use port 0: {1}",
            category: Categories.Reliability,
            DiagnosticSeverity.Warning,
            description: "Port 0 asks the OS for a free port when binding, but Kestrel refuses it for localhost, " +
                         "HttpListener cannot bind it at all, and a client cannot connect to it. The code fails at run time.");

        public static readonly DiagnosticDescriptor PortOutOfRange = Create(
            DiagnosticIds.PortOutOfRange,
            title: "Port number out of range",
            messageFormat: "{0} uses port {1}, outside 0-65535: {2}",
            category: Categories.Reliability,
            DiagnosticSeverity.Error,
            description: "A TCP or UDP port is a 16-bit number. A constant outside 0-65535 throws at run time, or worse, " +
                         "is silently wrapped to another port.");

        public static readonly DiagnosticDescriptor FreePortReleasedBeforeUse = Create(
            DiagnosticIds.FreePortReleasedBeforeUse,
            title: "Free port is released before use",
            messageFormat: "{0} {1}: nothing holds the port until the caller binds it, so another socket can take it first ({2}); instead, {3}",
            category: Categories.Reliability,
            DiagnosticSeverity.Warning,
            description: "A helper that binds port 0 (or probes ports, or looks for a port that no active listener uses), reads the " +
                         "port number, releases the socket and hands out only the number leaves the port free for anyone until the " +
                         "caller binds it: parallel tests and other programs take it, and the caller fails at random with " +
                         "\"address already in use\". Bind the real server to port 0 and read its port, pass the open listener on, " +
                         "or retry the real bind on AddressAlreadyInUse.");

        /// <summary>Every descriptor, in ID order.</summary>
        public static ImmutableArray<DiagnosticDescriptor> All { get; } = ImmutableArray.Create(
            ListenerBindsAllInterfaces,
            FixedPort,
            EphemeralPort,
            PortZeroNotSupported,
            PortOutOfRange,
            FreePortReleasedBeforeUse);

        public static string HelpLinkFor(string id) => $"{RepositoryInfo.Url}/blob/main/docs/rules/{id}.md";

        private static DiagnosticDescriptor Create(
            string id,
            string title,
            string messageFormat,
            string category,
            DiagnosticSeverity severity,
            string description,
            params string[] customTags) =>
            new DiagnosticDescriptor(
                id,
                title,
                messageFormat,
                category,
                severity,
                isEnabledByDefault: true,
                description,
                HelpLinkFor(id),
                customTags);
    }

    /// <summary>Diagnostic categories used by the catalogue.</summary>
    public static class Categories
    {
        public const string Security = "Security";
        public const string Reliability = "Reliability";
    }
}
