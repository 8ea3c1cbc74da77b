/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The exec loop and the hooks a target CPU gives TCG. The loop looks up
 * (or translates) the TB for the CPU's pc, runs it through the back end,
 * follows chains, and returns when the guest raises an exception or
 * exit_request is set (design contract 4).
 */
#ifndef ACCEL_TCG_TCG_EXEC_H
#define ACCEL_TCG_TCG_EXEC_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "accel/tcg/tb.h"
#include "cpu/cpu.h"

/* Exception numbers the loop itself produces; targets number theirs >= 0. */
enum {
    EXCP_INTERRUPT = -1,   /* exit_request was set */
    EXCP_HALTED = -2,
};

typedef struct TCGTargetOps {
    const char *name;
    /* Once per thread, after tcg_context_init: register the globals. */
    void (*init_globals)(void);
    /* The TB key: current pc and the flags that change translation. */
    void (*get_tb_cpu_state)(CPUArchState *env, uint64_t *pc, uint32_t *flags);
    /* Emit the IR of tb (tcg_ctx is reset); at most max_insns insns. */
    void (*translate_code)(CPUArchState *env, TranslationBlock *tb,
                           int max_insns);
    /* Put the guest state back to the start of the insn whose insn_start
     * args were data[0] (pc) and data[1] (extra). */
    void (*restore_state_to_insn)(CPUArchState *env, const uint64_t *data);
    /* Write the pc for a TB exit that did not set it. */
    void (*set_pc)(CPUArchState *env, uint64_t pc);
    /*
     * A guest access with MO_ALIGN at a misaligned addr (mop is its
     * MemOp): raise the target's exception, normally through
     * tcg_raise_exception(cpu, excp, host_pc) so the faulting insn's state
     * is restored. NULL: misaligned MO_ALIGN accesses simply proceed.
     */
    void (*do_unaligned_access)(CPUArchState *env, uint64_t addr,
                                unsigned mop, bool is_store,
                                uintptr_t host_pc);
    /*
     * Optional, for -d in_asm: disassemble the guest instruction at pc
     * whose first avail bytes are at bytes; write its text to buf and
     * return its length in bytes (0: avail is too short). The front end
     * logs a TB's instructions through tcg_log_in_asm() (tcg-log.h).
     */
    size_t (*disas_insn)(uint64_t pc, const uint8_t *bytes, size_t avail,
                         char *buf, size_t size);
    /* The log shows instruction bytes in memory order (x86), not as
     * 16-bit parcels high first (RISC-V). */
    bool disas_byte_order;
    /*
     * Optional: called before a TB at pc is translated. If the guest may
     * not fetch the TB's first instruction, raise the target's fetch
     * fault through tcg_raise_exception(cpu, excp, 0); no return then.
     * Nothing is allocated yet, so nothing leaks and nothing is cached.
     */
    void (*check_fetch)(CPU *cpu, uint64_t pc);
    /*
     * Optional: called when tcg_cpu_exec returns (normally or through an
     * exception), so state the target keeps outside env while guest code
     * runs is back in env before anyone reads it (x86: MXCSR flags).
     */
    void (*exec_leave)(CPUArchState *env);

    /*
     * ---- System mode only (NULL for user mode) ----
     * Guest loads and stores then go through the soft MMU of
     * accel/tcg/cputlb.c: a per-CPU TLB indexed by mmu_idx (the front end
     * puts the mmu_idx of every access in its guest_ld/st op and keeps it
     * in the TB flags), filled by tlb_fill, backed by the machine's
     * memory-region tree (RAM directly, MMIO through its ops).
     */
    unsigned nb_mmu_modes;
    /*
     * Translate vaddr for access (TCG_ACCESS_*) in mmu_idx. Success: set
     * *paddr and *prot (TCG_PROT_* of the page), return true. Fault: if
     * probe, return false; else raise the target's page fault (with its
     * tval) through tcg_raise_exception(cpu, excp, host_pc); no return.
     */
    bool (*tlb_fill)(CPU *cpu, uint64_t vaddr, int access, int mmu_idx,
                     bool probe, uintptr_t host_pc, uint64_t *paddr,
                     int *prot);
    /* Nothing (no RAM, no device) answers at paddr: raise the target's
     * access fault for vaddr. Never returns. */
    void (*do_transaction_failed)(CPU *cpu, uint64_t paddr, uint64_t vaddr,
                                  int access, int mmu_idx, uintptr_t host_pc)
        __attribute__((noreturn));
    /* Between TBs, when interrupt_request has CPU_INTERRUPT_HARD: take an
     * enabled pending interrupt (trap entry) and return true, or false. */
    bool (*exec_interrupt)(CPU *cpu);
    /* Trap entry for the exception tcg_cpu_exec returned (excp >= 0). */
    void (*do_exception)(CPU *cpu, int excp);
    /* Whether a halted (WFI) hart must wake: an interrupt pending and
     * enabled in mie, whatever the global enables say. */
    bool (*has_work)(CPU *cpu);
    /* The CPU is powered down (e.g. SBI HSM stopped): the loop treats it
     * as halted until has_work says it must act. NULL: never. */
    bool (*cpu_parked)(CPU *cpu);
    /*
     * The mmu_idx instruction fetches (ifetch) or data accesses are
     * checked at now (the privilege; data may differ, e.g. MPRV). The soft
     * MMU needs the fetch one for the code TLB. NULL: always 0.
     */
    int (*mmu_index)(CPUArchState *env, bool ifetch);
} TCGTargetOps;

/* Access kinds for tlb_fill, and page rights. */
enum { TCG_ACCESS_LOAD = 0, TCG_ACCESS_STORE = 1, TCG_ACCESS_FETCH = 2 };
enum { TCG_PROT_READ = 1, TCG_PROT_WRITE = 2, TCG_PROT_EXEC = 4 };

/* Per-vCPU TCG state (cpu->accel_state in TCG mode). */
typedef struct TCGCPUState {
    const TCGTargetOps *ops;
    sigjmp_buf jmp_env;        /* helpers raising exceptions land here */
    int exception_index;
    struct TranslationBlock *jmp_cache[4096];   /* by virtual pc */
    unsigned one_insn_per_tb;
    /* System mode (accel/tcg/cputlb.c, tcg-accel-ops.c): the soft TLB,
     * and whether the vCPU is halted in WFI (owner thread only). */
    struct CPUTLB *_Atomic tlb;
    bool wfi_halted;
} TCGCPUState;

/* Set up TCG for cpu (allocates TCGCPUState). */
int tcg_cpu_init(CPU *cpu, const TCGTargetOps *ops);
/* Run until an exception; returns its number (or EXCP_INTERRUPT). */
int tcg_cpu_exec(CPU *cpu);
/* From a helper: raise exception excp; host_pc (the helper's return
 * address, GETPC()) lets the loop restore the precise guest state; 0 if
 * the state is already exact. Never returns. */
void tcg_raise_exception(CPU *cpu, int excp, uintptr_t host_pc)
    __attribute__((noreturn));
/* The CPU running on this thread (for helpers and signal handlers). */
CPU *tcg_current_cpu(void);

#define GETPC() ((uintptr_t)__builtin_return_address(0))

/* Invalidate every TB covering guest bytes [start, end) (SMC, munmap). */
void tb_invalidate_range(uint64_t start, uint64_t end);
/* Drop every translation (code buffer full, or tests). */
void tb_flush_all(void);

#endif
