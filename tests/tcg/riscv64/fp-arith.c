/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * F and D arithmetic: FADD/FSUB/FMUL/FDIV/FSQRT and the four FMAs in .S
 * and .D, with every rounding mode on halfway cases (RMM included),
 * signed zeros, infinities, NaN inputs (canonical NaN out, NV for
 * signalling ones), NaN boxing of singles, the dynamic rounding mode and
 * the exception flags (NV, DZ, OF, UF after rounding, NX).
 */
#include <float.h>

#include "fp.h"

static void test_basic(void)
{
    T2("fadd.d", D(1.0), D(2.0), D(3.0), 0);
    T2("fsub.d", D(1.0), D(2.0), D(-1.0), 0);
    T2("fmul.d", D(1.5), D(-4.0), D(-6.0), 0);
    T2("fdiv.d", D(1.0), D(4.0), D(0.25), 0);
    T1("fsqrt.d", D(2.25), D(1.5), 0);
    T2("fadd.s", S(1.0f), S(2.0f), S(3.0f), 0);
    T2("fsub.s", S(1.0f), S(2.0f), S(-1.0f), 0);
    T2("fmul.s", S(1.5f), S(-4.0f), S(-6.0f), 0);
    T2("fdiv.s", S(1.0f), S(4.0f), S(0.25f), 0);
    T1("fsqrt.s", S(2.25f), S(1.5f), 0);
    /* inexact results, each mode */
    T2("fadd.d", D(0.1), D(0.2), 0x3fd3333333333334ull, NX);
    T2("fadd.d", D(0.1), D(0.2), 0x3fd3333333333334ull, NX);
    T2("fadd.d ft2, ft0, ft1, rtz #", D(0.1), D(0.2), 0x3fd3333333333333ull, NX);
    T2("fdiv.d ft2, ft0, ft1, rne #", D(1.0), D(3.0), 0x3fd5555555555555ull, NX);
    T2("fdiv.d ft2, ft0, ft1, rup #", D(1.0), D(3.0), 0x3fd5555555555556ull, NX);
    T2("fdiv.d ft2, ft0, ft1, rdn #", D(-1.0), D(3.0), 0xbfd5555555555556ull, NX);
    T2("fdiv.d ft2, ft0, ft1, rtz #", D(-1.0), D(3.0), 0xbfd5555555555555ull, NX);
    T2("fdiv.d ft2, ft0, ft1, rmm #", D(1.0), D(3.0), 0x3fd5555555555555ull, NX);
    T2("fdiv.s ft2, ft0, ft1, rne #", S(1.0f), S(3.0f), 0xffffffff3eaaaaabull, NX);
    T2("fdiv.s ft2, ft0, ft1, rtz #", S(1.0f), S(3.0f), 0xffffffff3eaaaaaaull, NX);
    T1("fsqrt.d ft2, ft0, rup #", D(2.0), 0x3ff6a09e667f3bcdull, NX);
    T1("fsqrt.d ft2, ft0, rdn #", D(2.0), 0x3ff6a09e667f3bccull, NX);
    T1("fsqrt.s ft2, ft0, rmm #", S(2.0f), 0xffffffff3fb504f3ull, NX);
    check_group("basic");
}

/* x + y where the exact sum is halfway between two doubles/singles. */
static void test_ties(void)
{
    const double e53 = 0x1p-53;

    /* 1 + 2^-53: between 1 (even) and 1+2^-52 */
    T2("fadd.d ft2, ft0, ft1, rne #", D(1.0), D(e53), D(1.0), NX);
    T2("fadd.d ft2, ft0, ft1, rmm #", D(1.0), D(e53), D(1.0 + 0x1p-52), NX);
    T2("fadd.d ft2, ft0, ft1, rtz #", D(1.0), D(e53), D(1.0), NX);
    T2("fadd.d ft2, ft0, ft1, rdn #", D(1.0), D(e53), D(1.0), NX);
    T2("fadd.d ft2, ft0, ft1, rup #", D(1.0), D(e53), D(1.0 + 0x1p-52), NX);
    /* -1 - 2^-53 */
    T2("fsub.d ft2, ft0, ft1, rne #", D(-1.0), D(e53), D(-1.0), NX);
    T2("fsub.d ft2, ft0, ft1, rmm #", D(-1.0), D(e53), D(-1.0 - 0x1p-52), NX);
    T2("fsub.d ft2, ft0, ft1, rtz #", D(-1.0), D(e53), D(-1.0), NX);
    T2("fsub.d ft2, ft0, ft1, rdn #", D(-1.0), D(e53), D(-1.0 - 0x1p-52), NX);
    T2("fsub.d ft2, ft0, ft1, rup #", D(-1.0), D(e53), D(-1.0), NX);
    /* (1+2^-52) + 2^-53: between an odd and an even neighbour: RNE up too */
    T2("fadd.d ft2, ft0, ft1, rne #", D(1.0 + 0x1p-52), D(e53), D(1.0 + 0x1p-51), NX);
    T2("fadd.d ft2, ft0, ft1, rmm #", D(1.0 + 0x1p-52), D(e53), D(1.0 + 0x1p-51), NX);
    /* product 3 + 4.5 ulp (ulp 2^-51): RNE 3+4ulp, RMM 3+5ulp */
    T2("fmul.d ft2, ft0, ft1, rne #", D(3.0), D(1.0 + 3 * 0x1p-52), D(3.0 + 4 * 0x1p-51), NX);
    T2("fmul.d ft2, ft0, ft1, rmm #", D(3.0), D(1.0 + 3 * 0x1p-52), D(3.0 + 5 * 0x1p-51), NX);
    /* singles: 1 + 2^-24 */
    T2("fadd.s ft2, ft0, ft1, rne #", S(1.0f), S(0x1p-24f), S(1.0f), NX);
    T2("fadd.s ft2, ft0, ft1, rmm #", S(1.0f), S(0x1p-24f), 0xffffffff3f800001ull, NX);
    T2("fadd.s ft2, ft0, ft1, rup #", S(1.0f), S(0x1p-24f), 0xffffffff3f800001ull, NX);
    T2("fsub.s ft2, ft0, ft1, rmm #", S(-1.0f), S(0x1p-24f), 0xffffffffbf800001ull, NX);
    T2("fsub.s ft2, ft0, ft1, rdn #", S(-1.0f), S(0x1p-24f), 0xffffffffbf800001ull, NX);
    T2("fsub.s ft2, ft0, ft1, rtz #", S(-1.0f), S(0x1p-24f), S(-1.0f), NX);
    /* subnormal quotient 2.5 * 2^-1074: RNE 2, RMM 3 (UF: tiny, inexact) */
    T2("fdiv.d ft2, ft0, ft1, rne #", 5ull, D(2.0), 2ull, UF | NX);
    T2("fdiv.d ft2, ft0, ft1, rmm #", 5ull, D(2.0), 3ull, UF | NX);
    T2("fdiv.d ft2, ft0, ft1, rup #", 5ull, D(2.0), 3ull, UF | NX);
    T2("fdiv.d ft2, ft0, ft1, rdn #", 5ull, D(2.0), 2ull, UF | NX);
    T2("fmul.d ft2, ft0, ft1, rmm #", 1ull, D(0.5), 1ull, UF | NX);
    T2("fmul.d ft2, ft0, ft1, rne #", 1ull, D(0.5), 0ull, UF | NX);
    T2("fmul.s ft2, ft0, ft1, rmm #", 0xffffffff00000003ull, S(0.5f),
       0xffffffff00000002ull, UF | NX);
    T2("fmul.s ft2, ft0, ft1, rne #", 0xffffffff00000003ull, S(0.5f),
       0xffffffff00000002ull, UF | NX);
    T2("fmul.s ft2, ft0, ft1, rmm #", 0xffffffff00000005ull, S(0.5f),
       0xffffffff00000003ull, UF | NX);
    /* fused: 1*1 + 2^-53 is a tie */
    T3("fmadd.d ft2, ft0, ft1, ft3, rne #", D(1.0), D(1.0), D(e53), D(1.0), NX);
    T3("fmadd.d ft2, ft0, ft1, ft3, rmm #", D(1.0), D(1.0), D(e53), D(1.0 + 0x1p-52), NX);
    T3("fmadd.s ft2, ft0, ft1, ft3, rmm #", S(1.0f), S(1.0f), S(0x1p-24f),
       0xffffffff3f800001ull, NX);
    check_group("ties");
}

static void test_dynamic_rm(void)
{
    uint64_t old;

    __asm__ volatile("fsrmi %0, 4" : "=r"(old));   /* RMM */
    T2("fadd.d ft2, ft0, ft1, dyn #", D(1.0), D(0x1p-53), D(1.0 + 0x1p-52), NX);
    T2("fadd.s", S(1.0f), S(0x1p-24f), 0xffffffff3f800001ull, NX);
    __asm__ volatile("fsrmi 1");   /* RTZ */
    T2("fadd.d", D(0.1), D(0.2), 0x3fd3333333333333ull, NX);
    __asm__ volatile("fsrmi 3");   /* RUP */
    T2("fdiv.d", D(-1.0), D(3.0), 0xbfd5555555555555ull, NX);
    T2("fsub.d", D(1.0), D(1.0), D(0.0), 0);
    __asm__ volatile("fsrmi 2");   /* RDN: x - x = -0 */
    T2("fsub.d", D(1.0), D(1.0), D(-0.0), 0);
    T2("fadd.s", S(1.0f), S(-1.0f), S(-0.0f), 0);
    __asm__ volatile("fsrm %0" : : "r"(old));
    T2("fsub.d", D(1.0), D(1.0), D(0.0), 0);
    /*
     * frm changing between runs of the same code: fsrm and the dynamic-rm
     * adds sit in one loop body, run in an order that revisits each mode,
     * so code translated (and chained) under one frm must not be reused
     * under another. 1 + 3/4 ulp, -1 - 3/4 ulp, 1 + 1/2 ulp (a tie).
     */
    {
        static const unsigned order[] = { 0, 1, 2, 3, 4, 3, 1, 4, 0, 2, 2, 0 };
        /* per mode: the three sums, sign-magnitude from 1.0 in ulps */
        static const uint64_t want[5][3] = {
            { 0x3ff0000000000001ull, 0xbff0000000000001ull, 0x3ff0000000000000ull },
            { 0x3ff0000000000000ull, 0xbff0000000000000ull, 0x3ff0000000000000ull },
            { 0x3ff0000000000000ull, 0xbff0000000000001ull, 0x3ff0000000000000ull },
            { 0x3ff0000000000001ull, 0xbff0000000000000ull, 0x3ff0000000000001ull },
            { 0x3ff0000000000001ull, 0xbff0000000000001ull, 0x3ff0000000000001ull },
        };

        for (int round = 0; round < 3; round++) {
            for (unsigned i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
                uint64_t r0, r1, r2;

                __asm__ volatile("fsrm %3\n\t"
                                 "fmv.d.x ft0, %4\n\tfmv.d.x ft1, %5\n\t"
                                 "fadd.d ft2, ft0, ft1, dyn\n\tfmv.x.d %0, ft2\n\t"
                                 "fneg.d ft0, ft0\n\tfneg.d ft1, ft1\n\t"
                                 "fadd.d ft2, ft0, ft1, dyn\n\tfmv.x.d %1, ft2\n\t"
                                 "fmv.d.x ft0, %4\n\tfmv.d.x ft1, %6\n\t"
                                 "fadd.d ft2, ft0, ft1, dyn\n\tfmv.x.d %2, ft2"
                                 : "=&r"(r0), "=&r"(r1), "=&r"(r2)
                                 : "r"((uint64_t)order[i]), "r"(D(1.0)),
                                   "r"(D(0x1.8p-53)), "r"(D(0x1p-53))
                                 : "ft0", "ft1", "ft2");
                CHECK(r0, want[order[i]][0]);
                CHECK(r1, want[order[i]][1]);
                CHECK(r2, want[order[i]][2]);
            }
        }
        __asm__ volatile("fsrm %0" : : "r"(old));
    }
    check_group("dynamic rm");
}

static void test_zero_inf(void)
{
    T2("fadd.d", D(-0.0), D(-0.0), D(-0.0), 0);
    T2("fadd.d", D(-0.0), D(0.0), D(0.0), 0);
    T2("fadd.d ft2, ft0, ft1, rdn #", D(-0.0), D(0.0), D(-0.0), 0);
    T2("fmul.d", D(-0.0), D(5.0), D(-0.0), 0);
    T2("fdiv.s", S(-0.0f), S(5.0f), S(-0.0f), 0);
    T1("fsqrt.d", D(-0.0), D(-0.0), 0);
    T1("fsqrt.s", S(-0.0f), S(-0.0f), 0);
    T2("fadd.d", INF_D, D(1.0), INF_D, 0);
    T2("fmul.d", NINF_D, D(2.0), NINF_D, 0);
    T2("fdiv.d", D(1.0), INF_D, D(0.0), 0);
    T1("fsqrt.d", INF_D, INF_D, 0);
    T2("fsub.d", INF_D, INF_D, CANON_D, NV);
    T2("fadd.s", INF_S, NINF_S, CANON_S, NV);
    T2("fmul.d", D(0.0), INF_D, CANON_D, NV);
    T2("fmul.s", NINF_S, S(0.0f), CANON_S, NV);
    T2("fdiv.d", D(0.0), D(0.0), CANON_D, NV);
    T2("fdiv.d", INF_D, NINF_D, CANON_D, NV);
    T2("fdiv.s", S(0.0f), S(-0.0f), CANON_S, NV);
    T2("fdiv.d", D(1.0), D(0.0), INF_D, DZ);
    T2("fdiv.d", D(-1.0), D(0.0), NINF_D, DZ);
    T2("fdiv.d", D(1.0), D(-0.0), NINF_D, DZ);
    T2("fdiv.s", S(3.0f), S(0.0f), INF_S, DZ);
    T2("fdiv.d", INF_D, D(0.0), INF_D, 0);
    T1("fsqrt.d", D(-1.0), CANON_D, NV);
    T1("fsqrt.s", S(-4.0f), CANON_S, NV);
    T1("fsqrt.d", NINF_D, CANON_D, NV);
    T1("fsqrt.d ft2, ft0, rmm #", D(-1.0), CANON_D, NV);
    T2("fdiv.d ft2, ft0, ft1, rmm #", D(1.0), D(0.0), INF_D, DZ);
    T2("fsub.d ft2, ft0, ft1, rmm #", INF_D, INF_D, CANON_D, NV);
    check_group("zeros and infinities");
}

static void test_nan(void)
{
    T2("fadd.d", QNAN_D, D(1.0), CANON_D, 0);
    T2("fadd.d", D(1.0), 0xfff8000000000000ull, CANON_D, 0);
    T2("fadd.d", SNAN_D, D(1.0), CANON_D, NV);
    T2("fmul.d", D(1.0), SNAN_D, CANON_D, NV);
    T2("fdiv.d", QNAN_D, SNAN_D, CANON_D, NV);
    T1("fsqrt.d", QNAN_D, CANON_D, 0);
    T1("fsqrt.d", SNAN_D, CANON_D, NV);
    T2("fsub.s", QNAN_S, S(1.0f), CANON_S, 0);
    T2("fsub.s", SNAN_S, S(1.0f), CANON_S, NV);
    T2("fmul.s ft2, ft0, ft1, rmm #", SNAN_S, S(1.0f), CANON_S, NV);
    T2("fadd.d ft2, ft0, ft1, rmm #", QNAN_D, D(1.0), CANON_D, 0);
    T3("fmadd.d", D(1.0), D(2.0), SNAN_D, CANON_D, NV);
    T3("fmadd.d", D(1.0), D(2.0), QNAN_D, CANON_D, 0);
    /* inf * 0 + qNaN is invalid (the ISA says so) */
    T3("fmadd.d", INF_D, D(0.0), QNAN_D, CANON_D, NV);
    T3("fmadd.s", S(0.0f), INF_S, QNAN_S, CANON_S, NV);
    T3("fmadd.d ft2, ft0, ft1, ft3, rmm #", INF_D, D(0.0), QNAN_D, CANON_D, NV);
    T3("fmadd.d", INF_D, D(1.0), NINF_D, CANON_D, NV);
    check_group("NaNs");
}

static void test_nanbox(void)
{
    /* an operand whose upper 32 bits are not all ones is the canonical NaN */
    T2("fadd.s", 0x000000003f800000ull, S(1.0f), CANON_S, 0);
    T2("fadd.s", S(1.0f), 0xfffffffe3f800000ull, CANON_S, 0);
    T2("fmul.s", 0x7fffffff3f800000ull, S(1.0f), CANON_S, 0);
    T1("fsqrt.s", D(4.0), CANON_S, 0);
    T3("fmadd.s", S(1.0f), S(1.0f), 0x3f800000ull, CANON_S, 0);
    /* results are boxed */
    T2("fadd.s", S(0.5f), S(0.25f), 0xffffffff3f400000ull, 0);
    check_group("NaN boxing");
}

static void test_flags(void)
{
    T2("fmul.d", D(DBL_MAX), D(2.0), INF_D, OF | NX);
    T2("fmul.d ft2, ft0, ft1, rtz #", D(DBL_MAX), D(2.0), D(DBL_MAX), OF | NX);
    T2("fmul.d ft2, ft0, ft1, rdn #", D(DBL_MAX), D(2.0), D(DBL_MAX), OF | NX);
    T2("fmul.d ft2, ft0, ft1, rdn #", D(-DBL_MAX), D(2.0), NINF_D, OF | NX);
    T2("fmul.d ft2, ft0, ft1, rmm #", D(DBL_MAX), D(2.0), INF_D, OF | NX);
    T2("fadd.s", S(FLT_MAX), S(FLT_MAX), INF_S, OF | NX);
    T2("fadd.s ft2, ft0, ft1, rup #", S(FLT_MAX), S(1.0f), INF_S, OF | NX);
    T2("fadd.s ft2, ft0, ft1, rne #", S(FLT_MAX), S(1.0f), S(FLT_MAX), NX);
    /* FLT_MAX + half an ulp (2^103) is a tie: RNE and RMM overflow */
    T2("fadd.s ft2, ft0, ft1, rmm #", S(FLT_MAX), S(0x1p103f), INF_S, OF | NX);
    T2("fadd.s ft2, ft0, ft1, rne #", S(FLT_MAX), S(0x1p103f), INF_S, OF | NX);
    T2("fadd.s ft2, ft0, ft1, rmm #", S(FLT_MAX), S(0x1p102f), S(FLT_MAX), NX);
    T2("fadd.s ft2, ft0, ft1, rtz #", S(FLT_MAX), S(0x1p103f), S(FLT_MAX), NX);
    /* exact subnormal: no UF */
    T2("fmul.d", D(DBL_MIN), D(0.5), D(0x1p-1023), 0);
    T2("fmul.s", S(FLT_MIN), S(0.25f), S(0x1p-128f), 0);
    /* tiny before rounding, not after (rounds to DBL_MIN): NX only */
    T2("fmul.d", 0x0010000000000001ull, 0x3feffffffffffffeull, D(DBL_MIN), NX);
    T2("fmul.d ft2, ft0, ft1, rmm #", 0x0010000000000001ull,
       0x3feffffffffffffeull, D(DBL_MIN), NX);
    T2("fmul.d ft2, ft0, ft1, rtz #", 0x0010000000000001ull,
       0x3feffffffffffffeull, 0x000fffffffffffffull, UF | NX);
    /* (1 - 2^-53) * DBL_MIN: tiny after rounding too (exact with an
     * unbounded exponent), rounds to DBL_MIN: UF and NX */
    T2("fmul.d", 0x3fefffffffffffffull, D(DBL_MIN), D(DBL_MIN), UF | NX);
    T2("fmul.d ft2, ft0, ft1, rmm #", 0x3fefffffffffffffull, D(DBL_MIN),
       D(DBL_MIN), UF | NX);
    T2("fmul.d", D(DBL_MIN), D(DBL_MIN), D(0.0), UF | NX);
    T2("fmul.d ft2, ft0, ft1, rup #", D(DBL_MIN), D(DBL_MIN), 1ull, UF | NX);
    T2("fmul.s ft2, ft0, ft1, rdn #", S(-FLT_MIN), S(FLT_MIN), 0xffffffff80000001ull,
       UF | NX);
    /* accrual: flags add up across instructions until cleared */
    {
        uint64_t f;

        __asm__ volatile("fsflags zero\n\tfmv.d.x ft0, %1\n\tfmv.d.x ft1, %2\n\t"
                         "fmv.d.x ft3, zero\n\t"
                         "fdiv.d ft2, ft0, ft1\n\tfdiv.d ft2, ft0, ft3\n\t"
                         "fsub.d ft2, ft3, ft3\n\tfrflags %0"
                         : "=r"(f) : "r"(D(1.0)), "r"(D(3.0))
                         : "ft0", "ft1", "ft2", "ft3");
        CHECK(f, NX | DZ);
        /* NX stays set in fflags while more inexact ops run, and clearing
         * it works even when the host still has it set */
        __asm__ volatile("fsflags zero\n\tfmv.d.x ft0, %1\n\tfmv.d.x ft1, %2\n\t"
                         "fdiv.d ft2, ft0, ft1\n\tfsflags zero\n\t"
                         "fadd.d ft2, ft0, ft0\n\tfrflags %0"
                         : "=r"(f) : "r"(D(1.0)), "r"(D(3.0))
                         : "ft0", "ft1", "ft2");
        CHECK(f, 0);
        /* with NX (and UF: 1/DBL_MAX is tiny) accrued, new flags still
         * accrue: OF, then NV and DZ from singles */
        __asm__ volatile("fsflags zero\n\tfmv.d.x ft0, %1\n\tfmv.d.x ft1, %2\n\t"
                         "fdiv.d ft2, ft0, ft1\n\tfmul.d ft2, ft1, ft1\n\t"
                         "fmul.d ft2, ft1, ft1\n\tfmv.w.x ft3, zero\n\t"
                         "fdiv.s ft2, ft3, ft3\n\tfmv.w.x ft1, %3\n\t"
                         "fdiv.s ft2, ft1, ft3\n\tfrflags %0"
                         : "=r"(f) : "r"(D(1.0)), "r"(D(DBL_MAX)),
                           "r"(0x3f800000ull)
                         : "ft0", "ft1", "ft2", "ft3");
        CHECK(f, NX | UF | OF | NV | DZ);
        /* flags written by the guest (fsflags) stay as written */
        __asm__ volatile("fsflags %1\n\tfmv.d.x ft0, %2\n\t"
                         "fadd.d ft2, ft0, ft0\n\tfrflags %0"
                         : "=r"(f) : "r"((uint64_t)(UF | DZ)), "r"(D(1.0))
                         : "ft0", "ft2");
        CHECK(f, UF | DZ);
        __asm__ volatile("fsflags %1\n\tfmv.d.x ft0, %2\n\tfmv.d.x ft1, %3\n\t"
                         "fdiv.d ft2, ft0, ft1\n\tfrflags %0"
                         : "=r"(f) : "r"((uint64_t)UF), "r"(D(1.0)), "r"(D(3.0))
                         : "ft0", "ft1", "ft2");
        CHECK(f, UF | NX);
        /* conversions accrue too: FCVT.S.D overflow after NX, FCVT.D.L
         * and FCVT.S.W inexact after UF only, in nearest-even */
        __asm__ volatile("fsflags %1\n\tfmv.d.x ft0, %2\n\t"
                         "fcvt.s.d ft2, ft0\n\tfrflags %0"
                         : "=r"(f) : "r"((uint64_t)NX), "r"(D(DBL_MAX))
                         : "ft0", "ft2");
        CHECK(f, OF | NX);
        __asm__ volatile("fsflags %1\n\tfcvt.d.l ft2, %2\n\tfrflags %0"
                         : "=r"(f) : "r"((uint64_t)UF), "r"(0x7fffffffffffffffull)
                         : "ft2");
        CHECK(f, UF | NX);
        __asm__ volatile("fsflags %1\n\tfcvt.s.w ft2, %2\n\tfrflags %0"
                         : "=r"(f) : "r"((uint64_t)UF), "r"(0x1000001ull)
                         : "ft2");
        CHECK(f, UF | NX);
        /* fflags through every CSR form; bits above 4 are not kept */
        {
            uint64_t o1, o2, o3, o4;

            __asm__ volatile("fsflags %4, %5\n\tcsrrs %1, fflags, %6\n\t"
                             "csrrc %2, fflags, %7\n\tcsrrwi %3, fflags, 0x1e\n\t"
                             "csrrci zero, fflags, 0x6\n\tcsrrsi zero, fflags, 1\n\t"
                             "frflags %0"
                             : "=&r"(f), "=&r"(o1), "=&r"(o2), "=&r"(o3), "=&r"(o4)
                             : "r"(0x3full), "r"(0x22ull), "r"(0x31ull));
            CHECK(o4, UF | NX);
            CHECK(o1, 0x1f);
            CHECK(o2, 0x1f);
            CHECK(o3, 0x0e);
            CHECK(f, 0x19);
        }
        __asm__ volatile("fsflags zero");
    }
    check_group("flags");
}

static void test_fma(void)
{
    T3("fmadd.d", D(2.0), D(3.0), D(4.0), D(10.0), 0);
    T3("fmsub.d", D(2.0), D(3.0), D(4.0), D(2.0), 0);
    T3("fnmsub.d", D(2.0), D(3.0), D(4.0), D(-2.0), 0);
    T3("fnmadd.d", D(2.0), D(3.0), D(4.0), D(-10.0), 0);
    T3("fmadd.s", S(2.0f), S(3.0f), S(4.0f), S(10.0f), 0);
    T3("fmsub.s", S(2.0f), S(3.0f), S(4.0f), S(2.0f), 0);
    T3("fnmsub.s", S(2.0f), S(3.0f), S(4.0f), S(-2.0f), 0);
    T3("fnmadd.s", S(2.0f), S(3.0f), S(4.0f), S(-10.0f), 0);
    /* one rounding: (1+2^-52)(1-2^-52) - 1 = -2^-104 exactly */
    T3("fmsub.d", D(1.0 + 0x1p-52), D(1.0 - 0x1p-52), D(1.0), D(-0x1p-104), 0);
    T3("fmadd.s", S(1.0f + 0x1p-23f), S(1.0f - 0x1p-23f), S(-1.0f), S(-0x1p-46f), 0);
    T3("fnmadd.d", D(1.0 + 0x1p-52), D(1.0 - 0x1p-52), D(-1.0), D(0x1p-104), 0);
    /* rounding mode applies to the fused result; x*y - x*y = +0 / -0 (RDN) */
    T3("fmsub.d", D(3.0), D(5.0), D(15.0), D(0.0), 0);
    T3("fmsub.d ft2, ft0, ft1, ft3, rdn #", D(3.0), D(5.0), D(15.0), D(-0.0), 0);
    T3("fmadd.d ft2, ft0, ft1, ft3, rtz #", D(1.0), D(1.0), D(0x1p-60), D(1.0), NX);
    T3("fmadd.d ft2, ft0, ft1, ft3, rup #", D(1.0), D(1.0), D(0x1p-60), D(1.0 + 0x1p-52), NX);
    T3("fnmsub.d ft2, ft0, ft1, ft3, rmm #", D(1.0), D(1.0), D(-0x1p-53),
       D(-1.0 - 0x1p-52), NX);
    T3("fmadd.d", D(DBL_MAX), D(2.0), D(-DBL_MAX), D(DBL_MAX), 0);
    T3("fmadd.d", D(DBL_MAX), D(2.0), D(0.0), INF_D, OF | NX);
    check_group("fma");
}

int main(void)
{
    test_basic();
    test_ties();
    test_dynamic_rm();
    test_zero_inf();
    test_nan();
    test_nanbox();
    test_flags();
    test_fma();
    return check_finish();
}
