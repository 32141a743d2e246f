using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LoopbackAnalyzers.CodeFixes.OsAssignedPort;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace LoopbackAnalyzers.CodeFixes
{
    /// <summary>
    /// LOOP002/LOOP003 "Use an OS-assigned port": port 0 at the bind site, the real port read back where the API knows it,
    /// and the uses of the old port after that point rewired to it. Offered only when every use can be rewired.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseOsAssignedPortCodeFixProvider)), Shared]
    public sealed class UseOsAssignedPortCodeFixProvider : CodeFixProvider
    {
        private const string Title = "Use an OS-assigned port";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(DiagnosticIds.FixedPort, DiagnosticIds.EphemeralPort);

        // One fix moves code that later fixes in the same document look at, so Fix All applies them one after another.
        public override FixAllProvider GetFixAllProvider() =>
            FixAllProvider.Create(async (context, document, diagnostics) =>
                await FixAllAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (model is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (HasReadBack(diagnostic) && PortFixPlanner.Plan(model, diagnostic.Location.SourceSpan, context.CancellationToken) is not null)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(Title, cancellationToken => FixAsync(context.Document, diagnostic.Location.SourceSpan, cancellationToken), equivalenceKey: Title),
                        diagnostic);
                }
            }
        }

        private static bool HasReadBack(Diagnostic diagnostic) => diagnostic.Properties.ContainsKey(OsAssignedPortFix.Key);

        private static async Task<Document> FixAsync(Document document, TextSpan span, CancellationToken cancellationToken) =>
            await TryFixAsync(document, span, cancellationToken).ConfigureAwait(false) ?? document;

        private static async Task<Document?> TryFixAsync(Document document, TextSpan span, CancellationToken cancellationToken)
        {
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (model is null || root is null || PortFixPlanner.Plan(model, span, cancellationToken) is not { } plan)
            {
                return null;
            }

            var addLinq = plan.UsesLinq && !HasLinq(model, plan.ReadBack.Position);
            return await SystemNetNames.RewriteAsync(
                document,
                model,
                names =>
                {
                    var fixedRoot = plan.Apply(root, model, names, document.Project.Solution.Workspace);
                    return addLinq ? UsingDirectives.Add(fixedRoot, "System.Linq") : fixedRoot;
                },
                cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Whether <c>Enumerable.First</c> is in scope (a using directive, a global or implicit using).</summary>
        private static bool HasLinq(SemanticModel model, int position) =>
            model.Compilation.GetTypeByMetadataName("System.Linq.Enumerable") is { } enumerable &&
            model.LookupNamespacesAndTypes(position, name: "Enumerable").Any(symbol => SymbolEqualityComparer.Default.Equals(symbol, enumerable));

        /// <summary>
        /// Applies the fixes one at a time, each planned on the document as the previous ones left it. Each diagnostic's
        /// place is tracked by an annotation on its token (plus the offset into it, for port digits inside a URL).
        /// </summary>
        private static async Task<Document> FixAllAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var targets = new List<(SyntaxAnnotation Annotation, int Offset, int Length)>();
            var tokens = new Dictionary<SyntaxToken, List<SyntaxAnnotation>>();
            foreach (var diagnostic in diagnostics.Where(HasReadBack).OrderBy(d => d.Location.SourceSpan.Start))
            {
                var span = diagnostic.Location.SourceSpan;
                var token = root.FindToken(span.Start);
                var annotation = new SyntaxAnnotation("LoopbackPort");
                targets.Add((annotation, span.Start - token.SpanStart, span.Length));
                if (!tokens.TryGetValue(token, out var list))
                {
                    tokens.Add(token, list = new List<SyntaxAnnotation>());
                }

                list.Add(annotation);
            }

            document = document.WithSyntaxRoot(root.ReplaceTokens(tokens.Keys, (original, _) => original.WithAdditionalAnnotations(tokens[original])));
            foreach (var (annotation, offset, length) in targets)
            {
                var current = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var token = current!.GetAnnotatedTokens(annotation).FirstOrDefault();
                if (token.RawKind == 0)
                {
                    continue;
                }

                if (await TryFixAsync(document, new TextSpan(token.SpanStart + offset, length), cancellationToken).ConfigureAwait(false) is { } fixedDocument)
                {
                    document = fixedDocument;
                }
            }

            return document;
        }
    }
}
