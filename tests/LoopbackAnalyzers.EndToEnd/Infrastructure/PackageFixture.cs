using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Xunit;

namespace LoopbackAnalyzers.EndToEnd.Infrastructure
{
    /// <summary>All end-to-end tests share one pack and run one at a time: they are builds, and the machine has few cores.</summary>
    [CollectionDefinition(Name)]
    public sealed class EndToEndCollection : ICollectionFixture<PackageFixture>
    {
        public const string Name = "End to end";
    }

    /// <summary>
    /// Packs LoopbackAnalyzers once per test run into a fresh temp folder that serves as the only package source of the
    /// samples. The samples restore into a packages folder of the same run, so a cached copy of the same version from an
    /// earlier run (or from the user's global packages folder) is never used.
    /// </summary>
    public sealed class PackageFixture : IDisposable
    {
        public const string PackageId = "LoopbackAnalyzers";
        public const string PackageVersion = "0.1.0";

        public PackageFixture()
        {
            RepositoryRoot = typeof(PackageFixture).Assembly
                .GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(attribute => attribute.Key == "RepositoryRoot")
                .Value!;

            // Outside the repository: the samples must not import its Directory.Build.props, Directory.Packages.props
            // or NuGet.config. The stubs at the root stop MSBuild's upward search for such files right here.
            WorkRoot = Path.Combine(Path.GetTempPath(), "loopback-e2e-" + Guid.NewGuid().ToString("N")[..12]);
            FeedDirectory = Path.Combine(WorkRoot, "feed");
            PackagesDirectory = Path.Combine(WorkRoot, "packages");
            Directory.CreateDirectory(FeedDirectory);
            Directory.CreateDirectory(PackagesDirectory);
            foreach (var stub in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
            {
                File.WriteAllText(Path.Combine(WorkRoot, stub), "<Project />\n");
            }

            File.WriteAllText(Path.Combine(WorkRoot, "NuGet.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <!-- The samples reference only {PackageId}; the freshly packed one is the only package they may get. -->
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="e2e-feed" value="{FeedDirectory}" />
                  </packageSources>
                  <fallbackPackageFolders>
                    <clear />
                  </fallbackPackageFolders>
                </configuration>
                """);

            PackResult = DotNet.RunAsync(
                RepositoryRoot,
                ["pack", Path.Combine(RepositoryRoot, "src", "LoopbackAnalyzers.Package"), "-c", "Release", "-o", FeedDirectory, "--nologo"])
                .GetAwaiter().GetResult();

            PackagePath = Path.Combine(FeedDirectory, $"{PackageId}.{PackageVersion}.nupkg");
            if (PackResult.ExitCode != 0 || !File.Exists(PackagePath))
            {
                throw new InvalidOperationException($"Packing failed, or {PackagePath} is missing.{Environment.NewLine}{PackResult}");
            }
        }

        public string RepositoryRoot { get; }

        /// <summary>The temp folder of this run: feed, packages, and one folder per sample copy.</summary>
        public string WorkRoot { get; }

        public string FeedDirectory { get; }

        public string PackagesDirectory { get; }

        public string PackagePath { get; }

        public ProcessResult PackResult { get; }

        /// <summary>Environment for every command run on a sample copy: restore into this run's packages folder.</summary>
        public IReadOnlyDictionary<string, string> SampleEnvironment => new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = PackagesDirectory,
        };

        public string SampleSource(string name) => Path.Combine(RepositoryRoot, "tests", "LoopbackAnalyzers.EndToEnd", "Samples", name);

        /// <summary>Copies sample <paramref name="name"/> to a fresh folder under the work root and returns the copy's path.</summary>
        public string CopySample(string name)
        {
            var source = SampleSource(name);
            var target = Path.Combine(WorkRoot, $"{name}-{Guid.NewGuid().ToString("N")[..8]}");
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(source, file);
                var first = relative.Split(Path.DirectorySeparatorChar)[0];
                if (first is "bin" or "obj")
                {
                    continue;
                }

                var destination = Path.Combine(target, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                File.Copy(file, destination);
            }

            return target;
        }

        public void Dispose()
        {
            // Set LOOPBACK_E2E_KEEP=1 to look at the copies after a run.
            if (Environment.GetEnvironmentVariable("LOOPBACK_E2E_KEEP") == "1")
            {
                return;
            }

            try
            {
                Directory.Delete(WorkRoot, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: it is a temp folder.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
