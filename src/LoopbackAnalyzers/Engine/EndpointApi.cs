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

        /// <summary>A client URL (string) whose host is the address.</summary>
        UrlParameter,

        /// <summary>Kestrel URLs: a string or string[] of URLs, each possibly a ';'-separated list (ASPNETCORE_URLS style).</summary>
        ServerUrlsParameter,

        /// <summary>An <c>HttpListener</c> prefix ("http://+:8080/").</summary>
        HttpListenerPrefixParameter,

        /// <summary>ASPNETCORE_HTTP_PORTS style: ';'-separated ports, always bound on [::].</summary>
        AllInterfacesPortsParameter,

        /// <summary>Command-line arguments (string[]) in which "--urls" may name server URLs.</summary>
        CommandLineArgumentsParameter,

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
    /// Where the port the OS assigned to a bind site with port 0 can be read, which is what the "Use an OS-assigned
    /// port" fix needs (measured in the design reference, api-semantics.md). <see cref="None"/>: the API offers no
    /// read-back (HttpListener cannot bind port 0; environment variables and blocking Run calls have no moment for it).
    /// </summary>
    internal enum PortReadBack
    {
        None,

        /// <summary><c>((IPEndPoint)listener.LocalEndpoint).Port</c>, after <c>listener.Start()</c> (before it, 0).</summary>
        TcpListenerAfterStart,

        /// <summary><c>((IPEndPoint)socket.LocalEndPoint!).Port</c>, right after <c>socket.Bind(...)</c>.</summary>
        SocketAfterBind,

        /// <summary><c>((IPEndPoint)udp.Client.LocalEndPoint!).Port</c>, right after construction (it binds there).</summary>
        UdpClientAfterConstruction,

        /// <summary><c>new Uri(app.Urls.First()).Port</c>, after <c>await app.StartAsync()</c> of a WebApplication.</summary>
        WebApplicationAfterStartAsync,

        /// <summary>The return value of <c>server.Ports.Add(new ServerPort(...))</c> (the ServerPort passed in keeps 0).</summary>
        GrpcPortsAdd,

        /// <summary>
        /// <c>factory.ClientOptions.BaseAddress.Port</c>, after <c>factory.StartServer()</c> or the first
        /// <c>factory.CreateClient()</c> (measured with Mvc.Testing 10.0.15: before either, it is http://localhost/).
        /// </summary>
        WebApplicationFactoryAfterStart,
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
            ImplicitAddressFix implicitFix = ImplicitAddressFix.None,
            string? receiverProperty = null,
            int keyParameter = -1,
            string[]? keys = null,
            string? displayName = null,
            PortReadBack readBack = PortReadBack.None)
        {
            Role = role;
            ReadBack = readBack;
            TypeName = typeName;
            MemberName = memberName;
            Signature = signature;
            AddressSource = addressSource;
            AddressParameter = addressParameter;
            PortParameter = portParameter;
            ImplicitAddress = implicitAddress;
            ImplicitFix = implicitFix;
            ReceiverProperty = receiverProperty;
            KeyParameter = keyParameter;
            Keys = keys ?? System.Array.Empty<string>();
            _displayName = displayName;
        }

        private readonly string? _displayName;

        public EndpointRole Role { get; }

        /// <summary>For bind rows: where the OS-assigned port can be read after binding port 0.</summary>
        public PortReadBack ReadBack { get; }

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

        /// <summary>
        /// Binds "localhost" by itself (Kestrel's <c>ListenLocalhost</c>), where port 0 throws at start-up: port 0 needs
        /// <c>Listen(IPAddress.Loopback, 0)</c> instead.
        /// </summary>
        public bool BindsLocalhostByName => ImplicitAddress == AddressKind.Localhost && ImplicitFix == ImplicitAddressFix.None;

        /// <summary>
        /// When set, the method is called on this property of <see cref="TypeName"/> (<c>app.Urls.Add(url)</c>):
        /// the row matches by the property, whatever type declares the method itself.
        /// </summary>
        public string? ReceiverProperty { get; }

        /// <summary>A string parameter that must hold one of <see cref="Keys"/> (an environment variable name), or -1.</summary>
        public int KeyParameter { get; }

        public string[] Keys { get; }

        public bool IsUrlBased => AddressSource is AddressSource.UrlParameter or AddressSource.ServerUrlsParameter
            or AddressSource.HttpListenerPrefixParameter or AddressSource.CommandLineArgumentsParameter;

        /// <summary>How diagnostics name the API: "TcpListener", "Socket.Bind", "KestrelServerOptions.ListenAnyIP".</summary>
        public string DisplayName
        {
            get
            {
                if (_displayName is not null)
                {
                    return _displayName;
                }

                var type = TypeName.Substring(TypeName.LastIndexOf('.') + 1);
                if (type.IndexOf('`') is var arity and > 0)
                {
                    type = type.Substring(0, arity);
                }

                if (type.EndsWith("Extensions", System.StringComparison.Ordinal) || type == "Environment" && KeyParameter >= 0)
                {
                    // Extension classes and environment variables are named by what users write.
                    return KeyParameter >= 0 ? Keys[0] : MemberName;
                }

                return MemberName == Constructor ? type
                    : ReceiverProperty is not null ? $"{type}.{ReceiverProperty}.{MemberName}"
                    : type + "." + MemberName;
            }
        }

        public override string ToString() => $"{DisplayName}({Signature})";
    }
}
