/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Shared checking for the riscv64 instruction tests: CHECK compares a
 * 64-bit result against the value the ISA manual gives; each group prints
 * one line; finish() prints PASS or FAIL and gives the exit status.
 */
#ifndef TESTS_TCG_RISCV64_CHECK_H
#define TESTS_TCG_RISCV64_CHECK_H

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

static int check_failures;
static int check_group_failures;

static void check_u64(const char *expr, uint64_t got, uint64_t want, int line)
{
    if (got != want) {
        printf("  FAIL line %d: %s = 0x%016" PRIx64 ", expected 0x%016" PRIx64 "\n",
               line, expr, got, want);
        check_failures++;
        check_group_failures++;
    }
}

#define CHECK(got, want) check_u64(#got, (uint64_t)(got), (uint64_t)(want), __LINE__)

static void check_group(const char *name)
{
    printf("%s: %s\n", name, check_group_failures ? "FAIL" : "ok");
    check_group_failures = 0;
}

static int check_finish(void)
{
    if (check_failures) {
        printf("FAIL %d check(s)\n", check_failures);
        return 1;
    }
    printf("PASS\n");
    return 0;
}

/* One instruction on registers, opaque to the compiler's folding. */
#define RR(op, a, b) ({                                                   \
    uint64_t r_;                                                          \
    __asm__ volatile(op " %0, %1, %2"                                     \
                     : "=r"(r_) : "r"((uint64_t)(a)), "r"((uint64_t)(b))); \
    r_; })
#define RI(op, a, imm) ({                                                 \
    uint64_t r_;                                                          \
    __asm__ volatile(op " %0, %1, %2"                                     \
                     : "=r"(r_) : "r"((uint64_t)(a)), "i"(imm));          \
    r_; })
#define R1(op, a) ({                                                      \
    uint64_t r_;                                                          \
    __asm__ volatile(op " %0, %1" : "=r"(r_) : "r"((uint64_t)(a)));       \
    r_; })

#endif
