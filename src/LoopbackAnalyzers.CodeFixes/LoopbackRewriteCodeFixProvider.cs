using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace LoopbackAnalyzers.CodeFixes
{
    /// <summary>
    /// A code fix that applies the rewrite its diagnostic names (the analyzer decides which rewrite is safe;
    /// a diagnostic without one gets no fix). Fix All rewrites a whole document in one pass.
    /// </summary>
    public abstract class LoopbackRewriteCodeFixProvider : CodeFixProvider
    {
        protected abstract string Title { get; }

        public override FixAllProvider GetFixAllProvider() =>
            FixAllProvider.Create(async (context, document, diagnostics) =>
                await LoopbackRewriter.FixDocumentAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                if (LoopbackRewriter.FixKind(diagnostic) is null)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        Title,
                        cancellationToken => LoopbackRewriter.FixDocumentAsync(context.Document, ImmutableArray.Create(diagnostic), cancellationToken),
                        equivalenceKey: Title),
                    diagnostic);
            }

            return Task.CompletedTask;
        }
    }
}
