/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * F and D conversions, min/max, comparisons and classify: FCVT between
 * S/D and W/WU/L/LU in every rounding mode with RISC-V saturation (NaN
 * and +overflow -> max, -overflow -> min, NV, no NX), FCVT.S.D/D.S,
 * FMIN/FMAX (minimumNumber/maximumNumber, -0 < +0, sNaN -> NV), FEQ
 * (quiet) / FLT / FLE (signalling), and FCLASS of all ten classes.
 */
#include <float.h>

#include "fp.h"

#define SX32(v) ((uint64_t)(int64_t)(int32_t)(v))

static void test_to_int(void)
{
    /* rounding of 2.5, -2.5, 3.5, 2.7 in every mode */
    TX1("fcvt.w.d %0, ft0, rne #", D(2.5), 2, NX);
    TX1("fcvt.w.d %0, ft0, rmm #", D(2.5), 3, NX);
    TX1("fcvt.w.d %0, ft0, rtz #", D(2.5), 2, NX);
    TX1("fcvt.w.d %0, ft0, rdn #", D(2.5), 2, NX);
    TX1("fcvt.w.d %0, ft0, rup #", D(2.5), 3, NX);
    TX1("fcvt.w.d %0, ft0, rne #", D(3.5), 4, NX);
    TX1("fcvt.w.d %0, ft0, rne #", D(-2.5), SX32(-2), NX);
    TX1("fcvt.w.d %0, ft0, rmm #", D(-2.5), SX32(-3), NX);
    TX1("fcvt.w.d %0, ft0, rtz #", D(-2.5), SX32(-2), NX);
    TX1("fcvt.w.d %0, ft0, rdn #", D(-2.5), SX32(-3), NX);
    TX1("fcvt.w.d %0, ft0, rup #", D(-2.5), SX32(-2), NX);
    TX1("fcvt.w.d %0, ft0, rtz #", D(2.7), 2, NX);
    TX1("fcvt.w.d %0, ft0, rne #", D(2.7), 3, NX);
    TX1("fcvt.w.d %0, ft0, rne #", D(-7.0), SX32(-7), 0);
    TX1("fcvt.w.s %0, ft0, rmm #", S(-0.5f), 0xffffffffffffffffull, NX);
    TX1("fcvt.w.s %0, ft0, rne #", S(-0.5f), 0, NX);
    TX1("fcvt.l.s %0, ft0, rmm #", S(0.5f), 1, NX);
    TX1("fcvt.l.d %0, ft0, rup #", D(0.1), 1, NX);
    TX1("fcvt.l.d %0, ft0, rdn #", D(-0.1), 0xffffffffffffffffull, NX);
    TX1("fcvt.lu.d %0, ft0, rne #", D(1.5), 2, NX);
    TX1("fcvt.wu.s %0, ft0, rtz #", S(-0.5f), 0, NX);
    {
        uint64_t old;

        __asm__ volatile("fsrmi %0, 4" : "=r"(old));   /* dynamic RMM */
        TX1("fcvt.w.d %0, ft0, dyn #", D(2.5), 3, NX);
        __asm__ volatile("fsrmi 2");                    /* dynamic RDN */
        TX1("fcvt.w.d %0, ft0, dyn #", D(2.5), 2, NX);
        __asm__ volatile("fsrm %0" : : "r"(old));
    }
    check_group("to int: rounding");
}

static void test_to_int_saturation(void)
{
    /* W */
    TX1("fcvt.w.d %0, ft0, rtz #", CANON_D, 0x7fffffff, NV);
    TX1("fcvt.w.d %0, ft0, rtz #", SNAN_D, 0x7fffffff, NV);
    TX1("fcvt.w.d %0, ft0, rtz #", 0xfff8000000000000ull, 0x7fffffff, NV);
    TX1("fcvt.w.d %0, ft0, rtz #", INF_D, 0x7fffffff, NV);
    TX1("fcvt.w.d %0, ft0, rtz #", NINF_D, SX32(INT32_MIN), NV);
    TX1("fcvt.w.d %0, ft0, rtz #", D(2147483648.0), 0x7fffffff, NV);
    TX1("fcvt.w.d %0, ft0, rtz #", D(2147483647.5), 0x7fffffff, NX);
    TX1("fcvt.w.d %0, ft0, rne #", D(2147483647.5), 0x7fffffff, NV);
    TX1("fcvt.w.d %0, ft0, rtz #", D(-2147483648.0), SX32(INT32_MIN), 0);
    TX1("fcvt.w.d %0, ft0, rtz #", D(-2147483648.5), SX32(INT32_MIN), NX);
    TX1("fcvt.w.d %0, ft0, rdn #", D(-2147483648.5), SX32(INT32_MIN), NV);
    TX1("fcvt.w.d %0, ft0, rtz #", D(-1e10), SX32(INT32_MIN), NV);
    TX1("fcvt.w.s %0, ft0, rtz #", S(3e9f), 0x7fffffff, NV);
    TX1("fcvt.w.s %0, ft0, rtz #", SNAN_S, 0x7fffffff, NV);
    TX1("fcvt.w.s %0, ft0, rtz #", 0x000000003f800000ull, 0x7fffffff, NV);   /* unboxed */
    /* WU (results sign-extended) */
    TX1("fcvt.wu.d %0, ft0, rtz #", CANON_D, 0xffffffffffffffffull, NV);
    TX1("fcvt.wu.d %0, ft0, rtz #", INF_D, 0xffffffffffffffffull, NV);
    TX1("fcvt.wu.d %0, ft0, rtz #", NINF_D, 0, NV);
    TX1("fcvt.wu.d %0, ft0, rtz #", D(-1.0), 0, NV);
    TX1("fcvt.wu.d %0, ft0, rtz #", D(4294967295.0), 0xffffffffffffffffull, 0);
    TX1("fcvt.wu.d %0, ft0, rtz #", D(4294967296.0), 0xffffffffffffffffull, NV);
    TX1("fcvt.wu.d %0, ft0, rtz #", D(3e9), 0xffffffffb2d05e00ull, 0);
    TX1("fcvt.wu.d %0, ft0, rtz #", D(1.0), 1, 0);
    TX1("fcvt.wu.s %0, ft0, rtz #", NINF_S, 0, NV);
    TX1("fcvt.wu.s %0, ft0, rtz #", S(-1.0f), 0, NV);
    /* L */
    TX1("fcvt.l.d %0, ft0, rtz #", CANON_D, 0x7fffffffffffffffull, NV);
    TX1("fcvt.l.d %0, ft0, rtz #", INF_D, 0x7fffffffffffffffull, NV);
    TX1("fcvt.l.d %0, ft0, rtz #", NINF_D, 0x8000000000000000ull, NV);
    TX1("fcvt.l.d %0, ft0, rtz #", D(0x1p63), 0x7fffffffffffffffull, NV);
    TX1("fcvt.l.d %0, ft0, rtz #", D(-0x1p63), 0x8000000000000000ull, 0);
    TX1("fcvt.l.d %0, ft0, rtz #", D(-0x1p64), 0x8000000000000000ull, NV);
    TX1("fcvt.l.d %0, ft0, rtz #", D(0x1p62 + 0x1p10), 0x4000000000000400ull, 0);
    TX1("fcvt.l.s %0, ft0, rtz #", QNAN_S, 0x7fffffffffffffffull, NV);
    TX1("fcvt.l.s %0, ft0, rtz #", S(-0x1p63f), 0x8000000000000000ull, 0);
    TX1("fcvt.l.s %0, ft0, rtz #", S(0x1p63f), 0x7fffffffffffffffull, NV);
    /* LU */
    TX1("fcvt.lu.d %0, ft0, rtz #", CANON_D, 0xffffffffffffffffull, NV);
    TX1("fcvt.lu.d %0, ft0, rtz #", INF_D, 0xffffffffffffffffull, NV);
    TX1("fcvt.lu.d %0, ft0, rtz #", NINF_D, 0, NV);
    TX1("fcvt.lu.d %0, ft0, rtz #", D(0x1p64), 0xffffffffffffffffull, NV);
    TX1("fcvt.lu.d %0, ft0, rtz #", D(0x1p63), 0x8000000000000000ull, 0);
    TX1("fcvt.lu.d %0, ft0, rtz #", D(-1.0), 0, NV);
    TX1("fcvt.lu.d %0, ft0, rtz #", D(-0.9), 0, NX);
    TX1("fcvt.lu.d %0, ft0, rtz #", D(-0.0), 0, 0);
    TX1("fcvt.lu.s %0, ft0, rtz #", S(0x1p64f), 0xffffffffffffffffull, NV);
    TX1("fcvt.lu.s %0, ft0, rtz #", SNAN_S, 0xffffffffffffffffull, NV);
    check_group("to int: saturation");
}

static void test_from_int(void)
{
    TI1("fcvt.d.w", SX32(-5), D(-5.0), 0);
    TI1("fcvt.d.wu", 0xffffffffffffffffull, D(4294967295.0), 0);
    TI1("fcvt.d.w", 0x123456780000000aull, D(10.0), 0);   /* low 32 bits */
    TI1("fcvt.d.l ft2, %2, rne #", (1ull << 53) + 1, D(0x1p53), NX);
    TI1("fcvt.d.l ft2, %2, rmm #", (1ull << 53) + 1, D(0x1p53 + 2), NX);
    TI1("fcvt.d.l ft2, %2, rup #", (1ull << 53) + 1, D(0x1p53 + 2), NX);
    TI1("fcvt.d.l ft2, %2, rtz #", (1ull << 53) + 1, D(0x1p53), NX);
    TI1("fcvt.d.l ft2, %2, rdn #", -((1ll << 53) + 1), D(-0x1p53 - 2), NX);
    TI1("fcvt.d.l ft2, %2, rmm #", -((1ll << 53) + 1), D(-0x1p53 - 2), NX);
    TI1("fcvt.d.l ft2, %2, rne #", 0x8000000000000000ull, D(-0x1p63), 0);
    TI1("fcvt.d.lu ft2, %2, rne #", 0xffffffffffffffffull, D(0x1p64), NX);
    TI1("fcvt.d.lu ft2, %2, rtz #", 0xffffffffffffffffull, 0x43efffffffffffffull, NX);
    TI1("fcvt.d.lu ft2, %2, rmm #", 0xffffffffffffffffull, D(0x1p64), NX);
    TI1("fcvt.s.w ft2, %2, rne #", 16777217, S(16777216.0f), NX);
    TI1("fcvt.s.w ft2, %2, rmm #", 16777217, 0xffffffff4b800001ull, NX);
    TI1("fcvt.s.w ft2, %2, rup #", 16777217, 0xffffffff4b800001ull, NX);
    TI1("fcvt.s.w ft2, %2, rne #", SX32(-3), S(-3.0f), 0);
    TI1("fcvt.s.wu ft2, %2, rtz #", 0xffffffffffffffffull, 0xffffffff4f7fffffull, NX);
    TI1("fcvt.s.wu ft2, %2, rne #", 0xffffffffffffffffull, S(4294967296.0f), NX);
    TI1("fcvt.s.l ft2, %2, rne #", 0x8000000000000000ull, S(-0x1p63f), 0);
    TI1("fcvt.s.l ft2, %2, rmm #", (1ull << 24) + 1, 0xffffffff4b800001ull, NX);
    TI1("fcvt.s.lu ft2, %2, rne #", 0xffffffffffffffffull, S(0x1p64f), NX);
    TI1("fcvt.s.lu ft2, %2, rdn #", 0xffffffffffffffffull, 0xffffffff5f7fffffull, NX);
    check_group("from int");
}

static void test_s_d(void)
{
    T1("fcvt.s.d ft2, ft0, rne #", D(0.1), 0xffffffff3dcccccdull, NX);
    T1("fcvt.s.d ft2, ft0, rtz #", D(0.1), 0xffffffff3dccccccull, NX);
    T1("fcvt.s.d ft2, ft0, rne #", D(1.0 + 0x1p-24), S(1.0f), NX);
    T1("fcvt.s.d ft2, ft0, rmm #", D(1.0 + 0x1p-24), 0xffffffff3f800001ull, NX);
    T1("fcvt.s.d ft2, ft0, rmm #", D(-1.0 - 0x1p-24), 0xffffffffbf800001ull, NX);
    T1("fcvt.s.d ft2, ft0, rne #", D(1e300), INF_S, OF | NX);
    T1("fcvt.s.d ft2, ft0, rtz #", D(1e300), S(FLT_MAX), OF | NX);
    T1("fcvt.s.d ft2, ft0, rmm #", D(-1e300), NINF_S, OF | NX);
    T1("fcvt.s.d ft2, ft0, rne #", D(1e-50), S(0.0f), UF | NX);
    T1("fcvt.s.d ft2, ft0, rup #", D(1e-50), 0xffffffff00000001ull, UF | NX);
    T1("fcvt.s.d ft2, ft0, rne #", D(0x1p-149 * 1.5), 0xffffffff00000002ull, UF | NX);
    T1("fcvt.s.d ft2, ft0, rmm #", D(0x1p-149 * 2.5), 0xffffffff00000003ull, UF | NX);
    T1("fcvt.s.d ft2, ft0, rne #", D(0x1p-149 * 2.5), 0xffffffff00000002ull, UF | NX);
    T1("fcvt.s.d ft2, ft0, rne #", D(0x1p-130), S(0x1p-130f), 0);   /* exact subnormal */
    T1("fcvt.s.d ft2, ft0, rne #", INF_D, INF_S, 0);
    T1("fcvt.s.d ft2, ft0, rne #", D(-0.0), S(-0.0f), 0);
    T1("fcvt.s.d ft2, ft0, rne #", QNAN_D, CANON_S, 0);
    T1("fcvt.s.d ft2, ft0, rne #", SNAN_D, CANON_S, NV);
    T1("fcvt.d.s", S(0.1f), D((double)0.1f), 0);
    T1("fcvt.d.s", 0xffffffff00000001ull, D(0x1p-149), 0);
    T1("fcvt.d.s", NINF_S, NINF_D, 0);
    T1("fcvt.d.s", QNAN_S, CANON_D, 0);
    T1("fcvt.d.s", SNAN_S, CANON_D, NV);
    T1("fcvt.d.s", D(1.0), CANON_D, 0);   /* unboxed */
    check_group("fcvt.s.d / fcvt.d.s");
}

static void test_minmax(void)
{
    T2("fmin.d", D(1.0), D(2.0), D(1.0), 0);
    T2("fmax.d", D(1.0), D(2.0), D(2.0), 0);
    T2("fmin.d", D(-0.0), D(0.0), D(-0.0), 0);
    T2("fmin.d", D(0.0), D(-0.0), D(-0.0), 0);
    T2("fmax.d", D(-0.0), D(0.0), D(0.0), 0);
    T2("fmax.d", D(0.0), D(-0.0), D(0.0), 0);
    T2("fmin.d", QNAN_D, D(3.0), D(3.0), 0);
    T2("fmax.d", D(3.0), QNAN_D, D(3.0), 0);
    T2("fmin.d", SNAN_D, D(3.0), D(3.0), NV);
    T2("fmax.d", D(-3.0), SNAN_D, D(-3.0), NV);
    T2("fmin.d", QNAN_D, QNAN_D, CANON_D, 0);
    T2("fmax.d", SNAN_D, QNAN_D, CANON_D, NV);
    T2("fmin.d", NINF_D, D(-1e308), NINF_D, 0);
    T2("fmax.d", INF_D, D(1e308), INF_D, 0);
    T2("fmin.s", S(1.0f), S(-2.0f), S(-2.0f), 0);
    T2("fmax.s", S(1.0f), S(-2.0f), S(1.0f), 0);
    T2("fmin.s", S(-0.0f), S(0.0f), S(-0.0f), 0);
    T2("fmax.s", S(-0.0f), S(0.0f), S(0.0f), 0);
    T2("fmin.s", QNAN_S, S(5.0f), S(5.0f), 0);
    T2("fmax.s", SNAN_S, S(5.0f), S(5.0f), NV);
    T2("fmin.s", SNAN_S, SNAN_S, CANON_S, NV);
    T2("fmin.s", 0x000000003f800000ull, S(5.0f), S(5.0f), 0);   /* unboxed = qNaN */
    T2("fmax.s", 0x000000003f800000ull, D(1.0), CANON_S, 0);
    check_group("fmin/fmax");
}

static void test_compare(void)
{
    TX2("feq.d", D(1.0), D(1.0), 1, 0);
    TX2("feq.d", D(1.0), D(2.0), 0, 0);
    TX2("flt.d", D(1.0), D(2.0), 1, 0);
    TX2("flt.d", D(2.0), D(1.0), 0, 0);
    TX2("fle.d", D(2.0), D(2.0), 1, 0);
    TX2("fle.d", D(3.0), D(2.0), 0, 0);
    TX2("feq.d", D(-0.0), D(0.0), 1, 0);
    TX2("flt.d", D(-0.0), D(0.0), 0, 0);
    TX2("fle.d", D(0.0), D(-0.0), 1, 0);
    TX2("flt.d", NINF_D, D(-1e308), 1, 0);
    TX2("feq.d", QNAN_D, QNAN_D, 0, 0);
    TX2("feq.d", D(1.0), SNAN_D, 0, NV);
    TX2("flt.d", QNAN_D, D(1.0), 0, NV);
    TX2("fle.d", D(1.0), QNAN_D, 0, NV);
    TX2("flt.d", SNAN_D, D(1.0), 0, NV);
    TX2("feq.s", S(1.5f), S(1.5f), 1, 0);
    TX2("flt.s", S(-1.5f), S(1.5f), 1, 0);
    TX2("fle.s", S(1.5f), S(-1.5f), 0, 0);
    TX2("feq.s", S(-0.0f), S(0.0f), 1, 0);
    TX2("feq.s", QNAN_S, S(1.0f), 0, 0);
    TX2("feq.s", SNAN_S, S(1.0f), 0, NV);
    TX2("flt.s", QNAN_S, S(1.0f), 0, NV);
    TX2("fle.s", S(1.0f), SNAN_S, 0, NV);
    TX2("feq.s", 0x000000003f800000ull, S(1.0f), 0, 0);    /* unboxed */
    TX2("fle.s", 0x000000003f800000ull, S(1.0f), 0, NV);
    check_group("feq/flt/fle");
}

static void test_fclass(void)
{
    TX1("fclass.d %0, ft0 #", NINF_D, 1 << 0, 0);
    TX1("fclass.d %0, ft0 #", D(-1.0), 1 << 1, 0);
    TX1("fclass.d %0, ft0 #", 0x800fffffffffffffull, 1 << 2, 0);
    TX1("fclass.d %0, ft0 #", D(-0.0), 1 << 3, 0);
    TX1("fclass.d %0, ft0 #", D(0.0), 1 << 4, 0);
    TX1("fclass.d %0, ft0 #", 1ull, 1 << 5, 0);
    TX1("fclass.d %0, ft0 #", D(DBL_MAX), 1 << 6, 0);
    TX1("fclass.d %0, ft0 #", INF_D, 1 << 7, 0);
    TX1("fclass.d %0, ft0 #", SNAN_D, 1 << 8, 0);
    TX1("fclass.d %0, ft0 #", 0xfff0000000000001ull, 1 << 8, 0);
    TX1("fclass.d %0, ft0 #", CANON_D, 1 << 9, 0);
    TX1("fclass.d %0, ft0 #", 0xfff8000000000000ull, 1 << 9, 0);
    TX1("fclass.s %0, ft0 #", NINF_S, 1 << 0, 0);
    TX1("fclass.s %0, ft0 #", S(-FLT_MIN), 1 << 1, 0);
    TX1("fclass.s %0, ft0 #", 0xffffffff807fffffull, 1 << 2, 0);
    TX1("fclass.s %0, ft0 #", S(-0.0f), 1 << 3, 0);
    TX1("fclass.s %0, ft0 #", S(0.0f), 1 << 4, 0);
    TX1("fclass.s %0, ft0 #", 0xffffffff00000001ull, 1 << 5, 0);
    TX1("fclass.s %0, ft0 #", S(1.0f), 1 << 6, 0);
    TX1("fclass.s %0, ft0 #", INF_S, 1 << 7, 0);
    TX1("fclass.s %0, ft0 #", SNAN_S, 1 << 8, 0);
    TX1("fclass.s %0, ft0 #", CANON_S, 1 << 9, 0);
    TX1("fclass.s %0, ft0 #", QNAN_S, 1 << 9, 0);
    TX1("fclass.s %0, ft0 #", 0x00000000ff800000ull, 1 << 9, 0);   /* unboxed */
    check_group("fclass");
}

int main(void)
{
    test_to_int();
    test_to_int_saturation();
    test_from_int();
    test_s_d();
    test_minmax();
    test_compare();
    test_fclass();
    return check_finish();
}
