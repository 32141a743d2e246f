using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using LoopbackAnalyzers.Engine;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LoopbackAnalyzers.Rules.FreePort
{
    /// <summary>
    /// One probe: a TcpListener, Socket or UdpClient that a body binds only to learn or check a port. It is kept in a
    /// local (or in a local collection, for several ports), and it is a probe only if the body releases it (Stop, Close,
    /// Dispose, a using scope; not only in a catch clause), never serves with it (Accept, Receive, Send, Connect), and never
    /// lets it out (returned, stored, passed on): a listener that leaves the body open is the right way to hold a port.
    /// </summary>
    internal sealed class ProbeGroup
    {
        public ProbeGroup(ProbeKind kind, ILocalSymbol? local)
        {
            Kind = kind;
            Local = local;
        }

        public ProbeKind Kind { get; }

        /// <summary>The local that holds the probe; null when it is created straight into a collection.</summary>
        public ILocalSymbol? Local { get; }

        /// <summary>Local collections that hold the probe (several ports at once).</summary>
        public HashSet<ILocalSymbol> Containers { get; } = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);

        public List<EndpointSite> Sites { get; } = new List<EndpointSite>();

        /// <summary>The <c>LocalEndpoint</c>/<c>LocalEndPoint</c> reads of the probe: where the port number comes from.</summary>
        public List<IOperation> PortReads { get; } = new List<IOperation>();

        public bool Started { get; set; }

        public bool ServesOrConnects { get; set; }

        public bool Escapes { get; set; }

        /// <summary>How the body releases the probe: "Stop", "Close", "Dispose" or "using"; null when it does not.</summary>
        public string? Release { get; set; }

        public bool PortZero => Sites.Any(site => site.Port == 0);

        /// <summary>TcpListener binds at Start(); Socket.Bind and the UdpClient constructors bind at once.</summary>
        public bool IsProbe => !Escapes && !ServesOrConnects && Release is not null && (Kind != ProbeKind.TcpListener || Started);
    }

    /// <summary>Finds the probes of a body: its TcpListener, Socket.Bind and UdpClient bind sites and what happens to each socket.</summary>
    internal static class ProbeFinder
    {
        private static readonly ImmutableHashSet<string> Releases = ImmutableHashSet.Create("Stop", "Close", "Dispose");

        private static readonly string[] ServingPrefixes =
        {
            "Accept", "BeginAccept", "EndAccept", "Pending", "Receive", "BeginReceive", "EndReceive", "Send", "BeginSend", "EndSend",
            "Connect", "BeginConnect", "EndConnect", "Disconnect", "JoinMulticastGroup", "GetStream", "Poll",
        };

        private static readonly ImmutableHashSet<string> SocketProperties = ImmutableHashSet.Create("Server", "Client");

        public static List<ProbeGroup> Find(HelperBody body, EndpointSiteFinder finder, FreePortSymbols symbols, CancellationToken cancellationToken)
        {
            var groups = new List<ProbeGroup>();
            foreach (var operation in body.Operations)
            {
                if (!MayBind(operation, symbols, out var kind))
                {
                    continue;
                }

                foreach (var site in finder.Find(operation, cancellationToken))
                {
                    if (site.Api.Role != EndpointRole.Bind)
                    {
                        continue;
                    }

                    var (local, container) = Holder(operation);
                    if (local is null && container is null)
                    {
                        continue;
                    }

                    var group = groups.FirstOrDefault(g => g.Kind == kind && (local is not null
                        ? SymbolEqualityComparer.Default.Equals(g.Local, local)
                        : g.Local is null && g.Containers.Contains(container!)));
                    if (group is null)
                    {
                        groups.Add(group = new ProbeGroup(kind, local));
                        if (container is not null)
                        {
                            group.Containers.Add(container);
                        }
                    }

                    group.Sites.Add(site);
                }
            }

            if (groups.Count == 0)
            {
                return groups;
            }

            var usingLocals = UsingLocals(body);
            foreach (var group in groups)
            {
                if (group.Local is { } local)
                {
                    if (usingLocals.Contains(local))
                    {
                        group.Release = "using";
                    }

                    foreach (var operation in body.Operations)
                    {
                        if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
                        {
                            Classify(reference, group, body);
                        }
                    }
                }

                ClassifyContainers(group, body, symbols);
            }

            return groups;
        }

        /// <summary>A cheap test before the site finder: a TcpListener or UdpClient constructor, TcpListener.Create, Socket.Bind.</summary>
        private static bool MayBind(IOperation operation, FreePortSymbols symbols, out ProbeKind kind)
        {
            ProbeKind? found = operation switch
            {
                IObjectCreationOperation creation => symbols.KindOf(creation.Type),
                IInvocationOperation { TargetMethod: { Name: "Create" or "Bind" } method } => symbols.KindOf(method.ContainingType),
                _ => null,
            };
            kind = found ?? default;
            return found is not null;
        }

        /// <summary>Where the bound socket lives: a local, or a local collection it is created into.</summary>
        private static (ILocalSymbol? Local, ILocalSymbol? Container) Holder(IOperation site)
        {
            if (site is IInvocationOperation { TargetMethod.Name: "Bind", Instance: { } instance })
            {
                // socket.Bind(...), listener.Server.Bind(...), client.Client.Bind(...)
                var target = ValueResolver.Unwrap(instance);
                if (target is IPropertyReferenceOperation { Property.Name: "Server" or "Client", Instance: { } owner })
                {
                    target = ValueResolver.Unwrap(owner);
                }

                return target is ILocalReferenceOperation socket ? (socket.Local, null) : (null, null);
            }

            var current = site;
            while (current.Parent is IConversionOperation or IParenthesizedOperation)
            {
                current = current.Parent;
            }

            switch (current.Parent)
            {
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return (declarator.Symbol, null);
                case ISimpleAssignmentOperation assignment when assignment.Value == current:
                    return ValueResolver.Unwrap(assignment.Target) switch
                    {
                        ILocalReferenceOperation local => (local.Local, null),
                        IArrayElementReferenceOperation { ArrayReference: var array } when ValueResolver.Unwrap(array) is ILocalReferenceOperation list => (null, list.Local),
                        IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } list } when ValueResolver.Unwrap(list) is ILocalReferenceOperation listLocal => (null, listLocal.Local),
                        _ => (null, null),
                    };
                case IArgumentOperation { Parent: IInvocationOperation { Instance: { } list } invocation } when PortFlow.IsMutator(invocation) &&
                                                                                                              ValueResolver.Unwrap(list) is ILocalReferenceOperation listLocal:
                    return (null, listLocal.Local);
                default:
                    return (null, null);
            }
        }

        private static HashSet<ILocalSymbol> UsingLocals(HelperBody body)
        {
            var locals = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
            foreach (var operation in body.Operations)
            {
                if (operation is not (IUsingDeclarationOperation or IUsingOperation) || HelperBody.InCatch(operation))
                {
                    continue;
                }

                switch (operation)
                {
                    case IUsingDeclarationOperation declaration:
                        foreach (var declarator in declaration.DeclarationGroup.Declarations.SelectMany(d => d.Declarators))
                        {
                            locals.Add(declarator.Symbol);
                        }

                        break;
                    case IUsingOperation { Resources: IVariableDeclarationGroupOperation group }:
                        foreach (var declarator in group.Declarations.SelectMany(d => d.Declarators))
                        {
                            locals.Add(declarator.Symbol);
                        }

                        break;
                    case IUsingOperation { Resources: { } resource } when ValueResolver.Unwrap(resource) is ILocalReferenceOperation local:
                        locals.Add(local.Local);
                        break;
                }
            }

            return locals;
        }

        /// <summary>What one reference to the probe does with it.</summary>
        private static void Classify(IOperation reference, ProbeGroup group, HelperBody body)
        {
            var current = reference;
            while (current.Parent is { } parent)
            {
                switch (parent)
                {
                    case IConversionOperation or IParenthesizedOperation:
                        current = parent;
                        continue;

                    case IConditionalAccessOperation access when access.Operation == current:
                        // listener?.Stop(): the member applies to the conditional instance inside WhenNotNull.
                        if (access.WhenNotNull.DescendantsAndSelf().OfType<IConditionalAccessInstanceOperation>().FirstOrDefault() is not { } instance)
                        {
                            return;
                        }

                        current = instance;
                        continue;

                    case IInvocationOperation invocation when invocation.Instance == current:
                        var name = invocation.TargetMethod.Name;
                        if (Releases.Contains(name))
                        {
                            if (!HelperBody.InCatch(invocation))
                            {
                                group.Release ??= name;
                            }
                        }
                        else if (name == "Start")
                        {
                            group.Started = true;
                        }
                        else if (ServingPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)))
                        {
                            group.ServesOrConnects = true;
                        }

                        return;

                    case IPropertyReferenceOperation property when property.Instance == current:
                        if (property.Property.Name is "LocalEndpoint" or "LocalEndPoint")
                        {
                            group.PortReads.Add(property);
                            return;
                        }

                        if (SocketProperties.Contains(property.Property.Name))
                        {
                            // listener.Server.Close(), client.Client.LocalEndPoint: the same socket.
                            current = property;
                            continue;
                        }

                        return;

                    case IUsingOperation @using when @using.Resources == current:
                        if (!HelperBody.InCatch(@using))
                        {
                            group.Release ??= "using";
                        }

                        return;

                    case IBinaryOperation or IIsPatternOperation or IExpressionStatementOperation:
                        return;

                    case ISimpleAssignmentOperation assignment when assignment.Target == current:
                        return;

                    case ISimpleAssignmentOperation assignment when assignment.Value == current && ContainerOf(assignment.Target) is { } list:
                        group.Containers.Add(list);
                        return;

                    case IArgumentOperation { Parent: IInvocationOperation { Instance: { } receiver } invocation } when PortFlow.IsMutator(invocation) &&
                                                                                                                       ValueResolver.Unwrap(receiver) is ILocalReferenceOperation list:
                        group.Containers.Add(list.Local);
                        return;

                    case IArrayInitializerOperation or IArrayCreationOperation:
                        current = parent;
                        continue;

                    case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } when current is IArrayCreationOperation:
                        // var listeners = new[] { a, b };
                        group.Containers.Add(declarator.Symbol);
                        return;

                    default:
                        // Returned, stored, passed on, aliased: the socket leaves the body, so the body does not release the port.
                        group.Escapes = true;
                        return;
                }
            }
        }

        private static ILocalSymbol? ContainerOf(IOperation target) => ValueResolver.Unwrap(target) switch
        {
            IArrayElementReferenceOperation { ArrayReference: var array } when ValueResolver.Unwrap(array) is ILocalReferenceOperation local => local.Local,
            IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } instance } when ValueResolver.Unwrap(instance) is ILocalReferenceOperation local => local.Local,
            _ => null,
        };

        /// <summary>The probes in a local collection: foreach variables, lambda parameters and elements over it.</summary>
        private static void ClassifyContainers(ProbeGroup group, HelperBody body, FreePortSymbols symbols)
        {
            if (group.Containers.Count == 0)
            {
                return;
            }

            var elements = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var operation in body.Operations)
            {
                switch (operation)
                {
                    case IForEachLoopOperation loop when IsContainer(loop.Collection, group):
                        foreach (var local in loop.Locals)
                        {
                            elements.Add(local);
                        }

                        break;
                    case IInvocationOperation invocation when IsContainer(invocation.Instance, group) ||
                                                              invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 && IsContainer(invocation.Arguments[0].Value, group):
                        foreach (var argument in invocation.Arguments)
                        {
                            if (ValueResolver.Unwrap(argument.Value) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } &&
                                lambda.Symbol.Parameters.Length > 0)
                            {
                                elements.Add(lambda.Symbol.Parameters[0]);
                            }
                        }

                        break;
                }
            }

            foreach (var operation in body.Operations)
            {
                switch (operation)
                {
                    case ILocalReferenceOperation local when elements.Contains(local.Local):
                    case IParameterReferenceOperation parameter when elements.Contains(parameter.Parameter):
                    case IArrayElementReferenceOperation element when IsContainer(element.ArrayReference, group):
                    case IPropertyReferenceOperation { Property.IsIndexer: true } indexer when IsContainer(indexer.Instance, group):
                        Classify(operation, group, body);
                        break;
                    case ILocalReferenceOperation container when group.Containers.Contains(container.Local):
                        ClassifyContainerReference(container, group, symbols);
                        break;
                }
            }
        }

        private static bool IsContainer(IOperation? operation, ProbeGroup group) =>
            operation is not null && ValueResolver.Unwrap(operation) is ILocalReferenceOperation local && group.Containers.Contains(local.Local);

        /// <summary>A collection of probes may be filled, looked at and iterated; handing the collection out lets the sockets out.</summary>
        private static void ClassifyContainerReference(IOperation reference, ProbeGroup group, FreePortSymbols symbols)
        {
            var current = reference;
            while (current.Parent is IConversionOperation or IParenthesizedOperation)
            {
                current = current.Parent;
            }

            var parent = current.Parent;
            if (parent is IArgumentOperation { Parent: IInvocationOperation extension } argument &&
                extension.TargetMethod.IsExtensionMethod && extension.Arguments.Length > 0 && extension.Arguments[0] == argument)
            {
                current = extension;
            }
            else if (parent is IInvocationOperation invocation && invocation.Instance == current)
            {
                current = invocation;
            }
            else
            {
                switch (parent)
                {
                    case IForEachLoopOperation:
                    case IArrayElementReferenceOperation:
                    case IPropertyReferenceOperation:
                    case ISimpleAssignmentOperation assignment when assignment.Target == current:
                    case IBinaryOperation or IIsPatternOperation or IExpressionStatementOperation:
                        return;
                    default:
                        group.Escapes = true;
                        return;
                }
            }

            // A call on the collection: fine when its result holds no sockets (the ports, a count), or is only iterated.
            var call = (IInvocationOperation)current;
            if (!HoldsSockets(call.Type, symbols, 0) || PortFlow.IsMutator(call))
            {
                return;
            }

            while (current.Parent is IConversionOperation or IParenthesizedOperation)
            {
                current = current.Parent;
            }

            if (current.Parent is IForEachLoopOperation)
            {
                return;
            }

            group.Escapes = true;
        }

        private static bool HoldsSockets(ITypeSymbol? type, FreePortSymbols symbols, int depth)
        {
            if (type is null || depth > 4)
            {
                return false;
            }

            if (symbols.KindOf(type) is not null)
            {
                return true;
            }

            return type switch
            {
                IArrayTypeSymbol array => HoldsSockets(array.ElementType, symbols, depth + 1),
                INamedTypeSymbol named => named.TypeArguments.Any(argument => HoldsSockets(argument, symbols, depth + 1)),
                _ => false,
            };
        }
    }
}
