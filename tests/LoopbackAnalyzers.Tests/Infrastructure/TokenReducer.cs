using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopbackAnalyzers.Tests.Infrastructure
{
    /// <summary>
    /// Shrinks a failing source to a smaller one that still fails the same way: whole declarations and statements, then tokens.
    /// A candidate never has more syntax errors than the source it shrinks, so a reproduction stays readable.
    /// </summary>
    public static class TokenReducer
    {
        /// <param name="text">A source for which <paramref name="stillFails"/> holds.</param>
        /// <param name="stillFails">Whether a candidate still shows the failure.</param>
        /// <param name="budget">The most candidates to try.</param>
        public static async Task<string> MinimizeAsync(string text, Func<string, Task<bool>> stillFails, int budget = 400)
        {
            // Whole declarations and statements first: failures that need code to compile shrink only that way.
            for (var progress = true; progress && budget > 0;)
            {
                progress = false;
                var root = CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest)).GetRoot();
                foreach (var node in root.DescendantNodes().Where(node => node is MemberDeclarationSyntax or StatementSyntax or UsingDirectiveSyntax or AttributeListSyntax))
                {
                    string? candidate;
                    try
                    {
                        candidate = root.RemoveNode(node, SyntaxRemoveOptions.KeepNoTrivia)?.ToFullString();
                    }
                    catch (Exception exception) when (exception is InvalidOperationException or ArgumentException)
                    {
                        // Not in a list (an embedded statement): it cannot go on its own.
                        continue;
                    }

                    if (candidate is null || candidate == text || budget-- <= 0)
                    {
                        continue;
                    }

                    if (SyntaxErrors(candidate) <= SyntaxErrors(text) && await stillFails(candidate))
                    {
                        text = candidate;
                        progress = true;
                        break;
                    }
                }
            }

            // Then runs of tokens, halving the run length. A token with its trivia is one piece;
            // the end-of-file token carries the trailing trivia.
            var pieces = SyntaxFactory.ParseTokens(text).Select(token => token.ToFullString()).ToList();
            for (var chunk = Math.Max(1, pieces.Count / 2); chunk >= 1 && budget > 0; chunk /= 2)
            {
                for (var start = 0; start < pieces.Count && budget > 0;)
                {
                    var candidate = new List<string>(pieces);
                    candidate.RemoveRange(start, Math.Min(chunk, pieces.Count - start));
                    budget--;
                    var candidateText = string.Concat(candidate);
                    if (SyntaxErrors(candidateText) <= SyntaxErrors(string.Concat(pieces)) && await stillFails(candidateText))
                    {
                        pieces = candidate;
                    }
                    else
                    {
                        start += chunk;
                    }
                }
            }

            return string.Concat(pieces);
        }

        private static int SyntaxErrors(string text) =>
            CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest)).GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
    }
}
