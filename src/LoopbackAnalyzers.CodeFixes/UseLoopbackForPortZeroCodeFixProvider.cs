using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace LoopbackAnalyzers.CodeFixes
{
    /// <summary>
    /// LOOP004 "Bind 127.0.0.1:0": Kestrel accepts port 0 on an IP address, not on localhost.
    /// <c>"http://localhost:0"</c> → <c>"http://127.0.0.1:0"</c>; <c>ListenLocalhost(0)</c> → <c>Listen(IPAddress.Loopback, 0)</c>.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseLoopbackForPortZeroCodeFixProvider)), Shared]
    public sealed class UseLoopbackForPortZeroCodeFixProvider : LoopbackRewriteCodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(DiagnosticIds.PortZeroNotSupported);

        protected override string Title => "Bind 127.0.0.1:0";
    }
}
