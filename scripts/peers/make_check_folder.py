#!/usr/bin/env python3
"""Makes the folder `check` runs over: an archive of sample-like documents of about 5 KB.

    python3 scripts/peers/make_check_folder.py samples/summary OUT_DIR [--files 10000] [--every 10]

OUT_DIR/docs/dNNN/NNNNN.txt, 100 files a folder, each headed by its archive number. Nine in
ten are the sample's filled text (no X at all); one in ten (--every) still has slots: the
template itself (34 slots), or, every other time, the filled text with one value put back to
X. OUT_DIR/expected.txt lists those, one path a line, sorted.
"""
import argparse
import os


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("stem")
    ap.add_argument("out")
    ap.add_argument("--files", type=int, default=10000)
    ap.add_argument("--every", type=int, default=10)
    args = ap.parse_args()
    with open(args.stem + ".filled.txt", encoding="utf-8") as f:
        filled = f.read()
    with open(args.stem + ".txt", encoding="utf-8") as f:
        template = f.read()
    assert "X" not in filled
    # One value put back: the first place the filled text differs from the template.
    at = next(i for i, (a, b) in enumerate(zip(template, filled)) if a != b)
    one_left = filled[:at] + "X" + filled[at + filled[at:].index(template[at + 1]):]
    expected = []
    for i in range(args.files):
        rel = os.path.join("docs", f"d{i // 100:03d}", f"{i:05d}.txt")
        path = os.path.join(args.out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if i % args.every == args.every - 1:
            body = template if (i // args.every) % 2 == 0 else one_left
            expected.append(rel)
        else:
            body = filled
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(f"档案编号：{i:05d}\n" + body)
    with open(os.path.join(args.out, "expected.txt"), "w", encoding="utf-8") as f:
        f.write("".join(p + "\n" for p in sorted(expected)))


if __name__ == "__main__":
    main()
