#!/usr/bin/env python3
"""Writes math_vectors.tsv: reference results of the three MathAPI computations whose digits
come from Python's libraries, produced by CPython 3.11 with mpmath 1.3.0 (BFCL's pin):

  L <value> <base> <precision> <repr(mpmath.log(value) / mpmath.log(base)) at mp.dps = precision>
  S <number> <precision>        <repr(Decimal(number).sqrt()) at getcontext().prec = precision>
  R <number> <ndigits>          <repr(round(number, ndigits))>

Arguments are Python literals. Run from this folder: python3 gen_math_vectors.py
"""
import random
from decimal import Decimal, getcontext

import mpmath


def number(rng):
    k = rng.random()
    if k < 0.3:
        return rng.randint(-50, 100000)
    if k < 0.6:
        return rng.uniform(0, 1000)
    if k < 0.8:
        return 10 ** rng.uniform(-300, 300)
    if k < 0.9:
        return -rng.uniform(0, 100)
    return rng.choice([2, 10, 0.5, 1.5, 3, 7, 1e-5])


def main():
    rng = random.Random(20261201)
    lines = []
    for _ in range(600):
        v, b = number(rng), number(rng)
        p = rng.choice([1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 16, 17, 20, 25, 30])
        try:
            mpmath.mp.dps = p
            r = repr(mpmath.log(v) / mpmath.log(b))
        except ZeroDivisionError:
            continue
        lines.append(f"L\t{v!r}\t{b!r}\t{p!r}\t{r}")
    for _ in range(400):
        x = abs(number(rng))
        p = rng.choice([1, 2, 3, 4, 5, 8, 10, 17, 28, 40])
        getcontext().prec = p
        lines.append(f"S\t{x!r}\t{p!r}\t{Decimal(x).sqrt()!r}")
    for _ in range(600):
        x = rng.choice([rng.uniform(-1000, 1000), 10 ** rng.uniform(-20, 20),
                        rng.randint(-10**6, 10**6) / 1000, round(rng.uniform(0, 100), 3) + 0.0005])
        d = rng.randint(-5, 8)
        lines.append(f"R\t{x!r}\t{d!r}\t{round(x, d)!r}")
    with open("math_vectors.tsv", "w") as out:
        out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
