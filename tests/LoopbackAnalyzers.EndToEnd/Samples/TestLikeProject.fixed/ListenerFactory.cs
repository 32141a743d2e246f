using System.Net;
using System.Net.Sockets;

namespace TestLikeProject;

/// <summary>Listeners for the tests, written with the port-only shortcuts. No "using System.Net;" on purpose:
/// the fix has to add it.</summary>
public static class ListenerFactory
{
    public static UdpClient UdpOnAnyPort() => new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)); // LOOP001

    public static TcpListener DualModeOnAnyPort() => new TcpListener(IPAddress.Loopback, 0); // LOOP001
}
