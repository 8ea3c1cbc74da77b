/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The sse_fp group of the x86 front end (see translate.h, docs/x86.md):
 * SSE/SSE2/SSE3/SSE4.1 floating point in legacy (non-VEX) encodings, the
 * MOVxPS/PD/SS/SD moves, conversions, MXCSR, FXSAVE/XSAVE and XGETBV.
 *
 * Moves, shuffles, blends and the bitwise operations are inline IR on
 * the XMM registers in env. Everything that rounds or may raise a SIMD
 * exception calls a helper of sse-fp-helper.c, which runs the host's
 * instruction under the guest's MXCSR. The source operand of a helper
 * is passed by value (two i64: an XMM register or the memory operand).
 *
 * Legacy SSE requires 16-byte alignment of 128-bit memory operands
 * except for the unaligned moves (#GP otherwise); scalar and 64-bit
 * operands may be anywhere.
 */
#include "cpu/x86/helper.h"
#include "cpu/x86/helper-sse-fp.h"
#include "cpu/x86/translate.h"

enum { PP_NONE, PP_66, PP_F3, PP_F2 };

/* The mandatory prefix: F2/F3 win over 66. */
static int sse_pp(DisasContext *s)
{
    if (s->prefix & PFX_REPNE) {
        return PP_F2;
    }
    if (s->prefix & PFX_REP) {
        return PP_F3;
    }
    return (s->prefix & PFX_OPSIZE) ? PP_66 : PP_NONE;
}

static intptr_t xreg(int r)
{
    return x86_xmm_offset(r);
}

static TCGvPtr envp(void)
{
    return tcg_ctx->env;
}

/*
 * The xmm/mem source operand: len bytes (4, 8 or 16) into lo and hi
 * (zero-extended). Memory: align16 requires a 16-byte aligned address.
 */
static void ld_src(DisasContext *s, int len, bool align16, TCGvI64 lo,
                   TCGvI64 hi)
{
    if (s->m.mod == 3) {
        intptr_t o = xreg(s->m.rm);

        if (len == 4) {
            tcg_gen_ld32u_i64(lo, envp(), o);
        } else {
            tcg_gen_ld_i64(lo, envp(), o);
        }
        if (len == 16) {
            tcg_gen_ld_i64(hi, envp(), o + 8);
        } else {
            tcg_gen_movi_i64(hi, 0);
        }
        return;
    }
    TCGvI64 a = x86_gen_lea(s);

    if (align16 && len == 16) {
        a = x86_gen_check_align16(s, a);
    }
    tcg_gen_guest_ld_i64(lo, a, 0, len == 4 ? MO_32 : MO_64);
    if (len == 16) {
        TCGvI64 a8 = tcg_temp_new_i64();

        tcg_gen_addi_i64(a8, a, 8);
        tcg_gen_guest_ld_i64(hi, a8, 0, MO_64);
    } else {
        tcg_gen_movi_i64(hi, 0);
    }
}

/*
 * op(xmm[reg], src): through the instruction's own helper when it has
 * one (x86_sse_fast_helper; scalar forms pass and get back the low 64
 * bits of the destination), else the general helper_x86_sse_op.
 */
static bool gen_helper_op(DisasContext *s, int map, int byte, int pp,
                          int len, int imm)
{
    TCGvI64 lo = tcg_temp_new_i64(), hi = tcg_temp_new_i64();
    uint32_t op = X86_SSE_OP(map, byte, pp) | X86_SSE_IMM(imm);
    const TCGHelperInfo *fast = x86_sse_fast_helper(op);
    intptr_t r = xreg(s->m.reg);

    ld_src(s, len, true, lo, hi);
    if (fast && (pp == PP_F3 || pp == PP_F2)) {
        TCGvI64 a = tcg_temp_new_i64();

        tcg_gen_ld_i64(a, envp(), r);
        x86_gen_call(fast, a, "eqq", a, lo);
        tcg_gen_st_i64(a, envp(), r);
    } else if (fast) {
        x86_gen_call(fast, NULL, "ecqq", (int)r, lo, hi);
    } else {
        x86_gen_call(&helper_info_x86_sse_op, NULL, "eccqq", (int)op, (int)r,
                     lo, hi);
    }
    return true;
}

/* Packed (16 bytes), scalar single (4) or scalar double (8) by prefix. */
static int len_of_pp(int pp)
{
    return pp == PP_F3 ? 4 : pp == PP_F2 ? 8 : 16;
}

/* ---- lanes ---- */

static void split_lanes(TCGvI64 lo, TCGvI64 hi, TCGvI32 l[4])
{
    for (int i = 0; i < 4; i++) {
        l[i] = tcg_temp_new_i32();
    }
    tcg_gen_extrl_i64_i32(l[0], lo);
    tcg_gen_extrh_i64_i32(l[1], lo);
    tcg_gen_extrl_i64_i32(l[2], hi);
    tcg_gen_extrh_i64_i32(l[3], hi);
}

static void ld_lanes(intptr_t off, TCGvI32 l[4])
{
    for (int i = 0; i < 4; i++) {
        l[i] = tcg_temp_new_i32();
        tcg_gen_ld_i32(l[i], envp(), off + 4 * i);
    }
}

static void st_lanes(intptr_t off, TCGvI32 a, TCGvI32 b, TCGvI32 c,
                     TCGvI32 d)
{
    tcg_gen_st_i32(a, envp(), off);
    tcg_gen_st_i32(b, envp(), off + 4);
    tcg_gen_st_i32(c, envp(), off + 8);
    tcg_gen_st_i32(d, envp(), off + 12);
}

static void st_zero(intptr_t off, int len)
{
    if (len == 4) {
        tcg_gen_st_i32(tcg_constant_i32(0), envp(), off);
    } else {
        tcg_gen_st_i64(tcg_constant_i64(0), envp(), off);
    }
}

/* ---- MMX registers (CVTPI2PS and friends) ---- */

/* An MMX register operand: the x87 stack becomes MMX (TOP = 0, every
 * register tagged valid). */
static void gen_mmx_enter(void)
{
    tcg_gen_st_i32(tcg_constant_i32(0), envp(),
                   offsetof(X86CPUState, fpstt));
    tcg_gen_st_i64(tcg_constant_i64(0), envp(),
                   offsetof(X86CPUState, fptags));
}

/* ---- moves ---- */

/* 0F 10/11 MOVUPS/PD/SS/SD and 0F 28/29 MOVAPS/PD. */
static bool trans_mov(DisasContext *s, int pp, bool store, bool align16)
{
    int len = len_of_pp(pp);
    intptr_t r = xreg(s->m.reg);

    if (s->m.mod == 3) {
        if (store) {
            x86_gen_mov_env(xreg(s->m.rm), r, len);
        } else {
            x86_gen_mov_env(r, xreg(s->m.rm), len);
        }
        return true;
    }
    TCGvI64 a = x86_gen_lea(s);

    if (store) {
        x86_gen_st_env(s, a, r, len, align16);
        return true;
    }
    x86_gen_ld_env(s, a, r, len, align16);
    /* MOVSS/MOVSD from memory clear the rest of the register */
    if (len == 4) {
        st_zero(r + 4, 4);
    }
    if (len <= 8) {
        st_zero(r + 8, 8);
    }
    return true;
}

/* 0F 12/13/16/17 none or 66 with memory: MOVLPS/PD, MOVHPS/PD. */
static bool trans_mov_half(DisasContext *s, bool store, int half)
{
    intptr_t r = xreg(s->m.reg) + 8 * half;
    TCGvI64 a = x86_gen_lea(s);

    if (store) {
        x86_gen_st_env(s, a, r, 8, false);
    } else {
        x86_gen_ld_env(s, a, r, 8, false);
    }
    return true;
}

/* MOVSLDUP (odd 0) / MOVSHDUP (odd 1): d = {s[o], s[o], s[2+o], s[2+o]} */
static bool trans_movsdup(DisasContext *s, int odd)
{
    TCGvI64 lo = tcg_temp_new_i64(), hi = tcg_temp_new_i64();
    TCGvI32 l[4];

    ld_src(s, 16, true, lo, hi);
    split_lanes(lo, hi, l);
    st_lanes(xreg(s->m.reg), l[odd], l[odd], l[2 + odd], l[2 + odd]);
    return true;
}

static bool trans_movddup(DisasContext *s)
{
    TCGvI64 lo = tcg_temp_new_i64(), hi = tcg_temp_new_i64();
    intptr_t r = xreg(s->m.reg);

    ld_src(s, 8, false, lo, hi);
    tcg_gen_st_i64(lo, envp(), r);
    tcg_gen_st_i64(lo, envp(), r + 8);
    return true;
}

/* UNPCKLPS/UNPCKHPS (high 0/1), UNPCKLPD/UNPCKHPD */
static bool trans_unpck(DisasContext *s, bool pd, int high)
{
    TCGvI64 lo = tcg_temp_new_i64(), hi = tcg_temp_new_i64();
    intptr_t r = xreg(s->m.reg);

    ld_src(s, 16, true, lo, hi);
    if (pd) {
        TCGvI64 d = tcg_temp_new_i64();

        tcg_gen_ld_i64(d, envp(), r + 8 * high);
        tcg_gen_st_i64(d, envp(), r);
        tcg_gen_st_i64(high ? hi : lo, envp(), r + 8);
    } else {
        TCGvI32 dl[4], sl[4];

        ld_lanes(r, dl);
        split_lanes(lo, hi, sl);
        st_lanes(r, dl[2 * high], sl[2 * high], dl[2 * high + 1],
                 sl[2 * high + 1]);
    }
    return true;
}

/* ANDPS/ANDNPS/ORPS/XORPS (and PD): 0F 54-57 */
static bool trans_logic(DisasContext *s, int b)
{
    TCGvI64 src[2] = { tcg_temp_new_i64(), tcg_temp_new_i64() };
    intptr_t r = xreg(s->m.reg);

    ld_src(s, 16, true, src[0], src[1]);
    for (int i = 0; i < 2; i++) {
        TCGvI64 d = tcg_temp_new_i64();

        tcg_gen_ld_i64(d, envp(), r + 8 * i);
        switch (b) {
        case 0x54: tcg_gen_and_i64(d, d, src[i]); break;
        case 0x55: tcg_gen_andc_i64(d, src[i], d); break;
        case 0x56: tcg_gen_or_i64(d, d, src[i]); break;
        default: tcg_gen_xor_i64(d, d, src[i]); break;
        }
        tcg_gen_st_i64(d, envp(), r + 8 * i);
    }
    return true;
}

/* MOVMSKPS/PD: the sign bits into a GPR (zero-extended). */
static bool trans_movmsk(DisasContext *s, bool pd)
{
    TCGvI64 lo = tcg_temp_new_i64(), hi = tcg_temp_new_i64();
    TCGvI64 r = tcg_temp_new_i64(), t = tcg_temp_new_i64();

    if (s->m.mod != 3) {
        return false;
    }
    tcg_gen_ld_i64(lo, envp(), xreg(s->m.rm));
    tcg_gen_ld_i64(hi, envp(), xreg(s->m.rm) + 8);
    if (pd) {
        tcg_gen_shri_i64(r, lo, 63);
        tcg_gen_shri_i64(t, hi, 63);
        tcg_gen_deposit_i64(r, r, t, 1, 1);
    } else {
        tcg_gen_extract_i64(r, lo, 31, 1);
        tcg_gen_shri_i64(t, lo, 63);
        tcg_gen_deposit_i64(r, r, t, 1, 1);
        tcg_gen_extract_i64(t, hi, 31, 1);
        tcg_gen_deposit_i64(r, r, t, 2, 1);
        tcg_gen_shri_i64(t, hi, 63);
        tcg_gen_deposit_i64(r, r, t, 3, 1);
    }
    x86_gen_set_reg(s, OT_Q, s->m.reg, r);
    return true;
}

/* SHUFPS/SHUFPD */
static bool trans_shuf(DisasContext *s, bool pd)
{
    int imm = x86_ldub_code(s);
    TCGvI64 lo = tcg_temp_new_i64(), hi = tcg_temp_new_i64();
    intptr_t r = xreg(s->m.reg);

    ld_src(s, 16, true, lo, hi);
    if (pd) {
        TCGvI64 d = tcg_temp_new_i64();

        tcg_gen_ld_i64(d, envp(), r + 8 * (imm & 1));
        tcg_gen_st_i64(d, envp(), r);
        tcg_gen_st_i64((imm & 2) ? hi : lo, envp(), r + 8);
    } else {
        TCGvI32 dl[4], sl[4];

        ld_lanes(r, dl);
        split_lanes(lo, hi, sl);
        st_lanes(r, dl[imm & 3], dl[(imm >> 2) & 3], sl[(imm >> 4) & 3],
                 sl[(imm >> 6) & 3]);
    }
    return true;
}

/* ---- conversions with integer or MMX operands ---- */

/* 0F 2A */
static bool trans_cvt_from_int(DisasContext *s, int pp)
{
    TCGvI64 v = tcg_temp_new_i64();

    if (pp == PP_F3 || pp == PP_F2) {           /* CVTSI2SS/SD */
        int ot = s->rex_w ? OT_Q : OT_L;

        uint32_t op = X86_SSE_OP(1, 0x2a, pp) |
                      (ot == OT_Q ? X86_SSE_OP_W64 : 0);
        const TCGHelperInfo *fast = x86_sse_fast_helper(op);
        TCGvI64 a = tcg_temp_new_i64();

        x86_gen_ld_rm(s, ot, v, NULL);
        if (fast) {
            tcg_gen_ld_i64(a, envp(), xreg(s->m.reg));
            x86_gen_call(fast, a, "eqq", a, v);
            tcg_gen_st_i64(a, envp(), xreg(s->m.reg));
        } else {
            x86_gen_call(&helper_info_x86_sse_cvtsi, NULL, "eccq", (int)op,
                         (int)xreg(s->m.reg), v);
        }
        return true;
    }
    /* CVTPI2PS/PD xmm, mm/m64 */
    if (s->m.mod == 3) {
        tcg_gen_ld_i64(v, envp(), x86_mmx_offset(s->m.rm & 7));
        gen_mmx_enter();
    } else {
        tcg_gen_guest_ld_i64(v, x86_gen_lea(s), 0, MO_64);
    }
    x86_gen_call(&helper_info_x86_sse_cvtpi, NULL, "eccq",
                 (int)X86_SSE_OP(1, 0x2a, pp), (int)xreg(s->m.reg), v);
    return true;
}

/* 0F 2C/2D: CVT(T)PS2PI, CVT(T)PD2PI, CVT(T)SS2SI, CVT(T)SD2SI */
static bool trans_cvt_to_int(DisasContext *s, int pp)
{
    TCGvI64 lo = tcg_temp_new_i64(), hi = tcg_temp_new_i64();
    TCGvI64 r = tcg_temp_new_i64();
    uint32_t op = X86_SSE_OP(1, s->b & 0xff, pp);

    switch (pp) {
    case PP_NONE:
        ld_src(s, 8, false, lo, hi);
        break;
    case PP_66:
        ld_src(s, 16, true, lo, hi);
        break;
    default:
        ld_src(s, pp == PP_F3 ? 4 : 8, false, lo, hi);
        if (s->rex_w) {
            op |= X86_SSE_OP_W64;
        }
        break;
    }
    if (x86_sse_fast_helper(op)) {
        x86_gen_call(x86_sse_fast_helper(op), r, "eq", lo);
    } else {
        x86_gen_call(&helper_info_x86_sse_cvt2int, r, "ecqq", (int)op, lo,
                     hi);
    }
    if (pp == PP_NONE || pp == PP_66) {
        /* an MMX write sets the register's exponent and sign to ones */
        tcg_gen_st_i64(r, envp(), x86_mmx_offset(s->m.reg & 7));
        tcg_gen_st16_i64(tcg_constant_i64(0xffff), envp(),
                         x86_mmx_offset(s->m.reg & 7) + 8);
        gen_mmx_enter();
    } else {
        x86_gen_set_reg(s, s->rex_w ? OT_Q : OT_L, s->m.reg, r);
    }
    return true;
}

/* 0F 2E/2F: (U)COMISS/SD: ZF PF CF from the compare, OF SF AF clear. */
static bool trans_comis(DisasContext *s, int pp)
{
    TCGvI64 lo = tcg_temp_new_i64(), hi = tcg_temp_new_i64();
    TCGvI64 f = tcg_temp_new_i64();

    uint32_t op = X86_SSE_OP(1, s->b & 0xff, pp);
    const TCGHelperInfo *fast = x86_sse_fast_helper(op);

    ld_src(s, pp == PP_66 ? 8 : 4, false, lo, hi);
    if (fast) {
        TCGvI64 a = tcg_temp_new_i64();

        tcg_gen_ld_i64(a, envp(), xreg(s->m.reg));
        x86_gen_call(fast, f, "eqq", a, lo);
    } else {
        x86_gen_call(&helper_info_x86_sse_comis, f, "eccq", (int)op,
                     (int)xreg(s->m.reg), lo);
    }
    x86_set_cc(s, CC_K_EFLAGS, OT_Q, NULL, f, NULL);
    return true;
}

/* ---- SSE4.1 blends and element moves ---- */

/* BLENDVPS/PD: lanes of the source whose XMM0 sign bit is set. */
static bool trans_blendv(DisasContext *s, bool pd)
{
    TCGvI64 src[2] = { tcg_temp_new_i64(), tcg_temp_new_i64() };
    intptr_t r = xreg(s->m.reg), x0 = xreg(0);

    ld_src(s, 16, true, src[0], src[1]);
    if (pd) {
        for (int i = 0; i < 2; i++) {
            TCGvI64 m = tcg_temp_new_i64(), d = tcg_temp_new_i64();
            TCGvI64 t = tcg_temp_new_i64();

            tcg_gen_ld_i64(m, envp(), x0 + 8 * i);
            tcg_gen_sari_i64(m, m, 63);
            tcg_gen_ld_i64(d, envp(), r + 8 * i);
            tcg_gen_andc_i64(d, d, m);
            tcg_gen_and_i64(t, src[i], m);
            tcg_gen_or_i64(d, d, t);
            tcg_gen_st_i64(d, envp(), r + 8 * i);
        }
    } else {
        TCGvI32 sl[4];

        split_lanes(src[0], src[1], sl);
        for (int i = 0; i < 4; i++) {
            TCGvI32 m = tcg_temp_new_i32(), d = tcg_temp_new_i32();
            TCGvI32 t = tcg_temp_new_i32();

            tcg_gen_ld_i32(m, envp(), x0 + 4 * i);
            tcg_gen_sari_i32(m, m, 31);
            tcg_gen_ld_i32(d, envp(), r + 4 * i);
            tcg_gen_andc_i32(d, d, m);
            tcg_gen_and_i32(t, sl[i], m);
            tcg_gen_or_i32(d, d, t);
            tcg_gen_st_i32(d, envp(), r + 4 * i);
        }
    }
    return true;
}

/* BLENDPS/PD: lanes of the source selected by imm8. */
static bool trans_blend(DisasContext *s, bool pd, int imm)
{
    TCGvI64 lo = tcg_temp_new_i64(), hi = tcg_temp_new_i64();
    intptr_t r = xreg(s->m.reg);

    ld_src(s, 16, true, lo, hi);
    if (pd) {
        if (imm & 1) {
            tcg_gen_st_i64(lo, envp(), r);
        }
        if (imm & 2) {
            tcg_gen_st_i64(hi, envp(), r + 8);
        }
    } else {
        TCGvI32 sl[4];

        split_lanes(lo, hi, sl);
        for (int i = 0; i < 4; i++) {
            if (imm & (1 << i)) {
                tcg_gen_st_i32(sl[i], envp(), r + 4 * i);
            }
        }
    }
    return true;
}

/* EXTRACTPS r/m32, xmm, imm8 */
static bool trans_extractps(DisasContext *s, int imm)
{
    TCGvI64 v = tcg_temp_new_i64();

    tcg_gen_ld32u_i64(v, envp(), xreg(s->m.reg) + 4 * (imm & 3));
    if (s->m.mod == 3) {
        x86_gen_set_reg(s, OT_L, s->m.rm, v);
    } else {
        tcg_gen_guest_st_i64(v, x86_gen_lea(s), 0, MO_32);
    }
    return true;
}

/* INSERTPS xmm, xmm/m32, imm8: count_s, count_d, zero mask */
static bool trans_insertps(DisasContext *s, int imm)
{
    TCGvI32 v = tcg_temp_new_i32();
    intptr_t r = xreg(s->m.reg);

    if (s->m.mod == 3) {
        tcg_gen_ld_i32(v, envp(), xreg(s->m.rm) + 4 * ((imm >> 6) & 3));
    } else {
        tcg_gen_guest_ld_i32(v, x86_gen_lea(s), 0, MO_32);
    }
    tcg_gen_st_i32(v, envp(), r + 4 * ((imm >> 4) & 3));
    for (int i = 0; i < 4; i++) {
        if (imm & (1 << i)) {
            st_zero(r + 4 * i, 4);
        }
    }
    return true;
}

/* ---- MXCSR, state save/restore, XGETBV ---- */

static void gen_gp_unless_zero(DisasContext *s, TCGvI64 v)
{
    TCGLabel *ok = gen_new_label();

    tcg_gen_brcondi_i64(TCG_COND_EQ, v, 0, ok);
    x86_gen_sync_rip(s);
    x86_gen_call(&helper_info_x86_raise_exception, NULL, "ec", X86_EXCP_GP);
    gen_set_label(ok);
}

static TCGvI64 edx_eax(void)
{
    TCGvI64 m = tcg_temp_new_i64(), t = tcg_temp_new_i64();

    tcg_gen_ext32u_i64(m, cpu_regs[R_EAX]);
    tcg_gen_shli_i64(t, cpu_regs[R_EDX], 32);
    tcg_gen_or_i64(m, m, t);
    return m;
}

/* 0F AE with a memory operand and no prefix: /0../5 */
static bool trans_grp15_state(DisasContext *s)
{
    int op = s->m.reg & 7;
    TCGvI64 a, v;

    if (s->m.mod == 3 || (s->prefix & (PFX_OPSIZE | PFX_REP | PFX_REPNE)) ||
        op > 5) {
        return x86_trans_grp15(s);
    }
    a = x86_gen_lea(s);
    if (op == 2 || op == 3) {
        /* env->mxcsr must hold the flags gathered so far */
        x86_gen_call(&helper_info_x86_sse_sync, NULL, "e");
    }
    switch (op) {
    case 0:
        x86_gen_call(&helper_info_x86_fxsave, NULL, "eqc", a, (int)s->rex_w);
        break;
    case 1:
        x86_gen_call(&helper_info_x86_fxrstor, NULL, "eqc", a,
                     (int)s->rex_w);
        break;
    case 2: {           /* LDMXCSR: #GP on reserved bits */
        TCGvI64 rsv = tcg_temp_new_i64();

        v = tcg_temp_tb_new_i64();      /* lives past the check's label */
        tcg_gen_guest_ld_i64(v, a, 0, MO_32);
        tcg_gen_andi_i64(rsv, v, ~(int64_t)0xffff);
        gen_gp_unless_zero(s, rsv);
        tcg_gen_st32_i64(v, envp(), offsetof(X86CPUState, mxcsr));
        break;
    }
    case 3:             /* STMXCSR */
        v = tcg_temp_new_i64();
        tcg_gen_ld32u_i64(v, envp(), offsetof(X86CPUState, mxcsr));
        tcg_gen_guest_st_i64(v, a, 0, MO_32);
        break;
    case 4:
        x86_gen_call(&helper_info_x86_xsave, NULL, "eqqc", a, edx_eax(),
                     (int)s->rex_w);
        break;
    default:
        x86_gen_call(&helper_info_x86_xrstor, NULL, "eqqc", a, edx_eax(),
                     (int)s->rex_w);
        break;
    }
    return true;
}

/* 0F 01 D0 XGETBV: XCR0 into EDX:EAX; any other XCR: #GP. */
static bool trans_xgetbv(DisasContext *s)
{
    TCGvI64 ecx = tcg_temp_new_i64(), v = tcg_temp_new_i64();

    if (s->m.mod != 3 || (s->m.reg & 7) != 2 || (s->m.rm & 7) != 0 ||
        (s->prefix & (PFX_OPSIZE | PFX_REP | PFX_REPNE))) {
        return false;
    }
    tcg_gen_ext32u_i64(ecx, cpu_regs[R_ECX]);
    gen_gp_unless_zero(s, ecx);
    tcg_gen_ld_i64(v, envp(), offsetof(X86CPUState, xcr0));
    tcg_gen_ext32u_i64(cpu_regs[R_EAX], v);
    tcg_gen_shri_i64(cpu_regs[R_EDX], v, 32);
    return true;
}

/* ---- the maps ---- */

static bool trans_0f(DisasContext *s, int b, int pp)
{
    bool mem = s->m.mod != 3;

    switch (b) {
    case 0x01:
        return trans_xgetbv(s);
    case 0x10:
    case 0x11:
        return trans_mov(s, pp, b == 0x11, false);
    case 0x28:
    case 0x29:
        if (pp == PP_F3 || pp == PP_F2) {
            return false;
        }
        return trans_mov(s, pp, b == 0x29, true);
    case 0x12:
        switch (pp) {
        case PP_NONE:
            if (!mem) {                         /* MOVHLPS */
                x86_gen_mov_env(xreg(s->m.reg), xreg(s->m.rm) + 8, 8);
                return true;
            }
            return trans_mov_half(s, false, 0); /* MOVLPS */
        case PP_66:
            return mem && trans_mov_half(s, false, 0);
        case PP_F3:
            return trans_movsdup(s, 0);
        default:
            return trans_movddup(s);
        }
    case 0x16:
        switch (pp) {
        case PP_NONE:
            if (!mem) {                         /* MOVLHPS */
                x86_gen_mov_env(xreg(s->m.reg) + 8, xreg(s->m.rm), 8);
                return true;
            }
            return trans_mov_half(s, false, 1); /* MOVHPS */
        case PP_66:
            return mem && trans_mov_half(s, false, 1);
        case PP_F3:
            return trans_movsdup(s, 1);
        default:
            return false;
        }
    case 0x13:
    case 0x17:
        if (!mem || pp > PP_66) {
            return false;
        }
        return trans_mov_half(s, true, b == 0x17);
    case 0x14:
    case 0x15:
        if (pp > PP_66) {
            return false;
        }
        return trans_unpck(s, pp == PP_66, b == 0x15);
    case 0x2a:
        return trans_cvt_from_int(s, pp);
    case 0x2b:                                  /* MOVNTPS/PD */
        if (!mem || pp > PP_66) {
            return false;
        }
        x86_gen_st_env(s, x86_gen_lea(s), xreg(s->m.reg), 16, true);
        return true;
    case 0x2c:
    case 0x2d:
        return trans_cvt_to_int(s, pp);
    case 0x2e:
    case 0x2f:
        if (pp > PP_66) {
            return false;
        }
        return trans_comis(s, pp);
    case 0x50:
        if (pp > PP_66) {
            return false;
        }
        return trans_movmsk(s, pp == PP_66);
    case 0x51:
    case 0x58: case 0x59: case 0x5c: case 0x5d: case 0x5e: case 0x5f:
        return gen_helper_op(s, 1, b, pp, len_of_pp(pp), 0);
    case 0x52:
    case 0x53:
        if (pp != PP_NONE && pp != PP_F3) {
            return false;
        }
        return gen_helper_op(s, 1, b, pp, len_of_pp(pp), 0);
    case 0x54: case 0x55: case 0x56: case 0x57:
        if (pp > PP_66) {
            return false;
        }
        return trans_logic(s, b);
    case 0x5a: {
        static const int len[4] = { 8, 16, 4, 8 };

        return gen_helper_op(s, 1, b, pp, len[pp], 0);
    }
    case 0x5b:
        if (pp == PP_F2) {
            return false;
        }
        return gen_helper_op(s, 1, b, pp, 16, 0);
    case 0x7c:
    case 0x7d:
    case 0xd0:
        if (pp != PP_66 && pp != PP_F2) {
            return false;
        }
        return gen_helper_op(s, 1, b, pp, 16, 0);
    case 0xc2: {
        int imm = x86_ldub_code(s) & 7;     /* legacy: bits 3-7 ignored */

        return gen_helper_op(s, 1, b, pp, len_of_pp(pp), imm);
    }
    case 0xc6:
        if (pp > PP_66) {
            return false;
        }
        return trans_shuf(s, pp == PP_66);
    case 0xe6:
        if (pp == PP_NONE) {
            return false;
        }
        return gen_helper_op(s, 1, b, pp, pp == PP_F3 ? 8 : 16, 0);
    case 0xae:
        return trans_grp15_state(s);
    }
    return false;
}

static bool trans_0f3a(DisasContext *s, int b, int pp)
{
    int imm;

    if (pp != PP_66) {
        return false;
    }
    /* the immediate comes before the address is formed (RIP-relative
     * addresses count from the end of the instruction) */
    imm = x86_ldub_code(s);
    switch (b) {
    case 0x08:
    case 0x09:
        return gen_helper_op(s, 3, b, pp, 16, imm);
    case 0x0a:
        return gen_helper_op(s, 3, b, pp, 4, imm);
    case 0x0b:
        return gen_helper_op(s, 3, b, pp, 8, imm);
    case 0x0c:
    case 0x0d:
        return trans_blend(s, b == 0x0d, imm);
    case 0x17:
        return trans_extractps(s, imm);
    case 0x21:
        return trans_insertps(s, imm);
    case 0x40:
    case 0x41:
        return gen_helper_op(s, 3, b, pp, 16, imm);
    }
    return false;
}

X86_TRANS(sse_fp)
{
    int pp = sse_pp(s), b = s->b & 0xff;

    switch (s->b >> 8) {
    case 1:
        return trans_0f(s, b, pp);
    case 2:
        if ((b == 0x14 || b == 0x15) && pp == PP_66) {
            return trans_blendv(s, b == 0x15);
        }
        return false;
    case 3:
        return trans_0f3a(s, b, pp);
    }
    return false;
}
