using System.Collections.Generic;
using System.Linq;
using System.Threading;
using LoopbackAnalyzers.Engine;
using LoopbackAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace LoopbackAnalyzers.CodeFixes.OsAssignedPort
{
    /// <summary>
    /// Decides whether a LOOP002/LOOP003 bind site can switch to an OS-assigned port, and how: what becomes 0, where the
    /// real port is read back, which uses of the old port move to it, and the name of the new variable. Every "no"
    /// withholds the fix; the diagnostic stays.
    /// </summary>
    internal sealed class PortFixPlanner
    {
        private static readonly string[] Names = { "port", "assignedPort", "serverPort", "boundPort" };

        private readonly SemanticModel _model;
        private readonly EndpointSiteFinder _finder;
        private readonly CancellationToken _cancellationToken;

        private PortFixPlanner(SemanticModel model, EndpointSiteFinder finder, CancellationToken cancellationToken)
        {
            _model = model;
            _finder = finder;
            _cancellationToken = cancellationToken;
        }

        public static PortFixPlan? Plan(SemanticModel model, TextSpan diagnosticSpan, CancellationToken cancellationToken)
        {
            if (EndpointSymbols.For(model.Compilation) is not { } symbols)
            {
                return null;
            }

            var planner = new PortFixPlanner(model, new EndpointSiteFinder(symbols, new ValueResolver(model.Compilation)), cancellationToken);
            return planner.Plan(diagnosticSpan);
        }

        private PortFixPlan? Plan(TextSpan diagnosticSpan)
        {
            var root = _model.SyntaxTree.GetRoot(_cancellationToken);
            if (FindSite(root, diagnosticSpan) is not { } site || site.Port is not { } port ||
                Body(site.Operation.Syntax) is not { } body || body.ContainsDiagnostics || body.ContainsDirectives)
            {
                return null;
            }

            if (ReadBackPoint.Find(site, _model, body, _cancellationToken) is not { } readBack ||
                PortWriter.For(site, _model, body, _cancellationToken) is not { } writer)
            {
                return null;
            }

            // app.Urls.First() names the port of the only endpoint: one Kestrel endpoint per member.
            if (readBack.Kind == PortReadBack.WebApplicationAfterStartAsync && BindSites(body, _model).Count(s => s.Api.ReadBack == PortReadBack.WebApplicationAfterStartAsync) != 1)
            {
                return null;
            }

            var siteMember = Member(site.Operation.Syntax);
            var ownServers = new Dictionary<SyntaxNode, bool>();
            bool BindsPortItself(SyntaxNode use, SemanticModel model)
            {
                var member = Member(use);
                if (member is null || member == siteMember)
                {
                    return false;
                }

                if (!ownServers.TryGetValue(member, out var binds))
                {
                    binds = BindSites(member, model).Any(other => other.Ports.Any(value => value.Value == port));
                    ownServers.Add(member, binds);
                }

                return binds;
            }

            if (PortUses.Collect(Scopes(port, writer.Symbol), port, writer, readBack, BindsPortItself, _cancellationToken) is not { } uses)
            {
                return null;
            }

            // A local port variable goes away and its name moves to the read-back; a field stays unless it was private
            // and nothing else reads it.
            StatementSyntax? removedLocal = null;
            SyntaxNode? removedField = null;
            string? name = null;
            switch (writer.Symbol)
            {
                case ILocalSymbol:
                    if (writer.SymbolDeclarator is not { Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax statement } } declarator ||
                        !body.Span.Contains(statement.Span) || uses.NamedInNameof)
                    {
                        return null;
                    }

                    removedLocal = statement;
                    name = declarator.Identifier.Text;
                    break;

                case IFieldSymbol field when field.DeclaredAccessibility == Accessibility.Private && field.DeclaringSyntaxReferences.Length == 1 &&
                                             uses.OtherReferences == 0 && !uses.NamedInNameof &&
                                             writer.SymbolDeclarator is { Parent: VariableDeclarationSyntax { Parent: FieldDeclarationSyntax declaration } variables }:
                    removedField = variables.Variables.Count == 1 ? declaration : writer.SymbolDeclarator;
                    break;
            }

            name ??= FreeName(body, readBack);
            return name is null ? null : new PortFixPlan(writer, readBack, uses, name, removedLocal, removedField, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        /// <summary>The bind site whose port the diagnostic points at.</summary>
        private EndpointSite? FindSite(SyntaxNode root, TextSpan diagnosticSpan)
        {
            var node = root.FindNode(diagnosticSpan, getInnermostNodeForTie: true);
            foreach (var candidate in node.AncestorsAndSelf())
            {
                if (candidate is MemberDeclarationSyntax)
                {
                    break;
                }

                if (!IsSiteKind(candidate) || EndpointAnalyzer.OperationOf(candidate, _model, _cancellationToken) is not { } operation)
                {
                    continue;
                }

                var sites = _finder.Find(operation, _cancellationToken);
                foreach (var site in sites)
                {
                    if (site.Api.Role == EndpointRole.Bind && site.Port is not null && site.Ports.Length == 1 &&
                        SiteLocations.Port(site, site.Ports[0]).SourceSpan == diagnosticSpan)
                    {
                        // A call that names several endpoints ("http://127.0.0.1:5000;http://127.0.0.1:5001") has no single port to read back.
                        return sites.Length == 1 ? site : null;
                    }
                }
            }

            return null;
        }

        private IEnumerable<EndpointSite> BindSites(SyntaxNode scope, SemanticModel model) =>
            scope.DescendantNodesAndSelf()
                .Where(IsSiteKind)
                .Select(node => EndpointAnalyzer.OperationOf(node, model, _cancellationToken))
                .SelectMany(operation => operation is null ? Enumerable.Empty<EndpointSite>() : _finder.Find(operation, _cancellationToken))
                .Where(site => site.Api.Role == EndpointRole.Bind);

        /// <summary>
        /// Every file that may use the old port: those whose text holds its digits or the port variable's name. A client
        /// in another class or file that still used the old port would break, so all of them are looked at.
        /// </summary>
        private IEnumerable<(SyntaxNode Root, SemanticModel Model)> Scopes(long port, ISymbol? symbol)
        {
            var digits = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            yield return (_model.SyntaxTree.GetRoot(_cancellationToken), _model);
            foreach (var tree in _model.Compilation.SyntaxTrees)
            {
                if (tree == _model.SyntaxTree)
                {
                    continue;
                }

                var text = tree.GetText(_cancellationToken).ToString();
                if (text.IndexOf(digits, System.StringComparison.Ordinal) >= 0 || symbol is not null && text.IndexOf(symbol.Name, System.StringComparison.Ordinal) >= 0)
                {
                    yield return (tree.GetRoot(_cancellationToken), _model.Compilation.GetSemanticModel(tree));
                }
            }
        }

        private static bool IsSiteKind(SyntaxNode node) => EndpointAnalyzer.SiteKinds.Contains(node.Kind());

        /// <summary>The body of the method, accessor or local function around <paramref name="node"/> (lambdas included).</summary>
        private static BlockSyntax? Body(SyntaxNode node) =>
            node.Ancestors().FirstOrDefault(ancestor => ancestor is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax) switch
            {
                BaseMethodDeclarationSyntax method => method.Body,
                AccessorDeclarationSyntax accessor => accessor.Body,
                LocalFunctionStatementSyntax function => function.Body,
                _ => null,
            };

        /// <summary>The member of a type that contains <paramref name="node"/> (the innermost, for nested types).</summary>
        private static SyntaxNode? Member(SyntaxNode node) =>
            node.AncestorsAndSelf().FirstOrDefault(ancestor => ancestor is MemberDeclarationSyntax and not BaseTypeDeclarationSyntax && ancestor.Parent is TypeDeclarationSyntax);

        /// <summary>"port", unless something in scope or in the member already has that name.</summary>
        private string? FreeName(SyntaxNode body, ReadBackPoint readBack)
        {
            // Every name written in the member, except argument labels (port: 5000), which cannot clash.
            var taken = new HashSet<string>(
                body.DescendantTokens()
                    .Where(token => token.IsKind(SyntaxKind.IdentifierToken) && token.Parent?.Parent is not NameColonSyntax)
                    .Select(token => token.ValueText));
            foreach (var candidate in Names)
            {
                if (!taken.Contains(candidate) && _model.LookupSymbols(readBack.Position, name: candidate).IsEmpty)
                {
                    return candidate;
                }
            }

            return null;
        }
    }
}
