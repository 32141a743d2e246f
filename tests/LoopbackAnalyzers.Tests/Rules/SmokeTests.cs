using System.Threading.Tasks;
using LoopbackAnalyzers.Tests.Infrastructure;
using Xunit;

namespace LoopbackAnalyzers.Tests.Rules
{
    public class SmokeTests
    {
        [Fact]
        public Task TcpListenerAny() => Verify.FixInTestProjectAsync(
            """
            using System.Net.Sockets;

            class C
            {
                void M()
                {
                    var l = new TcpListener({|LOOP001:System.Net.IPAddress.Any|}, 5000);
                }
            }
            """,
            """
            using System.Net;
            using System.Net.Sockets;

            class C
            {
                void M()
                {
                    var l = new TcpListener(IPAddress.Loopback, 5000);
                }
            }
            """);
    }
}
