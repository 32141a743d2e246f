using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using LoopbackAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;
using Xunit.Abstractions;

namespace LoopbackAnalyzers.Tests.Robustness
{
    /// <summary>
    /// Seeded token-level mutations of every C# input of this test project: no analyzer or fix ever throws,
    /// no AD0001 appears, a fix never breaks code that compiled, and cancellation surfaces only as cancellation.
    /// </summary>
    /// <remarks>
    /// <c>LOOPBACK_MUTATIONS</c> sets the number of variants (default 5000), <c>LOOPBACK_MUTATION_SEED</c> the base seed,
    /// and <c>LOOPBACK_MUTATION_ONLY</c> runs a single variant by index, to reproduce a reported failure.
    /// </remarks>
    public class MutationTests
    {
        private const int DefaultVariants = 5000;
        private const int ReportedFailures = 5;
        private const int Copies = 50;

        private readonly ITestOutputHelper _output;

        public MutationTests(ITestOutputHelper output) => _output = output;

        private static int VariantCount => IntFromEnvironment("LOOPBACK_MUTATIONS") ?? DefaultVariants;

        private static int BaseSeed => IntFromEnvironment("LOOPBACK_MUTATION_SEED") ?? SourceMutator.DefaultSeed;

        [Fact]
        public void CorpusHoldsTheInputsOfEveryRuleTest()
        {
            var corpus = SeedCorpus.All;
            var fromRules = corpus.Where(seed => seed.Origin.StartsWith("tests/", StringComparison.Ordinal)).ToList();
            _output.WriteLine($"corpus: {corpus.Length} distinct inputs, {fromRules.Count} from Rules/, {corpus.Length - fromRules.Count} from BadInputTests");

            // A collector that silently stopped finding inputs would make the mutation test vacuous.
            Assert.True(fromRules.Count >= 40, $"only {fromRules.Count} inputs collected from the rule tests");
            Assert.True(corpus.Length >= 80, $"only {corpus.Length} inputs in the corpus");
            var badInputs = BadInputTests.Inputs().Select(row => (string)row[0]).Distinct().ToList();
            Assert.All(badInputs, input => Assert.Contains(corpus, seed => seed.Text == input));

            var files = Directory.GetFiles(SeedCorpus.RulesDirectory, "*.cs", SearchOption.AllDirectories)
                .Select(path => Path.GetRelativePath(Repository.Root, path).Replace(Path.DirectorySeparatorChar, '/'));
            Assert.All(files, file => Assert.Contains(fromRules, seed => seed.Origin.StartsWith(file + ":", StringComparison.Ordinal)));

            Assert.All(corpus, seed => Assert.DoesNotContain("{|", seed.Text));
            Assert.All(corpus, seed => Assert.Equal(seed.Text, string.Concat(SyntaxFactory.ParseTokens(seed.Text).Select(token => token.ToFullString()))));
            Assert.Equal(corpus.Length, corpus.Select(seed => seed.Text).Distinct().Count());
        }

        [Fact]
        public void VariantsAreDeterministic()
        {
            var corpus = SeedCorpus.All;
            foreach (var index in new[] { 0, 1, 17, 4999 })
            {
                var first = SourceMutator.Create(corpus, BaseSeed, index);
                var second = SourceMutator.Create(corpus, BaseSeed, index);
                Assert.Equal(first.Text, second.Text);
                Assert.Equal(first.Mutations.ToArray(), second.Mutations.ToArray());
                Assert.NotEqual(corpus[first.SeedIndex].Text, first.Text);
            }
        }

        [Fact]
        public async Task VariantsNeverCrashAnalyzersOrFixesAndFixesKeepCodeCompiling()
        {
            var corpus = SeedCorpus.All;
            var only = IntFromEnvironment("LOOPBACK_MUTATION_ONLY");
            var indexes = only is { } single ? new[] { single } : Enumerable.Range(0, VariantCount).ToArray();
            var variants = indexes.Select(index => SourceMutator.Create(corpus, BaseSeed, index)).ToList();

            var failures = new ConcurrentBag<(SourceMutator.Variant Variant, Problem Problem)>();
            var stats = new Stats();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            await Parallel.ForEachAsync(
                variants,
                new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                async (variant, _) =>
                {
                    foreach (var problem in await CheckAsync(variant.Text, stats))
                    {
                        failures.Add((variant, problem));
                    }
                });
            stopwatch.Stop();
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;

            _output.WriteLine(
                $"{variants.Count} variants of {corpus.Length} inputs (seed {BaseSeed}) in {stopwatch.Elapsed.TotalSeconds:F1} s " +
                $"({cpu.TotalSeconds:F1} s CPU in this process, which other tests share) on {Environment.ProcessorCount} cores: " +
                $"{stats.CompilingVariants} compile cleanly, {stats.Diagnostics} diagnostics in {stats.VariantsWithDiagnostics} variants, " +
                $"{stats.FixesApplied} fixes applied, {stats.FixesCheckedOnCompilingCode} of them to code that compiled; {failures.Count} failures");
            if (stats.FixesAddingErrorsToBrokenCode.TryPeek(out var example))
            {
                _output.WriteLine($"{stats.FixesAddingErrorsToBrokenCode.Count} fixes added compiler errors to code that already had some, e.g. {example}");
            }

            if (failures.IsEmpty)
            {
                // Guards the test itself: with the default variant count it must really analyse and apply fixes.
                if (only is null && variants.Count >= 1000)
                {
                    Assert.True(
                        stats.FixesCheckedOnCompilingCode >= variants.Count / 50,
                        $"only {stats.FixesCheckedOnCompilingCode} fixes were applied to compiling code: the test checks too little");
                }

                return;
            }

            // Every failure on one line, for triage; the assertion message has the first of each kind in full.
            var ordered = failures.OrderBy(failure => failure.Variant.Index).ThenBy(failure => failure.Problem.Kind, StringComparer.Ordinal).ToList();
            foreach (var (variant, problem) in ordered.Take(500))
            {
                var errorLine = problem.Detail.Split('\n').FirstOrDefault(line => line.Contains("error CS", StringComparison.Ordinal))?.Trim();
                _output.WriteLine($"{problem.Kind}: {variant}{(errorLine is null ? string.Empty : ": " + errorLine)}");
            }

            Assert.Fail(await DescribeAsync(ordered));
        }

        [Fact]
        public async Task CancellationSurfacesOnlyAsOperationCanceled()
        {
            var inputs = await LargeInputsAsync();
            var cancelled = 0;
            var completed = 0;
            var problems = new List<string>();
            var stopwatch = Stopwatch.StartNew();
            foreach (var (name, text) in inputs)
            {
                var compilation = await AnalyzerRunner.CompileAsync(text);

                // From inside: the token is cancelled while an analyzer reads its options, so analysis is surely under way.
                for (var reads = 1; reads < 1 << 20; reads *= 2)
                {
                    var limit = reads;
                    using var source = new CancellationTokenSource();
                    var seen = 0;
                    var outcome = await RunCancellableAsync(compilation, source, key =>
                    {
                        if (key.StartsWith("loopback_analyzers.", StringComparison.Ordinal) || key.StartsWith("build_property.", StringComparison.Ordinal))
                        {
                            if (Interlocked.Increment(ref seen) == limit)
                            {
                                source.Cancel();
                            }
                        }
                    });
                    if (outcome.Problem is { } problem)
                    {
                        problems.Add($"{name}, cancelled at option read {limit}: {problem}");
                    }

                    cancelled += outcome.Cancelled ? 1 : 0;
                    completed += outcome.Cancelled ? 0 : 1;
                    if (!outcome.Cancelled)
                    {
                        break;
                    }
                }

                // By timer, a little later each time, until analysis completes first.
                for (var delay = 1; delay <= 8192; delay *= 2)
                {
                    using var source = new CancellationTokenSource();
                    source.CancelAfter(delay);
                    var outcome = await RunCancellableAsync(compilation, source, onOptionRead: null);
                    if (outcome.Problem is { } problem)
                    {
                        problems.Add($"{name}, cancelled after {delay} ms: {problem}");
                    }

                    cancelled += outcome.Cancelled ? 1 : 0;
                    completed += outcome.Cancelled ? 0 : 1;
                    if (!outcome.Cancelled)
                    {
                        break;
                    }
                }
            }

            _output.WriteLine($"{inputs.Count} large inputs ({string.Join(", ", inputs.Select(input => $"{input.Name}: {input.Text.Length} chars"))}): " +
                              $"{cancelled} runs cancelled, {completed} completed, in {stopwatch.Elapsed.TotalSeconds:F1} s");
            Assert.True(problems.Count == 0, string.Join("\n\n", problems.Take(ReportedFailures)));
            Assert.True(cancelled > 0, "no run was ever cancelled: the test checks nothing");
        }

        /// <summary>Everything wrong with one source: analyzer and fix exceptions, AD0001, fixes that break compiling code.</summary>
        private static async Task<List<Problem>> CheckAsync(string text, Stats stats)
        {
            var problems = new List<Problem>();
            AnalyzerRunner.Result result;
            try
            {
                result = await AnalyzerRunner.AnalyzeAsync(text);
            }
            catch (Exception exception)
            {
                problems.Add(new Problem($"analysis threw {exception.GetType().Name}", exception.ToString()));
                return problems;
            }

            foreach (var exception in result.Exceptions)
            {
                problems.Add(new Problem($"analyzer exception {exception.GetType().Name}", exception.ToString()));
            }

            foreach (var diagnostic in result.Diagnostics.Where(d => d.Id == "AD0001"))
            {
                problems.Add(new Problem("AD0001", diagnostic.ToString()));
            }

            stats.Count(ref stats.Diagnostics, result.Diagnostics.Length);
            if (result.Diagnostics.Length > 0)
            {
                stats.Count(ref stats.VariantsWithDiagnostics);
            }

            int? errorsBefore = null;
            foreach (var diagnostic in result.Diagnostics.Where(d => Catalogue.HasCodeFix(d.Id)))
            {
                ImmutableArray<string> fixedSources;
                try
                {
                    fixedSources = await AnalyzerRunner.ApplyEachFixAsync(text, ImmutableArray.Create(diagnostic));
                }
                catch (Exception exception)
                {
                    problems.Add(new Problem($"fix threw {exception.GetType().Name}", $"fixing {diagnostic}:\n{exception}"));
                    continue;
                }

                foreach (var fixedSource in fixedSources)
                {
                    stats.Count(ref stats.FixesApplied);
                    errorsBefore ??= Errors(result.Compilation).Count;
                    var errors = Errors(await AnalyzerRunner.CompileAsync(fixedSource));
                    if (errorsBefore == 0)
                    {
                        stats.Count(ref stats.FixesCheckedOnCompilingCode);
                        if (errors.Count > 0)
                        {
                            problems.Add(new Problem(
                                "fix broke compiling code",
                                $"fixing {diagnostic}\nerrors after the fix:\n  {string.Join("\n  ", errors.Take(5))}\nfixed source:\n{fixedSource}"));
                        }
                    }
                    else if (errors.Count > errorsBefore)
                    {
                        // Not a failure here (the code was already broken), but BadInputTests holds fixes to this too: reported.
                        stats.FixesAddingErrorsToBrokenCode.Enqueue(
                            $"fixing {diagnostic} took the errors from {errorsBefore} to {errors.Count}:\n  {string.Join("\n  ", errors.Take(5))}\nsource:\n{text}\nfixed source:\n{fixedSource}");
                    }
                }
            }

            if ((errorsBefore ?? Errors(result.Compilation).Count) == 0)
            {
                stats.Count(ref stats.CompilingVariants);
            }

            return problems;
        }

        private static List<Diagnostic> Errors(Compilation compilation) =>
            compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

        private static async Task<string> DescribeAsync(List<(SourceMutator.Variant Variant, Problem Problem)> failures)
        {
            var message = new StringBuilder();
            message.Append(failures.Count).Append(" failures in ").Append(failures.Select(f => f.Variant.Index).Distinct().Count())
                .Append(" variants (seed ").Append(BaseSeed).Append("; rerun one with LOOPBACK_MUTATION_ONLY=<index>)\n");
            foreach (var kind in failures.GroupBy(f => f.Problem.Kind).OrderByDescending(g => g.Count()))
            {
                message.Append("  ").Append(kind.Count()).Append(" x ").Append(kind.Key).Append(": variants ")
                    .Append(string.Join(", ", kind.Select(f => f.Variant.Index).Distinct().Take(20))).Append('\n');
            }

            // The first failure of each kind, with the variant and a token-minimized reproduction.
            foreach (var (variant, problem) in failures.GroupBy(f => f.Problem.Kind).Select(g => g.First()).Take(ReportedFailures))
            {
                var minimal = await TokenReducer.MinimizeAsync(
                    variant.Text,
                    async candidate => (await CheckAsync(candidate, new Stats())).Any(p => p.Kind == problem.Kind));
                var minimalProblem = (await CheckAsync(minimal, new Stats())).FirstOrDefault(p => p.Kind == problem.Kind) ?? problem;
                message.Append("\n==== ").Append(problem.Kind).Append(" in ").Append(variant).Append('\n')
                    .Append("---- variant text ----\n").Append(variant.Text).Append("\n")
                    .Append("---- minimized ----\n").Append(minimal).Append('\n')
                    .Append("---- detail (minimized) ----\n").Append(Shorten(minimalProblem.Detail, 3000)).Append('\n');
            }

            return message.ToString();
        }

        private static async Task<(bool Cancelled, string? Problem)> RunCancellableAsync(
            Compilation compilation, CancellationTokenSource source, Action<string>? onOptionRead)
        {
            var exceptions = new ConcurrentQueue<Exception>();
            bool cancelled;
            string? problem = null;
            try
            {
                var diagnostics = await AnalyzerRunner.AnalyzeCompilationAsync(compilation, exceptions, testProject: true, onOptionRead, source.Token);
                cancelled = false;
                if (diagnostics.FirstOrDefault(d => d.Id == "AD0001") is { } ad0001)
                {
                    problem = ad0001.ToString();
                }
            }
            catch (Exception exception) when (IsCancellation(exception))
            {
                cancelled = true;
            }
            catch (Exception exception)
            {
                return (true, $"analysis threw {exception}");
            }

            if (!exceptions.IsEmpty)
            {
                problem = $"analyzer exception {string.Join("\n", exceptions)}";
            }

            return (cancelled, problem);
        }

        private static bool IsCancellation(Exception exception) => exception switch
        {
            OperationCanceledException => true,
            AggregateException aggregate => aggregate.Flatten().InnerExceptions.All(inner => inner is OperationCanceledException),
            _ => false,
        };

        /// <summary>
        /// The three longest of the first variants, and a large compiling file: the input with the most diagnostics,
        /// its declarations repeated in 50 namespaces, as written and mutated twice.
        /// </summary>
        private static async Task<List<(string Name, string Text)>> LargeInputsAsync()
        {
            var corpus = SeedCorpus.All;
            var inputs = Enumerable.Range(0, Math.Min(VariantCount, 1000))
                .Select(index => SourceMutator.Create(corpus, BaseSeed, index))
                .OrderByDescending(variant => variant.Text.Length)
                .ThenBy(variant => variant.Index)
                .Take(3)
                .Select(variant => ($"variant {variant.Index}", variant.Text))
                .ToList();

            var candidates = corpus
                .Select(seed => (Seed: seed, Root: (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(seed.Text).GetRoot()))
                .Where(pair => pair.Root.Members.Count > 0 && pair.Root.Members.All(member => member is BaseTypeDeclarationSyntax or NamespaceDeclarationSyntax) &&
                               pair.Root.AttributeLists.Count == 0 && pair.Root.Externs.Count == 0)
                .ToList();
            // The longest inputs have the most sites; of those, the one with the most diagnostics.
            var richest = candidates[0];
            var most = -1;
            foreach (var candidate in candidates.OrderByDescending(pair => pair.Seed.Text.Length).Take(10))
            {
                var diagnostics = (await AnalyzerRunner.AnalyzeAsync(candidate.Seed.Text)).Diagnostics.Length;
                if (diagnostics > most)
                {
                    (richest, most) = (candidate, diagnostics);
                }
            }

            var large = new StringBuilder(richest.Root.Usings.ToFullString()).Append('\n');
            var members = string.Concat(richest.Root.Members.Select(member => member.ToFullString()));
            for (var copy = 0; copy < Copies; copy++)
            {
                large.Append("namespace Copy").Append(copy).Append("\n{\n").Append(members).Append("\n}\n");
            }

            var text = large.ToString();
            inputs.Add(($"{richest.Seed.Origin} x{Copies}", text));
            var random = new Random(BaseSeed);
            for (var i = 0; i < 2; i++)
            {
                var (mutated, description) = SourceMutator.Mutate(text, random);
                inputs.Add(($"{richest.Seed.Origin} x{Copies}, {description}", mutated));
            }

            return inputs;
        }

        private static string Shorten(string text, int length) => text.Length <= length ? text : text.Substring(0, length) + "\n...";

        private static int? IntFromEnvironment(string name) =>
            int.TryParse(Environment.GetEnvironmentVariable(name), out var value) ? value : null;

        private sealed record Problem(string Kind, string Detail);

        private sealed class Stats
        {
            public int CompilingVariants;
            public int Diagnostics;
            public int VariantsWithDiagnostics;
            public int FixesApplied;
            public int FixesCheckedOnCompilingCode;
            public ConcurrentQueue<string> FixesAddingErrorsToBrokenCode = new();

            public void Count(ref int counter, int amount = 1) => Interlocked.Add(ref counter, amount);
        }
    }
}
