using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace LoopbackAnalyzers.CodeFixes
{
    /// <summary>
    /// Writes <c>IPAddress</c> and <c>IPEndPoint</c> the way the document can read them: the short name when it
    /// already binds to the System.Net type, the short name plus a new using directive when nothing else has that
    /// name, and the qualified name otherwise.
    /// </summary>
    internal sealed class SystemNetNames
    {
        private readonly SemanticModel _model;
        private readonly INamedTypeSymbol _ipAddress;
        private readonly INamedTypeSymbol _ipEndPoint;
        private readonly bool _qualify;

        private SystemNetNames(SemanticModel model, INamedTypeSymbol ipAddress, INamedTypeSymbol ipEndPoint, bool qualify)
        {
            _model = model;
            _ipAddress = ipAddress;
            _ipEndPoint = ipEndPoint;
            _qualify = qualify;
        }

        /// <summary>Whether a name written so far relies on a <c>using System.Net;</c> the document lacks.</summary>
        public bool NeedsUsing { get; private set; }

        public static SystemNetNames? Create(SemanticModel model, bool qualify) =>
            model.Compilation.GetTypeByMetadataName("System.Net.IPAddress") is { } ipAddress &&
            model.Compilation.GetTypeByMetadataName("System.Net.IPEndPoint") is { } ipEndPoint
                ? new SystemNetNames(model, ipAddress, ipEndPoint, qualify)
                : null;

        /// <summary>
        /// The document rewritten by <paramref name="rewrite"/>, with "using System.Net;" added when the names it wrote
        /// need it and that makes no other name in the file ambiguous; otherwise rewritten again with qualified names.
        /// Null when the compilation has no System.Net.
        /// </summary>
        public static async Task<Document?> RewriteAsync(Document document, SemanticModel model, Func<SystemNetNames, SyntaxNode> rewrite, CancellationToken cancellationToken)
        {
            if (Create(model, qualify: false) is not { } names)
            {
                return null;
            }

            var rewritten = rewrite(names);
            if (!names.NeedsUsing)
            {
                return document.WithSyntaxRoot(rewritten);
            }

            var withUsing = document.WithSyntaxRoot(UsingDirectives.Add(rewritten, "System.Net"));
            return await UsingDirectives.IntroducesAmbiguityAsync(document, withUsing, cancellationToken).ConfigureAwait(false)
                ? document.WithSyntaxRoot(rewrite(Create(model, qualify: true)!))
                : withUsing;
        }

        /// <summary><c>IPAddress.Loopback</c> or <c>IPAddress.IPv6Loopback</c>, as read at <paramref name="position"/>.</summary>
        public ExpressionSyntax Loopback(string field, int position) =>
            ParseExpression($"{TypeName(_ipAddress, position)}.{field}");

        public TypeSyntax IPEndPoint(int position) => ParseTypeName(TypeName(_ipEndPoint, position));

        private string TypeName(INamedTypeSymbol type, int position)
        {
            if (!_qualify)
            {
                var visible = _model.LookupNamespacesAndTypes(position, name: type.Name);
                if (visible.Length == 1 && SymbolEqualityComparer.Default.Equals(visible[0], type))
                {
                    return type.Name;
                }

                if (visible.IsEmpty)
                {
                    NeedsUsing = true;
                    return type.Name;
                }
            }

            return "System.Net." + type.Name;
        }
    }
}
