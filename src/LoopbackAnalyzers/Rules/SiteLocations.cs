using LoopbackAnalyzers.Engine;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace LoopbackAnalyzers.Rules
{
    /// <summary>
    /// Where a diagnostic about a site's port goes: the port characters or operand when they are written at the
    /// site, else the operand that carries them, else the call. Diagnostics stay inside the site's own span.
    /// </summary>
    internal static class SiteLocations
    {
        public static Location Port(EndpointSite site, PortValue? value = null)
        {
            if (value?.Location is { } declared)
            {
                return declared;
            }

            var siteSpan = site.Operation.Syntax.Span;
            var tree = site.Operation.Syntax.SyntaxTree;

            if (site.Url is { } url && url.Parts.PortStart >= 0 &&
                Within(site, url.Value.Tree, url.Value.CoveringSpan(url.Parts.PortStart, url.Parts.PortLength)) is { } portCharacters)
            {
                return portCharacters;
            }

            foreach (var operand in new[] { value?.Source, site.PortOperand })
            {
                if (operand is not null && operand.Syntax.SyntaxTree == tree && siteSpan.Contains(operand.Syntax.Span))
                {
                    return operand.Syntax.GetLocation();
                }
            }

            return (site.Url?.Operand ?? site.Address.Operand ?? site.Operation).Syntax.GetLocation();
        }

        /// <summary>
        /// The host characters of a URL when a fix may edit them: written as themselves (no escape sequence) in the
        /// site's own member, at the site or in a local's initializer; never a constant declared elsewhere.
        /// </summary>
        public static Location? RewritableHost(EndpointSite site, UrlEndpoint url) =>
            url.Value.ExactSpan(url.Parts.HostStart, url.Parts.HostLength) is { } exact &&
            url.Value.Tree is { } tree && tree == site.Operation.Syntax.SyntaxTree &&
            ValueResolver.Root(site.Operation).Syntax.Span.Contains(exact)
                ? Location.Create(tree, exact)
                : null;

        public static Location? Within(EndpointSite site, SyntaxTree? tree, TextSpan? span) =>
            span is { } value && tree is not null && tree == site.Operation.Syntax.SyntaxTree && site.Operation.Syntax.Span.Contains(value)
                ? Location.Create(tree, value)
                : null;
    }
}
