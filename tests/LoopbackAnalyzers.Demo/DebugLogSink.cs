using System.Net.Sockets;

namespace LoopbackAnalyzers.Demo;

/// <summary>Debug builds collect log lines that local tools send as UDP datagrams to port 9999.</summary>
public static class DebugLogSink
{
    public static UdpClient? Open()
    {
#if DEBUG
        var sink = new UdpClient(9999); // LOOP001: it runs only inside #if DEBUG
        _ = ReceiveAsync(sink);
        return sink;
#else
        return null;
#endif
    }

    private static async Task ReceiveAsync(UdpClient sink)
    {
        try
        {
            while (true)
            {
                var datagram = await sink.ReceiveAsync();
                Console.WriteLine($"[{datagram.RemoteEndPoint}] {System.Text.Encoding.UTF8.GetString(datagram.Buffer)}");
            }
        }
        catch (ObjectDisposedException)
        {
            // The sink was closed.
        }
    }
}
