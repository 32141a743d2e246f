using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;

namespace LoopbackAnalyzers.Benchmarks.Shared
{
    /// <summary>
    /// Metadata references taken from the running .NET installation: the Microsoft.NETCore.App framework
    /// directory that holds <c>typeof(object)</c>'s assembly, and the Microsoft.AspNetCore.App framework of the
    /// same installation (Kestrel, WebApplication), found at run time rather than by a fixed version.
    /// Loaded once per process; every compilation of the benchmarks shares them, as a build server does.
    /// </summary>
    public static class ReferenceSets
    {
        private static readonly Lazy<ReferenceSet> LazyNetCore = new(() => LoadNetCore());
        private static readonly Lazy<ReferenceSet?> LazyAspNetCore = new(() => LoadAspNetCore());
        private static readonly Lazy<ReferenceSet> LazyWithoutSystemNet = new(() => LoadWithoutSystemNet());

        /// <summary>Every managed assembly of the running Microsoft.NETCore.App.</summary>
        public static ReferenceSet NetCore => LazyNetCore.Value;

        /// <summary>The Microsoft.AspNetCore.App framework next to it, or null when this installation has none.</summary>
        public static ReferenceSet? AspNetCore => LazyAspNetCore.Value;

        /// <summary>
        /// Microsoft.NETCore.App without System.Net*.dll and without every other assembly that defines or forwards
        /// System.Net.IPAddress or a System.Net.Sockets type (the facades System.dll, mscorlib.dll, netstandard.dll):
        /// a compilation over these cannot resolve System.Net.IPAddress, like a library that never references System.Net.
        /// </summary>
        public static ReferenceSet WithoutSystemNet => LazyWithoutSystemNet.Value;

        /// <summary>NETCore.App plus ASP.NET Core when present: what a web project references.</summary>
        public static ImmutableArray<MetadataReference> Web =>
            AspNetCore is { } asp ? NetCore.References.AddRange(asp.References) : NetCore.References;

        public static string RuntimeDirectory { get; } =
            Path.GetDirectoryName(typeof(object).Assembly.Location)
            ?? throw new InvalidOperationException("The location of the core library is unknown (single-file host?).");

        private static ReferenceSet LoadNetCore() =>
            Load("Microsoft.NETCore.App", RuntimeDirectory, _ => true);

        private static ReferenceSet LoadWithoutSystemNet() =>
            Load("Microsoft.NETCore.App without System.Net", RuntimeDirectory, reader => !TouchesSystemNet(reader));

        /// <summary>The assemblies of <see cref="NetCore"/> that <see cref="WithoutSystemNet"/> leaves out.</summary>
        public static ImmutableArray<string> ExcludedFromWithoutSystemNet =>
            NetCore.Files.Except(WithoutSystemNet.Files, StringComparer.Ordinal).ToImmutableArray();

        private static ReferenceSet? LoadAspNetCore()
        {
            // <root>/shared/Microsoft.NETCore.App/<version>/ -> <root>/shared/Microsoft.AspNetCore.App/<version>/
            var runtimeVersion = Path.GetFileName(RuntimeDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var shared = Path.GetDirectoryName(Path.GetDirectoryName(RuntimeDirectory.TrimEnd(Path.DirectorySeparatorChar)));
            var aspNetRoot = shared is null ? null : Path.Combine(shared, "Microsoft.AspNetCore.App");
            if (aspNetRoot is null || !Directory.Exists(aspNetRoot))
            {
                return null;
            }

            var candidates = Directory.GetDirectories(aspNetRoot)
                .Select(path => (Path: path, Version: ParseVersion(Path.GetFileName(path))))
                .Where(candidate => candidate.Version is not null && File.Exists(Path.Combine(candidate.Path, "Microsoft.AspNetCore.dll")))
                .ToList();
            if (candidates.Count == 0)
            {
                return null;
            }

            // The same version as the running runtime when installed, else the newest of the same major, else the newest.
            var runtime = ParseVersion(runtimeVersion);
            var chosen = candidates.FirstOrDefault(candidate => candidate.Version == runtime);
            if (chosen.Path is null)
            {
                chosen = candidates
                    .OrderByDescending(candidate => runtime is not null && candidate.Version!.Major == runtime.Major)
                    .ThenByDescending(candidate => candidate.Version)
                    .First();
            }

            return Load("Microsoft.AspNetCore.App", chosen.Path, _ => true);
        }

        private static Version? ParseVersion(string text)
        {
            // "10.0.12" or "10.0.0-preview.7.25380.108": the numeric part is enough to order them.
            var numeric = text.Split('-')[0];
            return Version.TryParse(numeric, out var version) ? version : null;
        }

        private static ReferenceSet Load(string name, string directory, Func<MetadataReader, bool> include)
        {
            var references = ImmutableArray.CreateBuilder<MetadataReference>();
            var files = ImmutableArray.CreateBuilder<string>();
            foreach (var file in Directory.GetFiles(directory, "*.dll").OrderBy(f => f, StringComparer.Ordinal))
            {
                // Skip native libraries and anything else without ECMA-335 metadata.
                using var stream = File.OpenRead(file);
                using var pe = new PEReader(stream);
                if (!pe.HasMetadata)
                {
                    continue;
                }

                var reader = pe.GetMetadataReader();
                if (!reader.IsAssembly || !include(reader))
                {
                    continue;
                }

                references.Add(MetadataReference.CreateFromFile(file));
                files.Add(Path.GetFileName(file));
            }

            return new ReferenceSet(name, directory, references.ToImmutable(), files.ToImmutable());
        }

        private static bool TouchesSystemNet(MetadataReader reader)
        {
            var name = reader.GetString(reader.GetAssemblyDefinition().Name);
            if (name == "System.Net" || name.StartsWith("System.Net.", StringComparison.Ordinal))
            {
                return true;
            }

            foreach (var handle in reader.TypeDefinitions)
            {
                var type = reader.GetTypeDefinition(handle);
                if (IsEndpointType(reader.GetString(type.Namespace), reader.GetString(type.Name)))
                {
                    return true;
                }
            }

            foreach (var handle in reader.ExportedTypes)
            {
                var type = reader.GetExportedType(handle);
                if (IsEndpointType(reader.GetString(type.Namespace), reader.GetString(type.Name)))
                {
                    return true;
                }
            }

            return false;
        }

        // CoreLib itself holds a few internal System.Net types (and System.Runtime forwards WebUtility): those stay.
        private static bool IsEndpointType(string ns, string name) =>
            ns == "System.Net" && name == "IPAddress" || ns == "System.Net.Sockets";
    }

    /// <summary>A named set of references, with the directory they came from (for reports).</summary>
    public sealed class ReferenceSet
    {
        public ReferenceSet(string name, string directory, ImmutableArray<MetadataReference> references, ImmutableArray<string> files)
        {
            Name = name;
            Directory = directory;
            References = references;
            Files = files;
        }

        public string Name { get; }

        public string Directory { get; }

        public ImmutableArray<MetadataReference> References { get; }

        public ImmutableArray<string> Files { get; }

        public override string ToString() => $"{Name}: {References.Length} assemblies from {Directory}";
    }
}
