/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Run-time helpers of the sse_fp group (cpu/x86/sse-fp-helper.c): SSE
 * floating-point arithmetic and conversions, run as the host's own
 * instruction under the guest's MXCSR (rounding, DAZ, FTZ), so results,
 * NaN propagation and exception flags are the host CPU's; and the
 * FXSAVE/XSAVE state instructions.
 *
 * An operation is named by its encoding: X86_SSE_OP(map, byte, pp) with
 * map 1 (0F), 2 (0F 38), 3 (0F 3A), pp 0 none, 1 66, 2 F3, 3 F2; an imm8
 * (CMPPS, ROUNDPS, DPPS, ...) rides in bits 16..23. XMM registers are
 * passed as env offsets, a source operand by value (lo, hi: the 16 bytes
 * of an XMM register or a memory operand, zero-extended when shorter).
 *
 * A SIMD exception whose MXCSR mask bit is clear raises #XM
 * (X86_EXCP_XM) with the destination unchanged; the flags of the
 * exceptions found are set in MXCSR either way.
 */
#ifndef CPU_X86_HELPER_SSE_FP_H
#define CPU_X86_HELPER_SSE_FP_H

#include <stdint.h>

#include "accel/tcg/tcg.h"
#include "cpu/x86/cpu-state.h"

#define X86_SSE_OP(map, byte, pp) \
    ((uint32_t)(map) << 10 | (uint32_t)(byte) << 2 | (uint32_t)(pp))
#define X86_SSE_IMM(imm) ((uint32_t)(imm) << 16)

/* env[dst] = op(env[dst], src): arithmetic, comparisons, conversions
 * with an XMM destination. */
void helper_x86_sse_op(X86CPUState *env, uint32_t op, uint32_t dst,
                       uint64_t lo, uint64_t hi);
/* CVTSI2SS/SD: op's bit 30 says a 64-bit integer. */
void helper_x86_sse_cvtsi(X86CPUState *env, uint32_t op, uint32_t dst,
                          uint64_t val);
/* Conversions to an integer destination: CVT(T)SS2SI/SD2SI (a GPR; op's
 * bit 30: 64-bit), CVT(T)PS2PI/PD2PI (an MMX register's 64 bits). */
uint64_t helper_x86_sse_cvt2int(X86CPUState *env, uint32_t op, uint64_t lo,
                                uint64_t hi);
/* CVTPI2PS/PD from a 64-bit value (MMX register or memory). */
void helper_x86_sse_cvtpi(X86CPUState *env, uint32_t op, uint32_t dst,
                          uint64_t val);
/* UCOMISS/SD, COMISS/SD of env[a] against src: ZF PF CF (rflags
 * positions), OF SF AF clear. */
uint64_t helper_x86_sse_comis(X86CPUState *env, uint32_t op, uint32_t a,
                              uint64_t lo);
/* FXSAVE/FXRSTOR (op bit 0: REX.W, the 64-bit FIP/FDP layout), XSAVE/
 * XRSTOR (mask: EDX:EAX) at guest addr; alignment and image checks #GP. */
void helper_x86_fxsave(X86CPUState *env, uint64_t addr, uint32_t op);
void helper_x86_fxrstor(X86CPUState *env, uint64_t addr, uint32_t op);
void helper_x86_xsave(X86CPUState *env, uint64_t addr, uint64_t mask,
                      uint32_t op);
void helper_x86_xrstor(X86CPUState *env, uint64_t addr, uint64_t mask,
                       uint32_t op);

/*
 * Specialised helpers for the hot instructions (translation time lookup;
 * NULL when op has none). op: X86_SSE_OP(), bit 30 for REX.W (CVTSI2Sx,
 * CVT(T)Sx2SI). The signature depends on the instruction:
 *  - scalar arithmetic, CVTSS2SD/CVTSD2SS, CVTSI2SS/SD:
 *    i64 f(env, i64 dst_low, i64 src): the destination's new low 64 bits;
 *  - UCOMISx/COMISx: i64 f(env, i64 a_low, i64 src): ZF PF CF as
 *    helper_x86_sse_comis;
 *  - CVT(T)SS2SI/SD2SI: i64 f(env, i64 src);
 *  - packed arithmetic: void f(env, i32 dst, i64 lo, i64 hi), as
 *    helper_x86_sse_op.
 */
#define X86_SSE_OP_W64 (1u << 30)
const TCGHelperInfo *x86_sse_fast_helper(uint32_t op);

/*
 * While the guest masks every SIMD exception the SSE helpers leave the
 * guest's MXCSR control in the host's MXCSR between instructions and
 * gather its flags there (sse-fp-helper.c). x86_sse_sync_mxcsr folds
 * them into env->mxcsr and restores the host's MXCSR: call it before
 * reading or writing env->mxcsr outside these helpers (the user-mode
 * loop does after every tcg_cpu_exec). helper_x86_sse_sync is the same
 * for translated code (before STMXCSR/LDMXCSR).
 */
void x86_sse_sync_mxcsr(X86CPUState *env);
void helper_x86_sse_sync(X86CPUState *env);

extern const TCGHelperInfo helper_info_x86_sse_sync,
    helper_info_x86_sse_op, helper_info_x86_sse_cvtsi,
    helper_info_x86_sse_cvt2int, helper_info_x86_sse_cvtpi,
    helper_info_x86_sse_comis, helper_info_x86_fxsave,
    helper_info_x86_fxrstor, helper_info_x86_xsave, helper_info_x86_xrstor;

#endif
