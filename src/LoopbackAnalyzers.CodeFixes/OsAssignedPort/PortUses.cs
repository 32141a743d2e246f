using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace LoopbackAnalyzers.CodeFixes.OsAssignedPort
{
    /// <summary>
    /// The other places that carry the old port: the port variable itself, the same number where a port goes
    /// (an argument for a parameter named like "port", an IPEndPoint's port, a "port" variable), and loopback
    /// "host:port" text in strings. Those after the read-back are rewired to it; one anywhere else in the type
    /// (before the read-back, in another member, in a shared field) withholds the fix, unless that member binds the
    /// same port itself and so talks to a server of its own.
    /// </summary>
    internal sealed class PortUses
    {
        // "localhost:5000", "127.0.0.1:5000", "[::1]:5000" in a URL or an endpoint string.
        private static readonly Regex LoopbackHostPort = new Regex(
            @"(?<![\w.\-])(?:localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\]):(?<port>\d{1,5})(?!\d)",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        private PortUses()
        {
        }

        /// <summary>References to the port variable and port-position literals, to replace with the read-back variable.</summary>
        public List<ExpressionSyntax> Expressions { get; } = new List<ExpressionSyntax>();

        /// <summary>Port digits inside string literals and interpolated strings, to replace with a hole.</summary>
        public List<TextSpan> StringPorts { get; } = new List<TextSpan>();

        /// <summary>
        /// Collects the uses of <paramref name="port"/> in <paramref name="type"/>; null when one of them cannot be rewired.
        /// </summary>
        public static PortUses? Collect(
            TypeDeclarationSyntax type,
            long port,
            PortWriter writer,
            ReadBackPoint readBack,
            Func<SyntaxNode, bool> bindsPortItself,
            SemanticModel model,
            CancellationToken cancellationToken)
        {
            var uses = new PortUses();
            var portText = port.ToString(CultureInfo.InvariantCulture);
            foreach (var node in type.DescendantNodes())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (writer.Covers(node))
                {
                    continue;
                }

                switch (node)
                {
                    case IdentifierNameSyntax name when writer.Symbol is { } symbol && name.Identifier.ValueText == symbol.Name &&
                                                        SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, symbol):
                        if (!uses.Add(name, readBack, bindsPortItself))
                        {
                            return null;
                        }

                        break;

                    case LiteralExpressionSyntax { Token.Value: { } value } literal when literal.IsKind(SyntaxKind.NumericLiteralExpression) &&
                                                                                       Engine.ValueResolver.ToInt64(value) == port &&
                                                                                       IsPortPosition(literal, model, cancellationToken):
                        if (!uses.Add(literal, readBack, bindsPortItself))
                        {
                            return null;
                        }

                        break;

                    case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                        if (!uses.AddStringPorts(literal, literal.Token, portText, readBack, bindsPortItself))
                        {
                            return null;
                        }

                        break;

                    case InterpolatedStringTextSyntax text:
                        if (!uses.AddStringPorts(text, text.TextToken, portText, readBack, bindsPortItself))
                        {
                            return null;
                        }

                        break;
                }
            }

            return uses;
        }

        private bool Add(ExpressionSyntax expression, ReadBackPoint readBack, Func<SyntaxNode, bool> bindsPortItself)
        {
            if (readBack.Precedes(expression) && !IsConstantContext(expression))
            {
                Expressions.Add(expression);
                return true;
            }

            return bindsPortItself(expression);
        }

        private bool AddStringPorts(SyntaxNode node, SyntaxToken token, string portText, ReadBackPoint readBack, Func<SyntaxNode, bool> bindsPortItself)
        {
            var matches = LoopbackHostPort.Matches(token.Text).Cast<Match>().Where(match => match.Groups["port"].Value == portText).ToList();
            if (matches.Count == 0)
            {
                return true;
            }

            var rewritable = readBack.Precedes(node) && !IsConstantContext(node) &&
                             !(node is LiteralExpressionSyntax && (IsUtf8(token) || IsRawWithBraces(token)));
            if (!rewritable)
            {
                return bindsPortItself(node);
            }

            foreach (var match in matches)
            {
                var group = match.Groups["port"];
                StringPorts.Add(new TextSpan(token.SpanStart + group.Index, group.Length));
            }

            return true;
        }

        /// <summary>
        /// Where a number is a port: an argument for a parameter whose name says port, an assignment to such a member,
        /// the initializer of such a variable, or a piece of a string built from parts.
        /// </summary>
        private static bool IsPortPosition(ExpressionSyntax literal, SemanticModel model, CancellationToken cancellationToken)
        {
            SyntaxNode node = literal;
            while (node.Parent is CastExpressionSyntax or ParenthesizedExpressionSyntax or CheckedExpressionSyntax)
            {
                node = node.Parent;
            }

            switch (node.Parent)
            {
                // Built into a URL: "http://localhost:" + 5000, $"http://localhost:{5000}/".
                case InterpolationSyntax:
                    return true;
                case BinaryExpressionSyntax concatenation when concatenation.IsKind(SyntaxKind.AddExpression):
                    return model.GetTypeInfo(concatenation, cancellationToken).Type?.SpecialType == SpecialType.System_String;
                case ArgumentSyntax argument:
                    return model.GetOperation(argument, cancellationToken) is Microsoft.CodeAnalysis.Operations.IArgumentOperation { Parameter: { } parameter } &&
                           NamesPort(parameter.Name);
                case AssignmentExpressionSyntax assignment when assignment.Right == node:
                    return model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol is { } target && NamesPort(target.Name);
                case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }:
                    return NamesPort(declarator.Identifier.ValueText);
                default:
                    return false;
            }
        }

        private static bool NamesPort(string name) => name.IndexOf("port", StringComparison.OrdinalIgnoreCase) >= 0;

        /// <summary>Places that need a constant, where the read-back variable cannot go.</summary>
        private static bool IsConstantContext(SyntaxNode node) =>
            node.Ancestors().Any(ancestor =>
                ancestor is AttributeArgumentSyntax or ParameterSyntax or CaseSwitchLabelSyntax or ConstantPatternSyntax ||
                ancestor is LocalDeclarationStatementSyntax local && local.IsConst ||
                ancestor is FieldDeclarationSyntax field && field.Modifiers.Any(SyntaxKind.ConstKeyword));

        private static bool IsUtf8(SyntaxToken token) => token.Text.EndsWith("u8", StringComparison.OrdinalIgnoreCase);

        private static readonly char[] Braces = { '{', '}' };

        private static bool IsRawWithBraces(SyntaxToken token) =>
            token.Text.StartsWith("\"\"\"", StringComparison.Ordinal) && token.Text.IndexOfAny(Braces) >= 0;
    }
}
