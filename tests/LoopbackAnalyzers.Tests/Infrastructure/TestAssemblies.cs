using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LoopbackAnalyzers.Tests.Infrastructure
{
    /// <summary>Tiny assemblies compiled in memory, for tests that need a reference with a given assembly name.</summary>
    public static class TestAssemblies
    {
        /// <summary>An empty assembly called <paramref name="assemblyName"/> (e.g. "xunit.core").</summary>
        public static MetadataReference Named(string assemblyName)
        {
            var compilation = CSharpCompilation.Create(
                assemblyName,
                new[] { CSharpSyntaxTree.ParseText("namespace Placeholder { public class Marker { } }") },
                new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) },
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            using var stream = new MemoryStream();
            var result = compilation.Emit(stream);
            if (!result.Success)
            {
                throw new System.InvalidOperationException(string.Join("\n", result.Diagnostics));
            }

            return MetadataReference.CreateFromImage(stream.ToArray());
        }
    }
}
