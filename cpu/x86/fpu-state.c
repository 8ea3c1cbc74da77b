/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * x87/MMX/SSE state conversions (fpu-state.h). The FXSAVE layout is the
 * one of the Intel SDM vol. 1, 10.5.1 (64-bit format).
 */
#include <errno.h>
#include <signal.h>
#include <string.h>

#include "cpu/x86/fpu-state.h"
#include "util/cutils.h"

int x86_fpe_si_code(unsigned unmasked)
{
    if (unmasked & 0x01) {
        return FPE_FLTINV;
    }
    if (unmasked & 0x04) {
        return FPE_FLTDIV;
    }
    if (unmasked & 0x08) {
        return FPE_FLTOVF;
    }
    if (unmasked & 0x12) {          /* underflow, denormal operand */
        return FPE_FLTUND;
    }
    if (unmasked & 0x20) {
        return FPE_FLTRES;
    }
    return 0;   /* Linux reports si_code 0 when it finds no cause */
}

void x86_fpu_reset(X86CPUState *env)
{
    memset(env->fpregs, 0, sizeof(env->fpregs));
    env->fpstt = 0;
    env->fpus = 0;
    env->fpuc = X86_FPUC_DEFAULT;
    memset(env->fptags, 1, sizeof(env->fptags));
    env->fpop = 0;
    env->fpip = env->fpdp = 0;
    env->mxcsr = X86_MXCSR_DEFAULT;
}

uint16_t x86_fpu_get_fsw(const X86CPUState *env)
{
    return (uint16_t)((env->fpus & ~0x3800u) | (env->fpstt & 7) << 11);
}

void x86_fpu_set_fsw(X86CPUState *env, uint16_t fsw)
{
    env->fpus = fsw & ~0x3800u;
    env->fpstt = (fsw >> 11) & 7;
}

uint8_t x86_fpu_get_abridged_tags(const X86CPUState *env)
{
    uint8_t tags = 0;

    for (int i = 0; i < 8; i++) {
        if (!env->fptags[i]) {
            tags |= 1u << i;
        }
    }
    return tags;
}

void x86_fpu_set_abridged_tags(X86CPUState *env, uint8_t tags)
{
    for (int i = 0; i < 8; i++) {
        env->fptags[i] = !(tags & (1u << i));
    }
}

void x86_fxsave_to(const X86CPUState *env, uint8_t out[X86_FXSAVE_SIZE])
{
    memset(out, 0, X86_FXSAVE_SIZE);
    st16_le(out + 0, env->fpuc);
    st16_le(out + 2, x86_fpu_get_fsw(env));
    out[4] = x86_fpu_get_abridged_tags(env);
    st16_le(out + 6, env->fpop);
    st64_le(out + 8, env->fpip);
    st64_le(out + 16, env->fpdp);
    st32_le(out + 24, env->mxcsr);
    st32_le(out + 28, X86_MXCSR_MASK);
    /* the register slots are stack-relative: slot i holds ST(i) */
    for (int i = 0; i < 8; i++) {
        const X86FPReg *r = &env->fpregs[(env->fpstt + i) & 7];

        st64_le(out + 32 + 16 * i, r->mant);
        st16_le(out + 40 + 16 * i, r->exp);
    }
    for (int i = 0; i < 16; i++) {
        memcpy(out + 160 + 16 * i, env->xmm[i].b, 16);
    }
}

int x86_fxrstor_from(X86CPUState *env, const uint8_t in[X86_FXSAVE_SIZE])
{
    uint32_t mxcsr = ld32_le(in + 24);

    if (mxcsr & ~(uint32_t)X86_MXCSR_MASK) {
        return -EINVAL;
    }
    env->fpuc = ld16_le(in + 0);
    x86_fpu_set_fsw(env, ld16_le(in + 2));
    x86_fpu_set_abridged_tags(env, in[4]);
    env->fpop = ld16_le(in + 6) & 0x7ff;
    env->fpip = ld64_le(in + 8);
    env->fpdp = ld64_le(in + 16);
    env->mxcsr = mxcsr;
    for (int i = 0; i < 8; i++) {
        X86FPReg *r = &env->fpregs[(env->fpstt + i) & 7];

        r->mant = ld64_le(in + 32 + 16 * i);
        r->exp = ld16_le(in + 40 + 16 * i);
    }
    for (int i = 0; i < 16; i++) {
        memcpy(env->xmm[i].b, in + 160 + 16 * i, 16);
    }
    return 0;
}
