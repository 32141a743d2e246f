using System.Net;
using System.Net.Sockets;

namespace AllRulesProject;

/// <summary>One violation of each rule per line, in a test project (IsTestProject is the loopback evidence).</summary>
public static class Servers
{
    public static TcpListener AllInterfaces() => new TcpListener(IPAddress.Any, 0); // LOOP001

    public static TcpListener FixedPort() => new TcpListener(IPAddress.Loopback, 5000); // LOOP002

    // 40000 is ephemeral on Linux but not in the IANA range this project chose: a fixed port, not an ephemeral one.
    public static TcpListener FixedPortOutsideIana() => new TcpListener(IPAddress.Loopback, 40000); // LOOP002

    public static TcpListener AllowedPort() => new TcpListener(IPAddress.Loopback, 5001);

    public static TcpListener EphemeralPort() => new TcpListener(IPAddress.Loopback, 62893); // LOOP003

    public static TcpClient PortZeroClient() => new TcpClient("localhost", 0); // LOOP004

    public static TcpListener OutOfRange() => new TcpListener(IPAddress.Loopback, 70000); // LOOP005
}
