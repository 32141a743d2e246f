using System;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LoopbackAnalyzers.Engine
{
    /// <summary>
    /// Resolves a string operand to a <see cref="StringValue"/>: literals of every kind, interpolated strings,
    /// concatenation, <c>string.Format</c> with a constant format, and locals and fields that hold those.
    /// </summary>
    internal sealed class StringValueResolver
    {
        private const int MaxDepth = 8;

        private readonly ValueResolver _values;

        public StringValueResolver(ValueResolver values) => _values = values;

        public StringValue Resolve(IOperation operation, CancellationToken cancellationToken)
        {
            var builder = new StringValue.Builder();
            Append(builder, operation, 0, cancellationToken);
            return builder.ToValue();
        }

        private void Append(StringValue.Builder builder, IOperation operation, int depth, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            operation = ValueResolver.Unwrap(operation);
            if (depth > MaxDepth)
            {
                AppendConstantOrHole(builder, operation);
                return;
            }

            switch (operation)
            {
                case ILiteralOperation { ConstantValue: { HasValue: true, Value: string } } literal
                    when literal.Syntax is LiteralExpressionSyntax syntax:
                    AppendToken(builder, syntax.Token, TokenKind(syntax.Token));
                    return;

                case IInterpolatedStringOperation interpolated
                    when interpolated.Syntax is InterpolatedStringExpressionSyntax syntax:
                    var kind = syntax.StringStartToken.Text.Contains("\"\"\"") ? Kind.Raw
                        : syntax.StringStartToken.Text.Contains("@") ? Kind.Verbatim
                        : Kind.Regular;
                    foreach (var part in interpolated.Parts)
                    {
                        if (part is IInterpolatedStringTextOperation { Syntax: InterpolatedStringTextSyntax text })
                        {
                            AppendToken(builder, text.TextToken, kind);
                        }
                        else if (part is IInterpolationOperation { Alignment: null, FormatString: null } hole)
                        {
                            Append(builder, hole.Expression, depth + 1, cancellationToken);
                        }
                        else
                        {
                            builder.AppendHole();
                        }
                    }

                    return;

                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } concatenation:
                    Append(builder, concatenation.LeftOperand, depth + 1, cancellationToken);
                    Append(builder, concatenation.RightOperand, depth + 1, cancellationToken);
                    return;

                case IInvocationOperation { TargetMethod: { Name: "Format", IsStatic: true, ContainingType.SpecialType: SpecialType.System_String } } format
                    when format.Arguments.Length >= 2 && format.Arguments[0].Value.Type?.SpecialType == SpecialType.System_String:
                    AppendFormat(builder, format, depth, cancellationToken);
                    return;

                case ILocalReferenceOperation or IFieldReferenceOperation when !operation.ConstantValue.HasValue:
                    var defined = _values.Resolve(operation, cancellationToken);
                    if (defined != operation)
                    {
                        Append(builder, defined, depth + 1, cancellationToken);
                        return;
                    }

                    break;
            }

            AppendConstantOrHole(builder, operation);
        }

        private static void AppendConstantOrHole(StringValue.Builder builder, IOperation operation)
        {
            switch (operation.ConstantValue)
            {
                case { HasValue: true, Value: string text }:
                    builder.AppendUntraced(text);
                    break;
                case { HasValue: true, Value: IFormattable number }:
                    builder.AppendUntraced(number.ToString(null, CultureInfo.InvariantCulture));
                    break;
                case { HasValue: true, Value: char character }:
                    builder.AppendUntraced(character.ToString());
                    break;
                default:
                    builder.AppendHole();
                    break;
            }
        }

        /// <summary>string.Format("http://{0}:{1}", host, port): the format's text, with the arguments in its holes.</summary>
        private void AppendFormat(StringValue.Builder builder, IInvocationOperation format, int depth, CancellationToken cancellationToken)
        {
            var pattern = Resolve(format.Arguments[0].Value, cancellationToken);
            var arguments = ArgumentValues(format);
            var text = pattern.Text;
            for (var i = 0; i < text.Length; i++)
            {
                var character = text[i];
                if ((character == '{' || character == '}') && i + 1 < text.Length && text[i + 1] == character)
                {
                    builder.Append(pattern.Slice(i, 1));
                    i++;
                    continue;
                }

                if (character != '{')
                {
                    builder.Append(pattern.Slice(i, 1));
                    continue;
                }

                var close = text.IndexOf('}', i);
                var body = close < 0 ? string.Empty : text.Substring(i + 1, close - i - 1);
                if (close < 0 || !int.TryParse(body, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= arguments.Length || arguments[index] is null)
                {
                    builder.AppendHole(); // alignment, format specifier, or a bad index: the text is unknown
                }
                else
                {
                    Append(builder, arguments[index]!, depth + 1, cancellationToken);
                }

                i = close < 0 ? text.Length : close;
            }
        }

        private static IOperation?[] ArgumentValues(IInvocationOperation format)
        {
            var rest = format.Arguments[1].Value;
            if (format.Arguments.Length == 2 && rest is IArrayCreationOperation { Initializer: { } initializer })
            {
                var values = new IOperation?[initializer.ElementValues.Length];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = initializer.ElementValues[i];
                }

                return values;
            }

            var arguments = new IOperation?[format.Arguments.Length - 1];
            for (var i = 1; i < format.Arguments.Length; i++)
            {
                arguments[i - 1] = format.Arguments[i].Value;
            }

            return arguments;
        }

        private enum Kind
        {
            Regular,
            Verbatim,
            Raw,
        }

        private static Kind TokenKind(SyntaxToken token) => token.Kind() switch
        {
            SyntaxKind.SingleLineRawStringLiteralToken or SyntaxKind.MultiLineRawStringLiteralToken => Kind.Raw,
            _ => token.Text.StartsWith("@", StringComparison.Ordinal) ? Kind.Verbatim : Kind.Regular,
        };

        /// <summary>Appends a literal token's value, tracing each character to where the source wrote it.</summary>
        private static void AppendToken(StringValue.Builder builder, SyntaxToken token, Kind kind)
        {
            var tree = token.SyntaxTree;
            var value = token.ValueText;
            if (tree is null)
            {
                builder.AppendUntraced(value);
                return;
            }

            var text = token.Text;
            var isWholeLiteral = token.IsKind(SyntaxKind.StringLiteralToken) || kind == Kind.Raw && !token.IsKind(SyntaxKind.InterpolatedStringTextToken);
            var (contentStart, contentEnd) = isWholeLiteral ? ContentBounds(text, kind) : (0, text.Length);

            // Most literals spell their value as is: trace character for character.
            if (contentEnd - contentStart == value.Length && string.CompareOrdinal(text, contentStart, value, 0, value.Length) == 0)
            {
                for (var i = 0; i < value.Length; i++)
                {
                    builder.AppendTraced(value[i], tree, token.SpanStart + contentStart + i);
                }

                return;
            }

            if (kind != Kind.Raw && TryDecode(builder, text, contentStart, contentEnd, value, kind, tree, token.SpanStart, token.IsKind(SyntaxKind.InterpolatedStringTextToken)))
            {
                return;
            }

            // Multi-line raw strings (indentation removed) and anything unexpected: known, but not traced.
            builder.AppendUntraced(value);
        }

        private static (int Start, int End) ContentBounds(string text, Kind kind)
        {
            switch (kind)
            {
                case Kind.Verbatim:
                    return (2, Math.Max(2, text.Length - 1));
                case Kind.Raw:
                    var quotes = 0;
                    while (quotes < text.Length && text[quotes] == '"')
                    {
                        quotes++;
                    }

                    return (quotes, Math.Max(quotes, text.Length - quotes));
                default:
                    return (1, Math.Max(1, text.Length - 1));
            }
        }

        /// <summary>Decodes escape sequences (regular) or doubled quotes (verbatim) and doubled braces (interpolated).</summary>
        private static bool TryDecode(StringValue.Builder builder, string text, int start, int end, string expected, Kind kind, SyntaxTree tree, int offset, bool interpolated)
        {
            var decoded = new StringValue.Builder();
            var produced = new System.Text.StringBuilder();
            for (var i = start; i < end;)
            {
                var c = text[i];
                if (interpolated && (c == '{' || c == '}') && i + 1 < end && text[i + 1] == c)
                {
                    decoded.AppendTraced(c, tree, offset + i, width: 2);
                    produced.Append(c);
                    i += 2;
                }
                else if (kind == Kind.Verbatim && c == '"' && i + 1 < end && text[i + 1] == '"')
                {
                    decoded.AppendTraced('"', tree, offset + i, width: 2);
                    produced.Append('"');
                    i += 2;
                }
                else if (kind == Kind.Regular && c == '\\' && i + 1 < end)
                {
                    var length = EscapeLength(text, i, end, out var value);
                    if (length == 0)
                    {
                        return false;
                    }

                    for (var k = 0; k < value.Length; k++)
                    {
                        // A surrogate pair from one \U escape: the first half carries the escape's width.
                        decoded.AppendTraced(value[k], tree, offset + i, width: k == 0 ? length : 0);
                        produced.Append(value[k]);
                    }

                    i += length;
                }
                else
                {
                    decoded.AppendTraced(c, tree, offset + i);
                    produced.Append(c);
                    i++;
                }
            }

            if (produced.ToString() != expected)
            {
                return false;
            }

            builder.Append(decoded.ToValue());
            return true;
        }

        private static int EscapeLength(string text, int at, int end, out string value)
        {
            value = string.Empty;
            var code = text[at + 1];
            switch (code)
            {
                case '\'': value = "'"; return 2;
                case '"': value = "\""; return 2;
                case '\\': value = "\\"; return 2;
                case '0': value = "\0"; return 2;
                case 'a': value = "\a"; return 2;
                case 'b': value = "\b"; return 2;
                case 'e': value = "\u001b"; return 2;
                case 'f': value = "\f"; return 2;
                case 'n': value = "\n"; return 2;
                case 'r': value = "\r"; return 2;
                case 't': value = "\t"; return 2;
                case 'v': value = "\v"; return 2;
                case 'x':
                    var digits = 0;
                    while (digits < 4 && at + 2 + digits < end && Uri.IsHexDigit(text[at + 2 + digits]))
                    {
                        digits++;
                    }

                    if (digits == 0)
                    {
                        return 0;
                    }

                    value = ((char)int.Parse(text.Substring(at + 2, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString();
                    return 2 + digits;
                case 'u':
                case 'U':
                    var count = code == 'u' ? 4 : 8;
                    if (at + 2 + count > end ||
                        !int.TryParse(text.Substring(at + 2, count), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var scalar) ||
                        scalar < 0 || scalar > 0x10FFFF)
                    {
                        return 0;
                    }

                    // \uD800 is a lone surrogate, legal in C#; ConvertFromUtf32 would reject it.
                    value = scalar <= 0xFFFF ? ((char)scalar).ToString() : char.ConvertFromUtf32(scalar);
                    return 2 + count;
                default:
                    return 0;
            }
        }
    }
}
