using System.Collections.Generic;
using System.Linq;
using System.Text;
using LoopbackAnalyzers.Engine;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Text;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace LoopbackAnalyzers.CodeFixes.OsAssignedPort
{
    /// <summary>The edits of one "Use an OS-assigned port" fix, decided by <see cref="PortFixPlanner"/>.</summary>
    internal sealed class PortFixPlan
    {
        public PortFixPlan(PortWriter writer, ReadBackPoint readBack, PortUses uses, string name, StatementSyntax? removedLocal, SyntaxNode? removedField, string portText)
        {
            PortText = portText;
            Writer = writer;
            ReadBack = readBack;
            Uses = uses;
            Name = name;
            RemovedLocal = removedLocal;
            RemovedField = removedField;
        }

        public PortWriter Writer { get; }

        public ReadBackPoint ReadBack { get; }

        public PortUses Uses { get; }

        /// <summary>The variable that holds the port the OS assigned.</summary>
        public string Name { get; }

        public StatementSyntax? RemovedLocal { get; }

        /// <summary>The old port as digits, as strings write it.</summary>
        public string PortText { get; }

        public SyntaxNode? RemovedField { get; }

        /// <summary>Whether the read-back calls <c>First()</c>, which needs System.Linq.</summary>
        public bool UsesLinq => ReadBack.Kind == PortReadBack.WebApplicationAfterStartAsync;

        public SyntaxNode Apply(SyntaxNode root, SemanticModel model, SystemNetNames names, Workspace workspace)
        {
            var editor = new SyntaxEditor(root, workspace.Services);
            var position = ReadBack.Position;

            // What becomes 0.
            var urlEdits = new StringEdits();
            if (Writer.UrlPort is { } urlPort)
            {
                urlEdits.Add(root, urlPort, "0");
                if (Writer.UrlHost is { } urlHost)
                {
                    urlEdits.Add(root, urlHost, "127.0.0.1");
                }
            }
            else if (Writer.ListenLocalhost is { } call)
            {
                // ListenLocalhost(5000) → Listen(IPAddress.Loopback, 0): ListenLocalhost(0) throws at start-up.
                var portIndex = call.ArgumentList.Arguments.IndexOf(argument => argument.Span.Contains(Writer.ListenLocalhostPort!.Span));
                editor.ReplaceNode(call, (current, _) =>
                {
                    var invocation = (InvocationExpressionSyntax)current;
                    var port = invocation.ArgumentList.Arguments[portIndex];
                    return LoopbackRewriter.ListenOnLoopback(
                        invocation.ReplaceNode(port, port.WithExpression(Zero(port.Expression))), names, call.SpanStart);
                });
            }
            else if (Writer.Operand is { } operand)
            {
                editor.ReplaceNode(operand, (current, _) => Zero(current));
            }

            urlEdits.ApplyTo(editor);

            // The uses after the read-back take the new variable.
            foreach (var use in Uses.Expressions)
            {
                var variable = use.Value is { } cast ? ParseExpression($"({cast}){Name}") : IdentifierName(Name);
                editor.ReplaceNode(use.Key, (current, _) => variable.WithTriviaFrom(current));
            }

            // Strings are rebuilt from their current form: a hole may join a reference rewired inside the same string.
            foreach (var text in Uses.Strings)
            {
                editor.ReplaceNode(text, (current, _) => WithHoles((ExpressionSyntax)current, PortText, Name).WithTriviaFrom(current));
            }

            // The read-back itself.
            var uri = model.LookupNamespacesAndTypes(position, name: "Uri").Length == 1 ? "Uri" : "System.Uri";
            var nullable = model.GetNullableContext(position).WarningsEnabled();
            if (ReadBack.DeclareAtAfter && ReadBack.After is ExpressionStatementSyntax portsAdd)
            {
                editor.ReplaceNode(portsAdd, (current, _) =>
                {
                    var statement = (ExpressionStatementSyntax)current;
                    return ParseStatement($"var {Name} = {statement.Expression.WithoutTrivia().ToFullString()};").WithTriviaFrom(statement);
                });
            }
            else
            {
                // Only the socket read-backs name IPEndPoint (asking for it may add "using System.Net;").
                var ipEndPoint = ReadBack.Kind is PortReadBack.WebApplicationAfterStartAsync or PortReadBack.WebApplicationFactoryAfterStart
                    ? string.Empty
                    : names.IPEndPoint(position).ToString();
                var declaration = ParseStatement($"var {Name} = {ReadBack.Expression(ipEndPoint, uri, nullable)};");
                if (ReadBack.After is { } after)
                {
                    editor.InsertAfter(after, declaration.WithLeadingTrivia(Indentation(after)).WithTrailingTrivia(NewLine(after)));
                }
                else if (ReadBack.Block.Statements.FirstOrDefault() is { } first)
                {
                    editor.InsertBefore(first, declaration.WithLeadingTrivia(Indentation(first)).WithTrailingTrivia(NewLine(first)));
                }
                else
                {
                    editor.ReplaceNode(ReadBack.Block, (current, _) => ((BlockSyntax)current).AddStatements(declaration));
                }
            }

            if (RemovedLocal is not null)
            {
                // Comments above the removed declaration ("// Arrange") stay, on the statement that follows it.
                var leading = RemovedLocal.GetLeadingTrivia();
                if (leading.Any(trivia => !trivia.IsKind(SyntaxKind.WhitespaceTrivia) && !trivia.IsKind(SyntaxKind.EndOfLineTrivia)) &&
                    RemovedLocal.Parent is BlockSyntax block && block.Statements.IndexOf(RemovedLocal) + 1 is var next && next < block.Statements.Count)
                {
                    var kept = TriviaList(leading.Reverse().SkipWhile(trivia => trivia.IsKind(SyntaxKind.WhitespaceTrivia)).Reverse());
                    editor.ReplaceNode(block.Statements[next], (current, _) => current.WithLeadingTrivia(kept.AddRange(current.GetLeadingTrivia())));
                }

                editor.RemoveNode(RemovedLocal, SyntaxRemoveOptions.KeepNoTrivia);
            }

            if (RemovedField is not null)
            {
                editor.RemoveNode(RemovedField);
            }

            return editor.GetChangedRoot();
        }

        private static LiteralExpressionSyntax Zero(SyntaxNode current) =>
            LiteralExpression(SyntaxKind.NumericLiteralExpression, Literal(0)).WithTriviaFrom(current);

        private static SyntaxTriviaList Indentation(StatementSyntax statement) =>
            TriviaList(statement.GetLeadingTrivia().Reverse().TakeWhile(trivia => trivia.IsKind(SyntaxKind.WhitespaceTrivia)));

        private static SyntaxTriviaList NewLine(StatementSyntax statement) =>
            TriviaList(statement.GetTrailingTrivia().FirstOrDefault(trivia => trivia.IsKind(SyntaxKind.EndOfLineTrivia)) is { RawKind: not 0 } newLine
                ? newLine
                : CarriageReturnLineFeed);

        /// <summary>
        /// The string with a hole for each loopback port: a plain literal becomes an interpolated string (its braces
        /// doubled), an interpolated one gets holes in its text parts, with as many braces as its <c>$</c> count.
        /// </summary>
        private static ExpressionSyntax WithHoles(ExpressionSyntax text, string portText, string name)
        {
            var builder = new StringBuilder();
            if (text is InterpolatedStringExpressionSyntax interpolated)
            {
                var dollars = interpolated.StringStartToken.Text.TakeWhile(c => c == '$').Count();
                var hole = new string('{', dollars) + name + new string('}', dollars);
                builder.Append(interpolated.StringStartToken.Text);
                foreach (var content in interpolated.Contents)
                {
                    builder.Append(content is InterpolatedStringTextSyntax part ? Holes(part.TextToken.Text, portText, hole, escapeBraces: false) : content.ToFullString());
                }

                builder.Append(interpolated.StringEndToken.Text);
            }
            else
            {
                var source = text.WithoutTrivia().ToFullString();
                var raw = source.StartsWith("\"\"\"", System.StringComparison.Ordinal);
                builder.Append('$').Append(Holes(source, portText, "{" + name + "}", escapeBraces: !raw));
            }

            return ParseExpression(builder.ToString());
        }

        private static string Holes(string source, string portText, string hole, bool escapeBraces)
        {
            var builder = new StringBuilder();
            var next = 0;
            foreach (var span in PortUses.PortSpans(source, portText))
            {
                Append(source.Substring(next, span.Start - next));
                builder.Append(hole);
                next = span.End;
            }

            Append(source.Substring(next));
            return builder.ToString();

            void Append(string piece) => builder.Append(escapeBraces ? piece.Replace("{", "{{").Replace("}", "}}") : piece);
        }
    }
}
