#!/usr/bin/env python3
"""Prints the ESP8266 figures of README.md from the lx106 build (scripts/test.sh builds it into target/lx106).

* flash and RAM: sizes per section of the core and of the BearSSL parts the benchmark image links (its link map);
* stack: the worst case of each public core function, from GCC's -fcallgraph-info=su call graphs of the core and
  BearSSL (an indirect call is charged the deepest of the methods its file calls, INDIRECT; libc leaves are not
  counted: they are not compiled here);
* instructions and measured stack (painted, bench.c) per telemetry signature (100 readings), per receipt, per
  manifest verification, per CSR, from QEMU with -icount (CCOUNT calibrated by
  a loop of known length), and the time that is at 80 MHz assuming one instruction per cycle (a lower bound: flash
  cache misses add cycles on the chip).
"""
import collections
import glob
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BUILD = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "target", "lx106")
# What an indirect call can reach, by the file it is made in (read from the sources; first match wins): in the core,
# a sink's write; in BearSSL, the one method of the curve implementation the core installs (br_ec_p256_m15) that each
# ECDSA and key function calls, the RNG's generate (br_hmac_drbg_vtable) for key generation, GCM's AES-CTR
# (br_aes_ct_ctr_vtable) and GHASH (br_ghash_ctmul32) for the cluster's AEAD, and elsewhere (HMAC, HKDF, the DRBG,
# hashes) a method of br_sha256_vtable, the only hash the core uses.
INDIRECT = [(re.compile(caller), re.compile(targets)) for caller, targets in (
    (r"/core/src/", r"/core/src/text\.c:(sha256_write|buffer_write)$"),
    (r"/ec/(ecdsa_i15_sign_raw|ec_pubkey)\.c$", r"/ec/ec_p256_m15\.c:api_mulgen$"),
    (r"/ec/ecdsa_i15_vrfy_raw\.c$", r"/ec/ec_p256_m15\.c:api_muladd$"),
    (r"/ec/ec_keygen\.c$", r"/ec/ec_p256_m15\.c:api_order$|/rand/hmac_drbg\.c:"),
    (r"/aead/gcm\.c$", r"/symcipher/aes_ct_ctr\.c:|/hash/ghash_ctmul32\.c:br_ghash_ctmul32$"),
    (r"", r"/hash/sha2small\.c:"))]
PUBLIC = re.compile(r"^biotdm_")


def sizes(map_file):
    """Bytes per (library, kind) from a GNU ld map's input sections."""
    total = collections.Counter()
    text = open(map_file).read().split("Linker script and memory map", 1)[1]  # not the discarded sections
    pattern = re.compile(r"^ (\.[\w.$]+|COMMON)\s*\n?\s+0x[0-9a-f]+\s+0x([0-9a-f]+) .*?(lib\w+\.a)", re.M)
    for name, size, lib in pattern.findall(text):
        kind = ("text" if name.startswith((".text", ".literal")) else "rodata" if name.startswith(".rodata")
                else "data" if name.startswith(".data") else "bss" if name.startswith((".bss", "COMMON")) else None)
        if kind is None:
            continue  # .xt.prop, .xt.lit, debug: not loaded on the chip
        total[(lib, kind)] += int(size, 16)
    return total


def call_graph(build):
    frames, edges, short = {}, collections.defaultdict(set), collections.defaultdict(list)
    files, source = {}, ""
    for path in glob.glob(os.path.join(build, "CMakeFiles", "**", "*.ci"), recursive=True):
        for line in open(path):
            graph = re.match(r'graph: \{ title: "([^"]+)"', line)
            source = graph.group(1) if graph else source
            node = re.match(r'node: \{ title: "([^"]+)" label: "([^\\"]+)\\n[^"]*?(\d+) bytes', line)
            edge = re.match(r'edge: \{ sourcename: "([^"]+)" targetname: "([^"]+)"', line)
            if node:
                frames[node.group(1)] = int(node.group(3))
                files[node.group(1)] = source
                short[node.group(2)].append(node.group(1))
            elif edge:
                edges[edge.group(1)].add(edge.group(2))
    return frames, edges, short, files


def worst_stacks(frames, edges, short, files):
    memo = {}

    def resolve(target, source):
        if target in frames:
            return [target]
        if target == "__indirect_call":
            methods = next(targets for caller, targets in INDIRECT if caller.search(files[source]))
            return [t for t in frames if methods.search(t)]
        local = source.rsplit(":", 1)[0] + ":" + target
        return [local] if local in frames else short.get(target, [])

    def worst(title, path):
        if title in memo:
            return memo[title]
        if title in path:
            return 0  # recursion: BearSSL has none; stop rather than loop
        deepest = max([worst(t, path | {title}) for c in edges[title] for t in resolve(c, title)], default=0)
        memo[title] = frames[title] + deepest
        return memo[title]

    return {name: max(worst(t, frozenset()) for t in titles) for name, titles in short.items() if PUBLIC.match(name)}


def instructions(build):
    out = subprocess.run(["qemu-system-xtensa", "-M", "sim", "-cpu", "lx106", "-semihosting", "-nographic",
                          "-monitor", "none", "-icount", "shift=0", "-kernel",
                          os.path.join(build, "biotdm_bench_lx106")], capture_output=True, text=True, timeout=300)
    result = {}
    for name, ticks, calibration, status, stack in re.findall(r"figure (\w+) (\d+) (\d+) (-?\d+) (\d+)",
                                                               out.stdout):
        if status != "0":
            sys.exit(f"benchmark {name} failed with {status}")
        result[name] = (int(ticks) * 2_000_000 // int(calibration), int(stack))
    return result


def main():
    total = sizes(os.path.join(BUILD, "biotdm_bench_lx106.map"))
    print("| part | .text (+literals) | .rodata | .data | .bss |\n|---|---|---|---|---|")
    for lib, label in (("libbiotdm_core.a", "core"), ("libbearssl_lx106.a", "BearSSL, as linked")):
        print(f"| {label} | " + " | ".join(str(total[(lib, k)]) for k in ("text", "rodata", "data", "bss")) + " |")
    flash = sum(v for (lib, k), v in total.items() if k != "bss" and lib != "libc.a")
    ram = sum(v for (lib, k), v in total.items() if k in ("data", "bss") and lib != "libc.a")
    print(f"\nflash (core + crypto): {flash} bytes (budget 65536); static RAM: {ram} bytes (budget 2048); heap: none")
    stacks = worst_stacks(*call_graph(BUILD))
    print("\n| public function | worst-case stack (bytes) |\n|---|---|")
    for name in sorted(stacks):
        print(f"| `{name}` | {stacks[name]} |")
    print(f"\nworst case: {max(stacks.values())} bytes (budget 4096)\n")
    for name, (count, stack) in instructions(BUILD).items():
        print(f"- {name}: {count} instructions, {count / 80_000:.1f} ms at 80 MHz, {stack} bytes of stack measured")


if __name__ == "__main__":
    main()
