/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Run-time helpers of the riscv64 front end: C functions translated code
 * calls for what is long, rare or must be atomic on the host. Each has a
 * TCGHelperInfo (helper_info_*) describing its signature for tcg_gen_call.
 * Helpers that can raise an exception expect env->pc to be exact already
 * (the front end syncs it before the call), so they pass host_pc 0.
 */
#ifndef CPU_RISCV_HELPER_H
#define CPU_RISCV_HELPER_H

#include <stdint.h>

#include "accel/tcg/tcg.h"
#include "cpu/riscv/cpu-state.h"

/* Raise exception excp at env->pc (never returns). */
void helper_riscv_raise_exception(CPURISCVState *env, uint32_t excp)
    __attribute__((noreturn));
/*
 * A Zicsr instruction (insn: its bits, src: rs1's value for the register
 * forms): performs the read/modify/write and returns the old value.
 * Unknown CSRs and writes to read-only ones raise an illegal instruction.
 */
uint64_t helper_riscv_csr(CPURISCVState *env, uint32_t insn, uint64_t src);
/* LR.W/LR.D: load and reserve; returns the loaded (sign-extended) value. */
uint64_t helper_riscv_lr(CPURISCVState *env, uint32_t insn, uint64_t addr);
/* SC.W/SC.D: 0 on success, 1 on failure; the reservation is dropped. */
uint64_t helper_riscv_sc(CPURISCVState *env, uint32_t insn, uint64_t addr,
                         uint64_t val);
/* AMO*.W/AMO*.D: atomic read-modify-write; returns the old value. */
uint64_t helper_riscv_amo(CPURISCVState *env, uint32_t insn, uint64_t addr,
                          uint64_t val);

extern const TCGHelperInfo helper_info_riscv_raise_exception;
extern const TCGHelperInfo helper_info_riscv_csr;
extern const TCGHelperInfo helper_info_riscv_lr;
extern const TCGHelperInfo helper_info_riscv_sc;
extern const TCGHelperInfo helper_info_riscv_amo;

#endif
