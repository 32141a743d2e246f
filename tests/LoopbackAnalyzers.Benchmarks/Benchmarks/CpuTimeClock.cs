using System;
using System.Runtime.InteropServices;
using Perfolizer.Horology;

namespace LoopbackAnalyzers.Benchmarks.Benchmarks
{
    /// <summary>
    /// A BenchmarkDotNet clock that reads the process's CPU time (clock_gettime(CLOCK_PROCESS_CPUTIME_ID), every thread
    /// summed, nanosecond resolution) instead of wall time. On a shared machine whose load exceeds its cores, wall time
    /// mostly measures how long other processes held the CPU; CPU time measures the work done. Linux only; elsewhere
    /// the jobs fall back to BenchmarkDotNet's wall clock.
    /// </summary>
    public sealed class CpuTimeClock : IClock
    {
        private const int ClockProcessCpuTimeId = 2;

        public static CpuTimeClock Instance { get; } = new();

        public string Title => "CPU time (process, all threads)";

        public bool IsAvailable => OperatingSystem.IsLinux() && TryRead(out _);

        public Frequency Frequency => Frequency.GHz;

        public long GetTimestamp() => TryRead(out var nanoseconds) ? nanoseconds : throw new InvalidOperationException("clock_gettime failed");

        private static bool TryRead(out long nanoseconds)
        {
            if (clock_gettime(ClockProcessCpuTimeId, out var spec) != 0)
            {
                nanoseconds = 0;
                return false;
            }

            nanoseconds = spec.Seconds * 1_000_000_000L + spec.Nanoseconds;
            return true;
        }

        [StructLayout(LayoutKind.Sequential)]
        private struct TimeSpec
        {
            public long Seconds;
            public long Nanoseconds;
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int clock_gettime(int clockId, out TimeSpec time);
    }
}
