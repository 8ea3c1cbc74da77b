/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The soft MMU's TLB as a target front end sees it (system mode). The
 * TLB itself is accel/tcg/cputlb.c (H7); these are the calls a target
 * makes when the guest changes its translations (SFENCE.VMA, satp).
 */
#ifndef ACCEL_TCG_CPUTLB_H
#define ACCEL_TCG_CPUTLB_H

#include <stdint.h>

#include "cpu/cpu.h"

/* Drop every TLB entry of cpu, in every mmu_idx. cpu's own thread. */
void tlb_flush(CPU *cpu);
/* Drop the entries of cpu for the page holding vaddr, in every mmu_idx. */
void tlb_flush_page(CPU *cpu, uint64_t vaddr);

#endif
