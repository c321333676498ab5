#!/usr/bin/env python3
"""Checks a reading's inclusion proof against the anchor read from your own peer (standard library only).

Usage: check_proof.py PROOF_JSON ANCHOR_JSON
  PROOF_JSON   the answer of GET /api/v1/readings/{id}/proof
  ANCHOR_JSON  the anchor from your peer: `scripts/biotdm audit anchors --window ID --json`, or anchors:GetAnchor
Exit status: 0 OK, 1 MISMATCH, 2 malformed input.
"""
import base64, binascii, hashlib, json, sys

SCHEME = "biotdm-merkle-sha256-v1"


class Malformed(Exception):
    pass


def text(s):                           # a text field: |<UTF-8 byte length>:<text>
    b = s.encode("utf-8")
    return b"|%d:" % len(b) + b


def leaf_of(r):                        # the reading's leaf bytes, biotdm-leaf-v1
    return (b"biotdm-leaf-v1" + text(r["deviceId"]) + b"|%d" % r["batchSeq"] + text(r["sensor"])
            + b"|%d" % r["ts"] + text(r["kind"]) + text(r["valueText"])
            + (text(r["unit"]) if r.get("unit") is not None else b"|-"))


def fold(h, i, n, steps):              # the sides must be those of leaf i in a tree of n leaves
    steps = list(steps)
    while n > 1:
        if i ^ 1 < n:
            if not steps:
                return None, "the proof is too short"
            step = steps.pop(0)
            if step["side"] != ("L" if i % 2 else "R"):
                return None, "wrong side for this position"
            s = bytes.fromhex(step["hash"])
            h = hashlib.sha256(b"\x01" + (s + h if step["side"] == "L" else h + s)).digest()
        i, n = i // 2, (n + 1) // 2
    return (None, "extra proof steps") if steps else (h, None)


def check(proof, anchor):
    """Returns the problems; none means the reading is in the anchored window."""
    problems = []
    if anchor["hashScheme"] != SCHEME or proof["hashScheme"] != SCHEME:
        problems.append("hash scheme is not " + SCHEME)
    if anchor["leafCount"] != proof["leafCount"]:
        problems.append("leafCount %s anchored, %s in the proof" % (anchor["leafCount"], proof["leafCount"]))
    if anchor["windowId"] != proof["windowId"]:
        problems.append("the anchor is of window " + anchor["windowId"])
    leaf = base64.b64decode(proof["leafBytes"], validate=True)
    if "reading" in proof and leaf != leaf_of(proof["reading"]):
        problems.append("leafBytes do not encode the reading")
    h, problem = fold(hashlib.sha256(b"\x00" + leaf).digest(), proof["leafIndex"], proof["leafCount"], proof["proof"])
    if problem:
        problems.append(problem)
    elif h.hex() != anchor["merkleRoot"]:
        problems.append("the proof leads to " + h.hex() + ", the anchored root is " + anchor["merkleRoot"])
    return problems


def main(args):
    if len(args) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        with open(args[0], encoding="utf-8") as p, open(args[1], encoding="utf-8") as a:
            proof, anchor = json.load(p), json.load(a)
        problems = check(proof, anchor)
    except (OSError, ValueError, KeyError, TypeError, AttributeError, binascii.Error) as e:
        print("MALFORMED: %s: %s" % (type(e).__name__, e), file=sys.stderr)
        return 2
    if problems:
        print("MISMATCH: " + "; ".join(problems))
        return 1
    print("OK: reading %s is in the anchored window %s" % (proof.get("readingId"), anchor["windowId"]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
