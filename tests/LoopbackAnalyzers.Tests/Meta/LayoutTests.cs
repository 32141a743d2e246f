using System;
using System.IO;
using System.Linq;
using LoopbackAnalyzers.Tests.Infrastructure;
using Xunit;

namespace LoopbackAnalyzers.Tests.Meta
{
    /// <summary>The top level holds the solution, the README, NuGet.config and build plumbing only.</summary>
    public class LayoutTests
    {
        private static readonly string[] Allowed =
        {
            "src", "tests", "docs", "LoopbackAnalyzers.sln", "README.md", "NuGet.config",
            "Directory.Build.props", "Directory.Packages.props",
        };

        // Build and test outputs, which .gitignore keeps out of the repository.
        private static readonly string[] Generated = { "artifacts", "TestResults", "BenchmarkDotNet.Artifacts" };

        [Fact]
        public void TopLevelHoldsOnlyTheAgreedEntries()
        {
            var entries = Directory.EnumerateFileSystemEntries(Repository.Root)
                .Select(Path.GetFileName)
                .Where(name => name is not null && !name.StartsWith(".", StringComparison.Ordinal) && !Generated.Contains(name))
                .OrderBy(name => name, StringComparer.Ordinal)
                .ToList();
            Assert.Empty(entries.Except(Allowed));
        }

        [Fact]
        public void NuGetConfigNamesNoRegistryHost() =>
            Assert.DoesNotContain("://", Repository.Read("NuGet.config"), StringComparison.Ordinal);
    }
}
