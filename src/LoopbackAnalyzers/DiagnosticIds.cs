namespace LoopbackAnalyzers
{
    /// <summary>The rule IDs. Numbered in the order the rules were designed; never reused.</summary>
    public static class DiagnosticIds
    {
        public const string ListenerBindsAllInterfaces = "LOOP001";
        public const string FixedPort = "LOOP002";
        public const string EphemeralPort = "LOOP003";
        public const string PortZeroNotSupported = "LOOP004";
        public const string PortOutOfRange = "LOOP005";
        public const string FreePortReleasedBeforeUse = "LOOP006";
    }
}
