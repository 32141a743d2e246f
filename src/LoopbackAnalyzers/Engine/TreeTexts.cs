using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace LoopbackAnalyzers.Engine
{
    /// <summary>
    /// The text of each syntax tree as one string, so that a part of it (a code block) can be searched where it lies instead
    /// of being copied out. For the usual file the string is the one its source text already holds (no copy at all); a
    /// large file's chunked text is joined once per compilation, not once per block.
    /// </summary>
    internal sealed class TreeTexts
    {
        private readonly ConcurrentDictionary<SyntaxTree, string> _texts = new ConcurrentDictionary<SyntaxTree, string>();

        /// <summary>The tree's whole text, or null when the tree does not hold its text (it would have to be re-read).</summary>
        public string? Get(SyntaxTree tree)
        {
            if (_texts.TryGetValue(tree, out var known))
            {
                return known;
            }

            return tree.TryGetText(out var text) ? _texts.GetOrAdd(tree, text.ToString()) : null;
        }
    }
}
