using System.Net;
using System.Net.Sockets;

namespace LoopbackAnalyzers.Demo;

/// <summary>
/// The health endpoint of the deployed service. It binds every interface ON PURPOSE: in the container,
/// the orchestrator's probes come from outside, so a loopback-only listener would never be reached.
/// LOOP001 stays silent here, because nothing shows loopback intent: this is not test code, not
/// development-only code, and nothing in this method or type connects to a loopback address.
/// Production servers without such evidence are left alone by default.
/// </summary>
public sealed class ProductionServer
{
    private readonly int _port;

    public ProductionServer(int port) => _port = port;

    public async Task ServeHealthAsync(CancellationToken cancellationToken)
    {
        var listener = new TcpListener(IPAddress.Any, _port);
        listener.Start();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                using var client = await listener.AcceptTcpClientAsync(cancellationToken);
                await client.GetStream().WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"u8.ToArray(), cancellationToken);
            }
        }
        finally
        {
            listener.Stop();
        }
    }
}
