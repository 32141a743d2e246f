using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Text;

namespace LoopbackAnalyzers.CodeFixes
{
    /// <summary>
    /// Character edits inside string literals and interpolated strings, grouped per string so that several
    /// edits in one string ("http://*:5000;http://+:5001") apply together, and the rest of it stays as written.
    /// </summary>
    internal sealed class StringEdits
    {
        private readonly Dictionary<ExpressionSyntax, List<(TextSpan Span, string Text)>> _edits = new Dictionary<ExpressionSyntax, List<(TextSpan, string)>>();

        /// <summary>Records an edit of <paramref name="span"/>; returns the string expression that contains it.</summary>
        public ExpressionSyntax? Add(SyntaxNode root, TextSpan span, string text)
        {
            var literal = root.FindToken(span.Start).Parent?.AncestorsAndSelf()
                .OfType<ExpressionSyntax>()
                .FirstOrDefault(node => node is LiteralExpressionSyntax or InterpolatedStringExpressionSyntax);
            if (literal is null || !literal.Span.Contains(span))
            {
                return null;
            }

            if (!_edits.TryGetValue(literal, out var list))
            {
                _edits.Add(literal, list = new List<(TextSpan, string)>());
            }

            list.Add((span, text));
            return literal;
        }

        public void ApplyTo(SyntaxEditor editor)
        {
            foreach (var pair in _edits)
            {
                var edits = pair.Value;
                editor.ReplaceNode(pair.Key, (current, _) => Apply((ExpressionSyntax)current, edits, pair.Key.SpanStart));
            }
        }

        /// <summary>The string expression with the edits (spans in the original tree) applied, re-parsed.</summary>
        public static ExpressionSyntax Apply(ExpressionSyntax literal, IEnumerable<(TextSpan Span, string Text)> edits, int? originalStart = null)
        {
            var start = originalStart ?? literal.SpanStart;
            var text = literal.WithoutTrivia().ToFullString();
            foreach (var (span, replacement) in edits.OrderByDescending(edit => edit.Span.Start))
            {
                var relative = span.Start - start;
                text = text.Remove(relative, span.Length).Insert(relative, replacement);
            }

            return SyntaxFactory.ParseExpression(text).WithTriviaFrom(literal);
        }
    }
}
