using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using LoopbackAnalyzers.Benchmarks.Shared;
using Microsoft.CodeAnalysis;

namespace LoopbackAnalyzers.Benchmarks
{
    /// <summary>
    /// <c>--overhead</c>: the analyzer's share of compile time, measured in a way that holds up on a busy machine.
    /// Each round runs every measurement once, one after the other (interleaved, so that a change in background load
    /// hits all of them alike), and records wall time, the process's CPU time, and allocated bytes. The analyzer's own
    /// execution time comes from the driver's telemetry (logAnalyzerExecutionTime) and from the callback harness.
    /// The first round warms the JIT and is not counted; the report gives medians over the other rounds.
    /// </summary>
    public static class OverheadReport
    {
        private sealed record Sample(double WallMs, double CpuMs, long Bytes);

        public static async Task<int> RunAsync(int lines, int rounds, TextWriter output)
        {
            output.WriteLine($"Overhead report: {lines} target lines, {rounds} measured rounds after 1 warm-up round.");
            var net = NetScenario.Create(lines);
            var noNet = NoNetScenario.Create(lines);
            output.WriteLine($"corpus: {net.Corpus}");
            output.WriteLine($"System.Net-free corpus: {noNet.Corpus}");

            var samples = new Dictionary<string, List<Sample>>();
            var telemetryMs = new List<double>();
            var noOpTelemetryMs = new List<double>();
            var noNetTelemetryMs = new List<double>();
            var loads = new List<string>();

            for (var round = 0; round <= rounds; round++)
            {
                var record = round > 0;
                void Add(string name, Sample sample)
                {
                    if (record)
                    {
                        (samples.TryGetValue(name, out var list) ? list : samples[name] = new List<Sample>()).Add(sample);
                    }
                }

                Add("Parse", Measure(() => Workload.Parse(net.Corpus.Files)));
                Add("GetDiagnostics", Measure(() => net.Compile().GetDiagnostics()));
                Add("Emit", Measure(() => Workload.Emit(net.Compile())));
                Add("Loopback", await MeasureAsync(() => Workload.GetAllDiagnosticsAsync(Workload.WithAnalyzers(net.Compile(), Workload.Loopback()))));
                Add("NoOp", await MeasureAsync(() => Workload.GetAllDiagnosticsAsync(Workload.WithAnalyzers(net.Compile(), Workload.NoOp()))));
                Add("Prefilter", await MeasureAsync(() => Workload.GetAllDiagnosticsAsync(Workload.WithAnalyzers(net.Compile(), Workload.SyntaxPrefilter()))));

                var analyzers = Workload.Loopback();
                var timed = Workload.WithAnalyzers(net.Compile(), analyzers, logExecutionTime: true);
                await timed.GetAnalyzerDiagnosticsAsync();
                var telemetry = await timed.GetAnalyzerTelemetryInfoAsync(analyzers[0], default);

                // The same telemetry for an analyzer whose callbacks do nothing: what the driver books to any operation analyzer.
                var noOp = Workload.NoOp();
                var noOpTimed = Workload.WithAnalyzers(net.Compile(), noOp, logExecutionTime: true);
                await noOpTimed.GetAnalyzerDiagnosticsAsync();
                var noOpTelemetry = await noOpTimed.GetAnalyzerTelemetryInfoAsync(noOp[0], default);

                Add("NoNet GetDiagnostics", Measure(() => noNet.Compile().GetDiagnostics()));
                Add("NoNet Empty", await MeasureAsync(() => Workload.GetAllDiagnosticsAsync(Workload.WithAnalyzers(noNet.Compile(), Workload.Empty()))));
                Add("NoNet Loopback", await MeasureAsync(() => Workload.GetAllDiagnosticsAsync(Workload.WithAnalyzers(noNet.Compile(), Workload.Loopback()))));
                var noNetAnalyzers = Workload.Loopback();
                var noNetTimed = Workload.WithAnalyzers(noNet.Compile(), noNetAnalyzers, logExecutionTime: true);
                await noNetTimed.GetAnalyzerDiagnosticsAsync();
                var noNetTelemetry = await noNetTimed.GetAnalyzerTelemetryInfoAsync(noNetAnalyzers[0], default);

                if (record)
                {
                    telemetryMs.Add(telemetry.ExecutionTime.TotalMilliseconds);
                    noOpTelemetryMs.Add(noOpTelemetry.ExecutionTime.TotalMilliseconds);
                    noNetTelemetryMs.Add(noNetTelemetry.ExecutionTime.TotalMilliseconds);
                }

                var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
                loads.Add(load);
                output.WriteLine($"round {round}{(record ? string.Empty : " (warm-up)")}: emit {samples.GetValueOrDefault("Emit")?.LastOrDefault()?.CpuMs:0} ms CPU, telemetry {telemetry.ExecutionTime.TotalMilliseconds:0} ms, load average {load}");
            }

            // The callback harness: the analyzer's code alone, on a bound compilation.
            var bound = net.Compile();
            bound.GetDiagnostics();
            var operations = CallbackHarness.CollectOperations(bound, bound.SyntaxTrees);
            var harness = CallbackHarness.Start(new EndpointAnalyzer(), bound);
            harness.Run(operations);
            var callbacks = Enumerable.Range(0, rounds).Select(_ => Measure(() => harness.Run(operations))).ToList();
            var starts = Enumerable.Range(0, rounds).Select(_ => Measure(() => CallbackHarness.Start(new EndpointAnalyzer(), bound))).ToList();

            double Median(IEnumerable<double> values)
            {
                var sorted = values.OrderBy(v => v).ToArray();
                return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
            }

            double Cpu(string name) => Median(samples[name].Select(s => s.CpuMs));
            double Wall(string name) => Median(samples[name].Select(s => s.WallMs));
            double Mb(string name) => Median(samples[name].Select(s => s.Bytes / 1048576.0));
            double PairedCpu(string a, string b) => Median(samples[a].Zip(samples[b], (x, y) => x.CpuMs - y.CpuMs));
            double PairedWall(string a, string b) => Median(samples[a].Zip(samples[b], (x, y) => x.WallMs - y.WallMs));

            output.WriteLine();
            output.WriteLine("| measurement | wall ms (median) | CPU ms (median) | allocated MB |");
            output.WriteLine("| --- | ---: | ---: | ---: |");
            foreach (var (name, label) in new[]
            {
                ("Parse", "Parse all files"),
                ("GetDiagnostics", "Compile: GetDiagnostics"),
                ("Emit", "Compile: Emit (PE + PDB)"),
                ("Loopback", "GetAllDiagnostics + loopback analyzer"),
                ("NoOp", "GetAllDiagnostics + no-op operation analyzer"),
                ("Prefilter", "GetAllDiagnostics + syntax-prefilter control analyzer"),
                ("NoNet GetDiagnostics", "No System.Net: GetDiagnostics"),
                ("NoNet Empty", "No System.Net: GetAllDiagnostics + empty analyzer"),
                ("NoNet Loopback", "No System.Net: GetAllDiagnostics + loopback analyzer"),
            })
            {
                output.WriteLine($"| {label} | {Wall(name):0} | {Cpu(name):0} | {Mb(name):0.0} |");
            }

            var build = Cpu("Parse") + Cpu("Emit");
            var buildWall = Wall("Parse") + Wall("Emit");
            output.WriteLine($"| Callback harness: all {operations.Count} operations | {Median(callbacks.Select(s => s.WallMs)):0.0} | {Median(callbacks.Select(s => s.CpuMs)):0.0} | {Median(callbacks.Select(s => s.Bytes / 1048576.0)):0.00} |");
            output.WriteLine($"| Callback harness: compilation start | {Median(starts.Select(s => s.WallMs)):0.000} | {Median(starts.Select(s => s.CpuMs)):0.000} | {Median(starts.Select(s => s.Bytes / 1048576.0)):0.000} |");
            output.WriteLine();
            output.WriteLine("| overhead, relative to Parse + Emit | ms | % (CPU) | % (wall) |");
            output.WriteLine("| --- | ---: | ---: | ---: |");
            output.WriteLine($"| Parse + Emit (the build's compile time) | {build:0} CPU, {buildWall:0} wall | 100 | 100 |");
            output.WriteLine($"| Loopback analyzer, telemetry execution time | {Median(telemetryMs):0} | {100 * Median(telemetryMs) / build:0.00} | {100 * Median(telemetryMs) / buildWall:0.00} |");
            output.WriteLine($"| No-op operation analyzer, telemetry execution time | {Median(noOpTelemetryMs):0} | {100 * Median(noOpTelemetryMs) / build:0.00} | {100 * Median(noOpTelemetryMs) / buildWall:0.00} |");
            output.WriteLine($"| Loopback analyzer, telemetry minus no-op telemetry | {Median(telemetryMs) - Median(noOpTelemetryMs):0} | {100 * (Median(telemetryMs) - Median(noOpTelemetryMs)) / build:0.00} | {100 * (Median(telemetryMs) - Median(noOpTelemetryMs)) / buildWall:0.00} |");
            output.WriteLine($"| Loopback analyzer, harness (its code alone) | {Median(callbacks.Select(s => s.CpuMs)) + Median(starts.Select(s => s.CpuMs)):0} | {100 * (Median(callbacks.Select(s => s.CpuMs)) + Median(starts.Select(s => s.CpuMs))) / build:0.00} | |");
            output.WriteLine($"| (with loopback analyzer) - (no-op operation analyzer), paired | {PairedCpu("Loopback", "NoOp"):0} CPU, {PairedWall("Loopback", "NoOp"):0} wall | {100 * PairedCpu("Loopback", "NoOp") / build:0.00} | {100 * PairedWall("Loopback", "NoOp") / buildWall:0.00} |");
            output.WriteLine($"| (with loopback analyzer) - GetDiagnostics, paired (driver included) | {PairedCpu("Loopback", "GetDiagnostics"):0} CPU, {PairedWall("Loopback", "GetDiagnostics"):0} wall | {100 * PairedCpu("Loopback", "GetDiagnostics") / build:0.00} | {100 * PairedWall("Loopback", "GetDiagnostics") / buildWall:0.00} |");
            output.WriteLine($"| (with no-op operation analyzer) - GetDiagnostics, paired | {PairedCpu("NoOp", "GetDiagnostics"):0} CPU, {PairedWall("NoOp", "GetDiagnostics"):0} wall | {100 * PairedCpu("NoOp", "GetDiagnostics") / build:0.00} | {100 * PairedWall("NoOp", "GetDiagnostics") / buildWall:0.00} |");
            output.WriteLine($"| (with syntax-prefilter control) - GetDiagnostics, paired | {PairedCpu("Prefilter", "GetDiagnostics"):0} CPU, {PairedWall("Prefilter", "GetDiagnostics"):0} wall | {100 * PairedCpu("Prefilter", "GetDiagnostics") / build:0.00} | {100 * PairedWall("Prefilter", "GetDiagnostics") / buildWall:0.00} |");
            output.WriteLine($"| No System.Net: telemetry execution time | {Median(noNetTelemetryMs):0.000} | | |");
            output.WriteLine($"| No System.Net: (loopback) - (empty analyzer), paired | {PairedCpu("NoNet Loopback", "NoNet Empty"):0} CPU, {Median(samples["NoNet Loopback"].Zip(samples["NoNet Empty"], (x, y) => (x.Bytes - y.Bytes) / 1024.0)):0} KB allocated | | |");
            output.WriteLine();
            output.WriteLine($"load averages after each round: {string.Join(" | ", loads)}");
            return 0;
        }

        private static Sample Measure(Action action)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var bytes = GC.GetTotalAllocatedBytes(precise: true);
            var wall = Stopwatch.StartNew();
            action();
            wall.Stop();
            process.Refresh();
            return new Sample(wall.Elapsed.TotalMilliseconds, (process.TotalProcessorTime - cpu).TotalMilliseconds, GC.GetTotalAllocatedBytes(precise: true) - bytes);
        }

        private static async Task<Sample> MeasureAsync<T>(Func<Task<T>> action)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var bytes = GC.GetTotalAllocatedBytes(precise: true);
            var wall = Stopwatch.StartNew();
            await action();
            wall.Stop();
            process.Refresh();
            return new Sample(wall.Elapsed.TotalMilliseconds, (process.TotalProcessorTime - cpu).TotalMilliseconds, GC.GetTotalAllocatedBytes(precise: true) - bytes);
        }
    }
}
