using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LoopbackAnalyzers.Intent
{
    /// <summary>The value of <c>loopback_analyzers.intent</c> for a file.</summary>
    internal enum IntentOption
    {
        /// <summary>Infer intent from evidence (the default).</summary>
        Auto,

        /// <summary>Audit mode: these files are local-only; every all-interfaces bind is reported.</summary>
        Loopback,

        /// <summary>These files serve the network on purpose; intent-gated rules stay silent.</summary>
        Public,
    }

    internal static class IntentOptions
    {
        public const string Key = "loopback_analyzers.intent";

        public static IntentOption For(AnalyzerOptions options, SyntaxTree tree) =>
            Parse(options.AnalyzerConfigOptionsProvider.GetOptions(tree), options.AnalyzerConfigOptionsProvider.GlobalOptions);

        public static IntentOption For(AnalyzerOptions options, AdditionalText file) =>
            Parse(options.AnalyzerConfigOptionsProvider.GetOptions(file), options.AnalyzerConfigOptionsProvider.GlobalOptions);

        private static IntentOption Parse(AnalyzerConfigOptions fileOptions, AnalyzerConfigOptions globalOptions)
        {
            if (!fileOptions.TryGetValue(Key, out var value) && !globalOptions.TryGetValue(Key, out value))
            {
                return IntentOption.Auto;
            }

            return value.Trim().ToLowerInvariant() switch
            {
                "loopback" => IntentOption.Loopback,
                "public" => IntentOption.Public,
                // Unknown values fall back to the default rather than silencing or flooding.
                _ => IntentOption.Auto,
            };
        }
    }
}
