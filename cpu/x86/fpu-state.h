/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * x87/MMX/SSE state as software sees it: reset values, the status word
 * with TOP, and the 512-byte FXSAVE image (FXSAVE/FXRSTOR, the signal
 * frame's fpstate, XSAVE's legacy region).
 */
#ifndef CPU_X86_FPU_STATE_H
#define CPU_X86_FPU_STATE_H

#include <stdint.h>

#include "cpu/x86/cpu-state.h"

enum {
    X86_FXSAVE_SIZE = 512,
    X86_MXCSR_DEFAULT = 0x1f80,
    X86_MXCSR_MASK = 0xffff,        /* writable MXCSR bits (DAZ included) */
    X86_FPUC_DEFAULT = 0x037f,
};

/* FNINIT + MXCSR reset: empty stack, all exceptions masked. */
void x86_fpu_reset(X86CPUState *env);
/* The FPU status word with TOP in bits 11..13. */
uint16_t x86_fpu_get_fsw(const X86CPUState *env);
void x86_fpu_set_fsw(X86CPUState *env, uint16_t fsw);
/* Abridged tag byte (FXSAVE): bit i set = physical register i not empty. */
uint8_t x86_fpu_get_abridged_tags(const X86CPUState *env);
void x86_fpu_set_abridged_tags(X86CPUState *env, uint8_t tags);
/*
 * For user mode's SIGFPE on #MF/#XM: the si_code Linux gives for the
 * exception flags set with their mask bit clear (x87 FSW and MXCSR share
 * the bit layout: IE DE ZE OE UE PE), first match of invalid, divide by
 * zero, overflow, underflow or denormal, precision (FPE_FLTINV ..
 * FPE_FLTRES); 0 if none is.
 */
int x86_fpe_si_code(unsigned unmasked);
/* The 64-bit FXSAVE image of env (FXSAVE64 layout: 64-bit FIP/FDP). */
void x86_fxsave_to(const X86CPUState *env, uint8_t out[X86_FXSAVE_SIZE]);
/* Load env from an FXSAVE image; -EINVAL (env unchanged) if the MXCSR in
 * it sets reserved bits (the instruction's #GP). */
int x86_fxrstor_from(X86CPUState *env, const uint8_t in[X86_FXSAVE_SIZE]);

#endif
