using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace LoopbackAnalyzers.Engine
{
    /// <summary>
    /// A string value as far as constants allow, with each character traced back to the source character
    /// that wrote it. Characters that come from an interpolation hole or an unknown operand are
    /// <see cref="Hole"/>; characters that are known but not written in this tree (a constant from another
    /// file) have no position. This is what lets a diagnostic sit under the "*" in <c>$"http://*:{port}"</c>.
    /// </summary>
    internal sealed class StringValue
    {
        /// <summary>Stands for a character whose value is not known at compile time.</summary>
        public const char Hole = '\uFFFF';

        private readonly int[] _positions;

        // How many source characters wrote each value character (1, or the length of its escape sequence).
        private readonly int[] _widths;

        private StringValue(string text, int[] positions, int[] widths, SyntaxTree? tree)
        {
            Text = text;
            _positions = positions;
            _widths = widths;
            Tree = tree;
        }

        /// <summary>The value, with <see cref="Hole"/> for unknown characters.</summary>
        public string Text { get; }

        public SyntaxTree? Tree { get; }

        public bool IsFullyKnown => Text.IndexOf(Hole) < 0;

        public static StringValue Unknown { get; } = new StringValue(Hole.ToString(), new[] { -1 }, new[] { 0 }, null);

        public bool HasHoleIn(int start, int length) => Text.IndexOf(Hole, start, length) >= 0;

        /// <summary>Characters [start, start+length) with their tracing.</summary>
        public StringValue Slice(int start, int length)
        {
            var positions = new int[length];
            var widths = new int[length];
            System.Array.Copy(_positions, start, positions, 0, length);
            System.Array.Copy(_widths, start, widths, 0, length);
            return new StringValue(Text.Substring(start, length), positions, widths, Tree);
        }

        /// <summary>
        /// The source span that wrote characters [start, start+length), when each of them was written as itself,
        /// contiguously, in this tree (no escape sequences): the span a fix can replace character for character.
        /// </summary>
        public TextSpan? ExactSpan(int start, int length)
        {
            if (Tree is null || length <= 0 || start < 0 || start + length > _positions.Length)
            {
                return null;
            }

            var first = _positions[start];
            if (first < 0)
            {
                return null; // a hole, a character from elsewhere, or one written as an escape sequence
            }

            for (var i = 1; i < length; i++)
            {
                if (_positions[start + i] != first + i)
                {
                    return null;
                }
            }

            return new TextSpan(first, length);
        }

        /// <summary>
        /// The source span that covers characters [start, start+length) as closely as the source allows:
        /// from the first traced character to the end of the last, or null when none is traced.
        /// </summary>
        public TextSpan? CoveringSpan(int start, int length)
        {
            if (Tree is null || length <= 0 || start < 0 || start + length > _positions.Length)
            {
                return null;
            }

            int first = -1, end = -1;
            for (var i = start; i < start + length; i++)
            {
                var position = SourcePosition(_positions[i]);
                if (position >= 0)
                {
                    if (first < 0)
                    {
                        first = position;
                    }

                    end = position + _widths[i];
                }
            }

            return first < 0 || end <= first ? null : TextSpan.FromBounds(first, end);
        }

        /// <summary>
        /// Positions are stored as the source position for a character written as itself, -1 for an untraced
        /// character, and -(position + 2) for one written as an escape sequence starting at position.
        /// </summary>
        private static int SourcePosition(int stored) => stored >= -1 ? stored : -stored - 2;

        /// <summary>Builds values piece by piece, in order.</summary>
        internal sealed class Builder
        {
            private readonly StringBuilder _text = new StringBuilder();
            private readonly List<int> _positions = new List<int>();
            private readonly List<int> _widths = new List<int>();
            private SyntaxTree? _tree;

            public void Append(StringValue value)
            {
                _text.Append(value.Text);
                var traced = value.Tree is not null && (_tree is null || _tree == value.Tree);
                if (traced)
                {
                    _tree ??= value.Tree;
                }

                for (var i = 0; i < value._positions.Length; i++)
                {
                    _positions.Add(traced ? value._positions[i] : -1);
                    _widths.Add(value._widths[i]);
                }
            }

            /// <summary>Characters known by value, written elsewhere (a constant field, a formatted number).</summary>
            public void AppendUntraced(string text)
            {
                _text.Append(text);
                for (var i = 0; i < text.Length; i++)
                {
                    _positions.Add(-1);
                    _widths.Add(0);
                }
            }

            /// <summary>
            /// A character written in <paramref name="tree"/> at <paramref name="position"/>, using <paramref name="width"/>
            /// source characters: more than one when the source spells it differently (an escape sequence, a doubled
            /// quote or brace), zero for the second half of a surrogate pair written as one escape.
            /// </summary>
            public void AppendTraced(char character, SyntaxTree tree, int position, int width = 1)
            {
                int stored;
                if (_tree is not null && _tree != tree)
                {
                    stored = -1;
                }
                else
                {
                    _tree = tree;
                    stored = width != 1 ? -position - 2 : position;
                }

                _text.Append(character);
                _positions.Add(stored);
                _widths.Add(width);
            }

            public void AppendHole()
            {
                _text.Append(Hole);
                _positions.Add(-1);
                _widths.Add(0);
            }

            public StringValue ToValue() => new StringValue(_text.ToString(), _positions.ToArray(), _widths.ToArray(), _tree);
        }
    }
}
