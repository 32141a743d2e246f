using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using LoopbackAnalyzers.Engine;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LoopbackAnalyzers.Rules.FreePort
{
    internal enum HelperShape
    {
        /// <summary>Bind port 0, read the port, release.</summary>
        PortZero,

        /// <summary>Bind candidate ports until one binds, release it.</summary>
        Probing,

        /// <summary>Call a check method (which binds and releases, or looks in the active lists) on candidate ports.</summary>
        Checker,

        /// <summary>Pick a port that IPGlobalProperties does not list as active.</summary>
        ActiveList,
    }

    internal enum SinkKind
    {
        Return,
        Yield,
        OutParameter,
        Member,
        Captured,
        Callback,
    }

    /// <summary>Where the port leaves the helper.</summary>
    internal sealed class PortSink
    {
        public PortSink(SinkKind kind, string? name, ITypeSymbol? type, int ordinal = -1)
        {
            Kind = kind;
            Name = name;
            Type = type;
            Ordinal = ordinal;
        }

        public SinkKind Kind { get; }

        public string? Name { get; }

        public ITypeSymbol? Type { get; }

        /// <summary>The parameter ordinal of an out parameter.</summary>
        public int Ordinal { get; }
    }

    /// <summary>A helper that hands out a port it does not hold: what it does, and where the port goes.</summary>
    internal sealed class FreePortFinding
    {
        public FreePortFinding(HelperShape shape, ProbeKind? kind, string? release, string? order, string? checker, string? checkerAction, string? activeMethods, PortSink sink, bool several)
        {
            Shape = shape;
            Kind = kind;
            Release = release;
            Order = order;
            Checker = checker;
            CheckerAction = checkerAction;
            ActiveMethods = activeMethods;
            Sink = sink;
            Several = several;
        }

        public HelperShape Shape { get; }

        public ProbeKind? Kind { get; }

        public string? Release { get; }

        /// <summary>"in sequence", "at random", or null for a single candidate.</summary>
        public string? Order { get; }

        public string? Checker { get; }

        public string? CheckerAction { get; }

        public string? ActiveMethods { get; }

        public PortSink Sink { get; }

        public bool Several { get; }
    }

    /// <summary>What a check method (<c>bool IsPortFree(int port)</c>) does with its port parameter.</summary>
    internal sealed class PortCheck
    {
        public PortCheck(int ordinal, string name, string action, ProbeKind? kind)
        {
            Ordinal = ordinal;
            Name = name;
            Action = action;
            Kind = kind;
        }

        public int Ordinal { get; }

        public string Name { get; }

        /// <summary>"binds a TcpListener and releases it", "looks the port up in IPGlobalProperties.GetActiveTcpListeners()".</summary>
        public string Action { get; }

        public ProbeKind? Kind { get; }
    }

    /// <summary>
    /// Decides whether one body is a free-port helper. The port must come from a probe the body releases (or from a
    /// snapshot of the active ports), must leave the body (return, yield, out parameter, field or property, a variable
    /// captured from around a local function or lambda, a callback parameter), and must not be used by the body itself:
    /// a body that binds a server, connects, or passes the port to anything but formatting, logging, assertions and
    /// collections is doing its own work with the port, not handing it out.
    /// </summary>
    internal sealed class FreePortDetector
    {
        private static readonly ImmutableHashSet<string> ActiveListMethods = ImmutableHashSet.Create(
            "GetActiveTcpListeners", "GetActiveTcpConnections", "GetActiveUdpListeners");

        private readonly FreePortSymbols _symbols;
        private readonly EndpointSiteFinder _finder;
        private readonly SemanticModelCache _models;
        private readonly ConcurrentDictionary<IMethodSymbol, PortCheck?> _checks =
            new ConcurrentDictionary<IMethodSymbol, PortCheck?>(SymbolEqualityComparer.Default);

        public FreePortDetector(FreePortSymbols symbols, EndpointSiteFinder finder, SemanticModelCache models)
        {
            _symbols = symbols;
            _finder = finder;
            _models = models;
        }

        public FreePortSymbols Symbols => _symbols;

        public EndpointSiteFinder Finder => _finder;

        /// <summary>A cheap test: does the body bind a socket, list active ports, or call a method that may check a port?</summary>
        public bool MayBeHelper(HelperBody body) => body.Operations.Any(Matters);

        /// <summary>A socket constructor, Bind, TcpListener.Create, IPGlobalProperties.GetActive*, or a possible check method.</summary>
        public bool Matters(IOperation operation) => operation switch
        {
            IObjectCreationOperation creation => _symbols.KindOf(creation.Type) is not null,
            IInvocationOperation invocation => MayMatter(invocation.TargetMethod),
            IMethodReferenceOperation reference => MayCheck(reference.Method),
            _ => false,
        };

        private bool MayMatter(IMethodSymbol method) =>
            method.Name is "Create" or "Bind" && _symbols.KindOf(method.ContainingType) is not null ||
            ActiveListMethods.Contains(method.Name) && SymbolEqualityComparer.Default.Equals(method.ContainingType, _symbols.IPGlobalProperties) ||
            MayCheck(method);

        private static bool MayCheck(IMethodSymbol method) =>
            method.ReturnType.SpecialType == SpecialType.System_Boolean &&
            method.MethodKind is MethodKind.Ordinary or MethodKind.LocalFunction &&
            !method.IsAbstract && !method.IsExtern && method.DeclaringSyntaxReferences.Length == 1 &&
            method.Parameters.Any(parameter => FreePortSymbols.IsIntegral(parameter.Type));

        public FreePortFinding? Detect(HelperBody body, CancellationToken cancellationToken)
        {
            var groups = ProbeFinder.Find(body, _finder, _symbols, cancellationToken);
            var probes = groups.Where(group => group.IsProbe).ToList();
            var exempt = new HashSet<IOperation>(probes.SelectMany(group => group.Sites).Select(site => site.Operation));

            // 1. Bind port 0, read the port back, release.
            var zero = probes.Where(group => group.PortZero && group.PortReads.Count > 0).ToList();
            if (zero.Count > 0)
            {
                var flow = new PortFlow(_symbols, body.Operations, zero.SelectMany(group => group.PortReads), Enumerable.Empty<ISymbol>(), cancellationToken);
                if (Conclude(body, flow, exempt, cancellationToken) is { } sink)
                {
                    var group = zero[0];
                    return new FreePortFinding(HelperShape.PortZero, group.Kind, group.Release, null, null, null, null, sink, Several(sink));
                }
            }

            // 2. Bind candidate ports until one binds, release it.
            var candidates = new List<(ProbeGroup Group, ISymbol Candidate)>();
            foreach (var group in probes.Where(group => !group.PortZero))
            {
                foreach (var site in group.Sites)
                {
                    if (site.PortOperand is { } operand && CandidateOf(operand) is { } candidate)
                    {
                        candidates.Add((group, candidate));
                    }
                }
            }

            if (candidates.Count > 0)
            {
                var symbols = candidates.Select(c => c.Candidate).ToList();
                var flow = new PortFlow(_symbols, body.Operations, candidates.SelectMany(c => c.Group.PortReads), symbols, cancellationToken);
                if (Conclude(body, flow, exempt, cancellationToken) is { } sink)
                {
                    var group = candidates[0].Group;
                    return new FreePortFinding(HelperShape.Probing, group.Kind, group.Release, Order(body, symbols), null, null, null, sink, Several(sink));
                }
            }

            // 3. Check candidate ports with a method that binds and releases, or that looks in the active lists.
            if (Checks(body, cancellationToken) is { Candidates.Count: > 0 } checks)
            {
                exempt.UnionWith(checks.Calls);
                var flow = new PortFlow(_symbols, body.Operations, checks.Results, checks.Candidates, cancellationToken);
                if (Conclude(body, flow, exempt, cancellationToken) is { } sink)
                {
                    var check = checks.First!;
                    return new FreePortFinding(HelperShape.Checker, check.Kind, null, Order(body, checks.Candidates) ?? checks.Order, check.Name, check.Action, null, sink, Several(sink));
                }
            }

            // 4. Pick a port that the active listener and connection tables do not list.
            var active = ActiveList(body, cancellationToken);
            if (active.Candidates.Count > 0)
            {
                var flow = new PortFlow(_symbols, body.Operations, Enumerable.Empty<IOperation>(), active.Candidates, cancellationToken);
                if (Conclude(body, flow, exempt, cancellationToken) is { } sink)
                {
                    return new FreePortFinding(HelperShape.ActiveList, null, null, null, null, null, active.Methods, sink, Several(sink));
                }
            }

            return null;
        }

        /// <summary>An array, a list, a tuple, or an iterator: the helper hands out several ports.</summary>
        private bool Several(PortSink sink) => sink.Kind == SinkKind.Yield || _symbols.IsSeveral(sink.Type);

        private static ISymbol? CandidateOf(IOperation operand) => ValueResolver.Unwrap(operand) switch
        {
            ILocalReferenceOperation local when FreePortSymbols.IsIntegral(local.Local.Type) => local.Local,
            IParameterReferenceOperation parameter when FreePortSymbols.IsIntegral(parameter.Parameter.Type) => parameter.Parameter,
            _ => null,
        };

        /// <summary>The first place the port leaves the body, unless the body uses the port itself.</summary>
        private PortSink? Conclude(HelperBody body, PortFlow flow, HashSet<IOperation> exempt, CancellationToken cancellationToken)
        {
            PortSink? first = null;
            foreach (var operation in body.Operations)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (exempt.Contains(operation))
                {
                    continue;
                }

                var (sink, uses) = Examine(body, flow, operation, cancellationToken);
                if (uses)
                {
                    return null;
                }

                // A port handed out from a catch clause is one whose bind failed (taken), not a free one.
                if (sink is not null && !HelperBody.InCatch(operation))
                {
                    first ??= sink;
                }
            }

            return first;
        }

        /// <summary>One operation: does it hand the port out (a sink), or use it (the body is not a mere helper)?</summary>
        private (PortSink? Sink, bool Uses) Examine(HelperBody body, PortFlow flow, IOperation operation, CancellationToken cancellationToken)
        {
            switch (operation)
            {
                case IReturnOperation { ReturnedValue: { } value } @return when body.Owns(@return) && flow.Carries(value):
                    return (new PortSink(@return.Kind == OperationKind.YieldReturn ? SinkKind.Yield : SinkKind.Return, null, value.Type), false);

                case IDeconstructionAssignmentOperation deconstruction when flow.Carries(deconstruction.Value):
                    foreach (var element in deconstruction.Target.DescendantsAndSelf())
                    {
                        if (element is IFieldReferenceOperation or IPropertyReferenceOperation or IParameterReferenceOperation or ILocalReferenceOperation &&
                            Target(body, element, deconstruction.Value) is { } result && (result.Sink is not null || result.Uses))
                        {
                            return result;
                        }
                    }

                    return (null, false);

                case IAssignmentOperation assignment when flow.Carries(assignment.Value):
                    return Target(body, assignment.Target, assignment.Value);

                case IInvocationOperation invocation:
                    return Call(body, flow, invocation, cancellationToken);

                case IObjectCreationOperation creation when flow.AnyArgumentCarries(creation):
                    // A value built from the port (an endpoint, a Uri, a list, an exception message) is not a use;
                    // a server, client or anything else constructed with it is.
                    var type = creation.Type;
                    var isValue = _symbols.CanCarryPort(type) || _symbols.IsException(type) ||
                                  type?.ContainingNamespace?.ToDisplayString() is "System.Text" or "System.Collections.Generic";
                    return (null, !isValue);

                default:
                    return (null, false);
            }
        }

        private (PortSink? Sink, bool Uses) Target(HelperBody body, IOperation target, IOperation value)
        {
            switch (ValueResolver.Unwrap(target))
            {
                case IParameterReferenceOperation { Parameter: { RefKind: RefKind.Out or RefKind.Ref } parameter }
                    when SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, body.Method):
                    return (new PortSink(SinkKind.OutParameter, parameter.Name, value.Type, parameter.Ordinal), false);

                case ILocalReferenceOperation local when body.Function is not null && !body.Declares(local.Local):
                    return (new PortSink(SinkKind.Captured, local.Local.Name, value.Type), false);

                case IPropertyReferenceOperation { Property.Name: "BaseAddress" } property
                    when SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, _symbols.HttpClient):
                    return (null, true);

                case IFieldReferenceOperation field:
                    return Member(body, field.Instance, field.Field.Name, value);

                case IPropertyReferenceOperation { Property.IsIndexer: false } property:
                    return Member(body, property.Instance, property.Property.Name, value);

                case IArrayElementReferenceOperation element:
                    return Collection(body, element.ArrayReference, value);

                case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } instance }:
                    return Collection(body, instance, value);

                default:
                    return (null, false);
            }
        }

        /// <summary>
        /// A field or property of this object, of a static type, or of an object the caller gave is a sink.
        /// One of an object the body made itself (<c>options.Port = port</c>, or an object initializer) is the body
        /// configuring something with the port.
        /// </summary>
        private static (PortSink? Sink, bool Uses) Member(HelperBody body, IOperation? instance, string name, IOperation value)
        {
            var owner = instance is null ? null : ValueResolver.Unwrap(instance);
            return owner switch
            {
                null => (new PortSink(SinkKind.Member, name, value.Type), false),
                // new ServerOptions { Port = port }: the body configures something with the port.
                IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } => (null, true),
                IInstanceReferenceOperation => (new PortSink(SinkKind.Member, name, value.Type), false),
                IFieldReferenceOperation or IParameterReferenceOperation => (new PortSink(SinkKind.Member, name, value.Type), false),
                ILocalReferenceOperation local when body.Function is not null && !body.Declares(local.Local) => (new PortSink(SinkKind.Member, name, value.Type), false),
                _ => (null, true),
            };
        }

        private static (PortSink? Sink, bool Uses) Collection(HelperBody body, IOperation collection, IOperation value) =>
            ValueResolver.Unwrap(collection) switch
            {
                IFieldReferenceOperation field => (new PortSink(SinkKind.Member, field.Field.Name, value.Type), false),
                IPropertyReferenceOperation property => (new PortSink(SinkKind.Member, property.Property.Name, value.Type), false),
                IParameterReferenceOperation parameter => (new PortSink(SinkKind.Member, parameter.Parameter.Name, value.Type), false),
                ILocalReferenceOperation local when body.Function is not null && !body.Declares(local.Local) => (new PortSink(SinkKind.Captured, local.Local.Name, value.Type), false),
                _ => (null, false),
            };

        private (PortSink? Sink, bool Uses) Call(HelperBody body, PortFlow flow, IInvocationOperation invocation, CancellationToken cancellationToken)
        {
            if (!flow.AnyArgumentCarries(invocation))
            {
                return (null, false);
            }

            if (!_finder.Find(invocation, cancellationToken).IsEmpty)
            {
                // A bind or connect with the port (listener.Prefixes.Add(url), client.Connect(address, port)).
                return (null, true);
            }

            var method = invocation.TargetMethod;
            if (PortFlow.IsMutator(invocation) && invocation.Instance is { } list)
            {
                // ports.Add(port): a local list carries the ports on; a field, parameter or captured list hands them out.
                var argument = invocation.Arguments.FirstOrDefault(a => flow.Carries(a.Value))?.Value ?? invocation;
                return Collection(body, list, argument);
            }

            if (method.MethodKind == MethodKind.DelegateInvoke && invocation.Instance is { } callback &&
                ValueResolver.Unwrap(callback) is IParameterReferenceOperation { Parameter: var parameter } &&
                SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, body.Method))
            {
                // WithFreePort(Action<int> use): the callback gets a port nobody holds.
                var argument = invocation.Arguments.First(a => flow.Carries(a.Value)).Value;
                return (new PortSink(SinkKind.Callback, parameter.Name, argument.Type), false);
            }

            return (null, !FreePortSymbols.OnlyLooksAt(method));
        }

        /// <summary>"at random" when a candidate comes from Random, "in sequence" when it counts up or runs over a range.</summary>
        private string? Order(HelperBody body, IReadOnlyCollection<ISymbol> candidates)
        {
            var sequence = false;
            foreach (var operation in body.Operations)
            {
                switch (operation)
                {
                    case IIncrementOrDecrementOperation increment when IsCandidate(increment.Target, candidates):
                    case ICompoundAssignmentOperation compound when IsCandidate(compound.Target, candidates):
                        sequence = true;
                        break;
                    case IVariableDeclaratorOperation declarator when candidates.Contains(declarator.Symbol, SymbolEqualityComparer.Default) &&
                                                                      declarator.GetVariableInitializer() is { } initializer:
                        if (MentionsRandom(initializer.Value))
                        {
                            return "at random";
                        }

                        break;
                    case ISimpleAssignmentOperation assignment when IsCandidate(assignment.Target, candidates):
                        if (MentionsRandom(assignment.Value))
                        {
                            return "at random";
                        }

                        break;
                    case IForEachLoopOperation loop when loop.Locals.Any(local => candidates.Contains(local, SymbolEqualityComparer.Default)):
                        if (MentionsRandom(loop.Collection))
                        {
                            return "at random";
                        }

                        sequence = true;
                        break;
                    case IInvocationOperation invocation when LambdaParameters(invocation).Any(parameter => candidates.Contains(parameter, SymbolEqualityComparer.Default)):
                        // Enumerable.Range(5000, 100).First(p => IsFree(p)), or a shuffled range.
                        var receiver = invocation.Instance ?? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
                        if (receiver is not null && MentionsRandom(receiver))
                        {
                            return "at random";
                        }

                        sequence = true;
                        break;
                }
            }

            return sequence ? "in sequence" : null;
        }

        private static IEnumerable<IParameterSymbol> LambdaParameters(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (ValueResolver.Unwrap(argument.Value) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda })
                {
                    foreach (var parameter in lambda.Symbol.Parameters)
                    {
                        yield return parameter;
                    }
                }
            }
        }

        private static bool IsCandidate(IOperation target, IReadOnlyCollection<ISymbol> candidates) => ValueResolver.Unwrap(target) switch
        {
            ILocalReferenceOperation local => candidates.Contains(local.Local, SymbolEqualityComparer.Default),
            IParameterReferenceOperation parameter => candidates.Contains(parameter.Parameter, SymbolEqualityComparer.Default),
            _ => false,
        };

        private bool MentionsRandom(IOperation operation) =>
            operation.DescendantsAndSelf().Any(d => d is IInvocationOperation invocation && _symbols.IsRandomSource(invocation.TargetMethod) ||
                                                   d is IPropertyReferenceOperation { Property.Name: "Shared" } shared &&
                                                   SymbolEqualityComparer.Default.Equals(shared.Property.ContainingType, _symbols.Random));

        private sealed class CheckCalls
        {
            public List<IOperation> Calls { get; } = new List<IOperation>();

            public List<IOperation> Results { get; } = new List<IOperation>();

            public List<ISymbol> Candidates { get; } = new List<ISymbol>();

            public PortCheck? First { get; set; }

            /// <summary>The order of candidates passed to a check method group (<c>Range(...).First(IsFree)</c>).</summary>
            public string? Order { get; set; }
        }

        /// <summary>Calls of check methods in the body: their port arguments are candidates.</summary>
        private CheckCalls? Checks(HelperBody body, CancellationToken cancellationToken)
        {
            CheckCalls? found = null;
            foreach (var operation in body.Operations)
            {
                switch (operation)
                {
                    case IInvocationOperation invocation when MayCheck(invocation.TargetMethod) && CheckOf(invocation.TargetMethod, cancellationToken) is { } check:
                        var argument = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == check.Ordinal);
                        if (argument is not null && CandidateOf(argument.Value) is { } candidate)
                        {
                            found ??= new CheckCalls();
                            found.First ??= check;
                            found.Calls.Add(invocation);
                            found.Candidates.Add(candidate);
                        }

                        break;

                    case IMethodReferenceOperation reference when MayCheck(reference.Method) && CheckOf(reference.Method, cancellationToken) is { } check:
                        // Enumerable.Range(5000, 100).First(IsFree): the call's result is a candidate.
                        var call = reference.Parent is IDelegateCreationOperation creation ? creation.Parent : reference.Parent;
                        while (call is IConversionOperation or IArgumentOperation)
                        {
                            call = call.Parent;
                        }

                        if (call is IInvocationOperation consumer && _symbols.CanCarryPort(consumer.Type))
                        {
                            found ??= new CheckCalls();
                            found.First ??= check;
                            found.Results.Add(consumer);
                            found.Candidates.Add(reference.Method.Parameters[check.Ordinal]);
                            var receiver = consumer.Instance ?? (consumer.Arguments.Length > 0 ? consumer.Arguments[0].Value : null);
                            found.Order ??= receiver is null ? null
                                : MentionsRandom(receiver) ? "at random"
                                : receiver.DescendantsAndSelf().Any(d => d is IInvocationOperation { TargetMethod.Name: "Range" }) ? "in sequence"
                                : null;
                        }

                        break;
                }
            }

            return found;
        }

        /// <summary>Whether a source method checks one of its integer parameters by binding it, or against the active lists. Cached.</summary>
        private PortCheck? CheckOf(IMethodSymbol method, CancellationToken cancellationToken)
        {
            method = method.OriginalDefinition;
            if (_checks.TryGetValue(method, out var known))
            {
                return known;
            }

            var check = AnalyzeCheck(method, cancellationToken);
            _checks.TryAdd(method, check);
            return check;
        }

        private PortCheck? AnalyzeCheck(IMethodSymbol method, CancellationToken cancellationToken)
        {
            var reference = method.DeclaringSyntaxReferences[0];
            var syntax = reference.GetSyntax(cancellationToken);
            var model = _models.Get(syntax.SyntaxTree);
            if (model?.GetOperation(syntax, cancellationToken) is not { } root)
            {
                return null;
            }

            var function = root as ILocalFunctionOperation;
            var roots = function is null ? new[] { root } : new IOperation?[] { function.Body ?? function.IgnoredBody }.Where(r => r is not null).Cast<IOperation>().ToArray();
            var body = HelperBody.Create(function, method, syntax, roots, _ => false);
            foreach (var group in ProbeFinder.Find(body, _finder, _symbols, cancellationToken))
            {
                if (!group.IsProbe)
                {
                    continue;
                }

                foreach (var site in group.Sites)
                {
                    if (site.PortOperand is { } operand && ValueResolver.Unwrap(operand) is IParameterReferenceOperation { Parameter: var parameter } &&
                        SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method) && FreePortSymbols.IsIntegral(parameter.Type))
                    {
                        return new PortCheck(parameter.Ordinal, method.Name, $"binds {Describe.Article(group.Kind)} and releases it", group.Kind);
                    }
                }
            }

            var active = ActiveList(body, cancellationToken);
            foreach (var candidate in active.Candidates)
            {
                if (candidate is IParameterSymbol parameter && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method))
                {
                    return new PortCheck(parameter.Ordinal, method.Name, $"looks the port up in {active.Methods}", null);
                }
            }

            return null;
        }

        /// <summary>
        /// Candidates checked against <c>IPGlobalProperties</c>: integer variables tested in a call or comparison that also
        /// involves the active listeners or connections (<c>used.Contains(p)</c>, <c>listeners.Any(e =&gt; e.Port == p)</c>).
        /// </summary>
        private (List<ISymbol> Candidates, string? Methods) ActiveList(HelperBody body, CancellationToken cancellationToken)
        {
            var calls = new HashSet<IOperation>();
            var names = new List<string>();
            foreach (var operation in body.Operations)
            {
                if (operation is IInvocationOperation { TargetMethod: var method } invocation && ActiveListMethods.Contains(method.Name) &&
                    SymbolEqualityComparer.Default.Equals(method.ContainingType, _symbols.IPGlobalProperties))
                {
                    calls.Add(invocation);
                    if (!names.Contains(method.Name))
                    {
                        names.Add(method.Name);
                    }
                }
            }

            var candidates = new List<ISymbol>();
            if (calls.Count == 0)
            {
                return (candidates, null);
            }

            // Locals that hold the active lists or anything computed from them (a set of used ports).
            var activeLocals = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            bool Mentions(IOperation operation) => operation.DescendantsAndSelf().Any(d =>
                calls.Contains(d) || d is ILocalReferenceOperation local && activeLocals.Contains(local.Local));

            for (var changed = true; changed;)
            {
                changed = false;
                foreach (var operation in body.Operations)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (operation is IVariableDeclaratorOperation declarator && declarator.GetVariableInitializer() is { } initializer &&
                        !activeLocals.Contains(declarator.Symbol) && Mentions(initializer.Value))
                    {
                        changed |= activeLocals.Add(declarator.Symbol);
                    }
                    else if (operation is ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment &&
                             !activeLocals.Contains(target.Local) && Mentions(assignment.Value))
                    {
                        changed |= activeLocals.Add(target.Local);
                    }
                }
            }

            foreach (var operation in body.Operations)
            {
                if (operation is not (IInvocationOperation or IBinaryOperation) || !Mentions(operation))
                {
                    continue;
                }

                foreach (var descendant in operation.DescendantsAndSelf())
                {
                    var symbol = descendant switch
                    {
                        ILocalReferenceOperation local when FreePortSymbols.IsIntegral(local.Local.Type) && !activeLocals.Contains(local.Local) => (ISymbol)local.Local,
                        IParameterReferenceOperation parameter when FreePortSymbols.IsIntegral(parameter.Parameter.Type) => parameter.Parameter,
                        _ => null,
                    };

                    if (symbol is not null && !candidates.Contains(symbol, SymbolEqualityComparer.Default))
                    {
                        candidates.Add(symbol);
                    }
                }
            }

            return (candidates, string.Join(" or ", names.Select(name => $"IPGlobalProperties.{name}()")));
        }
    }
}
