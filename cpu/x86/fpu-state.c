/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * x87/MMX/SSE state conversions (fpu-state.h). The FXSAVE layout is the
 * one of the Intel SDM vol. 1, 10.5.1 (64-bit format).
 */
#include <errno.h>
#include <string.h>

#include "cpu/x86/fpu-state.h"

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

static void put16(uint8_t *p, uint16_t v)
{
    memcpy(p, &v, 2);
}

static void put32(uint8_t *p, uint32_t v)
{
    memcpy(p, &v, 4);
}

static void put64(uint8_t *p, uint64_t v)
{
    memcpy(p, &v, 8);
}

static uint16_t get16(const uint8_t *p)
{
    uint16_t v;

    memcpy(&v, p, 2);
    return v;
}

static uint32_t get32(const uint8_t *p)
{
    uint32_t v;

    memcpy(&v, p, 4);
    return v;
}

static uint64_t get64(const uint8_t *p)
{
    uint64_t v;

    memcpy(&v, p, 8);
    return v;
}

void x86_fxsave_to(const X86CPUState *env, uint8_t out[X86_FXSAVE_SIZE])
{
    memset(out, 0, X86_FXSAVE_SIZE);
    put16(out + 0, env->fpuc);
    put16(out + 2, x86_fpu_get_fsw(env));
    out[4] = x86_fpu_get_abridged_tags(env);
    put16(out + 6, env->fpop);
    put64(out + 8, env->fpip);
    put64(out + 16, env->fpdp);
    put32(out + 24, env->mxcsr);
    put32(out + 28, X86_MXCSR_MASK);
    /* the register slots are stack-relative: slot i holds ST(i) */
    for (int i = 0; i < 8; i++) {
        const X86FPReg *r = &env->fpregs[(env->fpstt + i) & 7];

        put64(out + 32 + 16 * i, r->mant);
        put16(out + 40 + 16 * i, r->exp);
    }
    for (int i = 0; i < 16; i++) {
        memcpy(out + 160 + 16 * i, env->xmm[i].b, 16);
    }
}

int x86_fxrstor_from(X86CPUState *env, const uint8_t in[X86_FXSAVE_SIZE])
{
    uint32_t mxcsr = get32(in + 24);

    if (mxcsr & ~(uint32_t)X86_MXCSR_MASK) {
        return -EINVAL;
    }
    env->fpuc = get16(in + 0);
    x86_fpu_set_fsw(env, get16(in + 2));
    x86_fpu_set_abridged_tags(env, in[4]);
    env->fpop = get16(in + 6) & 0x7ff;
    env->fpip = get64(in + 8);
    env->fpdp = get64(in + 16);
    env->mxcsr = mxcsr;
    for (int i = 0; i < 8; i++) {
        X86FPReg *r = &env->fpregs[(env->fpstt + i) & 7];

        r->mant = get64(in + 32 + 16 * i);
        r->exp = get16(in + 40 + 16 * i);
    }
    for (int i = 0; i < 16; i++) {
        memcpy(env->xmm[i].b, in + 160 + 16 * i, 16);
    }
    return 0;
}
