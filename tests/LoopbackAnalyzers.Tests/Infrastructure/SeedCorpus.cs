using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using LoopbackAnalyzers.Tests.Robustness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopbackAnalyzers.Tests.Infrastructure
{
    /// <summary>
    /// Every C# input of the test project, read from the test sources themselves at test time, so a new rule test
    /// joins the robustness corpus without being listed anywhere.
    /// </summary>
    /// <remarks>
    /// The rule tests under <c>Rules/</c> are parsed with Roslyn. A string literal is an input when its value looks like
    /// C# (it contains "class ", "namespace " or "using "). Interpolation holes (<c>{{address}}</c>) are filled with the
    /// values that reach the hole's name: <c>[InlineData]</c> rows of the method whose parameter it is, literal arguments
    /// of calls to that method in the same file, parameter defaults, and the same again through parameters passed on
    /// (<c>FixAsync(body, ...)</c> calls <c>Program(body, ...)</c>). A string with a hole no value reaches is skipped.
    /// Test markup (<c>{|LOOP001:</c>, <c>{|#0:</c>, <c>|}</c>, <c>[|</c>, <c>|]</c>) is removed. The inputs of
    /// <see cref="BadInputTests"/> are added as they are.
    /// </remarks>
    public static class SeedCorpus
    {
        public sealed record Seed(string Origin, string Text);

        private static readonly Regex Markup = new(@"\{\|(?:#\d+|[A-Za-z_][A-Za-z0-9_]*):|\|\}|\[\||\|\]", RegexOptions.Compiled);

        private static readonly Lazy<ImmutableArray<Seed>> Collected = new(Collect);

        /// <summary>The corpus, distinct by text, in a stable order (file, then position).</summary>
        public static ImmutableArray<Seed> All => Collected.Value;

        public static string RulesDirectory => Repository.PathOf("tests/LoopbackAnalyzers.Tests/Rules");

        private static ImmutableArray<Seed> Collect()
        {
            var seeds = new List<Seed>();
            var files = Directory.GetFiles(RulesDirectory, "*.cs", SearchOption.AllDirectories)
                .OrderBy(path => path, StringComparer.Ordinal);
            foreach (var file in files)
            {
                var name = Path.GetRelativePath(Repository.Root, file).Replace(Path.DirectorySeparatorChar, '/');
                seeds.AddRange(FromTestFile(name, File.ReadAllText(file)));
            }

            var fromRules = seeds.Select(seed => seed with { Text = WithCompanions(seed.Text, seeds) }).ToList();
            var badInputs = BadInputTests.Inputs().Select((row, index) => new Seed($"BadInputTests.Inputs[{index}]", (string)row[0]));

            var distinct = new HashSet<string>(StringComparer.Ordinal);
            return fromRules.Concat(badInputs).Where(seed => distinct.Add(seed.Text)).ToImmutableArray();
        }

        /// <summary>The C# inputs written in one test file, markup removed.</summary>
        public static IEnumerable<Seed> FromTestFile(string name, string text)
        {
            var tree = CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest));
            var root = tree.GetRoot();
            var values = new HoleValues(root);

            foreach (var node in root.DescendantNodes())
            {
                IEnumerable<string> texts = node switch
                {
                    LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal => new[] { literal.Token.ValueText },
                    InterpolatedStringExpressionSyntax interpolated => values.Expand(interpolated),
                    _ => Array.Empty<string>(),
                };

                var line = node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                foreach (var value in texts.Where(LooksLikeCSharp))
                {
                    yield return new Seed($"{name}:{line}", StripMarkup(value));
                }
            }
        }

        public static bool LooksLikeCSharp(string text) =>
            text.Contains("class ", StringComparison.Ordinal) ||
            text.Contains("namespace ", StringComparison.Ordinal) ||
            text.Contains("using ", StringComparison.Ordinal);

        public static string StripMarkup(string text) => Markup.Replace(text, string.Empty);

        /// <summary>
        /// Inputs that the rule tests compile together with a second file (the Grpc.Core stub, the test attributes)
        /// get that file appended, so that they compile on their own as they do in their test.
        /// </summary>
        private static string WithCompanions(string text, IReadOnlyList<Seed> seeds)
        {
            var result = new StringBuilder(text);
            if (text.Contains("Grpc.Core", StringComparison.Ordinal) && !text.Contains("namespace Grpc.Core", StringComparison.Ordinal))
            {
                result.Append('\n').Append(LoopbackTest.GrpcCoreStub);
            }

            if (Regex.IsMatch(text, @"\[(Xunit|NUnit\.Framework|Microsoft\.VisualStudio\.TestTools\.UnitTesting)\.") &&
                !text.Contains("namespace Xunit", StringComparison.Ordinal) &&
                seeds.FirstOrDefault(seed => seed.Text.TrimStart().StartsWith("namespace Xunit", StringComparison.Ordinal)) is { } attributes)
            {
                result.Append('\n').Append(attributes.Text);
            }

            return result.ToString();
        }

        /// <summary>The string values that can reach each parameter (and each string constant) of one test file.</summary>
        private sealed class HoleValues
        {
            private readonly Dictionary<(string Method, string Parameter), List<string>> _values = new();
            private readonly Dictionary<(string Method, string Parameter), List<(string Method, string Parameter)>> _flows = new();
            private readonly Dictionary<string, string> _constants = new(StringComparer.Ordinal);

            public HoleValues(SyntaxNode root)
            {
                var methods = root.DescendantNodes().OfType<MethodDeclarationSyntax>().ToList();
                var parameterNames = methods
                    .GroupBy(method => method.Identifier.ValueText)
                    .ToDictionary(group => group.Key, group => group.First().ParameterList.Parameters.Select(p => p.Identifier.ValueText).ToList());

                foreach (var declarator in root.DescendantNodes().OfType<VariableDeclaratorSyntax>())
                {
                    if (declarator.Initializer?.Value is { } initializer && Constant(initializer) is { } value)
                    {
                        _constants[declarator.Identifier.ValueText] = value;
                    }
                }

                foreach (var method in methods)
                {
                    var name = method.Identifier.ValueText;
                    var parameters = method.ParameterList.Parameters;
                    foreach (var parameter in parameters)
                    {
                        if (parameter.Default?.Value is { } defaultValue && Constant(defaultValue) is { } value)
                        {
                            Add((name, parameter.Identifier.ValueText), value);
                        }
                    }

                    foreach (var attribute in method.AttributeLists.SelectMany(list => list.Attributes).Where(IsInlineData))
                    {
                        var arguments = attribute.ArgumentList?.Arguments ?? default;
                        for (var i = 0; i < arguments.Count && i < parameters.Count; i++)
                        {
                            if (Constant(arguments[i].Expression) is { } value)
                            {
                                Add((name, parameters[i].Identifier.ValueText), value);
                            }
                        }
                    }
                }

                // Calls to methods of this file: literal arguments are values, parameters passed on are flows.
                foreach (var invocation in root.DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    if (invocation.Expression is not IdentifierNameSyntax callee ||
                        !parameterNames.TryGetValue(callee.Identifier.ValueText, out var targetParameters))
                    {
                        continue;
                    }

                    var caller = invocation.FirstAncestorOrSelf<MethodDeclarationSyntax>();
                    var arguments = invocation.ArgumentList.Arguments;
                    for (var i = 0; i < arguments.Count && i < targetParameters.Count; i++)
                    {
                        var target = (callee.Identifier.ValueText, arguments[i].NameColon?.Name.Identifier.ValueText ?? targetParameters[i]);
                        if (arguments[i].Expression is IdentifierNameSyntax passed && caller is not null &&
                            caller.ParameterList.Parameters.Any(p => p.Identifier.ValueText == passed.Identifier.ValueText))
                        {
                            if (!_flows.TryGetValue(target, out var sources))
                            {
                                _flows[target] = sources = new List<(string, string)>();
                            }

                            sources.Add((caller.Identifier.ValueText, passed.Identifier.ValueText));
                        }
                        else if (Constant(arguments[i].Expression) is { } value)
                        {
                            Add(target, value);
                        }
                    }
                }
            }

            /// <summary>
            /// The texts of an interpolated string, holes filled; the n-th text takes the n-th value of every hole
            /// (wrapping around), so every value of every hole appears at least once and <c>[InlineData]</c> rows stay together.
            /// </summary>
            public IEnumerable<string> Expand(InterpolatedStringExpressionSyntax interpolated)
            {
                var method = interpolated.FirstAncestorOrSelf<MethodDeclarationSyntax>();
                var holes = new List<List<string>>();
                foreach (var interpolation in interpolated.Contents.OfType<InterpolationSyntax>())
                {
                    if (interpolation.Expression is not IdentifierNameSyntax identifier || interpolation.FormatClause is not null || interpolation.AlignmentClause is not null)
                    {
                        yield break;
                    }

                    var name = identifier.Identifier.ValueText;
                    var values = method is not null && method.ParameterList.Parameters.Any(p => p.Identifier.ValueText == name)
                        ? ValuesOf((method.Identifier.ValueText, name), new HashSet<(string, string)>())
                        : _constants.TryGetValue(name, out var constant) ? new List<string> { constant } : new List<string>();
                    if (values.Count == 0)
                    {
                        yield break;
                    }

                    holes.Add(values);
                }

                var count = holes.Count == 0 ? 1 : holes.Max(values => values.Count);
                for (var n = 0; n < count; n++)
                {
                    var text = new StringBuilder();
                    var hole = 0;
                    foreach (var content in interpolated.Contents)
                    {
                        if (content is InterpolatedStringTextSyntax part)
                        {
                            text.Append(part.TextToken.ValueText);
                        }
                        else
                        {
                            var values = holes[hole++];
                            text.Append(values[n % values.Count]);
                        }
                    }

                    yield return text.ToString();
                }
            }

            private List<string> ValuesOf((string Method, string Parameter) key, HashSet<(string, string)> visiting)
            {
                var result = new List<string>();
                if (!visiting.Add(key))
                {
                    return result;
                }

                if (_values.TryGetValue(key, out var direct))
                {
                    result.AddRange(direct);
                }

                if (_flows.TryGetValue(key, out var sources))
                {
                    foreach (var source in sources)
                    {
                        result.AddRange(ValuesOf(source, visiting));
                    }
                }

                return result.Distinct(StringComparer.Ordinal).ToList();
            }

            private void Add((string Method, string Parameter) key, string value)
            {
                if (!_values.TryGetValue(key, out var list))
                {
                    _values[key] = list = new List<string>();
                }

                list.Add(value);
            }

            private string? Constant(ExpressionSyntax expression) => expression switch
            {
                LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal => literal.Token.ValueText,
                MemberAccessExpressionSyntax { Expression: PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.StringKeyword }, Name.Identifier.ValueText: "Empty" } => string.Empty,
                IdentifierNameSyntax identifier when _constants.TryGetValue(identifier.Identifier.ValueText, out var value) => value,
                _ => null,
            };

            private static bool IsInlineData(AttributeSyntax attribute) =>
                attribute.Name.ToString() is "InlineData" or "InlineDataAttribute" or "Xunit.InlineData";
        }
    }
}
