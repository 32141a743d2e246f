using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Running;
using LoopbackAnalyzers.Benchmarks.Shared;
using LoopbackAnalyzers.Benchmarks.Shared.Corpus;

namespace LoopbackAnalyzers.Benchmarks
{
    /// <summary>
    /// Entry point. <c>--smoke [--lines N]</c> (10,000 lines by default): every scenario once, with sanity checks (exit code 1 on a failed check).
    /// <c>--overhead [--lines N] [--rounds N]</c>: interleaved CPU-time, wall-time and telemetry measurements of the
    /// analyzer's share of compile time. <c>--ide-marginal [--lines N] [--passes N]</c>: per-document paired CPU time of the SDK's
    /// default analyzers with and without LoopbackAnalyzers (<see cref="MarginalCost"/>). <c>--write-corpus DIR [--lines N] [--no-net]</c>: write the generated corpus to
    /// DIR as .cs files, for a real <c>dotnet build</c> (tests/LoopbackAnalyzers.Benchmarks/real-build.sh). Anything else goes to BenchmarkDotNet (e.g. <c>--filter '*'</c>); the corpus size
    /// of the benchmarks is 100,000 lines unless LOOPBACK_BENCH_LINES says otherwise. See docs/performance.md.
    /// </summary>
    public static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            if (args.Contains("--smoke"))
            {
                var lines = Option(args, "--lines", 10_000);
                var result = await SmokeRunner.RunAsync(lines, Console.Out);
                Console.WriteLine(result.Passed ? "smoke: all checks passed" : $"smoke: {result.Failures.Count()} checks failed");
                return result.Passed ? 0 : 1;
            }

            if (Array.IndexOf(args, "--write-corpus") is var write and >= 0)
            {
                if (write + 1 >= args.Length)
                {
                    Console.Error.WriteLine("usage: --write-corpus DIR [--lines N] [--no-net]");
                    return 2;
                }

                return WriteCorpus(args[write + 1], Option(args, "--lines", 100_000), networking: !args.Contains("--no-net"));
            }

            if (args.Contains("--overhead"))
            {
                return await OverheadReport.RunAsync(Option(args, "--lines", 100_000), Option(args, "--rounds", 5), Console.Out);
            }

            if (args.Contains("--ide-marginal"))
            {
                return await MarginalCost.RunAsync(Option(args, "--lines", 20_000), Option(args, "--passes", 3), Console.Out);
            }

            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
            return 0;
        }

        /// <summary>
        /// The corpus as files under <paramref name="directory"/> (their paths relative to it), for a real build. With
        /// networking, the Kestrel parts are included: the project must reference Microsoft.AspNetCore.App.
        /// </summary>
        private static int WriteCorpus(string directory, int lines, bool networking)
        {
            var corpus = CorpusGenerator.Generate(new CorpusOptions
            {
                TargetLines = lines,
                IncludeNetworking = networking,
                IncludeAspNetCore = networking,
            });
            foreach (var file in corpus.Files)
            {
                var path = Path.Combine(directory, file.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, file.Text);
            }

            Console.WriteLine($"wrote {corpus} to {Path.GetFullPath(directory)}");
            return 0;
        }

        private static int Option(string[] args, string name, int fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out var value) ? value : fallback;
        }
    }
}
