using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace LoopbackAnalyzers.Benchmarks.Shared.Corpus
{
    public enum CorpusFileKind
    {
        /// <summary>Shared plumbing: logging, clock, the test attribute types.</summary>
        Support,

        /// <summary>Entities, services, utilities: no networking at all.</summary>
        Ordinary,

        /// <summary>Test-like classes ([Fact], [Theory]) over ordinary code.</summary>
        Tests,

        /// <summary>Servers, clients, Kestrel set-up, and tests of them.</summary>
        Networking,

        /// <summary>The ~300-line document of the IDE scenario.</summary>
        Document,
    }

    /// <summary>A line on which the analyzer must report LOOP001, and a fragment its message must contain.</summary>
    public sealed record ExpectedDiagnostic(string Path, int Line, string Evidence);

    public sealed record CorpusFile(string Path, string Text, int Lines, CorpusFileKind Kind, IReadOnlyList<ExpectedDiagnostic> Expected);

    public sealed class CorpusOptions
    {
        /// <summary>Lines of C# to generate (the corpus stops at the first file past it).</summary>
        public int TargetLines { get; init; } = 100_000;

        public ulong Seed { get; init; } = 20_251_126;

        /// <summary>False: a project that never touches System.Net (no networking files, no System.Net.Http using).</summary>
        public bool IncludeNetworking { get; init; } = true;

        /// <summary>Kestrel, WebApplication and UseUrls snippets; they need the ASP.NET Core shared framework.</summary>
        public bool IncludeAspNetCore { get; init; } = true;

        /// <summary>Share of the lines that are networking code.</summary>
        public double NetworkingShare { get; init; } = 0.03;
    }

    public sealed class GeneratedCorpus
    {
        public GeneratedCorpus(CorpusOptions options, ImmutableArray<CorpusFile> files)
        {
            Options = options;
            Files = files;
        }

        public CorpusOptions Options { get; }

        public ImmutableArray<CorpusFile> Files { get; }

        public int TotalLines => Files.Sum(file => file.Lines);

        public int LinesOf(CorpusFileKind kind) => Files.Where(file => file.Kind == kind).Sum(file => file.Lines);

        public ImmutableArray<ExpectedDiagnostic> Expected => Files.SelectMany(file => file.Expected).ToImmutableArray();

        public override string ToString() =>
            $"{Files.Length} files, {TotalLines} lines ({LinesOf(CorpusFileKind.Ordinary)} ordinary, {LinesOf(CorpusFileKind.Tests)} tests, " +
            $"{LinesOf(CorpusFileKind.Networking)} networking = {100.0 * LinesOf(CorpusFileKind.Networking) / System.Math.Max(1, TotalLines):0.0}%, " +
            $"{LinesOf(CorpusFileKind.Support) + LinesOf(CorpusFileKind.Document)} other), {Expected.Length} expected LOOP001";
    }
}
