using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using LoopbackAnalyzers.Engine;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LoopbackAnalyzers.Rules.FreePort
{
    /// <summary>
    /// Where a port number goes inside one body: from its sources (a port read, a candidate variable) through
    /// locals, arithmetic, strings, endpoints, collections and tuples. Intraprocedural and flow-insensitive:
    /// a local that is ever assigned a port-carrying value carries the port.
    /// </summary>
    internal sealed class PortFlow
    {
        private const int MaxDepth = 48;
        private const int MaxPasses = 8;

        /// <summary>Results that describe a port collection rather than carry its ports.</summary>
        private static readonly ImmutableHashSet<string> Aggregates = ImmutableHashSet.Create(
            "Count", "LongCount", "Length", "LongLength", "IndexOf", "LastIndexOf", "BinarySearch", "FindIndex", "GetHashCode", "CompareTo");

        private static readonly ImmutableHashSet<string> Mutators = ImmutableHashSet.Create(
            "Add", "AddRange", "Insert", "InsertRange", "Push", "Enqueue", "TryAdd", "Append", "AppendLine", "Prepend");

        private readonly FreePortSymbols _symbols;
        private readonly ImmutableArray<IOperation> _operations;
        private readonly HashSet<IOperation> _sources;
        private readonly HashSet<ISymbol> _carriers;
        private readonly Dictionary<IOperation, bool> _memo = new Dictionary<IOperation, bool>();
        private readonly CancellationToken _cancellationToken;

        public PortFlow(
            FreePortSymbols symbols,
            ImmutableArray<IOperation> operations,
            IEnumerable<IOperation> sources,
            IEnumerable<ISymbol> sourceSymbols,
            CancellationToken cancellationToken)
        {
            _symbols = symbols;
            _operations = operations;
            _sources = new HashSet<IOperation>(sources);
            _carriers = new HashSet<ISymbol>(sourceSymbols, SymbolEqualityComparer.Default);
            _cancellationToken = cancellationToken;
            Propagate();
        }

        public static bool IsMutator(IInvocationOperation invocation) => Mutators.Contains(invocation.TargetMethod.Name);

        public bool Carries(ISymbol symbol) => _carriers.Contains(symbol);

        /// <summary>Whether the value of <paramref name="operation"/> carries the port.</summary>
        public bool Carries(IOperation? operation) => operation is not null && Carries(operation, 0);

        /// <summary>Whether any argument (or the instance) of a call carries the port.</summary>
        public bool AnyArgumentCarries(IOperation operation)
        {
            switch (operation)
            {
                case IInvocationOperation invocation:
                    foreach (var argument in invocation.Arguments)
                    {
                        if (Carries(argument.Value))
                        {
                            return true;
                        }
                    }

                    return false;
                case IObjectCreationOperation creation:
                    foreach (var argument in creation.Arguments)
                    {
                        if (Carries(argument.Value))
                        {
                            return true;
                        }
                    }

                    // Initializer members are judged as the assignments they are.
                    return false;
                case ISimpleAssignmentOperation assignment:
                    return Carries(assignment.Value);
                default:
                    return false;
            }
        }

        private void Propagate()
        {
            for (var pass = 0; pass < MaxPasses; pass++)
            {
                var changed = false;
                foreach (var operation in _operations)
                {
                    _cancellationToken.ThrowIfCancellationRequested();
                    switch (operation)
                    {
                        case IVariableDeclaratorOperation declarator when declarator.GetVariableInitializer() is { } initializer:
                            changed |= Mark(declarator.Symbol, initializer.Value);
                            break;
                        case IDeconstructionAssignmentOperation deconstruction:
                            if (Carries(deconstruction.Value))
                            {
                                foreach (var target in deconstruction.Target.DescendantsAndSelf())
                                {
                                    if (target is ILocalReferenceOperation local && _symbols.CanCarryPort(local.Local.Type))
                                    {
                                        changed |= _carriers.Add(local.Local);
                                    }
                                }
                            }

                            break;
                        case IAssignmentOperation assignment:
                            changed |= MarkTarget(assignment.Target, assignment.Value);
                            break;
                        case IInvocationOperation { Instance: { } instance } invocation when IsMutator(invocation):
                            foreach (var argument in invocation.Arguments)
                            {
                                changed |= MarkCollection(instance, argument.Value);
                            }

                            break;
                        case IForEachLoopOperation loop when Carries(loop.Collection):
                            foreach (var local in loop.Locals)
                            {
                                if (_symbols.CanCarryPort(local.Type))
                                {
                                    changed |= _carriers.Add(local);
                                }
                            }

                            break;
                        case IDeclarationPatternOperation { DeclaredSymbol: { } declared } pattern when PatternValue(pattern) is { } value:
                            changed |= Mark(declared, value);
                            break;
                    }
                }

                if (!changed)
                {
                    return;
                }

                _memo.Clear();
            }
        }

        private static IOperation? PatternValue(IPatternOperation pattern)
        {
            IOperation? current = pattern;
            while (current is IPatternOperation)
            {
                current = current.Parent;
            }

            return current is IIsPatternOperation isPattern ? isPattern.Value : null;
        }

        private bool Mark(ISymbol symbol, IOperation value) =>
            symbol is ILocalSymbol or IParameterSymbol &&
            _symbols.CanCarryPort(TypeOf(symbol)) &&
            !_carriers.Contains(symbol) &&
            Carries(value) &&
            _carriers.Add(symbol);

        private bool MarkTarget(IOperation target, IOperation value)
        {
            switch (ValueResolver.Unwrap(target))
            {
                case ILocalReferenceOperation local:
                    return Mark(local.Local, value);
                case IParameterReferenceOperation parameter:
                    return Mark(parameter.Parameter, value);
                case IArrayElementReferenceOperation element:
                    return MarkCollection(element.ArrayReference, value);
                case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } instance }:
                    return MarkCollection(instance, value);
                default:
                    return false;
            }
        }

        /// <summary>A port put into a local collection makes the collection carry it (fields and parameters are sinks instead).</summary>
        private bool MarkCollection(IOperation collection, IOperation value) =>
            ValueResolver.Unwrap(collection) is ILocalReferenceOperation local && Mark(local.Local, value);

        private static ITypeSymbol? TypeOf(ISymbol symbol) => symbol switch
        {
            ILocalSymbol local => local.Type,
            IParameterSymbol parameter => parameter.Type,
            _ => null,
        };

        private bool Carries(IOperation operation, int depth)
        {
            if (depth > MaxDepth)
            {
                return false;
            }

            operation = ValueResolver.Unwrap(operation);
            if (_memo.TryGetValue(operation, out var known))
            {
                return known;
            }

            // Cycles cannot occur in a tree, but a pessimistic entry keeps a re-entrant question cheap.
            _memo[operation] = false;
            var result = Compute(operation, depth);
            _memo[operation] = result;
            return result;
        }

        private bool Compute(IOperation operation, int depth)
        {
            if (_sources.Contains(operation))
            {
                return true;
            }

            switch (operation)
            {
                case ILocalReferenceOperation local:
                    return _carriers.Contains(local.Local);
                case IParameterReferenceOperation parameter:
                    return _carriers.Contains(parameter.Parameter);
                case IAnonymousFunctionOperation function:
                    return ReturnsCarry(function, depth);
                case IDelegateCreationOperation delegateCreation:
                    return Carries(delegateCreation.Target, depth + 1);
                case IAwaitOperation awaited:
                    return Carries(awaited.Operation, depth + 1);
                case IConditionalAccessInstanceOperation:
                    for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
                    {
                        if (parent is IConditionalAccessOperation access)
                        {
                            return Carries(access.Operation, depth + 1);
                        }
                    }

                    return false;
                case IPropertyReferenceOperation property when Aggregates.Contains(property.Property.Name):
                    return false;
                case IInvocationOperation invocation when Aggregates.Contains(invocation.TargetMethod.Name):
                    return false;
                case IInvocationOperation invocation when _symbols.CanCarryPort(invocation.Type) && HasCandidateLambda(invocation):
                    // Enumerable.Range(5000, 100).First(p => IsFree(p)): the result is one of the candidates.
                    return true;
                case IInstanceReferenceOperation:
                case ILiteralOperation:
                    return false;
            }

            var type = operation.Type;
            if (type is not null && type.SpecialType != SpecialType.System_Void && !_symbols.CanCarryPort(type))
            {
                return false;
            }

            foreach (var child in operation.ChildOperations)
            {
                if (child is IAnonymousFunctionOperation or IDelegateCreationOperation &&
                    operation is not IArgumentOperation)
                {
                    continue;
                }

                if (Carries(child, depth + 1))
                {
                    return true;
                }
            }

            return false;
        }

        private bool HasCandidateLambda(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (ValueResolver.Unwrap(argument.Value) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation function })
                {
                    foreach (var parameter in function.Symbol.Parameters)
                    {
                        if (_carriers.Contains(parameter))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private bool ReturnsCarry(IAnonymousFunctionOperation function, int depth)
        {
            foreach (var operation in OwnOperations(function.Body))
            {
                if (operation is IReturnOperation { ReturnedValue: { } value } && Carries(value, depth + 1))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The operations of one function body, without the bodies of the functions nested in it.</summary>
        public static IEnumerable<IOperation> OwnOperations(IOperation root)
        {
            var stack = new Stack<IOperation>();
            stack.Push(root);
            while (stack.Count > 0)
            {
                var current = stack.Pop();
                yield return current;
                foreach (var child in current.ChildOperations)
                {
                    if (child is IAnonymousFunctionOperation or ILocalFunctionOperation)
                    {
                        continue;
                    }

                    stack.Push(child);
                }
            }
        }
    }
}
