#!/usr/bin/env python3
"""Builds benchmark inputs from phrases in the style of samples/ (standard library only).

    python3 scripts/gen.py OUT_DIR --size 1MB [--slots-per-kb 3] [--slots-per-field 7]
    python3 scripts/gen.py OUT_DIR --rows 10000 --rows-only

writes into OUT_DIR:
  template.txt      a template of about --size bytes, with --slots-per-kb slots per KB and
                    traps that are not slots (X光, XML, Windows XP, 3×4, ID numbers)
  schema.yaml       fields f1, f2, …, each covering --slots-per-field slots spread over the
                    text (slot n belongs to field (n - 1) mod F + 1), one unique anchor per slot
  values.yaml       a value for every field
  filled.txt        the template filled with those values
  jinja.txt         the same template for Jinja / minijinja-cli ({{ f12 }} at each slot)
  rows-template.txt a 20-slot template, rows-schema.yaml, rows.csv (--rows × 20 fields) and
                    rows-sizes.txt (the size in bytes of each row's filled file)
With --rows-only, only the last four.
"""
import argparse
import os
import random

UNITS = ["个", "名", "项", "次", "件", "户", "家", "吨", "万元", "元"]
LEADS = ["全年共组织", "累计完成", "新增", "走访", "培训", "帮助解决", "投入资金", "收集意见"]
FILLER = [
    "坚持以党建引领乡村振兴，", "扎实推进各项重点工作，", "切实提升群众的获得感和幸福感，",
    "定期开展X光检查和XML数据报送，", "机房旧电脑仍在运行Windows XP系统，",
    "会议室面积为3×4米，", "经办人身份证号11010519900307123X，", "进一步完善工作机制，",
]


def size(text):
    text = text.strip().upper()
    for suffix, factor in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10), ("B", 1)):
        if text.endswith(suffix):
            return int(float(text[: -len(suffix)]) * factor)
    return int(text)


def sentence(n, rng, slots_per_kb):
    """One sentence holding slot n: a unique number before it makes its anchor unique."""
    unit = UNITS[n % len(UNITS)]
    lead = LEADS[n % len(LEADS)]
    # Filler between slots so that the density comes out near slots_per_kb.
    target = int(1024 / slots_per_kb)
    parts = []
    body = f"第{n}项{lead}X{unit}。"
    while len("".join(parts).encode()) + len(body.encode()) < target:
        parts.append(rng.choice(FILLER))
    return "".join(parts) + body, f"第{n}项{lead}X{unit}", unit


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--size", default="1MB")
    ap.add_argument("--slots-per-kb", type=float, default=3.0)
    ap.add_argument("--slots-per-field", type=int, default=7)
    ap.add_argument("--rows", type=int, default=10000)
    ap.add_argument("--rows-only", action="store_true")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    write = lambda name, text: open(os.path.join(args.out, name), "w", encoding="utf-8", newline="").write(text)  # noqa: E731
    if not args.rows_only:
        document(args, rng, write)
    rows(args, rng, write)


def document(args, rng, write):
    limit = size(args.size)
    # F fields, so that each covers about --slots-per-field of the slots the size will hold.
    n_fields = max(1, round(limit / 1024 * args.slots_per_kb / max(args.slots_per_field, 1)))

    tpl, jinja, filled = [], [], []
    anchors, values = {}, {}
    total = 0
    n = 0
    line = []
    while total < limit:
        n += 1
        text, anchor, unit = sentence(n, rng, args.slots_per_kb)
        name = f"f{(n - 1) % n_fields + 1}"
        value = values.setdefault(name, str(rng.randint(1, 99999)))
        anchors.setdefault(name, []).append(anchor)
        tpl.append(text)
        jinja.append(text.replace("X" + unit, "{{ %s }}" % name + unit, 1))
        filled.append(text.replace(f"{unit}。", "", 1).rsplit("X", 1)[0] + value + f"{unit}。")
        total += len(text.encode())
        if n % 8 == 0:
            for part in (tpl, jinja, filled):
                part.append("\n")
    write("template.txt", "".join(tpl) + "\n")
    write("jinja.txt", "".join(jinja) + "\n")
    write("filled.txt", "".join(filled) + "\n")
    schema = ["version: 1", "fields:"]
    for name, where in anchors.items():
        schema += [f"  {name}:", "    type: integer", f"    anchors: [{', '.join(where)}]"]
    write("schema.yaml", "\n".join(schema) + "\n")
    write("values.yaml", "".join(f"{name}: {value}\n" for name, value in values.items()))
    print(f"{args.out}: {total} bytes, {n} slots ({n * 1024 / max(total, 1):.1f} per KB), {len(values)} fields")


def rows(args, rng, write):
    """A 20-slot template and rows for batch filling."""
    rows_tpl = []
    rows_schema = ["version: 1", "fields:"]
    for i in range(1, 21):
        text, anchor, _ = sentence(i, rng, 8)
        rows_tpl.append(text + ("\n" if i % 4 == 0 else ""))
        rows_schema += [f"  f{i}:", "    type: integer", f"    anchors: [{anchor}]"]
    write("rows-template.txt", "".join(rows_tpl))
    write("rows-schema.yaml", "\n".join(rows_schema) + "\n")
    base = len("".join(rows_tpl).encode()) - 20
    with open(os.path.join(args.out, "rows.csv"), "w", encoding="utf-8", newline="") as f, \
            open(os.path.join(args.out, "rows-sizes.txt"), "w", encoding="ascii") as sizes:
        f.write(",".join(f"f{i}" for i in range(1, 21)) + "\n")
        for _ in range(args.rows):
            row = [str(rng.randint(1, 9999)) for _ in range(20)]
            f.write(",".join(row) + "\n")
            sizes.write(f"{base + sum(map(len, row))}\n")


if __name__ == "__main__":
    main()
