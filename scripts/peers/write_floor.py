#!/usr/bin/env python3
"""The floor of a batch: writing as many files, of the same sizes, as the batch writes,
with no work to make their contents (one process, one open/write/close per file).

    python3 scripts/peers/write_floor.py sizes.txt OUT_DIR     # one file per line of sizes.txt (bytes)
    python3 scripts/peers/write_floor.py --copy FILE N OUT_DIR # N copies of FILE

Files are named 0001.ext, … as `xfill batch` names them.
"""
import os
import shutil
import sys


def main():
    if sys.argv[1] == "--copy":
        src, n, out = sys.argv[2], int(sys.argv[3]), sys.argv[4]
        os.makedirs(out, exist_ok=True)
        ext = os.path.splitext(src)[1]
        width = max(4, len(str(n)))
        for i in range(1, n + 1):
            shutil.copyfile(src, os.path.join(out, f"{i:0{width}d}{ext}"))
        return
    sizes_path, out = sys.argv[1], sys.argv[2]
    with open(sizes_path, encoding="ascii") as f:
        sizes = [int(line) for line in f]
    os.makedirs(out, exist_ok=True)
    blob = b"x" * max(sizes, default=0)
    width = max(4, len(str(len(sizes))))
    for i, size in enumerate(sizes, 1):
        with open(os.path.join(out, f"{i:0{width}d}.txt"), "wb") as f:
            f.write(blob[:size])


if __name__ == "__main__":
    main()
