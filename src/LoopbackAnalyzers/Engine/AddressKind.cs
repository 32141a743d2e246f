namespace LoopbackAnalyzers.Engine
{
    /// <summary>What an address operand means once resolved, as far as binding is concerned.</summary>
    internal enum AddressKind
    {
        /// <summary>Not a constant we can see through.</summary>
        Unknown,

        /// <summary>0.0.0.0: every IPv4 interface.</summary>
        AllInterfacesIPv4,

        /// <summary>[::]: every IPv6 interface (and IPv4 too when the socket is dual-mode).</summary>
        AllInterfacesIPv6,

        /// <summary>A host form that binds every interface on both families: "*", "+", Kestrel host names.</summary>
        AllInterfacesDualMode,

        /// <summary>127.0.0.0/8.</summary>
        LoopbackIPv4,

        /// <summary>::1.</summary>
        LoopbackIPv6,

        /// <summary>"localhost" or "*.localhost": both loopback addresses.</summary>
        Localhost,

        /// <summary>A specific address that is neither loopback nor all interfaces.</summary>
        Other,
    }

    internal static class AddressKindExtensions
    {
        public static bool IsAllInterfaces(this AddressKind kind) =>
            kind is AddressKind.AllInterfacesIPv4 or AddressKind.AllInterfacesIPv6 or AddressKind.AllInterfacesDualMode;

        public static bool IsLoopback(this AddressKind kind) =>
            kind is AddressKind.LoopbackIPv4 or AddressKind.LoopbackIPv6 or AddressKind.Localhost;
    }
}
