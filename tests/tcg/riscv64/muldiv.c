/* SPDX-License-Identifier: GPL-2.0-or-later */
/* RV64M: products, high halves and their signs, division by zero and
 * signed overflow as the ISA defines them (no trap). */
#include "check.h"

static const uint64_t MIN64 = 0x8000000000000000ull;
static const uint64_t M1 = ~0ull;

static void test_mul(void)
{
    CHECK(RR("mul", 3, M1), -3ull);
    CHECK(RR("mul", MIN64, M1), MIN64);
    CHECK(RR("mul", 0x100000000ull, 0x100000000ull), 0);
    CHECK(RR("mulh", M1, M1), 0);                  /* (-1)(-1) = 1 */
    CHECK(RR("mulh", MIN64, MIN64), 0x4000000000000000ull);
    CHECK(RR("mulh", MIN64, 1), M1);
    CHECK(RR("mulhu", M1, M1), 0xfffffffffffffffeull);
    CHECK(RR("mulhu", MIN64, 2), 1);
    CHECK(RR("mulhsu", M1, M1), M1);               /* -1 * (2^64-1) */
    CHECK(RR("mulhsu", 1, M1), 0);
    CHECK(RR("mulhsu", MIN64, M1), 0x8000000000000000ull);
    CHECK(RR("mulhsu", 2, MIN64), 1);
    CHECK(RR("mulw", 0x7fffffff, 2), 0xfffffffffffffffeull);
    CHECK(RR("mulw", 0x10000, 0x8000), 0xffffffff80000000ull);
    CHECK(RR("mulw", 0x123456789ull, 1), 0x23456789);
    check_group("mul");
}

static void test_div(void)
{
    CHECK(RR("div", 7, -2ull), -3ull);             /* rounds toward zero */
    CHECK(RR("rem", 7, -2ull), 1);
    CHECK(RR("rem", -7ull, 2), M1);
    CHECK(RR("divu", 7, 2), 3);
    CHECK(RR("remu", M1, 10), 5);
    CHECK(RR("div", 5, 0), M1);                    /* division by zero */
    CHECK(RR("divu", 5, 0), M1);
    CHECK(RR("rem", -5ull, 0), -5ull);
    CHECK(RR("remu", 5, 0), 5);
    CHECK(RR("div", MIN64, M1), MIN64);            /* overflow */
    CHECK(RR("rem", MIN64, M1), 0);
    CHECK(RR("divu", MIN64, M1), 0);
    CHECK(RR("remu", MIN64, M1), MIN64);
    check_group("div/rem");
}

static void test_div_w(void)
{
    CHECK(RR("divw", 0xffffffff00000007ull, 2), 3);   /* upper bits ignored */
    CHECK(RR("divw", 0x80000000ull, M1), 0xffffffff80000000ull);  /* overflow */
    CHECK(RR("remw", 0x80000000ull, M1), 0);
    CHECK(RR("divw", 9, 0), M1);
    CHECK(RR("remw", 0x80000005ull, 0), 0xffffffff80000005ull);
    CHECK(RR("divuw", 0xffffffffull, 1), M1);         /* sign-extends bit 31 */
    CHECK(RR("divuw", 0x1ffffffffull, 0x100000002ull), 0x7fffffff);
    CHECK(RR("divuw", 9, 0x100000000ull), M1);        /* divisor is 0 in 32 bits */
    CHECK(RR("remuw", 0x80000001ull, 0), 0xffffffff80000001ull);
    CHECK(RR("remuw", 0xffffffffull, 10), 5);
    CHECK(RR("remw", -7ull, 2), M1);
    check_group("div/rem W");
}

int main(void)
{
    test_mul();
    test_div();
    test_div_w();
    return check_finish();
}
