using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace RunnablePortTests;

public class TcpListenerTests
{
    [Fact]
    public async Task Echoes_bytes_over_a_loopback_connection()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0); // LOOP002
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        try
        {
            var accept = listener.AcceptTcpClientAsync();
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            using var served = await accept;

            var payload = Encoding.ASCII.GetBytes("ping over tcp");
            var stream = client.GetStream();
            await stream.WriteAsync(payload);

            var serverStream = served.GetStream();
            var received = new byte[payload.Length];
            await serverStream.ReadExactlyAsync(received);
            await serverStream.WriteAsync(received);

            var echoed = new byte[payload.Length];
            await stream.ReadExactlyAsync(echoed);
            Assert.Equal("ping over tcp", Encoding.ASCII.GetString(echoed));
        }
        finally
        {
            listener.Stop();
        }
    }
}
