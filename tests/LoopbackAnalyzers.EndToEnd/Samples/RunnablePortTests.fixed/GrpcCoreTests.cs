using Grpc.Core;
using Xunit;

namespace RunnablePortTests;

public class GrpcCoreTests
{
    [Fact]
    public async Task Channel_connects_to_the_server()
    {
        var server = new Server();
        var port = server.Ports.Add(new ServerPort("127.0.0.1", 0, ServerCredentials.Insecure)); // LOOP002
        server.Start();
        try
        {
            var channel = new Channel("127.0.0.1", port, ChannelCredentials.Insecure);
            await channel.ConnectAsync(DateTime.UtcNow.AddSeconds(10));
            Assert.Equal(ChannelState.Ready, channel.State);
            await channel.ShutdownAsync();
        }
        finally
        {
            await server.ShutdownAsync();
        }
    }
}
