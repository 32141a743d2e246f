using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace LoopbackAnalyzers.Tests.Infrastructure
{
    /// <summary>
    /// Runs every shipped analyzer (and fix) over arbitrary, possibly broken, source outside the verifier,
    /// recording analyzer exceptions instead of letting Roslyn turn them into AD0001 warnings.
    /// </summary>
    public static class AnalyzerRunner
    {
        private static readonly Lazy<Task<ImmutableArray<MetadataReference>>> References =
            new(() => LoopbackTest.References.ResolveAsync(LanguageNames.CSharp, CancellationToken.None));

        public sealed record Result(CSharpCompilation Compilation, ImmutableArray<Diagnostic> Diagnostics, ImmutableArray<Exception> Exceptions);

        public static async Task<Result> AnalyzeAsync(string source, bool testProject = true, CancellationToken cancellationToken = default)
        {
            var compilation = await CompileAsync(source, cancellationToken);
            var exceptions = new ConcurrentQueue<Exception>();
            var diagnostics = await AnalyzeCompilationAsync(compilation, exceptions, testProject, onOptionRead: null, cancellationToken);
            return new Result(compilation, diagnostics, exceptions.ToImmutableArray());
        }

        /// <summary>
        /// Runs every shipped analyzer over <paramref name="compilation"/>. Analyzer exceptions go to <paramref name="exceptions"/>
        /// as they happen, so the caller sees them even when analysis ends in cancellation; <paramref name="onOptionRead"/>,
        /// when given, is called with the key each time an option is read (the analyzers read theirs while they run).
        /// </summary>
        public static async Task<ImmutableArray<Diagnostic>> AnalyzeCompilationAsync(
            Compilation compilation,
            ConcurrentQueue<Exception> exceptions,
            bool testProject = true,
            Action<string>? onOptionRead = null,
            CancellationToken cancellationToken = default)
        {
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new ProjectOptions(testProject, onOptionRead)),
                onAnalyzerException: (exception, _, _) => exceptions.Enqueue(exception),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false);
            var withAnalyzers = compilation.WithAnalyzers(Catalogue.Analyzers, options);
            return await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken);
        }

        public static async Task<CSharpCompilation> CompileAsync(string source, CancellationToken cancellationToken = default)
        {
            var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: "/0/Test0.cs", cancellationToken: cancellationToken);
            return CSharpCompilation.Create(
                "Robustness",
                new[] { tree },
                await References.Value,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        }

        /// <summary>Applies every offered fix, one diagnostic at a time, and returns the fixed sources.</summary>
        public static async Task<ImmutableArray<string>> ApplyEachFixAsync(string source, ImmutableArray<Diagnostic> diagnostics)
        {
            var results = ImmutableArray.CreateBuilder<string>();
            foreach (var diagnostic in diagnostics)
            {
                foreach (var fixer in Catalogue.CodeFixes.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
                {
                    var document = await CreateDocumentAsync(source);
                    var actions = ImmutableArray.CreateBuilder<CodeAction>();
                    var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
                    await fixer.RegisterCodeFixesAsync(context);
                    foreach (var action in actions)
                    {
                        foreach (var operation in await action.GetOperationsAsync(CancellationToken.None))
                        {
                            if (operation is ApplyChangesOperation apply)
                            {
                                var changed = apply.ChangedSolution.GetDocument(document.Id)!;
                                results.Add((await changed.GetTextAsync()).ToString());
                            }
                        }
                    }
                }
            }

            return results.ToImmutable();
        }

        private static async Task<Document> CreateDocumentAsync(string source)
        {
            var workspace = new AdhocWorkspace();
            var project = workspace.AddProject(ProjectInfo.Create(
                ProjectId.CreateNewId(),
                VersionStamp.Default,
                "Robustness",
                "Robustness",
                LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary),
                parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
                metadataReferences: await References.Value));
            return workspace.AddDocument(DocumentInfo.Create(
                DocumentId.CreateNewId(project.Id),
                "Test0.cs",
                loader: TextLoader.From(TextAndVersion.Create(SourceText.From(source), VersionStamp.Default)),
                filePath: "/0/Test0.cs"));
        }

        private sealed class ProjectOptions : AnalyzerConfigOptionsProvider
        {
            private readonly Options _options;

            public ProjectOptions(bool testProject, Action<string>? onOptionRead = null) =>
                _options = new Options(
                    testProject ? ImmutableDictionary<string, string>.Empty.Add("build_property.IsTestProject", "true") : ImmutableDictionary<string, string>.Empty,
                    onOptionRead);

            public override AnalyzerConfigOptions GlobalOptions => _options;

            public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _options;

            public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _options;

            private sealed class Options : AnalyzerConfigOptions
            {
                private readonly ImmutableDictionary<string, string> _values;
                private readonly Action<string>? _onRead;

                public Options(ImmutableDictionary<string, string> values, Action<string>? onRead)
                {
                    _values = values;
                    _onRead = onRead;
                }

                public override bool TryGetValue(string key, out string value)
                {
                    _onRead?.Invoke(key);
                    return _values.TryGetValue(key, out value!);
                }
            }
        }
    }
}
