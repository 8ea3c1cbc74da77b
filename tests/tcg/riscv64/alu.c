/* SPDX-License-Identifier: GPL-2.0-or-later */
/* RV64I: ALU edge cases, W-form sign extension, loads/stores, branches. */
#include "check.h"

static const uint64_t MIN64 = 0x8000000000000000ull;
static const uint64_t MAX64 = 0x7fffffffffffffffull;

static void test_add_sub(void)
{
    CHECK(RR("add", MAX64, 1), MIN64);
    CHECK(RR("sub", MIN64, 1), MAX64);
    CHECK(RR("sub", 0, 1), ~0ull);
    CHECK(RI("addi", 5, -6), ~0ull);
    CHECK(RI("addi", MAX64, 1), MIN64);
    CHECK(RR("addw", 0x7fffffff, 1), 0xffffffff80000000ull);
    CHECK(RR("addw", 0x123456789ull, 0), 0x23456789);
    CHECK(RR("subw", 0x80000000ull, 1), 0x7fffffff);
    CHECK(RR("subw", 0, 1), ~0ull);
    CHECK(RI("addiw", 0x7fffffff, 1), 0xffffffff80000000ull);
    CHECK(RI("addiw", 0xffffffff00000005ull, 0), 5);
    CHECK(RI("addiw", 0x80000000ull, 0), 0xffffffff80000000ull);  /* sext.w */
    check_group("add/sub");
}

static void test_logic(void)
{
    CHECK(RR("and", 0xf0f0, 0xff00), 0xf000);
    CHECK(RR("or", 0xf0f0, 0xff00), 0xfff0);
    CHECK(RR("xor", 0xf0f0, 0xff00), 0x0ff0);
    CHECK(RI("andi", ~0ull, -2), ~1ull);
    CHECK(RI("ori", 0, -1), ~0ull);
    CHECK(RI("xori", 0x5555, -1), ~0x5555ull);
    CHECK(RI("andi", 0x12345, 0x7ff), 0x345);
    check_group("logic");
}

static void test_shifts(void)
{
    CHECK(RR("sll", 1, 63), MIN64);
    CHECK(RR("sll", 1, 64), 1);            /* count masked to 6 bits */
    CHECK(RR("sll", 3, 127), MIN64);
    CHECK(RR("srl", MIN64, 63), 1);
    CHECK(RR("sra", MIN64, 63), ~0ull);
    CHECK(RR("sra", MIN64, 64), MIN64);
    CHECK(RI("slli", 1, 63), MIN64);
    CHECK(RI("srli", ~0ull, 63), 1);
    CHECK(RI("srai", MIN64, 63), ~0ull);
    CHECK(RI("srai", 0x4000000000000000ull, 62), 1);
    CHECK(RR("sllw", 1, 31), 0xffffffff80000000ull);
    CHECK(RR("sllw", 1, 32), 1);           /* count masked to 5 bits */
    CHECK(RR("srlw", 0xffffffff80000000ull, 31), 1);
    CHECK(RR("srlw", 0x80000000ull, 0), 0xffffffff80000000ull);
    CHECK(RR("sraw", 0x80000000ull, 31), ~0ull);
    CHECK(RR("sraw", 0xffffffff7fffffffull, 31), 0);
    CHECK(RI("slliw", 0x1ffffffffull, 31), 0xffffffff80000000ull);
    CHECK(RI("srliw", ~0ull, 31), 1);
    CHECK(RI("srliw", ~0ull, 0), ~0ull);
    CHECK(RI("sraiw", 0x80000000ull, 4), 0xfffffffff8000000ull);
    CHECK(RI("sraiw", 0x123456789ull, 0), 0x23456789);
    check_group("shifts");
}

static void test_compare(void)
{
    CHECK(RR("slt", ~0ull, 0), 1);
    CHECK(RR("slt", 0, ~0ull), 0);
    CHECK(RR("sltu", ~0ull, 0), 0);
    CHECK(RR("sltu", 0, ~0ull), 1);
    CHECK(RR("slt", MIN64, MAX64), 1);
    CHECK(RR("sltu", MIN64, MAX64), 0);
    CHECK(RR("slt", 5, 5), 0);
    CHECK(RI("slti", ~0ull, 0), 1);
    CHECK(RI("sltiu", 5, -1), 1);          /* imm sign-extends, then unsigned */
    CHECK(RI("sltiu", ~0ull, -1), 0);
    CHECK(RI("sltiu", 0, 1), 1);           /* seqz */
    check_group("slt/sltu");
}

static void test_upper(void)
{
    uint64_t r, pc1, pc2;

    __asm__ volatile("lui %0, 0x80000" : "=r"(r));
    CHECK(r, 0xffffffff80000000ull);
    __asm__ volatile("lui %0, 0x7ffff" : "=r"(r));
    CHECK(r, 0x7ffff000);
    __asm__ volatile("1: auipc %0, 0\n\tlla %1, 1b" : "=r"(pc1), "=r"(pc2));
    CHECK(pc1, pc2);
    __asm__ volatile("1: auipc %0, 1\n\tlla %1, 1b" : "=r"(pc1), "=r"(pc2));
    CHECK(pc1 - pc2, 0x1000);
    check_group("lui/auipc");
}

static void test_memory(void)
{
    static volatile uint64_t buf[2];
    uint64_t r;
    volatile uint8_t *b = (volatile uint8_t *)buf;

    buf[0] = 0x8182838485868788ull;
    buf[1] = 0;
    __asm__ volatile("lb %0, 0(%1)" : "=r"(r) : "r"(b));
    CHECK(r, 0xffffffffffffff88ull);
    __asm__ volatile("lbu %0, 0(%1)" : "=r"(r) : "r"(b));
    CHECK(r, 0x88);
    __asm__ volatile("lh %0, 2(%1)" : "=r"(r) : "r"(b));
    CHECK(r, 0xffffffffffff8586ull);
    __asm__ volatile("lhu %0, 2(%1)" : "=r"(r) : "r"(b));
    CHECK(r, 0x8586);
    __asm__ volatile("lw %0, 4(%1)" : "=r"(r) : "r"(b));
    CHECK(r, 0xffffffff81828384ull);
    __asm__ volatile("lwu %0, 4(%1)" : "=r"(r) : "r"(b));
    CHECK(r, 0x81828384);
    __asm__ volatile("ld %0, 0(%1)" : "=r"(r) : "r"(b));
    CHECK(r, 0x8182838485868788ull);
    __asm__ volatile("lhu %0, 3(%1)" : "=r"(r) : "r"(b));  /* misaligned */
    CHECK(r, 0x8485);
    __asm__ volatile("ld %0, -8(%1)" : "=r"(r) : "r"(b + 8));
    CHECK(r, 0x8182838485868788ull);
    __asm__ volatile("sb %0, 8(%1)" :: "r"(0x1234ull), "r"(b) : "memory");
    __asm__ volatile("sh %0, 10(%1)" :: "r"(0x56789ull), "r"(b) : "memory");
    __asm__ volatile("sw %0, 12(%1)" :: "r"(0xaabbccddeeull), "r"(b) : "memory");
    CHECK(buf[1], 0xbbccddee67890034ull);
    __asm__ volatile("sd %0, 8(%1)" :: "r"(~0ull), "r"(b) : "memory");
    CHECK(buf[1], ~0ull);
    check_group("load/store");
}

static uint64_t branch_mask(uint64_t a, uint64_t b)
{
    uint64_t m = 0;

    __asm__ volatile(
        "beq %1, %2, 1f\n\t ori %0, %0, 1\n1:\n\t"
        "bne %1, %2, 1f\n\t ori %0, %0, 2\n1:\n\t"
        "blt %1, %2, 1f\n\t ori %0, %0, 4\n1:\n\t"
        "bge %1, %2, 1f\n\t ori %0, %0, 8\n1:\n\t"
        "bltu %1, %2, 1f\n\t ori %0, %0, 16\n1:\n\t"
        "bgeu %1, %2, 1f\n\t ori %0, %0, 32\n1:\n\t"
        : "+r"(m) : "r"(a), "r"(b));
    return m;   /* bits set for branches NOT taken */
}

static uint64_t jal_link(void)
{
    uint64_t ra, expect;

    __asm__ volatile("jal %0, 1f\n2:\n\tnop\n1:\n\tlla %1, 2b"
                     : "=r"(ra), "=r"(expect));
    return ra - expect;
}

static uint64_t jalr_odd(void)
{
    uint64_t t, r = 0;

    /* Target with the low bit set: JALR clears it. */
    __asm__ volatile("lla %0, 1f\n\taddi %0, %0, 1\n\tjalr x0, 0(%0)\n\t"
                     "li %1, 99\n1:\n\tli %1, 7"
                     : "=&r"(t), "+r"(r));
    return r;
}

static uint64_t jalr_same_reg(void)
{
    uint64_t t, target;

    /* rd == rs1: the target comes from the old value, the link is pc + 4
     * (here the target itself). */
    __asm__ volatile(".option push\n\t.option norvc\n\t"
                     "lla %0, 1f\n\tmv %1, %0\n\tjalr %0, 0(%0)\n\t1:\n\t"
                     ".option pop" : "=&r"(t), "=&r"(target));
    return t - target;
}

static void test_branches(void)
{
    CHECK(branch_mask(1, 1), 2 | 4 | 16);
    CHECK(branch_mask(~0ull, 1), 1 | 8 | 16);      /* -1 < 1 signed, > unsigned */
    CHECK(branch_mask(1, ~0ull), 1 | 4 | 32);
    CHECK(jal_link(), 0);
    CHECK(jalr_odd(), 7);
    CHECK(jalr_same_reg(), 0);
    check_group("branch/jump");
}

static void test_x0(void)
{
    uint64_t r;

    __asm__ volatile("addi x0, x0, 5\n\tmv %0, x0" : "=r"(r));
    CHECK(r, 0);
    __asm__ volatile("lui x0, 0x12345\n\tadd %0, x0, x0" : "=r"(r));
    CHECK(r, 0);
    check_group("x0");
}

int main(void)
{
    test_add_sub();
    test_logic();
    test_shifts();
    test_compare();
    test_upper();
    test_memory();
    test_branches();
    test_x0();
    return check_finish();
}
