using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopbackAnalyzers.Tests.Infrastructure
{
    /// <summary>
    /// Seeded, token-level mutations of C# source, made with Roslyn's lexer (and, to find statements, its parser):
    /// the same (seed, index) always gives the same variant, whatever else runs, so any variant can be rebuilt from its
    /// index alone. Most mutations break the code; some (a token in both branches of <c>#if DEBUG</c>, an empty
    /// <c>#if</c>, a comment, a statement embedded in <c>if (true)</c>) keep it compiling, so that fixes get checked there.
    /// </summary>
    public static class SourceMutator
    {
        /// <summary>The default base seed; <c>LOOPBACK_MUTATION_SEED</c> overrides it.</summary>
        public const int DefaultSeed = 20_240_601;

        /// <summary>Odd numeric forms (hex, separators, negative, out of port range, zero, named and cast constants).</summary>
        public static readonly ImmutableArray<string> OddNumbers = ImmutableArray.Create(
            "0x1F90", "5_000", "-1", "70000", "0", "int.MaxValue", "(ushort)5000", "65535", "65536", "long.MaxValue", "0L", "-0", "1e3");

        /// <summary>Odd URL and host strings, as C# literal source text.</summary>
        public static readonly ImmutableArray<string> OddStrings = ImmutableArray.Create(
            "\"http://*:\"", "\"http://[::1\"", "\"://\"", "\"http://*:99999999999\"", "\"\"", "\"\\u0000\"",
            "\"http://+:5000/\"", "\"0.0.0.0\"", "\"[::]\"", "\"*\"", "\"http://*:5000;http://[::\"", "\"http://user@*:\"",
            "\"http://[::]:-1\"", "\"--urls=\"", "\"http://\\u0000:5000\"", "@\"http://*:\"\"5000\"", "\"\"\"http://[::]\"\"\"", "null");

        public sealed record Variant(int Index, int SeedIndex, string SeedOrigin, string Text, ImmutableArray<string> Mutations)
        {
            public override string ToString() =>
                $"variant {Index} (seed input {SeedIndex}, {SeedOrigin}; {string.Join("; ", Mutations)})";
        }

        /// <summary>Variant <paramref name="index"/>: corpus input <c>index % corpus.Length</c>, mutated one to three times.</summary>
        public static Variant Create(IReadOnlyList<SeedCorpus.Seed> corpus, int baseSeed, int index)
        {
            var seedIndex = index % corpus.Count;
            var random = new Random(unchecked((baseSeed * 31) + (index * 1_000_003)));
            var text = corpus[seedIndex].Text;
            var mutations = ImmutableArray.CreateBuilder<string>();
            var count = 1 + (random.NextDouble() < 0.35 ? 1 : 0) + (random.NextDouble() < 0.1 ? 1 : 0);
            for (var i = 0; i < count; i++)
            {
                var (mutated, description) = Mutate(text, random);
                text = mutated;
                mutations.Add(description);
            }

            return new Variant(index, seedIndex, corpus[seedIndex].Origin, text, mutations.ToImmutable());
        }

        /// <summary>One random mutation of <paramref name="text"/>, and what it was.</summary>
        public static (string Text, string Description) Mutate(string text, Random random)
        {
            var tokens = SyntaxFactory.ParseTokens(text).ToList();
            var real = Enumerable.Range(0, tokens.Count).Where(i => !tokens[i].IsKind(SyntaxKind.EndOfFileToken)).ToList();
            if (real.Count == 0)
            {
                return ("#if DEBUG\n" + text, "insert #if DEBUG into a text without tokens");
            }

            var numbers = real.Where(i => tokens[i].IsKind(SyntaxKind.NumericLiteralToken)).ToList();
            var strings = real.Where(i => tokens[i].Kind() is SyntaxKind.StringLiteralToken or SyntaxKind.SingleLineRawStringLiteralToken
                or SyntaxKind.MultiLineRawStringLiteralToken or SyntaxKind.Utf8StringLiteralToken).ToList();

            // Literal replacements are weighted up: they are what the engine reads most closely.
            // Kinds 9 to 12 keep compiling code compiling, so that fixes are checked on more of it.
            var kind = random.Next(13);
            if (kind is 4 or 5 && numbers.Count == 0)
            {
                kind = 0;
            }

            if (kind is 6 or 7 && strings.Count == 0)
            {
                kind = 1;
            }

            var at = real[random.Next(real.Count)];
            switch (kind)
            {
                case 0:
                    return (Replace(tokens, at, string.Empty), $"delete token {at} `{tokens[at].Text}`");
                case 1:
                    return (Replace(tokens, at, tokens[at].Text + " " + tokens[at].Text), $"duplicate token {at} `{tokens[at].Text}`");
                case 2:
                {
                    var position = real.IndexOf(at);
                    if (position + 1 >= real.Count)
                    {
                        return (Replace(tokens, at, string.Empty), $"delete token {at} `{tokens[at].Text}`");
                    }

                    var next = real[position + 1];
                    var swapped = tokens.Select(token => token.ToFullString()).ToArray();
                    swapped[at] = Full(tokens[at], tokens[next].Text);
                    swapped[next] = Full(tokens[next], tokens[at].Text);
                    return (string.Concat(swapped), $"swap tokens {at} `{tokens[at].Text}` and {next} `{tokens[next].Text}`");
                }

                case 3:
                {
                    var withToken = random.Next(2) == 0;
                    var end = withToken ? tokens[at].Span.End : tokens[at].FullSpan.Start;
                    return (text.Substring(0, end), $"truncate {(withToken ? "after" : "before")} token {at} `{tokens[at].Text}` (at {end})");
                }

                case 4:
                case 5:
                {
                    var number = numbers[random.Next(numbers.Count)];
                    var value = OddNumbers[random.Next(OddNumbers.Length)];
                    return (Replace(tokens, number, value), $"number {number} `{tokens[number].Text}` -> `{value}`");
                }

                case 6:
                case 7:
                {
                    var literal = strings[random.Next(strings.Count)];
                    var value = OddStrings[random.Next(OddStrings.Length)];
                    return (Replace(tokens, literal, value), $"string {literal} `{Shorten(tokens[literal].Text)}` -> `{value}`");
                }

                case 9:
                {
                    // The token in both branches of #if DEBUG / #else: the code means the same with or without DEBUG.
                    var token = tokens[at].Text;
                    return (Replace(tokens, at, $"\n#if DEBUG\n{token}\n#else\n{token}\n#endif\n"), $"token {at} `{token}` in both branches of #if DEBUG/#else");
                }

                case 10:
                {
                    var leading = tokens[at].LeadingTrivia.ToFullString().Length;
                    var pieces = tokens.Select(token => token.ToFullString()).ToArray();
                    pieces[at] = pieces[at].Insert(leading, "\n#if DEBUG\n#endif\n");
                    return (string.Concat(pieces), $"insert an empty #if DEBUG/#endif before token {at} `{tokens[at].Text}`");
                }

                case 11:
                {
                    var comment = random.Next(2) == 0 ? "/* c */ " : "// c\n";
                    var leading = tokens[at].LeadingTrivia.ToFullString().Length;
                    var pieces = tokens.Select(token => token.ToFullString()).ToArray();
                    pieces[at] = pieces[at].Insert(leading, comment);
                    return (string.Concat(pieces), $"insert `{comment.Trim()}` before token {at} `{tokens[at].Text}`");
                }

                case 12:
                {
                    // A statement of a block becomes the embedded statement of an if: it is no longer in a statement list.
                    var statements = CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest)).GetRoot().DescendantNodes()
                        .OfType<StatementSyntax>()
                        .Where(statement => statement is ExpressionStatementSyntax or ReturnStatementSyntax && statement.Parent is BlockSyntax)
                        .ToList();
                    if (statements.Count == 0)
                    {
                        return (Replace(tokens, at, tokens[at].Text + " " + tokens[at].Text), $"duplicate token {at} `{tokens[at].Text}`");
                    }

                    var embedded = statements[random.Next(statements.Count)];
                    return (text.Insert(embedded.SpanStart, "if (true) "), $"embed the statement at {embedded.SpanStart} `{Shorten(embedded.ToString())}` in if (true)");
                }

                default:
                {
                    // #if DEBUG ... #endif around a run of tokens (shape 0; shape 3 with an #else inside),
                    // or only one of the two, unbalanced (shapes 1 and 2).
                    var shape = random.Next(4);
                    var last = real[Math.Min(real.Count - 1, real.IndexOf(at) + random.Next(0, 12))];
                    var pieces = tokens.Select(token => token.ToFullString()).ToArray();
                    if (shape != 2)
                    {
                        var leading = tokens[at].LeadingTrivia.ToFullString().Length;
                        pieces[at] = pieces[at].Insert(leading, "\n#if DEBUG\n");
                    }

                    if (shape == 3 && last != at)
                    {
                        var leading = tokens[last].LeadingTrivia.ToFullString().Length;
                        pieces[last] = pieces[last].Insert(leading, "\n#else\n");
                    }

                    if (shape != 1)
                    {
                        pieces[shape == 2 ? at : last] += "\n#endif\n";
                    }

                    var description = shape switch
                    {
                        1 => $"insert #if DEBUG before token {at} `{tokens[at].Text}`",
                        2 => $"insert #endif after token {at} `{tokens[at].Text}`",
                        3 => $"wrap tokens {at}..{last} in #if DEBUG/#endif, #else before token {last}",
                        _ => $"wrap tokens {at}..{last} in #if DEBUG/#endif",
                    };

                    return (string.Concat(pieces), description);
                }
            }
        }

        private static string Replace(List<SyntaxToken> tokens, int index, string replacement)
        {
            var text = new StringBuilder();
            for (var i = 0; i < tokens.Count; i++)
            {
                text.Append(i == index ? Full(tokens[i], replacement) : tokens[i].ToFullString());
            }

            return text.ToString();
        }

        private static string Full(SyntaxToken token, string text) =>
            token.LeadingTrivia.ToFullString() + text + token.TrailingTrivia.ToFullString();

        private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 37) + "...";
    }
}
