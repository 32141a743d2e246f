using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using LoopbackAnalyzers.Benchmarks.Shared;
using LoopbackAnalyzers.Benchmarks.Shared.Corpus;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LoopbackAnalyzers.Benchmarks
{
    /// <summary>
    /// <c>--ide-marginal [--lines N] [--passes N]</c>: what LoopbackAnalyzers adds, per document, to the analysis an editor
    /// runs with the .NET SDK's default analyzers, measured as paired differences so that a noisy machine still resolves it.
    /// </summary>
    /// <remarks>
    /// <para>
    /// For every file of the project, the analyzers' semantic diagnostics of that file (<c>GetAnalyzerSemanticDiagnosticsAsync</c>,
    /// as an editor asks after an edit) are computed with the SDK's analyzers alone, with them and LoopbackAnalyzers, and with
    /// them and a control that has LoopbackAnalyzers' registrations and empty callbacks (what the driver charges for the
    /// registrations alone). Each variant has its own <see cref="CompilationWithAnalyzers"/> per pass, so every file is
    /// analysed once per variant on a model nothing else has bound. The order is random per file, with a full garbage
    /// collection before each call, and the process's CPU time (all threads, microseconds, getrusage) is taken around it;
    /// the per-file differences are summed. Roslyn 4.8 runs every analyzer's compilation-start actions again for each such
    /// request (it analyses a fresh copy of the compilation), so compilation-start work counts once per document here.
    /// </para>
    /// <para>
    /// The SDK's analyzers are the ones a net10.0 build runs: NetAnalyzers from the installed SDK with its analysis-level
    /// globalconfig and the build properties a plain class library passes. ASP.NET Core's analyzers and the source
    /// generators need a newer Roslyn than this 4.8 host and are left out, which makes the baseline smaller and the
    /// package's share larger. A census first prints which kinds of actions the SDK's analyzers register in that
    /// configuration. A whole build is measured by <c>compiler-alone.sh</c> instead: per-project pairs in one process had
    /// biases of ±10 % from the order of the variants and the garbage each left behind (docs/performance.md).
    /// </para>
    /// </remarks>
    public static class MarginalCost
    {
        private static readonly (string Name, Func<ImmutableArray<DiagnosticAnalyzer>> Extra)[] Variants =
        {
            ("SDK analyzers", () => ImmutableArray<DiagnosticAnalyzer>.Empty),
            ("SDK + LoopbackAnalyzers", () => ImmutableArray.Create<DiagnosticAnalyzer>(new EndpointAnalyzer(), new Rules.FreePortReleasedBeforeUseAnalyzer(), new Configuration.ConfigurationFileAnalyzer())),
            ("SDK + empty control with the same registrations", () => ImmutableArray.Create<DiagnosticAnalyzer>(new RegistrationShapeAnalyzer())),
        };

        private const int WithLoopback = 1;

        public static async Task<int> RunAsync(int lines, int passes, TextWriter output)
        {
            if (SdkAnalyzers.Load(output) is not { } sdk)
            {
                return 2;
            }

            output.WriteLine($"SDK analyzers: {sdk.Analyzers.Length} from {string.Join(", ", sdk.Files.Select(Path.GetFileName))}; globalconfig {Path.GetFileName(sdk.GlobalConfig)}");
            await CensusAsync(sdk, output);
            var (units, measure) = PerFile(lines, sdk, output);
            var names = Variants.Select(v => v.Name).ToArray();
            var totals = names.Select(_ => new List<double>()).ToArray();
            var paired = Variants.Skip(1).Select(_ => new List<(double Sum, double StandardError)>()).ToArray();
            var diagnostics = 0;
            var random = new Random(20_251_126);

            // Pass 0 warms the JIT (tiered compilation included); it is not counted.
            for (var pass = 0; pass <= passes; pass++)
            {
                var cpu = names.Select(_ => new double[units]).ToArray();
                diagnostics = 0;
                for (var unit = 0; unit < units; unit++)
                {
                    // A random order per unit: a fixed rotation would always put the same variant after the same
                    // other one, and the garbage one leaves behind is collected during the next.
                    foreach (var variant in Enumerable.Range(0, names.Length).OrderBy(_ => random.Next()).ToArray())
                    {
                        GC.Collect();
                        GC.WaitForPendingFinalizers();
                        GC.Collect();
                        var (time, loop) = await measure(pass, unit, variant);
                        cpu[variant][unit] = time;
                        diagnostics += variant == WithLoopback ? loop : 0;
                    }
                }

                var line = string.Join("; ", names.Select((name, i) => $"{name} {cpu[i].Sum():0} ms"));
                output.WriteLine($"pass {pass}{(pass == 0 ? " (warm-up)" : string.Empty)}: {line}; {diagnostics} LOOP diagnostics; load average {File.ReadAllText("/proc/loadavg").Trim()}");
                if (pass == 0)
                {
                    continue;
                }

                for (var i = 0; i < names.Length; i++)
                {
                    totals[i].Add(cpu[i].Sum());
                }

                for (var i = 1; i < Variants.Length; i++)
                {
                    var differences = cpu[i].Zip(cpu[0], (a, b) => a - b).ToArray();
                    var mean = differences.Average();
                    var variance = differences.Sum(d => (d - mean) * (d - mean)) / Math.Max(1, differences.Length - 1);
                    paired[i - 1].Add((differences.Sum(), Math.Sqrt(variance * differences.Length)));
                }
            }

            output.WriteLine();
            output.WriteLine($"{units} files, {passes} passes, {diagnostics} LOOP diagnostics per pass");
            output.WriteLine("| measurement | CPU ms per pass, median |");
            output.WriteLine("| --- | ---: |");
            for (var i = 0; i < names.Length; i++)
            {
                output.WriteLine($"| {names[i]} | {Median(totals[i]):0} |");
            }

            var baseline = Median(totals[0]);
            output.WriteLine();
            output.WriteLine($"| added to the SDK analyzers | per pass: sum of paired differences ± standard error (ms CPU) | median, % of \"{names[0]}\" | per file, median |");
            output.WriteLine("| --- | --- | ---: | ---: |");
            for (var i = 1; i < Variants.Length; i++)
            {
                var median = Median(paired[i - 1].Select(v => v.Sum));
                output.WriteLine(
                    $"| {names[i]} | {string.Join(", ", paired[i - 1].Select(v => $"{v.Sum:+0;-0} ± {v.StandardError:0}"))} | {100 * median / baseline:+0.00;-0.00} % | {median / units:+0.00;-0.00} ms |");
            }

            return 0;
        }

        private delegate Task<(double CpuMs, int LoopDiagnostics)> Measurement(int pass, int unit, int variant);

        /// <summary>The files of one project, each analysed as an editor asks for it; a fresh set of analyzers per pass.</summary>
        private static (int Units, Measurement Measure) PerFile(int lines, SdkAnalyzers sdk, TextWriter output)
        {
            var scenario = NetScenario.Create(lines);
            output.WriteLine($"corpus: {scenario.Corpus}");
            var current = -1;
            CompilationWithAnalyzers[] withAnalyzers = Array.Empty<CompilationWithAnalyzers>();
            return (scenario.Trees.Length, async (pass, unit, variant) =>
            {
                if (pass != current)
                {
                    current = pass;
                    withAnalyzers = Variants.Select(v => sdk.WithAnalyzers(scenario.Compile(), v.Extra())).ToArray();
                }

                var model = withAnalyzers[variant].Compilation.GetSemanticModel(scenario.Trees[unit]);
                ImmutableArray<Diagnostic> found = default;
                var time = await CpuTime.MeasureAsync(async () => found = await withAnalyzers[variant].GetAnalyzerSemanticDiagnosticsAsync(model, null, default));
                return (time, CountLoop(found));
            });
        }

        /// <summary>
        /// Which kinds of actions the SDK's analyzers register in this configuration (the driver skips analyzers whose
        /// rules are all disabled): where they already make the driver walk every declaration's syntax nodes or code
        /// blocks, another analyzer's registrations of the same kind only add its own dispatch.
        /// </summary>
        private static async Task CensusAsync(SdkAnalyzers sdk, TextWriter output)
        {
            var corpus = CorpusGenerator.Generate(new CorpusOptions { TargetLines = 2_000, IncludeAspNetCore = NetScenario.HasAspNetCore });
            var compilation = Workload.Compile("Census", Workload.Parse(corpus.Files), ReferenceSets.Web);
            var withAnalyzers = sdk.WithAnalyzers(compilation, ImmutableArray<DiagnosticAnalyzer>.Empty, logExecutionTime: true);
            await withAnalyzers.GetAnalyzerDiagnosticsAsync();
            var counts = new Dictionary<string, int>();
            var running = 0;
            foreach (var analyzer in sdk.Analyzers)
            {
                var info = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, default);
                var kinds = new (string Name, int Count)[]
                {
                    ("syntax-node", info.SyntaxNodeActionsCount), ("syntax-tree", info.SyntaxTreeActionsCount),
                    ("code-block", info.CodeBlockActionsCount), ("code-block-start", info.CodeBlockStartActionsCount),
                    ("operation", info.OperationActionsCount), ("operation-block-start", info.OperationBlockStartActionsCount),
                    ("operation-block", info.OperationBlockActionsCount), ("symbol", info.SymbolActionsCount),
                    ("symbol-start", info.SymbolStartActionsCount), ("semantic-model", info.SemanticModelActionsCount),
                };
                if (kinds.Any(k => k.Count > 0))
                {
                    running++;
                }

                foreach (var (name, count) in kinds.Where(k => k.Count > 0))
                {
                    counts[name] = counts.GetValueOrDefault(name) + 1;
                }
            }

            output.WriteLine($"SDK analyzers that register actions in this configuration: {running} of {sdk.Analyzers.Length}; by kind: {string.Join(", ", counts.OrderByDescending(c => c.Value).Select(c => $"{c.Key} {c.Value}"))}");
        }

        private static int CountLoop(ImmutableArray<Diagnostic> diagnostics) =>
            diagnostics.Count(d => d.Id.StartsWith("LOOP", StringComparison.Ordinal));

        private static double Median(IEnumerable<double> values)
        {
            var sorted = values.OrderBy(v => v).ToArray();
            return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        }

        /// <summary>The .NET SDK's default analyzers as a net10.0 build runs them, loaded from the installed SDK.</summary>
        private sealed record SdkAnalyzers(ImmutableArray<DiagnosticAnalyzer> Analyzers, ImmutableArray<string> Files, string GlobalConfig, AnalyzerConfigSet Config)
        {
            public static SdkAnalyzers? Load(TextWriter output)
            {
                // <root>/shared/Microsoft.NETCore.App/<version>/ -> <root>/sdk/<version>/Sdks/Microsoft.NET.Sdk/analyzers
                var root = Path.GetFullPath(Path.Combine(ReferenceSets.RuntimeDirectory, "..", "..", ".."));
                var analyzersFolder = Directory.Exists(Path.Combine(root, "sdk"))
                    ? Directory.GetDirectories(Path.Combine(root, "sdk")).OrderBy(d => d, StringComparer.Ordinal)
                        .Select(d => Path.Combine(d, "Sdks", "Microsoft.NET.Sdk", "analyzers")).LastOrDefault(Directory.Exists)
                    : null;
                var globalConfig = analyzersFolder is null ? null : Path.Combine(analyzersFolder, "build", "config", "analysislevel_10_default.globalconfig");
                if (analyzersFolder is null || !File.Exists(globalConfig))
                {
                    output.WriteLine($"no .NET SDK analyzers with analysislevel_10_default.globalconfig under {root}/sdk");
                    return null;
                }

                var files = ImmutableArray.Create(
                    Path.Combine(analyzersFolder, "Microsoft.CodeAnalysis.NetAnalyzers.dll"),
                    Path.Combine(analyzersFolder, "Microsoft.CodeAnalysis.CSharp.NetAnalyzers.dll"));
                var loader = new LoadFromLoader();
                var analyzers = files
                    .SelectMany(file => new AnalyzerFileReference(file, loader).GetAnalyzers(LanguageNames.CSharp))
                    .ToImmutableArray();

                // The build properties a plain net10.0 class library passes (its generated editorconfig), and the SDK's
                // analysis-level defaults.
                var buildProperties = AnalyzerConfig.Parse(
                    "is_global = true\n" +
                    "build_property.TargetFramework = net10.0\n" +
                    "build_property.TargetFrameworkIdentifier = .NETCoreApp\n" +
                    "build_property.TargetFrameworkVersion = v10.0\n" +
                    "build_property._SupportedPlatformList = Linux,macOS,Windows\n" +
                    "build_property.EffectiveAnalysisLevelStyle = 10.0\n",
                    "/corpus/obj/Corpus.GeneratedMSBuildEditorConfig.editorconfig");
                var sdkDefaults = AnalyzerConfig.Parse(File.ReadAllText(globalConfig), globalConfig);
                var config = AnalyzerConfigSet.Create(new[] { buildProperties, sdkDefaults });
                return new SdkAnalyzers(analyzers, files, globalConfig, config);
            }

            public CompilationWithAnalyzers WithAnalyzers(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> extra, bool logExecutionTime = false)
            {
                var global = Config.GlobalConfigOptions;
                var options = compilation.Options.WithSpecificDiagnosticOptions(
                    compilation.Options.SpecificDiagnosticOptions.SetItems(global.TreeOptions));
                return compilation.WithOptions(options).WithAnalyzers(
                    Analyzers.AddRange(extra),
                    new CompilationWithAnalyzersOptions(
                        new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new GlobalOptionsProvider(global.AnalyzerOptions)),
                        onAnalyzerException: null,
                        concurrentAnalysis: true,
                        logAnalyzerExecutionTime: logExecutionTime,
                        reportSuppressedDiagnostics: false));
            }
        }

        private sealed class LoadFromLoader : IAnalyzerAssemblyLoader
        {
            public void AddDependencyLocation(string fullPath)
            {
            }

            public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
        }

        /// <summary>Options that are the same for every file: a globalconfig, as in the build.</summary>
        private sealed class GlobalOptionsProvider : AnalyzerConfigOptionsProvider
        {
            private readonly DictionaryOptions _options;

            public GlobalOptionsProvider(ImmutableDictionary<string, string> options) => _options = new DictionaryOptions(options);

            public override AnalyzerConfigOptions GlobalOptions => _options;

            public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _options;

            public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _options;

            private sealed class DictionaryOptions : AnalyzerConfigOptions
            {
                private readonly ImmutableDictionary<string, string> _values;

                public DictionaryOptions(ImmutableDictionary<string, string> values) => _values = values;

                public override bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);
            }
        }

        /// <summary>The process's CPU time (user + system, all threads) with microsecond resolution.</summary>
        private static class CpuTime
        {
            public static async Task<double> MeasureAsync(Func<Task> action)
            {
                var before = Now();
                await action();
                return Now() - before;
            }

            /// <summary>Milliseconds of CPU so far. <c>Process.TotalProcessorTime</c> ticks in 10 ms steps on Linux.</summary>
            private static double Now()
            {
                if (getrusage(0 /* RUSAGE_SELF */, out var usage) != 0)
                {
                    throw new InvalidOperationException("getrusage failed");
                }

                return (usage.UserSeconds + usage.SystemSeconds) * 1000.0 + (usage.UserMicroseconds + usage.SystemMicroseconds) / 1000.0;
            }

            /// <summary>struct rusage on 64-bit Linux: two timevals, then fourteen counters this does not read.</summary>
            [StructLayout(LayoutKind.Sequential, Size = 144)]
            private struct RUsage
            {
                public long UserSeconds;
                public long UserMicroseconds;
                public long SystemSeconds;
                public long SystemMicroseconds;
            }

            [DllImport("libc", SetLastError = true)]
            private static extern int getrusage(int who, out RUsage usage);
        }
    }
}
