using System;

namespace LoopbackAnalyzers.Engine
{
    /// <summary>
    /// A URL split by hand into scheme, host and port, with character offsets. <see cref="System.Uri"/>
    /// is not used on purpose: it rejects the "*" and "+" hosts that servers accept.
    /// </summary>
    internal readonly struct UrlText
    {
        private UrlText(string host, int hostStart, int? port, int portStart, int portLength)
        {
            Host = host;
            HostStart = hostStart;
            Port = port;
            PortStart = portStart;
            PortLength = portLength;
        }

        /// <summary>The host as written, brackets included for IPv6 literals.</summary>
        public string Host { get; }

        public int HostStart { get; }

        /// <summary>The explicit port, or null when the URL has none or it is not a number.</summary>
        public int? Port { get; }

        public int PortStart { get; }

        public int PortLength { get; }

        /// <summary>The host without IPv6 brackets.</summary>
        public string HostName => Host.Length > 1 && Host[0] == '[' ? Host.Substring(1, Host.Length - 2) : Host;

        public static bool TryParse(string text, out UrlText url)
        {
            url = default;
            var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
            if (schemeEnd <= 0)
            {
                return false;
            }

            var hostStart = schemeEnd + 3;
            var userInfoEnd = text.IndexOf('@', hostStart);
            var pathStart = IndexOfAny(text, hostStart, '/', '?', '#');
            if (userInfoEnd >= 0 && userInfoEnd < pathStart)
            {
                hostStart = userInfoEnd + 1;
            }

            int hostEnd;
            if (hostStart < text.Length && text[hostStart] == '[')
            {
                var close = text.IndexOf(']', hostStart);
                if (close < 0 || close > pathStart)
                {
                    return false;
                }

                hostEnd = close + 1;
            }
            else
            {
                hostEnd = IndexOfAny(text, hostStart, ':', '/', '?', '#');
            }

            if (hostEnd <= hostStart)
            {
                return false;
            }

            var host = text.Substring(hostStart, hostEnd - hostStart);
            int? port = null;
            int portStart = -1, portLength = 0;
            if (hostEnd < text.Length && text[hostEnd] == ':')
            {
                portStart = hostEnd + 1;
                var portEnd = IndexOfAny(text, portStart, '/', '?', '#');
                portLength = portEnd - portStart;
                if (portLength is > 0 and <= 9 && int.TryParse(text.Substring(portStart, portLength), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
                {
                    port = value;
                }
            }

            url = new UrlText(host, hostStart, port, portStart, portLength);
            return true;
        }

        private static int IndexOfAny(string text, int start, params char[] characters)
        {
            var index = text.IndexOfAny(characters, start);
            return index < 0 ? text.Length : index;
        }
    }
}
