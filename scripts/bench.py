#!/usr/bin/env python3
"""Times xfill against its peers on the inputs of scripts/gen.py, checking every output;
writes a markdown table. Called by scripts/bench.sh, which installs the peers, builds xfill
and generates the inputs; run that rather than this.

    python3 scripts/bench.py --xfill BIN --work DIR --sizes 1MB,10MB,100MB --results FILE

For each command: one probe run under `/usr/bin/time -v` (peak RSS; it also warms the page
cache), its output checked by scripts/peers/check.py, then hyperfine runs (as many as fit in
--budget seconds, 3 to --max-runs) for the median, min and max. A command that fails its
check is reported as such, with no timing. A command whose probe exceeds --timeout is
stopped and reported as slower than that; one predicted (from its two previous sizes) to
exceed --timeout, or to need more than --max-rss-gib of memory, is skipped and the
prediction is shown.
"""
import argparse
import json
import os
import platform
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PEERS = os.path.join(HERE, "peers")
PATTERN = "(?<![A-Za-z])X+(?![A-Za-z])"
MIB = 1 << 20


class Cmd:
    """One benchmarked command line; it writes `out` (a file, or a folder for batch)."""

    def __init__(self, group, name, line, out, check, role, prepare=None, unit="bytes", note=""):
        self.group, self.name, self.line, self.out, self.check = group, name, line, out, check
        self.role = role  # "xfill", "peer", "floor", or "extra" (xfill, not counted in targets)
        self.prepare, self.unit, self.note = prepare, unit, note


def commands(x, py, batch_available, batch_dir):
    """The commands of one size, run in that size's directory; outputs go to out/, the batch
    folders to `batch_dir`."""
    q = shlex.quote
    peer = lambda script: f"{q(py)} {q(os.path.join(PEERS, script))}"  # noqa: E731
    fill_args = "template.txt --schema schema.yaml --values values.yaml"

    def c(group, name, line, out, check, role, **kw):
        # Every command writes its product to `out`; stdout is redirected there unless the
        # command names the file itself (-o, cp, batch folders).
        if out.startswith("out/") and " > " not in line and out not in line:
            line = f"{line} > {out}"
        return Cmd(group, name, line, out, check, role, **kw)

    cmds = [
        c("scan", "xfill scan", f"{q(x)} scan template.txt", "out/scan.txt", "scan-human", "xfill"),
        c("scan", "xfill scan --format json", f"{q(x)} scan --format json template.txt", "out/scan.json",
          "scan-json", "xfill"),
        c("scan", "rg -n --column -o -P", f"rg -n --column -o -P {q(PATTERN)} template.txt", "out/rg.txt",
          "matches", "peer"),
        c("scan", "grep -noP", f"grep -noP {q(PATTERN)} template.txt", "out/grep.txt", "matches", "peer"),
        c("fill", "xfill fill", f"{q(x)} fill {fill_args} 2> out/fill.err > out/fill.txt", "out/fill.txt",
          "same:filled.txt", "xfill"),
        c("fill", "xfill fill -o", f"{q(x)} fill {fill_args} -o out/fill-o.txt 2> out/fill-o.err",
          "out/fill-o.txt", "same:filled.txt", "extra"),
        c("fill", "minijinja-cli", "minijinja-cli jinja.txt values.json", "out/minijinja.txt",
          "same:filled.txt", "peer"),
        c("fill", "jinja2 (Python)", f"{peer('jinja_fill.py')} jinja.txt values.json", "out/jinja2.txt",
          "same:filled.txt", "peer"),
        c("fill", "envsubst", ". ./env.sh && envsubst < envsubst.txt", "out/envsubst.txt",
          "same:filled.txt", "peer"),
        c("fill", "sed -f", "sed -f fill.sed template.txt", "out/sed.txt", "same:filled.txt", "peer"),
        c("extract", "xfill extract", f"{q(x)} extract template.txt filled.txt --schema schema.yaml"
          " 2> out/extract.err > out/extract.yaml", "out/extract.yaml", "values", "xfill"),
        c("extract", "parse (Python)", f"{peer('parse_extract.py')} parse.txt filled.txt", "out/parse.yaml",
          "values", "peer"),
        c("extract", "str.find (Python)", f"{peer('find_extract.py')} jinja.txt filled.txt", "out/find.yaml",
          "values", "peer"),
        c("init", "xfill init", f"{q(x)} init template.txt 2> out/init.err > out/init.yaml", "out/init.yaml",
          "init", "xfill"),
        c("floor", "cat", "cat template.txt", "out/cat.txt", "same:template.txt", "floor"),
        c("floor", "cp", "cp template.txt out/cp.txt", "out/cp.txt", "same:template.txt", "floor"),
    ]
    bj, bx = q(os.path.join(batch_dir, "batch-jinja")), q(os.path.join(batch_dir, "batch-xfill"))
    batch = [
        c("batch", "jinja2 loop (Python)", f"{peer('jinja_batch.py')} rows-jinja.txt rows.csv {bj}",
          bj, "batch", "peer", prepare=f"rm -rf {bj}", unit="rows"),
    ]
    if batch_available:
        batch.insert(0, c("batch", "xfill batch", f"{q(x)} batch rows-template.txt --schema rows-schema.yaml"
                          f" --rows rows.csv --out-dir {bx} > out/batch.out 2> out/batch.err",
                          bx, "batch", "xfill", prepare=f"rm -rf {bx}", unit="rows"))
    return cmds, batch


def run_probe(cmd, cwd, timeout):
    """One run under /usr/bin/time -v: (status, wall seconds, max RSS KiB, stderr tail)."""
    if cmd.prepare:
        subprocess.run(cmd.prepare, shell=True, cwd=cwd, check=True)
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        start = time.monotonic()
        proc = subprocess.Popen(["/usr/bin/time", "-v", "-o", tf.name, "sh", "-c", cmd.line], cwd=cwd,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            return "timeout", time.monotonic() - start, None, ""
        wall = time.monotonic() - start
        report = tf.read()
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", report)
    status = re.search(r"Exit status: (\d+)", report)
    code = int(status.group(1)) if status else proc.returncode
    tail = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
    return code, wall, int(rss.group(1)) if rss else None, tail[0]


def hyperfine(cmd, cwd, runs):
    with tempfile.NamedTemporaryFile("r", suffix=".json") as tf:
        args = ["hyperfine", "--style", "none", "--warmup", "0", "--runs", str(runs),
                "--export-json", tf.name, "--command-name", cmd.name]
        if cmd.prepare:
            args += ["--prepare", cmd.prepare]
        proc = subprocess.run(args + [cmd.line], cwd=cwd, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE)
        if proc.returncode != 0:
            return None
        r = json.load(tf)["results"][0]
    return {"median": r["median"], "min": r["min"], "max": r["max"], "runs": len(r["times"]),
            "cpu": (r["user"] or 0) + (r["system"] or 0)}


def measure(cmd, cwd, args, history, rss_history, step):
    """Checks and times one command; returns its result row. `step` is how much larger this
    size is than the previous one."""
    row = {"group": cmd.group, "name": cmd.name, "role": cmd.role, "unit": cmd.unit, "note": cmd.note}
    prev = history.get(cmd.name, [])
    if len(prev) >= 1 and args.skip_predicted:
        # Predict from the last size, growing as it did between the last two (or at least linearly).
        growth = max(step, prev[-1] / prev[-2] if len(prev) >= 2 and prev[-2] > 0 else step)
        predicted = prev[-1] * growth
        if predicted > args.timeout:
            row["status"] = f"skipped: predicted ≈ {predicted:.0f} s"
            return row
    rss_prev = rss_history.get(cmd.name)
    if rss_prev and args.skip_predicted and rss_prev * step > args.max_rss_gib * (1 << 20):
        row["status"] = f"skipped: predicted max RSS ≈ {rss_prev * step / (1 << 20):.0f} GiB"
        return row
    subprocess.run("mkdir -p out", shell=True, cwd=cwd, check=True)
    code, wall, rss, tail = run_probe(cmd, cwd, args.timeout)
    if rss:
        rss_history[cmd.name] = rss
    row["rss_kib"] = rss
    if code == "timeout":
        row["status"] = f"stopped after {args.timeout:.0f} s"
        row["slower_than"] = args.timeout
        history.setdefault(cmd.name, []).append(args.timeout)
        return row
    ok_codes = {0}
    if code not in ok_codes:
        row["status"] = f"failed: exit {code}" + (f" ({tail[:80]})" if tail else "")
        return row
    check = subprocess.run([sys.executable, os.path.join(PEERS, "check.py"), cmd.check, cmd.out, "."], cwd=cwd,
                           capture_output=True, text=True)
    if check.returncode != 0:
        row["status"] = "WRONG OUTPUT: " + (check.stdout.strip() or check.stderr.strip()[-200:])
        return row
    runs = 0 if wall > args.budget else max(3, min(args.max_runs, int(args.budget / max(wall, 1e-3))))
    if runs:
        stats = hyperfine(cmd, cwd, runs)
        if stats is None:
            row["status"] = "failed under hyperfine"
            return row
    else:
        stats = {"median": wall, "min": wall, "max": wall, "runs": 1, "cpu": None}
    row.update(stats)
    row["status"] = "ok"
    history.setdefault(cmd.name, []).append(stats["median"])
    return row


# ---------------------------------------------------------------- rendering


def fmt_time(s):
    if s is None:
        return "–"
    if s < 1:
        return f"{s * 1000:.0f} ms" if s >= 0.01 else f"{s * 1000:.1f} ms"
    return f"{s:.2f} s" if s < 10 else f"{s:.1f} s"


def fmt_mem(kib):
    if kib is None:
        return "–"
    return f"{kib / 1024:.0f} MiB" if kib >= 10 * 1024 else f"{kib / 1024:.1f} MiB"


def best_peer(rows, group):
    peers = [r for r in rows if r["group"] == group and r["role"] == "peer" and r.get("status") == "ok"]
    return min(peers, key=lambda r: r["median"]) if peers else None


def table(results):
    out = ["| size | job | command | median | min – max (runs) | CPU user+sys | throughput | max RSS |"
           " xfill ÷ best peer |",
           "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |"]
    for size, info in results.items():
        rows = info["rows"]
        for r in rows:
            shown_size = "10,000 rows" if r["group"] == "batch" else size
            if r.get("status") != "ok":
                extra = f" ({fmt_mem(r['rss_kib'])})" if r.get("rss_kib") else ""
                out.append(f"| {shown_size} | {r['group']} | {r['name']} | {r['status']}{extra} | | | | | |")
                continue
            if r["unit"] == "rows":
                thr = f"{info['rows_count'] / r['median']:,.0f} rows/s"
            else:
                thr = f"{info['bytes'] / MIB / r['median']:,.1f} MB/s"
            ratio = ""
            if r["role"] in ("xfill", "extra"):
                bp = best_peer(rows, r["group"])
                if bp:
                    ratio = f"{r['median'] / bp['median']:.2f} ({bp['name']})"
            cpu = fmt_time(r.get("cpu")) if r.get("cpu") is not None else "–"
            name = f"**{r['name']}**" if r["role"] == "xfill" else r["name"]
            out.append(f"| {shown_size} | {r['group']} | {name} | {fmt_time(r['median'])} |"
                       f" {fmt_time(r['min'])} – {fmt_time(r['max'])} ({r['runs']}) | {cpu} | {thr} |"
                       f" {fmt_mem(r.get('rss_kib'))} | {ratio} |")
    return "\n".join(out)


def find(rows, name):
    return next((r for r in rows if r["name"] == name), None)


def med(rows, name):
    r = find(rows, name)
    return r["median"] if r and r.get("status") == "ok" else None


def verdict(ok):
    return "met" if ok else "**missed**"


def targets(results):
    lines = ["| target | size | measured | |", "| --- | --- | --- | --- |"]

    def add(target, size, text, ok):
        lines.append(f"| {target} | {size} | {text} | {'–' if ok is None else verdict(ok)} |")

    for size, info in results.items():
        rows = info["rows"]
        j, g = med(rows, "xfill scan --format json"), med(rows, "grep -noP")
        if j and g:
            add("scan --format json ≤ 1.5× grep -noP", size, f"xfill ÷ grep = {j / g:.2f}", j / g <= 1.5)
        f = med(rows, "xfill fill")
        fast = [t for t in (med(rows, "minijinja-cli"), med(rows, "envsubst")) if t]
        if f and fast:
            add("fill ≥ 2× faster than min(minijinja-cli, envsubst)", size,
                f"peer ÷ xfill = {min(fast) / f:.2f}", min(fast) / f >= 2)
        cp = med(rows, "cp")
        if f and cp:
            add("fill ≤ 3× cp", size, f"xfill ÷ cp = {f / cp:.1f}", f / cp <= 3)
        e, s = med(rows, "xfill extract"), med(rows, "str.find (Python)")
        if e and s:
            add("extract ≥ 5× faster than str.find", size, f"str.find ÷ xfill = {s / e:.2f}", s / e >= 5)
        if e and cp:
            add("extract ≤ 3× cp", size, f"xfill ÷ cp = {e / cp:.1f}", e / cp <= 3)
        b, jl = med(rows, "xfill batch"), med(rows, "jinja2 loop (Python)")
        if b and jl:
            add("batch ≥ 5× faster than the jinja2 loop", "10,000 rows", f"jinja2 ÷ xfill = {jl / b:.2f}",
                jl / b >= 5)
        i = med(rows, "xfill init")
        if i and size == "10MB":
            add("init on 10 MB in a few seconds (≤ 3 s)", size, fmt_time(i), i <= 3)
        for name in ("xfill fill", "xfill extract"):
            r = find(rows, name)
            if r and r.get("rss_kib"):
                ratio = r["rss_kib"] * 1024 / info["bytes"]
                # Below ~10 MB a process's fixed few MiB dominate: shown, not judged.
                add(f"{name.split()[1]} peak RSS ≤ 3× input", size,
                    f"{fmt_mem(r['rss_kib'])} = {ratio:.1f}× template.txt",
                    ratio <= 3 if info["bytes"] >= 8 * MIB else None)
        for r in rows:
            if r["role"] == "xfill" and r.get("status") not in ("ok", None) and r["group"] != "batch":
                add(f"{r['name']} finishes", size, r["status"], False)
    sizes = list(results)
    for a, b in zip(sizes, sizes[1:]):
        ra, rb = results[a]["rows"], results[b]["rows"]
        for r in ra:
            if r["role"] != "xfill" or r["group"] == "batch":
                continue
            ta, tb = med(ra, r["name"]), med(rb, r["name"])
            if ta and tb:
                k = tb / ta
                step = results[b]["bytes"] / results[a]["bytes"]
                add(f"{r['name']}: {a}→{b} within 15% of {step:.0f}×", f"{a}→{b}", f"{k:.1f}× the time",
                    abs(k / step - 1) <= 0.15)
            elif ta and find(rb, r["name"]) and "slower_than" in find(rb, r["name"]):
                add(f"{r['name']}: {a}→{b} within 15% of 10×", f"{a}→{b}",
                    f"> {find(rb, r['name'])['slower_than'] / ta:.0f}×", False)
    return "\n".join(lines)


def versions(py):
    def first(cmd):
        try:
            out = subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=30)
            return (out.stdout or out.stderr).strip().splitlines()[0]
        except Exception:  # noqa: BLE001 -- a missing tool is shown, not fatal
            return "?"
    return {
        "hyperfine": first("hyperfine --version"),
        "rg": first("rg --version"),
        "grep": first("grep --version"),
        "sed": first("sed --version"),
        "envsubst": first("envsubst --version"),
        "minijinja-cli": first("minijinja-cli --version"),
        "python": first(f"{py} --version"),
        "jinja2": first(f"{py} -c 'import jinja2; print(jinja2.__version__)'"),
        "parse": first(f"{py} -c 'import parse; print(parse.__version__)'"),
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--xfill", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--sizes", default="1MB,10MB,100MB")
    ap.add_argument("--results", required=True)
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--budget", type=float, default=12, help="seconds of hyperfine runs per command")
    ap.add_argument("--max-runs", type=int, default=10)
    ap.add_argument("--timeout", type=float, default=120, help="seconds before a probe is stopped")
    ap.add_argument("--max-rss-gib", type=float, default=8,
                    help="skip a command whose memory, grown linearly from the last size, would pass this")
    ap.add_argument("--no-skip-predicted", dest="skip_predicted", action="store_false",
                    help="run every command, however slow or large it is predicted to be")
    args = ap.parse_args()
    x = os.path.abspath(args.xfill)
    sizes = [s for s in args.sizes.replace(",", " ").split() if s]
    batch_available = subprocess.run([x, "batch", "--help"], capture_output=True).returncode == 0
    if not batch_available:
        print("bench: `xfill batch` is not there yet; timing only the jinja2 loop", file=sys.stderr)
    # Batch writes 10,000 files: on a disk, creating them takes most of the time and varies
    # several-fold from run to run with the journal, so both tools write to tmpfs when there is one.
    shm = "/dev/shm"
    if os.path.isdir(shm) and os.access(shm, os.W_OK):
        batch_dir = tempfile.mkdtemp(prefix="xfill-bench-", dir=shm)
    else:
        batch_dir = os.path.abspath(os.path.join(args.work, sizes[0], "out"))
    cmds, batch = commands(x, args.python, batch_available, batch_dir)
    started = time.time()
    load_before = os.getloadavg()
    results, history, rss_history, last = {}, {}, {}, 1
    for n, size in enumerate(sizes):
        d = os.path.join(args.work, size)
        here = os.path.getsize(os.path.join(d, "template.txt"))
        step = here / last if n else 1.0
        last = here
        todo = cmds + (batch if n == 0 else [])
        rows = []
        if n == 0 and not batch_available:
            rows.append({"group": "batch", "name": "xfill batch", "role": "xfill", "unit": "rows",
                         "note": "", "status": "skipped: this build has no `batch` subcommand"})
        for cmd in todo:
            print(f"bench: {size:>6} {cmd.group:8} {cmd.name} …", end="", flush=True, file=sys.stderr)
            row = measure(cmd, d, args, history, rss_history, step)
            print(f" {fmt_time(row.get('median')) if row.get('status') == 'ok' else row['status']}",
                  file=sys.stderr)
            rows.append(row)
        with open(os.path.join(d, "rows.csv"), encoding="utf-8") as f:
            rows_count = sum(1 for _ in f) - 1
        results[size] = {"rows": rows, "bytes": os.path.getsize(os.path.join(d, "template.txt")),
                         "rows_count": rows_count}
    if batch_dir.startswith(shm):
        subprocess.run(["rm", "-rf", batch_dir], check=False)
    elapsed = time.time() - started
    load_after = os.getloadavg()

    v = versions(args.python)
    order = ["scan", "fill", "extract", "batch", "init", "floor"]
    for info in results.values():
        info["rows"].sort(key=lambda r: order.index(r["group"]))
    slots = {size: sum(1 for line in open(os.path.join(args.work, size, "values.yaml"), encoding="utf-8"))
             for size in results}
    doc = [
        "# xfill benchmarks",
        "",
        f"Made by `scripts/bench.sh` on {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores,"
        f" {platform.system()} {platform.release()}; the whole run took {elapsed / 60:.1f} min."
        f" Load average {load_before[0]:.1f} at the start, {load_after[0]:.1f} at the end: other"
        " processes were running, so read medians, and ratios within one size (measured in the"
        " same run, on the same files).",
        "",
        "Inputs from `scripts/gen.py --slots-per-kb 4.5`: "
        + ", ".join(f"{s}: {results[s]['bytes']:,} bytes, {slots[s]:,} slots" for s in results)
        + "; batch: rows-template.txt (20 slots) × 10,000 CSV rows. Every output was checked"
        " (filled text byte-identical to filled.txt, extracted values equal to values.yaml, scan"
        " offsets equal to gen.py's, one file per row with that row's values) before it was timed.",
        "",
        "Median, min and max of hyperfine runs (a command slower than the per-command budget is"
        " timed once); CPU is hyperfine's mean user+sys (less disturbed by other load than the"
        " wall time); throughput is template.txt's size (MB = MiB) over the median; max RSS from"
        " `/usr/bin/time -v`; the last column is xfill's median over the best peer's in the"
        " same job (below 1: xfill is faster).",
        "",
        table(results),
        "",
        "## Targets",
        "",
        targets(results),
        "",
        "## Notes",
        "",
        "- `xfill fill -o` writes through a temp file and renames it, with an fsync before it replaces a file: the fsync is the"
        " difference from `xfill fill > file`; it is not counted in the targets.",
        "- envsubst: the time includes sourcing env.sh (one `export` per field). envsubst looks each"
        " `${name}` up with getenv, a linear scan of the environment, so it grows with slots × fields;"
        " beyond about 6 MB of environment (the 100 MB input) exec fails with E2BIG.",
        "- sed: `fill.sed` has one `s/X单位/值单位/` per slot and `n` between lines, one pass over the"
        " text; GNU sed keeps every compiled expression, hence its memory.",
        "- parse: one `parse.parse` per line (one expression for the whole document is beyond it);"
        " str.find: the template's text between slots is known, each value ends where the next"
        " piece begins.",
        "- grep -noP and rg write to a file (GNU grep stops at the first match when stdout is /dev/null).",
        "- batch: both write their 10,000 files to tmpfs (/dev/shm) when there is one: on this disk,"
        " creating the files took most of the time and varied several-fold between identical runs.",
        f"- Locale: LANG={os.environ.get('LANG', '')!r}, LC_ALL={os.environ.get('LC_ALL', '')!r}.",
        "- Where the time goes: `cargo bench --bench flow` times scan, schema parsing, values, bind,"
        " fill and extract apart (divan). For a profile of one command, build with frame pointers"
        " and line tables and record with call graphs, e.g. in target/bench/10MB:"
        " `CARGO_TARGET_DIR=/tmp/xfill-prof RUSTFLAGS='-C force-frame-pointers=yes'"
        " CARGO_PROFILE_RELEASE_DEBUG=line-tables-only cargo build --release`, then"
        " `perf record -F 999 --call-graph fp /tmp/xfill-prof/release/xfill fill template.txt"
        " --schema schema.yaml --values values.yaml > /dev/null` and"
        " `perf report --children --stdio -g none`; `addr2line -f -i -C -e BIN ADDR` names the"
        " inlined function behind a hot address from `perf annotate`.",
        "",
        "Tools: " + "; ".join(f"{k} {val}" for k, val in v.items()) + ".",
        "",
    ]
    text = "\n".join(doc)
    with open(args.results, "w", encoding="utf-8") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()
