using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace LoopbackAnalyzers.Benchmarks.Benchmarks
{
    /// <summary>
    /// Jobs run in-process (InProcessEmitToolchain): BenchmarkDotNet does not build a separate project, so the
    /// benchmarks run on exactly the Roslyn (4.8.0) and analyzer this project was built with, and the corpus and
    /// references are loaded once per process. Every benchmark operation is microseconds to seconds long, far above
    /// the nanosecond effects that out-of-process isolation is for.
    /// Times are CPU time (see <see cref="CpuTimeClock"/>) where the platform has it: this machine's load is often far
    /// above its two cores, and wall time would measure the other processes.
    /// </summary>
    public static class Jobs
    {
        private static Job Base { get; } = CpuTimeClock.Instance.IsAvailable
            ? Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithClock(CpuTimeClock.Instance)
            : Job.Default.WithToolchain(InProcessEmitToolchain.Instance);

        /// <summary>Whole compilations (seconds each): one invocation per iteration, 2 warm-ups, 5 measured iterations.</summary>
        public static Job Long { get; } = Base
            .WithLaunchCount(1)
            .WithWarmupCount(2)
            .WithIterationCount(5)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithId("Long");

        /// <summary>Milliseconds-long operations: BenchmarkDotNet picks the invocation count; 3 warm-ups, 10 iterations.</summary>
        public static Job Short { get; } = Base
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(10)
            .WithId("Short");
    }

    public sealed class LongConfig : ManualConfig
    {
        public LongConfig()
        {
            AddJob(Jobs.Long);
            AddDiagnoser(MemoryDiagnoser.Default);
        }
    }

    public sealed class ShortConfig : ManualConfig
    {
        public ShortConfig()
        {
            AddJob(Jobs.Short);
            AddDiagnoser(MemoryDiagnoser.Default);
        }
    }
}
