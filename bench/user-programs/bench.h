/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Shared by the bench/user-riscv64 programs: the work size from argv[1]
 * and the one checksum line every variant must print identically.
 */
#ifndef BENCH_USER_PROGRAMS_BENCH_H
#define BENCH_USER_PROGRAMS_BENCH_H

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* The work size: argv[1] if given (so the benchmark can scale it), else dflt. */
static inline uint64_t bench_size(int argc, char **argv, uint64_t dflt)
{
    if (argc > 1) {
        char *end;
        unsigned long long v = strtoull(argv[1], &end, 0);
        if (*end || v == 0) {
            fprintf(stderr, "%s: bad size '%s'\n", argv[0], argv[1]);
            exit(2);
        }
        return v;
    }
    return dflt;
}

/* The line the benchmark compares between native, Janus and QEMU. */
static inline void bench_checksum(const char *name, uint64_t sum)
{
    printf("%s checksum: 0x%016" PRIx64 "\n", name, sum);
}

/* splitmix64: a cheap, well-mixed and portable source of test data. */
static inline uint64_t bench_mix(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

#endif
