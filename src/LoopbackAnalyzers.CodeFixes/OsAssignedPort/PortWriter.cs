using System.Linq;
using System.Threading;
using LoopbackAnalyzers.Engine;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace LoopbackAnalyzers.CodeFixes.OsAssignedPort
{
    /// <summary>
    /// Where the fixed port is written for the bind site, and so what becomes 0: a literal, a reference to a local or
    /// field (whose other uses then move to the read-back), the port characters of a server URL, or a whole
    /// <c>ListenLocalhost(p)</c> call (<c>ListenLocalhost(0)</c> throws, so it becomes <c>Listen(IPAddress.Loopback, 0)</c>).
    /// </summary>
    internal sealed class PortWriter
    {
        private PortWriter(ExpressionSyntax? operand, ISymbol? symbol, TextSpan? urlPort, TextSpan? urlHost, InvocationExpressionSyntax? listenLocalhost)
        {
            Operand = operand;
            Symbol = symbol;
            UrlPort = urlPort;
            UrlHost = urlHost;
            ListenLocalhost = listenLocalhost;
        }

        /// <summary>The expression that becomes <c>0</c>.</summary>
        public ExpressionSyntax? Operand { get; }

        /// <summary>The local or field the port operand names, when it names one.</summary>
        public ISymbol? Symbol { get; }

        /// <summary>The port characters of a server URL, which become "0".</summary>
        public TextSpan? UrlPort { get; }

        /// <summary>The host characters "localhost" of a server URL, which become "127.0.0.1" ("localhost:0" throws).</summary>
        public TextSpan? UrlHost { get; }

        public InvocationExpressionSyntax? ListenLocalhost { get; }

        /// <summary>The port argument's expression of <see cref="ListenLocalhost"/> (it may be named and anywhere).</summary>
        public ExpressionSyntax? ListenLocalhostPort { get; private set; }

        /// <summary>The declarator of <see cref="Symbol"/> in this file, if it has one.</summary>
        public VariableDeclaratorSyntax? SymbolDeclarator { get; private set; }

        /// <summary>Whether <paramref name="node"/> is (part of) what this writer rewrites, or the port variable's declaration.</summary>
        public bool Covers(SyntaxNode node) =>
            Operand?.Span.Contains(node.Span) == true ||
            SymbolDeclarator?.Span.Contains(node.Span) == true ||
            UrlPort is { } port && node.Span.Contains(port) ||
            ListenLocalhost?.Span.Contains(node.Span) == true;

        public static PortWriter? For(EndpointSite site, SemanticModel model, SyntaxNode body, CancellationToken cancellationToken)
        {
            var tree = site.Operation.Syntax.SyntaxTree;
            if (site.Url is { } url)
            {
                // The port characters must be written as themselves in this member (not in a constant declared elsewhere).
                if (url.Parts.PortStart < 0 || url.Value.Tree != tree ||
                    url.Value.ExactSpan(url.Parts.PortStart, url.Parts.PortLength) is not { } port || !body.Span.Contains(port))
                {
                    return null;
                }

                TextSpan? host = null;
                if (site.Address.Kind == AddressKind.Localhost)
                {
                    if (url.Value.ExactSpan(url.Parts.HostStart, url.Parts.HostLength) is not { } hostSpan || !body.Span.Contains(hostSpan))
                    {
                        return null;
                    }

                    host = hostSpan;
                }

                return new PortWriter(null, null, port, host, null);
            }

            if (site.Api.BindsLocalhostByName)
            {
                return site.Operation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax } call &&
                       site.PortOperand is { Syntax: ExpressionSyntax listenPort } portOperand && IsConstantExpression(ValueResolver.Unwrap(portOperand)) &&
                       call.ArgumentList.Arguments.Any(argument => argument.Span.Contains(listenPort.Span))
                    ? new PortWriter(null, null, null, null, call) { ListenLocalhostPort = listenPort }
                    : null;
            }

            if (site.PortOperand is null)
            {
                return null;
            }

            var operand = ValueResolver.Unwrap(site.PortOperand);
            ISymbol? symbol = operand switch
            {
                ILocalReferenceOperation local => local.Local,
                IFieldReferenceOperation field when field.Field.IsStatic => field.Field,
                _ => null,
            };
            if (symbol is null && !IsConstantExpression(operand) || operand.Syntax is not ExpressionSyntax written || !body.Span.Contains(written.Span))
            {
                return null;
            }

            // Written outside the call: new IPEndPoint(IPAddress.Loopback, 5000) in a local that the call uses. That local
            // must serve only this call, or whatever else uses it would now get port 0.
            if (!site.Operation.Syntax.Span.Contains(written.Span) &&
                !(written.FirstAncestorOrSelf<VariableDeclaratorSyntax>() is { } declarator &&
                  model.GetDeclaredSymbol(declarator, cancellationToken) is ILocalSymbol endpoint &&
                  References(body, endpoint, model, cancellationToken) == 1))
            {
                return null;
            }

            return new PortWriter(written, symbol, null, null, null)
            {
                SymbolDeclarator = symbol?.DeclaringSyntaxReferences
                    .Select(reference => reference.GetSyntax(cancellationToken))
                    .OfType<VariableDeclaratorSyntax>()
                    .FirstOrDefault(declarator => declarator.SyntaxTree == tree),
            };
        }

        /// <summary>A constant written in place: a literal, possibly cast, negated or combined, naming no symbol.</summary>
        private static bool IsConstantExpression(IOperation operation) =>
            operation.ConstantValue.HasValue && operation.Syntax is ExpressionSyntax syntax &&
            !syntax.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(name => name.Parent is not CastExpressionSyntax);

        private static int References(SyntaxNode body, ISymbol symbol, SemanticModel model, CancellationToken cancellationToken) =>
            body.DescendantNodes().OfType<IdentifierNameSyntax>().Count(name =>
                name.Identifier.ValueText == symbol.Name &&
                SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, symbol));
    }
}
