using System.Threading.Tasks;

namespace LoopbackAnalyzers.Tests.Infrastructure
{
    /// <summary>Entry points of the "Use an OS-assigned port" fix tests: the port rules on, in a test project.</summary>
    public static class PortFixTest
    {
        /// <summary>The usings every socket example needs; tests write only the code below them.</summary>
        public const string Usings = """
            using System;
            using System.Net;
            using System.Net.Http;
            using System.Net.Sockets;
            using System.Threading.Tasks;

            """;

        /// <summary>Expects the diagnostics in the markup of <paramref name="source"/> and the fixed code (both after <see cref="Usings"/>).</summary>
        public static Task FixAsync(string source, string fixedSource) =>
            new LoopbackTest { TestCode = Usings + source, FixedCode = Usings + fixedSource }.WithPortRules().AsTestProject().RunAsync();

        /// <summary>The fix is not offered: the code stays as it is, with its diagnostics.</summary>
        public static Task NoFixAsync(string source) => FixAsync(source, source);

        /// <summary><paramref name="usings"/> with "using System.Linq;" where the fix adds it (the WebApplication read-back calls First()).</summary>
        public static string WithLinq(string usings) => usings.Replace("using System;", "using System;\nusing System.Linq;");
    }
}
