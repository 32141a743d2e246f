using System.Net;
using System.Net.Sockets;

namespace AllRulesProject.Public;

/// <summary>Runs in a container behind "docker run -p": it must bind every interface on its fixed port.</summary>
public static class ContainerEntryPoint
{
    public static TcpListener Listen() => new TcpListener(IPAddress.Any, 8080);
}
