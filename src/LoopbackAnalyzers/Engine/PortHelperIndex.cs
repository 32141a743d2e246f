using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LoopbackAnalyzers.Engine
{
    /// <summary>A parameter of a helper method that reaches the port of a bind site inside it.</summary>
    internal readonly struct HelperPort
    {
        public HelperPort(IParameterSymbol parameter, EndpointSite site)
        {
            Parameter = parameter;
            Site = site;
        }

        public IParameterSymbol Parameter { get; }

        /// <summary>The bind site inside the helper.</summary>
        public EndpointSite Site { get; }
    }

    /// <summary>
    /// Follows one level of helper: a method of this compilation that passes its parameter to a bind site's port
    /// (<c>void StartServer(int port) =&gt; new TcpListener(IPAddress.Loopback, port).Start();</c>) makes each call
    /// <c>StartServer(5000)</c> a site for that port. Each helper is looked at once per compilation, and only when
    /// its syntax names a bind API.
    /// </summary>
    internal sealed class PortHelperIndex
    {
        private readonly Compilation _compilation;
        private readonly EndpointSiteFinder _finder;
        private readonly HashSet<string> _bindNames;
        private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<HelperPort>> _helpers =
            new ConcurrentDictionary<IMethodSymbol, ImmutableArray<HelperPort>>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<string, bool> _helperNames = new ConcurrentDictionary<string, bool>(System.StringComparer.Ordinal);
        private readonly ConcurrentDictionary<SyntaxNode, ImmutableHashSet<string>> _localHelperNames =
            new ConcurrentDictionary<SyntaxNode, ImmutableHashSet<string>>();

        public PortHelperIndex(Compilation compilation, EndpointSiteFinder finder)
        {
            _compilation = compilation;
            _finder = finder;
            _bindNames = SyntaxCandidates.NamesOf(EndpointRole.Bind);
        }

        /// <summary>The parameters of <paramref name="method"/> that reach a bind site's port; empty for most methods.</summary>
        public ImmutableArray<HelperPort> PortsOf(IMethodSymbol method, CancellationToken cancellationToken)
        {
            method = method.OriginalDefinition;
            if (method.DeclaringSyntaxReferences.IsEmpty || !method.Parameters.Any(p => IsIntegral(p.Type)))
            {
                return ImmutableArray<HelperPort>.Empty;
            }

            if (_helpers.TryGetValue(method, out var known))
            {
                return known;
            }

            var computed = Compute(method, cancellationToken);
            return _helpers.GetOrAdd(method, computed);
        }

        /// <summary>
        /// Whether <paramref name="call"/> (an invocation or object creation with a constant number) may call a helper
        /// with a port parameter, judged by the called name alone: the methods and types of this compilation with that
        /// name (from the declaration table: no method body is bound), and the local functions of the calling member.
        /// Calls of framework methods with numbers (Take(10), Substring(0, 3), new List&lt;int&gt;(16)) stop here, before
        /// anything binds the body they are in. Cached per name for the compilation.
        /// </summary>
        public bool MayBeHelperCall(SyntaxNode call, CancellationToken cancellationToken)
        {
            var name = SyntaxCandidates.CalledName(call);
            if (name.Length == 0)
            {
                // a[0](5000), (factory)(5000): nothing to look up, so let the symbol check decide.
                return true;
            }

            if (!_helperNames.TryGetValue(name, out var known))
            {
                known = _helperNames.GetOrAdd(name, NameMayBeHelper(name, call is ObjectCreationExpressionSyntax, cancellationToken));
            }

            // Local functions are not in the declaration table; they are called by their simple name inside their member.
            return known ||
                   call is InvocationExpressionSyntax { Expression: IdentifierNameSyntax or GenericNameSyntax } && DeclaresLocalFunction(call, name, cancellationToken);
        }

        private bool NameMayBeHelper(string name, bool isCreation, CancellationToken cancellationToken)
        {
            foreach (var symbol in _compilation.GetSymbolsWithName(name, isCreation ? SymbolFilter.Type : SymbolFilter.Member, cancellationToken))
            {
                switch (symbol)
                {
                    case IMethodSymbol method when !PortsOf(method, cancellationToken).IsEmpty:
                        return true;

                    case INamedTypeSymbol type when type.InstanceConstructors.Any(constructor => !PortsOf(constructor, cancellationToken).IsEmpty):
                        return true;
                }
            }

            return false;
        }

        private bool DeclaresLocalFunction(SyntaxNode call, string name, CancellationToken cancellationToken)
        {
            // The member around the call (for top-level statements: the whole file, whose statements share local functions).
            SyntaxNode scope = call.SyntaxTree.GetRoot(cancellationToken);
            for (var node = call.Parent; node is not null; node = node.Parent)
            {
                if (node is MemberDeclarationSyntax and not GlobalStatementSyntax)
                {
                    scope = node;
                    break;
                }
            }

            if (!_localHelperNames.TryGetValue(scope, out var names))
            {
                names = _localHelperNames.GetOrAdd(scope, LocalFunctionsThatMayBind(scope));
            }

            return names.Contains(name);
        }

        /// <summary>
        /// The names of the local functions in <paramref name="scope"/> that take parameters and whose syntax names a bind API:
        /// found once per member, not once per call with a number in it.
        /// </summary>
        private ImmutableHashSet<string> LocalFunctionsThatMayBind(SyntaxNode scope)
        {
            var names = ImmutableHashSet<string>.Empty;
            foreach (var node in scope.DescendantNodes())
            {
                if (node is LocalFunctionStatementSyntax function && function.ParameterList.Parameters.Count > 0 && MayContainBindSite(function))
                {
                    names = names.Add(function.Identifier.ValueText);
                }
            }

            return names;
        }

        public static bool IsIntegral(ITypeSymbol type) => type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64
            or SpecialType.System_UInt16 or SpecialType.System_UInt32 or SpecialType.System_Int16;

        private ImmutableArray<HelperPort> Compute(IMethodSymbol method, CancellationToken cancellationToken)
        {
            var ports = ImmutableArray.CreateBuilder<HelperPort>();
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                var declaration = reference.GetSyntax(cancellationToken);
                if (!MayContainBindSite(declaration))
                {
                    continue;
                }

#pragma warning disable RS1030 // The helper may be declared in another file; one model per helper, cached per compilation.
                var model = _compilation.GetSemanticModel(declaration.SyntaxTree);
#pragma warning restore RS1030
                if (model.GetOperation(declaration, cancellationToken) is not { } body)
                {
                    continue;
                }

                foreach (var operation in body.Descendants())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (operation is not (IObjectCreationOperation or IInvocationOperation or ISimpleAssignmentOperation))
                    {
                        continue;
                    }

                    foreach (var site in _finder.Find(operation, cancellationToken))
                    {
                        if (site.Api.Role == EndpointRole.Bind && site.PortOperand is { } port &&
                            ValueResolver.Unwrap(port) is IParameterReferenceOperation { Parameter: var parameter } &&
                            SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method))
                        {
                            ports.Add(new HelperPort(parameter, site));
                        }
                    }
                }
            }

            return ports.ToImmutable();
        }

        private bool MayContainBindSite(SyntaxNode declaration)
        {
            foreach (var node in declaration.DescendantNodes())
            {
                if (node is ImplicitObjectCreationExpressionSyntax || _bindNames.Contains(SyntaxCandidates.CalledName(node)))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
