using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using LoopbackAnalyzers.Engine;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LoopbackAnalyzers.Intent
{
    /// <summary>
    /// Decides whether code is meant to stay on this machine, from explicit evidence only:
    /// test code, a loopback client of the same server, development-only code, or the option.
    /// Cheap checks come first; the scans of the method and the type run only when those found nothing.
    /// </summary>
    internal sealed class IntentEvaluator
    {
        /// <summary>Assemblies whose presence makes a project test (or benchmark) code, with the name users know.</summary>
        private static readonly ImmutableArray<(string Assembly, string Framework)> TestFrameworks = ImmutableArray.Create(
            ("xunit.core", "xunit"),
            ("xunit.v3.core", "xunit.v3"),
            ("nunit.framework", "NUnit"),
            ("Microsoft.VisualStudio.TestPlatform.TestFramework", "MSTest"),
            ("TUnit.Core", "TUnit"),
            ("BenchmarkDotNet", "BenchmarkDotNet"));

        /// <summary>Attributes that mark a member as a test, a test set-up or a benchmark (derived attributes count too).</summary>
        private static readonly ImmutableHashSet<string> TestAttributes = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "Xunit.FactAttribute",
            "NUnit.Framework.TestAttribute",
            "NUnit.Framework.TestCaseAttribute",
            "NUnit.Framework.TestCaseSourceAttribute",
            "NUnit.Framework.TheoryAttribute",
            "NUnit.Framework.SetUpAttribute",
            "NUnit.Framework.OneTimeSetUpAttribute",
            "Microsoft.VisualStudio.TestTools.UnitTesting.TestMethodAttribute",
            "Microsoft.VisualStudio.TestTools.UnitTesting.TestInitializeAttribute",
            "Microsoft.VisualStudio.TestTools.UnitTesting.ClassInitializeAttribute",
            "Microsoft.VisualStudio.TestTools.UnitTesting.AssemblyInitializeAttribute",
            "TUnit.Core.TestAttribute",
            "TUnit.Core.BeforeAttribute",
            "BenchmarkDotNet.Attributes.BenchmarkAttribute",
            "BenchmarkDotNet.Attributes.GlobalSetupAttribute");

        private readonly EndpointSiteFinder _finder;
        private readonly AnalyzerOptions _options;
        private readonly string? _projectEvidence;
        private readonly HashSet<string> _connectNames;

        public IntentEvaluator(EndpointSiteFinder finder, Compilation compilation, AnalyzerOptions options)
        {
            _finder = finder;
            _options = options;
            _projectEvidence = ProjectEvidence(compilation, options);
            _connectNames = SyntaxCandidates.NamesOf(EndpointRole.Connect);
        }

        /// <param name="port">The site's port when constant: a loopback client counts as evidence only if it targets
        /// the same port (or either port is unknown, or the server takes port 0 and hands out the real one).</param>
        public LoopbackIntent Evaluate(IOperation site, ISymbol containingSymbol, long? port, CancellationToken cancellationToken)
        {
            var option = IntentOptions.For(_options, site.Syntax.SyntaxTree);
            if (option == IntentOption.Public)
            {
                return LoopbackIntent.None;
            }

            if (TestMember(containingSymbol) is { } test)
            {
                return LoopbackIntent.Because($"'{test.ContainingType.Name}.{test.Name}' is a test method");
            }

            if (LoopbackClientIn(ValueResolver.Root(site), port, cancellationToken) is { } target)
            {
                return LoopbackIntent.Because($"the same method connects to {target}");
            }

            if (DevelopmentOnlyCode.Evidence(site) is { } development)
            {
                return LoopbackIntent.Because($"it runs only {development}");
            }

            if (_projectEvidence is { } project)
            {
                return LoopbackIntent.Because(project);
            }

            if (containingSymbol.ContainingType is { } type && LoopbackClientInType(type, site, port, cancellationToken) is { } typeTarget)
            {
                return LoopbackIntent.Because($"'{type.Name}' also connects to {typeTarget}");
            }

            return option == IntentOption.Loopback
                ? LoopbackIntent.Because($"{IntentOptions.Key} = loopback")
                : LoopbackIntent.None;
        }

        /// <summary>Evidence that the whole project is test or benchmark code, or null.</summary>
        public static string? ProjectEvidence(Compilation compilation, AnalyzerOptions options)
        {
            if (options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue("build_property.IsTestProject", out var isTestProject) &&
                string.Equals(isTestProject.Trim(), "true", StringComparison.OrdinalIgnoreCase))
            {
                return "this is a test project";
            }

            foreach (var reference in compilation.ReferencedAssemblyNames)
            {
                foreach (var (assembly, framework) in TestFrameworks)
                {
                    if (string.Equals(reference.Name, assembly, StringComparison.OrdinalIgnoreCase))
                    {
                        return $"the project references {framework}";
                    }
                }
            }

            return null;
        }

        private static IMethodSymbol? TestMember(ISymbol symbol)
        {
            // Lambdas and local functions belong to the member that declares them.
            while (symbol is IMethodSymbol { MethodKind: MethodKind.LocalFunction or MethodKind.AnonymousFunction } nested)
            {
                symbol = nested.ContainingSymbol;
            }

            if (symbol is not IMethodSymbol method)
            {
                return null;
            }

            foreach (var attribute in method.GetAttributes())
            {
                for (var type = attribute.AttributeClass; type is not null; type = type.BaseType)
                {
                    if (TestAttributes.Contains(type.ToDisplayString()))
                    {
                        return method;
                    }
                }
            }

            return null;
        }

        /// <summary>The loopback target of the first client call inside <paramref name="root"/>, or null.</summary>
        private string? LoopbackClientIn(IOperation root, long? port, CancellationToken cancellationToken)
        {
            foreach (var operation in root.Descendants())
            {
                if (operation is IObjectCreationOperation or IInvocationOperation &&
                    LoopbackTarget(operation, port, cancellationToken) is { } target)
                {
                    return target;
                }
            }

            return null;
        }

        /// <summary>
        /// The loopback target of a client call anywhere in the declarations of <paramref name="type"/> that share
        /// the site's file. Only calls whose name could be a client API are bound, so the scan stays cheap.
        /// </summary>
        private string? LoopbackClientInType(INamedTypeSymbol type, IOperation site, long? port, CancellationToken cancellationToken)
        {
            var model = site.SemanticModel;
            if (model is null)
            {
                return null;
            }

            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree != site.Syntax.SyntaxTree)
                {
                    continue;
                }

                var declaration = reference.GetSyntax(cancellationToken);
                foreach (var node in declaration.DescendantNodes(child => child == declaration || child is not BaseTypeDeclarationSyntax))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (MayBeClientCall(node) &&
                        model.GetOperation(node, cancellationToken) is { } operation &&
                        LoopbackTarget(operation, port, cancellationToken) is { } target)
                    {
                        return target;
                    }
                }
            }

            return null;
        }

        private bool MayBeClientCall(SyntaxNode node) =>
            node is ImplicitObjectCreationExpressionSyntax || _connectNames.Contains(SyntaxCandidates.CalledName(node));

        private string? LoopbackTarget(IOperation operation, long? port, CancellationToken cancellationToken)
        {
            foreach (var client in _finder.Find(operation, cancellationToken))
            {
                if (client.Api.Role == EndpointRole.Connect && client.Address.Kind.IsLoopback() &&
                    (port is null or 0 || client.Port is null || client.Port == port))
                {
                    return client.DescribeTarget();
                }
            }

            return null;
        }
    }
}
