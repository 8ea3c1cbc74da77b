/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tlb_flush/tlb_flush_page for binaries without the soft MMU (the user
 * mode janus-riscv64, unit tests): there is no TLB, so there is nothing
 * to flush. Weak, so the soft MMU's accel/tcg/cputlb.c wins wherever it
 * is linked. The riscv front end references these from SFENCE.VMA and
 * satp writes, which user mode can never execute.
 */
#include "accel/tcg/cputlb.h"

__attribute__((weak)) void tlb_flush(CPU *cpu)
{
    (void)cpu;
}

__attribute__((weak)) void tlb_flush_page(CPU *cpu, uint64_t vaddr)
{
    (void)cpu;
    (void)vaddr;
}
