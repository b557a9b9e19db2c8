"""Reading what scripts/gen.py writes (standard library only): its schemas and values files
are one flat form, `  fN:` / `    anchors: [ANCHOR, …]` and `fN: VALUE`, so no YAML parser is needed."""
import re


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def anchors(schema_path):
    """field → its anchors (a list), in schema order."""
    out, field = {}, None
    for line in read(schema_path).splitlines():
        m = re.match(r"^  (\S+):$", line)
        if m:
            field = m.group(1)
        m = re.match(r"^    anchors: \[(.*)\]$", line)
        if m and field:
            out[field] = m.group(1).split(", ")
    return out


def values(path):
    """field → value text of a flat `field: value` file (comments and blank lines skipped)."""
    out = {}
    for line in read(path).splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, _, value = line.partition(":")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        out[key.strip()] = value
    return out
