#!/usr/bin/env bash
# Times `xfill extract` on a 10 MB template with about 100,000 slots, one field each (the
# size the versions issue names, far past the envelope of the README's Performance section)
# against `cat` of the same files, and prints a Markdown table.
#
#   scripts/bench-extract.sh                 # 10 MB, 12 slots per KB (about 100,000)
#   scripts/bench-extract.sh --size 1MB      # another size
#
# Installs hyperfine from Debian when it is missing, builds xfill --release, generates the
# input with scripts/gen.py (kept in target/bench/extract-SIZE/ while gen.py is unchanged)
# and checks that extract gives back the generated values before timing anything.
set -euo pipefail
cd "$(dirname "$0")/.."

size=10MB
per_kb=12
while [[ $# -gt 0 ]]; do
  case $1 in
    --size) size=$2; shift ;;
    --slots-per-kb) per_kb=$2; shift ;;
    -h|--help) sed -n '2,/^set -euo/{/^#/p}' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench-extract.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

if ! command -v hyperfine >/dev/null; then
  sudo=""; [[ $(id -u) != 0 ]] && sudo=sudo
  $sudo apt-get update -qq && $sudo apt-get install -y -qq hyperfine >/dev/null
fi
cargo build --release --quiet
work=target/bench/extract-$size
mkdir -p "$work"
x="$PWD/$work/xfill"
cp target/release/xfill "$x"

stamp="$(cksum < scripts/gen.py | cut -d' ' -f1) $size $per_kb"
if [[ ! -f $work/.stamp || $(cat "$work/.stamp") != "$stamp" ]]; then
  python3 scripts/gen.py "$work" --size "$size" --slots-per-kb "$per_kb" --slots-per-field 1 --rows 1 >&2
  echo "$stamp" > "$work/.stamp"
fi
cd "$work"

slots=$("$x" scan --format json template.txt | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])')
# The values extract gives back are those the template was filled with.
"$x" extract template.txt filled.txt --schema schema.yaml -o got.yaml 2>/dev/null
cmp -s got.yaml values.yaml || { echo "extract --schema does not give back values.yaml" >&2; exit 1; }
"$x" fill template.txt --schema schema.yaml --values got.yaml -o refilled.txt
cmp -s refilled.txt filled.txt || { echo "filling the extracted values does not give filled.txt" >&2; exit 1; }
"$x" extract template.txt filled.txt -o drafted.yaml 2>/dev/null
"$x" fill template.txt --values drafted.yaml --schema <("$x" init template.txt) -o refilled2.txt
cmp -s refilled2.txt filled.txt || { echo "extract without a schema does not round-trip" >&2; exit 1; }

# Each run writes a new values file (`rm` before it): replacing an existing file adds an
# fsync, which protects the old file (about 25 ms for 10 MB on a typical disk).
hyperfine --style none --warmup 2 --min-runs 10 --prepare 'rm -f out.yaml' --export-json times.json \
  -n 'cat filled.txt' 'cat filled.txt' \
  -n 'cat template.txt filled.txt' 'cat template.txt filled.txt' \
  -n 'xfill extract (no schema)' "$x extract template.txt filled.txt -o out.yaml" \
  -n 'xfill extract --schema' "$x extract template.txt filled.txt --schema schema.yaml -o out.yaml" \
  >/dev/null 2>&1

python3 - "$size" "$slots" <<'EOF'
import json, statistics, sys
size, slots = sys.argv[1], int(sys.argv[2])
rows = json.load(open("times.json"))["results"]
med = {r["command"]: statistics.median(r["times"]) for r in rows}
cat = med["cat filled.txt"]
print(f"{size} template, {slots:,} slots; medians of hyperfine runs\n")
print("| command | median | min – max | ÷ cat filled.txt |")
print("| --- | ---: | ---: | ---: |")
for r in rows:
    m = med[r["command"]]
    print(f"| {r['command']} | {m * 1000:.1f} ms | {min(r['times']) * 1000:.1f} – "
          f"{max(r['times']) * 1000:.1f} ms | {m / cat:.1f} |")
EOF
