using System.Net;
using System.Net.Sockets;

namespace TestLikeProject;

/// <summary>A UDP test server written against Socket directly.</summary>
public sealed class RawSocketServer
{
    private readonly Socket _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

    public void Start()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Parse("0.0.0.0"), 0)); // LOOP001
    }

    public int ReceiveOne(byte[] buffer)
    {
        // Look-alike that must not fire: IPAddress.Any here is only the out-parameter that
        // ReceiveFrom overwrites with the sender's address; nothing is bound.
        EndPoint remote = new IPEndPoint(IPAddress.Any, 0);
        return _socket.ReceiveFrom(buffer, ref remote);
    }
}
