using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LoopbackAnalyzers.Benchmarks.Shared.Corpus;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;

namespace LoopbackAnalyzers.Benchmarks.Shared
{
    /// <summary>
    /// The operations that the benchmarks and the smoke pass time: parsing, compiling as <c>dotnet build</c> does
    /// (a Debug build: DEBUG and TRACE defined, no optimization, portable PDB), and running analyzers through
    /// <see cref="CompilationWithAnalyzers"/>, over the whole compilation or over one document.
    /// </summary>
    public static class Workload
    {
        public static readonly CSharpParseOptions ParseOptions = new(
            LanguageVersion.CSharp12,
            DocumentationMode.None,
            SourceCodeKind.Regular,
            new[] { "DEBUG", "TRACE", "NET", "NET10_0", "NET10_0_OR_GREATER" });

        public static readonly AnalyzerOptions EmptyAnalyzerOptions = new(ImmutableArray<AdditionalText>.Empty);

        public static CSharpCompilationOptions CompilationOptions(bool concurrent) => new(
            OutputKind.DynamicallyLinkedLibrary,
            optimizationLevel: OptimizationLevel.Debug,
            nullableContextOptions: NullableContextOptions.Enable,
            concurrentBuild: concurrent,
            deterministic: true);

        public static ImmutableArray<SyntaxTree> Parse(IEnumerable<CorpusFile> files, CancellationToken cancellationToken = default) =>
            files.Select(file => Parse(file, cancellationToken)).ToImmutableArray();

        public static SyntaxTree Parse(CorpusFile file, CancellationToken cancellationToken = default) =>
            CSharpSyntaxTree.ParseText(SourceText.From(file.Text, System.Text.Encoding.UTF8), ParseOptions, "/corpus/" + file.Path, cancellationToken);

        /// <summary>A fresh compilation: nothing bound yet, as at the start of a build.</summary>
        public static CSharpCompilation Compile(string name, IEnumerable<SyntaxTree> trees, IEnumerable<MetadataReference> references, bool concurrent = true) =>
            CSharpCompilation.Create(name, trees, references, CompilationOptions(concurrent));

        /// <summary>What the compiler does in a build: bind everything, then write the assembly and its PDB.</summary>
        public static EmitResult Emit(Compilation compilation, CancellationToken cancellationToken = default)
        {
            using var pe = new MemoryStream();
            using var pdb = new MemoryStream();
            return compilation.Emit(pe, pdb, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb), cancellationToken: cancellationToken);
        }

        public static CompilationWithAnalyzers WithAnalyzers(
            Compilation compilation,
            ImmutableArray<DiagnosticAnalyzer> analyzers,
            bool concurrent = true,
            bool logExecutionTime = false,
            ConcurrentQueue<Exception>? exceptions = null) =>
            compilation.WithAnalyzers(
                analyzers,
                new CompilationWithAnalyzersOptions(
                    EmptyAnalyzerOptions,
                    onAnalyzerException: exceptions is null ? null : (exception, _, _) => exceptions.Enqueue(exception),
                    concurrentAnalysis: concurrent,
                    logAnalyzerExecutionTime: logExecutionTime,
                    reportSuppressedDiagnostics: false));

        /// <summary>Compiler and analyzer diagnostics of the whole compilation, as a build with the analyzer reports them.</summary>
        public static Task<ImmutableArray<Diagnostic>> GetAllDiagnosticsAsync(CompilationWithAnalyzers withAnalyzers, CancellationToken cancellationToken = default) =>
            withAnalyzers.GetAllDiagnosticsAsync(cancellationToken);

        /// <summary>The analyzers' diagnostics for one document, as an IDE asks for them after an edit.</summary>
        public static Task<ImmutableArray<Diagnostic>> GetDocumentDiagnosticsAsync(CompilationWithAnalyzers withAnalyzers, SemanticModel model, CancellationToken cancellationToken = default) =>
            withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan: null, cancellationToken);

        public static ImmutableArray<DiagnosticAnalyzer> Loopback() => ImmutableArray.Create<DiagnosticAnalyzer>(new EndpointAnalyzer());

        public static ImmutableArray<DiagnosticAnalyzer> NoOp() => ImmutableArray.Create<DiagnosticAnalyzer>(new NoOpOperationAnalyzer());

        public static ImmutableArray<DiagnosticAnalyzer> SyntaxPrefilter() => ImmutableArray.Create<DiagnosticAnalyzer>(new SyntaxPrefilterAnalyzer());

        public static ImmutableArray<DiagnosticAnalyzer> Empty() => ImmutableArray.Create<DiagnosticAnalyzer>(new EmptyAnalyzer());
    }
}
