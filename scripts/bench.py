#!/usr/bin/env python3
"""Times xfill against its peers on the inputs scripts/bench.sh makes, checking every output
first, and writes a Markdown report. Called by scripts/bench.sh, which installs the peers,
builds xfill and makes the inputs; run that rather than this.

    python3 scripts/bench.py --xfill BIN --work DIR --results FILE [--quick]

Jobs (each directory under --work): seed (the sample summary.txt), doc-100KB, doc-1MB,
doc-10MB (gen.py), check (10,000 files), rows-10000 and rows-1000000 (batch), docx (a Word
template, 1,000 rows), init-line (init on templates of one line, 1 MB and 4 MB). --quick leaves out doc-10MB and rows-1000000.

For each command: one probe run under `/usr/bin/time -v` (peak RSS; it also warms the page
cache), its output checked by scripts/peers/check.py (a wrong output is reported WRONG and
not timed), then hyperfine runs for the median: as many as fit in --budget seconds, at least
3 and at most --max-runs; a command slower than --single seconds is timed by its probe
alone. A command predicted (from the same command at the smaller size) to take longer than
--skip-over seconds is skipped, and the prediction shown.
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
q = shlex.quote


class Cmd:
    """One benchmarked command line, run in its job's directory; it writes `out` (a file, or
    a folder for batch). role: xfill, peer, floor or extra (xfill, shown only)."""

    def __init__(self, name, line, out, check, role, prepare=None, ok_codes=(0,)):
        self.name, self.line, self.out, self.check, self.role = name, line, out, check, role
        self.prepare, self.ok_codes = prepare, ok_codes
        # hyperfine runs the command itself, without a shell (-N: no shell start to subtract,
        # which matters for commands of a millisecond), its stdout into the same file.
        m = re.fullmatch(r"(?P<argv>.*?)(?: > (?P<stdout>out/\S+))?(?: 2> out/\S+)?", line)
        assert m, f"not a plain command: {line}"
        self.argv, self.stdout = m.group("argv"), m.group("stdout")


class Job:
    def __init__(self, key, title, directory, cmds, unit=""):
        self.key, self.title, self.dir, self.cmds, self.unit = key, title, directory, cmds, unit
        self.rows = []


def peer(py, script):
    return f"{q(py)} {q(os.path.join(PEERS, script))}"


def doc_cmds(x):
    fill = f"{q(x)} fill template.txt --schema schema.yaml --values values.yaml"
    return [
        Cmd("xfill fill", f"{fill} > out/fill.txt 2> out/fill.err", "out/fill.txt", "same:filled.txt", "xfill"),
        Cmd("minijinja-cli", "minijinja-cli jinja.txt values.json > out/minijinja.txt", "out/minijinja.txt",
            "same:filled.txt", "peer"),
        Cmd("cat template.txt", "cat template.txt > out/cat.txt", "out/cat.txt", "same:template.txt", "floor"),
    ]


def into_dir(name, line, out, check, role):
    """A command that writes into the folder `out` (`{out}` in `line`), emptied before each run."""
    return Cmd(name, line.replace("{out}", q(out)), out, check, role, prepare=f"rm -rf {q(out)}")


def jobs_for(args, x, py, batch_dir):
    w = lambda name: os.path.join(args.work, name)  # noqa: E731
    jobs = []
    seed = doc_cmds(x) + [
        Cmd("/bin/true", "/bin/true", None, None, "floor"),
        # xfill's own start: what of fill's time is not filling.
        Cmd("xfill --version", f"{q(x)} --version > out/version.txt", None, None, "extra"),
    ]
    jobs.append(Job("seed", "seed: samples/summary.txt", w("seed"), seed))
    sizes = ["100KB", "1MB"] + ([] if args.quick else ["10MB"])
    for size in sizes:
        cmds = doc_cmds(x) + [
            Cmd("xfill scan", f"{q(x)} scan template.txt > out/scan.txt", "out/scan.txt", "scan-human", "xfill"),
            Cmd("xfill scan --format json", f"{q(x)} scan --format json template.txt > out/scan.json",
                "out/scan.json", "scan-json", "extra"),
            Cmd("rg", f"rg -n --column -o -P {q(PATTERN)} template.txt > out/rg.txt", "out/rg.txt", "matches",
                "peer"),
            Cmd("xfill extract", f"{q(x)} extract template.txt filled.txt --schema schema.yaml"
                " > out/extract.yaml 2> out/extract.err", "out/extract.yaml", "values", "xfill"),
            Cmd("str.find (Python)", f"{peer(py, 'find_extract.py')} jinja.txt filled.txt > out/find.yaml",
                "out/find.yaml", "values", "peer"),
        ]
        jobs.append(Job(f"doc-{size}", f"document {size}", w(f"doc-{size}"), cmds))
    jobs.append(Job("check", "check: 10,000 files", w("check"), [
        # exit 1: some documents have slots left, which is what this folder holds.
        Cmd("xfill check", f"{q(x)} check docs > out/check.txt", "out/check.txt", "listed", "xfill",
            ok_codes=(0, 1)),
        Cmd("rg -c X", "rg -c X docs > out/rg.txt", "out/rg.txt", "listed", "peer"),
    ]))
    for n in [10000] + ([] if args.quick else [1000000]):
        d = lambda name: os.path.join(batch_dir, f"{name}-{n}")  # noqa: E731
        cmds = [
            into_dir("xfill batch", f"{q(x)} batch rows-template.txt --schema rows-schema.yaml --rows rows.csv"
                     " --out-dir {out} > out/batch.out 2> out/batch.err", d("xfill"), "batch", "xfill"),
            into_dir("jinja2 loop (Python)", f"{peer(py, 'jinja_batch.py')} rows-jinja.txt rows.csv {{out}}",
                     d("jinja"), "batch", "peer"),
            into_dir("write floor (Python)", f"{peer(py, 'write_floor.py')} rows-sizes.txt {{out}}",
                     d("floor"), "sizes", "floor"),
        ]
        jobs.append(Job(f"rows-{n}", f"batch {n:,} rows", w(f"rows-{n}"), cmds, unit="rows"))
    # init on templates that are one line of 1 MB and 4 MB: a rule that reads its slot's whole
    # line once per slot shows here as time growing with the square of the size.
    jobs.append(Job("init-line", "init, one long line", w("init-line"), [
        Cmd(f"xfill init ({name}, {size})", f"{q(x)} init {name}-{size}.txt > out/{name}-{size}.yaml",
            f"out/{name}-{size}.yaml", check, "xfill")
        for name, check in (("x", "schema:1"), ("samples", "schema:"))
        for size in ("1MB", "4MB")
    ]))
    d = lambda name: os.path.join(batch_dir, f"docx-{name}")  # noqa: E731
    jobs.append(Job("docx", "batch .docx, 1,000 rows", w("docx"), [
        into_dir("xfill batch", f"{q(x)} batch template.docx --schema schema.yaml --rows rows.csv"
                 " --out-dir {out} > out/batch.out 2> out/batch.err", d("xfill"), "docx-batch", "xfill"),
        into_dir("docxtpl (Python)", f"{peer(py, 'docxtpl_batch.py')} jinja.docx rows.csv {{out}}",
                 d("docxtpl"), "docx-batch", "peer"),
        into_dir("copy floor (Python)", f"{peer(py, 'write_floor.py')} --copy template.docx 1000 {{out}}",
                 d("copy"), "copies", "floor"),
    ], unit="rows"))
    return jobs


def run_probe(cmd, cwd, timeout):
    """One run under /usr/bin/time -v: (exit code or "timeout", wall seconds, max RSS KiB, stderr tail)."""
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
        args = ["hyperfine", "--style", "none", "--warmup", "0", "--runs", str(runs), "-N",
                "--output", cmd.stdout or "null", "--export-json", tf.name, "--command-name", cmd.name]
        if cmd.ok_codes != (0,):
            args.append("-i")
        if cmd.prepare:
            args += ["--prepare", cmd.prepare]
        proc = subprocess.run(args + [cmd.argv], cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if proc.returncode != 0:
            return None
        r = json.load(tf)["results"][0]
    return {"median": r["median"], "min": r["min"], "max": r["max"], "runs": len(r["times"]),
            "cpu": (r["user"] or 0) + (r["system"] or 0)}


def measure(cmd, cwd, args, predicted=None):
    row = {"name": cmd.name, "role": cmd.role}
    if predicted is not None and predicted > args.skip_over:
        row["status"] = f"skipped: predicted ≈ {predicted / 60:.0f} min from the smaller run"
        return row
    os.makedirs(os.path.join(cwd, "out"), exist_ok=True)
    code, wall, rss, tail = run_probe(cmd, cwd, args.timeout)
    row["rss_kib"] = rss
    if code == "timeout":
        row["status"] = f"stopped after {args.timeout:.0f} s"
        return row
    if code not in cmd.ok_codes:
        row["status"] = f"failed: exit {code}" + (f" ({tail[:80]})" if tail else "")
        return row
    if cmd.check:
        check = subprocess.run([sys.executable, os.path.join(PEERS, "check.py"), cmd.check, cmd.out, "."],
                               cwd=cwd, capture_output=True, text=True)
        if check.returncode != 0:
            row["status"] = "WRONG: " + (check.stdout.strip() or check.stderr.strip()[-200:])
            return row
    if wall > args.single:
        stats = {"median": wall, "min": wall, "max": wall, "runs": 1, "cpu": None}
    else:
        runs = max(3, min(args.max_runs, int(args.budget / max(wall, 1e-3))))
        stats = hyperfine(cmd, cwd, runs)
        if stats is None:
            row["status"] = "failed under hyperfine"
            return row
    if cmd.prepare:  # batch folders: gone once timed (10,000s of files in memory)
        subprocess.run(cmd.prepare, shell=True, cwd=cwd, check=False)
    row.update(stats)
    row["status"] = "ok"
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


def get(job, name):
    return next((r for r in job.rows if r["name"] == name), None)


def med(job, name):
    r = get(job, name)
    return r["median"] if r and r.get("status") == "ok" else None


def detail(jobs):
    out = ["| job | command | median | min – max (runs) | CPU user+sys | max RSS |",
           "| --- | --- | ---: | ---: | ---: | ---: |"]
    for job in jobs:
        for r in job.rows:
            name = f"**{r['name']}**" if r["role"] == "xfill" else r["name"]
            if r.get("status") != "ok":
                out.append(f"| {job.title} | {name} | {r['status']} | | | {fmt_mem(r.get('rss_kib'))} |")
                continue
            cpu = fmt_time(r.get("cpu")) if r.get("cpu") is not None else "–"
            out.append(f"| {job.title} | {name} | {fmt_time(r['median'])} | {fmt_time(r['min'])} –"
                       f" {fmt_time(r['max'])} ({r['runs']}) | {cpu} | {fmt_mem(r.get('rss_kib'))} |")
    return "\n".join(out)


def summary(jobs):
    """The table the README shows: job | xfill | peer | ratio | target | met?"""
    by = {j.key: j for j in jobs}
    lines = ["| job | xfill | peer | ratio | target | met? |", "| --- | ---: | ---: | ---: | --- | --- |"]
    verdicts = []

    def add(job_title, xname, job, pname, target=None, label=None, show_inverse=False):
        """ratio = xfill ÷ peer; target(ratio) → bool; show_inverse: print peer ÷ xfill."""
        xr, pr = get(job, xname), get(job, pname)
        xt, pt = med(job, xname), med(job, pname)
        xs = fmt_time(xt) if xt else (xr["status"] if xr else "–")
        ps = f"{pname} {fmt_time(pt)}" if pt else f"{pname}: {pr['status'] if pr else '–'}"
        if xt and pt:
            ratio = f"{pt / xt:.1f}× faster" if show_inverse else f"{xt / pt:.2f}"
            met = ("met" if target(xt / pt) else "**missed**") if target else "–"
        else:
            ratio, met = "–", ("**missed**" if target and not xt else "–")
        lines.append(f"| {job_title} | {xs} | {ps} | {ratio} | {label or '–'} | {met} |")
        if target:
            verdicts.append((job_title, pname, met))

    if "seed" in by:
        j = by["seed"]
        add("seed (5 KB, 34 slots): fill", "xfill fill", j, "minijinja-cli", lambda r: r <= 1,
            "≤ minijinja-cli")
        add("seed: fill", "xfill fill", j, "cat template.txt", lambda r: r <= 2, "about a process start (≤ 2× cat)")
        add("seed: fill", "xfill fill", j, "/bin/true", None)
        add("seed: xfill --version (its start)", "xfill --version", j, "/bin/true", None)
    for size in ("100KB", "1MB", "10MB"):
        j = by.get(f"doc-{size}")
        if not j:
            continue
        # The target is for the 1 MB document: no slower than the fastest peer.
        at_most_peer = (lambda r: r <= 1) if size == "1MB" else None
        label = "≤ the peer" if size == "1MB" else None
        add(f"{size}: fill", "xfill fill", j, "minijinja-cli", at_most_peer, label)
        add(f"{size}: scan", "xfill scan", j, "rg", at_most_peer, label)
        add(f"{size}: extract", "xfill extract", j, "str.find (Python)", at_most_peer, label)
    if "check" in by:
        add("check, 10,000 files", "xfill check", by["check"], "rg -c X", lambda r: r <= 1.2, "≤ 1.2× rg")
    for n in (10000, 1000000):
        j = by.get(f"rows-{n}")
        if not j:
            continue
        add(f"batch {n:,} rows", "xfill batch", j, "jinja2 loop (Python)")
        add(f"batch {n:,} rows", "xfill batch", j, "write floor (Python)", lambda r: r <= 1.5, "≤ 1.5× write floor")
    small, big = by.get("rows-10000"), by.get("rows-1000000")
    if small and big and get(small, "xfill batch") and get(big, "xfill batch"):
        a, b = get(small, "xfill batch").get("rss_kib"), get(big, "xfill batch").get("rss_kib")
        if a and b:
            ok = b <= 1.5 * a
            lines.append(f"| batch peak RSS, 10,000 → 1,000,000 rows | {fmt_mem(a)} → {fmt_mem(b)} | | {b / a:.2f} |"
                         f" flat (≤ 1.5×) | {'met' if ok else '**missed**'} |")
            verdicts.append(("batch peak RSS", "10,000 rows", "met" if ok else "**missed**"))
    if "init-line" in by:
        j = by["init-line"]
        for name, what in (("x", "`X个` repeated"), ("samples", "the samples joined")):
            small, big = f"xfill init ({name}, 1MB)", f"xfill init ({name}, 4MB)"
            ta, tb = med(j, small), med(j, big)
            if ta and tb:
                ok = tb / ta <= 6
                rss = (get(j, big) or {}).get("rss_kib")
                lines.append(f"| init, one line of {what}, 1 MB → 4 MB | {fmt_time(ta)} → {fmt_time(tb)}"
                             f" ({fmt_mem(rss)} at 4 MB) | | {tb / ta:.1f}× | near-linear (≤ 6× for 4× the input) |"
                             f" {'met' if ok else '**missed**'} |")
                verdicts.append((f"init, one line of {what}", "1 MB", "met" if ok else "**missed**"))
            else:
                lines.append(f"| init, one line of {what}, 1 MB → 4 MB | – | | – | near-linear | **missed** |")
                verdicts.append((f"init, one line of {what}", "1 MB", "**missed**"))
    if "docx" in by:
        j = by["docx"]
        add("batch .docx, 1,000 rows", "xfill batch", j, "docxtpl (Python)", lambda r: r <= 1 / 50,
            "≥ 50× faster than docxtpl", show_inverse=True)
        add("batch .docx, 1,000 rows", "xfill batch", j, "copy floor (Python)", lambda r: r <= 2, "≤ 2× copy floor")
    a, b = by.get("doc-1MB"), by.get("doc-10MB")
    growth = []
    if a and b:
        step = os.path.getsize(os.path.join(b.dir, "template.txt")) / os.path.getsize(os.path.join(a.dir, "template.txt"))
        for name in ("xfill fill", "xfill scan", "xfill extract"):
            ta, tb = med(a, name), med(b, name)
            ra, rb = (get(a, name) or {}).get("rss_kib"), (get(b, name) or {}).get("rss_kib")
            if ta and tb:
                growth.append(f"| {name} | {fmt_time(ta)} → {fmt_time(tb)} | {tb / ta:.1f}× (input {step:.1f}×) |"
                              f" {fmt_mem(ra)} → {fmt_mem(rb)} |")
        if growth:
            growth = ["| command | 1 MB → 10 MB | time grew | max RSS |", "| --- | ---: | ---: | ---: |"] + growth
    return "\n".join(lines), "\n".join(growth), verdicts


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
        "minijinja-cli": first("minijinja-cli --version"),
        "python": first(f"{py} --version"),
        "jinja2": first(f"{py} -c 'import jinja2; print(jinja2.__version__)'"),
        "docxtpl": first(f"{py} -c 'import docxtpl; print(docxtpl.__version__)'"),
    }


def describe_inputs(args, keys):
    w = lambda *p: os.path.join(args.work, *p)  # noqa: E731
    parts = []
    for size in ("100KB", "1MB", "10MB"):
        d = w(f"doc-{size}")
        if f"doc-{size}" in keys:
            schema = open(os.path.join(d, "schema.yaml"), encoding="utf-8").read()
            fields = len(re.findall(r"^  \S+:$", schema, flags=re.M))
            slots = sum(len(m.split(", ")) for m in re.findall(r"anchors: \[(.*)\]", schema))
            parts.append(f"{size}: {os.path.getsize(os.path.join(d, 'template.txt')):,} bytes, {slots:,} slots,"
                         f" {fields:,} fields")
    for n in (10000, 1000000):
        csv_path = w(f"rows-{n}", "rows.csv")
        if f"rows-{n}" in keys:
            parts.append(f"rows.csv of {n:,} rows: {os.path.getsize(csv_path) / MIB:.1f} MiB")
    return "; ".join(parts)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--xfill", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--results", required=True)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--budget", type=float, default=6, help="seconds of hyperfine runs per command")
    ap.add_argument("--max-runs", type=int, default=20)
    ap.add_argument("--single", type=float, default=60, help="a command slower than this is timed once")
    ap.add_argument("--timeout", type=float, default=900, help="seconds before a probe is stopped")
    ap.add_argument("--skip-over", type=float, default=240,
                    help="skip a command predicted (from the smaller size) to take longer than this")
    ap.add_argument("--only", default="", help="comma-separated job keys (seed, doc-1MB, rows-1000000, …)")
    args = ap.parse_args()
    x = os.path.abspath(args.xfill)
    py = args.python
    # Batches write thousands of files: on a disk, creating them takes most of the time and
    # varies several-fold from run to run with the journal, so every batch (xfill's, its
    # peers', the floors) writes to tmpfs when there is one.
    shm = "/dev/shm"
    if os.path.isdir(shm) and os.access(shm, os.W_OK):
        batch_dir = tempfile.mkdtemp(prefix="xfill-bench-", dir=shm)
    else:
        batch_dir = tempfile.mkdtemp(prefix="batch-", dir=os.path.abspath(args.work))
    try:
        jobs = jobs_for(args, x, py, batch_dir)
    except BaseException:
        os.rmdir(batch_dir)
        raise
    if args.only:
        keep = set(args.only.split(","))
        jobs = [j for j in jobs if j.key in keep]
    started = time.time()
    load_before = os.getloadavg()
    medians = {}
    try:
        for job in jobs:
            rows_count = None
            if job.unit == "rows":
                with open(os.path.join(job.dir, "rows.csv"), "rb") as f:
                    rows_count = sum(1 for _ in f) - 1
            for cmd in job.cmds:
                print(f"bench: {job.title:24} {cmd.name} …", end="", flush=True, file=sys.stderr)
                predicted = None
                if rows_count and rows_count > 10000 and (cmd.name, 10000) in medians:
                    predicted = medians[(cmd.name, 10000)] * rows_count / 10000
                row = measure(cmd, job.dir, args, predicted)
                job.rows.append(row)
                if row.get("status") == "ok" and rows_count:
                    medians[(cmd.name, rows_count)] = row["median"]
                print(f" {fmt_time(row.get('median')) if row.get('status') == 'ok' else row['status']}",
                      file=sys.stderr)
    finally:
        subprocess.run(["rm", "-rf", batch_dir], check=False)
    elapsed = time.time() - started
    load_after = os.getloadavg()

    table, growth, verdicts = summary(jobs)
    v = versions(py)
    doc = [
        "# xfill benchmarks",
        "",
        f"Made by `scripts/bench.sh{' --quick' if args.quick else ''}` on {time.strftime('%Y-%m-%d %H:%M')},"
        f" {os.cpu_count()} cores, {platform.system()} {platform.release()}; the run took {elapsed / 60:.1f} min."
        f" Load average {load_before[0]:.1f} at the start, {load_after[0]:.1f} at the end: other processes were"
        " running, so compare within a job (its commands ran one after the other, on the same files).",
        "",
        "Inputs: the seed is samples/summary.txt (34 slots, 28 fields) with its schema and values;"
        " generated documents (`scripts/gen.py`, about 2.8 slots per KB, 7 slots per field) and batch rows:"
        f" {describe_inputs(args, {j.key for j in jobs})};"
        " check: 10,000 files of about 5 KB in 100 folders, one in ten with slots left;"
        " batch: a 20-slot template (about 2.9 KB a file) × CSV rows of 20 numbers;"
        " .docx: a Word template with bold runs and a 2×2 table holding slots, 9 fields, × 1,000 rows."
        " Every output was checked before it was timed (`scripts/peers/check.py`: filled text byte-identical to"
        " the expected text, extracted values equal to values.yaml, scan offsets equal to gen.py's, each batch"
        " file that row's text, each .docx that row's text with the template's bold runs and table).",
        "",
        "## Summary",
        "",
        "Ratio: xfill's median ÷ the peer's (below 1: xfill is faster).",
        "",
        table,
        "",
    ]
    if growth:
        doc += ["## Growth 1 MB → 10 MB (shown, not judged)", "", growth, ""]
    doc += [
        "## Every command",
        "",
        "Median, min and max of hyperfine runs (a command slower than"
        f" {args.single:.0f} s is timed once, by its probe); CPU is hyperfine's mean user+sys; max RSS from"
        " `/usr/bin/time -v` of the probe run.",
        "",
        detail(jobs),
        "",
        "## Notes",
        "",
        "- Batches (xfill, jinja2, docxtpl and the floors) write to tmpfs (/dev/shm) when there is one;"
        " each folder is removed before every run (hyperfine --prepare), outside the time.",
        "- The write floor writes the same number of files, of the same sizes, from one Python process"
        " (open, write, close); the copy floor copies template.docx 1,000 times with shutil.copyfile.",
        "- `xfill check` exits 1 when a document has slots left, as here: that is its success (hyperfine -i).",
        "- hyperfine starts each command itself, without a shell (`-N`, its stdout to the same file as"
        " in the checked run); `/bin/true` is a process start with nothing to do.",
        f"- Locale: LANG={os.environ.get('LANG', '')!r}.",
        "",
        "Tools: " + "; ".join(f"{k} {val}" for k, val in v.items()) + ".",
        "",
    ]
    text = "\n".join(doc)
    with open(args.results, "w", encoding="utf-8") as f:
        f.write(text)
    print(text)
    missed = [f"{a} vs {b}" for a, b, m in verdicts if m != "met"]
    print(f"bench: targets met {len(verdicts) - len(missed)} of {len(verdicts)}"
          + (f"; missed: {', '.join(missed)}" if missed else ""), file=sys.stderr)


if __name__ == "__main__":
    main()
