namespace LoopbackAnalyzers.Intent
{
    /// <summary>Whether code is meant to stay on this machine, and the evidence, worded for a diagnostic message.</summary>
    internal readonly struct LoopbackIntent
    {
        private LoopbackIntent(string reason) => Reason = reason;

        public static LoopbackIntent None => default;

        public bool IsEvident => Reason is not null;

        /// <summary>The evidence as the message words it, e.g. "'EchoTests.Roundtrip' is a test method".</summary>
        public string? Reason { get; }

        public static LoopbackIntent Because(string reason) => new LoopbackIntent(reason);
    }
}
