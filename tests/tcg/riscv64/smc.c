/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Code written at run time: a function generated into an RWX mapping,
 * called, rewritten (FENCE.I), called again; plus a 32-bit instruction
 * straddling a page boundary, which the translator must fetch from both
 * pages.
 */
#include <string.h>
#include <sys/mman.h>

#include "check.h"

typedef uint64_t (*Fn)(uint64_t);

/* addi a0, a0, imm */
static uint32_t insn_addi_a0(int imm)
{
    return ((uint32_t)imm & 0xfff) << 20 | 10 << 15 | 0 << 12 | 10 << 7 | 0x13;
}

static const uint32_t insn_ret = 0x00008067;   /* jalr x0, 0(ra) */
static const uint16_t insn_c_nop = 0x0001;

static void put32(uint8_t *p, uint32_t v)
{
    memcpy(p, &v, 4);
}

int main(void)
{
    uint8_t *mem = mmap(NULL, 8192, PROT_READ | PROT_WRITE | PROT_EXEC,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    Fn fn;

    if (mem == MAP_FAILED) {
        printf("FAIL mmap\n");
        return 1;
    }
    /* Rewriting a function in place. */
    put32(mem, insn_addi_a0(5));
    put32(mem + 4, insn_ret);
    __asm__ volatile("fence.i" ::: "memory");
    fn = (Fn)(void *)mem;
    CHECK(fn(10), 15);
    put32(mem, insn_addi_a0(-7));
    __asm__ volatile("fence.i" ::: "memory");
    CHECK(fn(10), 3);
    for (int i = 0; i < 50; i++) {
        put32(mem, insn_addi_a0(i));
        __asm__ volatile("fence.i" ::: "memory");
        if (fn(100) != 100u + i) {
            CHECK(fn(100), 100 + i);
            break;
        }
    }
    check_group("rewrite");

    /* c.nop at 4092, addi a0,a0,1 at 4094..4097 (crosses), then ret. */
    memcpy(mem + 4092, &insn_c_nop, 2);
    put32(mem + 4094, insn_addi_a0(1));
    put32(mem + 4098, insn_addi_a0(2));
    put32(mem + 4102, insn_ret);
    __asm__ volatile("fence.i" ::: "memory");
    fn = (Fn)(void *)(mem + 4092);
    CHECK(fn(0), 3);
    fn = (Fn)(void *)(mem + 4094);
    CHECK(fn(0), 3);
    /* Rewrite only the second half of the straddling instruction
     * (imm[11:4] lives in the upper halfword, on the second page). */
    put32(mem + 4094, insn_addi_a0(0x100));
    __asm__ volatile("fence.i" ::: "memory");
    CHECK(fn(0), 0x102);
    check_group("page crossing");
    return check_finish();
}
