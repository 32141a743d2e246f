using System.Collections.Generic;
using System.Globalization;

namespace LoopbackAnalyzers.Engine
{
    /// <summary>
    /// One URL inside a <see cref="StringValue"/>, split by hand into scheme, host and port with character
    /// offsets into the value. <see cref="System.Uri"/> is not used on purpose: it rejects the "*" and "+"
    /// hosts that servers accept, and it cannot see past an interpolation hole.
    /// </summary>
    internal readonly struct UrlParts
    {
        private UrlParts(string text, int start, int hostStart, int hostLength, int portStart, int portLength)
        {
            Host = text.Substring(hostStart, hostLength);
            Start = start;
            HostStart = hostStart;
            HostLength = hostLength;
            PortStart = portStart;
            PortLength = portLength;
            Port = portLength is > 0 and <= 18 && text.IndexOf(StringValue.Hole, portStart, portLength) < 0 &&
                   long.TryParse(text.Substring(portStart, portLength), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var port)
                ? port
                : null;
        }

        /// <summary>Offset of the URL in the value (after any ';' separator and white space).</summary>
        public int Start { get; }

        /// <summary>The host as written, brackets included for IPv6 literals; may contain holes.</summary>
        public string Host { get; }

        public int HostStart { get; }

        public int HostLength { get; }

        /// <summary>Offset of the port digits, or -1 when the URL names no port.</summary>
        public int PortStart { get; }

        public int PortLength { get; }

        /// <summary>The port when it is written as digits (possibly out of range); null when absent, unknown, or not a number.</summary>
        public long? Port { get; }

        public bool HostIsKnown => Host.IndexOf(StringValue.Hole) < 0;

        /// <summary>The host without IPv6 brackets.</summary>
        public string HostName => Host.Length > 1 && Host[0] == '[' && Host[Host.Length - 1] == ']' ? Host.Substring(1, Host.Length - 2) : Host;

        /// <summary>The URL as written (up to the next ';'), for messages; null when part of it is unknown.</summary>
        public string? TextIn(string text)
        {
            var end = text.IndexOf(';', Start);
            var url = (end < 0 ? text.Substring(Start) : text.Substring(Start, end - Start)).Trim();
            return url.IndexOf(StringValue.Hole) < 0 ? url : null;
        }

        /// <summary>Every URL in <paramref name="text"/>: one, or several separated by ';' (as ASPNETCORE_URLS allows).</summary>
        public static List<UrlParts> ParseList(string text)
        {
            var urls = new List<UrlParts>();
            var start = 0;
            while (start <= text.Length)
            {
                var end = text.IndexOf(';', start);
                if (end < 0)
                {
                    end = text.Length;
                }

                if (TryParse(text, start, end, out var url))
                {
                    urls.Add(url);
                }

                start = end + 1;
            }

            return urls;
        }

        /// <summary>Parses text[start, end) as scheme://[userinfo@]host[:port][/path].</summary>
        public static bool TryParse(string text, int start, int end, out UrlParts url)
        {
            url = default;
            while (start < end && char.IsWhiteSpace(text[start]))
            {
                start++;
            }

            while (end > start && char.IsWhiteSpace(text[end - 1]))
            {
                end--;
            }

            var separator = text.IndexOf("://", start, end - start, System.StringComparison.Ordinal);
            if (separator <= start || text.IndexOf(StringValue.Hole, start, separator - start) >= 0)
            {
                return false;
            }

            // The URL starts at its scheme, which may follow a prefix such as "--urls=".
            var schemeStart = separator;
            while (schemeStart > start && (char.IsLetterOrDigit(text[schemeStart - 1]) || text[schemeStart - 1] is '+' or '.' or '-'))
            {
                schemeStart--;
            }

            start = schemeStart;
            var hostStart = separator + 3;
            var authorityEnd = IndexOfAny(text, hostStart, end, '/', '?', '#');
            var at = text.LastIndexOf('@', authorityEnd - 1, authorityEnd - hostStart);
            if (at >= hostStart)
            {
                hostStart = at + 1;
            }

            int hostEnd;
            if (hostStart < authorityEnd && text[hostStart] == '[')
            {
                var close = text.IndexOf(']', hostStart, authorityEnd - hostStart);
                if (close < 0)
                {
                    return false;
                }

                hostEnd = close + 1;
            }
            else
            {
                hostEnd = IndexOfAny(text, hostStart, authorityEnd, ':');
            }

            if (hostEnd <= hostStart)
            {
                return false;
            }

            var portStart = -1;
            var portLength = 0;
            if (hostEnd < authorityEnd && text[hostEnd] == ':')
            {
                portStart = hostEnd + 1;
                portLength = authorityEnd - portStart;
            }

            url = new UrlParts(text, start, hostStart, hostEnd - hostStart, portStart, portLength);
            return true;
        }

        private static int IndexOfAny(string text, int start, int end, params char[] characters)
        {
            var index = text.IndexOfAny(characters, start, end - start);
            return index < 0 ? end : index;
        }
    }
}
