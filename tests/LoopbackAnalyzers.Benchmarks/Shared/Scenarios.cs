using System;
using System.Collections.Immutable;
using System.Linq;
using LoopbackAnalyzers.Benchmarks.Shared.Corpus;
using Microsoft.CodeAnalysis;

namespace LoopbackAnalyzers.Benchmarks.Shared
{
    /// <summary>
    /// A project that uses System.Net: the generated corpus (with networking code, and Kestrel code when the
    /// ASP.NET Core framework is installed), the IDE scenario's document, both parsed, and the references.
    /// </summary>
    public sealed class NetScenario
    {
        private NetScenario(GeneratedCorpus corpus, CorpusFile document, ImmutableArray<SyntaxTree> trees, SyntaxTree documentTree, ImmutableArray<MetadataReference> references)
        {
            Corpus = corpus;
            Document = document;
            Trees = trees;
            DocumentTree = documentTree;
            EditedDocumentTree = Workload.Parse(document with { Text = document.Text + "// edited\n" });
            References = references;
        }

        public GeneratedCorpus Corpus { get; }

        public CorpusFile Document { get; }

        /// <summary>The corpus files, parsed (without the IDE document).</summary>
        public ImmutableArray<SyntaxTree> Trees { get; }

        public SyntaxTree DocumentTree { get; }

        /// <summary>The document after an edit (a comment added at its end: the expected lines stay the same).</summary>
        public SyntaxTree EditedDocumentTree { get; }

        public ImmutableArray<MetadataReference> References { get; }

        public static bool HasAspNetCore => ReferenceSets.AspNetCore is not null;

        public static NetScenario Create(int lines, ulong seed = 20_251_126)
        {
            var corpus = CorpusGenerator.Generate(new CorpusOptions { TargetLines = lines, Seed = seed, IncludeAspNetCore = HasAspNetCore });
            var document = CorpusGenerator.TypicalDocument();
            return new NetScenario(corpus, document, Workload.Parse(corpus.Files), Workload.Parse(document), ReferenceSets.Web);
        }

        /// <summary>A fresh compilation of the corpus (the whole-build scenario).</summary>
        public Compilation Compile(bool concurrent = true) => Workload.Compile("Corpus", Trees, References, concurrent);

        /// <summary>A fresh compilation of the corpus plus the IDE document.</summary>
        public Compilation CompileWithDocument(bool concurrent = true) => Workload.Compile("Corpus", Trees.Add(DocumentTree), References, concurrent);

        /// <summary>
        /// The compilation an IDE has after the user edits the document: <paramref name="bound"/> (the project, bound
        /// before the edit) with the document replaced. Declarations of the other files are reused; symbols and bound
        /// bodies are built again lazily, as in the IDE.
        /// </summary>
        public Compilation Edit(Compilation bound) => bound.ReplaceSyntaxTree(DocumentTree, EditedDocumentTree);
    }

    /// <summary>A project that never references System.Net: ordinary code only, compiled without any System.Net assembly.</summary>
    public sealed class NoNetScenario
    {
        private NoNetScenario(GeneratedCorpus corpus, ImmutableArray<SyntaxTree> trees, ImmutableArray<MetadataReference> references)
        {
            Corpus = corpus;
            Trees = trees;
            References = references;
        }

        public GeneratedCorpus Corpus { get; }

        public ImmutableArray<SyntaxTree> Trees { get; }

        public ImmutableArray<MetadataReference> References { get; }

        public static NoNetScenario Create(int lines, ulong seed = 20_251_126)
        {
            var corpus = CorpusGenerator.Generate(new CorpusOptions { TargetLines = lines, Seed = seed, IncludeNetworking = false, IncludeAspNetCore = false });
            return new NoNetScenario(corpus, Workload.Parse(corpus.Files), ReferenceSets.WithoutSystemNet.References);
        }

        public Compilation Compile(bool concurrent = true) => Workload.Compile("CorpusWithoutNet", Trees, References, concurrent);
    }
}
