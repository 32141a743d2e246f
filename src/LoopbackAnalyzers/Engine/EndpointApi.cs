namespace LoopbackAnalyzers.Engine
{
    /// <summary>Whether an API accepts connections (bind, listen) or makes them (connect).</summary>
    internal enum EndpointRole
    {
        Bind,
        Connect,
    }

    /// <summary>Where an API takes its address from.</summary>
    internal enum AddressSource
    {
        /// <summary>An <c>IPAddress</c> parameter.</summary>
        IPAddressParameter,

        /// <summary>An <c>EndPoint</c>/<c>IPEndPoint</c> parameter that carries address and port.</summary>
        EndPointParameter,

        /// <summary>A host name or address as a string.</summary>
        HostParameter,

        /// <summary>A URL string whose host is the address.</summary>
        UrlParameter,

        /// <summary>No address operand: the API decides (<see cref="EndpointApi.ImplicitAddress"/>).</summary>
        Implicit,

        /// <summary>No address operand: all interfaces of the family given by an <c>AddressFamily</c> parameter.</summary>
        ImplicitAllInterfacesOfFamily,
    }

    /// <summary>The shape of the loopback rewrite for an API whose address is not an operand of its own.</summary>
    internal enum ImplicitAddressFix
    {
        None,

        /// <summary><c>new TcpListener(p)</c>, <c>TcpListener.Create(p)</c> → <c>new TcpListener(IPAddress.Loopback, p)</c>.</summary>
        TcpListenerWithLoopback,

        /// <summary><c>new UdpClient(p)</c> → <c>new UdpClient(new IPEndPoint(IPAddress.Loopback, p))</c>.</summary>
        UdpClientWithLoopbackEndPoint,

        /// <summary><c>ListenAnyIP(p)</c> → <c>ListenLocalhost(p)</c>, or <c>Listen(IPAddress.Loopback, 0)</c> for port 0.</summary>
        KestrelListenLocalhost,
    }

    /// <summary>
    /// One row of the API table: a method or constructor that binds or connects, and which of its
    /// parameters carry the address and the port. Parameter positions are ordinals in the declaration.
    /// </summary>
    internal sealed class EndpointApi
    {
        public const string Constructor = ".ctor";

        public EndpointApi(
            EndpointRole role,
            string typeName,
            string memberName,
            string signature,
            AddressSource addressSource,
            int addressParameter = -1,
            int portParameter = -1,
            AddressKind implicitAddress = AddressKind.Unknown,
            ImplicitAddressFix implicitFix = ImplicitAddressFix.None)
        {
            Role = role;
            TypeName = typeName;
            MemberName = memberName;
            Signature = signature;
            AddressSource = addressSource;
            AddressParameter = addressParameter;
            PortParameter = portParameter;
            ImplicitAddress = implicitAddress;
            ImplicitFix = implicitFix;
        }

        public EndpointRole Role { get; }

        /// <summary>Metadata name of the declaring type.</summary>
        public string TypeName { get; }

        /// <summary>Method name, or <see cref="Constructor"/>.</summary>
        public string MemberName { get; }

        /// <summary>
        /// Parameter types, comma-separated: C# keywords for primitives, metadata names otherwise.
        /// A trailing "..." accepts any further parameters (options callbacks, cancellation tokens).
        /// </summary>
        public string Signature { get; }

        public AddressSource AddressSource { get; }

        /// <summary>The parameter that carries the address (or the endpoint, host, URL, or address family).</summary>
        public int AddressParameter { get; }

        /// <summary>The parameter that carries the port, or -1 when the endpoint carries it.</summary>
        public int PortParameter { get; }

        /// <summary>For <see cref="AddressSource.Implicit"/>: the address the API binds.</summary>
        public AddressKind ImplicitAddress { get; }

        public ImplicitAddressFix ImplicitFix { get; }

        /// <summary>How diagnostics name the API: "TcpListener", "Socket.Bind", "KestrelServerOptions.ListenAnyIP".</summary>
        public string DisplayName
        {
            get
            {
                var type = TypeName.Substring(TypeName.LastIndexOf('.') + 1);
                return MemberName == Constructor ? type : type + "." + MemberName;
            }
        }

        public override string ToString() => $"{DisplayName}({Signature})";
    }
}
