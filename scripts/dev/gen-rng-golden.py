#!/usr/bin/env python3
"""Regenerates sweep-core/src/test/resources/rng-golden.txt from numpy (developer tool, not run by the tests).

Each line is `name count sha256 first-values`: the SHA-256 of the big-endian 8-byte words of `count` draws of one
kind from a fresh numpy.random.default_rng(seed), and the first few values as hex words, so the Java port can be
checked bit for bit without numpy. Run: python3 scripts/dev/gen-rng-golden.py > sweep-core/src/test/resources/rng-golden.txt
"""
import hashlib
import struct

import numpy as np


def words_of(values, kind):
    if kind == "d":
        return [struct.unpack(">Q", struct.pack(">d", float(v)))[0] for v in values]
    return [int(v) & 0xFFFFFFFFFFFFFFFF for v in values]


def line(name, values, kind):
    words = words_of(values, kind)
    digest = hashlib.sha256(b"".join(struct.pack(">Q", w) for w in words)).hexdigest()
    first = ",".join("%016x" % w for w in words[:4])
    return "%s %d %s %s" % (name, len(words), digest, first)


def approx_line(name, values):
    # Paths through pow() and log() of the C library: compared with a relative tolerance, every value listed.
    return "~%s %d - %s" % (name, len(values), ",".join("%016x" % w for w in words_of(values, "d")))


def main():
    print("# numpy %s; regenerate with scripts/dev/gen-rng-golden.py" % np.__version__)
    n = 20000
    for seed in (0, 1, 98765, 12345, 2**40 + 7, 2**64 + 3):
        ss = np.random.SeedSequence(seed)
        print(line("state64/%d" % seed, ss.generate_state(4, np.uint64), "q"))
        print(line("raw/%d" % seed, np.random.PCG64(seed).random_raw(1000), "q"))
    seed = 98765
    print(line("random/%d" % seed, np.random.default_rng(seed).random(n), "d"))
    print(line("normal/%d" % seed, np.random.default_rng(seed).standard_normal(n), "d"))
    print(line("exponential/%d" % seed, np.random.default_rng(seed).standard_exponential(n), "d"))
    for shape in (1.0, 2.5, 10.0):
        rng = np.random.default_rng(seed)
        print(line("gamma/%r/%d" % (shape, seed), [rng.standard_gamma(shape) for _ in range(5000)], "d"))
    for a, b in ((10, 10), (40, 10), (90, 10), (1.5, 1.2)):
        rng = np.random.default_rng(seed)
        print(line("beta/%r/%r/%d" % (float(a), float(b), seed), [rng.beta(a, b) for _ in range(5000)], "d"))
    rng = np.random.default_rng(seed)
    print(approx_line("gamma/0.3/%d" % seed, [rng.standard_gamma(0.3) for _ in range(300)]))
    for a, b in ((0.5, 0.5), (0.5, 3.0), (2.0, 0.7)):
        rng = np.random.default_rng(seed)
        print(approx_line("beta/%r/%r/%d" % (a, b, seed), [rng.beta(a, b) for _ in range(300)]))
    for bound in (10, 3, 7, 2**32):
        rng = np.random.default_rng(seed)
        print(line("integers/%d/%d" % (bound, seed), [rng.integers(0, bound) for _ in range(5000)], "q"))
    for size in (5, 8, 100):
        rng = np.random.default_rng(seed)
        out = []
        for _ in range(200):
            perm = list(range(size))
            rng.shuffle(perm)
            out.extend(perm)
        print(line("shuffle/%d/%d" % (size, seed), out, "q"))
    # Interleaved kinds: the buffered 32-bit half must survive random() and normal draws.
    rng = np.random.default_rng(seed)
    out = []
    for i in range(3000):
        out.append(rng.integers(0, 10))
        out.append(struct.unpack(">Q", struct.pack(">d", rng.random()))[0])
        if i % 3 == 0:
            out.append(struct.unpack(">Q", struct.pack(">d", rng.standard_normal()))[0])
        if i % 5 == 0:
            perm = list(range(5))
            rng.shuffle(perm)
            out.extend(perm)
        if i % 7 == 0:
            out.append(struct.unpack(">Q", struct.pack(">d", rng.beta(10, 10)))[0])
    print(line("mixed/%d" % seed, out, "q"))


if __name__ == "__main__":
    main()
