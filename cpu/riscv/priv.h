/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Internals of the riscv64 privileged architecture (system mode), shared
 * by csr.c, trap.c, mmu.c, hart.c and the translator, and called directly
 * by the unit tests (tests/unit/test-riscv-*.c).
 *
 * mmu_idx encoding (nb_mmu_modes = RISCV_NB_MMU_MODES): bits 1:0 are the
 * privilege the access is checked at (0 U, 1 S, 3 M; with MPRV the data
 * accesses of M mode use MPP), bit 2 is mstatus.SUM (only ever set with
 * privilege S), bit 3 is mstatus.MXR. Instruction fetch always uses the
 * bare privilege (SUM and MXR do not apply to it). The page rights
 * tlb_fill returns depend on the mmu_idx and the PTE only, so one soft-TLB
 * entry serves loads, stores and fetches of that mmu_idx alike.
 */
#ifndef CPU_RISCV_PRIV_H
#define CPU_RISCV_PRIV_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu/cpu.h"
#include "cpu/riscv/cpu-state.h"
#include "memory/memory.h"

#define RISCV_MMU_IDX_PRIV_MASK 3
#define RISCV_MMU_IDX_SUM 4
#define RISCV_MMU_IDX_MXR 8
#define RISCV_NB_MMU_MODES 16

/*
 * TB flags of a system-mode hart: bits 3:0 the mmu_idx of instruction
 * fetch (= priv), bits 7:4 the mmu_idx of loads and stores, bits 9:8
 * mstatus.FS, bit 10 set (system mode; user mode's flags are 0).
 */
#define RISCV_TB_FETCH_IDX(f) ((f) & 0xf)
#define RISCV_TB_MEM_IDX(f)   (((f) >> 4) & 0xf)
#define RISCV_TB_FS(f)        (((f) >> 8) & 3)
#define RISCV_TB_SYSTEM       (1u << 10)
uint32_t riscv_cpu_tb_flags(const CPURISCVState *env);

/* The mmu_idx of the hart's loads/stores (ifetch false) or fetches. */
int riscv_cpu_mmu_index(const CPURISCVState *env, bool ifetch);

/* Interrupt bits (mip/mie) and which of them S mode sees. */
#define RISCV_MIP_SSIP (1ull << 1)
#define RISCV_MIP_MSIP (1ull << 3)
#define RISCV_MIP_STIP (1ull << 5)
#define RISCV_MIP_MTIP (1ull << 7)
#define RISCV_MIP_SEIP (1ull << 9)
#define RISCV_MIP_MEIP (1ull << 11)
#define RISCV_MIP_S_MASK (RISCV_MIP_SSIP | RISCV_MIP_STIP | RISCV_MIP_SEIP)
#define RISCV_MIP_ALL (RISCV_MIP_S_MASK | RISCV_MIP_MSIP | RISCV_MIP_MTIP | \
                       RISCV_MIP_MEIP)

/* mstatus.UXL = SXL = 2 (64-bit), read-only. */
#define MSTATUS_UXL_SXL_VALUE (2ull << 32 | 2ull << 34)

/* ---- csr.c ---- */
/*
 * Read CSR csr into *old and, if write, replace the bits of wmask with
 * those of wval (CSRRW: wmask all ones; CSRRS: wval all ones, wmask rs1;
 * CSRRC: wval 0, wmask rs1). False, with nothing changed, when the access
 * is illegal at the current privilege (unknown CSR, too low a privilege,
 * write to a read-only CSR, counter not enabled, TVM, FS off, ...).
 */
bool riscv_csr_rmw(CPURISCVState *env, unsigned csr, uint64_t *old,
                   uint64_t wval, uint64_t wmask, bool write);
/* mstatus as software reads it (SD computed from FS). */
uint64_t riscv_cpu_mstatus(const CPURISCVState *env);
/* mip as software reads it: software bits | device lines | Sstc STIP. */
uint64_t riscv_cpu_mip(const CPURISCVState *env);
/* The time CSR: the board's mtime, or host time when none is wired. */
uint64_t riscv_cpu_time(const CPURISCVState *env);
/* Re-evaluate Sstc: STIP = STCE && time >= stimecmp; arm the timer. */
void riscv_sstc_update(CPURISCVState *env);

/* ---- trap.c ---- */
/*
 * Trap entry for cause (an interrupt number if interrupt) with tval at
 * env->pc: delegation through medeleg/mideleg, the x{cause,epc,tval}
 * CSRs, the mstatus stack, the vector of mtvec/stvec.
 */
void riscv_cpu_do_trap(CPURISCVState *env, uint64_t cause, bool interrupt,
                       uint64_t tval);
/* The interrupt to take now (priority order, enables), or -1. */
int riscv_cpu_pending_interrupt(const CPURISCVState *env);
/* A halted hart must wake: some interrupt pending and enabled in mie. */
bool riscv_cpu_has_work(const CPURISCVState *env);
/* After a change of mstatus/mie/mip/mideleg/priv: if an interrupt can be
 * taken now, request it (the running hart leaves its TB). */
void riscv_cpu_check_interrupts(CPURISCVState *env);
/* The TCGTargetOps hooks. */
void riscv_cpu_do_exception(CPU *cpu, int excp);
bool riscv_cpu_exec_interrupt(CPU *cpu);
bool riscv_cpu_has_work_hook(CPU *cpu);
/* hart.c: enter S mode for a pending SBI hart_start (the hart's thread). */
void riscv_hart_start_pending(CPU *cpu);
/* xRET: false if illegal at the current privilege (then nothing changed). */
bool riscv_cpu_mret(CPURISCVState *env);
bool riscv_cpu_sret(CPURISCVState *env);

/* ---- mmu.c ---- */
/*
 * Translate vaddr for access (TCG_ACCESS_*) in mmu_idx: 0 with *paddr and
 * *prot (TCG_PROT_* granted to the whole page for this mmu_idx), or the
 * exception cause (page fault, or access fault when a PTE is not in
 * memory). Sets A (and D for stores) in the leaf PTE as the access needs.
 */
int riscv_cpu_translate(CPURISCVState *env, uint64_t vaddr, int access,
                        int mmu_idx, uint64_t *paddr, int *prot);
/* TCGTargetOps.tlb_fill / do_transaction_failed. */
bool riscv_cpu_tlb_fill(CPU *cpu, uint64_t vaddr, int access, int mmu_idx,
                        bool probe, uintptr_t host_pc, uint64_t *paddr,
                        int *prot);
void riscv_cpu_do_transaction_failed(CPU *cpu, uint64_t paddr, uint64_t vaddr,
                                     int access, int mmu_idx, uintptr_t host_pc)
    __attribute__((noreturn));
/* Instruction fetch for the translator: 0 or the exception cause. */
int riscv_cpu_fetch16(CPURISCVState *env, uint64_t vaddr, uint16_t *val);
/*
 * Host address of an aligned size-byte atomic (LR/SC/AMO) at vaddr:
 * translated at the data mmu_idx, in RAM. Raises the page or access
 * fault (env->pc must be exact) on failure.
 */
void *riscv_cpu_atomic_host_addr(CPURISCVState *env, uint64_t vaddr,
                                 unsigned size, bool is_store);
/* The memory PTEs live in (the machine's). */
AddressSpace *riscv_cpu_address_space(const CPURISCVState *env);

#endif
