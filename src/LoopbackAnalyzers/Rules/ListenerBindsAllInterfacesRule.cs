using System.Collections.Immutable;
using LoopbackAnalyzers.Engine;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LoopbackAnalyzers.Rules
{
    /// <summary>
    /// LOOP001: a bind site whose address is all interfaces, in code meant to stay on this machine.
    /// The squiggle sits on the expression that produced the address, so that the fix can replace exactly that.
    /// </summary>
    internal sealed class ListenerBindsAllInterfacesRule : EndpointRule
    {
        public override DiagnosticDescriptor Descriptor => Descriptors.ListenerBindsAllInterfaces;

        public override void Analyze(EndpointSite site, SiteContext context)
        {
            if (site.Api.Role != EndpointRole.Bind || site.Helper is not null || !site.Address.Kind.IsAllInterfaces())
            {
                return;
            }

            var intent = context.IntentFor(site);
            if (!intent.IsEvident)
            {
                return;
            }

            var (location, fixTarget, fix) =
                site.Url is { } url ? UrlAddress(site, url)
                : site.Api.AddressSource is AddressSource.Implicit or AddressSource.ImplicitAllInterfacesOfFamily ? ImplicitAddress(site)
                : ExplicitAddress(site);

            // A rewrite across preprocessor directives cannot keep every configuration compiling.
            if (fix is not null && (fixTarget is null ? location : fixTarget) is { SourceTree: { } tree } target &&
                RewrittenNode(tree, target, fix).ContainsDirectives)
            {
                fix = null;
                fixTarget = null;
            }

            var properties = fix is null
                ? ImmutableDictionary<string, string?>.Empty
                : ImmutableDictionary<string, string?>.Empty.Add(LoopbackFixKinds.Key, fix);

            context.Report(Diagnostic.Create(
                Descriptor,
                location,
                fixTarget is null ? null : new[] { fixTarget },
                properties,
                site.DisplayName,
                site.Address.Describe(),
                intent.Reason));
        }

        /// <summary>The node the fix rewrites: the call for implicit-address fixes, else the node at the target.</summary>
        private static SyntaxNode RewrittenNode(SyntaxTree tree, Location target, string fix)
        {
            var node = tree.GetRoot().FindNode(target.SourceSpan, getInnermostNodeForTie: true);
            return fix switch
            {
                LoopbackFixKinds.ListenLocalhost or LoopbackFixKinds.ListenLoopback => node.FirstAncestorOrSelf<InvocationExpressionSyntax>() ?? node,
                // The HttpListener fix copies the whole statement.
                LoopbackFixKinds.HttpListenerPrefixHost => node.FirstAncestorOrSelf<ExpressionStatementSyntax>() ?? node,
                _ => node,
            };
        }

        private static (Location Location, Location? FixTarget, string? Fix) ImplicitAddress(EndpointSite site)
        {
            var fix = site.Api.ImplicitFix switch
            {
                // TcpListener.Create(p) becomes a constructor call, which needs the type name written at the call.
                ImplicitAddressFix.TcpListenerWithLoopback when site.Operation.Syntax is ObjectCreationExpressionSyntax or
                    InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax } => LoopbackFixKinds.TcpListener,
                ImplicitAddressFix.UdpClientWithLoopbackEndPoint => site.Address.Kind switch
                {
                    AddressKind.AllInterfacesIPv4 => LoopbackFixKinds.UdpClientIPv4,
                    AddressKind.AllInterfacesIPv6 => LoopbackFixKinds.UdpClientIPv6,
                    _ => null,
                },
                // ListenLocalhost(0) throws at start-up; an unknown port might be 0.
                ImplicitAddressFix.KestrelListenLocalhost => site.Port is { } port and not 0
                    ? LoopbackFixKinds.ListenLocalhost
                    : LoopbackFixKinds.ListenLoopback,
                _ => null,
            };

            // Instance calls (options.ListenAnyIP(...)) are marked at the method name; constructors and
            // static factories (TcpListener.Create(...)) as a whole, since the whole expression is replaced.
            var syntax = site.Operation is IInvocationOperation { Instance: not null } &&
                         site.Operation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax memberAccess }
                ? memberAccess.Name
                : site.Operation.Syntax;
            return (syntax.GetLocation(), null, fix);
        }

        private static (Location Location, Location? FixTarget, string? Fix) ExplicitAddress(EndpointSite site)
        {
            var address = site.Address;
            var operand = address.Operand ?? site.Operation;

            // The squiggle sits on the expression that defines the address when it is written at the site,
            // and on the argument when the value comes from elsewhere, so that the diagnostic stays local to
            // the operation that found it.
            var origin = address.Origin;
            var originAtSite = origin is not null && site.Operation.Syntax.Span.Contains(origin.Syntax.Span);
            var location = originAtSite ? origin!.Syntax.GetLocation() : operand.Syntax.GetLocation();

            // The fix rewrites the defining expression only when it is part of the same member
            // (at the site, or a local's initializer). A shared field is left for a person to change.
            if (origin is null || !IsInSameMember(origin, site.Operation) || FixFor(site.Api, origin, address) is not { } fix)
            {
                return (location, null, null);
            }

            return (location, originAtSite ? null : origin.Syntax.GetLocation(), fix);
        }

        /// <summary>
        /// A host inside a URL string: the squiggle sits under the host characters when the string is written at the
        /// site, and the fix edits exactly those characters (never a constant declared elsewhere).
        /// </summary>
        private static (Location Location, Location? FixTarget, string? Fix) UrlAddress(EndpointSite site, UrlEndpoint url)
        {
            var value = url.Value;
            var parts = url.Parts;
            var siteSpan = site.Operation.Syntax.Span;
            var hostSpan = value.CoveringSpan(parts.HostStart, parts.HostLength);
            var location = value.Tree is not null && hostSpan is { } covering && siteSpan.Contains(covering)
                ? Location.Create(value.Tree, covering)
                : url.Operand.Syntax.GetLocation();

            if (SiteLocations.RewritableHost(site, url) is not { } target)
            {
                return (location, null, null);
            }

            if (site.Api.AddressSource == AddressSource.HttpListenerPrefixParameter)
            {
                // Only "http://+:p/" written at the call, as a statement of a block: the fix adds the second prefix
                // as the next statement.
                return siteSpan.Contains(target.SourceSpan) && site.Operation.Parent is IExpressionStatementOperation { Syntax.Parent: BlockSyntax }
                    ? (location, target, LoopbackFixKinds.HttpListenerPrefixHost)
                    : (location, null, null);
            }

            return (location, target, LoopbackFixKinds.ServerUrlHost);
        }

        private static bool IsInSameMember(IOperation origin, IOperation site) =>
            origin.Syntax.SyntaxTree == site.Syntax.SyntaxTree &&
            ValueResolver.Root(origin).Syntax == ValueResolver.Root(site).Syntax;

        private static string? FixFor(EndpointApi api, IOperation origin, ResolvedAddress address)
        {
            if (api.AddressSource == AddressSource.HostParameter)
            {
                // Only a literal written at the site is rewritten; a constant may be shared.
                return origin is ILiteralOperation { ConstantValue.Value: "0.0.0.0" or "[::]" } ? LoopbackFixKinds.HostString : null;
            }

            // IPAddress.Any, IPAddress.Parse("0.0.0.0"), new IPAddress(0): expressions of type IPAddress.
            if (origin is not (IFieldReferenceOperation or IInvocationOperation or IObjectCreationOperation) ||
                origin.Type?.Name != "IPAddress")
            {
                return null;
            }

            return address.Kind switch
            {
                AddressKind.AllInterfacesIPv4 => LoopbackFixKinds.IPv4Address,
                AddressKind.AllInterfacesIPv6 => LoopbackFixKinds.IPv6Address,
                _ => null,
            };
        }
    }
}
