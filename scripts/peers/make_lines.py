#!/usr/bin/env python3
"""Makes the inputs of the init-line job: templates that are one long line, where a rule of
`init` that reads its slot's whole line (or the whole text before it) once per slot turns
quadratic. Each at 1 MB and 4 MB, so that the growth of init's time shows it.

    python3 scripts/peers/make_lines.py SAMPLES_DIR OUT_DIR

OUT_DIR/x-1MB.txt, x-4MB.txt: `X个` repeated (a slot every 4 bytes, the densest a template
gets). OUT_DIR/samples-1MB.txt, samples-4MB.txt: every sample template (SAMPLES_DIR/*.txt but
the filled ones) with its line breaks made `。`, joined and repeated: each of init's rules
meets its phrases amid a line of a million bytes.
"""
import glob
import os
import sys

MIB = 1 << 20


def repeated(unit, size):
    data = unit.encode("utf-8")
    return (data * (size // len(data) + 1))[: size - size % len(data)]


def main():
    samples, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    texts = []
    for path in sorted(glob.glob(os.path.join(samples, "*.txt"))):
        if path.endswith(".filled.txt"):
            continue
        with open(path, encoding="utf-8") as f:
            texts.append(f.read().replace("\r\n", "\n").replace("\n", "。"))
    line = "。".join(texts) + "。"
    for mib in (1, 4):
        for name, unit in (("x", "X个"), ("samples", line)):
            with open(os.path.join(out, f"{name}-{mib}MB.txt"), "wb") as f:
                f.write(repeated(unit, mib * MIB))


if __name__ == "__main__":
    main()
