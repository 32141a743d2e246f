using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace LoopbackAnalyzers.Tests.Infrastructure
{
    /// <summary>Files of the repository the tests were built from (docs, README, release tracking).</summary>
    public static class Repository
    {
        public static string Root { get; } =
            typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(attribute => attribute.Key == "RepositoryRoot").Value
            ?? throw new InvalidOperationException("RepositoryRoot metadata is missing.");

        public static string PathOf(string relativePath) => Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

        public static string Read(string relativePath) => File.ReadAllText(PathOf(relativePath));
    }
}
