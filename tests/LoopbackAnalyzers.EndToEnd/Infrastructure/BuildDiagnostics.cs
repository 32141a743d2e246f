using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace LoopbackAnalyzers.EndToEnd.Infrastructure
{
    /// <summary>
    /// One diagnostic line as MSBuild and dotnet format print it: <c>path(line,col): warning ID: message [project]</c>. At
    /// <c>-v:n</c> and above MSBuild puts the node number in front (<c>1&gt;path(...)</c>); it is not part of the path.
    /// </summary>
    public sealed record BuildDiagnostic(string File, int Line, int Column, string Severity, string Id, string Message, string RawLine);

    public static class BuildDiagnostics
    {
        private static readonly Regex DiagnosticLine = new(
            @"^\s*(?:\d+>)?(?<file>\S.*?)\((?<line>\d+),(?<column>\d+)(?:,\d+,\d+)?\): (?<severity>warning|error|info) (?<id>[A-Za-z]+\d+): (?<message>.*?)(?: \[[^\]]+\])?\s*$",
            RegexOptions.Multiline | RegexOptions.CultureInvariant);

        /// <summary>
        /// The distinct diagnostics with <paramref name="id"/> in <paramref name="output"/>, with file paths relative to
        /// <paramref name="baseDirectory"/>. MSBuild repeats every warning in its summary (with or
        /// without the node number), hence distinct.
        /// </summary>
        public static IReadOnlyList<BuildDiagnostic> Parse(string output, string id, string baseDirectory) =>
            DiagnosticLine.Matches(output)
                .Where(match => string.Equals(match.Groups["id"].Value, id, StringComparison.Ordinal))
                .Select(match => new BuildDiagnostic(
                    Relative(baseDirectory, match.Groups["file"].Value),
                    int.Parse(match.Groups["line"].Value),
                    int.Parse(match.Groups["column"].Value),
                    match.Groups["severity"].Value,
                    match.Groups["id"].Value,
                    match.Groups["message"].Value,
                    match.Value.Trim()))
                .DistinctBy(d => (d.File, d.Line, d.Column, d.Severity, d.Id, d.Message))
                .ToList();

        /// <summary>
        /// The lines marked <c>// LOOP001</c> (optionally followed by <c>: expected reason</c>) in the C# files under
        /// <paramref name="directory"/>, as (file, line, reason) with the file relative to the directory.
        /// </summary>
        public static IReadOnlyList<(string File, int Line, string? Reason)> MarkedLines(string directory, string id)
        {
            // "// LOOP001", "// LOOP001: reason", or several IDs for one line: "// LOOP001 LOOP002".
            var marker = new Regex($@"//\s*(?:LOOP\d{{3}}\s+)*{Regex.Escape(id)}(?:\s+LOOP\d{{3}})*\b(?::\s*(?<reason>.+?))?\s*$", RegexOptions.CultureInvariant);
            var result = new List<(string, int, string?)>();
            foreach (var file in Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
            {
                var relative = Relative(directory, file);
                if (relative.StartsWith("bin/", StringComparison.Ordinal) || relative.StartsWith("obj/", StringComparison.Ordinal))
                {
                    continue;
                }

                var lines = File.ReadAllLines(file);
                for (var i = 0; i < lines.Length; i++)
                {
                    if (marker.Match(lines[i]) is { Success: true } match)
                    {
                        result.Add((relative, i + 1, match.Groups["reason"].Success ? match.Groups["reason"].Value : null));
                    }
                }
            }

            return result;
        }

        /// <summary>Diagnostics that mean the analyzer failed to load or crashed, rather than found nothing.</summary>
        public static IReadOnlyList<string> LoadFailures(string output) =>
            output.Split('\n')
                .Where(line => new[] { "AD0001", "CS8032", "CS8033", "CS8034", "CS9057" }.Any(code => line.Contains(code, StringComparison.Ordinal)))
                .Select(line => line.Trim())
                .Distinct()
                .ToList();

        public static string Relative(string baseDirectory, string path) =>
            Path.GetRelativePath(baseDirectory, path).Replace('\\', '/');
    }
}
