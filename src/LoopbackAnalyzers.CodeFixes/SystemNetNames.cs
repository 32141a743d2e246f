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
