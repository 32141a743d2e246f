using System.Linq;
using System.Threading;
using LoopbackAnalyzers.Engine;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopbackAnalyzers.CodeFixes.OsAssignedPort
{
    /// <summary>
    /// The statement after which the port the OS assigned is known, and the expression that reads it. The read-back
    /// goes right after that statement, in the same block; code after it, in that block, may use the port.
    /// </summary>
    internal sealed class ReadBackPoint
    {
        private ReadBackPoint(BlockSyntax block, StatementSyntax? after, ExpressionSyntax receiver, PortReadBack kind, bool declareAtAfter = false)
        {
            Block = block;
            After = after;
            Receiver = receiver;
            Kind = kind;
            DeclareAtAfter = declareAtAfter;
        }

        public BlockSyntax Block { get; }

        /// <summary>The statement after which the port is known; null for the start of <see cref="Block"/> (a using body).</summary>
        public StatementSyntax? After { get; }

        /// <summary>What the read-back reads from: the listener, socket, client, WebApplication or Grpc port collection call.</summary>
        public ExpressionSyntax Receiver { get; }

        public PortReadBack Kind { get; }

        /// <summary>Grpc.Core: <see cref="After"/> itself becomes <c>var port = server.Ports.Add(...);</c>.</summary>
        public bool DeclareAtAfter { get; }

        /// <summary>Where the read-back binds names.</summary>
        public int Position => After?.Span.End ?? Block.OpenBraceToken.Span.End;

        /// <summary>Whether <paramref name="node"/> runs after the read-back, in its block.</summary>
        public bool Precedes(SyntaxNode node) =>
            node.SyntaxTree == Block.SyntaxTree && node.SpanStart >= Position && node.Span.End <= Block.CloseBraceToken.SpanStart && Block.Span.Contains(node.Span);

        /// <summary>The expression that reads the port; <paramref name="ipEndPoint"/> and <paramref name="uri"/> are type names as the file can write them.</summary>
        public string Expression(string ipEndPoint, string uri, bool nullableWarnings)
        {
            var receiver = Receiver.WithoutTrivia().ToString();
            var notNull = nullableWarnings ? "!" : string.Empty;
            return Kind switch
            {
                PortReadBack.TcpListenerAfterStart => $"(({ipEndPoint}){receiver}.LocalEndpoint).Port",
                PortReadBack.SocketAfterBind => $"(({ipEndPoint}){receiver}.LocalEndPoint{notNull}).Port",
                PortReadBack.UdpClientAfterConstruction => $"(({ipEndPoint}){receiver}.Client.LocalEndPoint{notNull}).Port",
                PortReadBack.WebApplicationAfterStartAsync => $"new {uri}({receiver}.Urls.First()).Port",
                PortReadBack.WebApplicationFactoryAfterStart => $"{receiver}.ClientOptions.BaseAddress.Port",
                _ => receiver,
            };
        }

        /// <summary>Finds the read-back point for <paramref name="site"/>, or null when the code has none the fix can use.</summary>
        public static ReadBackPoint? Find(EndpointSite site, SemanticModel model, SyntaxNode body, CancellationToken cancellationToken)
        {
            var node = site.Operation.Syntax;
            switch (site.Api.ReadBack)
            {
                case PortReadBack.TcpListenerAfterStart:
                    if (Holder(node, model, cancellationToken) is not { } listener)
                    {
                        return null;
                    }

                    // The first listener.Start() after the construction, in the same block (before Start, LocalEndpoint says 0).
                    foreach (var statement in listener.Block.Statements.Skip(listener.FirstIndex))
                    {
                        if (statement is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Start" } start } } &&
                            SameVariable(start.Expression, listener.Symbol, model, cancellationToken))
                        {
                            return new ReadBackPoint(listener.Block, statement, listener.Receiver, PortReadBack.TcpListenerAfterStart);
                        }
                    }

                    return null;

                case PortReadBack.UdpClientAfterConstruction:
                    return Holder(node, model, cancellationToken) is { } client
                        ? new ReadBackPoint(client.Block, client.Statement, client.Receiver, PortReadBack.UdpClientAfterConstruction)
                        : null;

                case PortReadBack.SocketAfterBind:
                    return node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: var socket }, Parent: ExpressionStatementSyntax { Parent: BlockSyntax block } bind } &&
                           IsStableReceiver(socket)
                        ? new ReadBackPoint(block, bind, socket, PortReadBack.SocketAfterBind)
                        : null;

                case PortReadBack.GrpcPortsAdd:
                    // server.Ports.Add(new ServerPort(...)) returns the port; the ServerPort passed in keeps 0.
                    return node.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax add } } &&
                           add.Parent is ExpressionStatementSyntax { Parent: BlockSyntax addBlock } addStatement &&
                           model.GetSymbolInfo(add, cancellationToken).Symbol is IMethodSymbol { Name: "Add", ReturnType.SpecialType: SpecialType.System_Int32 } method &&
                           method.ContainingType.Name == "ServerPortCollection"
                        ? new ReadBackPoint(addBlock, addStatement, add, PortReadBack.GrpcPortsAdd, declareAtAfter: true)
                        : null;

                case PortReadBack.WebApplicationAfterStartAsync:
                    return WebApplicationStart(node, model, body, cancellationToken);

                case PortReadBack.WebApplicationFactoryAfterStart:
                    return WebApplicationFactoryStart(node, model, cancellationToken);

                default:
                    return null;
            }
        }

        /// <summary>
        /// The one <c>await app.StartAsync()</c> of the WebApplication that the bind site configures (the site's statement
        /// names the app, or the builder it was built from), as a statement of the block that also holds the site's
        /// statement, after it.
        /// </summary>
        private static ReadBackPoint? WebApplicationStart(SyntaxNode site, SemanticModel model, SyntaxNode body, CancellationToken cancellationToken)
        {
            var webApplication = model.Compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.WebApplication");
            if (webApplication is null)
            {
                return null;
            }

            var starts = body.DescendantNodes(descendIntoChildren: child => child == body || !IsNestedFunction(child))
                .OfType<InvocationExpressionSyntax>()
                .Where(invocation => invocation.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "StartAsync" } access &&
                                     SymbolEqualityComparer.Default.Equals(model.GetTypeInfo(access.Expression, cancellationToken).Type, webApplication) &&
                                     Configures(site, access.Expression, model, cancellationToken))
                .ToList();
            if (starts.Count != 1 ||
                starts[0] is not { Parent: AwaitExpressionSyntax { Parent: ExpressionStatementSyntax { Parent: BlockSyntax block } start }, Expression: MemberAccessExpressionSyntax { Expression: var app } } ||
                !IsStableReceiver(app))
            {
                return null;
            }

            var siteStatement = site.AncestorsAndSelf().OfType<StatementSyntax>().FirstOrDefault(statement => statement.Parent == block);
            return siteStatement is not null && block.Statements.IndexOf(siteStatement) < block.Statements.IndexOf(start)
                ? new ReadBackPoint(block, start, app, PortReadBack.WebApplicationAfterStartAsync)
                : null;
        }

        /// <summary>Whether the statement around <paramref name="site"/> names <paramref name="app"/> or the builder it was built from.</summary>
        private static bool Configures(SyntaxNode site, ExpressionSyntax app, SemanticModel model, CancellationToken cancellationToken)
        {
            if (model.GetSymbolInfo(app, cancellationToken).Symbol is not ILocalSymbol appVariable)
            {
                return false;
            }

            // var app = builder.Build();
            ISymbol? builder = appVariable.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is VariableDeclaratorSyntax
            {
                Initializer.Value: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Build", Expression: var built } }
            }
                ? model.GetSymbolInfo(built, cancellationToken).Symbol
                : null;
            bool IsAppOrBuilder(ISymbol? symbol) =>
                symbol is not null && (SymbolEqualityComparer.Default.Equals(symbol, appVariable) || SymbolEqualityComparer.Default.Equals(symbol, builder));

            // The statement names them, or declares the builder (var builder = WebApplication.CreateBuilder(new[] { "--urls", ... })).
            var statement = site.AncestorsAndSelf().OfType<StatementSyntax>().LastOrDefault(candidate => candidate.Parent is BlockSyntax) ?? site;
            return statement.DescendantNodesAndSelf().Any(node =>
                node is IdentifierNameSyntax name && IsAppOrBuilder(model.GetSymbolInfo(name, cancellationToken).Symbol) ||
                node is VariableDeclaratorSyntax declarator && IsAppOrBuilder(model.GetDeclaredSymbol(declarator, cancellationToken)));
        }

        /// <summary>
        /// <c>factory.UseKestrel(p);</c> followed, in the same block, by <c>factory.StartServer();</c> or a statement that
        /// calls <c>factory.CreateClient()</c>: both start the server and set <c>ClientOptions.BaseAddress</c>.
        /// </summary>
        private static ReadBackPoint? WebApplicationFactoryStart(SyntaxNode site, SemanticModel model, CancellationToken cancellationToken)
        {
            if (site is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: var factory }, Parent: ExpressionStatementSyntax { Parent: BlockSyntax block } useKestrel } ||
                !IsStableReceiver(factory) || model.GetSymbolInfo(factory, cancellationToken).Symbol is not { } variable)
            {
                return null;
            }

            foreach (var statement in block.Statements.Skip(block.Statements.IndexOf(useKestrel) + 1))
            {
                var starts = statement.DescendantNodesAndSelf(child => !IsNestedFunction(child))
                    .OfType<InvocationExpressionSyntax>()
                    .Any(call => call.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "StartServer" or "CreateClient" or "CreateDefaultClient" } access &&
                                 SameVariable(access.Expression, variable, model, cancellationToken));
                if (starts)
                {
                    return new ReadBackPoint(block, statement, factory, PortReadBack.WebApplicationFactoryAfterStart);
                }
            }

            return null;
        }

        public static bool IsNestedFunction(SyntaxNode node) =>
            node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax;

        /// <summary>A receiver that can be read twice without side effects: a name, or <c>this.name</c>.</summary>
        private static bool IsStableReceiver(ExpressionSyntax expression) =>
            expression is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax };

        private static bool SameVariable(ExpressionSyntax expression, ISymbol variable, SemanticModel model, CancellationToken cancellationToken) =>
            IsStableReceiver(expression) && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(expression, cancellationToken).Symbol, variable);

        /// <summary>
        /// The variable a construction is stored in: <c>var x = new ...;</c>, <c>using var x = ...;</c>,
        /// <c>x = new ...;</c> (statements of a block), or <c>using (var x = new ...) { ... }</c>.
        /// </summary>
        private static HolderVariable? Holder(SyntaxNode creation, SemanticModel model, CancellationToken cancellationToken)
        {
            var value = creation;
            while (value.Parent is ParenthesizedExpressionSyntax)
            {
                value = value.Parent;
            }

            switch (value.Parent)
            {
                case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } when
                    declarator.Parent is VariableDeclarationSyntax { Variables.Count: 1 } declaration &&
                    model.GetDeclaredSymbol(declarator, cancellationToken) is ILocalSymbol local:
                    var receiver = SyntaxFactory.IdentifierName(declarator.Identifier.WithoutTrivia());
                    if (declaration.Parent is LocalDeclarationStatementSyntax { Parent: BlockSyntax block } statement)
                    {
                        return new HolderVariable(local, receiver, block, statement, block.Statements.IndexOf(statement) + 1);
                    }

                    return declaration.Parent is UsingStatementSyntax { Statement: BlockSyntax body }
                        ? new HolderVariable(local, receiver, body, null, 0)
                        : null;

                case AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax { Parent: BlockSyntax assignmentBlock } assignmentStatement } assignment when
                    assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && assignment.Right == value && IsStableReceiver(assignment.Left) &&
                    model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol is ILocalSymbol or IFieldSymbol:
                    return new HolderVariable(
                        model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol!,
                        assignment.Left,
                        assignmentBlock,
                        assignmentStatement,
                        assignmentBlock.Statements.IndexOf(assignmentStatement) + 1);

                default:
                    return null;
            }
        }

        private sealed class HolderVariable
        {
            public HolderVariable(ISymbol symbol, ExpressionSyntax receiver, BlockSyntax block, StatementSyntax? statement, int firstIndex)
            {
                Symbol = symbol;
                Receiver = receiver;
                Block = block;
                Statement = statement;
                FirstIndex = firstIndex;
            }

            public ISymbol Symbol { get; }

            public ExpressionSyntax Receiver { get; }

            public BlockSyntax Block { get; }

            /// <summary>The statement that stores the value; null for a using statement (the body's start follows it).</summary>
            public StatementSyntax? Statement { get; }

            /// <summary>The index in <see cref="Block"/> of the first statement after the construction.</summary>
            public int FirstIndex { get; }
        }
    }
}
