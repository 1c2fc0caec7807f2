#!/usr/bin/env bash
# Benchmark of Kiln's HTTP service (issue "Kiln service"), everything on loopback on this machine:
#  - requests/s and p99 latency of GET .../appliances/{aid}/images (100 images, XML) and GET .../images/{id}/status
#    with HTTP Basic, 32 connections (wrk -t2 -c32 -d15s --latency), next to a bare Kestrel app returning "ok";
#  - download throughput of a 2 GiB image through Kiln's download route next to nginx serving the same file
#    (curl -o /dev/null, 3 runs each, warm page cache), and 4 Kiln downloads at once while sampling kiln-server's RSS.
# Prints one table with the targets (list/status >= 50% of bare Kestrel, download >= 90% of nginx, RSS < 300 MB
# with 4 downloads). Record a run in docs/PERFORMANCE.md.
#
# Needs root the first time (apt-get install wrk nginx). The nginx here is our own process with its own config in
# the temp dir; the system's nginx service is never started (and is stopped and disabled if installing started it).
# Settings (environment): KILN_BENCH_TMP (parent of the temp dir, default /var/tmp: it holds a 2 GiB file),
# KILN_BENCH_DURATION (wrk seconds, default 15), KILN_BENCH_FILE_MIB (default 2048), KILN_BENCH_RUNS (default 3).
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/.."

duration=${KILN_BENCH_DURATION:-15}
file_mib=${KILN_BENCH_FILE_MIB:-2048}
runs=${KILN_BENCH_RUNS:-3}
connections=32
password=bench-admin-password

say() { echo "http.sh: $*" >&2; }

# ---------------------------------------------------------------- cleanup, even on Ctrl+C
tmp=$(mktemp -d "${KILN_BENCH_TMP:-/var/tmp}/kiln-http-bench.XXXXXX")
pids=()
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    reap "$pid"
  done
  rm -rf "$tmp"
  exit "$status"
}
reap() { # pid, already sent SIGTERM: waits up to 5 s (Kestrel drains abandoned requests for up to 30 s), then SIGKILL
  local i
  for i in $(seq 1 50); do
    kill -0 "$1" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

run_fg() { # command...: runs it as a tracked background job and waits for it. wrk catches SIGINT and exits 0, so run
  # in the foreground it would swallow a Ctrl+C; the wait builtin instead returns at once and the trap runs.
  "$@" &
  local pid=$! status=0
  pids+=("$pid")
  wait "$pid" || status=$?
  local kept=() p
  for p in "${pids[@]}"; do [ "$p" = "$pid" ] || kept+=("$p"); done
  pids=("${kept[@]}")
  return "$status"
}

start_bg() { # log file, command...: starts it in the background and records its pid in $last_pid
  local log=$1; shift
  "$@" >"$log" 2>&1 &
  last_pid=$!
  pids+=("$last_pid")
}

stop_bg() { # pid
  kill "$1" 2>/dev/null || true
  reap "$1"
  local kept=() p
  for p in "${pids[@]}"; do [ "$p" = "$1" ] || kept+=("$p"); done
  pids=("${kept[@]}")
}

free_port() { # a loopback TCP port nobody listens on
  local port
  while :; do
    port=$((20000 + RANDOM % 20000))
    ss -Hltn "sport = :$port" | grep -q . || { echo "$port"; return; }
  done
}

wait_http() { # url, log file, pid: waits up to 90 s for an answer (a 1-byte range: nginx then answers 206)
  local i
  for i in $(seq 1 450); do
    curl -fsS -o /dev/null -r 0-0 --max-time 2 "$1" 2>/dev/null && return 0
    kill -0 "$3" 2>/dev/null || { say "the server exited:"; tail -40 "$2" >&2; return 1; }
    sleep 0.2
  done
  say "no answer from $1 after 90 s:"; tail -40 "$2" >&2
  return 1
}

rss_start() { # peak-file: samples kiln-server's VmRSS every 0.2 s in the background, keeping the peak (KiB) in the file
  local file=$1 pid=$kiln_pid
  echo 0 >"$file"
  (
    peak=0
    while kill -0 "$pid" 2>/dev/null; do
      now=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)
      if [ "${now:-0}" -gt "$peak" ]; then peak=$now; echo "$peak" >"$file"; fi
      sleep 0.2
    done
  ) &
  sampler=$!
  pids+=("$sampler")
}
rss_stop() { # peak-file: stops the sampler; the peak in MB (MiB) in $rss_mb
  sleep 0.3
  stop_bg "$sampler"
  rss_mb=$(( $(cat "$1") / 1024 ))
}
vm() { # field of /proc/<kiln-server>/status (VmRSS, VmHWM) in MiB
  awk -v f="$1:" '$1 == f { printf "%.0f", $2 / 1024 }' "/proc/$kiln_pid/status"
}

# ---------------------------------------------------------------- (a) tools
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
for tool in curl jq bc ss; do command -v "$tool" >/dev/null || missing+=("$([ "$tool" = ss ] && echo iproute2 || echo "$tool")"); done
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || { say "need root to install: ${missing[*]}"; exit 1; }
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  if [[ " ${missing[*]} " == *" nginx "* ]]; then
    # The package may start and enable the system service: this benchmark runs its own nginx only.
    if [ -d /run/systemd/system ]; then
      systemctl disable --now nginx >/dev/null 2>&1 || true
    else
      { invoke-rc.d nginx stop || service nginx stop; } >/dev/null 2>&1 || true
      update-rc.d nginx disable >/dev/null 2>&1 || true
    fi
  fi
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

# ---------------------------------------------------------------- (b) build (Release, outputs in the temp dir only)
say "building kiln-server, the seeder and the bare Kestrel app (Release)"
build() { # project, output
  dotnet publish "$1" -c Release -o "$2" --artifacts-path "$tmp/artifacts" --nologo -v quiet -p:UseAppHost=true >"$tmp/build.log" 2>&1 \
    || { cat "$tmp/build.log" >&2; exit 1; }
}
build src/Kiln.Server "$tmp/server"
build bench/Kiln.Bench.Seed "$tmp/seed"
build bench/Kiln.Bench.Baseline "$tmp/baseline"

# ---------------------------------------------------------------- (c), (d) data directory and server
var=$tmp/var
kiln_port=$(free_port)
kiln=http://127.0.0.1:$kiln_port
start_kiln() {
  start_bg "$tmp/kiln-server.log" env Kiln__DataDirectory="$var" Kiln__AdminPassword="$password" Kiln__BuildConcurrency=0 \
    ASPNETCORE_ENVIRONMENT=Production DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    "$tmp/server/kiln-server" --urls "$kiln"
  kiln_pid=$last_pid
  wait_http "$kiln/api/status" "$tmp/kiln-server.log" "$kiln_pid"
}

say "creating the admin (first start of kiln-server), then seeding $file_mib MiB + 100 images"
start_kiln
stop_bg "$kiln_pid"
"$tmp/seed/kiln-bench-seed" "$var" --images 100 --file-mib "$file_mib" >"$tmp/seed.json"
aid=$(jq -r .applianceId "$tmp/seed.json")
iid=$(jq -r .downloadImageId "$tmp/seed.json")
size=$(jq -r .fileSize "$tmp/seed.json")
blob_file=$(find "$var/blobs" -type f -name '_image.qcow2' -path "*/images/$iid/*")
[ -f "$blob_file" ] && [ "$(stat -c %s "$blob_file")" = "$size" ] || { say "seeded file not found"; exit 1; }

start_kiln
auth="Authorization: Basic $(printf 'admin:%s' "$password" | base64 -w0)"
images_url=$kiln/api/users/admin/appliances/$aid/images
status_url=$images_url/$iid/status
curl -fsS -H "$auth" -o "$tmp/list.xml" "$images_url"
count=$(grep -oE '<image[ >]' "$tmp/list.xml" | wc -l || true)
[ "$count" = 100 ] || { say "expected 100 <image> elements in the list, got $count"; curl -sS -H "$auth" "$images_url" | head -c 600 >&2; exit 1; }
curl -fsS -o /dev/null -H "$auth" "$status_url"

# ---------------------------------------------------------------- (e) wrk
# wrk prints "Requests/sec:" and, with --latency, "99%  1.23ms"; a run with non-2xx answers or connect/read/write
# errors is refused. Requests slower than wrk's timeout (30 s) are counted apart (wrk leaves them out of its latencies).
wrk_run() { # name, url, extra wrk arguments...: sets rps[name], p99[name] (ms) and, for Kiln, rss[name] (peak MiB)
  local name=$1 url=$2; shift 2
  sleep 5  # requests wrk gave up on at the end of a previous run may still be running: let them finish
  run_fg wrk -t2 -c"$connections" -d3s --timeout 30s "$@" "$url" >/dev/null  # warm-up (JIT, connection pools)
  sleep 5  # requests wrk gave up on at the end of the warm-up may still be running: let them finish
  [[ "$name" == bare* ]] || rss_start "$tmp/rss-$name"
  run_fg wrk -t2 -c"$connections" -d"${duration}s" --timeout 30s --latency "$@" "$url" >"$tmp/wrk-$name.txt"
  [[ "$name" == bare* ]] || { rss_stop "$tmp/rss-$name"; rss[$name]=$rss_mb; }
  if grep -Eq 'Non-2xx|Socket errors: connect ([1-9]|0, read [1-9]|0, read 0, write [1-9])' "$tmp/wrk-$name.txt"; then
    say "wrk $name had errors:"; cat "$tmp/wrk-$name.txt" >&2; exit 1
  fi
  rps[$name]=$(awk '/^Requests\/sec:/ { printf ($2 < 100 ? "%.1f" : "%.0f"), $2 }' "$tmp/wrk-$name.txt")
  p99[$name]=$(awk '$1 == "99%" { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
      f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : -1; printf "%.2f", v * f }' "$tmp/wrk-$name.txt")
  timeouts[$name]=$(awk '/Socket errors:/ { print $NF }' "$tmp/wrk-$name.txt")
  [ -z "${timeouts[$name]}" ] || say "warning: $name: ${timeouts[$name]} requests timed out (30 s)"
  say "$name: ${rps[$name]} req/s, p99 ${p99[$name]} ms${rss[$name]:+, kiln-server RSS peak ${rss[$name]} MiB}"
}
declare -A rps p99 rss timeouts
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
[ "$(echo "${load_before%% *} > 0.5" | bc)" = 0 ] || say "warning: load average $load_before before the runs: other work on this machine skews the figures"
# Without credentials the API answers 401: a 200 from wrk proves the header was used.
say "wrk -t2 -c$connections -d${duration}s --latency: list, status (Basic), then the bare Kestrel app"
wrk_run list "$images_url" -H "$auth"
wrk_run status "$status_url" -H "$auth"

# The same two routes signed with the admin's API key (UForge's HMAC-SHA1 scheme) instead of Basic: not a target,
# it shows what the per-request password hash of Basic costs.
sign() { # url: the url with apiKey and its signature
  local key secret signed sig
  key=$(jq -r .apiKey "$tmp/seed.json"); secret=$(jq -r .apiSecret "$tmp/seed.json")
  signed="$1?apiKey=$key"
  sig=$(printf '%s' "$signed" | openssl dgst -sha1 -hmac "$secret" -binary | base64 -w0 | jq -sRr @uri)
  echo "$signed&signature=$sig"
}
if command -v openssl >/dev/null; then
  curl -fsS -o /dev/null "$(sign "$images_url")" || { say "API-key signed request refused"; exit 1; }
  wrk_run list_key "$(sign "$images_url")"
  wrk_run status_key "$(sign "$status_url")"
fi
api_hwm=$(vm VmHWM)

base_port=$(free_port)
start_bg "$tmp/baseline.log" env ASPNETCORE_ENVIRONMENT=Production KILN_BENCH_DOC="$tmp/list.xml" "$tmp/baseline/kiln-bench-baseline" --urls "http://127.0.0.1:$base_port"
base_pid=$last_pid
wait_http "http://127.0.0.1:$base_port/" "$tmp/baseline.log" "$base_pid"
wrk_run bare "http://127.0.0.1:$base_port/"
wrk_run bare_doc "http://127.0.0.1:$base_port/doc"
stop_bg "$base_pid"

# ---------------------------------------------------------------- (f) downloads

nginx_port=$(free_port)
ngx=$tmp/nginx
mkdir -p "$ngx"
cat >"$ngx/nginx.conf" <<EOF
# Our own nginx: loopback only, no daemon, everything under $ngx. Root: the blob file is 0640 root-owned, as Kiln wrote it.
user root root;
daemon off;
worker_processes auto;
pid $ngx/nginx.pid;
error_log $ngx/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  default_type application/octet-stream;
  sendfile on;
  tcp_nopush on;
  client_body_temp_path $ngx/body;
  proxy_temp_path $ngx/proxy;
  fastcgi_temp_path $ngx/fastcgi;
  uwsgi_temp_path $ngx/uwsgi;
  scgi_temp_path $ngx/scgi;
  server {
    listen 127.0.0.1:$nginx_port;
    location = /bench-1.0.qcow2 { alias $blob_file; }
  }
}
EOF
start_bg "$ngx/stdout.log" "$nginx_bin" -p "$ngx" -c "$ngx/nginx.conf" -e "$ngx/error.log"
nginx_pid=$last_pid
nginx_url=http://127.0.0.1:$nginx_port/bench-1.0.qcow2
wait_http "$nginx_url" "$ngx/error.log" "$nginx_pid"

download_uri() { # a fresh single-use download URL of the big image
  local uri
  uri=$(curl -fsS -H "$auth" "$images_url/$iid" | grep -o '<downloadUri>[^<]*' | sed 's/<downloadUri>//; s/&amp;/\&/g')
  [ -n "$uri" ] || { say "no downloadUri in GET .../images/$iid"; exit 1; }
  echo "$kiln/api/$uri"
}
fetch() { # url, output file of "bytes_per_second bytes http_code"
  curl -sS -o /dev/null -w '%{speed_download} %{size_download} %{http_code}\n' "$1" >"$2"
  read -r _ got code <"$2"
  [ "$code" = 200 ] && [ "$got" = "$size" ] || { say "download $1: HTTP $code, $got of $size bytes"; exit 1; }
}
mbs() { awk '{ printf "%.0f", $1 / 1e6 }' "$1"; }  # MB/s (10^6 bytes)
concurrent() { # name, url producer: 4 downloads at once; prints their total MB/s
  local name=$1 producer=$2 i start end urls=() cpids=()
  for i in 1 2 3 4; do urls+=("$($producer)"); done
  start=$(date +%s.%N)
  for i in 1 2 3 4; do fetch "${urls[$i - 1]}" "$tmp/$name-c$i" & cpids+=($!); done
  for i in "${cpids[@]}"; do wait "$i"; done
  end=$(date +%s.%N)
  echo "scale=0; 4 * $size / ($end - $start) / 1000000" | bc
}

# 4 downloads at once from the kiln-server that has just served the wrk runs (its heap as they left it) ...
say "4 downloads at once from the kiln-server that served the wrk runs (RSS $(vm VmRSS) MiB now)"
rss_api_before=$(vm VmRSS)
rss_start "$tmp/rss-api-dl"
concurrent kiln4api download_uri >/dev/null
rss_stop "$tmp/rss-api-dl"
rss_api_dl=$rss_mb
# ... then a fresh kiln-server for the download figures, so its peak (VmHWM) is that of downloads only.
stop_bg "$kiln_pid"
start_kiln

# Not a target: the bare Kestrel app sending the same file as Kiln does (Results.Stream) and with 1 MiB reads
# straight into the response pipe, to tell the cost of the copy from the rest of Kiln's route.
start_bg "$tmp/baseline-file.log" env ASPNETCORE_ENVIRONMENT=Production KILN_BENCH_FILE="$blob_file" \
  "$tmp/baseline/kiln-bench-baseline" --urls "http://127.0.0.1:$base_port"
base_pid=$last_pid
wait_http "http://127.0.0.1:$base_port/" "$tmp/baseline-file.log" "$base_pid"

say "downloads of $((size / 1048576)) MiB: $runs through Kiln and nginx (and the bare app's two copies), interleaved, warm page cache"
fetch "$(download_uri)" "$tmp/warm-kiln"  # warm-up: JIT, and the whole file in the page cache for every server
fetch "http://127.0.0.1:$base_port/file/stream" "$tmp/warm-stream"
fetch "http://127.0.0.1:$base_port/file/pipe" "$tmp/warm-pipe"
declare -a kiln_runs nginx_runs stream_runs pipe_runs
for r in $(seq 1 "$runs"); do
  fetch "$(download_uri)" "$tmp/kiln-$r"; kiln_runs+=("$(mbs "$tmp/kiln-$r")")
  fetch "$nginx_url" "$tmp/nginx-$r"; nginx_runs+=("$(mbs "$tmp/nginx-$r")")
  fetch "http://127.0.0.1:$base_port/file/stream" "$tmp/stream-$r"; stream_runs+=("$(mbs "$tmp/stream-$r")")
  fetch "http://127.0.0.1:$base_port/file/pipe" "$tmp/pipe-$r"; pipe_runs+=("$(mbs "$tmp/pipe-$r")")
  say "run $r: Kiln ${kiln_runs[-1]} MB/s, nginx ${nginx_runs[-1]} MB/s; bare Results.Stream ${stream_runs[-1]}, bare 1 MiB pipe ${pipe_runs[-1]}"
done
stop_bg "$base_pid"
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
kiln_mbs=$(median "${kiln_runs[@]}")
nginx_mbs=$(median "${nginx_runs[@]}")
stream_mbs=$(median "${stream_runs[@]}")
pipe_mbs=$(median "${pipe_runs[@]}")

# 4 at once through the fresh kiln-server, sampling its resident memory every 0.2 s.
rss_idle=$(vm VmRSS)
rss_start "$tmp/rss-dl"
kiln4_mbs=$(concurrent kiln4 download_uri)
rss_stop "$tmp/rss-dl"
rss_peak=$rss_mb
rss_hwm=$(vm VmHWM)
nginx_url_producer() { echo "$nginx_url"; }
nginx4_mbs=$(concurrent nginx4 nginx_url_producer)
say "4 at once: Kiln $kiln4_mbs MB/s in all, nginx $nginx4_mbs MB/s; kiln-server RSS peak $rss_peak MiB (VmHWM $rss_hwm MiB)"

# ---------------------------------------------------------------- (g) the table
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
lat() { echo "${p99[$1]} ms${timeouts[$1]:+ (+${timeouts[$1]} timed out)}"; }
pct() { printf '%.2f' "$(echo "scale=4; 100 * $1 / $2" | bc)"; }
met() { [ "$(echo "$1" | bc)" = 1 ] && echo "met" || echo "**missed**"; }
list_pct=$(pct "${rps[list]}" "${rps[bare]}")
status_pct=$(pct "${rps[status]}" "${rps[bare]}")
dl_pct=$(pct "$kiln_mbs" "$nginx_mbs")
dotnet_version=$(dotnet --version)
cat <<EOF

Kiln HTTP benchmark, $(date -u +%Y-%m-%d), $(nproc) cores ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), $(uname -r), .NET SDK $dotnet_version, $(wrk --version 2>&1 | head -1 | awk '{ print $1, $2 }'), nginx $("$nginx_bin" -v 2>&1 | sed 's|.*/||')
Load average before the wrk runs: $load_before; at the end: $load_after (other processes on the machine share the 2 cores).

| wrk -t2 -c$connections -d${duration}s | requests/s | p99 latency | vs bare Kestrel | kiln-server peak RSS |
|---|---|---|---|---|
| GET .../appliances/{aid}/images (100 images, XML), Basic | ${rps[list]} | $(lat list) | ${list_pct}% | ${rss[list]} MiB |
| GET .../images/{id}/status, Basic | ${rps[status]} | $(lat status) | ${status_pct}% | ${rss[status]} MiB |
EOF
if [ -n "${rps[list_key]:-}" ]; then
  cat <<EOF
| GET .../images, signed API key (not a target) | ${rps[list_key]} | $(lat list_key) | $(pct "${rps[list_key]}" "${rps[bare]}")% | ${rss[list_key]} MiB |
| GET .../status, signed API key (not a target) | ${rps[status_key]} | $(lat status_key) | $(pct "${rps[status_key]}" "${rps[bare]}")% | ${rss[status_key]} MiB |
EOF
fi
cat <<EOF
| bare Kestrel, GET / -> "ok" | ${rps[bare]} | $(lat bare) | 100% | |
| bare Kestrel, GET /doc -> the list's $(( $(stat -c %s "$tmp/list.xml") / 1024 )) KiB XML as a constant (not a target) | ${rps[bare_doc]} | $(lat bare_doc) | $(pct "${rps[bare_doc]}" "${rps[bare]}")% | |

| download of $((size / 1048576)) MiB, loopback, curl -o /dev/null | Kiln | nginx (sendfile) | Kiln vs nginx |
|---|---|---|---|
| one at a time, median of $runs (runs) | $kiln_mbs MB/s (${kiln_runs[*]}) | $nginx_mbs MB/s (${nginx_runs[*]}) | ${dl_pct}% |
| 4 at once, all together | $kiln4_mbs MB/s | $nginx4_mbs MB/s | $(pct "$kiln4_mbs" "$nginx4_mbs")% |
| not a target: bare Kestrel, Results.Stream as Kiln (median) | $stream_mbs MB/s (${stream_runs[*]}) | | $(pct "$stream_mbs" "$nginx_mbs")% |
| not a target: bare Kestrel, 1 MiB reads into BodyWriter (median) | $pipe_mbs MB/s (${pipe_runs[*]}) | | $(pct "$pipe_mbs" "$nginx_mbs")% |

kiln-server memory (MiB; RSS sampled every 0.2 s):
| process | RSS before | peak RSS during 4 downloads at once | VmHWM |
|---|---|---|---|
| fresh kiln-server ($((runs + 1)) single downloads, then 4 at once) | $rss_idle | $rss_peak | $rss_hwm |
| the kiln-server that served the wrk runs | $rss_api_before | $rss_api_dl | $api_hwm (after the wrk runs) |

| target | figure | |
|---|---|---|
| list >= 50% of bare Kestrel | ${list_pct}% | $(met "$list_pct >= 50") |
| status >= 50% of bare Kestrel | ${status_pct}% | $(met "$status_pct >= 50") |
| download >= 90% of nginx | ${dl_pct}% | $(met "$dl_pct >= 90") |
| RSS < 300 MB with 4 downloads (fresh server, VmHWM) | $rss_hwm MiB | $(met "$rss_hwm < 300") |
| RSS < 300 MB with 4 downloads (after the wrk runs, peak) | $rss_api_dl MiB | $(met "$rss_api_dl < 300") |
EOF
