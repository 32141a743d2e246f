using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace RunnablePortTests;

public class UdpClientTests
{
    [Fact]
    public async Task Echoes_a_datagram_over_loopback()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var server = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)); // LOOP003
        var port = ((IPEndPoint)server.Client.LocalEndPoint!).Port;
        using var client = new UdpClient();
        // A loopback client on an ephemeral port is reported too (LOOP003 checks connect sites).
        client.Connect("127.0.0.1", port); // LOOP003

        await client.SendAsync(Encoding.ASCII.GetBytes("ping over udp"), timeout.Token);
        var request = await server.ReceiveAsync(timeout.Token);
        await server.SendAsync(request.Buffer, request.RemoteEndPoint, timeout.Token);

        var reply = await client.ReceiveAsync(timeout.Token);
        Assert.Equal("ping over udp", Encoding.ASCII.GetString(reply.Buffer));
    }
}
