using System.Collections.Immutable;
using static LoopbackAnalyzers.Engine.AddressSource;
using static LoopbackAnalyzers.Engine.EndpointApi;
using static LoopbackAnalyzers.Engine.PortReadBack;

namespace LoopbackAnalyzers.Engine
{
    /// <summary>
    /// The known bind and connect APIs. Adding an API is adding a row; nothing else changes.
    /// What each API really binds is measured in the design reference (api-semantics.md).
    /// </summary>
    internal static class EndpointApiTable
    {
        private const string TcpListener = "System.Net.Sockets.TcpListener";
        private const string TcpClient = "System.Net.Sockets.TcpClient";
        private const string UdpClient = "System.Net.Sockets.UdpClient";
        private const string Socket = "System.Net.Sockets.Socket";
        private const string DnsEndPoint = "System.Net.DnsEndPoint";
        private const string Uri = "System.Uri";
        private const string HttpClient = "System.Net.Http.HttpClient";
        private const string Kestrel = "Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions";
        private const string GrpcServerPort = "Grpc.Core.ServerPort";
        private const string WebApplication = "Microsoft.AspNetCore.Builder.WebApplication";
        private const string WebHostBuilderExtensions = "Microsoft.AspNetCore.Hosting.HostingAbstractionsWebHostBuilderExtensions";
        private const string IWebHostBuilder = "Microsoft.AspNetCore.Hosting.IWebHostBuilder";
        private const string WebHost = "Microsoft.AspNetCore.WebHost";
        private const string Host = "Microsoft.Extensions.Hosting.Host";
        private const string HttpListenerPrefixes = "System.Net.HttpListenerPrefixCollection";
        private const string Environment = "System.Environment";
        private const string UriBuilder = "System.UriBuilder";
        private const string GrpcChannel = "Grpc.Net.Client.GrpcChannel";
        private const string IConfiguration = "Microsoft.Extensions.Configuration.IConfiguration";
        private const string ConfigurationManager = "Microsoft.Extensions.Configuration.ConfigurationManager";
        private const string ConfigureWebHostBuilder = "Microsoft.AspNetCore.Builder.ConfigureWebHostBuilder";
        private const string Dictionary = "System.Collections.Generic.Dictionary`2";
        private const string WebApplicationFactory = "Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory`1";

        /// <summary>Configuration keys that hold server URLs (the "urls" key is WebHostDefaults.ServerUrlsKey).</summary>
        private static readonly string[] UrlKeys = { "urls", "Kestrel:Endpoints:*:Url" };

        private const string IPAddress = "System.Net.IPAddress";
        private const string IPEndPoint = "System.Net.IPEndPoint";
        private const string EndPoint = "System.Net.EndPoint";
        private const string AddressFamily = "System.Net.Sockets.AddressFamily";

        public static ImmutableArray<EndpointApi> Rows { get; } = ImmutableArray.Create(
            // ── Bind ─────────────────────────────────────────────────────────────────────────────────────
            //   type          member             signature                       address                            port
            Bind(TcpListener,    Constructor,       "int",                          Implicit, -1,                        0, AddressKind.AllInterfacesIPv4, ImplicitAddressFix.TcpListenerWithLoopback, readBack: TcpListenerAfterStart),
            Bind(TcpListener,    "Create",          "int",                          Implicit, -1,                        0, AddressKind.AllInterfacesDualMode, ImplicitAddressFix.TcpListenerWithLoopback, readBack: TcpListenerAfterStart),
            Bind(TcpListener,    Constructor,       $"{IPAddress}, int",            IPAddressParameter, 0,               1, readBack: TcpListenerAfterStart),
            Bind(TcpListener,    Constructor,       IPEndPoint,                     EndPointParameter, 0, readBack: TcpListenerAfterStart),
            Bind(Socket,         "Bind",            EndPoint,                       EndPointParameter, 0, readBack: SocketAfterBind),
            Bind(UdpClient,      Constructor,       "int",                          Implicit, -1,                        0, AddressKind.AllInterfacesIPv4, ImplicitAddressFix.UdpClientWithLoopbackEndPoint, readBack: UdpClientAfterConstruction),
            Bind(UdpClient,      Constructor,       $"int, {AddressFamily}",        ImplicitAllInterfacesOfFamily, 1,    0, implicitFix: ImplicitAddressFix.UdpClientWithLoopbackEndPoint, readBack: UdpClientAfterConstruction),
            Bind(UdpClient,      Constructor,       IPEndPoint,                     EndPointParameter, 0, readBack: UdpClientAfterConstruction),
            Bind(Kestrel,        "Listen",          $"{IPAddress}, int, ...",       IPAddressParameter, 0,               1, readBack: WebApplicationAfterStartAsync),
            Bind(Kestrel,        "Listen",          $"{IPEndPoint}, ...",           EndPointParameter, 0, readBack: WebApplicationAfterStartAsync),
            Bind(Kestrel,        "Listen",          $"{EndPoint}, ...",             EndPointParameter, 0, readBack: WebApplicationAfterStartAsync),
            Bind(Kestrel,        "ListenAnyIP",     "int, ...",                     Implicit, -1,                        0, AddressKind.AllInterfacesDualMode, ImplicitAddressFix.KestrelListenLocalhost, readBack: WebApplicationAfterStartAsync),
            Bind(Kestrel,        "ListenLocalhost", "int, ...",                     Implicit, -1,                        0, AddressKind.Localhost, readBack: WebApplicationAfterStartAsync),
            Bind(GrpcServerPort, Constructor,       "string, int, ...",             HostParameter, 0,                    1, readBack: GrpcPortsAdd),
            Bind(WebApplicationFactory, "UseKestrel", "int",                        Implicit, -1,                        0, AddressKind.LoopbackIPv4, readBack: WebApplicationFactoryAfterStart),

            // Server URLs: "http://*:5000", "http://localhost:5000;https://+:5001", and the same in environment variables.
            Bind(WebHostBuilderExtensions, "UseUrls", $"{IWebHostBuilder}, string[]", ServerUrlsParameter, 1, readBack: WebApplicationAfterStartAsync),
            Bind(WebApplication, "Add",             "string",                       ServerUrlsParameter, 0, receiverProperty: "Urls", readBack: WebApplicationAfterStartAsync),
            Bind(WebApplication, "Run",             "string",                       ServerUrlsParameter, 0),
            Bind(WebApplication, "RunAsync",        "string",                       ServerUrlsParameter, 0),
            Bind(WebApplication, "CreateBuilder",   "string[]",                     CommandLineArgumentsParameter, 0, displayName: "--urls", readBack: WebApplicationAfterStartAsync),
            Bind(WebApplication, "CreateSlimBuilder", "string[]",                   CommandLineArgumentsParameter, 0, displayName: "--urls", readBack: WebApplicationAfterStartAsync),
            Bind(Host,           "CreateDefaultBuilder", "string[]",                CommandLineArgumentsParameter, 0, displayName: "--urls"),
            Bind(Host,           "CreateApplicationBuilder", "string[]",            CommandLineArgumentsParameter, 0, displayName: "--urls"),
            Bind(WebHost,        "CreateDefaultBuilder", "string[]",                CommandLineArgumentsParameter, 0, displayName: "--urls"),
            Bind(Environment,    "SetEnvironmentVariable", "string, string",        ServerUrlsParameter, 1, keyParameter: 0, keys: new[] { "ASPNETCORE_URLS", "DOTNET_URLS" }),
            Bind(Environment,    "SetEnvironmentVariable", "string, string",        AllInterfacesPortsParameter, 1, keyParameter: 0, keys: new[] { "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_HTTP_PORTS", "DOTNET_HTTPS_PORTS" }),
            Bind(HttpListenerPrefixes, "Add",       "string",                       HttpListenerPrefixParameter, 0, displayName: "HttpListener prefix"),

            // Server URLs as configuration: builder.WebHost.UseSetting("urls", ...), configuration["urls"] = ...,
            // and in-memory collections { ["Kestrel:Endpoints:Http:Url"] = ... } (indexer setters are rows too).
            Bind(IWebHostBuilder, "UseSetting",     "string, string",               ServerUrlsParameter, 1, keyParameter: 0, keys: UrlKeys, displayName: "Server URL setting", readBack: WebApplicationAfterStartAsync),
            Bind(ConfigureWebHostBuilder, "UseSetting", "string, string",           ServerUrlsParameter, 1, keyParameter: 0, keys: UrlKeys, displayName: "Server URL setting", readBack: WebApplicationAfterStartAsync),
            Bind(IConfiguration, "set_Item",        "string, string",               ServerUrlsParameter, 1, keyParameter: 0, keys: UrlKeys, displayName: "Server URL setting", readBack: WebApplicationAfterStartAsync),
            Bind(ConfigurationManager, "set_Item",  "string, string",               ServerUrlsParameter, 1, keyParameter: 0, keys: UrlKeys, displayName: "Server URL setting", readBack: WebApplicationAfterStartAsync),
            Bind(Dictionary,     "set_Item",        "string, string",               ServerUrlsParameter, 1, keyParameter: 0, keys: UrlKeys, displayName: "Server URL setting", readBack: WebApplicationAfterStartAsync),
            Bind(Dictionary,     "Add",             "string, string",               ServerUrlsParameter, 1, keyParameter: 0, keys: UrlKeys, displayName: "Server URL setting", readBack: WebApplicationAfterStartAsync),

            // ── Connect ──────────────────────────────────────────────────────────────────────────────────
            Connect(TcpClient,   Constructor,       "string, int",                  HostParameter, 0,                    1),
            Connect(TcpClient,   "Connect",         "string, int",                  HostParameter, 0,                    1),
            Connect(TcpClient,   "Connect",         $"{IPAddress}, int",            IPAddressParameter, 0,               1),
            Connect(TcpClient,   "Connect",         IPEndPoint,                     EndPointParameter, 0),
            Connect(TcpClient,   "ConnectAsync",    "string, int, ...",             HostParameter, 0,                    1),
            Connect(TcpClient,   "ConnectAsync",    $"{IPAddress}, int, ...",       IPAddressParameter, 0,               1),
            Connect(TcpClient,   "ConnectAsync",    $"{IPEndPoint}, ...",           EndPointParameter, 0),
            Connect(Socket,      "Connect",         "string, int",                  HostParameter, 0,                    1),
            Connect(Socket,      "Connect",         $"{IPAddress}, int",            IPAddressParameter, 0,               1),
            Connect(Socket,      "Connect",         EndPoint,                       EndPointParameter, 0),
            Connect(Socket,      "ConnectAsync",    "string, int, ...",             HostParameter, 0,                    1),
            Connect(Socket,      "ConnectAsync",    $"{IPAddress}, int, ...",       IPAddressParameter, 0,               1),
            Connect(Socket,      "ConnectAsync",    $"{EndPoint}, ...",             EndPointParameter, 0),
            Connect(UdpClient,   Constructor,       "string, int",                  HostParameter, 0,                    1),
            Connect(UdpClient,   "Connect",         "string, int",                  HostParameter, 0,                    1),
            Connect(UdpClient,   "Connect",         $"{IPAddress}, int",            IPAddressParameter, 0,               1),
            Connect(UdpClient,   "Connect",         IPEndPoint,                     EndPointParameter, 0),
            Connect(DnsEndPoint, Constructor,       "string, int, ...",             HostParameter, 0,                    1),
            Connect(Uri,         Constructor,       "string",                       UrlParameter, 0),
            Connect(Uri,         Constructor,       "string, System.UriKind",       UrlParameter, 0),
            Connect(HttpClient,  "GetAsync",        "string, ...",                  UrlParameter, 0),
            Connect(HttpClient,  "GetStringAsync",  "string, ...",                  UrlParameter, 0),
            Connect(HttpClient,  "GetByteArrayAsync", "string, ...",                UrlParameter, 0),
            Connect(HttpClient,  "GetStreamAsync",  "string, ...",                  UrlParameter, 0),
            Connect(HttpClient,  "PostAsync",       "string, ...",                  UrlParameter, 0),
            Connect(HttpClient,  "PutAsync",        "string, ...",                  UrlParameter, 0),
            Connect(HttpClient,  "PatchAsync",      "string, ...",                  UrlParameter, 0),
            Connect(HttpClient,  "DeleteAsync",     "string, ...",                  UrlParameter, 0),
            Connect(HttpClient,  "SendAsync",       "string, ...",                  UrlParameter, 0),
            Connect(UriBuilder,  Constructor,       "string",                       UrlParameter, 0),
            Connect(UriBuilder,  Constructor,       "string, string, int, ...",     HostParameter, 1,                    2),
            Connect(GrpcChannel, "ForAddress",      "string, ...",                  UrlParameter, 0));

        private static EndpointApi Bind(
            string type,
            string member,
            string signature,
            AddressSource address,
            int addressParameter,
            int portParameter = -1,
            AddressKind implicitAddress = AddressKind.Unknown,
            ImplicitAddressFix implicitFix = ImplicitAddressFix.None,
            string? receiverProperty = null,
            int keyParameter = -1,
            string[]? keys = null,
            string? displayName = null,
            PortReadBack readBack = PortReadBack.None) =>
            new EndpointApi(EndpointRole.Bind, type, member, signature, address, addressParameter, portParameter, implicitAddress, implicitFix, receiverProperty, keyParameter, keys, displayName, readBack);

        private static EndpointApi Connect(
            string type,
            string member,
            string signature,
            AddressSource address,
            int addressParameter,
            int portParameter = -1) =>
            new EndpointApi(EndpointRole.Connect, type, member, signature, address, addressParameter, portParameter);
    }
}
