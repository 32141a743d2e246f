#!/usr/bin/env python3
"""The share of a csc run's thread time spent in LoopbackAnalyzers code, from a dotnet-trace speedscope file.

    dotnet-trace collect --profile dotnet-sampled-thread-time --format Speedscope -o csc.nettrace -- <csc> @<rsp>
    tests/LoopbackAnalyzers.Benchmarks/profile-share.py csc.speedscope.json

dotnet-sampled-thread-time samples every managed thread's stack about 100 times a second, waiting threads included. A
sample counts as busy unless its leaf frame is a wait (Monitor, WaitHandle, semaphore, sleep, unmanaged code). A busy
sample with a LoopbackAnalyzers frame on its stack is the analyzers' (including the Roslyn calls they make: binding,
syntax walks); the rest is the compiler, the other analyzers and generators, and the driver. Sampled wall-clock time
under load, so the absolute seconds are inflated; the share is what to read. See docs/performance.md.
"""
import collections
import json
import sys

IDLE = ('Wait', 'Sleep', 'Monitor.Enter', 'SpinWait', 'LowLevelLifoSemaphore', 'Join', 'UNMANAGED_CODE_TIME')

data = json.load(open(sys.argv[1]))
frames = [frame['name'] for frame in data['shared']['frames']]
ours = [name.startswith('LoopbackAnalyzers!') for name in frames]
busy = mine = 0.0
by_callback = collections.Counter()
by_method = collections.Counter()
for profile in data['profiles']:
    stack, last = [], None
    for event in profile['events']:
        now = event['at']
        if last is not None and stack and not any(word in frames[stack[-1]] for word in IDLE):
            elapsed = now - last
            busy += elapsed
            positions = [i for i, frame in enumerate(stack) if ours[frame]]
            if positions:
                mine += elapsed
                by_callback[frames[stack[positions[0]]].split('(')[0]] += elapsed
                by_method[frames[stack[positions[-1]]].split('(')[0]] += elapsed
        if event['type'] == 'O':
            stack.append(event['frame'])
        elif stack:
            stack.pop()
        last = now

print(f"busy thread time {busy / 1000:.1f} s; with a LoopbackAnalyzers frame {mine / 1000:.2f} s = {100 * mine / busy:.2f} %")
print("by callback (outermost LoopbackAnalyzers frame):")
for name, value in by_callback.most_common(6):
    print(f"  {value / 1000:7.3f} s  {name}")
print("by innermost LoopbackAnalyzers frame (its own code and the Roslyn calls it makes):")
for name, value in by_method.most_common(12):
    print(f"  {value / 1000:7.3f} s  {name}")
