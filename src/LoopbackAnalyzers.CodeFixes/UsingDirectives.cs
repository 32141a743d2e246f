using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace LoopbackAnalyzers.CodeFixes
{
    /// <summary>Adds a using directive where the file keeps its usings, in sorted position (System first).</summary>
    internal static class UsingDirectives
    {
        private const string AmbiguousReference = "CS0104";

        public static SyntaxNode Add(SyntaxNode root, string namespaceName)
        {
            if (root is not CompilationUnitSyntax unit)
            {
                return root;
            }

            var newLine = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            if (newLine == default)
            {
                newLine = LineFeed;
            }

            // Files that keep their usings inside the namespace get the new one there.
            if (unit.Usings.Count == 0 &&
                unit.Members.OfType<BaseNamespaceDeclarationSyntax>().FirstOrDefault() is { Usings.Count: > 0 } namespaceDeclaration)
            {
                var updated = namespaceDeclaration.WithUsings(Insert(namespaceDeclaration.Usings, namespaceName, newLine));
                return unit.ReplaceNode(namespaceDeclaration, updated);
            }

            return unit.WithUsings(Insert(unit.Usings, namespaceName, newLine));
        }

        /// <summary>Whether <paramref name="changed"/> has more ambiguous-name errors than <paramref name="original"/>.</summary>
        public static async Task<bool> IntroducesAmbiguityAsync(Document original, Document changed, CancellationToken cancellationToken)
        {
            return await CountAsync(changed).ConfigureAwait(false) > await CountAsync(original).ConfigureAwait(false);

            async Task<int> CountAsync(Document document)
            {
                var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                return model?.GetDiagnostics(cancellationToken: cancellationToken).Count(d => d.Id == AmbiguousReference) ?? 0;
            }
        }

        private static SyntaxList<UsingDirectiveSyntax> Insert(SyntaxList<UsingDirectiveSyntax> usings, string namespaceName, SyntaxTrivia newLine)
        {
            var directive = UsingDirective(ParseName(namespaceName)).WithTrailingTrivia(newLine);
            var index = 0;
            while (index < usings.Count &&
                   usings[index].Alias is null &&
                   usings[index].StaticKeyword.IsKind(SyntaxKind.None) &&
                   Compare(usings[index].Name?.ToString() ?? string.Empty, namespaceName) < 0)
            {
                index++;
            }

            if (usings.Count == 0)
            {
                // The first using of the file: keep a blank line between it and what follows.
                return usings.Add(directive.WithTrailingTrivia(newLine, newLine));
            }

            if (index == 0)
            {
                // Take over the first directive's leading trivia (file header comments stay on top).
                var first = usings[0];
                directive = directive.WithLeadingTrivia(first.GetLeadingTrivia());
                usings = usings.Replace(first, first.WithLeadingTrivia());
            }

            return usings.Insert(index, directive);
        }

        // System namespaces first, then ordinal, as "dotnet_sort_system_directives_first" does by default.
        private static int Compare(string left, string right)
        {
            var leftSystem = left == "System" || left.StartsWith("System.", StringComparison.Ordinal);
            var rightSystem = right == "System" || right.StartsWith("System.", StringComparison.Ordinal);
            return leftSystem != rightSystem ? (leftSystem ? -1 : 1) : string.CompareOrdinal(left, right);
        }
    }
}
