/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SSE floating-point helpers (helper-sse-fp.h). Each operation runs the
 * host's instruction of the same name with the guest's MXCSR loaded: the
 * guest's rounding mode, DAZ and FTZ, every exception masked (an unmasked
 * one would trap in the emulator); the flags the instruction raised are
 * read back with STMXCSR and merged into the guest's MXCSR, and an
 * exception the guest left unmasked becomes #XM. In the precise path the
 * host's MXCSR is saved and restored inside the same asm statement; in
 * fast mode (below) the guest's control stays loaded between helpers, so
 * the emulator's own code must not do floating point while a vCPU runs
 * (none does).
 *
 * The emulated instructions and the host's are the same instruction, so
 * results are bit-exact, NaN propagation, default NaN, RCP/RSQRT
 * approximations included. Known approximation: an exception trapping
 * only when unmasked (underflow of an exact tiny result) is seen as the
 * masked run flags it.
 *
 * FXSAVE/XSAVE access guest memory at guest_base + addr (user mode).
 */
#include <stdbool.h>
#include <string.h>

#include "accel/tcg/guest-mem.h"
#include "accel/tcg/tcg-exec.h"
#include "cpu/x86/cc.h"
#include "cpu/x86/fpu-state.h"
#include "cpu/x86/helper-sse-fp.h"

#if !defined(__x86_64__)
#error "sse-fp-helper.c runs guest SSE instructions on the host CPU: \
it needs an x86-64 host (a soft-float SSE implementation is not written)"
#endif

typedef uint64_t V128 __attribute__((vector_size(16)));

enum {
    MXCSR_IE = 1, MXCSR_DE = 2, MXCSR_ZE = 4, MXCSR_OE = 8, MXCSR_UE = 16,
    MXCSR_PE = 32, MXCSR_FLAGS = 0x3f, MXCSR_MASKS = 0x1f80,
};

#define W64 (1u << 30)
#define OPK(map, byte, pp) X86_SSE_OP(map, byte, pp)
enum { PP_NONE, PP_66, PP_F3, PP_F2 };

static void __attribute__((noreturn)) raise_excp(int excp, uintptr_t ra)
{
    tcg_raise_exception(tcg_current_cpu(), excp, ra);
}

/* The guest's MXCSR for the host run: its flags cleared, all masked. */
static uint32_t guest_csr(const X86CPUState *env)
{
    return (env->mxcsr & 0xffc0u) | MXCSR_MASKS;
}

/*
 * Merge the flags of a host run (the MXCSR it ended with) into the
 * guest's; #XM if one of them is unmasked. Pre-computation exceptions
 * (invalid, denormal, divide by zero) that trap suppress the reporting of
 * the post-computation ones (SDM vol. 1, 11.5.2).
 */
static void sse_check(X86CPUState *env, uint32_t out, uintptr_t ra)
{
    uint32_t fl = out & MXCSR_FLAGS;
    uint32_t unmasked = fl & ~(env->mxcsr >> 7) & MXCSR_FLAGS;

    if (unmasked) {
        if (unmasked & (MXCSR_IE | MXCSR_DE | MXCSR_ZE)) {
            fl &= MXCSR_IE | MXCSR_DE | MXCSR_ZE;
        }
        env->mxcsr |= fl;
        raise_excp(X86_EXCP_XM, ra);
    }
    env->mxcsr |= fl;
}

/*
 * Fast mode. Switching MXCSR around every instruction costs more than
 * the instruction (LDMXCSR waits for the FP pipeline), so while the
 * guest masks every exception (the normal case: nothing can trap), the
 * host's MXCSR keeps the guest's control bits from one helper to the
 * next and its sticky flags gather the guest's; the instruction runs
 * bare. x86_sse_sync_mxcsr() folds the gathered flags into env->mxcsr
 * and puts the host's MXCSR back: before anything reads or writes
 * env->mxcsr (STMXCSR, LDMXCSR, FXSAVE.., the user-mode loop when the
 * CPU leaves translated code). Per host thread, as MXCSR is.
 */
/* The guest control (flags clear, every mask set) the host's MXCSR
 * holds, or MX_NONE when it holds the host's own. */
enum { MX_NONE = 0xffffffffu };
static __thread uint32_t mx_loaded_control = MX_NONE;
static __thread uint32_t mx_host;       /* the host's own, to restore */

void x86_sse_sync_mxcsr(X86CPUState *env)
{
    uint32_t cur;

    if (mx_loaded_control == MX_NONE) {
        return;
    }
    __asm__ volatile("stmxcsr %[cur]\n\tldmxcsr %[host]"
                     : [cur] "=m"(cur) : [host] "m"(mx_host) : "memory");
    env->mxcsr |= cur & MXCSR_FLAGS;
    mx_loaded_control = MX_NONE;
}

/* The inline check of the specialised helpers: the guest's control is
 * loaded already (which implies every exception masked: only such a
 * control is ever loaded). */
static inline bool sse_fast_now(const X86CPUState *env)
{
    return (env->mxcsr & 0xffc0u) == mx_loaded_control;
}

/* True: the guest's control is loaded and every exception masked (run
 * the instruction bare); false: run it with the full switch, whose
 * flags are checked one by one. */
static bool sse_fast(X86CPUState *env)
{
    uint32_t want = env->mxcsr & 0xffc0u;

    if ((want & MXCSR_MASKS) != MXCSR_MASKS) {
        x86_sse_sync_mxcsr(env);
        return false;
    }
    if (mx_loaded_control == want) {
        return true;
    }
    x86_sse_sync_mxcsr(env);
    __asm__ volatile("stmxcsr %[host]\n\tldmxcsr %[want]"
                     : [host] "=m"(mx_host) : [want] "m"(want) : "memory");
    mx_loaded_control = want;
    return true;
}

void helper_x86_sse_sync(X86CPUState *env)
{
    x86_sse_sync_mxcsr(env);
}

/* insn %b, %a under the guest MXCSR (gin), flags to gout */
#define RUN(insn) do { \
    if (fast) \
        __asm__ volatile(insn " %[b], %[a]" : [a] "+x"(a) : [b] "x"(b)); \
    else \
        __asm__ volatile("stmxcsr %[host]\n\tldmxcsr %[gin]\n\t" \
                         insn " %[b], %[a]\n\t" \
                         "stmxcsr %[gout]\n\tldmxcsr %[host]" \
                         : [a] "+x"(a), [gout] "=m"(gout), [host] "=m"(host) \
                         : [b] "x"(b), [gin] "m"(gin)); \
    } while (0)
/* insn $imm, %b, %a */
#define RUNI(insn, imm) do { \
    if (fast) \
        __asm__ volatile(insn " %[i], %[b], %[a]" : [a] "+x"(a) \
                         : [b] "x"(b), [i] "i"(imm)); \
    else \
        __asm__ volatile("stmxcsr %[host]\n\tldmxcsr %[gin]\n\t" \
                         insn " %[i], %[b], %[a]\n\t" \
                         "stmxcsr %[gout]\n\tldmxcsr %[host]" \
                         : [a] "+x"(a), [gout] "=m"(gout), [host] "=m"(host) \
                         : [b] "x"(b), [gin] "m"(gin), [i] "i"(imm)); \
    } while (0)

/* switch cases for every immediate an instruction may have */
#define CASE_IMM(insn, n) case (n): RUNI(insn, (n)); break;
#define IMM4(insn, n) CASE_IMM(insn, (n)) CASE_IMM(insn, (n) + 1) \
    CASE_IMM(insn, (n) + 2) CASE_IMM(insn, (n) + 3)
#define IMM8(insn, n) IMM4(insn, (n)) IMM4(insn, (n) + 4)
#define IMM16(insn, n) IMM8(insn, (n)) IMM8(insn, (n) + 8)
#define IMM64(insn, n) IMM16(insn, (n)) IMM16(insn, (n) + 16) \
    IMM16(insn, (n) + 32) IMM16(insn, (n) + 48)
#define IMM256(insn) IMM64(insn, 0) IMM64(insn, 64) IMM64(insn, 128) \
    IMM64(insn, 192)

#define OP4(byte, name) \
    case OPK(1, byte, PP_NONE): RUN(name "ps"); break; \
    case OPK(1, byte, PP_66): RUN(name "pd"); break; \
    case OPK(1, byte, PP_F3): RUN(name "ss"); break; \
    case OPK(1, byte, PP_F2): RUN(name "sd"); break;

/*
 * Underflow with the exception unmasked is signalled for every tiny
 * result, exact or not, while a masked run flags only inexact ones (SDM
 * vol. 1, 11.5.2.4). When the guest unmasks it, the run is made without
 * FTZ (which applies to masked underflow only) and the result elements
 * the operation may make tiny are checked for denormals. Formats: 0 none
 * (cannot underflow), else the element kind and count.
 */
enum { UF_NONE, UF_PS, UF_SS, UF_PD, UF_SD, UF_PS2 };

static int underflow_format(uint32_t op)
{
    switch (op & 0xffff) {
    case OPK(1, 0x58, PP_NONE): case OPK(1, 0x59, PP_NONE):
    case OPK(1, 0x5c, PP_NONE): case OPK(1, 0x5e, PP_NONE):
    case OPK(1, 0x7c, PP_F2): case OPK(1, 0x7d, PP_F2):
    case OPK(1, 0xd0, PP_F2): case OPK(3, 0x40, PP_66):
        return UF_PS;
    case OPK(1, 0x58, PP_F3): case OPK(1, 0x59, PP_F3):
    case OPK(1, 0x5c, PP_F3): case OPK(1, 0x5e, PP_F3):
    case OPK(1, 0x5a, PP_F2):
        return UF_SS;
    case OPK(1, 0x58, PP_66): case OPK(1, 0x59, PP_66):
    case OPK(1, 0x5c, PP_66): case OPK(1, 0x5e, PP_66):
    case OPK(1, 0x7c, PP_66): case OPK(1, 0x7d, PP_66):
    case OPK(1, 0xd0, PP_66): case OPK(3, 0x41, PP_66):
        return UF_PD;
    case OPK(1, 0x58, PP_F2): case OPK(1, 0x59, PP_F2):
    case OPK(1, 0x5c, PP_F2): case OPK(1, 0x5e, PP_F2):
        return UF_SD;
    case OPK(1, 0x5a, PP_66):
        return UF_PS2;
    }
    return UF_NONE;
}

static bool has_denormal(V128 v, int fmt)
{
    uint32_t l[4];
    int n = fmt == UF_PS ? 4 : fmt == UF_PS2 ? 2 : fmt == UF_SS ? 1 : 0;

    memcpy(l, &v, sizeof(l));
    for (int i = 0; i < n; i++) {
        if (!(l[i] & 0x7f800000u) && (l[i] & 0x7fffffu)) {
            return true;
        }
    }
    n = fmt == UF_PD ? 2 : fmt == UF_SD ? 1 : 0;
    for (int i = 0; i < n; i++) {
        if (!(v[i] & 0x7ff0000000000000ull) && (v[i] & 0xfffffffffffffull)) {
            return true;
        }
    }
    return false;
}

/* Returns false for an op it does not know (a translator bug). */
static bool sse_run(uint32_t op, V128 *pa, V128 b, uint32_t gin,
                    uint32_t *pgout, bool fast)
{
    V128 a = *pa;
    uint32_t gout = gin, host;
    unsigned imm = (op >> 16) & 0xff;

    switch (op & 0xffff) {
    OP4(0x51, "sqrt")
    OP4(0x58, "add")
    OP4(0x59, "mul")
    OP4(0x5c, "sub")
    OP4(0x5d, "min")
    OP4(0x5e, "div")
    OP4(0x5f, "max")
    case OPK(1, 0x52, PP_NONE): RUN("rsqrtps"); break;
    case OPK(1, 0x52, PP_F3): RUN("rsqrtss"); break;
    case OPK(1, 0x53, PP_NONE): RUN("rcpps"); break;
    case OPK(1, 0x53, PP_F3): RUN("rcpss"); break;
    case OPK(1, 0x5a, PP_NONE): RUN("cvtps2pd"); break;
    case OPK(1, 0x5a, PP_66): RUN("cvtpd2ps"); break;
    case OPK(1, 0x5a, PP_F3): RUN("cvtss2sd"); break;
    case OPK(1, 0x5a, PP_F2): RUN("cvtsd2ss"); break;
    case OPK(1, 0x5b, PP_NONE): RUN("cvtdq2ps"); break;
    case OPK(1, 0x5b, PP_66): RUN("cvtps2dq"); break;
    case OPK(1, 0x5b, PP_F3): RUN("cvttps2dq"); break;
    case OPK(1, 0x7c, PP_66): RUN("haddpd"); break;
    case OPK(1, 0x7c, PP_F2): RUN("haddps"); break;
    case OPK(1, 0x7d, PP_66): RUN("hsubpd"); break;
    case OPK(1, 0x7d, PP_F2): RUN("hsubps"); break;
    case OPK(1, 0xd0, PP_66): RUN("addsubpd"); break;
    case OPK(1, 0xd0, PP_F2): RUN("addsubps"); break;
    case OPK(1, 0xe6, PP_66): RUN("cvttpd2dq"); break;
    case OPK(1, 0xe6, PP_F3): RUN("cvtdq2pd"); break;
    case OPK(1, 0xe6, PP_F2): RUN("cvtpd2dq"); break;
    case OPK(1, 0xc2, PP_NONE):
        switch (imm & 7) { IMM8("cmpps", 0) }
        break;
    case OPK(1, 0xc2, PP_66):
        switch (imm & 7) { IMM8("cmppd", 0) }
        break;
    case OPK(1, 0xc2, PP_F3):
        switch (imm & 7) { IMM8("cmpss", 0) }
        break;
    case OPK(1, 0xc2, PP_F2):
        switch (imm & 7) { IMM8("cmpsd", 0) }
        break;
    case OPK(3, 0x08, PP_66):
        switch (imm & 15) { IMM16("roundps", 0) }
        break;
    case OPK(3, 0x09, PP_66):
        switch (imm & 15) { IMM16("roundpd", 0) }
        break;
    case OPK(3, 0x0a, PP_66):
        switch (imm & 15) { IMM16("roundss", 0) }
        break;
    case OPK(3, 0x0b, PP_66):
        switch (imm & 15) { IMM16("roundsd", 0) }
        break;
    case OPK(3, 0x40, PP_66):
        switch (imm) { IMM256("dpps") }
        break;
    case OPK(3, 0x41, PP_66):
        switch (imm) { IMM256("dppd") }
        break;
    default:
        return false;
    }
    *pa = a;
    *pgout = gout;
    return true;
}

/* *pa = op(*pa, b), fast or precise: the general path. */
static void sse_op_values(X86CPUState *env, uint32_t op, V128 *pa, V128 b,
                          uintptr_t ra)
{
    V128 a = *pa;
    bool fast = sse_fast(env);
    uint32_t gin = guest_csr(env), gout;
    int uf = (env->mxcsr & (MXCSR_UE << 7)) ? UF_NONE : underflow_format(op);

    if (uf != UF_NONE) {
        gin &= ~0x8000u;                /* FTZ */
    }
    if (!sse_run(op, &a, b, gin, &gout, fast)) {
        raise_excp(X86_EXCP_UD, ra);
    }
    if (uf != UF_NONE && has_denormal(a, uf)) {
        gout |= MXCSR_UE;
    }
    sse_check(env, gout, ra);
    *pa = a;
}

/* The destination as two 8-byte loads: the translated code wrote it
 * with 8-byte stores, which a 16-byte load could not forward from. */
static V128 ld_xmm(const X86CPUState *env, uint32_t off)
{
    const uint64_t *p = (const uint64_t *)((const uint8_t *)env + off);
    V128 v;

    __asm__("movq %[lo], %[v]\n\tmovhps %[hi], %[v]"
            : [v] "=&x"(v) : [lo] "m"(p[0]), [hi] "m"(p[1]));
    return v;
}

static void st_xmm(X86CPUState *env, uint32_t off, V128 v)
{
    memcpy((uint8_t *)env + off, &v, sizeof(v));
}

void helper_x86_sse_op(X86CPUState *env, uint32_t op, uint32_t dst,
                       uint64_t lo, uint64_t hi)
{
    V128 a = ld_xmm(env, dst), b = { lo, hi };

    sse_op_values(env, op, &a, b, GETPC());
    st_xmm(env, dst, a);
}

/* CVTSI2SS/SD: the low 64 bits of the destination (a) with the
 * converted val in its low element. */
static uint64_t sse_cvtsi_values(X86CPUState *env, uint32_t op, uint64_t a0,
                                 uint64_t val, uintptr_t ra)
{
    V128 a = { a0, 0 };
    bool fast = sse_fast(env);
    uint32_t gin = guest_csr(env), gout = gin, host;

#define CVTSI(insn) do { \
    if (fast) \
        __asm__ volatile(insn : [a] "+x"(a) : [v] "r"(val)); \
    else \
        __asm__ volatile("stmxcsr %[host]\n\tldmxcsr %[gin]\n\t" \
                         insn "\n\tstmxcsr %[gout]\n\tldmxcsr %[host]" \
                         : [a] "+x"(a), [gout] "=m"(gout), [host] "=m"(host) \
                         : [v] "r"(val), [gin] "m"(gin)); \
    } while (0)
    switch (op & (0xffff | W64)) {
    case OPK(1, 0x2a, PP_F3): CVTSI("cvtsi2ssl %k[v], %[a]"); break;
    case OPK(1, 0x2a, PP_F3) | W64: CVTSI("cvtsi2ssq %q[v], %[a]"); break;
    case OPK(1, 0x2a, PP_F2): CVTSI("cvtsi2sdl %k[v], %[a]"); break;
    case OPK(1, 0x2a, PP_F2) | W64: CVTSI("cvtsi2sdq %q[v], %[a]"); break;
    default:
        raise_excp(X86_EXCP_UD, ra);
    }
#undef CVTSI
    sse_check(env, gout, ra);
    return a[0];
}

void helper_x86_sse_cvtsi(X86CPUState *env, uint32_t op, uint32_t dst,
                          uint64_t val)
{
    uint64_t *d = (uint64_t *)((uint8_t *)env + dst);

    *d = sse_cvtsi_values(env, op, *d, val, GETPC());
}

static uint64_t sse_cvt2int_values(X86CPUState *env, uint32_t op,
                                   uint64_t lo, uint64_t hi, uintptr_t ra)
{
    V128 b = { lo, hi }, a = { 0, 0 };
    bool fast = sse_fast(env);
    uint32_t gin = guest_csr(env), gout = gin, host;
    uint64_t r = 0;

#define CVT2SI(insn) do { \
    if (fast) \
        __asm__ volatile(insn : [r] "=r"(r) : [b] "x"(b)); \
    else \
        __asm__ volatile("stmxcsr %[host]\n\tldmxcsr %[gin]\n\t" \
                         insn "\n\tstmxcsr %[gout]\n\tldmxcsr %[host]" \
                         : [r] "=r"(r), [gout] "=m"(gout), [host] "=m"(host) \
                         : [b] "x"(b), [gin] "m"(gin)); \
    } while (0)
    switch (op & (0xffff | W64)) {
    case OPK(1, 0x2c, PP_F3): CVT2SI("cvttss2si %[b], %k[r]"); break;
    case OPK(1, 0x2c, PP_F3) | W64: CVT2SI("cvttss2si %[b], %q[r]"); break;
    case OPK(1, 0x2d, PP_F3): CVT2SI("cvtss2si %[b], %k[r]"); break;
    case OPK(1, 0x2d, PP_F3) | W64: CVT2SI("cvtss2si %[b], %q[r]"); break;
    case OPK(1, 0x2c, PP_F2): CVT2SI("cvttsd2si %[b], %k[r]"); break;
    case OPK(1, 0x2c, PP_F2) | W64: CVT2SI("cvttsd2si %[b], %q[r]"); break;
    case OPK(1, 0x2d, PP_F2): CVT2SI("cvtsd2si %[b], %k[r]"); break;
    case OPK(1, 0x2d, PP_F2) | W64: CVT2SI("cvtsd2si %[b], %q[r]"); break;
    /*
     * The MMX-destination forms are their XMM twins on the low half: the
     * host's MMX registers (its x87 stack) are left alone. The packed
     * single forms convert two elements: the upper ones are +0.0, which
     * converts without raising anything.
     */
    case OPK(1, 0x2c, PP_NONE):
        b[1] = 0;
        RUN("cvttps2dq");
        r = a[0];
        break;
    case OPK(1, 0x2d, PP_NONE):
        b[1] = 0;
        RUN("cvtps2dq");
        r = a[0];
        break;
    case OPK(1, 0x2c, PP_66):
        RUN("cvttpd2dq");
        r = a[0];
        break;
    case OPK(1, 0x2d, PP_66):
        RUN("cvtpd2dq");
        r = a[0];
        break;
    default:
        raise_excp(X86_EXCP_UD, ra);
    }
#undef CVT2SI
    sse_check(env, gout, ra);
    return r;
}

uint64_t helper_x86_sse_cvt2int(X86CPUState *env, uint32_t op, uint64_t lo,
                                uint64_t hi)
{
    return sse_cvt2int_values(env, op, lo, hi, GETPC());
}

void helper_x86_sse_cvtpi(X86CPUState *env, uint32_t op, uint32_t dst,
                          uint64_t val)
{
    uintptr_t ra = GETPC();
    V128 *d = (V128 *)((uint8_t *)env + dst);
    V128 a = *d;
    bool fast = sse_fast(env);
    uint32_t gin = guest_csr(env), gout = gin, host;

    /* the memory forms: no transition of the host's x87 to MMX */
#define CVTPI(insn) do { \
    if (fast) \
        __asm__ volatile(insn " %[v], %[a]" : [a] "+x"(a) : [v] "m"(val)); \
    else \
        __asm__ volatile("stmxcsr %[host]\n\tldmxcsr %[gin]\n\t" \
                         insn " %[v], %[a]\n\tstmxcsr %[gout]\n\tldmxcsr %[host]" \
                         : [a] "+x"(a), [gout] "=m"(gout), [host] "=m"(host) \
                         : [v] "m"(val), [gin] "m"(gin)); \
    } while (0)
    switch (op & 0xffff) {
    case OPK(1, 0x2a, PP_NONE): CVTPI("cvtpi2ps"); break;
    case OPK(1, 0x2a, PP_66): CVTPI("cvtpi2pd"); break;
    default:
        raise_excp(X86_EXCP_UD, ra);
    }
#undef CVTPI
    sse_check(env, gout, ra);
    *d = a;
}

static uint64_t sse_comis_values(X86CPUState *env, uint32_t op,
                                 uint64_t a0, uint64_t lo, uintptr_t ra)
{
    V128 a = { a0, 0 }, b = { lo, 0 };
    bool fast = sse_fast(env);
    uint32_t gin = guest_csr(env), gout = gin, host;
    bool zf, pf, cf;

#define COMIS(insn) do { \
    if (fast) \
        __asm__ volatile(insn " %[b], %[a]" \
                         : "=@ccz"(zf), "=@ccp"(pf), "=@ccc"(cf) \
                         : [a] "x"(a), [b] "x"(b)); \
    else \
        __asm__ volatile("stmxcsr %[host]\n\tldmxcsr %[gin]\n\t" \
                         insn " %[b], %[a]\n\tstmxcsr %[gout]\n\tldmxcsr %[host]" \
                         : "=@ccz"(zf), "=@ccp"(pf), "=@ccc"(cf), \
                           [gout] "=m"(gout), [host] "=m"(host) \
                         : [a] "x"(a), [b] "x"(b), [gin] "m"(gin)); \
    } while (0)
    switch (op & 0xffff) {
    case OPK(1, 0x2e, PP_NONE): COMIS("ucomiss"); break;
    case OPK(1, 0x2e, PP_66): COMIS("ucomisd"); break;
    case OPK(1, 0x2f, PP_NONE): COMIS("comiss"); break;
    case OPK(1, 0x2f, PP_66): COMIS("comisd"); break;
    default:
        raise_excp(X86_EXCP_UD, ra);
    }
#undef COMIS
    sse_check(env, gout, ra);
    return (zf ? X86_EFLAGS_ZF : 0) | (pf ? X86_EFLAGS_PF : 0) |
           (cf ? X86_EFLAGS_CF : 0);
}

uint64_t helper_x86_sse_comis(X86CPUState *env, uint32_t op, uint32_t ao,
                              uint64_t lo)
{
    uint64_t a0;

    memcpy(&a0, (uint8_t *)env + ao, sizeof(a0));
    return sse_comis_values(env, op, a0, lo, GETPC());
}

/*
 * ---- Specialised helpers ----
 *
 * One function per hot instruction, picked by the translator (no opcode
 * switch at run time). Each runs the bare host instruction when the fast
 * mode already holds the guest's control (sse_fast_now: one TLS load and
 * a compare) and otherwise takes the general path above, which loads the
 * control or runs the precise switch with #XM. The asm statements are
 * volatile so that no instruction is moved or folded ahead of the check.
 *
 * Scalar forms take the low 64 bits of the destination (a) and of the
 * source (b) and return the destination's new low 64 bits: the
 * instruction itself keeps bits 32..63 of a single-precision destination,
 * the translator the upper half. Packed forms write the destination in
 * env.
 */
#define COLD __attribute__((noinline, cold))

static COLD uint64_t scalar_slow(X86CPUState *env, uint32_t op, uint64_t a,
                                 uint64_t b, uintptr_t ra)
{
    V128 va = { a, 0 }, vb = { b, 0 };

    sse_op_values(env, op, &va, vb, ra);
    return va[0];
}

static COLD void packed_slow(X86CPUState *env, uint32_t op, uint32_t dst,
                             V128 b, uintptr_t ra)
{
    V128 a = ld_xmm(env, dst);

    sse_op_values(env, op, &a, b, ra);
    st_xmm(env, dst, a);
}

static COLD uint64_t cvtsi_slow(X86CPUState *env, uint32_t op, uint64_t a,
                                uint64_t v, uintptr_t ra)
{
    return sse_cvtsi_values(env, op, a, v, ra);
}

static COLD uint64_t cvt2int_slow(X86CPUState *env, uint32_t op, uint64_t b,
                                  uintptr_t ra)
{
    return sse_cvt2int_values(env, op, b, 0, ra);
}

static COLD uint64_t comis_slow(X86CPUState *env, uint32_t op, uint64_t a,
                                uint64_t b, uintptr_t ra)
{
    return sse_comis_values(env, op, a, b, ra);
}

#define SCALAR_HELPER(name, opk) \
    static uint64_t helper_##name(X86CPUState *env, uint64_t a, uint64_t b) \
    { \
        if (__builtin_expect(sse_fast_now(env), 1)) { \
            double x, y; \
            memcpy(&x, &a, 8); \
            memcpy(&y, &b, 8); \
            __asm__ volatile(#name " %[y], %[x]" : [x] "+x"(x) : [y] "x"(y)); \
            memcpy(&a, &x, 8); \
            return a; \
        } \
        return scalar_slow(env, (opk), a, b, GETPC()); \
    }

#define PACKED_HELPER(name, opk) \
    static void helper_##name(X86CPUState *env, uint32_t dst, uint64_t lo, \
                              uint64_t hi) \
    { \
        V128 b = { lo, hi }; \
        if (__builtin_expect(sse_fast_now(env), 1)) { \
            V128 a = ld_xmm(env, dst); \
            __asm__ volatile(#name " %[b], %[a]" : [a] "+x"(a) : [b] "x"(b)); \
            st_xmm(env, dst, a); \
            return; \
        } \
        packed_slow(env, (opk), dst, b, GETPC()); \
    }

#define CVTSI_HELPER(name, insn, opk) \
    static uint64_t helper_##name(X86CPUState *env, uint64_t a, uint64_t v) \
    { \
        if (__builtin_expect(sse_fast_now(env), 1)) { \
            double x; \
            memcpy(&x, &a, 8); \
            __asm__ volatile(insn : [x] "+x"(x) : [v] "r"(v)); \
            memcpy(&a, &x, 8); \
            return a; \
        } \
        return cvtsi_slow(env, (opk), a, v, GETPC()); \
    }

#define CVT2INT_HELPER(name, insn, opk) \
    static uint64_t helper_##name(X86CPUState *env, uint64_t b) \
    { \
        if (__builtin_expect(sse_fast_now(env), 1)) { \
            double y; \
            uint64_t r; \
            memcpy(&y, &b, 8); \
            __asm__ volatile(insn : [r] "=r"(r) : [y] "x"(y)); \
            return r; \
        } \
        return cvt2int_slow(env, (opk), b, GETPC()); \
    }

#define COMIS_HELPER(name, opk) \
    static uint64_t helper_##name(X86CPUState *env, uint64_t a, uint64_t b) \
    { \
        if (__builtin_expect(sse_fast_now(env), 1)) { \
            double x, y; \
            bool zf, pf, cf; \
            memcpy(&x, &a, 8); \
            memcpy(&y, &b, 8); \
            __asm__ volatile(#name " %[y], %[x]" \
                             : "=@ccz"(zf), "=@ccp"(pf), "=@ccc"(cf) \
                             : [x] "x"(x), [y] "x"(y)); \
            return (zf ? X86_EFLAGS_ZF : 0) | (pf ? X86_EFLAGS_PF : 0) | \
                   (cf ? X86_EFLAGS_CF : 0); \
        } \
        return comis_slow(env, (opk), a, b, GETPC()); \
    }

/* byte, name stem: the four arithmetic forms of 0F byte */
#define ARITH4(byte, stem) \
    SCALAR_HELPER(stem##ss, OPK(1, byte, PP_F3)) \
    SCALAR_HELPER(stem##sd, OPK(1, byte, PP_F2)) \
    PACKED_HELPER(stem##ps, OPK(1, byte, PP_NONE)) \
    PACKED_HELPER(stem##pd, OPK(1, byte, PP_66))

ARITH4(0x51, sqrt)
ARITH4(0x58, add)
ARITH4(0x59, mul)
ARITH4(0x5c, sub)
ARITH4(0x5d, min)
ARITH4(0x5e, div)
ARITH4(0x5f, max)
SCALAR_HELPER(cvtss2sd, OPK(1, 0x5a, PP_F3))
SCALAR_HELPER(cvtsd2ss, OPK(1, 0x5a, PP_F2))

CVTSI_HELPER(cvtsi2ssl, "cvtsi2ssl %k[v], %[x]", OPK(1, 0x2a, PP_F3))
CVTSI_HELPER(cvtsi2ssq, "cvtsi2ssq %q[v], %[x]", OPK(1, 0x2a, PP_F3) | W64)
CVTSI_HELPER(cvtsi2sdl, "cvtsi2sdl %k[v], %[x]", OPK(1, 0x2a, PP_F2))
CVTSI_HELPER(cvtsi2sdq, "cvtsi2sdq %q[v], %[x]", OPK(1, 0x2a, PP_F2) | W64)

CVT2INT_HELPER(cvttss2sil, "cvttss2si %[y], %k[r]", OPK(1, 0x2c, PP_F3))
CVT2INT_HELPER(cvttss2siq, "cvttss2si %[y], %q[r]", OPK(1, 0x2c, PP_F3) | W64)
CVT2INT_HELPER(cvtss2sil, "cvtss2si %[y], %k[r]", OPK(1, 0x2d, PP_F3))
CVT2INT_HELPER(cvtss2siq, "cvtss2si %[y], %q[r]", OPK(1, 0x2d, PP_F3) | W64)
CVT2INT_HELPER(cvttsd2sil, "cvttsd2si %[y], %k[r]", OPK(1, 0x2c, PP_F2))
CVT2INT_HELPER(cvttsd2siq, "cvttsd2si %[y], %q[r]", OPK(1, 0x2c, PP_F2) | W64)
CVT2INT_HELPER(cvtsd2sil, "cvtsd2si %[y], %k[r]", OPK(1, 0x2d, PP_F2))
CVT2INT_HELPER(cvtsd2siq, "cvtsd2si %[y], %q[r]", OPK(1, 0x2d, PP_F2) | W64)

/* CMPSS/SD/PS/PD: one helper per predicate (imm8 bits 0-2) */
#define SCALAR_HELPER_I(name, insn, imm, opk) \
    static uint64_t helper_##name(X86CPUState *env, uint64_t a, uint64_t b) \
    { \
        if (__builtin_expect(sse_fast_now(env), 1)) { \
            double x, y; \
            memcpy(&x, &a, 8); \
            memcpy(&y, &b, 8); \
            __asm__ volatile(insn " %[i], %[y], %[x]" : [x] "+x"(x) \
                             : [y] "x"(y), [i] "i"(imm)); \
            memcpy(&a, &x, 8); \
            return a; \
        } \
        return scalar_slow(env, (opk) | X86_SSE_IMM(imm), a, b, GETPC()); \
    }
#define PACKED_HELPER_I(name, insn, imm, opk) \
    static void helper_##name(X86CPUState *env, uint32_t dst, uint64_t lo, \
                              uint64_t hi) \
    { \
        V128 b = { lo, hi }; \
        if (__builtin_expect(sse_fast_now(env), 1)) { \
            V128 a = ld_xmm(env, dst); \
            __asm__ volatile(insn " %[i], %[b], %[a]" : [a] "+x"(a) \
                             : [b] "x"(b), [i] "i"(imm)); \
            st_xmm(env, dst, a); \
            return; \
        } \
        packed_slow(env, (opk) | X86_SSE_IMM(imm), dst, b, GETPC()); \
    }
#define CMP4(imm) \
    SCALAR_HELPER_I(cmpss##imm, "cmpss", imm, OPK(1, 0xc2, PP_F3)) \
    SCALAR_HELPER_I(cmpsd##imm, "cmpsd", imm, OPK(1, 0xc2, PP_F2)) \
    PACKED_HELPER_I(cmpps##imm, "cmpps", imm, OPK(1, 0xc2, PP_NONE)) \
    PACKED_HELPER_I(cmppd##imm, "cmppd", imm, OPK(1, 0xc2, PP_66))
CMP4(0) CMP4(1) CMP4(2) CMP4(3) CMP4(4) CMP4(5) CMP4(6) CMP4(7)

COMIS_HELPER(ucomiss, OPK(1, 0x2e, PP_NONE))
COMIS_HELPER(ucomisd, OPK(1, 0x2e, PP_66))
COMIS_HELPER(comiss, OPK(1, 0x2f, PP_NONE))
COMIS_HELPER(comisd, OPK(1, 0x2f, PP_66))

/*
 * Their TCGHelperInfo. The helpers read env->mxcsr and the XMM registers,
 * which are env memory and no TCG global, but the precise path may raise
 * #XM, which needs the guest registers in env: so NO_WRITE_GLOBALS only,
 * as for every SSE helper here.
 */
#define FAST_INFO(n, nargs, mask) \
    static const TCGHelperInfo info_##n = { \
        .func = (void *)helper_##n, .name = "x86_" #n, \
        .typemask = (mask), .flags = TCG_CALL_NO_WRITE_GLOBALS, \
        .nb_args = (nargs), \
    }
#define T(slot, t) TCG_HELPER_TYPE(slot, TCG_HELPER_##t)
#define SCALAR_SIG (T(0, I64) | T(1, PTR) | T(2, I64) | T(3, I64))
#define PACKED_SIG (T(1, PTR) | T(2, I32) | T(3, I64) | T(4, I64))
#define TOINT_SIG (T(0, I64) | T(1, PTR) | T(2, I64))
#define SCALAR_INFO(n) FAST_INFO(n, 3, SCALAR_SIG);
#define PACKED_INFO(n) FAST_INFO(n, 4, PACKED_SIG);
#define TOINT_INFO(n) FAST_INFO(n, 2, TOINT_SIG);
#define ARITH4_INFO(stem) SCALAR_INFO(stem##ss) SCALAR_INFO(stem##sd) \
    PACKED_INFO(stem##ps) PACKED_INFO(stem##pd)

ARITH4_INFO(sqrt)
ARITH4_INFO(add)
ARITH4_INFO(mul)
ARITH4_INFO(sub)
ARITH4_INFO(min)
ARITH4_INFO(div)
ARITH4_INFO(max)
SCALAR_INFO(cvtss2sd)
SCALAR_INFO(cvtsd2ss)
SCALAR_INFO(cvtsi2ssl)
SCALAR_INFO(cvtsi2ssq)
SCALAR_INFO(cvtsi2sdl)
SCALAR_INFO(cvtsi2sdq)
TOINT_INFO(cvttss2sil)
TOINT_INFO(cvttss2siq)
TOINT_INFO(cvtss2sil)
TOINT_INFO(cvtss2siq)
TOINT_INFO(cvttsd2sil)
TOINT_INFO(cvttsd2siq)
TOINT_INFO(cvtsd2sil)
TOINT_INFO(cvtsd2siq)
#define CMP4_INFO(imm) SCALAR_INFO(cmpss##imm) SCALAR_INFO(cmpsd##imm) \
    PACKED_INFO(cmpps##imm) PACKED_INFO(cmppd##imm)
CMP4_INFO(0) CMP4_INFO(1) CMP4_INFO(2) CMP4_INFO(3)
CMP4_INFO(4) CMP4_INFO(5) CMP4_INFO(6) CMP4_INFO(7)
SCALAR_INFO(ucomiss)
SCALAR_INFO(ucomisd)
SCALAR_INFO(comiss)
SCALAR_INFO(comisd)

typedef struct FastHelper {
    uint32_t op;
    const TCGHelperInfo *info;
} FastHelper;

#define ARITH4_ROWS(byte, stem) \
    { OPK(1, byte, PP_F3), &info_##stem##ss }, \
    { OPK(1, byte, PP_F2), &info_##stem##sd }, \
    { OPK(1, byte, PP_NONE), &info_##stem##ps }, \
    { OPK(1, byte, PP_66), &info_##stem##pd },

static const FastHelper fast_helpers[] = {
    ARITH4_ROWS(0x51, sqrt)
    ARITH4_ROWS(0x58, add)
    ARITH4_ROWS(0x59, mul)
    ARITH4_ROWS(0x5c, sub)
    ARITH4_ROWS(0x5d, min)
    ARITH4_ROWS(0x5e, div)
    ARITH4_ROWS(0x5f, max)
    { OPK(1, 0x5a, PP_F3), &info_cvtss2sd },
    { OPK(1, 0x5a, PP_F2), &info_cvtsd2ss },
    { OPK(1, 0x2a, PP_F3), &info_cvtsi2ssl },
    { OPK(1, 0x2a, PP_F3) | W64, &info_cvtsi2ssq },
    { OPK(1, 0x2a, PP_F2), &info_cvtsi2sdl },
    { OPK(1, 0x2a, PP_F2) | W64, &info_cvtsi2sdq },
    { OPK(1, 0x2c, PP_F3), &info_cvttss2sil },
    { OPK(1, 0x2c, PP_F3) | W64, &info_cvttss2siq },
    { OPK(1, 0x2d, PP_F3), &info_cvtss2sil },
    { OPK(1, 0x2d, PP_F3) | W64, &info_cvtss2siq },
    { OPK(1, 0x2c, PP_F2), &info_cvttsd2sil },
    { OPK(1, 0x2c, PP_F2) | W64, &info_cvttsd2siq },
    { OPK(1, 0x2d, PP_F2), &info_cvtsd2sil },
    { OPK(1, 0x2d, PP_F2) | W64, &info_cvtsd2siq },
#define CMP4_ROWS(imm) \
    { OPK(1, 0xc2, PP_F3) | X86_SSE_IMM(imm), &info_cmpss##imm }, \
    { OPK(1, 0xc2, PP_F2) | X86_SSE_IMM(imm), &info_cmpsd##imm }, \
    { OPK(1, 0xc2, PP_NONE) | X86_SSE_IMM(imm), &info_cmpps##imm }, \
    { OPK(1, 0xc2, PP_66) | X86_SSE_IMM(imm), &info_cmppd##imm },
    CMP4_ROWS(0) CMP4_ROWS(1) CMP4_ROWS(2) CMP4_ROWS(3)
    CMP4_ROWS(4) CMP4_ROWS(5) CMP4_ROWS(6) CMP4_ROWS(7)
    { OPK(1, 0x2e, PP_NONE), &info_ucomiss },
    { OPK(1, 0x2e, PP_66), &info_ucomisd },
    { OPK(1, 0x2f, PP_NONE), &info_comiss },
    { OPK(1, 0x2f, PP_66), &info_comisd },
};

const TCGHelperInfo *x86_sse_fast_helper(uint32_t op)
{
    for (size_t i = 0; i < sizeof(fast_helpers) / sizeof(fast_helpers[0]);
         i++) {
        if (fast_helpers[i].op == op) {
            return fast_helpers[i].info;
        }
    }
    return NULL;
}

#undef T

/* ---- FXSAVE / XSAVE ---- */

static uint8_t *guest_host_addr(uint64_t addr)
{
    return (uint8_t *)(uintptr_t)(guest_base + addr);
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

/*
 * The image as FXSAVE (no REX.W) writes it: 32-bit FIP and FDP, each
 * followed by its selector. The selectors are stored as 0, as CPUs that
 * deprecate FCS/FDS do (64-bit user mode has no use for them).
 */
static void image_to_32bit(uint8_t *img, const X86CPUState *env)
{
    put32(img + 8, (uint32_t)env->fpip);
    put16(img + 12, 0);
    put16(img + 14, 0);
    put32(img + 16, (uint32_t)env->fpdp);
    put16(img + 20, 0);
    put16(img + 22, 0);
}

static void image_from_32bit(uint8_t *img)
{
    put64(img + 8, get32(img + 8));
    put64(img + 16, get32(img + 16));
}

/* FXSAVE writes bytes 0..415; 416..511 are reserved or the software's. */
enum { FXSAVE_WRITTEN = 416, XSAVE_HDR = 512 };

void helper_x86_fxsave(X86CPUState *env, uint64_t addr, uint32_t op)
{
    uintptr_t ra = GETPC();
    uint8_t img[X86_FXSAVE_SIZE];

    x86_sse_sync_mxcsr(env);
    if (addr & 15) {
        raise_excp(X86_EXCP_GP, ra);
    }
    x86_fxsave_to(env, img);
    if (!(op & 1)) {
        image_to_32bit(img, env);
    }
    memcpy(guest_host_addr(addr), img, FXSAVE_WRITTEN);
}

void helper_x86_fxrstor(X86CPUState *env, uint64_t addr, uint32_t op)
{
    uintptr_t ra = GETPC();
    uint8_t img[X86_FXSAVE_SIZE];

    x86_sse_sync_mxcsr(env);
    if (addr & 15) {
        raise_excp(X86_EXCP_GP, ra);
    }
    memcpy(img, guest_host_addr(addr), sizeof(img));
    if (!(op & 1)) {
        image_from_32bit(img);
    }
    if (x86_fxrstor_from(env, img) < 0) {
        raise_excp(X86_EXCP_GP, ra);
    }
}

/* XINUSE: which components are not in their initial configuration. */
static uint64_t xinuse(const X86CPUState *env)
{
    uint64_t r = 0;
    bool x87 = env->fpuc != X86_FPUC_DEFAULT || x86_fpu_get_fsw(env) ||
               x86_fpu_get_abridged_tags(env) || env->fpop || env->fpip ||
               env->fpdp;

    for (int i = 0; i < 8 && !x87; i++) {
        x87 = env->fpregs[i].mant || env->fpregs[i].exp;
    }
    if (x87) {
        r |= 1;
    }
    for (int i = 0; i < 16; i++) {
        if (env->xmm[i].q[0] || env->xmm[i].q[1]) {
            r |= 2;
            break;
        }
    }
    return r;
}

void helper_x86_xsave(X86CPUState *env, uint64_t addr, uint64_t mask,
                      uint32_t op)
{
    uintptr_t ra = GETPC();
    uint64_t rfbm = env->xcr0 & mask, bv;
    uint8_t img[X86_FXSAVE_SIZE], *g;

    x86_sse_sync_mxcsr(env);
    if (addr & 63) {
        raise_excp(X86_EXCP_GP, ra);
    }
    x86_fxsave_to(env, img);
    if (!(op & 1)) {
        image_to_32bit(img, env);
    }
    g = guest_host_addr(addr);
    /* the header first: a fault there leaves the rest unwritten too */
    bv = get64(g + XSAVE_HDR);
    bv = (bv & ~rfbm) | (xinuse(env) & rfbm);
    put64(g + XSAVE_HDR, bv);
    if (rfbm & 1) {
        memcpy(g, img, 24);
        memcpy(g + 32, img + 32, 128);
    }
    if (rfbm & 6) {
        memcpy(g + 24, img + 24, 8);        /* MXCSR, MXCSR_MASK */
    }
    if (rfbm & 2) {
        memcpy(g + 160, img + 160, 256);
    }
}

void helper_x86_xrstor(X86CPUState *env, uint64_t addr, uint64_t mask,
                       uint32_t op)
{
    uintptr_t ra = GETPC();
    uint64_t rfbm = env->xcr0 & mask, bv;
    uint8_t img[X86_FXSAVE_SIZE], cur[X86_FXSAVE_SIZE], hdr[64];
    const uint8_t *g;

    x86_sse_sync_mxcsr(env);
    if (addr & 63) {
        raise_excp(X86_EXCP_GP, ra);
    }
    g = guest_host_addr(addr);
    memcpy(hdr, g + XSAVE_HDR, sizeof(hdr));
    memcpy(img, g, sizeof(img));
    bv = get64(hdr);
    /* the standard form: XSTATE_BV within XCR0, XCOMP_BV and the next
     * 8 bytes zero (no compacted form without XSAVEC) */
    if ((bv & ~env->xcr0) || get64(hdr + 8) || get64(hdr + 16)) {
        raise_excp(X86_EXCP_GP, ra);
    }
    if (!(op & 1)) {
        image_from_32bit(img);
    }
    x86_fxsave_to(env, cur);
    if (rfbm & 6) {
        if (get32(img + 24) & ~(uint32_t)X86_MXCSR_MASK) {
            raise_excp(X86_EXCP_GP, ra);
        }
        memcpy(cur + 24, img + 24, 4);
    }
    if (rfbm & 1) {
        if (bv & 1) {
            memcpy(cur, img, 24);
            memcpy(cur + 32, img + 32, 128);
        } else {
            /* the initial x87 state: FNINIT's, registers zero */
            memset(cur, 0, 24);
            put16(cur, X86_FPUC_DEFAULT);
            memset(cur + 32, 0, 128);
        }
    }
    if (rfbm & 2) {
        if (bv & 2) {
            memcpy(cur + 160, img + 160, 256);
        } else {
            memset(cur + 160, 0, 256);
        }
    }
    if (x86_fxrstor_from(env, cur) < 0) {
        raise_excp(X86_EXCP_GP, ra);      /* not reached: MXCSR checked */
    }
}

#define HELPER_INFO(n, nargs, fl, mask) \
    const TCGHelperInfo helper_info_x86_##n = { \
        .func = (void *)helper_x86_##n, .name = "x86_" #n, \
        .typemask = (mask), .flags = (fl), .nb_args = (nargs), \
    }
#define T(slot, t) TCG_HELPER_TYPE(slot, TCG_HELPER_##t)

/* None writes a TCG global (the XMM registers and MXCSR are env memory
 * the front end reads with explicit loads); each may raise. */
HELPER_INFO(sse_op, 5, TCG_CALL_NO_WRITE_GLOBALS,
            T(1, PTR) | T(2, I32) | T(3, I32) | T(4, I64) | T(5, I64));
HELPER_INFO(sse_cvtsi, 4, TCG_CALL_NO_WRITE_GLOBALS,
            T(1, PTR) | T(2, I32) | T(3, I32) | T(4, I64));
HELPER_INFO(sse_cvt2int, 4, TCG_CALL_NO_WRITE_GLOBALS,
            T(0, I64) | T(1, PTR) | T(2, I32) | T(3, I64) | T(4, I64));
HELPER_INFO(sse_cvtpi, 4, TCG_CALL_NO_WRITE_GLOBALS,
            T(1, PTR) | T(2, I32) | T(3, I32) | T(4, I64));
HELPER_INFO(sse_comis, 4, TCG_CALL_NO_WRITE_GLOBALS,
            T(0, I64) | T(1, PTR) | T(2, I32) | T(3, I32) | T(4, I64));
HELPER_INFO(sse_sync, 1, TCG_CALL_NO_READ_GLOBALS | TCG_CALL_NO_WRITE_GLOBALS,
            T(1, PTR));
HELPER_INFO(fxsave, 3, TCG_CALL_NO_WRITE_GLOBALS,
            T(1, PTR) | T(2, I64) | T(3, I32));
HELPER_INFO(fxrstor, 3, TCG_CALL_NO_WRITE_GLOBALS,
            T(1, PTR) | T(2, I64) | T(3, I32));
HELPER_INFO(xsave, 4, TCG_CALL_NO_WRITE_GLOBALS,
            T(1, PTR) | T(2, I64) | T(3, I64) | T(4, I32));
HELPER_INFO(xrstor, 4, TCG_CALL_NO_WRITE_GLOBALS,
            T(1, PTR) | T(2, I64) | T(3, I64) | T(4, I32));
