#!/usr/bin/env bash
# Benchmarks xfill against its peers, each output checked, and writes scripts/bench-results.md.
#
#   scripts/bench.sh                   # 1 MB, 10 MB and 100 MB (about 10–15 minutes on 2 cores)
#   scripts/bench.sh --quick           # 1 MB and 10 MB only (also: XFILL_BENCH_SKIP_100MB=1)
#   scripts/bench.sh --sizes "1MB 5MB" --results /tmp/r.md
#
# On a fresh machine it first installs what is missing: hyperfine, ripgrep, gettext-base
# (envsubst) and time from Debian (apt-get), minijinja-cli (cargo install), jinja2 and parse
# (pip). Then it builds xfill --release, generates the inputs with scripts/gen.py (kept in
# target/bench/SIZE/ and reused while gen.py is unchanged) and runs scripts/bench.py.
#
# Options: --quick, --sizes LIST, --results FILE, --no-install, --budget SECONDS (hyperfine
# time per command, default 12), --timeout SECONDS (a run is stopped after this, and a command
# predicted from the smaller sizes to take longer is skipped; default 120), --max-rss-gib N
# (skip a command predicted to need more memory; 8), --no-skip-predicted.
# Environment: XFILL_BENCH_SIZES, XFILL_BENCH_SKIP_100MB=1, XFILL_BENCH_DIR (target/bench),
# XFILL_BENCH_PYTHON (python3).
set -euo pipefail
self="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
cd "$(dirname "$self")/.."

sizes=${XFILL_BENCH_SIZES:-"1MB 10MB 100MB"}
if [[ ${XFILL_BENCH_SKIP_100MB:-0} == 1 ]]; then sizes=${sizes//100MB/}; fi
results=scripts/bench-results.md
work=${XFILL_BENCH_DIR:-target/bench}
py=${XFILL_BENCH_PYTHON:-python3}
install=1
extra=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --quick) sizes=${sizes//100MB/} ;;
    --sizes) sizes=$2; shift ;;
    --results) results=$2; shift ;;
    --no-install) install=0 ;;
    --budget|--timeout|--max-runs|--max-rss-gib) extra+=("$1" "$2"); shift ;;
    --no-skip-predicted) extra+=("$1") ;;
    -h|--help) sed -n '2,/^set -euo/{/^#/p}' "$self" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
say() { echo "bench: $*" >&2; }

# ---------------------------------------------------------------- peers
if [[ $install == 1 ]]; then
  sudo=""
  if [[ $(id -u) != 0 ]]; then sudo=sudo; fi
  apt_missing=()
  command -v hyperfine >/dev/null || apt_missing+=(hyperfine)
  command -v rg >/dev/null || apt_missing+=(ripgrep)
  command -v envsubst >/dev/null || apt_missing+=(gettext-base)
  [[ -x /usr/bin/time ]] || apt_missing+=(time)
  command -v "$py" >/dev/null || apt_missing+=(python3 python3-pip)
  if [[ ${#apt_missing[@]} -gt 0 ]]; then
    say "installing ${apt_missing[*]} (apt-get)"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${apt_missing[@]}" >/dev/null
  fi
  if ! command -v minijinja-cli >/dev/null; then
    say "installing minijinja-cli (cargo install; a few minutes)"
    cargo install --locked --quiet minijinja-cli
  fi
  if ! "$py" -c 'import jinja2, parse' 2>/dev/null; then
    say "installing jinja2 and parse (pip)"
    "$py" -m pip install -q jinja2 parse 2>/dev/null \
      || "$py" -m pip install -q --break-system-packages jinja2 parse
  fi
fi
export PATH="$HOME/.cargo/bin:$PATH"
for tool in hyperfine rg grep sed envsubst minijinja-cli /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench.sh: $tool is missing (run without --no-install)" >&2; exit 2; }
done

# ---------------------------------------------------------------- xfill
say "building xfill --release"
cargo build --release --locked --quiet --bin xfill
mkdir -p "$work"
# A copy, so that a rebuild while the benchmark runs does not change the binary under it.
cp target/release/xfill "$work/xfill"

# ---------------------------------------------------------------- inputs
stamp_of() { cat scripts/gen.py scripts/peers/prepare.py scripts/peers/common.py | cksum | cut -d' ' -f1; echo "$1 4.5 10000"; }
for size in $sizes; do
  dir=$work/$size
  want=$(stamp_of "$size")
  if [[ ! -f $dir/.stamp || $(cat "$dir/.stamp") != "$want" ]]; then
    say "generating $size inputs in $dir"
    rm -rf "$dir"
    "$py" scripts/gen.py "$dir" --size "$size" --slots-per-kb 4.5 --rows 10000 >&2
    "$py" scripts/peers/prepare.py "$dir"
    echo "$want" > "$dir/.stamp"
  fi
  rm -rf "$dir/out"
done

# ---------------------------------------------------------------- run
say "timing (sizes: $(echo $sizes)); results go to $results"
"$py" scripts/bench.py --xfill "$work/xfill" --work "$work" --sizes "$(echo $sizes | tr ' ' ,)" \
  --results "$results" --python "$(command -v "$py")" "${extra[@]}"
