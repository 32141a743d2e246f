using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LoopbackAnalyzers.Options
{
    /// <summary>
    /// <c>loopback_analyzers.ephemeral_port_range</c> and <c>loopback_analyzers.allowed_ports</c> for one file.
    /// Unreadable values fall back to the defaults rather than silencing or flooding.
    /// </summary>
    internal sealed class PortOptions
    {
        public const string EphemeralRangeKey = "loopback_analyzers.ephemeral_port_range";
        public const string AllowedPortsKey = "loopback_analyzers.allowed_ports";

        /// <summary>The union of the Linux (32768-60999) and the IANA, Windows and macOS (49152-65535) ranges.</summary>
        public static PortOptions Default { get; } = new PortOptions(32768, 65535, new HashSet<long>());

        private static readonly char[] Separators = { ',', ';', ' ' };

        private readonly HashSet<long> _allowed;

        private PortOptions(long low, long high, HashSet<long> allowed)
        {
            EphemeralLow = low;
            EphemeralHigh = high;
            _allowed = allowed;
        }

        public long EphemeralLow { get; }

        public long EphemeralHigh { get; }

        public string EphemeralRange => $"{EphemeralLow}-{EphemeralHigh}";

        public bool IsEphemeral(long port) => port >= EphemeralLow && port <= EphemeralHigh;

        public bool IsAllowed(long port) => _allowed.Contains(port);

        public static PortOptions For(AnalyzerOptions options, SyntaxTree tree) =>
            Parse(options.AnalyzerConfigOptionsProvider.GetOptions(tree), options.AnalyzerConfigOptionsProvider.GlobalOptions);

        public static PortOptions For(AnalyzerOptions options, AdditionalText file) =>
            Parse(options.AnalyzerConfigOptionsProvider.GetOptions(file), options.AnalyzerConfigOptionsProvider.GlobalOptions);

        private static PortOptions Parse(AnalyzerConfigOptions fileOptions, AnalyzerConfigOptions globalOptions)
        {
            var range = Value(fileOptions, globalOptions, EphemeralRangeKey);
            var allowed = Value(fileOptions, globalOptions, AllowedPortsKey);
            if (range is null && allowed is null)
            {
                return Default;
            }

            var (low, high) = ParseRange(range) ?? (Default.EphemeralLow, Default.EphemeralHigh);
            var ports = new HashSet<long>();
            foreach (var item in (allowed ?? string.Empty).Split(Separators, StringSplitOptions.RemoveEmptyEntries))
            {
                if (long.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
                {
                    ports.Add(port);
                }
            }

            return new PortOptions(low, high, ports);
        }

        private static string? Value(AnalyzerConfigOptions fileOptions, AnalyzerConfigOptions globalOptions, string key) =>
            fileOptions.TryGetValue(key, out var value) || globalOptions.TryGetValue(key, out value) ? value.Trim() : null;

        private static (long Low, long High)? ParseRange(string? text)
        {
            switch (text?.ToLowerInvariant())
            {
                case null:
                    return null;
                case "iana":
                    return (49152, 65535);
                case "linux":
                    return (32768, 60999);
            }

            var dash = text.IndexOf('-');
            return dash > 0 &&
                   long.TryParse(text.Substring(0, dash).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var low) &&
                   long.TryParse(text.Substring(dash + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var high) &&
                   low <= high && high <= 65535
                ? (low, high)
                : null;
        }
    }
}
