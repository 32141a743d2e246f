using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using LoopbackAnalyzers.Engine;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace LoopbackAnalyzers.CodeFixes.OsAssignedPort
{
    /// <summary>
    /// The other places that carry the old port: the port variable itself, the same number where a port goes
    /// (an argument for a parameter named like "port", an IPEndPoint's port, a "port" variable, a piece of a URL), and
    /// loopback "host:port" text in strings. Those after the read-back, in its block, are rewired to it; one anywhere
    /// else in the compilation (before the read-back, in another member or type, in a constant) withholds the fix,
    /// unless its member binds the same port itself and so talks to a server of its own.
    /// </summary>
    internal sealed class PortUses
    {
        // "localhost:5000", "127.0.0.1:5000", "[::1]:5000" in a URL or an endpoint string, also right after an escape
        // sequence such as \t or \n.
        private static readonly Regex LoopbackHostPort = new Regex(
            @"(?:(?<![\w.\-])|(?<=\\[tnr0]))(?:localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\]):(?<port>\d{1,5})(?!\d)",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        private static readonly char[] Braces = { '{', '}' };

        private PortUses()
        {
        }

        /// <summary>
        /// References to the port variable and port-position numbers, to replace with the read-back variable, each with
        /// the cast it needs where the code expects a narrower type than int (<c>ushort</c>), or null.
        /// </summary>
        public Dictionary<ExpressionSyntax, string?> Expressions { get; } = new Dictionary<ExpressionSyntax, string?>();

        /// <summary>The string literals and interpolated strings whose loopback "host:port" text gets a hole.</summary>
        public HashSet<ExpressionSyntax> Strings { get; } = new HashSet<ExpressionSyntax>();

        /// <summary>Whether the port variable is also named in a <c>nameof</c>, so it cannot go away.</summary>
        public bool NamedInNameof { get; private set; }

        /// <summary>References to the port variable that are neither rewired nor the writer (they keep it alive).</summary>
        public int OtherReferences { get; private set; }

        /// <summary>
        /// Collects the uses of <paramref name="port"/> in <paramref name="scopes"/>; null when one of them cannot be rewired.
        /// </summary>
        public static PortUses? Collect(
            IEnumerable<(SyntaxNode Root, SemanticModel Model)> scopes,
            long port,
            PortWriter writer,
            ReadBackPoint readBack,
            Func<SyntaxNode, SemanticModel, bool> bindsPortItself,
            CancellationToken cancellationToken)
        {
            var uses = new PortUses();
            var portText = port.ToString(CultureInfo.InvariantCulture);
            foreach (var (root, model) in scopes)
            {
                foreach (var node in root.DescendantNodes())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (!writer.Covers(node) && !uses.Classify(node, port, portText, writer, readBack, model, bindsPortItself, cancellationToken))
                    {
                        return null;
                    }
                }
            }

            return uses;
        }

        /// <summary>Records <paramref name="node"/> if it carries the port; false when it does and cannot be rewired.</summary>
        private bool Classify(
            SyntaxNode node,
            long port,
            string portText,
            PortWriter writer,
            ReadBackPoint readBack,
            SemanticModel model,
            Func<SyntaxNode, SemanticModel, bool> bindsPortItself,
            CancellationToken cancellationToken)
        {
            switch (node)
            {
                case IdentifierNameSyntax name when writer.Symbol is { } symbol && name.Identifier.ValueText == symbol.Name &&
                                                    SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, symbol):
                    if (IsInNameof(name))
                    {
                        NamedInNameof = true;
                        return true;
                    }

                    // Tests.ServerPort and this.serverPort are replaced whole.
                    ExpressionSyntax reference = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
                    if (AddExpression(reference, readBack, model, cancellationToken))
                    {
                        return true;
                    }

                    OtherReferences++;
                    return bindsPortItself(name, model);

                case LiteralExpressionSyntax { Token.Value: { } value } literal when literal.IsKind(SyntaxKind.NumericLiteralExpression) &&
                                                                                   ValueResolver.ToInt64(value) == port &&
                                                                                   IsPortPosition(literal, model, cancellationToken):
                    return AddExpression(literal, readBack, model, cancellationToken) || bindsPortItself(literal, model);

                // The same number elsewhere in the server's own method, where it is not clearly something else (a timeout,
                // a size): Assert.Equal(5000, ...) may be about the port. The fix is withheld rather than guessed.
                case LiteralExpressionSyntax { Token.Value: { } value } literal when literal.IsKind(SyntaxKind.NumericLiteralExpression) &&
                                                                                   ValueResolver.ToInt64(value) == port &&
                                                                                   readBack.Block.Ancestors().OfType<MemberDeclarationSyntax>().FirstOrDefault() is { } siteMember &&
                                                                                   literal.SyntaxTree == siteMember.SyntaxTree && siteMember.Span.Contains(literal.Span):
                    return IsClearlyNotAPort(literal, model, cancellationToken);

                case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) || literal.IsKind(SyntaxKind.Utf8StringLiteralExpression):
                    return AddString(literal, literal, literal.Token, portText, readBack, bindsPortItself, model, cancellationToken);

                case InterpolatedStringTextSyntax { Parent: InterpolatedStringExpressionSyntax interpolated } text:
                    return AddString(text, interpolated, text.TextToken, portText, readBack, bindsPortItself, model, cancellationToken);

                default:
                    return true;
            }
        }

        private bool AddExpression(ExpressionSyntax expression, ReadBackPoint readBack, SemanticModel model, CancellationToken cancellationToken)
        {
            if (!CanTakeTheVariable(expression, readBack, model, cancellationToken))
            {
                return false;
            }

            // The read-back is an int; a ushort (or byte) slot needs it cast back.
            var target = model.GetTypeInfo(expression, cancellationToken).ConvertedType;
            var fromInt = model.Compilation.GetSpecialType(SpecialType.System_Int32);
            var cast = target is null || target.SpecialType == SpecialType.System_Int32 || model.Compilation.ClassifyConversion(fromInt, target).IsImplicit
                ? null
                : target.ToMinimalDisplayString(model, expression.SpanStart);
            Expressions[expression] = cast;
            return true;
        }

        private bool AddString(
            SyntaxNode node,
            ExpressionSyntax stringExpression,
            SyntaxToken token,
            string portText,
            ReadBackPoint readBack,
            Func<SyntaxNode, SemanticModel, bool> bindsPortItself,
            SemanticModel model,
            CancellationToken cancellationToken)
        {
            if (!HasPort(token.Text, portText))
            {
                return true;
            }

            var rewritable = CanTakeTheVariable(node, readBack, model, cancellationToken) &&
                             !(node is LiteralExpressionSyntax && (node.IsKind(SyntaxKind.Utf8StringLiteralExpression) || IsRawWithBraces(token)));
            if (!rewritable)
            {
                return bindsPortItself(node, model);
            }

            Strings.Add(stringExpression);
            return true;
        }

        /// <summary>The spans of the port digits after a loopback host in <paramref name="text"/>, relative to it.</summary>
        public static IEnumerable<TextSpan> PortSpans(string text, string portText) =>
            LoopbackHostPort.Matches(text).Cast<Match>()
                .Select(match => match.Groups["port"])
                .Where(group => group.Value == portText)
                .Select(group => new TextSpan(group.Index, group.Length));

        private static bool HasPort(string text, string portText) => PortSpans(text, portText).Any();

        /// <summary>
        /// Whether the read-back variable can go at <paramref name="node"/>: after the read-back in its block, where no
        /// constant is needed, and not inside a local function (it may be called before the read-back) or a static lambda.
        /// </summary>
        private static bool CanTakeTheVariable(SyntaxNode node, ReadBackPoint readBack, SemanticModel model, CancellationToken cancellationToken) =>
            readBack.Precedes(node) && !IsConstantContext(node) &&
            !node.Ancestors().TakeWhile(ancestor => ancestor != readBack.Block).Any(ancestor =>
                ancestor is LocalFunctionStatementSyntax function && (function.Modifiers.Any(SyntaxKind.StaticKeyword) || !OnlyUsedAfter(function, readBack, model, cancellationToken)) ||
                ancestor is AnonymousFunctionExpressionSyntax lambda && lambda.Modifiers.Any(SyntaxKind.StaticKeyword));

        /// <summary>A local function written after the read-back may still be called before it; every reference must come after.</summary>
        private static bool OnlyUsedAfter(LocalFunctionStatementSyntax function, ReadBackPoint readBack, SemanticModel model, CancellationToken cancellationToken)
        {
            var symbol = model.GetDeclaredSymbol(function, cancellationToken);
            return function.Parent is { } scope && scope.DescendantNodes().OfType<IdentifierNameSyntax>()
                .Where(name => name.Identifier.ValueText == function.Identifier.ValueText &&
                               SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, symbol))
                .All(reference => readBack.Precedes(reference) && !function.Span.Contains(reference.Span) &&
                                  !reference.Ancestors().Any(ancestor => ancestor is LocalFunctionStatementSyntax && ancestor != function && ancestor.SpanStart < readBack.Position));
        }

        /// <summary>
        /// Where a number is a port: an argument for a parameter whose name says port (or of string.Format), an assignment
        /// to such a member, the initializer of such a variable, or a piece of a string built from parts.
        /// </summary>
        private static bool IsPortPosition(ExpressionSyntax literal, SemanticModel model, CancellationToken cancellationToken)
        {
            SyntaxNode node = literal;
            while (node.Parent is CastExpressionSyntax or ParenthesizedExpressionSyntax or CheckedExpressionSyntax ||
                   node.Parent is ConditionalExpressionSyntax conditional && conditional.Condition != node ||
                   node.Parent is BinaryExpressionSyntax coalesce && coalesce.IsKind(SyntaxKind.CoalesceExpression))
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
                // A delegate's parameters (Func<int, T>: "arg") say nothing, so the number counts there too.
                case ArgumentSyntax:
                    return ParameterOf(literal, model, cancellationToken) is { } parameter &&
                           (PortWord.IsIn(parameter.Name) ||
                            parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.DelegateInvoke } ||
                            parameter.ContainingSymbol is IMethodSymbol { Name: "Format", ContainingType.SpecialType: SpecialType.System_String });
                case AssignmentExpressionSyntax assignment when assignment.Right == node:
                    return model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol is { } target && PortWord.IsIn(target.Name);
                case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }:
                    return PortWord.IsIn(declarator.Identifier.ValueText);
                default:
                    return false;
            }
        }

        private static readonly string[] NotPortWords = { "timeout", "millisecond", "delay", "second", "interval", "count", "length", "size", "capacity", "backlog", "buffer", "max", "retr", "attempt", "limit" };

        /// <summary>A number for a parameter, property or variable whose name says what else it is (millisecondsTimeout, bufferSize).</summary>
        private static bool IsClearlyNotAPort(ExpressionSyntax literal, SemanticModel model, CancellationToken cancellationToken)
        {
            var name = ParameterOf(literal, model, cancellationToken)?.Name ??
                       (literal.Parent switch
                       {
                           AssignmentExpressionSyntax assignment => model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol?.Name,
                           EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } => declarator.Identifier.ValueText,
                           _ => null,
                       });
            return name is not null && NotPortWords.Any(word => name.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0) ||
                   literal.Ancestors().OfType<InvocationExpressionSyntax>().FirstOrDefault() is { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "TimeSpan" } } };
        }

        /// <summary>The parameter the argument around <paramref name="literal"/> binds to (walking up, as <c>checked(...)</c> has no operation).</summary>
        private static IParameterSymbol? ParameterOf(ExpressionSyntax literal, SemanticModel model, CancellationToken cancellationToken)
        {
            var operation = model.GetOperation(literal, cancellationToken);
            while (operation is not null and not IArgumentOperation)
            {
                operation = operation.Parent;
            }

            return (operation as IArgumentOperation)?.Parameter;
        }

        private static bool IsInNameof(IdentifierNameSyntax name) =>
            name.Ancestors().OfType<InvocationExpressionSyntax>().Any(invocation =>
                invocation.Expression is IdentifierNameSyntax { Identifier.ValueText: "nameof" });

        /// <summary>Places that need a constant, where the read-back variable cannot go.</summary>
        private static bool IsConstantContext(SyntaxNode node) =>
            node.Ancestors().Any(ancestor =>
                ancestor is AttributeArgumentSyntax or ParameterSyntax or CaseSwitchLabelSyntax or ConstantPatternSyntax ||
                ancestor is LocalDeclarationStatementSyntax local && local.IsConst ||
                ancestor is FieldDeclarationSyntax field && field.Modifiers.Any(SyntaxKind.ConstKeyword));

        private static bool IsRawWithBraces(SyntaxToken token) =>
            token.Text.StartsWith("\"\"\"", StringComparison.Ordinal) && token.Text.IndexOfAny(Braces) >= 0;
    }
}
