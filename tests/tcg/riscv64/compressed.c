/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * RV64C: built with -march=rv64gc so gcc emits compressed forms
 * throughout; explicit c.* mnemonics cover forms gcc rarely picks, and a
 * few raw .insn encodings check the decoder against the manual's tables.
 */
#include "check.h"

static void test_arith(void)
{
    register uint64_t a0 __asm__("a0");
    register uint64_t a1 __asm__("a1");
    register uint64_t s0 __asm__("s0");
    register uint64_t s1 __asm__("s1");
    uint64_t sp_before, sp_after, r;

    __asm__ volatile("c.li %0, -32" : "=r"(a0));
    CHECK(a0, -32ull);
    __asm__ volatile("c.li %0, 31\n\tc.addi %0, -1" : "=r"(a0));
    CHECK(a0, 30);
    __asm__ volatile("c.lui %0, 0xfffe0" : "=r"(a0));   /* nzimm = -32 */
    CHECK(a0, 0xfffffffffffe0000ull);
    __asm__ volatile("c.lui %0, 1" : "=r"(a0));
    CHECK(a0, 0x1000);
    a0 = 0x7fffffff;
    __asm__ volatile("c.addiw %0, 1" : "+r"(a0));
    CHECK(a0, 0xffffffff80000000ull);
    a0 = 1;
    __asm__ volatile("c.slli %0, 63" : "+r"(a0));
    CHECK(a0, 0x8000000000000000ull);
    s0 = 0x8000000000000000ull;
    __asm__ volatile("c.srai %0, 63" : "+r"(s0));
    CHECK(s0, ~0ull);
    s0 = 0x8000000000000000ull;
    __asm__ volatile("c.srli %0, 63" : "+r"(s0));
    CHECK(s0, 1);
    s0 = 0xff;
    __asm__ volatile("c.andi %0, -16" : "+r"(s0));
    CHECK(s0, 0xf0);
    s0 = 10; s1 = 3;
    __asm__ volatile("c.sub %0, %1" : "+r"(s0) : "r"(s1));
    CHECK(s0, 7);
    s0 = 0xf0; s1 = 0x3c;
    __asm__ volatile("c.xor %0, %1" : "+r"(s0) : "r"(s1));
    CHECK(s0, 0xcc);
    __asm__ volatile("c.or %0, %1" : "+r"(s0) : "r"(s1));
    CHECK(s0, 0xfc);
    __asm__ volatile("c.and %0, %1" : "+r"(s0) : "r"(s1));
    CHECK(s0, 0x3c);
    s0 = 0x80000000ull; s1 = 1;
    __asm__ volatile("c.subw %0, %1" : "+r"(s0) : "r"(s1));
    CHECK(s0, 0x7fffffff);
    s0 = 0x7fffffff; s1 = 1;
    __asm__ volatile("c.addw %0, %1" : "+r"(s0) : "r"(s1));
    CHECK(s0, 0xffffffff80000000ull);
    a1 = 1234;
    __asm__ volatile("c.mv %0, %1" : "=r"(a0) : "r"(a1));
    CHECK(a0, 1234);
    a0 = 1; a1 = 2;
    __asm__ volatile("c.add %0, %1" : "+r"(a0) : "r"(a1));
    CHECK(a0, 3);
    __asm__ volatile("mv %0, sp\n\tc.addi16sp sp, -64\n\tmv %1, sp\n\t"
                     "c.addi16sp sp, 64" : "=r"(sp_before), "=r"(sp_after));
    CHECK(sp_before - sp_after, 64);
    __asm__ volatile("c.addi4spn %0, sp, 1020\n\tsub %0, %0, sp" : "=r"(s0));
    CHECK(s0, 1020);
    (void)r;
    check_group("c arith");
}

static void test_memory(void)
{
    static uint64_t buf[4] = { 0x1122334455667788ull, 0xffffffff80000000ull };
    register uint64_t s0 __asm__("s0") = (uint64_t)buf;
    register uint64_t s1 __asm__("s1");
    uint64_t r;

    __asm__ volatile("c.ld %0, 0(%1)" : "=r"(s1) : "r"(s0));
    CHECK(s1, 0x1122334455667788ull);
    __asm__ volatile("c.lw %0, 8(%1)" : "=r"(s1) : "r"(s0));
    CHECK(s1, 0xffffffff80000000ull);
    __asm__ volatile("c.lw %0, 12(%1)" : "=r"(s1) : "r"(s0));
    CHECK(s1, ~0ull);
    s1 = 0xabcdef0123456789ull;
    __asm__ volatile("c.sd %0, 16(%1)" :: "r"(s1), "r"(s0) : "memory");
    CHECK(buf[2], 0xabcdef0123456789ull);
    __asm__ volatile("c.sw %0, 24(%1)" :: "r"(s1), "r"(s0) : "memory");
    CHECK(buf[3], 0x23456789);
    /* Stack-relative forms on a scratch frame. */
    __asm__ volatile("addi sp, sp, -32\n\t"
                     "li t0, -2\n\tc.sdsp t0, 8(sp)\n\tc.swsp t0, 16(sp)\n\t"
                     "sw zero, 20(sp)\n\t"
                     "c.ldsp %0, 16(sp)\n\t"
                     "addi sp, sp, 32" : "=r"(r) :: "t0", "memory");
    CHECK(r, 0xfffffffeull);
    __asm__ volatile("addi sp, sp, -32\n\t"
                     "li t0, -2\n\tc.sdsp t0, 8(sp)\n\tc.lwsp %0, 8(sp)\n\t"
                     "addi sp, sp, 32" : "=r"(r) :: "t0", "memory");
    CHECK(r, -2ull);
    /* FP register load/store forms move bits. */
    __asm__ volatile("addi sp, sp, -32\n\t"
                     "li t0, 0x1234\n\tsd t0, 8(sp)\n\t"
                     "c.fldsp fa5, 8(sp)\n\tc.fsdsp fa5, 16(sp)\n\t"
                     "c.ldsp %0, 16(sp)\n\t"
                     "addi sp, sp, 32" : "=r"(r) :: "t0", "fa5", "memory");
    CHECK(r, 0x1234);
    check_group("c load/store");
}

static uint64_t c_branches(uint64_t x)
{
    register uint64_t s0 __asm__("s0") = x;
    uint64_t m = 0;

    __asm__ volatile("c.beqz %1, 1f\n\tori %0, %0, 1\n1:\n\t"
                     "c.bnez %1, 1f\n\tori %0, %0, 2\n1:\n\t"
                     "c.j 1f\n\tori %0, %0, 4\n1:"
                     : "+r"(m) : "r"(s0));
    return m;   /* bits for branches not taken */
}

static uint64_t c_jumps(void)
{
    uint64_t r = 0, t;

    __asm__ volatile("lla %1, 1f\n\tc.jr %1\n\tli %0, 1\n1:\n\t"
                     "lla %1, 2f\n\tc.jalr %1\n\t"
                     "j 3f\n2:\n\taddi %0, %0, 10\n\tret\n3:"
                     : "+r"(r), "=&r"(t) :: "ra");
    return r;
}

static void test_control(void)
{
    CHECK(c_branches(0), 2);
    CHECK(c_branches(5), 1);
    CHECK(c_jumps(), 10);
    check_group("c control");
}

/* Raw encodings from the RVC tables (the assembler is not involved). */
static void test_raw(void)
{
    register uint64_t a0 __asm__("a0");
    register uint64_t a1 __asm__("a1");

    __asm__ volatile(".insn 2, 0x557d" : "=r"(a0));   /* c.li a0, -1 */
    CHECK(a0, ~0ull);
    a0 = 40;
    __asm__ volatile(".insn 2, 0x0509" : "+r"(a0));   /* c.addi a0, 2 */
    CHECK(a0, 42);
    a1 = 7;
    __asm__ volatile(".insn 2, 0x852e" : "=r"(a0) : "r"(a1));  /* c.mv a0, a1 */
    CHECK(a0, 7);
    a0 = 3;
    __asm__ volatile(".insn 2, 0x050e" : "+r"(a0));   /* c.slli a0, 3 */
    CHECK(a0, 24);
    a0 = 0x7fffffff;
    __asm__ volatile(".insn 2, 0x2505" : "+r"(a0));   /* c.addiw a0, 1 */
    CHECK(a0, 0xffffffff80000000ull);
    check_group("c raw");
}

int main(void)
{
    test_arith();
    test_memory();
    test_control();
    test_raw();
    return check_finish();
}
