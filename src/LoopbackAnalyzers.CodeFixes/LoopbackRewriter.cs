using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Text;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace LoopbackAnalyzers.CodeFixes
{
    /// <summary>
    /// Applies the loopback rewrites that diagnostics ask for in their properties (<see cref="LoopbackFixKinds"/>),
    /// all of a document's in one pass, so Fix All (and dotnet format) adds one using directive and never drops an
    /// edit as a conflict.
    /// </summary>
    internal static class LoopbackRewriter
    {
        public static string? FixKind(Diagnostic diagnostic) =>
            diagnostic.Properties.TryGetValue(LoopbackFixKinds.Key, out var kind) ? kind : null;

        public static async Task<Document> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return document;
            }

            return await SystemNetNames.RewriteAsync(document, model, names => Apply(document, root, diagnostics, names), cancellationToken).ConfigureAwait(false)
                ?? document;
        }

        private static SyntaxNode Apply(Document document, SyntaxNode root, ImmutableArray<Diagnostic> diagnostics, SystemNetNames names)
        {
            var editor = new SyntaxEditor(root, document.Project.Solution.Workspace.Services);
            var rewritten = new HashSet<TextSpan>();
            var urlHosts = new StringEdits();
            foreach (var diagnostic in diagnostics)
            {
                // The target is the diagnostic itself, or what it points at: a local's initializer, the host
                // characters of a URL (several sites may share one; it is rewritten once).
                var target = diagnostic.AdditionalLocations.Count > 0 ? diagnostic.AdditionalLocations[0] : diagnostic.Location;
                if (FixKind(diagnostic) is not { } kind || !rewritten.Add(target.SourceSpan))
                {
                    continue;
                }

                switch (kind)
                {
                    case LoopbackFixKinds.ServerUrlHost:
                        urlHosts.Add(root, target.SourceSpan, "127.0.0.1");
                        break;

                    case LoopbackFixKinds.HttpListenerPrefixHost:
                        // A prefix also filters on the Host header, and "localhost" may resolve to ::1 first:
                        // serve both names. (HttpListener on Linux rejects IPv6 literals in prefixes.)
                        if (urlHosts.Add(root, target.SourceSpan, "localhost") is { } literal &&
                            literal.FirstAncestorOrSelf<ExpressionStatementSyntax>() is { } statement)
                        {
                            var second = statement.ReplaceNode(literal, StringEdits.Apply(literal, new[] { (target.SourceSpan, "127.0.0.1") }))
                                .WithLeadingTrivia(statement.GetLeadingTrivia().Where(trivia => trivia.IsKind(SyntaxKind.WhitespaceTrivia)));
                            editor.InsertAfter(statement, second);
                        }

                        break;

                    default:
                        if (root.FindNode(target.SourceSpan, getInnermostNodeForTie: true) is { } node)
                        {
                            Rewrite(editor, names, node, kind);
                        }

                        break;
                }
            }

            urlHosts.ApplyTo(editor);
            return editor.GetChangedRoot();
        }

        private static void Rewrite(SyntaxEditor editor, SystemNetNames names, SyntaxNode node, string kind)
        {
            switch (kind)
            {
                case LoopbackFixKinds.IPv4Address when node is ExpressionSyntax:
                    editor.ReplaceNode(node, (current, _) => names.Loopback("Loopback", node.SpanStart).WithTriviaFrom(current));
                    break;

                case LoopbackFixKinds.IPv6Address when node is ExpressionSyntax:
                    editor.ReplaceNode(node, (current, _) => names.Loopback("IPv6Loopback", node.SpanStart).WithTriviaFrom(current));
                    break;

                case LoopbackFixKinds.HostString when node is LiteralExpressionSyntax literal:
                    var host = literal.Token.ValueText == "[::]" ? "[::1]" : "127.0.0.1";
                    editor.ReplaceNode(node, (current, _) => LiteralExpression(SyntaxKind.StringLiteralExpression, Literal(host)).WithTriviaFrom(current));
                    break;

                case LoopbackFixKinds.TcpListener when node is ObjectCreationExpressionSyntax { ArgumentList: not null }:
                    // new TcpListener(p) → new TcpListener(IPAddress.Loopback, p)
                    editor.ReplaceNode(node, (current, _) =>
                    {
                        var creation = (ObjectCreationExpressionSyntax)current;
                        return creation.WithArgumentList(PrependLoopback(names, node.SpanStart, creation.ArgumentList!));
                    });
                    break;

                case LoopbackFixKinds.TcpListener when node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax }:
                    // TcpListener.Create(p) → new TcpListener(IPAddress.Loopback, p)
                    editor.ReplaceNode(node, (current, _) =>
                    {
                        var invocation = (InvocationExpressionSyntax)current;
                        var type = ParseTypeName(((MemberAccessExpressionSyntax)invocation.Expression).Expression.ToString());
                        return ObjectCreationExpression(type.WithLeadingTrivia(Space))
                            .WithArgumentList(PrependLoopback(names, node.SpanStart, invocation.ArgumentList))
                            .WithTriviaFrom(invocation);
                    });
                    break;

                case LoopbackFixKinds.UdpClientIPv4 or LoopbackFixKinds.UdpClientIPv6 when node is ObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: > 0 }:
                    // new UdpClient(p[, family]) → new UdpClient(new IPEndPoint(IPAddress.Loopback, p))
                    var field = kind == LoopbackFixKinds.UdpClientIPv6 ? "IPv6Loopback" : "Loopback";
                    editor.ReplaceNode(node, (current, _) =>
                    {
                        var creation = (ObjectCreationExpressionSyntax)current;
                        var port = creation.ArgumentList!.Arguments[0].Expression.WithoutTrivia();
                        var endpoint = ObjectCreationExpression(names.IPEndPoint(node.SpanStart).WithLeadingTrivia(Space))
                            .WithArgumentList(ArgumentList(SeparatedList(new[] { Argument(names.Loopback(field, node.SpanStart)), Argument(port) })));
                        return creation.WithArgumentList(
                            creation.ArgumentList.WithArguments(SingletonSeparatedList(Argument(endpoint))));
                    });
                    break;

                case LoopbackFixKinds.ListenLocalhost or LoopbackFixKinds.ListenLoopback
                    when node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { Expression: MemberAccessExpressionSyntax } call:
                    editor.ReplaceNode(call, (current, _) =>
                    {
                        var invocation = (InvocationExpressionSyntax)current;
                        var memberAccess = (MemberAccessExpressionSyntax)invocation.Expression;
                        if (kind == LoopbackFixKinds.ListenLocalhost)
                        {
                            // ListenAnyIP(5000) → ListenLocalhost(5000): both loopback addresses, like ListenAnyIP's both families.
                            return invocation.WithExpression(memberAccess.WithName(Rename(memberAccess.Name, "ListenLocalhost")));
                        }

                        // ListenAnyIP(0) → Listen(IPAddress.Loopback, 0): ListenLocalhost(0) throws at start-up.
                        return ListenOnLoopback(invocation, names, node.SpanStart);
                    });
                    break;
            }
        }

        /// <summary><c>options.ListenX(p, ...)</c> → <c>options.Listen(IPAddress.Loopback, p, ...)</c>.</summary>
        public static InvocationExpressionSyntax ListenOnLoopback(InvocationExpressionSyntax invocation, SystemNetNames names, int position)
        {
            var memberAccess = (MemberAccessExpressionSyntax)invocation.Expression;
            return invocation
                .WithExpression(memberAccess.WithName(Rename(memberAccess.Name, "Listen")))
                .WithArgumentList(PrependLoopback(names, position, invocation.ArgumentList));
        }

        private static IdentifierNameSyntax Rename(SimpleNameSyntax name, string newName) =>
            IdentifierName(Identifier(name.Identifier.LeadingTrivia, newName, name.Identifier.TrailingTrivia));

        private static ArgumentListSyntax PrependLoopback(SystemNetNames names, int position, ArgumentListSyntax arguments) =>
            arguments.WithArguments(arguments.Arguments.Insert(0, Argument(names.Loopback("Loopback", position))));
    }
}
