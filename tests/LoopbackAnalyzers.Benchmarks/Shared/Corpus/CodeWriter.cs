using System;
using System.Collections.Generic;
using System.Text;

namespace LoopbackAnalyzers.Benchmarks.Shared.Corpus
{
    /// <summary>
    /// Writes one C# file line by line, with indentation. Template text may carry markers
    /// <c>@@LOOP001(evidence)@@</c> on lines where the analyzer must report: the marker is removed from the
    /// output and the line is recorded as an expected diagnostic.
    /// </summary>
    public sealed class CodeWriter
    {
        private const string MarkerStart = "@@LOOP001(";
        private const string MarkerEnd = ")@@";

        private readonly StringBuilder _text = new();
        private readonly List<ExpectedDiagnostic> _expected = new();
        private int _indent;

        public CodeWriter(string path) => Path = path;

        public string Path { get; }

        public int LineCount { get; private set; }

        public IReadOnlyList<ExpectedDiagnostic> Expected => _expected;

        public void Line(string line = "")
        {
            var marker = line.IndexOf(MarkerStart, StringComparison.Ordinal);
            if (marker >= 0)
            {
                var end = line.IndexOf(MarkerEnd, marker, StringComparison.Ordinal);
                var evidence = line.Substring(marker + MarkerStart.Length, end - marker - MarkerStart.Length);
                line = (line.Substring(0, marker) + line.Substring(end + MarkerEnd.Length)).TrimEnd();
                _expected.Add(new ExpectedDiagnostic(Path, LineCount + 1, evidence));
            }

            // Preprocessor directives start in column 0, as people write them.
            if (line.Length > 0 && !line.StartsWith("#", StringComparison.Ordinal))
            {
                _text.Append(' ', _indent * 4);
            }

            _text.Append(line).Append('\n');
            LineCount++;
        }

        /// <summary>Writes a multi-line template at the current indentation, after replacing its tokens.</summary>
        public void Block(string template, params (string Token, string Value)[] tokens)
        {
            foreach (var (token, value) in tokens)
            {
                template = template.Replace(token, value, StringComparison.Ordinal);
            }

            foreach (var line in template.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
            {
                Line(line);
            }
        }

        public void Open(string header)
        {
            Line(header);
            Line("{");
            _indent++;
        }

        public void Close(string suffix = "")
        {
            _indent--;
            Line("}" + suffix);
        }

        public CorpusFile ToFile(CorpusFileKind kind) => new(Path, _text.ToString(), LineCount, kind, _expected.ToArray());
    }
}
