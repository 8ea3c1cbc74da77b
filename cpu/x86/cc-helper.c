/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Computing x86 flags from the lazy record (cc.h). Operands are kept
 * zero-extended or not, as it happens; everything here masks to the
 * operation's size first.
 */
#include "cpu/x86/cc.h"

static uint64_t size_mask(int ot)
{
    return ot == 3 ? ~0ull : (1ull << (8u << ot)) - 1;
}

static uint64_t sign_bit(int ot)
{
    return 1ull << ((8u << ot) - 1);
}

static uint64_t parity_flag(uint64_t v)
{
    return __builtin_parity((unsigned)(v & 0xff)) ? 0 : X86_EFLAGS_PF;
}

/* ZF, SF, PF of a result. */
static uint64_t zsp(uint64_t dst, int ot)
{
    uint64_t f = parity_flag(dst);

    if ((dst & size_mask(ot)) == 0) {
        f |= X86_EFLAGS_ZF;
    }
    if (dst & sign_bit(ot)) {
        f |= X86_EFLAGS_SF;
    }
    return f;
}

uint64_t x86_cc_compute_all(uint32_t cc_op, uint64_t dst, uint64_t src,
                            uint64_t src2)
{
    int ot = CC_OP_SIZE(cc_op);
    uint64_t mask = size_mask(ot), sign = sign_bit(ot);
    uint64_t f = 0, src1, cin;

    dst &= mask;
    switch (CC_OP_KIND(cc_op)) {
    case CC_K_EFLAGS:
        return src & X86_EFLAGS_ARITH;
    case CC_K_ADD:
    case CC_K_ADC:
        src &= mask;
        cin = CC_OP_KIND(cc_op) == CC_K_ADC ? (src2 & 1) : 0;
        src1 = (dst - src - cin) & mask;
        if (cin ? dst <= src : dst < src) {
            f |= X86_EFLAGS_CF;
        }
        f |= (dst ^ src ^ src1) & X86_EFLAGS_AF;
        if (~(src1 ^ src) & (src1 ^ dst) & sign) {
            f |= X86_EFLAGS_OF;
        }
        return f | zsp(dst, ot);
    case CC_K_SUB:
    case CC_K_SBB:
        src &= mask;
        cin = CC_OP_KIND(cc_op) == CC_K_SBB ? (src2 & 1) : 0;
        src1 = (dst + src + cin) & mask;
        if (cin ? src1 <= src : src1 < src) {
            f |= X86_EFLAGS_CF;
        }
        f |= (dst ^ src ^ src1) & X86_EFLAGS_AF;
        if ((src1 ^ src) & (src1 ^ dst) & sign) {
            f |= X86_EFLAGS_OF;
        }
        return f | zsp(dst, ot);
    case CC_K_LOGIC:
        return zsp(dst, ot);
    case CC_K_INC:
        src1 = (dst - 1) & mask;
        f = (src2 & 1) ? X86_EFLAGS_CF : 0;
        f |= (dst ^ src1 ^ 1) & X86_EFLAGS_AF;
        if (dst == sign) {
            f |= X86_EFLAGS_OF;
        }
        return f | zsp(dst, ot);
    case CC_K_DEC:
        src1 = (dst + 1) & mask;
        f = (src2 & 1) ? X86_EFLAGS_CF : 0;
        f |= (dst ^ src1 ^ 1) & X86_EFLAGS_AF;
        if (dst == sign - 1) {
            f |= X86_EFLAGS_OF;
        }
        return f | zsp(dst, ot);
    case CC_K_SHL:
        if (src & sign) {
            f |= X86_EFLAGS_CF;
        }
        if (((src & sign) != 0) != ((dst & sign) != 0)) {
            f |= X86_EFLAGS_OF;
        }
        return f | zsp(dst, ot);
    case CC_K_SHR:
        f = src & 1 ? X86_EFLAGS_CF : 0;
        /* defined for count 1: the operand's top bit; src is the operand
         * then (shifted by count - 1 = 0) */
        if (src & sign) {
            f |= X86_EFLAGS_OF;
        }
        return f | zsp(dst, ot);
    case CC_K_SAR:
        f = src & 1 ? X86_EFLAGS_CF : 0;
        return f | zsp(dst, ot);
    case CC_K_MUL:
        f = src ? X86_EFLAGS_CF | X86_EFLAGS_OF : 0;
        return f | zsp(dst, ot);
    case CC_K_BMI:
        f = src ? X86_EFLAGS_CF : 0;
        return f | zsp(dst, ot);
    case CC_K_NR:
        break;
    }
    return 0;
}

uint64_t x86_cpu_get_eflags(const X86CPUState *env)
{
    uint64_t f = env->rflags & ~(uint64_t)(X86_EFLAGS_ARITH | X86_EFLAGS_DF);

    f |= x86_cc_compute_all(env->cc_op, env->cc_dst, env->cc_src,
                            env->cc_src2);
    if (env->df < 0) {
        f |= X86_EFLAGS_DF;
    }
    return f | 2;
}

void x86_cpu_set_eflags(X86CPUState *env, uint64_t val)
{
    env->cc_op = CC_OP_EFLAGS;
    env->cc_src = val & X86_EFLAGS_ARITH;
    env->cc_dst = env->cc_src2 = 0;
    env->df = (val & X86_EFLAGS_DF) ? -1 : 1;
    env->rflags = (val & ~(uint64_t)(X86_EFLAGS_ARITH | X86_EFLAGS_DF)) | 2;
}
