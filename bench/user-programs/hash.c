/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Hashing with rotates: a 64-bit multiply/rotate/xor mixing hash over a
 * 1 MiB buffer, argv[1] rounds, each round seeded by the previous one.
 * Integer ALU and loads only: the best case for a binary translator.
 */
#include "bench.h"

#define WORDS (1u << 17)        /* 1 MiB of uint64_t */

static uint64_t buf[WORDS];

static inline uint64_t rotl64(uint64_t x, unsigned r)
{
    return (x << r) | (x >> (64 - r));
}

static uint64_t hash_round(const uint64_t *p, size_t n, uint64_t seed)
{
    uint64_t a = seed, b = seed ^ 0x6a09e667f3bcc909ull;

    for (size_t i = 0; i < n; i += 2) {
        a = rotl64(a ^ (p[i] * 0x87c37b91114253d5ull), 31) * 0x4cf5ad432745937full;
        b = rotl64(b ^ (p[i + 1] * 0x4cf5ad432745937full), 33) * 0x87c37b91114253d5ull;
        a += rotl64(b, 17);
        b ^= rotl64(a, 43);
    }
    a ^= a >> 29;
    a *= 0xff51afd7ed558ccdull;
    return a ^ rotl64(b, 7) ^ (a >> 32);
}

int main(int argc, char **argv)
{
    uint64_t rounds = bench_size(argc, argv, 3000);
    uint64_t state = 1, h = 0;

    for (size_t i = 0; i < WORDS; i++) {
        buf[i] = bench_mix(&state);
    }
    for (uint64_t r = 0; r < rounds; r++) {
        h = hash_round(buf, WORDS, h + r);
        buf[r % WORDS] ^= h;    /* each round sees different data */
    }
    bench_checksum("hash", h);
    return 0;
}
