using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LoopbackAnalyzers.Engine
{
    /// <summary>
    /// Follows an operand back to the expression that defines its value, as far as constants allow:
    /// conversions and parentheses, locals assigned exactly once, and <c>static readonly</c> fields
    /// with an initializer. Anything else stops the walk at the operand itself.
    /// </summary>
    internal sealed class ValueResolver
    {
        // Bounds the walk through chains of fields and locals (and breaks cycles between fields).
        private const int MaxDepth = 8;

        private readonly Compilation _compilation;

        public ValueResolver(Compilation compilation) => _compilation = compilation;

        /// <summary>The expression that defines the value of <paramref name="operation"/>.</summary>
        public IOperation Resolve(IOperation operation, CancellationToken cancellationToken)
        {
            var current = operation;
            for (var depth = 0; depth < MaxDepth; depth++)
            {
                current = Unwrap(current);
                var next = current switch
                {
                    ILocalReferenceOperation local => SingleAssignedValue(local, cancellationToken),
                    IFieldReferenceOperation field => StaticReadOnlyInitializer(field.Field, current, cancellationToken),
                    _ => null,
                };

                if (next is null)
                {
                    return current;
                }

                current = next;
            }

            return current;
        }

        /// <summary>The constant value of <paramref name="operation"/> after following locals and fields.</summary>
        public Optional<object?> ResolveConstant(IOperation operation, CancellationToken cancellationToken)
        {
            if (operation.ConstantValue.HasValue)
            {
                return operation.ConstantValue;
            }

            var defined = Resolve(operation, cancellationToken);
            return defined is IFieldReferenceOperation { Field: var field } && WellKnownReadOnlyValue(field) is { } known
                ? new Optional<object?>(known)
                : defined.ConstantValue;
        }

        /// <summary>
        /// Framework fields that are static readonly rather than const, so the compiler does not know their value:
        /// the ones that name server URL settings and environments.
        /// </summary>
        private static string? WellKnownReadOnlyValue(IFieldSymbol field) =>
            field is { IsStatic: true, IsReadOnly: true } && field.ContainingType is { } type
                ? (type.Name, field.Name, type.ContainingNamespace?.ToDisplayString()) switch
                {
                    ("WebHostDefaults", "ServerUrlsKey", "Microsoft.AspNetCore.Hosting") => "urls",
                    ("Environments", "Development", "Microsoft.Extensions.Hosting") => "Development",
                    _ => null,
                }
                : null;

        /// <summary>An integral constant, widened to <see cref="long"/>; null when not constant or out of that range.</summary>
        public long? ResolveInteger(IOperation operation, CancellationToken cancellationToken) =>
            ResolveConstant(operation, cancellationToken) is { HasValue: true, Value: { } value } ? ToInt64(value) : null;

        public string? ResolveString(IOperation operation, CancellationToken cancellationToken) =>
            ResolveConstant(operation, cancellationToken) is { HasValue: true, Value: string text } ? text : null;

        public static IOperation Unwrap(IOperation operation)
        {
            while (true)
            {
                switch (operation)
                {
                    case IConversionOperation { OperatorMethod: null } conversion:
                        operation = conversion.Operand;
                        break;
                    case IParenthesizedOperation parenthesized:
                        operation = parenthesized.Operand;
                        break;
                    default:
                        return operation;
                }
            }
        }

        /// <summary>The root of the member body that contains <paramref name="operation"/>.</summary>
        public static IOperation Root(IOperation operation)
        {
            var current = operation;
            while (current.Parent is { } parent)
            {
                current = parent;
            }

            return current;
        }

        private static IOperation? SingleAssignedValue(ILocalReferenceOperation reference, CancellationToken cancellationToken)
        {
            var local = reference.Local;
            if (local.IsRef || local.IsConst && reference.ConstantValue.HasValue)
            {
                return null;
            }

            IOperation? value = null;
            var writes = 0;
            foreach (var descendant in Root(reference).Descendants())
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (descendant)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                        if (declarator.Initializer is { } initializer)
                        {
                            value = initializer.Value;
                            writes++;
                        }

                        break;
                    case IAssignmentOperation assignment when IsLocal(assignment.Target, local):
                        value = assignment is ISimpleAssignmentOperation simple ? simple.Value : null;
                        writes++;
                        break;
                    case IIncrementOrDecrementOperation increment when IsLocal(increment.Target, local):
                        writes++;
                        break;
                    case IArgumentOperation { Parameter.RefKind: not RefKind.None and not RefKind.In } argument when IsLocal(argument.Value, local):
                        writes++;
                        break;
                    case IDeclarationExpressionOperation declaration when IsLocal(declaration.Expression, local):
                        writes++;
                        break;
                }

                if (writes > 1)
                {
                    return null;
                }
            }

            return writes == 1 ? value : null;
        }

        private static bool IsLocal(IOperation target, ILocalSymbol local) =>
            target is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local) ||
            target is ITupleOperation tuple && tuple.Elements.Any(element => IsLocal(element, local));

        private IOperation? StaticReadOnlyInitializer(IFieldSymbol field, IOperation reference, CancellationToken cancellationToken)
        {
            if (!field.IsStatic || !field.IsReadOnly || field.HasConstantValue || field.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            if (field.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: { } initializer })
            {
                return null;
            }

            // Rare: only reached from an endpoint operand. The field usually lives in the same tree.
            var model = reference.SemanticModel is { } own && own.SyntaxTree == initializer.SyntaxTree
                ? own
#pragma warning disable RS1030 // The initializer may sit in another file; one model per such field is cheap.
                : _compilation.GetSemanticModel(initializer.SyntaxTree);
#pragma warning restore RS1030
            return model.GetOperation(initializer, cancellationToken);
        }

        /// <summary>An integral value widened to <see cref="long"/>, or null (not integral, or beyond long).</summary>
        public static long? ToInt64(object value) => value switch
        {
            int v => v,
            long v => v,
            short v => v,
            ushort v => v,
            byte v => v,
            sbyte v => v,
            uint v => v,
            ulong v when v <= long.MaxValue => (long)v,
            char v => v,
            _ => null,
        };
    }
}
