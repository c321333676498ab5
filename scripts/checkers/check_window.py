#!/usr/bin/env python3
"""Rebuilds a window's Merkle root from its exported readings and compares it with the anchor from your own peer.

Usage: check_window.py WINDOW_JSONL ANCHOR_JSON
  WINDOW_JSONL  one JSON array per reading: [deviceId, batchSeq, sensor, ts, kind, valueText, unit or null]
  ANCHOR_JSON   the anchor from your peer: `scripts/biotdm audit anchors --window ID --json`, or anchors:GetAnchor
Exit status: 0 OK, 1 MISMATCH, 2 malformed input. Standard library only.
"""
import hashlib, json, sys

SCHEME = "biotdm-merkle-sha256-v1"


def text(s):
    b = s.encode("utf-8")
    return b"|%d:" % len(b) + b


def order(r):                          # text by UTF-8 bytes, numbers numerically, no unit first
    d, q, s, t, k, v, u = r
    return (d.encode(), q, s.encode(), t, k.encode(), v.encode(), (0, b"") if u is None else (1, u.encode()))


def leaf(r):
    d, q, s, t, k, v, u = r
    if not (isinstance(q, int) and isinstance(t, int)):
        raise TypeError("batchSeq and ts must be integers: %r" % (r,))
    return (b"biotdm-leaf-v1" + text(d) + b"|%d" % q + text(s) + b"|%d" % t + text(k) + text(v)
            + (b"|-" if u is None else text(u)))


def mth(h):                            # RFC 6962: split at the largest power of two below n
    if len(h) == 1:
        return h[0]
    k = 1
    while k * 2 < len(h):
        k *= 2
    return hashlib.sha256(b"\x01" + mth(h[:k]) + mth(h[k:])).digest()


def main(args):
    if len(args) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        with open(args[0], encoding="utf-8") as w:
            rows = [json.loads(line) for line in w if line.strip()]
        with open(args[1], encoding="utf-8") as a:
            anchor = json.load(a)
        hashes = [hashlib.sha256(b"\x00" + leaf(r)).digest() for r in sorted(rows, key=order)]
        root = (mth(hashes) if hashes else hashlib.sha256(b"").digest()).hex()
        problems = []
        if anchor["hashScheme"] != SCHEME:
            problems.append("hash scheme %s is not %s" % (anchor["hashScheme"], SCHEME))
        if anchor["leafCount"] != len(hashes):
            problems.append("%d readings exported, %s anchored" % (len(hashes), anchor["leafCount"]))
        if anchor["merkleRoot"] != root:
            problems.append("root %s, anchored %s" % (root, anchor["merkleRoot"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
        print("MALFORMED: %s: %s" % (type(e).__name__, e), file=sys.stderr)
        return 2
    if problems:
        print("MISMATCH: " + "; ".join(problems))
        return 1
    print("OK: %d readings, root %s" % (len(hashes), root))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
