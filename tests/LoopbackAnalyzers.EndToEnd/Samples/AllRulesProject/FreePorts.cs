using System.Net;
using System.Net.Sockets;

namespace AllRulesProject;

public static class FreePorts
{
    public static int GetFreePort() // LOOP006
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public static TcpListener StartOnFreePort() => new TcpListener(IPAddress.Loopback, GetFreePort());
}
