using System;

namespace LoopbackAnalyzers.Engine
{
    /// <summary>
    /// Whether an identifier names a port: "port" or "ports" as a word of the identifier (<c>port</c>, <c>Port</c>,
    /// <c>ports</c>, <c>freePort</c>, <c>GetFreePort</c>, <c>TCPPort</c>, <c>EchoPorts</c>, <c>portNumber</c>, <c>_port</c>,
    /// <c>FREE_PORT</c>, <c>port2</c>), and not the letters inside another word (<c>Report</c>, <c>imported</c>,
    /// <c>Support</c>, <c>Transport</c>, <c>ExportCsv</c>, <c>portal</c>, <c>Porter</c>), which ordinary code is full of.
    /// The syntax filters use it to decide which calls and bodies are worth binding.
    /// </summary>
    internal static class PortWord
    {
        public static bool IsIn(string identifier)
        {
            for (var index = identifier.IndexOf("port", StringComparison.OrdinalIgnoreCase);
                 index >= 0;
                 index = identifier.IndexOf("port", index + 1, StringComparison.OrdinalIgnoreCase))
            {
                if (StartsWord(identifier, index, 0) && (EndsWord(identifier, index + 4, identifier.Length) || IsPlural(identifier, index + 4, identifier.Length)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether some word of <paramref name="text"/> (source text: identifiers, but also comments and strings) is a port
        /// word by the rules of <see cref="IsIn"/>: a cheap superset of "an identifier in this text names a port".
        /// </summary>
        public static bool IsInText(string text) => IsInText(text, 0, text.Length);

        /// <summary>
        /// <see cref="IsInText(string)"/> for the characters from <paramref name="start"/> up to <paramref name="end"/> of
        /// <paramref name="text"/> (a code block within its file's text, searched without copying it); what lies outside
        /// counts as a word boundary.
        /// </summary>
        public static bool IsInText(string text, int start, int end)
        {
            for (var index = text.IndexOf("port", start, end - start, StringComparison.OrdinalIgnoreCase);
                 index >= 0;
                 index = text.IndexOf("port", index + 1, end - index - 1, StringComparison.OrdinalIgnoreCase))
            {
                var startsIdentifier = index == start || !(char.IsLetterOrDigit(text[index - 1]) || text[index - 1] == '_');
                if ((startsIdentifier || StartsWord(text, index, start)) && (EndsWord(text, index + 4, end) || IsPlural(text, index + 4, end)))
                {
                    return true;
                }
            }

            return false;
        }

        // The identifier's start, after '_' or a digit, or an upper-case P (camelCase and PascalCase words; REPORT in
        // upper case gets through, which costs a bind and loses nothing).
        private static bool StartsWord(string identifier, int position, int start) =>
            position == start || identifier[position] == 'P' || identifier[position - 1] == '_' || char.IsDigit(identifier[position - 1]);

        // The identifier's end, or anything but a lower-case letter: '_', a digit, the next word's capital.
        private static bool EndsWord(string identifier, int position, int end) => position == end || !char.IsLower(identifier[position]);

        private static bool IsPlural(string identifier, int position, int end) =>
            position < end && identifier[position] is 's' or 'S' && EndsWord(identifier, position + 1, end);
    }
}
