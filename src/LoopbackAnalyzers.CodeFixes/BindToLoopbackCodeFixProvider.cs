using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace LoopbackAnalyzers.CodeFixes
{
    /// <summary>
    /// LOOP001 "Bind to loopback": rewrites the all-interfaces address to loopback, keeping the address family
    /// and the port.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BindToLoopbackCodeFixProvider)), Shared]
    public sealed class BindToLoopbackCodeFixProvider : LoopbackRewriteCodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(DiagnosticIds.ListenerBindsAllInterfaces);

        protected override string Title => "Bind to loopback";
    }
}
