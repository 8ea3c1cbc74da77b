/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The soft MMU of TCG system mode (docs/softmmu.md): a per-vCPU TLB with
 * one direct-mapped table per mmu_idx, filled through the target's
 * tlb_fill hook and backed by the machine's memory-region tree (RAM and
 * ROM through a host pointer, everything else through address_space_rw).
 *
 * Threading: a vCPU's TLB is read and refilled only by its own thread.
 * Other threads ask for flushes (tlb_flush_*_async: a request plus a kick,
 * served by the owner before its next TB) and may only set the "holds
 * code" bit of write entries (under the TLB's lock) when a page gets TBs.
 */
#ifndef ACCEL_TCG_CPUTLB_H
#define ACCEL_TCG_CPUTLB_H

#include <stdbool.h>
#include <stdint.h>

#include "accel/tcg/tcg.h"
#include "cpu/cpu.h"

#define CPU_TLB_BITS 8
#define CPU_TLB_SIZE (1u << CPU_TLB_BITS)
#define TCG_MAX_MMU_MODES 16

/*
 * The constant a system-mode guest access passes to its helper: the
 * MemOp in the low byte, the mmu_idx above it.
 */
#define TCG_MEMOP_IDX(mop, mmu_idx) ((uint32_t)(mop) | ((uint32_t)(mmu_idx) << 8))

/*
 * Layout the x86-64 back end's inline fast path relies on
 * (docs/softmmu.md, "Inline fast path"): the table of mmu_idx m starts
 * at tlb_fast_table(cpu) + m * TLB_FAST_MODE_STRIDE and holds
 * CPU_TLB_SIZE entries of 1 << TLB_ENTRY_BITS bytes; the entry of vaddr
 * is number (vaddr >> TLB_FAST_PAGE_BITS) & (CPU_TLB_SIZE - 1). In an
 * entry, the 64-bit tags for loads and stores sit at TLB_ENTRY_READ_OFF
 * and TLB_ENTRY_WRITE_OFF (the bare page when the fast path may be used,
 * page | flags or -1 otherwise) and the host addend at
 * TLB_ENTRY_ADDEND_OFF (host address = vaddr + addend).
 */
#define TLB_FAST_PAGE_BITS 12
#define TLB_ENTRY_BITS 6
#define TLB_FAST_MODE_STRIDE ((int32_t)CPU_TLB_SIZE << TLB_ENTRY_BITS)
#define TLB_ENTRY_READ_OFF 0
#define TLB_ENTRY_WRITE_OFF 8
#define TLB_ENTRY_ADDEND_OFF 24

/* Base of cpu's TLB tables (created if needed; the owner's thread). */
void *tlb_fast_table(CPU *cpu);

/* Allocate cpu's TLB (idempotent; the helpers also do it on first use). */
int tlb_init(CPU *cpu);
void tlb_destroy(CPU *cpu);

/*
 * Flushes on the calling thread's own vCPU (or one that is not running):
 * every entry, the entries of the mmu_idx in idxmap (bit n = mmu_idx n),
 * or the one page holding vaddr in every mmu_idx.
 */
void tlb_flush(CPU *cpu);
void tlb_flush_by_mmuidx(CPU *cpu, uint32_t idxmap);
void tlb_flush_page(CPU *cpu, uint64_t vaddr);

/*
 * Flushes of another vCPU, from any thread: recorded as a request and the
 * vCPU kicked; it flushes before it runs its next TB. (A remote page list
 * that overflows becomes a full flush.)
 */
void tlb_flush_async(CPU *cpu);
void tlb_flush_page_async(CPU *cpu, uint64_t vaddr);
/* Every vCPU of src's machine: src itself at once, the others async. */
void tlb_flush_all_cpus(CPU *src);
void tlb_flush_page_all_cpus(CPU *src, uint64_t vaddr);

/*
 * Like the above, but return only when no other vCPU can still use an old
 * entry: each has served the request or is not running guest code (the
 * caller keeps serving its own requests meanwhile, so two vCPUs flushing
 * each other do not deadlock). For SBI remote fences. Called from a vCPU
 * thread without the machine lock.
 */
void tlb_flush_all_cpus_synced(CPU *src);
void tlb_flush_page_all_cpus_synced(CPU *src, uint64_t vaddr);

/* Serve the flush requests other threads left (the accel loop calls it). */
void tlb_process_requests(CPU *cpu);
/* The accel loop brackets tcg_cpu_exec with these (for the synced waits). */
void tlb_exec_begin(CPU *cpu);
void tlb_exec_end(CPU *cpu);

/*
 * System mode: whether the second code page of tb (if it has one) still
 * maps where it did when tb was translated (the lookup checks only the
 * first page).
 */
struct TranslationBlock;
bool tlb_tb_pages_current(CPU *cpu, const struct TranslationBlock *tb);

/*
 * Guest accesses from C (target helpers: AMOs, string ops): the same path
 * as translated code, faults raised through the target with host_pc
 * (GETPC() of the helper, or 0 if the guest state is already exact).
 */
uint64_t cpu_ld_mmu(CPU *cpu, uint64_t addr, MemOp mop, int mmu_idx,
                    uintptr_t host_pc);
void cpu_st_mmu(CPU *cpu, uint64_t addr, uint64_t val, MemOp mop,
                int mmu_idx, uintptr_t host_pc);
/*
 * Host pointer to size bytes of guest RAM at addr for access
 * (TCG_ACCESS_LOAD/STORE), for read-modify-write helpers (AMO, LR/SC).
 * Faults are raised as for a normal access; a store to a page holding TBs
 * invalidates them first. NULL if the bytes are not plain RAM (MMIO, ROM
 * written, or crossing a page): the caller then uses cpu_ld/st_mmu.
 */
void *tlb_probe_host(CPU *cpu, uint64_t addr, unsigned size, int access,
                     int mmu_idx, uintptr_t host_pc);

/*
 * Physical address of the code at vaddr (instruction fetch rights, the
 * target's fetch mmu_idx). Faults: with probe, returns -1; else raises the
 * target's fetch fault with the guest state as it is (host_pc 0).
 */
uint64_t tlb_get_page_addr_code(CPU *cpu, uint64_t vaddr, bool probe);

/*
 * Whether the direct-mapped code TLB entry of vaddr (the target's fetch
 * mmu_idx) is present and maps it to phys_page: no fill, no victim
 * search, no lock. false means "ask tlb_get_page_addr_code", not "not
 * mapped". For the TB lookups' fast path.
 */
bool tlb_code_page_is(CPU *cpu, uint64_t vaddr, uint64_t phys_page);
/*
 * For front ends translating in system mode: the host address of the code
 * byte at vaddr when the code TLB (refilled by a probe: no fault is
 * raised) maps its page to RAM or ROM; NULL otherwise (a fault, MMIO, a
 * hole: fetch through the target's own path to get the cause). Valid
 * until the next TLB change of cpu; its own thread only.
 */
const void *tlb_code_host(CPU *cpu, uint64_t vaddr);

/*
 * Whether a front end may end a TB with goto_tb to another page in
 * system mode: the exec loop links such jumps with a guard that TLB
 * flushes drop (one vCPU only; see docs/softmmu.md). Otherwise use
 * lookup_and_goto_ptr; a goto_tb the loop may not link just exits.
 */
bool tlb_cross_page_chaining(void);

/* The guest access helpers the system-mode guest_ld/st builders call. */
uint64_t helper_ld_mmu(CPUArchState *env, uint64_t addr, uint32_t oi);
void helper_st_mmu(CPUArchState *env, uint64_t addr, uint64_t val,
                   uint32_t oi);
extern const TCGHelperInfo tcg_helper_info_ld_mmu;
extern const TCGHelperInfo tcg_helper_info_st_mmu;

/* Counters, for tests and -d. */
typedef struct TLBStats {
    unsigned long fills;        /* tlb_fill calls that succeeded */
    unsigned long flushes;      /* full flushes */
    unsigned long page_flushes;
    unsigned long smc_writes;   /* stores that took the code-page path */
    unsigned long victim_hits;  /* misses served by the victim entries */
    unsigned long helper_calls; /* helper_ld/st_mmu calls (x86-64: the
                                   inline probe's misses only) */
} TLBStats;
void tlb_get_stats(CPU *cpu, TLBStats *st);

/*
 * Guest RAM at [paddr, paddr + len) was written other than through a vCPU
 * TLB (device DMA, loaders): drop the TBs made from it. Cheap when none of
 * the pages holds code. Any thread; no-op outside system mode.
 */
void tlb_notify_phys_write(uint64_t paddr, uint64_t len);

/* Whether a physical page holds TBs (system mode; tests). */
bool tlb_page_is_code(uint64_t paddr);

/* accel/tcg internal: the TB-cache hooks and TB page bookkeeping. */
void tlb_code_page_added(uint64_t page);
void tlb_code_page_removed(uint64_t page);
struct TranslationBlock;
void tlb_set_tb_pages(CPU *cpu, struct TranslationBlock *tb);

#endif
