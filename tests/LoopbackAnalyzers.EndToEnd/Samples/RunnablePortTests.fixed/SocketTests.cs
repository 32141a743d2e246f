using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace RunnablePortTests;

public class SocketTests
{
    [Fact]
    public async Task Echoes_bytes_over_a_loopback_connection()
    {
        using var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        server.Bind(new IPEndPoint(IPAddress.Loopback, 0)); // LOOP002
        var port = ((IPEndPoint)server.LocalEndPoint!).Port;
        server.Listen();

        var accept = server.AcceptAsync();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        using var served = await accept;

        var payload = Encoding.ASCII.GetBytes("ping over a socket");
        await client.SendAsync(payload, SocketFlags.None);
        var received = await ReceiveExactlyAsync(served, payload.Length);
        await served.SendAsync(received, SocketFlags.None);

        var echoed = await ReceiveExactlyAsync(client, payload.Length);
        Assert.Equal("ping over a socket", Encoding.ASCII.GetString(echoed));
    }

    private static async Task<byte[]> ReceiveExactlyAsync(Socket socket, int count)
    {
        var buffer = new byte[count];
        var total = 0;
        while (total < count)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(total), SocketFlags.None);
            Assert.True(read > 0, "The connection closed early.");
            total += read;
        }

        return buffer;
    }
}
