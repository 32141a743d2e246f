using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LoopbackAnalyzers.Benchmarks.Shared
{
    /// <summary>
    /// Runs an analyzer's callbacks without the analyzer driver: <see cref="Start"/> calls Initialize and the
    /// compilation-start actions through minimal contexts, and <see cref="Run"/> invokes the registered operation
    /// actions on operations collected beforehand. What it measures is the analyzer's own code and nothing else:
    /// no semantic-model or IOperation construction, no scheduling.
    /// </summary>
    public sealed class CallbackHarness
    {
        private readonly ImmutableArray<(Action<OperationAnalysisContext> Action, ImmutableArray<OperationKind> Kinds)> _operationActions;
        private readonly ImmutableArray<(Action<SyntaxNodeAnalysisContext> Action, ImmutableArray<SyntaxKind> Kinds)> _syntaxActions;
        private readonly Compilation _compilation;
        private readonly AnalyzerOptions _options;
        private readonly ImmutableHashSet<string> _supported;

        private CallbackHarness(
            Compilation compilation,
            AnalyzerOptions options,
            ImmutableArray<(Action<OperationAnalysisContext>, ImmutableArray<OperationKind>)> operationActions,
            ImmutableArray<(Action<SyntaxNodeAnalysisContext>, ImmutableArray<SyntaxKind>)> syntaxActions,
            ImmutableHashSet<string> supported)
        {
            _syntaxActions = syntaxActions;
            _compilation = compilation;
            _options = options;
            _operationActions = operationActions;
            _supported = supported;
        }

        /// <summary>The operation and syntax node actions that the compilation-start actions registered (none when System.Net is absent).</summary>
        public int OperationActionCount => _operationActions.Length + _syntaxActions.Length;

        /// <summary>Initialize, then every compilation-start action, as the driver does once per compilation.</summary>
        public static CallbackHarness Start(DiagnosticAnalyzer analyzer, Compilation compilation, AnalyzerOptions? options = null)
        {
            options ??= Workload.EmptyAnalyzerOptions;
            var context = new CapturingAnalysisContext();
            analyzer.Initialize(context);
            var start = new CapturingCompilationStartContext(compilation, options);
            foreach (var action in context.CompilationStartActions)
            {
                action(start);
            }

            var supported = analyzer.SupportedDiagnostics.Select(d => d.Id).ToImmutableHashSet(StringComparer.Ordinal);
            return new CallbackHarness(compilation, options, start.OperationActions.ToImmutable(), start.SyntaxActions.ToImmutable(), supported);
        }

        /// <summary>Invokes the operation actions on each operation of a matching kind; returns the diagnostics reported.</summary>
        public List<Diagnostic> Run(IReadOnlyList<OperationSite> operations, CancellationToken cancellationToken = default)
        {
            var diagnostics = new List<Diagnostic>();
            Action<Diagnostic> report = diagnostics.Add;
            Func<Diagnostic, bool> isSupported = diagnostic => _supported.Contains(diagnostic.Id);
            foreach (var (action, kinds) in _operationActions)
            {
                foreach (var site in operations)
                {
                    if (!kinds.Contains(site.Operation.Kind))
                    {
                        continue;
                    }

#pragma warning disable CS0618 // The public constructor is the one meant for tests and tools like this.
                    action(new OperationAnalysisContext(site.Operation, site.ContainingSymbol, _compilation, _options, report, isSupported, cancellationToken));
#pragma warning restore CS0618
                }
            }

            // Syntax node actions see the syntax of the same calls (the analyzer filters by name, then asks for the operation).
            foreach (var (action, kinds) in _syntaxActions)
            {
                var seen = new HashSet<SyntaxNode>();
                foreach (var site in operations)
                {
                    if (site.Operation.IsImplicit || !kinds.Contains(site.Operation.Syntax.Kind()) || site.Operation.SemanticModel is not { } model ||
                        !seen.Add(site.Operation.Syntax))
                    {
                        continue;
                    }

#pragma warning disable CS0618 // The public constructor is the one meant for tests and tools like this.
                    action(new SyntaxNodeAnalysisContext(site.Operation.Syntax, site.ContainingSymbol, model, _options, report, isSupported, cancellationToken));
#pragma warning restore CS0618
                }
            }

            return diagnostics;
        }

        /// <summary>
        /// Every ObjectCreation and Invocation operation in <paramref name="trees"/>, with its containing symbol, in the
        /// executable code the driver analyzes: member bodies (with their lambdas and local functions), constructor
        /// initializers, expression bodies, field and property initializers, and attributes (each attribute is an
        /// object creation to the driver).
        /// </summary>
        public static List<OperationSite> CollectOperations(Compilation compilation, IEnumerable<SyntaxTree> trees, CancellationToken cancellationToken = default)
        {
            var result = new List<OperationSite>();
            foreach (var tree in trees)
            {
                var model = compilation.GetSemanticModel(tree);
                foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
                {
                    var (body, symbolNode) = node switch
                    {
                        BaseMethodDeclarationSyntax method when method.Body is not null || method.ExpressionBody is not null => (node, node),
                        AccessorDeclarationSyntax accessor when accessor.Body is not null || accessor.ExpressionBody is not null => (node, node),
                        ArrowExpressionClauseSyntax { Parent: PropertyDeclarationSyntax or IndexerDeclarationSyntax } arrow => (arrow, arrow.Parent),
                        EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax } declarator } initializer => (initializer, declarator),
                        EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property } initializer => (initializer, property),
                        AttributeSyntax { Parent.Parent: { } target } attribute => (attribute, target),
                        _ => ((SyntaxNode?)null, (SyntaxNode?)null),
                    };
                    if (body is null || symbolNode is null)
                    {
                        continue;
                    }

                    var symbol = model.GetDeclaredSymbol(symbolNode, cancellationToken);
                    if (symbol is null || model.GetOperation(body, cancellationToken) is not { } root)
                    {
                        continue;
                    }

                    foreach (var operation in root.DescendantsAndSelf())
                    {
                        // The implicit base() call of a constructor without an initializer is not handed to analyzers.
                        if (operation.Kind is OperationKind.ObjectCreation or OperationKind.Invocation &&
                            !(operation.IsImplicit && operation.Syntax is ConstructorDeclarationSyntax))
                        {
                            result.Add(new OperationSite(operation, symbol, tree));
                        }
                    }
                }
            }

            return result;
        }

        private sealed class CapturingAnalysisContext : AnalysisContext
        {
            public List<Action<CompilationStartAnalysisContext>> CompilationStartActions { get; } = new();

            public override void EnableConcurrentExecution()
            {
            }

            public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode)
            {
            }

            public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) => CompilationStartActions.Add(action);

            public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => throw Unsupported();

            public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw Unsupported();

            public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => throw Unsupported();

            public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw Unsupported();

            public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw Unsupported();

            public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw Unsupported();

            public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw Unsupported();

            public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => throw Unsupported();
        }

        private sealed class CapturingCompilationStartContext : CompilationStartAnalysisContext
        {
            public CapturingCompilationStartContext(Compilation compilation, AnalyzerOptions options)
                : base(compilation, options, CancellationToken.None)
            {
            }

            public ImmutableArray<(Action<OperationAnalysisContext>, ImmutableArray<OperationKind>)>.Builder OperationActions { get; } =
                ImmutableArray.CreateBuilder<(Action<OperationAnalysisContext>, ImmutableArray<OperationKind>)>();

            public ImmutableArray<(Action<SyntaxNodeAnalysisContext>, ImmutableArray<SyntaxKind>)>.Builder SyntaxActions { get; } =
                ImmutableArray.CreateBuilder<(Action<SyntaxNodeAnalysisContext>, ImmutableArray<SyntaxKind>)>();

            public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) =>
                OperationActions.Add((action, operationKinds));

            public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => throw Unsupported();

            public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw Unsupported();

            // The symbol action (optional-parameter defaults of port helpers) does nothing for methods without
            // integer defaults; the harness measures the per-call work and leaves it out.
            public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds)
            {
            }

            public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw Unsupported();

            public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw Unsupported();

            public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw Unsupported();

            public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) =>
                SyntaxActions.Add((action, syntaxKinds.Cast<SyntaxKind>().ToImmutableArray()));
        }

        private static NotSupportedException Unsupported() =>
            new("The harness drives operation and syntax node actions only; the analyzer registered another kind of action.");
    }

    /// <summary>An operation the driver would hand to an operation action, with the symbol whose code contains it.</summary>
    public readonly record struct OperationSite(IOperation Operation, ISymbol ContainingSymbol, SyntaxTree Tree);
}
