using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading;

namespace LoopbackAnalyzers.Configuration
{
    /// <summary>
    /// A forgiving JSON reader for configuration files, as ASP.NET Core reads them: comments and trailing commas
    /// are allowed. It keeps the position of every string character so that a diagnostic can point into a value.
    /// Malformed input never throws: the reader keeps what it understood up to the first error.
    /// </summary>
    internal abstract class JsonNode
    {
    }

    internal sealed class JsonObject : JsonNode
    {
        public List<KeyValuePair<string, JsonNode>> Members { get; } = new List<KeyValuePair<string, JsonNode>>();

        /// <summary>Configuration keys are case-insensitive; the last duplicate wins, as in ASP.NET Core.</summary>
        public JsonNode? this[string key]
        {
            get
            {
                JsonNode? found = null;
                foreach (var member in Members)
                {
                    if (string.Equals(member.Key, key, StringComparison.OrdinalIgnoreCase))
                    {
                        found = member.Value;
                    }
                }

                return found;
            }
        }
    }

    internal sealed class JsonString : JsonNode
    {
        public JsonString(string value, int[] positions, int[] widths)
        {
            Value = value;
            Positions = positions;
            Widths = widths;
        }

        public string Value { get; }

        /// <summary>For each character of <see cref="Value"/>, its offset in the file.</summary>
        public int[] Positions { get; }

        /// <summary>For each character, how many file characters wrote it (more than one for an escape).</summary>
        public int[] Widths { get; }

        /// <summary>The file span of characters [start, start+length) of the value.</summary>
        public (int Start, int End) SpanOf(int start, int length) =>
            (Positions[start], Positions[start + length - 1] + Widths[start + length - 1]);
    }

    /// <summary>Numbers, true, false, null, arrays: present, but nothing the rules read.</summary>
    internal sealed class JsonOther : JsonNode
    {
        public static JsonOther Instance { get; } = new JsonOther();
    }

    internal sealed class JsonReader
    {
        private const int MaxDepth = 64;

        private readonly string _text;
        private readonly CancellationToken _cancellationToken;
        private int _position;

        private JsonReader(string text, CancellationToken cancellationToken)
        {
            _text = text;
            _cancellationToken = cancellationToken;
        }

        /// <summary>The root object, or null when the text does not start with one.</summary>
        public static JsonObject? Parse(string text, CancellationToken cancellationToken)
        {
            var reader = new JsonReader(text, cancellationToken);
            reader.SkipTrivia();
            return reader.Peek() == '{' ? reader.ReadValue(0) as JsonObject : null;
        }

        private char Peek() => _position < _text.Length ? _text[_position] : '\0';

        private JsonNode? ReadValue(int depth)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            SkipTrivia();
            if (depth > MaxDepth)
            {
                return null;
            }

            switch (Peek())
            {
                case '{':
                    return ReadObject(depth);
                case '[':
                    return ReadArray(depth);
                case '"':
                    return ReadString();
                case '\0':
                    return null;
                default:
                    // A number or a literal: skip to the next delimiter.
                    var start = _position;
                    while (_position < _text.Length && ",}] \t\r\n/".IndexOf(_text[_position]) < 0)
                    {
                        _position++;
                    }

                    return _position > start ? JsonOther.Instance : null;
            }
        }

        private JsonObject? ReadObject(int depth)
        {
            var result = new JsonObject();
            _position++; // {
            while (true)
            {
                SkipTrivia();
                var next = Peek();
                if (next == '}')
                {
                    _position++;
                    return result;
                }

                if (next == ',')
                {
                    _position++; // also accepts trailing and repeated commas
                    continue;
                }

                if (next != '"' || ReadString() is not { } key)
                {
                    return result; // malformed: keep what we have
                }

                SkipTrivia();
                if (Peek() != ':')
                {
                    return result;
                }

                _position++;
                if (ReadValue(depth + 1) is not { } value)
                {
                    return result;
                }

                result.Members.Add(new KeyValuePair<string, JsonNode>(key.Value, value));
            }
        }

        private JsonOther ReadArray(int depth)
        {
            _position++; // [
            while (true)
            {
                SkipTrivia();
                var next = Peek();
                if (next == ']')
                {
                    _position++;
                    return JsonOther.Instance;
                }

                if (next == ',')
                {
                    _position++;
                    continue;
                }

                if (ReadValue(depth + 1) is null)
                {
                    return JsonOther.Instance;
                }
            }
        }

        private JsonString? ReadString()
        {
            _position++; // "
            var value = new StringBuilder();
            var positions = new List<int>();
            var widths = new List<int>();
            while (_position < _text.Length)
            {
                var c = _text[_position];
                if (c == '"')
                {
                    _position++;
                    return new JsonString(value.ToString(), positions.ToArray(), widths.ToArray());
                }

                if (c is '\r' or '\n')
                {
                    return null; // unterminated
                }

                var start = _position;
                if (c == '\\' && _position + 1 < _text.Length)
                {
                    var escape = _text[_position + 1];
                    char decoded;
                    var width = 2;
                    switch (escape)
                    {
                        case 'n': decoded = '\n'; break;
                        case 'r': decoded = '\r'; break;
                        case 't': decoded = '\t'; break;
                        case 'b': decoded = '\b'; break;
                        case 'f': decoded = '\f'; break;
                        case 'u' when _position + 6 <= _text.Length &&
                                      int.TryParse(_text.Substring(_position + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                            decoded = (char)code;
                            width = 6;
                            break;
                        default: decoded = escape; break; // \" \\ \/ and anything lenient
                    }

                    value.Append(decoded);
                    positions.Add(start);
                    widths.Add(width);
                    _position += width;
                    continue;
                }

                value.Append(c);
                positions.Add(start);
                widths.Add(1);
                _position++;
            }

            return null;
        }

        private void SkipTrivia()
        {
            while (_position < _text.Length)
            {
                var c = _text[_position];
                if (char.IsWhiteSpace(c) || c == '\uFEFF')
                {
                    _position++;
                }
                else if (c == '/' && _position + 1 < _text.Length && _text[_position + 1] == '/')
                {
                    var end = _text.IndexOf('\n', _position);
                    _position = end < 0 ? _text.Length : end + 1;
                }
                else if (c == '/' && _position + 1 < _text.Length && _text[_position + 1] == '*')
                {
                    var end = _text.IndexOf("*/", _position + 2, StringComparison.Ordinal);
                    _position = end < 0 ? _text.Length : end + 2;
                }
                else
                {
                    return;
                }
            }
        }
    }
}
