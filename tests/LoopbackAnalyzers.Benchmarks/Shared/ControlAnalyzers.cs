using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

// Benchmark controls, never shipped: no release tracking (RS2008), and the empty start action is the point (RS1012).
#pragma warning disable RS2008, RS1012, RS1001

namespace LoopbackAnalyzers.Benchmarks.Shared
{
    /// <summary>
    /// Analyzers that do nothing, to take apart what a compilation with analyzers costs:
    /// <see cref="EmptyAnalyzer"/> is the analyzer-driver infrastructure alone, and <see cref="NoOpOperationAnalyzer"/>
    /// adds what any analyzer that registers operation actions on ObjectCreation and Invocation pays (semantic models,
    /// IOperation trees, callbacks) before doing any work of its own. The loopback analyzer's own cost is what it adds
    /// on top of the latter.
    /// </summary>
    public static class ControlDescriptors
    {
        public static readonly DiagnosticDescriptor Never = new(
            "BENCH001", "Never reported", "Never reported", "Benchmark", DiagnosticSeverity.Warning, isEnabledByDefault: true);
    }

    /// <summary>Registers a compilation-start action that returns at once: the cheapest analyzer there is.</summary>
    public sealed class EmptyAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(ControlDescriptors.Never);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(_ => { });
        }
    }

    /// <summary>The loopback analyzer's registrations with empty callbacks; counts the callbacks it receives.</summary>
    public sealed class NoOpOperationAnalyzer : DiagnosticAnalyzer
    {
        private long _callbacks;

        public long Callbacks => Interlocked.Read(ref _callbacks);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(ControlDescriptors.Never);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start => start.RegisterOperationAction(
                _ => Interlocked.Increment(ref _callbacks),
                OperationKind.ObjectCreation,
                OperationKind.Invocation));
        }
    }

    /// <summary>
    /// A measurement of a possible design, not a rule: finds the same candidate calls from syntax first (the simple names
    /// of the analyzer's API table, copied here) and binds only those (GetOperation), instead of receiving every
    /// ObjectCreation and Invocation as an operation. Compared with <see cref="NoOpOperationAnalyzer"/>, it shows what the
    /// driver would stop paying if the analyzer registered syntax-node actions with a name filter.
    /// </summary>
    public sealed class SyntaxPrefilterAnalyzer : DiagnosticAnalyzer
    {
        private static readonly System.Collections.Generic.HashSet<string> Names = new(System.StringComparer.Ordinal)
        {
            // Methods of the table.
            "Bind", "Create", "Listen", "ListenAnyIP", "ListenLocalhost", "UseUrls", "Add", "Run", "RunAsync", "CreateBuilder",
            "CreateSlimBuilder", "CreateDefaultBuilder", "CreateApplicationBuilder", "SetEnvironmentVariable", "Connect",
            "ConnectAsync", "GetAsync", "GetStringAsync", "GetByteArrayAsync", "GetStreamAsync", "PostAsync", "PutAsync",
            "PatchAsync", "DeleteAsync", "SendAsync", "ForAddress",

            // Types whose constructors are in the table.
            "TcpListener", "UdpClient", "ServerPort", "TcpClient", "DnsEndPoint", "Uri", "UriBuilder",
        };

        private long _candidates;

        public long Candidates => Interlocked.Read(ref _candidates);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(ControlDescriptors.Never);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start => start.RegisterSyntaxNodeAction(
                node =>
                {
                    var name = node.Node switch
                    {
                        Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax invocation => SimpleName(invocation.Expression),
                        Microsoft.CodeAnalysis.CSharp.Syntax.ObjectCreationExpressionSyntax creation => SimpleName(creation.Type),
                        _ => null, // target-typed new(): always a candidate
                    };
                    if (name is null || Names.Contains(name))
                    {
                        Interlocked.Increment(ref _candidates);
                        node.SemanticModel.GetOperation(node.Node, node.CancellationToken);
                    }
                },
                Microsoft.CodeAnalysis.CSharp.SyntaxKind.InvocationExpression,
                Microsoft.CodeAnalysis.CSharp.SyntaxKind.ObjectCreationExpression,
                Microsoft.CodeAnalysis.CSharp.SyntaxKind.ImplicitObjectCreationExpression));
        }

        private static string SimpleName(SyntaxNode node) => node switch
        {
            Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            Microsoft.CodeAnalysis.CSharp.Syntax.MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            Microsoft.CodeAnalysis.CSharp.Syntax.QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            Microsoft.CodeAnalysis.CSharp.Syntax.AliasQualifiedNameSyntax aliased => aliased.Name.Identifier.ValueText,
            Microsoft.CodeAnalysis.CSharp.Syntax.GenericNameSyntax generic => generic.Identifier.ValueText,
            Microsoft.CodeAnalysis.CSharp.Syntax.SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => string.Empty,
        };
    }

    /// <summary>
    /// LoopbackAnalyzers' registrations with empty callbacks: syntax-node actions on the endpoint analyzer's site kinds,
    /// a code-block action (LOOP006) and a symbol action on methods (parameter defaults). What the analyzer driver
    /// charges for the registrations alone, before the package does any work of its own. compiler-alone.sh compiles the
    /// same control against the SDK compiler's Roslyn (its Shapes.cs); keep the two registrations alike.
    /// </summary>
    public sealed class RegistrationShapeAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(ControlDescriptors.Never);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                start.RegisterSyntaxNodeAction(_ => { }, EndpointAnalyzer.SiteKinds);
                start.RegisterCodeBlockAction(_ => { });
                start.RegisterSymbolAction(_ => { }, SymbolKind.Method);
            });
        }
    }
}
