using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using LoopbackAnalyzers.EndToEnd.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace LoopbackAnalyzers.EndToEnd
{
    /// <summary>What is inside the packed .nupkg: an analyzer package that adds nothing to the consumer's output.</summary>
    [Collection(EndToEndCollection.Name)]
    public sealed class PackageLayoutTests
    {
        private readonly PackageFixture _package;

        public PackageLayoutTests(PackageFixture package, ITestOutputHelper output)
        {
            _package = package;
            output.Log(package.PackResult);
        }

        [Fact]
        public void Analyzers_folder_holds_exactly_the_analyzer_and_the_code_fix()
        {
            using var zip = ZipFile.OpenRead(_package.PackagePath);
            var entries = zip.Entries.Select(entry => entry.FullName).ToList();

            Assert.Equal(
                new[] { "analyzers/dotnet/cs/LoopbackAnalyzers.CodeFixes.dll", "analyzers/dotnet/cs/LoopbackAnalyzers.dll" },
                entries.Where(name => name.StartsWith("analyzers/", StringComparison.Ordinal)).OrderBy(name => name, StringComparer.Ordinal));
            Assert.DoesNotContain(entries, name => name.StartsWith("lib/", StringComparison.Ordinal) || name.StartsWith("ref/", StringComparison.Ordinal));
        }

        [Fact]
        public void Nuspec_declares_a_development_dependency_without_dependencies()
        {
            using var zip = ZipFile.OpenRead(_package.PackagePath);
            var nuspec = Xml(zip, $"{PackageFixture.PackageId}.nuspec");
            var metadata = Element(nuspec.Root!, "metadata");

            Assert.Equal(PackageFixture.PackageId, Element(metadata, "id").Value);
            Assert.Equal(PackageFixture.PackageVersion, Element(metadata, "version").Value);
            Assert.Equal("true", Element(metadata, "developmentDependency").Value);

            var license = Element(metadata, "license");
            Assert.Equal("expression", license.Attribute("type")?.Value);
            Assert.Equal("MIT", license.Value);

            Assert.False(string.IsNullOrWhiteSpace(Element(metadata, "description").Value));
            Assert.Contains("analyzer", Element(metadata, "tags").Value, StringComparison.Ordinal);
            Assert.Empty(metadata.Elements().Where(e => e.Name.LocalName == "dependencies").SelectMany(e => e.Descendants()));

            var readme = Element(metadata, "readme").Value;
            var readmeEntry = zip.GetEntry(readme);
            Assert.True(readmeEntry is { Length: > 0 }, $"The readme '{readme}' named in the nuspec is missing or empty.");
        }

        [Theory]
        [InlineData("buildTransitive/LoopbackAnalyzers.props")]
        [InlineData("build/LoopbackAnalyzers.props")]
        public void Props_make_IsTestProject_visible_to_the_analyzer(string path)
        {
            using var zip = ZipFile.OpenRead(_package.PackagePath);
            var props = Xml(zip, path);

            Assert.Contains(
                props.Descendants().Where(e => e.Name.LocalName == "CompilerVisibleProperty"),
                e => e.Attribute("Include")?.Value == "IsTestProject");
        }

        private static XDocument Xml(ZipArchive zip, string path)
        {
            var entry = zip.GetEntry(path);
            Assert.True(entry is not null, $"{path} is missing from the package; entries: {string.Join(", ", zip.Entries.Select(e => e.FullName))}");
            using var stream = entry!.Open();
            return XDocument.Load(stream);
        }

        private static XElement Element(XElement parent, string localName)
        {
            var element = parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName);
            Assert.True(element is not null, $"<{localName}> is missing from <{parent.Name.LocalName}>:{Environment.NewLine}{parent}");
            return element!;
        }
    }
}
