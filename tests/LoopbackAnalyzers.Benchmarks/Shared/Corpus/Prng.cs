using System;
using System.Collections.Generic;

namespace LoopbackAnalyzers.Benchmarks.Shared.Corpus
{
    /// <summary>
    /// SplitMix64: a tiny seeded generator whose sequence is fixed by this code alone, so a seed gives the same
    /// corpus on every runtime and platform (System.Random's algorithm is not a documented contract).
    /// </summary>
    public sealed class Prng
    {
        private ulong _state;

        public Prng(ulong seed) => _state = seed;

        public ulong NextUInt64()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>A number in [0, max).</summary>
        public int Next(int max)
        {
            if (max <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(max));
            }

            return (int)(NextUInt64() % (ulong)max);
        }

        /// <summary>A number in [min, max].</summary>
        public int Between(int min, int max) => min + Next(max - min + 1);

        public bool Chance(double probability) => NextUInt64() % 1_000_000UL < (ulong)(probability * 1_000_000);

        public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

        /// <summary>A distinct selection of <paramref name="count"/> items, in random order.</summary>
        public List<T> Sample<T>(IReadOnlyList<T> items, int count)
        {
            var pool = new List<T>(items);
            var result = new List<T>();
            while (result.Count < count && pool.Count > 0)
            {
                var index = Next(pool.Count);
                result.Add(pool[index]);
                pool.RemoveAt(index);
            }

            return result;
        }

        /// <summary>A derived generator, so that one part of the corpus does not shift when another part changes.</summary>
        public Prng Fork(string purpose)
        {
            var hash = 14695981039346656037UL;
            foreach (var c in purpose)
            {
                hash = (hash ^ c) * 1099511628211UL;
            }

            return new Prng(NextUInt64() ^ hash);
        }
    }
}
