using System.Net;
using System.Net.Sockets;

namespace LoopbackAnalyzers.Demo;

/// <summary>
/// Forwards TCP connections from port 8080 to the backend that runs on this machine (port 5000),
/// so that the front end can talk to it through one port during development.
/// </summary>
public sealed class DevProxy
{
    private const int ListenPort = 8080;
    private const int BackendPort = 5000;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var listener = new TcpListener(IPAddress.Any, ListenPort); // LOOP001: the same method connects to 127.0.0.1:8080
        listener.Start();

        // Wait until the proxy is reachable before telling the developer where it is.
        using (var probe = new TcpClient())
        {
            await probe.ConnectAsync("127.0.0.1", ListenPort, cancellationToken);
        }

        Console.WriteLine($"Dev proxy on port {ListenPort}, forwarding to the backend on {BackendPort}.");
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var inbound = await listener.AcceptTcpClientAsync(cancellationToken);
                var backend = new TcpClient("127.0.0.1", BackendPort);
                _ = PumpAsync(inbound, backend, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
        finally
        {
            listener.Stop();
        }
    }

    private static async Task PumpAsync(TcpClient inbound, TcpClient backend, CancellationToken cancellationToken)
    {
        using (inbound)
        using (backend)
        {
            var up = inbound.GetStream().CopyToAsync(backend.GetStream(), cancellationToken);
            var down = backend.GetStream().CopyToAsync(inbound.GetStream(), cancellationToken);
            await Task.WhenAny(up, down);
        }
    }
}
