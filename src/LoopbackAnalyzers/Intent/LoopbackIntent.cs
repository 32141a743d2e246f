namespace LoopbackAnalyzers.Intent
{
    /// <summary>Whether code is meant to stay on this machine, and the evidence, worded for a diagnostic message.</summary>
    internal readonly struct LoopbackIntent
    {
        private LoopbackIntent(string reason) => Reason = reason;

        public static LoopbackIntent None => default;

        public bool IsEvident => Reason is not null;

        /// <summary>The evidence, e.g. "test method 'EchoTests.Roundtrip'" or "inside #if DEBUG".</summary>
        public string? Reason { get; }

        public static LoopbackIntent Because(string reason) => new LoopbackIntent(reason);
    }
}
