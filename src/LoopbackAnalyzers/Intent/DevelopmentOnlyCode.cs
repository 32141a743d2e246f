using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LoopbackAnalyzers.Intent
{
    /// <summary>Recognises code that only runs in development: <c>#if DEBUG</c> regions and <c>IsDevelopment()</c> branches.</summary>
    internal static class DevelopmentOnlyCode
    {
        /// <summary>The evidence that <paramref name="operation"/> runs only in development, or null.</summary>
        public static string? Evidence(IOperation operation)
        {
            if (IsInsideDebugRegion(operation.Syntax))
            {
                return "inside #if DEBUG";
            }

            return IsInsideDevelopmentBranch(operation) ? "inside an IsDevelopment() branch" : null;
        }

        private static bool IsInsideDebugRegion(SyntaxNode node)
        {
            var root = node.SyntaxTree.GetRoot();
            if (!root.ContainsDirectives)
            {
                return false;
            }

            // Replay the conditional directives up to the node; each open #if contributes the branch we are in.
            // PreviousFalseImpliesDebug: the earlier conditions of this #if chain all being false implies DEBUG
            // (as in "#if !DEBUG ... #else"), so a following #else branch is debug-only.
            var position = node.SpanStart;
            var branches = new Stack<(bool ImpliesDebug, bool PreviousFalseImpliesDebug)>();
            for (var directive = root.GetFirstDirective(); directive is not null && directive.SpanStart < position; directive = directive.GetNextDirective())
            {
                switch (directive)
                {
                    case IfDirectiveTriviaSyntax @if:
                        branches.Push((Implies(@if.Condition, positive: true), Implies(@if.Condition, positive: false)));
                        break;
                    case ElifDirectiveTriviaSyntax elif when branches.Count > 0:
                        var previous = branches.Pop();
                        branches.Push((Implies(elif.Condition, positive: true), previous.PreviousFalseImpliesDebug || Implies(elif.Condition, positive: false)));
                        break;
                    case ElseDirectiveTriviaSyntax when branches.Count > 0:
                        var before = branches.Pop();
                        branches.Push((before.PreviousFalseImpliesDebug, false));
                        break;
                    case EndIfDirectiveTriviaSyntax when branches.Count > 0:
                        branches.Pop();
                        break;
                }
            }

            foreach (var branch in branches)
            {
                if (branch.ImpliesDebug)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether a directive condition being <paramref name="positive"/> implies that DEBUG is defined.</summary>
        private static bool Implies(ExpressionSyntax condition, bool positive) => condition switch
        {
            IdentifierNameSyntax identifier => positive && identifier.Identifier.ValueText == "DEBUG",
            ParenthesizedExpressionSyntax parenthesized => Implies(parenthesized.Expression, positive),
            PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } negation => Implies(negation.Operand, !positive),
            BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression } conjunction when positive =>
                Implies(conjunction.Left, true) || Implies(conjunction.Right, true),
            BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalOrExpression } disjunction when !positive =>
                Implies(disjunction.Left, false) || Implies(disjunction.Right, false),
            _ => false,
        };

        private static bool IsInsideDevelopmentBranch(IOperation operation)
        {
            for (IOperation? child = operation, parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
            {
                if (parent is IConditionalOperation conditional)
                {
                    if (child == conditional.WhenTrue && ChecksDevelopment(conditional.Condition, positive: true) ||
                        child == conditional.WhenFalse && ChecksDevelopment(conditional.Condition, positive: false))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>Whether the condition being <paramref name="positive"/> means "the environment is Development".</summary>
        private static bool ChecksDevelopment(IOperation condition, bool positive) => condition switch
        {
            IInvocationOperation invocation => positive && invocation.TargetMethod.Name == "IsDevelopment",
            IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } negation => ChecksDevelopment(negation.Operand, !positive),
            IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } conjunction when positive =>
                ChecksDevelopment(conjunction.LeftOperand, true) || ChecksDevelopment(conjunction.RightOperand, true),
            IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } disjunction when !positive =>
                ChecksDevelopment(disjunction.LeftOperand, false) || ChecksDevelopment(disjunction.RightOperand, false),
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison =>
                (comparison.OperatorKind == BinaryOperatorKind.Equals) == positive && ComparesWithDevelopment(comparison),
            IParenthesizedOperation parenthesized => ChecksDevelopment(parenthesized.Operand, positive),
            _ => false,
        };

        // env.EnvironmentName == "Development" or == Environments.Development
        private static bool ComparesWithDevelopment(IBinaryOperation comparison) =>
            IsDevelopmentName(comparison.LeftOperand) || IsDevelopmentName(comparison.RightOperand);

        private static bool IsDevelopmentName(IOperation operand) =>
            operand.ConstantValue is { HasValue: true, Value: string name }
                ? string.Equals(name, "Development", StringComparison.OrdinalIgnoreCase)
                : operand is IFieldReferenceOperation { Field: { Name: "Development", ContainingType.Name: "Environments" } };
    }
}
