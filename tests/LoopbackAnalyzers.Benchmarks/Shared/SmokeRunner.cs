using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using LoopbackAnalyzers.Benchmarks.Shared.Corpus;
using Microsoft.CodeAnalysis;

namespace LoopbackAnalyzers.Benchmarks.Shared
{
    /// <summary>
    /// Runs every benchmark scenario once, without BenchmarkDotNet, and checks that the results make sense:
    /// the corpus is what it claims to be and compiles, the analyzer reports exactly the expected lines of the
    /// networking code (and nothing in the ordinary code), the IDE document gets its diagnostics, the callback
    /// harness sees what the driver sees, and a compilation without System.Net gets no analyzer work at all.
    /// Times are printed for information only; nothing here asserts a time.
    /// </summary>
    public static class SmokeRunner
    {
        public sealed record Check(string Name, bool Passed, string Detail);

        public sealed class Result
        {
            public List<Check> Checks { get; } = new();

            public bool Passed => Checks.All(check => check.Passed);

            public IEnumerable<Check> Failures => Checks.Where(check => !check.Passed);

            public override string ToString() => string.Join(Environment.NewLine, Checks.Select(c => $"{(c.Passed ? "ok  " : "FAIL")} {c.Name}: {c.Detail}"));
        }

        public static async Task<Result> RunAsync(int lines, TextWriter log)
        {
            var result = new Result();
            void Check(string name, bool passed, string detail)
            {
                result.Checks.Add(new Check(name, passed, detail));
                log.WriteLine($"{(passed ? "ok  " : "FAIL")} {name}: {detail}");
            }

            var clock = Stopwatch.StartNew();
            string Elapsed()
            {
                var text = $"{clock.Elapsed.TotalMilliseconds:0} ms";
                clock.Restart();
                return text;
            }

            // ── The corpus ────────────────────────────────────────────────────────────────────────────────
            log.WriteLine($"references: {ReferenceSets.NetCore}; ASP.NET Core: {ReferenceSets.AspNetCore?.ToString() ?? "not installed (Kestrel snippets left out)"}");
            var net = NetScenario.Create(lines);
            var corpus = net.Corpus;
            log.WriteLine($"corpus: {corpus} ({Elapsed()} to generate and parse)");
            var again = CorpusGenerator.Generate(corpus.Options);
            Check("corpus is deterministic", again.Files.Select(f => f.Path + "\n" + f.Text).SequenceEqual(corpus.Files.Select(f => f.Path + "\n" + f.Text)), $"{corpus.Files.Length} files generated twice");
            Check("corpus size", corpus.TotalLines >= lines && corpus.TotalLines <= lines * 1.1 + 500, $"{corpus.TotalLines} lines for a target of {lines}");
            var share = (double)corpus.LinesOf(CorpusFileKind.Networking) / corpus.TotalLines;
            Check("networking share", share is >= 0.01 and <= 0.06, $"{share:P1} of the lines");
            Check("expected diagnostics", corpus.Expected.Length > 0, $"{corpus.Expected.Length} LOOP001 expected");

            // ── Whole compilation ─────────────────────────────────────────────────────────────────────────
            var compilation = net.Compile();
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Check("corpus compiles", errors.Count == 0, errors.Count == 0 ? $"no errors ({Elapsed()})" : $"{errors.Count} errors, first: {string.Join(" | ", errors.Take(5))}");
            var emit = Workload.Emit(net.Compile());
            Check("corpus emits", emit.Success, $"{(emit.Success ? "emitted" : "failed")} ({Elapsed()})");

            var exceptions = new ConcurrentQueue<Exception>();
            var all = await Workload.GetAllDiagnosticsAsync(Workload.WithAnalyzers(net.Compile(), Workload.Loopback(), exceptions: exceptions));
            var time = Elapsed();
            Check("no analyzer exceptions", exceptions.IsEmpty && !all.Any(d => d.Id == "AD0001"), exceptions.IsEmpty ? "none" : exceptions.First().ToString());
            var reported = all.Where(d => d.Id == DiagnosticIds.ListenerBindsAllInterfaces).ToList();
            CompareWithExpected($"whole compilation ({time})", reported, corpus.Expected, Check);

            // The driver keeps telemetry on the analysis-state path (GetAnalyzerDiagnosticsAsync), not on GetAllDiagnosticsAsync.
            var analyzers = Workload.Loopback();
            var timed = Workload.WithAnalyzers(net.Compile(), analyzers, logExecutionTime: true);
            var timedCount = (await timed.GetAnalyzerDiagnosticsAsync()).Count(d => d.Id == DiagnosticIds.ListenerBindsAllInterfaces);
            var telemetry = await timed.GetAnalyzerTelemetryInfoAsync(analyzers[0], default);
            Check("analyzer telemetry", telemetry.ExecutionTime > TimeSpan.Zero && telemetry.SyntaxNodeActionsCount == 1 && timedCount == corpus.Expected.Length,
                $"{telemetry.SyntaxNodeActionsCount} syntax node action, {telemetry.ExecutionTime.TotalMilliseconds:0.0} ms execution time, {timedCount} LOOP001 ({Elapsed()})");

            // ── Callback harness against the driver ───────────────────────────────────────────────────────
            var noOp = new NoOpOperationAnalyzer();
            await Workload.WithAnalyzers(net.Compile(), ImmutableArrayOf(noOp)).GetAnalyzerDiagnosticsAsync();
            var warmed = compilation; // bound above
            var operations = CallbackHarness.CollectOperations(warmed, warmed.SyntaxTrees);
            Check("harness sees the driver's operations", operations.Count == noOp.Callbacks, $"driver called back {noOp.Callbacks} times, harness collected {operations.Count}");
            var harness = CallbackHarness.Start(new EndpointAnalyzer(), warmed);
            var direct = harness.Run(operations).Where(d => d.Id == DiagnosticIds.ListenerBindsAllInterfaces).ToList();
            CompareWithExpected("callback harness", direct, corpus.Expected, Check);
            log.WriteLine($"     (harness: {Elapsed()})");

            // ── One document in an IDE ────────────────────────────────────────────────────────────────────
            var document = net.Document;
            Check("IDE document size", document.Lines is >= 250 and <= 350, $"{document.Lines} lines, {document.Expected.Count} LOOP001 expected");
            var bound = net.CompileWithDocument();
            bound.GetDiagnostics(); // the IDE has bound the project before the edit
            clock.Restart();
            var ide = net.Edit(bound);
            var ideDiagnostics = await Workload.GetDocumentDiagnosticsAsync(Workload.WithAnalyzers(ide, Workload.Loopback(), concurrent: false), ide.GetSemanticModel(net.EditedDocumentTree));
            CompareWithExpected($"IDE document ({Elapsed()})", ideDiagnostics.Where(d => d.Id == DiagnosticIds.ListenerBindsAllInterfaces).ToList(), document.Expected, Check);

            // ── A compilation without System.Net ──────────────────────────────────────────────────────────
            var noNet = NoNetScenario.Create(lines);
            var plain = noNet.Compile();
            Check("System.Net is unreachable", plain.GetTypeByMetadataName("System.Net.IPAddress") is null,
                $"{noNet.References.Length} references, without {string.Join(", ", ReferenceSets.ExcludedFromWithoutSystemNet)}");
            var noNetErrors = plain.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Check("System.Net-free corpus compiles", noNetErrors.Count == 0, noNetErrors.Count == 0 ? $"{noNet.Corpus.TotalLines} lines, no errors ({Elapsed()})" : $"{noNetErrors.Count} errors, first: {string.Join(" | ", noNetErrors.Take(5))}");
            var noNetExceptions = new ConcurrentQueue<Exception>();
            var noNetAnalyzers = Workload.Loopback();
            var noNetWith = Workload.WithAnalyzers(noNet.Compile(), noNetAnalyzers, logExecutionTime: true, exceptions: noNetExceptions);
            var noNetDiagnostics = await noNetWith.GetAnalyzerDiagnosticsAsync();
            var noNetTelemetry = await noNetWith.GetAnalyzerTelemetryInfoAsync(noNetAnalyzers[0], default);
            Check("no diagnostics without System.Net", noNetDiagnostics.IsEmpty && noNetExceptions.IsEmpty, $"{noNetDiagnostics.Length} diagnostics, {noNetExceptions.Count} exceptions ({Elapsed()})");
            Check("no per-node actions without System.Net",
                noNetTelemetry.OperationActionsCount == 0 && noNetTelemetry.SyntaxNodeActionsCount == 0 && CallbackHarness.Start(new EndpointAnalyzer(), plain).OperationActionCount == 0,
                $"{noNetTelemetry.OperationActionsCount} operation and {noNetTelemetry.SyntaxNodeActionsCount} syntax node actions registered, {noNetTelemetry.ExecutionTime.TotalMilliseconds:0.000} ms execution time");
            return result;
        }

        private static System.Collections.Immutable.ImmutableArray<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer> ImmutableArrayOf(Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer analyzer) =>
            System.Collections.Immutable.ImmutableArray.Create(analyzer);

        /// <summary>The reported lines must be exactly the expected ones, and each message must name the expected evidence.</summary>
        private static void CompareWithExpected(string scenario, IReadOnlyList<Diagnostic> reported, IReadOnlyList<ExpectedDiagnostic> expected, Action<string, bool, string> check)
        {
            static string Key(string path, int line) => $"{path}:{line}";
            var actual = reported
                .Select(d => (Key: Key(d.Location.GetLineSpan().Path.Replace("/corpus/", string.Empty, StringComparison.Ordinal), d.Location.GetLineSpan().StartLinePosition.Line + 1), Message: d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)))
                .ToList();
            var wanted = expected.Select(e => (Key: Key(e.Path, e.Line), e.Evidence)).ToList();
            var missing = wanted.Select(w => w.Key).Except(actual.Select(a => a.Key)).ToList();
            var unexpected = actual.Select(a => a.Key).Except(wanted.Select(w => w.Key)).ToList();
            var wrongEvidence = wanted
                .Where(w => actual.Any(a => a.Key == w.Key) && !actual.Where(a => a.Key == w.Key).Any(a => a.Message.Contains(w.Evidence, StringComparison.Ordinal)))
                .Select(w => $"{w.Key} should say '{w.Evidence}' but says '{actual.First(a => a.Key == w.Key).Message}'")
                .ToList();
            var passed = missing.Count == 0 && unexpected.Count == 0 && wrongEvidence.Count == 0 && actual.Count == wanted.Count;
            check(
                $"{scenario}: LOOP001 exactly where expected",
                passed,
                passed
                    ? $"{actual.Count} reported, all expected, with the expected evidence"
                    : $"{actual.Count} reported, {wanted.Count} expected; missing: {string.Join(", ", missing.Take(10))}; unexpected: {string.Join(", ", unexpected.Take(10))}; " +
                      $"wrong evidence: {string.Join("; ", wrongEvidence.Take(5))}");
        }
    }
}
