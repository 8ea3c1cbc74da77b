/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Shared pieces of the F/D tests: raw register images of doubles and
 * NaN-boxed singles, and one-instruction wrappers that clear fflags, run
 * the instruction with an explicit rounding-mode field and return the
 * result bits and the flags it raised.
 */
#ifndef TESTS_TCG_RISCV64_FP_H
#define TESTS_TCG_RISCV64_FP_H

#include <string.h>

#include "check.h"

enum { NX = 1, UF = 2, OF = 4, DZ = 8, NV = 16 };

#define CANON_D 0x7ff8000000000000ull
#define CANON_S 0xffffffff7fc00000ull
#define SNAN_D 0x7ff0000000000001ull
#define QNAN_D 0x7ff8000000000123ull    /* a quiet NaN with a payload */
#define SNAN_S 0xffffffff7f800001ull
#define QNAN_S 0xffffffffffc00123ull    /* negative quiet NaN, payload */
#define INF_D 0x7ff0000000000000ull
#define NINF_D 0xfff0000000000000ull
#define INF_S 0xffffffff7f800000ull
#define NINF_S 0xffffffffff800000ull

static inline uint64_t D(double d)
{
    uint64_t v;

    memcpy(&v, &d, 8);
    return v;
}

static inline uint64_t S(float f)
{
    uint32_t v;

    memcpy(&v, &f, 4);
    return 0xffffffff00000000ull | v;
}

/* rd = insn(rs1[, rs2[, rs3]]) on FP registers; *fl = the flags raised. */
#define FOP1(insn, a, fl) ({                                              \
    uint64_t r_, f_;                                                      \
    __asm__ volatile("fsflags zero\n\tfmv.d.x ft0, %2\n\t"                \
                     insn " ft2, ft0\n\tfmv.x.d %0, ft2\n\tfrflags %1"    \
                     : "=&r"(r_), "=&r"(f_) : "r"((uint64_t)(a))          \
                     : "ft0", "ft2");                                     \
    *(fl) = f_; r_; })
#define FOP2(insn, a, b, fl) ({                                           \
    uint64_t r_, f_;                                                      \
    __asm__ volatile("fsflags zero\n\tfmv.d.x ft0, %2\n\tfmv.d.x ft1, %3\n\t" \
                     insn " ft2, ft0, ft1\n\tfmv.x.d %0, ft2\n\tfrflags %1" \
                     : "=&r"(r_), "=&r"(f_)                               \
                     : "r"((uint64_t)(a)), "r"((uint64_t)(b))             \
                     : "ft0", "ft1", "ft2");                              \
    *(fl) = f_; r_; })
#define FOP3(insn, a, b, c, fl) ({                                        \
    uint64_t r_, f_;                                                      \
    __asm__ volatile("fsflags zero\n\tfmv.d.x ft0, %2\n\tfmv.d.x ft1, %3\n\t" \
                     "fmv.d.x ft3, %4\n\t"                                \
                     insn " ft2, ft0, ft1, ft3\n\tfmv.x.d %0, ft2\n\tfrflags %1" \
                     : "=&r"(r_), "=&r"(f_)                               \
                     : "r"((uint64_t)(a)), "r"((uint64_t)(b)),            \
                       "r"((uint64_t)(c))                                 \
                     : "ft0", "ft1", "ft2", "ft3");                       \
    *(fl) = f_; r_; })
/* Integer result: rd = insn(f rs1[, f rs2]). */
#define XOP1(insn, a, fl) ({                                              \
    uint64_t r_, f_;                                                      \
    __asm__ volatile("fsflags zero\n\tfmv.d.x ft0, %2\n\t"                \
                     insn " %0, ft0\n\tfrflags %1"                        \
                     : "=&r"(r_), "=&r"(f_) : "r"((uint64_t)(a)) : "ft0"); \
    *(fl) = f_; r_; })
#define XOP2(insn, a, b, fl) ({                                           \
    uint64_t r_, f_;                                                      \
    __asm__ volatile("fsflags zero\n\tfmv.d.x ft0, %2\n\tfmv.d.x ft1, %3\n\t" \
                     insn " %0, ft0, ft1\n\tfrflags %1"                   \
                     : "=&r"(r_), "=&r"(f_)                               \
                     : "r"((uint64_t)(a)), "r"((uint64_t)(b))             \
                     : "ft0", "ft1");                                     \
    *(fl) = f_; r_; })
/* FP result from an integer register: rd = insn(x rs1). */
#define IOP1(insn, a, fl) ({                                              \
    uint64_t r_, f_;                                                      \
    __asm__ volatile("fsflags zero\n\t" insn " ft2, %2\n\t"               \
                     "fmv.x.d %0, ft2\n\tfrflags %1"                      \
                     : "=&r"(r_), "=&r"(f_) : "r"((uint64_t)(a)) : "ft2"); \
    *(fl) = f_; r_; })

/* Check result and flags together. */
#define T1(insn, a, want, wfl) do { uint64_t f; \
    CHECK(FOP1(insn, a, &f), want); CHECK(f, wfl); } while (0)
#define T2(insn, a, b, want, wfl) do { uint64_t f; \
    CHECK(FOP2(insn, a, b, &f), want); CHECK(f, wfl); } while (0)
#define T3(insn, a, b, c, want, wfl) do { uint64_t f; \
    CHECK(FOP3(insn, a, b, c, &f), want); CHECK(f, wfl); } while (0)
#define TX1(insn, a, want, wfl) do { uint64_t f; \
    CHECK(XOP1(insn, a, &f), want); CHECK(f, wfl); } while (0)
#define TX2(insn, a, b, want, wfl) do { uint64_t f; \
    CHECK(XOP2(insn, a, b, &f), want); CHECK(f, wfl); } while (0)
#define TI1(insn, a, want, wfl) do { uint64_t f; \
    CHECK(IOP1(insn, a, &f), want); CHECK(f, wfl); } while (0)

#endif
