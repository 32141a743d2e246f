using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LoopbackAnalyzers.Rules.FreePort
{
    /// <summary>
    /// The body of one candidate helper: a member's operation blocks, a local function, or a lambda stored in a
    /// variable, field or property. Lambdas passed straight to a call (<c>Select(_ =&gt; ...)</c>) belong to the
    /// body around them: their results are part of its result. Nested local functions and stored lambdas are
    /// helpers of their own and are left out.
    /// </summary>
    internal sealed class HelperBody
    {
        private HelperBody(IOperation? function, IMethodSymbol? method, SyntaxNode syntax, ImmutableArray<IOperation> operations)
        {
            Function = function;
            Method = method;
            Syntax = syntax;
            Operations = operations;
        }

        /// <summary>The local function or lambda; null for a member body.</summary>
        public IOperation? Function { get; }

        /// <summary>The method whose parameters are the helper's parameters (null for field and property initializers).</summary>
        public IMethodSymbol? Method { get; }

        public SyntaxNode Syntax { get; }

        /// <summary>Every operation of the body, including lambdas passed to calls, excluding nested helpers.</summary>
        public ImmutableArray<IOperation> Operations { get; }

        public static HelperBody Create(IOperation? function, IMethodSymbol? method, SyntaxNode syntax, IEnumerable<IOperation> roots, System.Func<IAnonymousFunctionOperation, bool> isStoredLambda)
        {
            var operations = ImmutableArray.CreateBuilder<IOperation>();
            var stack = new Stack<IOperation>();
            foreach (var root in roots)
            {
                stack.Push(root);
            }

            while (stack.Count > 0)
            {
                var current = stack.Pop();
                operations.Add(current);
                foreach (var child in current.ChildOperations)
                {
                    if (child is ILocalFunctionOperation || child is IAnonymousFunctionOperation lambda && isStoredLambda(lambda))
                    {
                        continue;
                    }

                    stack.Push(child);
                }
            }

            // Source order, so that the first sink named in a message is the first one in the code.
            operations.Sort((a, b) => a.Syntax.SpanStart.CompareTo(b.Syntax.SpanStart));
            return new HelperBody(function, method, syntax, operations.ToImmutable());
        }

        /// <summary>The nearest function (lambda or local function) around <paramref name="operation"/>, or null for the member itself.</summary>
        public static IOperation? NearestFunction(IOperation operation)
        {
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return current;
                }
            }

            return null;
        }

        /// <summary>Whether <paramref name="operation"/> runs in this body itself rather than in a lambda inside it.</summary>
        public bool Owns(IOperation operation) => NearestFunction(operation) == Function;

        /// <summary>Whether <paramref name="operation"/> sits in a catch clause of this body (it runs only when something failed).</summary>
        public static bool InCatch(IOperation operation)
        {
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                if (current is ICatchClauseOperation)
                {
                    return true;
                }

                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return false;
                }
            }

            return false;
        }

        /// <summary>Whether <paramref name="local"/> is declared inside this body (else it is captured from around it).</summary>
        public bool Declares(ILocalSymbol local)
        {
            foreach (var reference in local.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree == Syntax.SyntaxTree && Syntax.Span.Contains(reference.Span))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
