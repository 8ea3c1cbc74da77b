/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Zba, Zbb and Zbs: every instruction through inline asm (built with
 * -march=rv64gc_zba_zbb_zbs). */
#include "check.h"

static const uint64_t MIN64 = 0x8000000000000000ull;

static void test_zba(void)
{
    CHECK(RR("sh1add", 3, 100), 106);
    CHECK(RR("sh2add", 3, 100), 112);
    CHECK(RR("sh3add", 3, 100), 124);
    CHECK(RR("sh3add", MIN64 | 1, 0), 8);
    CHECK(RR("add.uw", 0xffffffff00000001ull, 1), 2);
    CHECK(RR("add.uw", 0xffffffffull, 1), 0x100000000ull);
    CHECK(RR("sh1add.uw", 0xffffffff80000000ull, 0), 0x100000000ull);
    CHECK(RR("sh2add.uw", 0x123456789ull, 1), 0x8d159e25ull);
    CHECK(RR("sh3add.uw", 0xffffffffull, 8), 0x800000000ull);
    CHECK(RI("slli.uw", 0xffffffff80000001ull, 4), 0x800000010ull);
    CHECK(RI("slli.uw", 0xffffffffull, 63), MIN64);
    check_group("zba");
}

static void test_zbb_logic_count(void)
{
    CHECK(RR("andn", 0xff, 0x0f), 0xf0);
    CHECK(RR("orn", 0, ~0xffull), 0xff);
    CHECK(RR("xnor", 0xf0, 0xff), ~0x0full);
    CHECK(R1("clz", 0), 64);
    CHECK(R1("clz", 1), 63);
    CHECK(R1("clz", MIN64), 0);
    CHECK(R1("ctz", 0), 64);
    CHECK(R1("ctz", MIN64), 63);
    CHECK(R1("ctz", 0x100), 8);
    CHECK(R1("cpop", ~0ull), 64);
    CHECK(R1("cpop", 0x8000000000000101ull), 3);
    CHECK(R1("clzw", 0xffffffff00000000ull), 32);
    CHECK(R1("clzw", 0x00008000), 16);
    CHECK(R1("ctzw", 0xffffffff00000000ull), 32);
    CHECK(R1("ctzw", 0x80000000ull), 31);
    CHECK(R1("cpopw", 0xffffffff0000000full), 4);
    check_group("zbb logic/count");
}

static void test_zbb_minmax_ext(void)
{
    CHECK(RR("max", -1ull, 1), 1);
    CHECK(RR("maxu", -1ull, 1), -1ull);
    CHECK(RR("min", -1ull, 1), -1ull);
    CHECK(RR("minu", -1ull, 1), 1);
    CHECK(RR("min", MIN64, 0), MIN64);
    CHECK(R1("sext.b", 0x180), 0xffffffffffffff80ull);
    CHECK(R1("sext.b", 0x17f), 0x7f);
    CHECK(R1("sext.h", 0x18000), 0xffffffffffff8000ull);
    CHECK(R1("zext.h", 0xffffffffffff8001ull), 0x8001);
    check_group("zbb min/max/ext");
}

static void test_zbb_rotate(void)
{
    CHECK(RR("rol", MIN64 | 1, 1), 3);
    CHECK(RR("rol", 1, 64), 1);                    /* count masked */
    CHECK(RR("ror", 3, 1), MIN64 | 1);
    CHECK(RR("ror", 1, 63), 2);
    CHECK(RI("rori", 1, 63), 2);
    CHECK(RI("rori", 0x0123456789abcdefull, 8), 0xef0123456789abcdull);
    CHECK(RR("rolw", 0x80000001ull, 1), 3);
    CHECK(RR("rolw", 0x40000000ull, 33), 0xffffffff80000000ull);
    CHECK(RR("rorw", 1, 1), 0xffffffff80000000ull);
    CHECK(RR("rorw", 0xffffffff00000002ull, 1), 1);
    CHECK(RI("roriw", 1, 31), 2);
    CHECK(RI("roriw", 0x12345678, 4), 0xffffffff81234567ull);
    CHECK(R1("orc.b", 0x0001000000ff1000ull), 0x00ff000000ffff00ull);
    CHECK(R1("orc.b", 0), 0);
    CHECK(R1("orc.b", 0x8080808080808080ull), ~0ull);
    CHECK(R1("rev8", 0x0123456789abcdefull), 0xefcdab8967452301ull);
    check_group("zbb rotate/orc/rev8");
}

static void test_zbs(void)
{
    CHECK(RR("bclr", ~0ull, 63), ~MIN64);
    CHECK(RR("bclr", ~0ull, 64), ~1ull);           /* index masked */
    CHECK(RR("bext", MIN64, 63), 1);
    CHECK(RR("bext", MIN64, 62), 0);
    CHECK(RR("binv", 0, 5), 32);
    CHECK(RR("binv", 32, 5), 0);
    CHECK(RR("bset", 0, 63), MIN64);
    CHECK(RI("bclri", 0xff, 0), 0xfe);
    CHECK(RI("bexti", 0x10, 4), 1);
    CHECK(RI("binvi", 0, 63), MIN64);
    CHECK(RI("bseti", 0, 32), 0x100000000ull);
    check_group("zbs");
}

int main(void)
{
    test_zba();
    test_zbb_logic_count();
    test_zbb_minmax_ext();
    test_zbb_rotate();
    test_zbs();
    return check_finish();
}
