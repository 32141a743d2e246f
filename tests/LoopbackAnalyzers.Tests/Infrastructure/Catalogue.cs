using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using LoopbackAnalyzers.CodeFixes;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LoopbackAnalyzers.Tests.Infrastructure
{
    /// <summary>Every analyzer and code fix the package ships, discovered by reflection so none can be forgotten.</summary>
    public static class Catalogue
    {
        public static ImmutableArray<Type> AnalyzerTypes { get; } = typeof(EndpointAnalyzer).Assembly.GetTypes()
            .Where(type => !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type))
            .OrderBy(type => type.FullName, StringComparer.Ordinal)
            .ToImmutableArray();

        public static ImmutableArray<Type> CodeFixTypes { get; } = typeof(BindToLoopbackCodeFixProvider).Assembly.GetTypes()
            .Where(type => !type.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(type))
            .OrderBy(type => type.FullName, StringComparer.Ordinal)
            .ToImmutableArray();

        public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } =
            AnalyzerTypes.Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!).ToImmutableArray();

        public static ImmutableArray<CodeFixProvider> CodeFixes { get; } =
            CodeFixTypes.Select(type => (CodeFixProvider)Activator.CreateInstance(type)!).ToImmutableArray();

        public static IEnumerable<object[]> AnalyzerTypeData => AnalyzerTypes.Select(type => new object[] { type.Name });

        public static IEnumerable<object[]> CodeFixTypeData => CodeFixTypes.Select(type => new object[] { type.Name });

        public static IEnumerable<object[]> DescriptorIds => Descriptors.All.Select(descriptor => new object[] { descriptor.Id });

        public static bool HasCodeFix(string id) => CodeFixes.Any(fix => fix.FixableDiagnosticIds.Contains(id));
    }
}
