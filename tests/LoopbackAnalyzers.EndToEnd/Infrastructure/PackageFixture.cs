using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Xunit;

namespace LoopbackAnalyzers.EndToEnd.Infrastructure
{
    /// <summary>All end-to-end tests share one pack and run one at a time: they are builds, and the machine has few cores.</summary>
    [CollectionDefinition(Name)]
    public sealed class EndToEndCollection : ICollectionFixture<PackageFixture>
    {
        public const string Name = "End to end";
    }

    /// <summary>Where a sample copy may restore packages from.</summary>
    public enum PackageSources
    {
        /// <summary>Only the local feed with the freshly packed package (the default: proves the package is self-contained).</summary>
        FeedOnly,

        /// <summary>The local feed plus the sources of the user's NuGet.config, for samples that need registry packages.</summary>
        FeedAndUserSources,
    }

    /// <summary>
    /// Packs LoopbackAnalyzers once per test run into a fresh temp folder that serves as the only package source of the
    /// samples. The samples restore into a packages folder of the same run, so a cached copy of the same version from an
    /// earlier run (or from the user's global packages folder) is never used.
    /// </summary>
    public sealed class PackageFixture : IDisposable
    {
        private readonly ConcurrentDictionary<string, Lazy<Task>> _shared = new(StringComparer.Ordinal);

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
            // The root itself has no NuGet.config, so a command run in it (dotnet tool install) sees the user's sources.
            WorkRoot = Path.Combine(Path.GetTempPath(), "loopback-e2e-" + Guid.NewGuid().ToString("N")[..12]);
            FeedDirectory = Path.Combine(WorkRoot, "feed");
            PackagesDirectory = Path.Combine(WorkRoot, "packages");
            UserSourcesPackagesDirectory = Path.Combine(WorkRoot, "packages-user-sources");
            Directory.CreateDirectory(FeedDirectory);
            Directory.CreateDirectory(PackagesDirectory);
            Directory.CreateDirectory(UserSourcesPackagesDirectory);
            foreach (var stub in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
            {
                File.WriteAllText(Path.Combine(WorkRoot, stub), "<Project />\n");
            }

            // Copies go under one of two folders, by the NuGet.config they need (NuGet reads the config files from the
            // project folder upwards, then the user's; a <clear /> drops everything read after it).
            Directory.CreateDirectory(SamplesRoot(PackageSources.FeedOnly));
            File.WriteAllText(Path.Combine(SamplesRoot(PackageSources.FeedOnly), "NuGet.config"), $"""
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
            Directory.CreateDirectory(SamplesRoot(PackageSources.FeedAndUserSources));
            File.WriteAllText(Path.Combine(SamplesRoot(PackageSources.FeedAndUserSources), "NuGet.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <!-- For samples that also need packages from the registry: no <clear />, so the sources of the user's
                     NuGet.config stay in effect, and this local feed is added for {PackageId}. -->
                <configuration>
                  <packageSources>
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

        /// <summary>The temp folder of this run: feed, packages folders, and the sample copies.</summary>
        public string WorkRoot { get; }

        public string FeedDirectory { get; }

        /// <summary>The packages folder of the samples restored from the local feed only.</summary>
        public string PackagesDirectory { get; }

        /// <summary>
        /// The packages folder of the samples that also restore from the user's sources. Kept apart, so that a package
        /// from the registry can never end up in the folder of the feed-only samples.
        /// </summary>
        public string UserSourcesPackagesDirectory { get; }

        public string PackagePath { get; }

        public ProcessResult PackResult { get; }

        /// <summary>Environment for every command run on a feed-only sample copy: restore into this run's packages folder.</summary>
        public IReadOnlyDictionary<string, string> SampleEnvironment => EnvironmentFor(PackageSources.FeedOnly);

        /// <summary>Environment for every command run on a sample copy made with <paramref name="sources"/>.</summary>
        public IReadOnlyDictionary<string, string> EnvironmentFor(PackageSources sources) => new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = sources == PackageSources.FeedOnly ? PackagesDirectory : UserSourcesPackagesDirectory,
        };

        /// <summary>
        /// A value computed once per test run and shared by the tests that assert on it (a build whose console output and
        /// SARIF log are checked by different tests, say). The first test to ask pays for it.
        /// </summary>
        public Task<T> Shared<T>(string key, Func<Task<T>> create) =>
            (Task<T>)_shared.GetOrAdd(key, _ => new Lazy<Task>(() => create())).Value;

        public string SampleSource(string name) => Path.Combine(RepositoryRoot, "tests", "LoopbackAnalyzers.EndToEnd", "Samples", name);

        /// <summary>
        /// Copies sample <paramref name="name"/> to a fresh folder under the work root and returns the copy's path. Run
        /// commands on it with <see cref="EnvironmentFor"/> of the same <paramref name="sources"/>.
        /// </summary>
        public string CopySample(string name, PackageSources sources = PackageSources.FeedOnly)
        {
            var source = SampleSource(name);
            var target = Path.Combine(SamplesRoot(sources), $"{name}-{Guid.NewGuid().ToString("N")[..8]}");
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

        private string SamplesRoot(PackageSources sources) =>
            Path.Combine(WorkRoot, sources == PackageSources.FeedOnly ? "feed-only" : "feed-and-user-sources");

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
