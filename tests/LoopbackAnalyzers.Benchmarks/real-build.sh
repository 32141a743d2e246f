#!/usr/bin/env bash
# The analyzer's cost as users meet it: a real `dotnet build --no-incremental` of the generated ~100k-line corpus,
# with the .NET SDK's default analyzers on (a plain net10.0 project), once with the freshly packed LoopbackAnalyzers
# package referenced and once without, in interleaved rounds. Per build it records the Csc task time
# (-clp:PerformanceSummary) and the analyzer execution times the compiler reports (-p:ReportAnalyzer=true), and
# prints medians at the end. See docs/performance.md ("Real build").
#
#   tests/LoopbackAnalyzers.Benchmarks/real-build.sh [--rounds N] [--lines N] [--corpus net|nonet|both] [--work DIR]
#                                                     [--server true|false] [--csc-rounds N]
#
# --csc-rounds (default 5): after the builds, the compiler alone. The csc command line of the first counted build with
#           the package is run again as it is (minus /reportanalyzer) and without the package's two /analyzer arguments,
#           in N interleaved rounds, each a fresh csc process timed by /usr/bin/time: CPU time (user + system) and wall
#           time of exactly the compiler, with the SDK's default analyzers and generators, with and without LoopbackAnalyzers.
#
# --server: UseSharedCompilation. Unset, the environment decides (the .NET SDK's default is true: builds go to the
#           VBCSCompiler server, which keeps the compiler and the analyzers loaded and jitted between builds; this
#           workplace sets UseSharedCompilation=false, so every build starts a fresh csc process). With true, the
#           server this script started is stopped at the end (by its process id).
#
# net:   the corpus with its 3 % networking code (Kestrel parts included: the project references Microsoft.AspNetCore.App)
# nonet: the corpus without networking code. System.Net is still referenced (it is part of Microsoft.NETCore.App), so the
#        analyzers start as they would in any project; the corpus just uses no System.Net type.
#
# Everything happens under the work folder (default /tmp/loopback-real-build), outside the repository, with stub
# Directory.Build.props/.targets/Directory.Packages.props files and a NuGet.config whose only source is the local feed,
# as the end-to-end tests do. The packages folder is fresh per run, so a package packed earlier is never reused.
set -euo pipefail

rounds=5
lines=100000
corpora="net nonet"
work=/tmp/loopback-real-build
server=""
csc_rounds=5
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) rounds="$2"; shift 2 ;;
        --lines) lines="$2"; shift 2 ;;
        --corpus) case "$2" in both) corpora="net nonet" ;; *) corpora="$2" ;; esac; shift 2 ;;
        --work) work="$2"; shift 2 ;;
        --server) server="$2"; shift 2 ;;
        --csc-rounds) csc_rounds="$2"; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

if [ -n "$server" ]; then export UseSharedCompilation="$server"; fi
servers_before="$(pgrep -f VBCSCompiler.dll || true)"
repo="$(cd "$(dirname "$0")/../.." && pwd)"
rm -rf "$work"
mkdir -p "$work/feed" "$work/logs"
work="$(cd "$work" && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "== pack and corpus ($(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg), UseSharedCompilation=${UseSharedCompilation:-unset})"
dotnet pack "$repo/src/LoopbackAnalyzers.Package" -c Release -o "$work/feed" --nologo -v:q
dotnet build "$repo/tests/LoopbackAnalyzers.Benchmarks" -c Release --nologo -v:q
bench="$repo/tests/LoopbackAnalyzers.Benchmarks/bin/Release/net10.0/LoopbackAnalyzers.Benchmarks.dll"
# The corpus projects restore into a packages folder of their own: the package just packed, never an older copy.
export NUGET_PACKAGES="$work/packages"

for stub in Directory.Build.props Directory.Build.targets Directory.Packages.props; do echo '<Project />' > "$work/$stub"; done
cat > "$work/NuGet.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local-feed" value="$work/feed" />
  </packageSources>
  <fallbackPackageFolders>
    <clear />
  </fallbackPackageFolders>
</configuration>
EOF

# project NAME CORPUS WITH_PACKAGE(0|1)
project() {
    mkdir -p "$work/$1"
    {
        echo '<Project Sdk="Microsoft.NET.Sdk">'
        echo '  <PropertyGroup>'
        echo '    <TargetFramework>net10.0</TargetFramework>'
        echo '    <OutputType>Library</OutputType>'
        echo '    <Nullable>enable</Nullable>'
        echo '    <!-- The corpus has its own GlobalUsings.cs. -->'
        echo '    <ImplicitUsings>disable</ImplicitUsings>'
        echo '    <AssemblyName>Corpus</AssemblyName>'
        echo '    <EnableDefaultCompileItems>false</EnableDefaultCompileItems>'
        echo '  </PropertyGroup>'
        echo "  <ItemGroup><Compile Include=\"../corpus-$2/**/*.cs\" /></ItemGroup>"
        if [ "$2" = net ]; then echo '  <ItemGroup><FrameworkReference Include="Microsoft.AspNetCore.App" /></ItemGroup>'; fi
        if [ "$3" = 1 ]; then echo '  <ItemGroup><PackageReference Include="LoopbackAnalyzers" Version="0.1.0" PrivateAssets="all" /></ItemGroup>'; fi
        echo '</Project>'
    } > "$work/$1/$1.csproj"
}

for corpus in $corpora; do
    if [ "$corpus" = net ]; then flag=""; else flag="--no-net"; fi
    dotnet "$bench" --write-corpus "$work/corpus-$corpus" --lines "$lines" $flag
    project "$corpus-with" "$corpus" 1
    project "$corpus-without" "$corpus" 0
    dotnet restore "$work/$corpus-with" -v:q --nologo
    dotnet restore "$work/$corpus-without" -v:q --nologo
done

results="$work/results.tsv"
printf 'corpus\tvariant\tround\tcsc_ms\tbuild_cpu_s\tanalyzers_total_s\tloopback_s\tendpoint_s\tfreeport_s\tconfigfile_s\tnetanalyzers_s\tloadavg1\tloop_warnings\n' > "$results"

# CPU seconds used so far by the running compiler servers (0 when none runs).
server_cpu() {
    local total=0 pid
    for pid in $(pgrep -f VBCSCompiler.dll || true); do
        total="$(awk -v t="$total" -v hz="$(getconf CLK_TCK)" '{printf "%.2f", t + ($14 + $15) / hz}' "/proc/$pid/stat" 2>/dev/null || echo "$total")"
    done
    echo "$total"
}

# build NAME ROUND: one build; prints its row
build() {
    local name="$1" round="$2" log="$work/logs/$1-$2.log" times="$work/logs/$1-$2.time"
    local server_before TIMEFORMAT='%U %S'
    server_before="$(server_cpu)"
    # CPU time of the build: user + system time of dotnet build and every process it waited for (csc runs as its
    # child when there is no compiler server), plus what the compiler server spent meanwhile. Less sensitive to the
    # load of other processes than the Csc task's wall time.
    { time dotnet build "$work/$name" --no-restore --no-incremental --nologo -p:ReportAnalyzer=true -v:d -clp:PerformanceSummary > "$log" 2>&1; } 2> "$times" ||
        { echo "build of $name failed, see $log" >&2; exit 1; }
    local load csc cpu
    cpu="$(awk -v server="$(server_cpu)" -v before="$server_before" '{printf "%.2f", $1 + $2 + server - before}' "$times")"
    load="$(cut -d' ' -f1 /proc/loadavg)"
    csc="$(grep -E '^ +[0-9]+ ms +Csc +[0-9]+ calls' "$log" | awk '{print $1}' | head -n1)"
    # "Time (s)  %  Analyzer" table: assembly lines, then indented per-analyzer lines; "<0.001" counts as 0.
    secs() { { grep -E "$1" "$log" || true; } | head -n1 | awk '{v=$1; sub("<","",v); print (v=="" ? 0 : v)}'; }
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "${name%-*}" "${name##*-}" "$round" "$csc" "$cpu" \
        "$({ grep -E 'Total analyzer execution time' "$log" || echo 'x x x x 0'; } | head -n1 | awk '{print $5}')" \
        "$(secs '^ +[<0-9.]+ +[<0-9]+ +LoopbackAnalyzers, Version')" \
        "$(secs 'LoopbackAnalyzers\.EndpointAnalyzer ')" \
        "$(secs 'LoopbackAnalyzers\.Rules\.FreePortReleasedBeforeUseAnalyzer ')" \
        "$(secs 'LoopbackAnalyzers\.Configuration\.ConfigurationFileAnalyzer ')" \
        "$(secs '^ +[<0-9.]+ +[<0-9]+ +Microsoft\.CodeAnalysis\.NetAnalyzers, Version')" \
        "$load" "$({ grep -oE '[^ >]+\.cs\([0-9,]+\): warning LOOP00[0-9]' "$log" || true; } | sort -u | wc -l)"
}

echo "== warm-up (disk cache, and the compiler server where it is used): one build of each project, not counted"
for corpus in $corpora; do
    build "$corpus-with" 0 > /dev/null
    build "$corpus-without" 0 > /dev/null
done

echo "== $rounds interleaved rounds"
for round in $(seq 1 "$rounds"); do
    for corpus in $corpora; do
        # Alternate the order, so that neither variant always runs right after the other.
        if [ $((round % 2)) = 1 ]; then order="with without"; else order="without with"; fi
        for variant in $order; do build "$corpus-$variant" "$round" | tee -a "$results"; done
    done
done

# The csc command line of the first counted build with the package, as response files with and without the package's
# /analyzer arguments (for the rounds below and for compiler-alone.sh); the compiler's path beside them.
for corpus in $corpora; do
    line="$(grep -m1 -E '^ +[^ ]*/csc /noconfig ' "$work/logs/$corpus-with-1.log")"
    awk '{print $1}' <<< "$line" > "$work/csc-path"
    # Everything after the compiler's path; without /reportanalyzer (not on in ordinary builds).
    sed -E 's#^ +[^ ]*/csc ##; s# /reportanalyzer##' <<< "$line" > "$work/$corpus-with.rsp"
    sed -E 's# /analyzer:[^ ]*/loopbackanalyzers/[^ ]*\.dll##g' "$work/$corpus-with.rsp" > "$work/$corpus-without.rsp"
    if cmp -s "$work/$corpus-with.rsp" "$work/$corpus-without.rsp"; then echo "no LoopbackAnalyzers /analyzer argument found" >&2; exit 1; fi
done

csc_results="$work/csc-results.tsv"
printf 'corpus\tvariant\tround\tcpu_s\twall_s\tloadavg1\n' > "$csc_results"
if [ "$csc_rounds" -gt 0 ]; then
    echo "== the compiler alone: $csc_rounds interleaved rounds of the same csc command line with and without LoopbackAnalyzers"
    csc_path="$(cat "$work/csc-path")"
    for corpus in $corpora; do
        for round in $(seq 0 "$csc_rounds"); do
            if [ $((round % 2)) = 1 ]; then order="with without"; else order="without with"; fi
            for variant in $order; do
                (cd "$work/$corpus-with" && /usr/bin/time -f '%U %S %e' -o "$work/logs/csc-$corpus-$variant-$round.time" \
                    "$csc_path" "@$work/$corpus-$variant.rsp" > "$work/logs/csc-$corpus-$variant-$round.log" 2>&1) ||
                    { echo "csc failed, see $work/logs/csc-$corpus-$variant-$round.log" >&2; exit 1; }
                # Round 0 warms the disk cache and is not counted.
                if [ "$round" -gt 0 ]; then
                    awk -v c="$corpus" -v v="$variant" -v r="$round" -v l="$(cut -d' ' -f1 /proc/loadavg)" \
                        '{printf "%s\t%s\t%s\t%.2f\t%.2f\t%s\n", c, v, r, $1 + $2, $3, l}' "$work/logs/csc-$corpus-$variant-$round.time" | tee -a "$csc_results"
                fi
            done
        done
    done
fi

echo "== summary ($(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)); rows in $results"
python3 - "$results" "$csc_results" <<'EOF'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter='\t'))
csc_rows = list(csv.DictReader(open(sys.argv[2]), delimiter='\t'))
def med(xs): return statistics.median(xs)
for corpus in sorted({r['corpus'] for r in rows}):
    w = [r for r in rows if r['corpus'] == corpus and r['variant'] == 'with']
    wo = [r for r in rows if r['corpus'] == corpus and r['variant'] == 'without']
    cw = [float(r['csc_ms']) for r in w]; cwo = [float(r['csc_ms']) for r in wo]
    pairs = [float(a['csc_ms']) - float(b['csc_ms']) for a in w for b in wo if a['round'] == b['round']]
    share = [100 * float(r['loopback_s']) * 1000 / float(r['csc_ms']) for r in w]
    print(f"corpus {corpus}: {len(w)} rounds, load average (1 min) {min(float(r['loadavg1']) for r in rows)}..{max(float(r['loadavg1']) for r in rows)}")
    print(f"  Csc with package    median {med(cw)/1000:.2f} s  (min {min(cw)/1000:.2f}, max {max(cw)/1000:.2f})")
    print(f"  Csc without package median {med(cwo)/1000:.2f} s  (min {min(cwo)/1000:.2f}, max {max(cwo)/1000:.2f})")
    print(f"  Csc difference, per round (with - without): median {med(pairs)/1000:+.2f} s = {100*med(pairs)/med(cwo):+.1f} % "
          f"(rounds: {', '.join(f'{p/1000:+.2f}' for p in pairs)})")
    print(f"  difference of medians: {(med(cw)-med(cwo))/1000:+.2f} s = {100*(med(cw)-med(cwo))/med(cwo):+.1f} %")
    uw = [float(r['build_cpu_s']) for r in w]; uwo = [float(r['build_cpu_s']) for r in wo]
    cpairs = [float(a['build_cpu_s']) - float(b['build_cpu_s']) for a in w for b in wo if a['round'] == b['round']]
    print(f"  build CPU with {med(uw):.2f} s (min {min(uw):.2f}, max {max(uw):.2f}), without {med(uwo):.2f} s (min {min(uwo):.2f}, max {max(uwo):.2f})")
    print(f"  build CPU difference, per round: median {med(cpairs):+.2f} s = {100*med(cpairs)/med(uwo):+.1f} % of the build's CPU "
          f"(rounds: {', '.join(f'{p:+.2f}' for p in cpairs)})")
    for key in ('loopback_s', 'endpoint_s', 'freeport_s', 'configfile_s'):
        xs = [float(r[key]) for r in w]
        print(f"  reported {key[:-2]:<10} median {med(xs):.3f} s (min {min(xs):.3f}, max {max(xs):.3f})")
    print(f"  LoopbackAnalyzers reported time / Csc time: median {med(share):.2f} % (min {min(share):.2f}, max {max(share):.2f})")
    na = [float(r['netanalyzers_s']) for r in wo]; tot = [float(r['analyzers_total_s']) for r in wo]
    print(f"  without package: all analyzers median {med(tot):.2f} s, NetAnalyzers {med(na):.2f} s; LOOP warnings with: {w[0]['loop_warnings']}, without: {wo[0]['loop_warnings']}")
    cw = [r for r in csc_rows if r['corpus'] == corpus and r['variant'] == 'with']
    cwo = [r for r in csc_rows if r['corpus'] == corpus and r['variant'] == 'without']
    if cw and cwo:
        for key, label in (('cpu_s', 'CPU'), ('wall_s', 'wall')):
            a = [float(r[key]) for r in cw]; b = [float(r[key]) for r in cwo]
            d = [float(x[key]) - float(y[key]) for x in cw for y in cwo if x['round'] == y['round']]
            print(f"  csc alone, {label}: with {med(a):.2f} s (min {min(a):.2f}, max {max(a):.2f}), without {med(b):.2f} s (min {min(b):.2f}, max {max(b):.2f}); "
                  f"paired difference median {med(d):+.2f} s = {100*med(d)/med(b):+.1f} % (rounds: {', '.join(f'{x:+.2f}' for x in d)})")
        print(f"  csc alone, load average (1 min) {min(float(r['loadavg1']) for r in cw + cwo)}..{max(float(r['loadavg1']) for r in cw + cwo)}")
EOF

# Stop the compiler server this run started, if any (never one that was already running).
for pid in $(pgrep -f VBCSCompiler.dll || true); do
    if ! grep -qx "$pid" <<< "$servers_before"; then kill "$pid" 2>/dev/null || true; fi
done
