using System;
using System.Collections.Generic;
using System.Composition;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using LoopbackAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace LoopbackAnalyzers.Tests.Meta
{
    /// <summary>
    /// Keeps the rule catalogue, the docs, the README, release tracking, and the shipped analyzers and fixes in step:
    /// a rule missing any of its pieces fails here rather than in review.
    /// </summary>
    public class CatalogueTests
    {
        [Fact]
        public void IdsAreUniqueAndWellFormed()
        {
            var ids = Descriptors.All.Select(descriptor => descriptor.Id).ToList();
            Assert.Equal(ids.Distinct().Count(), ids.Count);
            Assert.All(ids, id => Assert.Matches("^LOOP[0-9]{3}$", id));
            Assert.Equal(ids.OrderBy(id => id, StringComparer.Ordinal), ids);
        }

        [Fact]
        public void EveryIdConstantHasADescriptor()
        {
            var constants = typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Select(field => (string)field.GetValue(null)!)
                .OrderBy(id => id, StringComparer.Ordinal);
            Assert.Equal(constants, Descriptors.All.Select(descriptor => descriptor.Id));
        }

        [Theory]
        [MemberData(nameof(Catalogue.DescriptorIds), MemberType = typeof(Catalogue))]
        public void DescriptorIsComplete(string id)
        {
            var descriptor = Descriptors.All.Single(d => d.Id == id);
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString()));
            Assert.False(string.IsNullOrWhiteSpace(descriptor.MessageFormat.ToString()));
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString()));
            Assert.Contains(descriptor.Category, new[] { Categories.Security, Categories.Reliability });
            Assert.True(descriptor.IsEnabledByDefault);
            Assert.Equal($"https://github.com/loopback-analyzers/LoopbackAnalyzers/blob/main/docs/rules/{id}.md", descriptor.HelpLinkUri);
        }

        [Fact]
        public void SecurityRuleCarriesItsCwe() =>
            Assert.Contains("CWE-1327", Descriptors.ListenerBindsAllInterfaces.CustomTags);

        [Theory]
        [MemberData(nameof(Catalogue.DescriptorIds), MemberType = typeof(Catalogue))]
        public void DocPageExistsAndIsTitledAfterTheRule(string id)
        {
            var descriptor = Descriptors.All.Single(d => d.Id == id);
            var path = Repository.PathOf($"docs/rules/{id}.md");
            Assert.True(File.Exists(path), $"missing {path}");
            var firstLine = File.ReadLines(path).First();
            Assert.Equal($"# {id}: {descriptor.Title}", firstLine);
        }

        [Fact]
        public void EveryDocPageBelongsToARule()
        {
            var pages = Directory.GetFiles(Repository.PathOf("docs/rules"), "*.md").Select(Path.GetFileNameWithoutExtension).OrderBy(name => name, StringComparer.Ordinal);
            Assert.Equal(Descriptors.All.Select(d => d.Id), pages);
        }

        [Fact]
        public void ReadmeRuleTableMatchesTheCatalogue()
        {
            var rows = Regex.Matches(Repository.Read("README.md"), @"^\| \[(LOOP\d{3})\]\(docs/rules/\1\.md\) \| (.+?) \| (.+?) \| (.+?) \| (.+?) \|\s*$", RegexOptions.Multiline)
                .Select(match => string.Join(" | ", match.Groups.Cast<Group>().Skip(1).Select(group => group.Value)))
                .ToList();
            var expected = Descriptors.All
                .Select(d => string.Join(" | ", d.Id, d.Title, d.Category, d.DefaultSeverity, Catalogue.HasCodeFix(d.Id) ? "Yes" : "No"))
                .ToList();
            Assert.Equal(expected, rows);
        }

        [Fact]
        public void ReleaseTrackingListsEveryRule()
        {
            var text = Repository.Read("src/LoopbackAnalyzers/AnalyzerReleases.Unshipped.md") + Repository.Read("src/LoopbackAnalyzers/AnalyzerReleases.Shipped.md");
            Assert.All(Descriptors.All, d => Assert.Matches($@"(?m)^{d.Id}\s*\|\s*{d.Category}\s*\|\s*{d.DefaultSeverity}\s*\|", text));
        }

        [Fact]
        public void AnalyzersReportOnlyCatalogueDescriptors()
        {
            var reported = Catalogue.Analyzers.SelectMany(analyzer => analyzer.SupportedDiagnostics).Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal).Distinct();
            Assert.Equal(Descriptors.All.Select(d => d.Id), reported);
            Assert.All(Catalogue.Analyzers.SelectMany(analyzer => analyzer.SupportedDiagnostics), d => Assert.Contains(d, Descriptors.All));
        }

        [Theory]
        [MemberData(nameof(Catalogue.AnalyzerTypeData), MemberType = typeof(Catalogue))]
        public void AnalyzerIsRegisteredForCSharp(string name)
        {
            var type = Catalogue.AnalyzerTypes.Single(t => t.Name == name);
            var attribute = type.GetCustomAttribute<DiagnosticAnalyzerAttribute>();
            Assert.NotNull(attribute);
            Assert.Equal(new[] { LanguageNames.CSharp }, attribute!.Languages);
            Assert.True(type.IsSealed);
        }

        [Theory]
        [MemberData(nameof(Catalogue.CodeFixTypeData), MemberType = typeof(Catalogue))]
        public void CodeFixIsExportedSharedAndSupportsFixAll(string name)
        {
            var type = Catalogue.CodeFixTypes.Single(t => t.Name == name);
            var export = type.GetCustomAttribute<ExportCodeFixProviderAttribute>();
            Assert.NotNull(export);
            Assert.Equal(new[] { LanguageNames.CSharp }, export!.Languages);
            Assert.Equal(name, export.Name);
            Assert.NotNull(type.GetCustomAttribute<SharedAttribute>());

            var fixer = Catalogue.CodeFixes.Single(f => f.GetType() == type);
            Assert.NotEmpty(fixer.FixableDiagnosticIds);
            Assert.All(fixer.FixableDiagnosticIds, id => Assert.Contains(id, Descriptors.All.Select(d => d.Id)));
            var fixAll = fixer.GetFixAllProvider();
            Assert.NotNull(fixAll);
            Assert.Contains(FixAllScope.Document, fixAll!.GetSupportedFixAllScopes());
            Assert.Contains(FixAllScope.Project, fixAll.GetSupportedFixAllScopes());
            Assert.Contains(FixAllScope.Solution, fixAll.GetSupportedFixAllScopes());
        }
    }
}
