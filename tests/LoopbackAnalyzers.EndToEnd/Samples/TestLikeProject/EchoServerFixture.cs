using System;
using System.Net;
using System.Net.Sockets;

namespace TestLikeProject;

/// <summary>Starts an echo server for the tests, on an OS-assigned port, over IPv4 and IPv6.</summary>
public sealed class EchoServerFixture : IDisposable
{
    public EchoServerFixture()
    {
        V4 = new TcpListener(IPAddress.Any, 0); // LOOP001
        V6 = new TcpListener(IPAddress.IPv6Any, 0); // LOOP001
        V4.Start();
        V6.Start();
    }

    public TcpListener V4 { get; }

    public TcpListener V6 { get; }

    public int V4Port => ((IPEndPoint)V4.LocalEndpoint).Port;

    public void Dispose()
    {
        V4.Stop();
        V6.Stop();
    }
}
