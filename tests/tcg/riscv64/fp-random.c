/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * F and D against a reference: every arithmetic, FMA, min/max, compare,
 * classify and conversion instruction runs on the same pseudo-random
 * operands (specials, subnormals, near-ties, improperly boxed singles)
 * in all five rounding modes (dynamic rm through frm), and a hash of the
 * result bits and fflags of each instruction is compared with the value
 * the ISA's exact semantics give. The expected hashes were produced by a
 * softfloat reference implementation (qemu-riscv64 7.2) and cross-checked
 * by the hand-computed cases of fp-arith and fp-cvt.
 * Run with an argument to print the hashes instead of checking them.
 */
#include <stdbool.h>

#include "fp.h"

#define ITERS 3000

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rng(void)
{
    uint64_t x = rng_state;

    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return rng_state = x;
}

static const uint64_t special_d[] = {
    0, 1ull << 63, INF_D, NINF_D, CANON_D, QNAN_D, SNAN_D, 0xfff0000000000010ull,
    1, 0x800fffffffffffffull, 0x0010000000000000ull, 0x7fefffffffffffffull,
    0x3ff0000000000000ull, 0xbff0000000000000ull, 0x3fe0000000000000ull,
    0x4340000000000000ull, 0x43e0000000000000ull, 0xc3e0000000000000ull,
    0x41dfffffffc00000ull, 0x41f0000000000000ull, 0x3ff8000000000000ull,
};

static const uint32_t special_s[] = {
    0, 0x80000000u, 0x7f800000u, 0xff800000u, 0x7fc00000u, 0x7fc00123u,
    0x7f800001u, 0xff800010u, 1, 0x807fffffu, 0x00800000u, 0x7f7fffffu,
    0x3f800000u, 0xbf800000u, 0x3f000000u, 0x4b800000u, 0x5f000000u,
    0xdf000000u, 0x4f000000u, 0x4f800000u, 0x3fc00000u,
};

/* A double: a special, or a value with few significant bits (so sums
 * and products land on ties), or random bits near 1 or anywhere. */
static uint64_t gen_d(void)
{
    uint64_t r = rng(), m = rng();
    uint64_t sign = (r & 1) << 63;

    switch ((r >> 1) & 7) {
    case 0:
        return special_d[(r >> 8) % (sizeof(special_d) / sizeof(special_d[0]))];
    case 1:
    case 2: /* short mantissa, exponent near 0 */
        return sign | ((uint64_t)(1023 - 4 + ((r >> 8) % 9)) << 52) |
               (m & (0xfffffull << 32));
    case 3: /* subnormal or tiny normal */
        return sign | ((uint64_t)((r >> 8) % 3) << 52) | (m >> 12);
    case 4: /* huge */
        return sign | ((uint64_t)(2046 - (r >> 8) % 3) << 52) | (m >> 12);
    case 5: /* integer-ish, for conversions */
        return sign | ((uint64_t)(1023 + (r >> 8) % 70) << 52) | (m >> 12);
    default:
        return m;
    }
}

static uint64_t gen_s(void)
{
    uint64_t r = rng(), m = rng();
    uint32_t sign = (uint32_t)(r & 1) << 31, v;

    switch ((r >> 1) & 7) {
    case 0:
        v = special_s[(r >> 8) % (sizeof(special_s) / sizeof(special_s[0]))];
        break;
    case 1:
    case 2:
        v = sign | (uint32_t)(127 - 4 + (r >> 8) % 9) << 23 | ((uint32_t)m & 0x7ff000u);
        break;
    case 3:
        v = sign | (uint32_t)((r >> 8) % 3) << 23 | ((uint32_t)m & 0x7fffffu);
        break;
    case 4:
        v = sign | (uint32_t)(254 - (r >> 8) % 3) << 23 | ((uint32_t)m & 0x7fffffu);
        break;
    case 5:
        v = sign | (uint32_t)(127 + (r >> 8) % 70) << 23 | ((uint32_t)m & 0x7fffffu);
        break;
    case 6:   /* not NaN-boxed: reads as the canonical NaN */
        if ((r >> 20) % 4 == 0) {
            return m;
        }
        /* fall through */
    default:
        v = (uint32_t)m;
        break;
    }
    return 0xffffffff00000000ull | v;
}

/* Integer operands: small, around 2^24/2^53/2^31/2^63 boundaries, random. */
static uint64_t gen_i(void)
{
    uint64_t r = rng(), m = rng();

    switch (r & 3) {
    case 0:
        return (int64_t)(int8_t)m;
    case 1:
        return m >> ((r >> 8) % 64);
    case 2:
        return (1ull << (20 + (r >> 8) % 44)) + ((int64_t)(int8_t)m);
    default:
        return m;
    }
}

static uint64_t hash_mix(uint64_t h, uint64_t v)
{
    h ^= v;
    h *= 0x100000001b3ull;
    return h ^ (h >> 29);
}

enum { K_D, K_S, K_I };   /* operand kinds */

typedef struct Op {
    const char *name;
    int nsrc;
    int kind;
    void (*run)(uint64_t a, uint64_t b, uint64_t c, uint64_t *r, uint64_t *f);
} Op;

#define RUN_DEF(fn, call)                                                  \
static void fn(uint64_t a, uint64_t b, uint64_t c, uint64_t *r, uint64_t *f) \
{                                                                          \
    (void)b;                                                               \
    (void)c;                                                               \
    *r = call;                                                             \
}
#define RUN_FR1(fn, insn) RUN_DEF(fn, FOP1(insn, a, f))
#define RUN_FR2(fn, insn) RUN_DEF(fn, FOP2(insn, a, b, f))
#define RUN_FR3(fn, insn) RUN_DEF(fn, FOP3(insn, a, b, c, f))
#define RUN_XR1(fn, insn) RUN_DEF(fn, XOP1(insn, a, f))
#define RUN_XR2(fn, insn) RUN_DEF(fn, XOP2(insn, a, b, f))
#define RUN_IR1(fn, insn) RUN_DEF(fn, IOP1(insn, a, f))

#define OPS(X)                                                             \
    X(FR, fadd_d, "fadd.d", 2, K_D) X(FR, fsub_d, "fsub.d", 2, K_D)          \
    X(FR, fmul_d, "fmul.d", 2, K_D) X(FR, fdiv_d, "fdiv.d", 2, K_D)          \
    X(FR, fsqrt_d, "fsqrt.d", 1, K_D) X(FR, fmadd_d, "fmadd.d", 3, K_D)      \
    X(FR, fmsub_d, "fmsub.d", 3, K_D) X(FR, fnmsub_d, "fnmsub.d", 3, K_D)    \
    X(FR, fnmadd_d, "fnmadd.d", 3, K_D) X(FR, fmin_d, "fmin.d", 2, K_D)      \
    X(FR, fmax_d, "fmax.d", 2, K_D) X(XR, feq_d, "feq.d", 2, K_D)            \
    X(XR, flt_d, "flt.d", 2, K_D) X(XR, fle_d, "fle.d", 2, K_D)              \
    X(XR, fclass_d, "fclass.d", 1, K_D)                                     \
    X(FR, fadd_s, "fadd.s", 2, K_S) X(FR, fsub_s, "fsub.s", 2, K_S)          \
    X(FR, fmul_s, "fmul.s", 2, K_S) X(FR, fdiv_s, "fdiv.s", 2, K_S)          \
    X(FR, fsqrt_s, "fsqrt.s", 1, K_S) X(FR, fmadd_s, "fmadd.s", 3, K_S)      \
    X(FR, fmsub_s, "fmsub.s", 3, K_S) X(FR, fnmsub_s, "fnmsub.s", 3, K_S)    \
    X(FR, fnmadd_s, "fnmadd.s", 3, K_S) X(FR, fmin_s, "fmin.s", 2, K_S)      \
    X(FR, fmax_s, "fmax.s", 2, K_S) X(XR, feq_s, "feq.s", 2, K_S)            \
    X(XR, flt_s, "flt.s", 2, K_S) X(XR, fle_s, "fle.s", 2, K_S)              \
    X(XR, fclass_s, "fclass.s", 1, K_S)                                     \
    X(XR, fcvt_w_d, "fcvt.w.d", 1, K_D) X(XR, fcvt_wu_d, "fcvt.wu.d", 1, K_D) \
    X(XR, fcvt_l_d, "fcvt.l.d", 1, K_D) X(XR, fcvt_lu_d, "fcvt.lu.d", 1, K_D) \
    X(XR, fcvt_w_s, "fcvt.w.s", 1, K_S) X(XR, fcvt_wu_s, "fcvt.wu.s", 1, K_S) \
    X(XR, fcvt_l_s, "fcvt.l.s", 1, K_S) X(XR, fcvt_lu_s, "fcvt.lu.s", 1, K_S) \
    X(IR, fcvt_d_w, "fcvt.d.w", 1, K_I) X(IR, fcvt_d_wu, "fcvt.d.wu", 1, K_I) \
    X(IR, fcvt_d_l, "fcvt.d.l", 1, K_I) X(IR, fcvt_d_lu, "fcvt.d.lu", 1, K_I) \
    X(IR, fcvt_s_w, "fcvt.s.w", 1, K_I) X(IR, fcvt_s_wu, "fcvt.s.wu", 1, K_I) \
    X(IR, fcvt_s_l, "fcvt.s.l", 1, K_I) X(IR, fcvt_s_lu, "fcvt.s.lu", 1, K_I) \
    X(FR, fcvt_s_d, "fcvt.s.d", 1, K_D) X(FR, fcvt_d_s, "fcvt.d.s", 1, K_S)

#define DEF_RUN(t, fn, insn, n, k) RUN_##t##n(run_##fn, insn)
OPS(DEF_RUN)

#define DEF_OP(t, fn, insn, n, k) { insn, n, k, run_##fn },
static const Op ops[] = { OPS(DEF_OP) };
#define NOPS (sizeof(ops) / sizeof(ops[0]))

/* Expected hash per instruction (all five rounding modes together). */
static const uint64_t expected[NOPS] = {
#include "fp-random.inc"
};

static uint64_t gen(int kind)
{
    return kind == K_D ? gen_d() : kind == K_S ? gen_s() : gen_i();
}

int main(int argc, char **argv)
{
    bool print = argc > 1;

    for (unsigned i = 0; i < NOPS; i++) {
        uint64_t h = 0xcbf29ce484222325ull;

        rng_state = 0x9e3779b97f4a7c15ull + i;
        for (unsigned rm = 0; rm < 5; rm++) {
            __asm__ volatile("fsrm %0" : : "r"((uint64_t)rm));
            for (int n = 0; n < ITERS; n++) {
                uint64_t a = gen(ops[i].kind), b = gen(ops[i].kind);
                uint64_t c = gen(ops[i].kind), r, f;

                ops[i].run(a, b, c, &r, &f);
                h = hash_mix(hash_mix(h, r), f);
            }
        }
        __asm__ volatile("fsrm zero");
        if (print) {
            printf("    0x%016" PRIx64 "ull, /* %s */\n", h, ops[i].name);
        } else if (h != expected[i]) {
            printf("  FAIL %s:\n", ops[i].name);
            CHECK(h, expected[i]);
        }
    }
    if (print) {
        return 0;
    }
    check_group("random operands, all rounding modes");
    return check_finish();
}
