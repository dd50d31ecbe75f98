#!/usr/bin/env python3
"""Golden values for Tests/ColliderCoreTests/Dataset/DatasetSplitsTests.swift.

An independent implementation of collider's PRNG and splits (docs/data.md), written from the
published algorithms, not from the Swift code:

* SplitMix64 (Steele, Lea, Flood 2014) seeds xoshiro256** (Blackman, Vigna 2018);
* bounded integers by Lemire's multiply-shift with rejection;
* Fisher-Yates from the last position down;
* derive(a, b) = first SplitMix64 output started at (a * 0x9E3779B97F4A7C15) ^ b (mod 2^64).
"""
MASK = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15
VALIDATION_MASK = int.from_bytes(b"VALIDATE", "big")


class SplitMix64:
    def __init__(self, state):
        self.state = state & MASK

    def next(self):
        self.state = (self.state + GOLDEN) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)


def derive(a, b):
    return SplitMix64(((a & MASK) * GOLDEN & MASK) ^ (b & MASK)).next()


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & MASK


class Xoshiro256StarStar:
    def __init__(self, seed):
        mixer = SplitMix64(seed)
        self.s = [mixer.next() for _ in range(4)]

    def next(self):
        s = self.s
        result = (rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result

    def below(self, bound):
        m = self.next() * bound
        low = m & MASK
        if low < bound:
            threshold = (2**64 - bound) % bound
            while low < threshold:
                m = self.next() * bound
                low = m & MASK
        return m >> 64

    def shuffled(self, items):
        items = list(items)
        for i in range(len(items) - 1, 0, -1):
            j = self.below(i + 1)
            items[i], items[j] = items[j], items[i]
        return items


def splits(rows, seed, train, test, validation):
    order = Xoshiro256StarStar(seed).shuffled(range(rows))
    tr, te = order[:train], order[train:train + test]
    va = Xoshiro256StarStar(seed ^ VALIDATION_MASK).shuffled(tr)[:validation]
    return tr, te, va


def minibatch(train, batch, step, run_seed, step_seeded):
    seed = derive(0 if step_seeded else run_seed, step)
    return Xoshiro256StarStar(seed).shuffled(train)[:batch]


if __name__ == "__main__":
    g = Xoshiro256StarStar(0)
    print("xoshiro seed 0, first 3 outputs:", [g.next() for _ in range(3)])
    print("derive(1, 3):", derive(1, 3))
    tr, te, va = splits(1600, 42, 160, 480, 100)
    print("train[:10]:", tr[:10])
    print("test[:5]:", te[:5])
    print("validation[:5]:", va[:5])
    print("sum(train), sum(test):", sum(tr), sum(te))
    print("minibatch run 1 step 3:", minibatch(tr, 3, 3, 1, False))
    print("minibatch run 2 step 3:", minibatch(tr, 3, 3, 2, False))
    print("minibatch step-seeded step 3:", minibatch(tr, 3, 3, 1, True))
