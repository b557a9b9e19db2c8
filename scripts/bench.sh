#!/usr/bin/env bash
# Benchmarks xfill against its peers over the envelope the README's Performance section
# states, each output checked before it is timed, and writes scripts/bench-results.md:
#
#   seed        samples/summary.txt (5 KB, 34 slots): fill vs minijinja-cli, cat, /bin/true
#   documents   100 KB, 1 MB (and 10 MB, for growth) from scripts/gen.py, about 2.8 slots per
#               KB and 7 slots per field (1 MB: ~2,900 slots, ~440 fields): fill vs
#               minijinja-cli, scan vs rg, extract vs a Python str.find alignment
#   check       a folder of 10,000 documents of ~5 KB, one in ten with slots left, vs rg -c X
#   batch       a 20-slot template × 10,000 and 1,000,000 CSV rows vs a jinja2 loop and the
#               write floor (as many files of the same sizes written by Python); peak RSS
#   .docx       a Word template (bold runs, a table) × 1,000 rows vs docxtpl and 1,000 copies
#   init-line   init on templates that are one line of 1 MB and 4 MB (`X个` repeated, the samples
#               joined): time must grow near-linearly (≤ 6× for 4× the input); no peer
#
#   scripts/bench.sh                  # everything (about 10 minutes on 2 busy cores)
#   scripts/bench.sh --quick          # without the 10 MB document and the 1,000,000 rows
#   scripts/bench.sh --only rows-1000000 --results /tmp/r.md   # some jobs (keys above: seed,
#                                     # doc-100KB, doc-1MB, doc-10MB, check, rows-10000, …, docx,
#                                     # init-line)
#
# On a fresh machine it first installs what is missing: hyperfine, ripgrep and time from
# Debian (apt-get), minijinja-cli (cargo install), jinja2 and docxtpl (pip). Then it builds
# xfill --release, makes the inputs in target/bench/ (kept while their scripts are unchanged)
# and runs scripts/bench.py.
#
# Options: --quick, --only JOBS, --results FILE, --no-install, --budget SECONDS (hyperfine
# time per command, default 6), --skip-over SECONDS (a command predicted from 10,000 rows to
# take longer at 1,000,000 is skipped; default 240).
# Environment: XFILL_BENCH_DIR (target/bench), XFILL_BENCH_PYTHON (python3).
set -euo pipefail
self="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
cd "$(dirname "$self")/.."

results=scripts/bench-results.md
work=${XFILL_BENCH_DIR:-target/bench}
py=${XFILL_BENCH_PYTHON:-python3}
install=1
quick=0
only=""
extra=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --quick) quick=1; extra+=(--quick) ;;
    --only) only=$2; extra+=(--only "$2"); shift ;;
    --results) results=$2; shift ;;
    --no-install) install=0 ;;
    --budget|--skip-over|--max-runs|--single|--timeout) extra+=("$1" "$2"); shift ;;
    -h|--help) sed -n '2,/^set -euo/{/^#/p}' "$self" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
say() { echo "bench: $*" >&2; }
wants() { [[ -z $only || ",$only," == *",$1,"* ]]; }

# ---------------------------------------------------------------- peers
if [[ $install == 1 ]]; then
  sudo=""
  if [[ $(id -u) != 0 ]]; then sudo=sudo; fi
  apt_missing=()
  command -v hyperfine >/dev/null || apt_missing+=(hyperfine)
  command -v rg >/dev/null || apt_missing+=(ripgrep)
  [[ -x /usr/bin/time ]] || apt_missing+=(time)
  command -v "$py" >/dev/null || apt_missing+=(python3 python3-pip)
  if [[ ${#apt_missing[@]} -gt 0 ]]; then
    say "installing ${apt_missing[*]} (apt-get)"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${apt_missing[@]}" >/dev/null
  fi
  if ! PATH="$HOME/.cargo/bin:$PATH" command -v minijinja-cli >/dev/null; then
    say "installing minijinja-cli (cargo install; a few minutes)"
    cargo install --locked --quiet minijinja-cli
  fi
  if ! "$py" -c 'import jinja2, docxtpl' 2>/dev/null; then
    say "installing jinja2 and docxtpl (pip)"
    "$py" -m pip install -q jinja2 docxtpl 2>/dev/null \
      || "$py" -m pip install -q --break-system-packages jinja2 docxtpl
  fi
fi
export PATH="$HOME/.cargo/bin:$PATH"
for tool in hyperfine rg minijinja-cli /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench.sh: $tool is missing (run without --no-install)" >&2; exit 2; }
done

# ---------------------------------------------------------------- xfill
say "building xfill --release"
cargo build --release --locked --quiet --bin xfill
mkdir -p "$work"
# A copy, so that a rebuild while the benchmark runs does not change the binary under it.
cp target/release/xfill "$work/xfill"

# ---------------------------------------------------------------- inputs
# make DIR COMMAND…: runs COMMAND to fill DIR unless DIR was made by the same command and scripts.
make() {
  local dir=$1; shift
  local want
  want="$(cat scripts/gen.py scripts/peers/*.py samples/summary* | cksum | cut -d' ' -f1) $*"
  if [[ -f $dir/.stamp && $(cat "$dir/.stamp") == "$want" ]]; then return; fi
  say "making $dir"
  rm -rf "$dir"
  mkdir -p "$dir"
  "$@" >&2
  echo "$want" > "$dir/.stamp"
}
sizes="100KB 1MB"
rows="10000"
if [[ $quick == 0 ]]; then sizes+=" 10MB"; rows+=" 1000000"; fi
# The seed is remade every time: it takes xfill's own slot marks (see prepare_seed.py).
wants seed && { rm -rf "$work/seed"; "$py" scripts/peers/prepare_seed.py "$work/xfill" samples/summary "$work/seed"; }
for size in $sizes; do
  wants "doc-$size" || continue
  make "$work/doc-$size" sh -c "'$py' scripts/gen.py '$work/doc-$size' --size $size --rows 0 \
    && '$py' scripts/peers/prepare.py '$work/doc-$size'"
done
wants check && make "$work/check" "$py" scripts/peers/make_check_folder.py samples/summary "$work/check" --files 10000
for n in $rows; do
  wants "rows-$n" || continue
  make "$work/rows-$n" sh -c "'$py' scripts/gen.py '$work/rows-$n' --rows-only --rows $n \
    && '$py' scripts/peers/prepare.py '$work/rows-$n'"
done
# Remade every time, as the seed: it reads every sample, which the stamps do not follow.
wants init-line && { rm -rf "$work/init-line"; "$py" scripts/peers/make_lines.py samples "$work/init-line"; }
wants docx && make "$work/docx" "$py" scripts/peers/make_docx.py "$work/docx" --rows 1000
for d in "$work"/*/; do rm -rf "$d/out"; done

# ---------------------------------------------------------------- run
say "timing; results go to $results"
# The interpreter itself: a wrapper on PATH (pyenv's shim is a shell script) would add its
# own start, tens of milliseconds, to every Python peer.
python=$("$py" -c 'import sys; print(sys.executable)')
"$python" scripts/bench.py --xfill "$work/xfill" --work "$work" --results "$results" \
  --python "$python" "${extra[@]}"
