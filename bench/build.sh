#!/usr/bin/env bash
# Benchmark of the image builder: cold build, warm build (cached base), each format's conversion time and size,
# and the peak memory of the Kiln process. Prints a table; record a run in docs/PERFORMANCE.md.
# Needs the network for the cold build (it bootstraps from the Debian mirror into an empty cache).
set -euo pipefail
cd "$(dirname "$0")/.."
root="${KILN_BENCH_ROOT:-/var/tmp/kiln-bench}"
scripts/setup.sh >/dev/null
dotnet build src/Kiln.Cli -c Release --nologo -v quiet >/dev/null
kiln=(dotnet src/Kiln.Cli/bin/Release/net10.0/kiln.dll)
rm -rf "$root" && mkdir -p "$root"
common=(--cache "$root/cache" --work-dir "$root/work")
all=raw,qcow2,vmdk,vdi,vhd,vhdx,ova,tar.gz

run() { # name, formats, extra options...
  local name=$1 formats=$2; shift 2
  local start end
  start=$(date +%s.%N)
  "${kiln[@]}" build bench/minimal.json --format "$formats" --output "$root/$name" --report "$root/$name.json" "${common[@]}" "$@" \
    > "$root/$name.log" 2>&1 || { cat "$root/$name.log"; exit 1; }
  end=$(date +%s.%N)
  echo "$end - $start" | bc > "$root/$name.wall"
}

run cold qcow2
run warm qcow2
run formats "$all" --jobs 1      # one conversion at a time: each time is the format's own
run parallel "$all"              # the default: conversions side by side

seconds='def s: split(":") | (.[0]|tonumber)*3600 + (.[1]|tonumber)*60 + (.[2]|tonumber);'
mib='def mib: . / 1048576 * 10 | round / 10;'
elapsed() { jq -r "$seconds .build.elapsed | s | . * 10 | round / 10" "$root/$1.json"; }
peak() { jq -r "$mib .peakMemoryBytes | mib" "$root/$1.json"; }
wall() { printf '%.1f' "$(cat "$root/$1.wall")"; }
stage() { jq -r --arg s "$2" "$seconds .build.stages[] | select(.stage == \$s) | .elapsed | s | . * 10 | round / 10" "$root/$1.json"; }

cold=$(elapsed cold); warm=$(elapsed warm)
echo
echo "Kiln image builder benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, $(uname -r)"
echo
echo "| build (2 GiB minimal, BIOS) | Kiln's build time | command wall time | bootstrap | disk | peak memory of kiln |"
echo "|---|---|---|---|---|---|"
for b in cold warm; do
  echo "| $b qcow2 | $(elapsed $b) s | $(wall $b) s | $(stage $b bootstrap) s | $(stage $b disk) s | $(peak $b) MiB |"
done
echo "| all formats, --jobs 1 | $(elapsed formats) s | $(wall formats) s | $(stage formats bootstrap) s | $(stage formats disk) s | $(peak formats) MiB |"
echo "| all formats, parallel | $(elapsed parallel) s | $(wall parallel) s | $(stage parallel bootstrap) s | $(stage parallel disk) s | $(peak parallel) MiB |"
echo
echo "warm speed-up over cold: $(echo "scale=1; $cold / $warm" | bc)x (target: warm < 20 s and >= 5x)"
echo
echo "| format | conversion time (alone) | size |"
echo "|---|---|---|"
jq -r "$seconds $mib .build.artefacts[] | \"| \(.format) | \(.producedIn | s | . * 10 | round / 10) s | \(.sizeBytes | mib) MiB |\"" "$root/formats.json"
