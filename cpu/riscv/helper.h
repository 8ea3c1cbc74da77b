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

/*
 * System instructions (trap.c). Each raises an illegal instruction
 * (badaddr = insn) where the privilege does not allow it. MRET/SRET set
 * env->pc to the return address; WFI advances env->pc past itself and may
 * leave the loop with EXCP_HALTED; SFENCE.VMA flushes the soft TLB (one
 * page when rs1 is not x0).
 */
void helper_riscv_mret(CPURISCVState *env, uint32_t insn);
void helper_riscv_sret(CPURISCVState *env, uint32_t insn);
void helper_riscv_wfi(CPURISCVState *env, uint32_t insn);
void helper_riscv_sfence_vma(CPURISCVState *env, uint32_t insn, uint64_t vaddr);

extern const TCGHelperInfo helper_info_riscv_raise_exception;
extern const TCGHelperInfo helper_info_riscv_mret, helper_info_riscv_sret,
    helper_info_riscv_wfi, helper_info_riscv_sfence_vma;
extern const TCGHelperInfo helper_info_riscv_csr;
extern const TCGHelperInfo helper_info_riscv_lr;
extern const TCGHelperInfo helper_info_riscv_sc;
extern const TCGHelperInfo helper_info_riscv_amo;


/*
 * F and D (fpu-helper.c). Operands are raw register bits (singles
 * NaN-boxed), results are raw bits (singles NaN-boxed); insn is the
 * instruction, whose rm field (7: frm) and other fields the helper reads.
 * The helpers with a rounding mode have three infos: [0] for a static rm
 * (never raises), [1] for rm = 7 (raises an illegal instruction if frm
 * is invalid), [2] for rm = RNE (func NULL where there is no *_rne
 * variant; the variant takes no insn argument, but for FMA).
 */
uint64_t helper_riscv_fadd_s(CPURISCVState *env, uint64_t a, uint64_t b, uint32_t insn);
uint64_t helper_riscv_fsub_s(CPURISCVState *env, uint64_t a, uint64_t b, uint32_t insn);
uint64_t helper_riscv_fmul_s(CPURISCVState *env, uint64_t a, uint64_t b, uint32_t insn);
uint64_t helper_riscv_fdiv_s(CPURISCVState *env, uint64_t a, uint64_t b, uint32_t insn);
uint64_t helper_riscv_fsqrt_s(CPURISCVState *env, uint64_t a, uint32_t insn);
uint64_t helper_riscv_fmadd_s(CPURISCVState *env, uint64_t a, uint64_t b,
                              uint64_t c, uint32_t insn);
uint64_t helper_riscv_fadd_d(CPURISCVState *env, uint64_t a, uint64_t b, uint32_t insn);
uint64_t helper_riscv_fsub_d(CPURISCVState *env, uint64_t a, uint64_t b, uint32_t insn);
uint64_t helper_riscv_fmul_d(CPURISCVState *env, uint64_t a, uint64_t b, uint32_t insn);
uint64_t helper_riscv_fdiv_d(CPURISCVState *env, uint64_t a, uint64_t b, uint32_t insn);
uint64_t helper_riscv_fsqrt_d(CPURISCVState *env, uint64_t a, uint32_t insn);
uint64_t helper_riscv_fmadd_d(CPURISCVState *env, uint64_t a, uint64_t b,
                              uint64_t c, uint32_t insn);
/* The same in round-to-nearest-even (rm 0 known when translating). */
uint64_t helper_riscv_fadd_s_rne(CPURISCVState *env, uint64_t a, uint64_t b);
uint64_t helper_riscv_fsub_s_rne(CPURISCVState *env, uint64_t a, uint64_t b);
uint64_t helper_riscv_fmul_s_rne(CPURISCVState *env, uint64_t a, uint64_t b);
uint64_t helper_riscv_fdiv_s_rne(CPURISCVState *env, uint64_t a, uint64_t b);
uint64_t helper_riscv_fsqrt_s_rne(CPURISCVState *env, uint64_t a);
uint64_t helper_riscv_fmadd_s_rne(CPURISCVState *env, uint64_t a, uint64_t b,
                                  uint64_t c, uint32_t insn);
uint64_t helper_riscv_fadd_d_rne(CPURISCVState *env, uint64_t a, uint64_t b);
uint64_t helper_riscv_fsub_d_rne(CPURISCVState *env, uint64_t a, uint64_t b);
uint64_t helper_riscv_fmul_d_rne(CPURISCVState *env, uint64_t a, uint64_t b);
uint64_t helper_riscv_fdiv_d_rne(CPURISCVState *env, uint64_t a, uint64_t b);
uint64_t helper_riscv_fsqrt_d_rne(CPURISCVState *env, uint64_t a);
uint64_t helper_riscv_fmadd_d_rne(CPURISCVState *env, uint64_t a, uint64_t b,
                                  uint64_t c, uint32_t insn);
/* FMIN/FMAX (rm field 0/1), FLE/FLT/FEQ (rm field 0/1/2), FCLASS. */
uint64_t helper_riscv_fminmax_s(CPURISCVState *env, uint64_t a, uint64_t b, uint32_t insn);
uint64_t helper_riscv_fminmax_d(CPURISCVState *env, uint64_t a, uint64_t b, uint32_t insn);
uint64_t helper_riscv_fcmp_s(CPURISCVState *env, uint64_t a, uint64_t b, uint32_t insn);
uint64_t helper_riscv_fcmp_d(CPURISCVState *env, uint64_t a, uint64_t b, uint32_t insn);
uint64_t helper_riscv_fclass_s(CPURISCVState *env, uint64_t a);
uint64_t helper_riscv_fclass_d(CPURISCVState *env, uint64_t a);
/* FCVT: float->int, int->float (integer type in the rs2 field), S<->D. */
uint64_t helper_riscv_fcvt_i_s(CPURISCVState *env, uint64_t a, uint32_t insn);
uint64_t helper_riscv_fcvt_i_d(CPURISCVState *env, uint64_t a, uint32_t insn);
uint64_t helper_riscv_fcvt_s_i(CPURISCVState *env, uint64_t a, uint32_t insn);
uint64_t helper_riscv_fcvt_d_i(CPURISCVState *env, uint64_t a, uint32_t insn);
uint64_t helper_riscv_fcvt_s_d(CPURISCVState *env, uint64_t a, uint32_t insn);
uint64_t helper_riscv_fcvt_d_s(CPURISCVState *env, uint64_t a, uint32_t insn);

extern const TCGHelperInfo helper_info_riscv_fadd_s[3], helper_info_riscv_fsub_s[3],
    helper_info_riscv_fmul_s[3], helper_info_riscv_fdiv_s[3],
    helper_info_riscv_fsqrt_s[3], helper_info_riscv_fmadd_s[3],
    helper_info_riscv_fadd_d[3], helper_info_riscv_fsub_d[3],
    helper_info_riscv_fmul_d[3], helper_info_riscv_fdiv_d[3],
    helper_info_riscv_fsqrt_d[3], helper_info_riscv_fmadd_d[3],
    helper_info_riscv_fcvt_i_s[3], helper_info_riscv_fcvt_i_d[3],
    helper_info_riscv_fcvt_s_i[3], helper_info_riscv_fcvt_d_i[3],
    helper_info_riscv_fcvt_s_d[3], helper_info_riscv_fcvt_d_s[3];
extern const TCGHelperInfo helper_info_riscv_fminmax_s, helper_info_riscv_fminmax_d,
    helper_info_riscv_fcmp_s, helper_info_riscv_fcmp_d,
    helper_info_riscv_fclass_s, helper_info_riscv_fclass_d;

#endif
