using System.Net;
using System.Net.Sockets;
using Xunit;

namespace RunnablePortTests;

public class AllInterfacesTests
{
    // Two problems on one line, two fixes in one 'dotnet format' run: loopback (LOOP001) and an OS-assigned port (LOOP002).
    [Fact]
    public async Task Accepts_a_connection_on_a_listener_for_every_interface()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0); // LOOP001 LOOP002
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        try
        {
            var accept = listener.AcceptTcpClientAsync();
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            using var served = await accept;
            Assert.True(served.Connected);
        }
        finally
        {
            listener.Stop();
        }
    }
}
