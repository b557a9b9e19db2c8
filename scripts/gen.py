#!/usr/bin/env python3
"""Builds benchmark inputs from phrases in the style of samples/ (standard library only).

    python3 scripts/gen.py OUT_DIR --size 10MB [--slots-per-kb 4.5] [--rows 10000]

writes into OUT_DIR:
  template.txt      a template of about --size bytes, with --slots-per-kb slots per KB and
                    traps that are not slots (X光, XML, Windows XP, 3×4, ID numbers)
  schema.yaml       one field per slot (f1, f2, …), each with a unique anchor
  values.yaml       a value for every field
  filled.txt        the template filled with those values
  jinja.txt         the same template for Jinja / minijinja-cli ({{ f12 }})
  envsubst.txt      the same template for envsubst (${f12})
  env.sh            `export f1=…` lines for envsubst
  rows-template.txt a 20-slot template, rows-schema.yaml, rows.csv (--rows × 20 fields)
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
    ap.add_argument("--slots-per-kb", type=float, default=4.5)
    ap.add_argument("--rows", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    limit = size(args.size)

    tpl, jinja, env, filled = [], [], [], []
    fields = []
    total = 0
    n = 0
    line = []
    while total < limit:
        n += 1
        text, anchor, unit = sentence(n, rng, args.slots_per_kb)
        value = str(rng.randint(1, 99999))
        fields.append((f"f{n}", anchor, value))
        tpl.append(text)
        jinja.append(text.replace("X" + unit, "{{ f%d }}" % n + unit, 1).replace("{{", "{{", 1))
        env.append(text.replace("X" + unit, "${f%d}" % n + unit, 1))
        filled.append(text.replace(f"{unit}。", "", 1).rsplit("X", 1)[0] + value + f"{unit}。")
        total += len(text.encode())
        if n % 8 == 0:
            for part in (tpl, jinja, env, filled):
                part.append("\n")
    write = lambda name, text: open(os.path.join(args.out, name), "w", encoding="utf-8", newline="").write(text)
    write("template.txt", "".join(tpl) + "\n")
    write("jinja.txt", "".join(jinja) + "\n")
    write("envsubst.txt", "".join(env) + "\n")
    write("filled.txt", "".join(filled) + "\n")
    schema = ["version: 1", "fields:"]
    for name, anchor, _ in fields:
        schema += [f"  {name}:", "    type: integer", f"    anchors: [{anchor}]"]
    write("schema.yaml", "\n".join(schema) + "\n")
    write("values.yaml", "".join(f"{name}: {value}\n" for name, _, value in fields))
    write("env.sh", "".join(f"export {name}={value}\n" for name, _, value in fields))

    # A 20-slot template and rows for batch filling.
    rows_tpl = []
    rows_schema = ["version: 1", "fields:"]
    for i in range(1, 21):
        text, anchor, _ = sentence(i, rng, 8)
        rows_tpl.append(text + ("\n" if i % 4 == 0 else ""))
        rows_schema += [f"  f{i}:", "    type: integer", f"    anchors: [{anchor}]"]
    write("rows-template.txt", "".join(rows_tpl))
    write("rows-schema.yaml", "\n".join(rows_schema) + "\n")
    with open(os.path.join(args.out, "rows.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(",".join(f"f{i}" for i in range(1, 21)) + "\n")
        for _ in range(args.rows):
            f.write(",".join(str(rng.randint(1, 9999)) for _ in range(20)) + "\n")
    print(f"{args.out}: {total} bytes, {n} slots ({n * 1024 / max(total, 1):.1f} per KB)")


if __name__ == "__main__":
    main()
