#!/usr/bin/env bash
# The compiler alone, with and without LoopbackAnalyzers, in a configuration quiet enough to resolve about 1 %, and
# amplified where that is not enough. Runs on the work folder of a real-build.sh run (its corpus, its csc command line
# and its packed package). See docs/performance.md ("The compiler alone, quietly").
#
#   tests/LoopbackAnalyzers.Benchmarks/compiler-alone.sh [--work DIR] [--corpus net|nonet] [--rounds N] [--copies N]
#                                                        [--variants "none package ..."] [--default-runtime] [--server]
#
# Variants (interleaved; the order is shuffled per round, seeded by the round, so that no variant always follows the
# same other one; round 0 warms the disk cache and is not counted):
#   none          the build's csc command line without the package's /analyzer arguments
#   package       as the build runs it: LoopbackAnalyzers.dll and LoopbackAnalyzers.CodeFixes.dll
#   nofixes       the package without LoopbackAnalyzers.CodeFixes.dll (which declares no analyzer)
#   copies        N copies of LoopbackAnalyzers.dll, each in a folder of its own (the compiler loads each separately and
#                 runs N sets of the analyzers): N times the package's per-analyzer work, once what copies share
#   shapes        N copies of an empty control with the package's registrations (syntax-node actions on its site kinds,
#                 a code-block action, a symbol action on methods): N times the analyzer driver's dispatch alone
#   endpoint      the package with LOOP006 switched off (its analyzer does not run): EndpointAnalyzer alone
#   freeport      the package with LOOP001-LOOP005 switched off: LOOP006's analyzer alone
#
# Quiet: the compiler runs with /parallel- (one thread binds and emits; the analyzers run one after another) and with
# DOTNET_gcConcurrent=0, DOTNET_TieredPGO=0 and DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0. In the default
# configuration, identical runs on this machine differ by up to 15 % of CPU, much of it idle thread-pool threads spinning
# (about 40 % of the compiler's CPU on 2 cores); quiet, they differ by about 4 %. --default-runtime keeps the runtime's
# defaults and the compiler's parallelism.
#
# --server: every compile goes to one compiler server (csc -shared, as `dotnet build` does by default), started by the
# first compile of round 0 and kept running, so the compiler, the package and its copies stay loaded and jitted; the CPU
# of a compile is what the server process spends on it (from /proc/<pid>/stat). Round 0 warms the server for every
# variant and is not counted.
#
# Every run also records the runtime's own counts through a startup hook (RuntimeStats.cs below): time spent jitting and
# methods jitted, bytes allocated, GC pause time. Allocations and the number of jitted methods are nearly the same in
# identical runs, so they show what the package adds without the noise of CPU time.
set -euo pipefail

work=/tmp/loopback-real-build
corpus=net
rounds=8
copies=20
variants="none package copies shapes"
quiet=true
server=false
while [ $# -gt 0 ]; do
    case "$1" in
        --work) work="$2"; shift 2 ;;
        --corpus) corpus="$2"; shift 2 ;;
        --rounds) rounds="$2"; shift 2 ;;
        --copies) copies="$2"; shift 2 ;;
        --variants) variants="$2"; shift 2 ;;
        --default-runtime) quiet=false; shift ;;
        --server) server=true; shift ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

with_rsp="$work/$corpus-with.rsp"
without_rsp="$work/$corpus-without.rsp"
if [ ! -f "$with_rsp" ] || [ ! -f "$without_rsp" ]; then
    echo "no $with_rsp: run tests/LoopbackAnalyzers.Benchmarks/real-build.sh --corpus $corpus --rounds 1 --csc-rounds 0 --work $work first" >&2
    exit 2
fi

csc="$(cat "$work/csc-path")"
package_args="$(grep -oE '/analyzer:[^ ]*/loopbackanalyzers/[^ ]*\.dll' "$with_rsp" | tr '\n' ' ')"
analyzer_dll="$(grep -oE '/analyzer:[^ ]*/loopbackanalyzers/[^ ]*/LoopbackAnalyzers\.dll' "$with_rsp" | sed 's#^/analyzer:##')"
roslyn="$(dirname "$csc")"
amp="$work/compiler-alone"
rm -rf "$amp"
mkdir -p "$amp/logs"

# The control: the package's registrations with empty callbacks, compiled against the compiler's own Roslyn.
cat > "$amp/Shapes.cs" <<'EOF'
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RegistrationShape : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Never = new DiagnosticDescriptor("SHAPE001", "never", "never", "Control", DiagnosticSeverity.Warning, true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Never);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            // EndpointAnalyzer.SiteKinds, a code block (LOOP006), methods (parameter defaults).
            start.RegisterSyntaxNodeAction(_ => { },
                SyntaxKind.InvocationExpression, SyntaxKind.ObjectCreationExpression, SyntaxKind.ImplicitObjectCreationExpression,
                SyntaxKind.SimpleAssignmentExpression, SyntaxKind.ComplexElementInitializerExpression);
            start.RegisterCodeBlockAction(_ => { });
            start.RegisterSymbolAction(_ => { }, SymbolKind.Method);
        });
    }
}
EOF
runtime_dir="$(dotnet --list-runtimes | awk '/^Microsoft.NETCore.App / {gsub(/[][]/, "", $3); dir = $3 "/" $2} END {print dir}')"
"$csc" -nologo -noconfig -nostdlib -t:library -out:"$amp/RegistrationShape.dll" \
    $(for f in "$runtime_dir"/*.dll; do case "$(basename "$f")" in System.*|netstandard.dll|mscorlib.dll) printf -- '-r:%s ' "$f" ;; esac; done) \
    -r:"$roslyn/Microsoft.CodeAnalysis.dll" -r:"$roslyn/Microsoft.CodeAnalysis.CSharp.dll" "$amp/Shapes.cs" > "$amp/logs/shapes-build.log" 2>&1 ||
    { echo "the control did not compile, see $amp/logs/shapes-build.log" >&2; exit 1; }

# The runtime's counts at the compiler's exit, written to the file RUNTIME_STATS_FILE names.
cat > "$amp/RuntimeStats.cs" <<'EOF'
using System;
using System.Globalization;
using System.IO;

internal static class StartupHook
{
    private static System.Runtime.InteropServices.PosixSignalRegistration signal;

    public static void Initialize()
    {
        // A fresh compiler: the counts at its exit.
        var path = Environment.GetEnvironmentVariable("RUNTIME_STATS_FILE");
        if (path is not null)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => File.WriteAllText(path, Counts());
        }

        // The compiler server: the counts so far, appended as a line whenever it receives SIGWINCH (before and after a
        // compile, so that their difference is the compile's).
        var signalPath = Environment.GetEnvironmentVariable("RUNTIME_STATS_SIGNAL_FILE");
        if (signalPath is not null && Environment.GetCommandLineArgs()[0].Contains("VBCSCompiler"))
        {
            signal = System.Runtime.InteropServices.PosixSignalRegistration.Create(
                System.Runtime.InteropServices.PosixSignal.SIGWINCH,
                context =>
                {
                    context.Cancel = true;
                    File.AppendAllText(signalPath, Counts() + "\n");
                });
        }
    }

    private static string Counts() => string.Format(
        CultureInfo.InvariantCulture,
        "{0:F1}\t{1}\t{2:F1}\t{3:F1}",
        System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds,
        System.Runtime.JitInfo.GetCompiledMethodCount(),
        GC.GetTotalAllocatedBytes(precise: true) / 1048576.0,
        GC.GetTotalPauseDuration().TotalMilliseconds);
}
EOF
"$csc" -nologo -noconfig -nostdlib -t:library -out:"$amp/RuntimeStats.dll" \
    $(for f in "$runtime_dir"/*.dll; do case "$(basename "$f")" in System.*|netstandard.dll|mscorlib.dll) printf -- '-r:%s ' "$f" ;; esac; done) \
    "$amp/RuntimeStats.cs" > "$amp/logs/stats-build.log" 2>&1 ||
    { echo "the runtime-stats hook did not compile, see $amp/logs/stats-build.log" >&2; exit 1; }

copy_args="" shape_args=""
for k in $(seq 1 "$copies"); do
    mkdir -p "$amp/copy$k" "$amp/shape$k"
    cp "$analyzer_dll" "$amp/copy$k/"
    cp "$amp/RegistrationShape.dll" "$amp/shape$k/"
    copy_args+="/analyzer:$amp/copy$k/LoopbackAnalyzers.dll "
    shape_args+="/analyzer:$amp/shape$k/RegistrationShape.dll "
done
printf 'is_global = true\ndotnet_diagnostic.LOOP006.severity = none\n' > "$amp/endpoint.globalconfig"
printf 'is_global = true\n%s' "$(for id in 1 2 3 4 5; do printf 'dotnet_diagnostic.LOOP00%s.severity = none\n' $id; done)" > "$amp/freeport.globalconfig"

args_of() {
    case "$1" in
        none) echo "" ;;
        package) echo "$package_args" ;;
        nofixes) echo "/analyzer:$analyzer_dll" ;;
        copies) echo "$copy_args" ;;
        shapes) echo "$shape_args" ;;
        endpoint) echo "$package_args /analyzerconfig:$amp/endpoint.globalconfig" ;;
        freeport) echo "$package_args /analyzerconfig:$amp/freeport.globalconfig" ;;
        *) echo "unknown variant $1" >&2; exit 2 ;;
    esac
}

extra=""
if [ "$quiet" = true ]; then
    export DOTNET_gcConcurrent=0 DOTNET_TieredPGO=0 DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0
    extra="/parallel-"
fi

# One compile: a fresh compiler process (its CPU, and the runtime's counts the startup hook writes at its exit), or a
# request to the compiler server (the server's CPU spent on it, and the difference of the counts the hook in the server
# writes before and after it).
pipe="loopback-bench-$$"
# The server runs as the VBCSCompiler apphost or as "dotnet exec .../VBCSCompiler.dll"; the pipe name ends its command line.
server_pattern="VBCSCompiler(\.dll)? -pipename:$pipe\$"
server_pid() { pgrep -f "$server_pattern" || true; }
server_counts() { # pid: ask the server's startup hook for its counts so far (a line appended on SIGWINCH)
    local lines
    lines="$(wc -l < "$amp/server.stats" 2>/dev/null || echo 0)"
    kill -WINCH "$1"
    for _ in $(seq 1 50); do
        if [ "$(wc -l < "$amp/server.stats" 2>/dev/null || echo 0)" -gt "$lines" ]; then tail -n 1 "$amp/server.stats"; return; fi
        sleep 0.02
    done
}
server_cpu() { # pid
    awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$1/stat"
}
compile() { # variant round
    local log="$amp/logs/$1-$2"
    if [ "$server" = true ]; then
        local pid before=0 start counts_before=""
        pid="$(server_pid)" start="$(date +%s.%N)"
        if [ -n "$pid" ]; then before="$(server_cpu "$pid")" counts_before="$(server_counts "$pid")"; fi
        # shellcheck disable=SC2046 # the arguments are meant to split
        (cd "$work/$corpus-with" && RUNTIME_STATS_SIGNAL_FILE="$amp/server.stats" DOTNET_STARTUP_HOOKS="$amp/RuntimeStats.dll" \
            "$csc" "-shared:$pipe" "@$without_rsp" $extra $(args_of "$1") > "$log.log" 2>&1) || return 1
        # The same server before and after (round 0 starts it): otherwise the compile ran elsewhere and is not counted.
        if [ "$2" -gt 0 ] && [ "$(server_pid)" != "$pid" ]; then
            echo "the compiler server $pid is not the one that compiled $1 in round $2 (see $log.log)" >&2
            return 1
        fi
        echo "$(server_cpu "$(server_pid)") $before $start $(date +%s.%N)" | awk '{printf "%.2f 0 %.2f\n", $1 - $2, $4 - $3}' > "$log.time"
        # The runtime's counts for this compile: the server's counts after it minus before it.
        local counts_after=""
        if [ -n "$counts_before" ]; then counts_after="$(server_counts "$pid")"; fi
        if [ -n "$counts_after" ]; then
            paste <(echo "$counts_after" | tr '\t' '\n') <(echo "$counts_before" | tr '\t' '\n') |
                awk '{printf "%s%.1f", (NR > 1 ? "\t" : ""), $1 - $2}' > "$log.stats"
        else
            : > "$log.stats"
        fi
    else
        # shellcheck disable=SC2046 # the arguments are meant to split
        (cd "$work/$corpus-with" && RUNTIME_STATS_FILE="$log.stats" DOTNET_STARTUP_HOOKS="$amp/RuntimeStats.dll" \
            /usr/bin/time -f '%U %S %e' -o "$log.time" "$csc" "@$without_rsp" $extra $(args_of "$1") > "$log.log" 2>&1)
    fi
}
trap 'pkill -f "$server_pattern" || true' EXIT

results="$amp/results.tsv"
printf 'variant\tround\tcpu_s\twall_s\tloadavg1\tjit_ms\tjit_methods\talloc_mb\tgc_pause_ms\n' > "$results"
read -r -a order <<< "$variants"
echo "== $rounds rounds of: ${order[*]} (quiet: $quiet, server: $server, copies: $copies, $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg))"
for round in $(seq 0 "$rounds"); do
    mapfile -t shuffled < <(printf '%s\n' "${order[@]}" | shuf --random-source=<(yes "$round"))
    for variant in "${shuffled[@]}"; do
        compile "$variant" "$round" || { echo "csc failed, see $amp/logs/$variant-$round.log" >&2; exit 1; }
        if [ "$round" -gt 0 ]; then
            awk -v v="$variant" -v r="$round" -v l="$(cut -d' ' -f1 /proc/loadavg)" -v s="$(cat "$amp/logs/$variant-$round.stats")" \
                '{printf "%s\t%s\t%.2f\t%.2f\t%s\t%s\n", v, r, $1 + $2, $3, l, s}' "$amp/logs/$variant-$round.time" | tee -a "$results"
        fi
    done
done

echo "== summary ($(date -u +%FT%TZ)); rows in $results"
python3 - "$results" "$copies" <<'EOF'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter='\t'))
copies = int(sys.argv[2])
base = {r['round']: float(r['cpu_s']) for r in rows if r['variant'] == 'none'}
if not base:
    sys.exit("no 'none' variant to compare with")
scale = statistics.median(base.values())
print(f"none: CPU median {scale:.2f} s (min {min(base.values()):.2f}, max {max(base.values()):.2f})")
for variant in dict.fromkeys(r['variant'] for r in rows):
    if variant == 'none':
        continue
    d = [float(r['cpu_s']) - base[r['round']] for r in rows if r['variant'] == variant]
    mean = statistics.mean(d)
    se = statistics.stdev(d) / len(d) ** 0.5 if len(d) > 1 else float('nan')
    line = (f"{variant}: paired CPU difference median {statistics.median(d):+.2f} s = {100 * statistics.median(d) / scale:+.2f} %, "
            f"mean {mean:+.2f} ± {se:.2f} s (standard error) = {100 * mean / scale:+.2f} ± {100 * se / scale:.2f} %; rounds {' '.join(f'{x:+.2f}' for x in d)}")
    if variant in ('copies', 'shapes'):
        line += f"\n    per copy: mean {mean / copies:+.3f} s = {100 * mean / copies / scale:+.2f} %"
    print(line)
    # The runtime's counts (startup hook): allocations and jitted methods barely vary between identical runs.
    none = {r['round']: r for r in rows if r['variant'] == 'none'}
    for column, unit in (('alloc_mb', 'MB allocated'), ('jit_methods', 'methods jitted'), ('jit_ms', 'ms jitting'), ('gc_pause_ms', 'ms in GC pauses')):
        pairs = [(float(r[column]), float(none[r['round']][column])) for r in rows
                 if r['variant'] == variant and r.get(column) and none[r['round']].get(column)]
        if pairs:
            d = [a - b for a, b in pairs]
            reference = statistics.mean(b for _, b in pairs)
            se = statistics.stdev(d) / len(d) ** 0.5 if len(d) > 1 else float('nan')
            print(f"    {unit}: {statistics.mean(d):+.1f} ± {se:.1f} = {100 * statistics.mean(d) / reference:+.2f} % of {reference:.1f}")
EOF
