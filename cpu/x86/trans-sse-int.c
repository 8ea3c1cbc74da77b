/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The sse_int group of the x86 front end (see translate.h): MMX and the
 * SSE2..SSE4.2 integer instructions, MOVD/MOVQ/MOVDQA/MOVDQU and the
 * other integer vector moves, SSSE3, PCMPxSTRx, CRC32, AES-NI and
 * PCLMULQDQ (docs/x86.md).
 *
 * The mandatory prefix picks the form: none = MMX on mm0-7 (the x87
 * registers' significands; every MMX instruction sets TOP = 0 and tags
 * all registers valid, a written register's exponent becomes all ones),
 * 66 = XMM. Inline IR on 64-bit halves (SWAR: element-wise without
 * carries across elements): moves, logic, PADD/PSUB, PADDUS/PSUBUS B/W,
 * PCMPEQ/PCMPGT, PMIN/PMAX, PMOVMSKB, the unpacks, PSHUFD/W/LW/HW,
 * PALIGNR, PSLLDQ/PSRLDQ, the shifts by an immediate and PTEST (the
 * ones glibc's string functions run); everything else is
 * helper_x86_vec (sse-int-helper.c) on the destination register in env
 * and the source operand by value. The
 * source is loaded first so that a faulting load leaves the
 * destination alone.
 */
#include "cpu/x86/helper-sse-int.h"
#include "cpu/x86/translate.h"

enum { PP_NONE, PP_66, PP_F3, PP_F2 };

/* The mandatory prefix: F2/F3 (the last one given) over 66. */
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

static intptr_t vreg_off(bool mmx, int r)
{
    return mmx ? x86_mmx_offset(r) : x86_xmm_offset(r);
}

/* An MMX instruction: TOP = 0, every register tagged valid. */
static void gen_mmx_enter(void)
{
    TCGvI64 z = tcg_constant_i64(0);

    tcg_gen_st32_i64(z, tcg_ctx->env, offsetof(X86CPUState, fpstt));
    tcg_gen_st_i64(z, tcg_ctx->env, offsetof(X86CPUState, fptags));
}

/* MMX register r was written: its x87 sign/exponent become all ones. */
static void gen_mmx_written(int r)
{
    tcg_gen_st16_i64(tcg_constant_i64(0xffff), tcg_ctx->env,
                     offsetof(X86CPUState, fpregs[r & 7].exp));
}

/* The memory operand's address; with align, #GP unless 16-byte aligned.
 * The checked address is a TB temp: it is used after the check's label. */
static TCGvI64 gen_addr(DisasContext *s, bool align)
{
    TCGvI64 a = x86_gen_lea(s);

    if (align) {
        TCGvI64 t = tcg_temp_tb_new_i64();

        tcg_gen_mov_i64(t, a);
        x86_gen_check_align16(s, t);
        a = t;
    }
    return a;
}

/*
 * The r/m vector operand into lo/hi: the register (mm or xmm), or len
 * bytes (2, 4, 8, 16) of memory zero-extended; align: a 16-byte memory
 * operand must be aligned (legacy SSE).
 */
static void gen_ld_src(DisasContext *s, bool mmx, int len, bool align,
                       TCGvI64 lo, TCGvI64 hi)
{
    TCGvI64 a;

    if (s->m.mod == 3) {
        intptr_t off = vreg_off(mmx, s->m.rm);

        tcg_gen_ld_i64(lo, tcg_ctx->env, off);
        if (mmx) {
            tcg_gen_movi_i64(hi, 0);
        } else {
            tcg_gen_ld_i64(hi, tcg_ctx->env, off + 8);
        }
        return;
    }
    a = gen_addr(s, align && len == 16);
    switch (len) {
    case 2: x86_gen_ld(s, OT_W, lo, a); break;
    case 4: x86_gen_ld(s, OT_L, lo, a); break;
    default: x86_gen_ld(s, OT_Q, lo, a); break;
    }
    if (len == 16) {
        TCGvI64 a8 = tcg_temp_new_i64();

        tcg_gen_addi_i64(a8, a, 8);
        x86_gen_ld(s, OT_Q, hi, a8);
    } else {
        tcg_gen_movi_i64(hi, 0);
    }
}

/*
 * An unaligned 16-byte store that crosses a page: first store the 8
 * bytes of it that straddle the page boundary, as one store. If either
 * page faults, that store faults before anything is written, as the
 * hardware's 16-byte store does; the two halves after it cannot fault.
 */
static void gen_st16_split_first(DisasContext *s, TCGvI64 a, TCGvI64 lo,
                                 TCGvI64 hi)
{
    TCGLabel *done = gen_new_label();
    TCGvI64 off = tcg_temp_new_i64(), k = tcg_temp_new_i64();
    TCGvI64 sh = tcg_temp_new_i64(), t = tcg_temp_new_i64();
    TCGvI64 w = tcg_temp_new_i64(), wa = tcg_temp_new_i64();
    TCGvI64 c0 = tcg_constant_i64(0), c8 = tcg_constant_i64(8);

    tcg_gen_andi_i64(off, a, X86_PAGE_SIZE - 1);
    tcg_gen_brcondi_i64(TCG_COND_LEU, off, X86_PAGE_SIZE - 16, done);
    /* k: the window's byte offset, (page end - a) - 4 clamped to 0..8 */
    tcg_gen_sub_i64(k, tcg_constant_i64(X86_PAGE_SIZE - 4), off);
    tcg_gen_movcond_i64(TCG_COND_LT, k, k, c0, c0, k);
    tcg_gen_movcond_i64(TCG_COND_GT, k, k, c8, c8, k);
    tcg_gen_shli_i64(sh, k, 3);
    /* w = bytes k..k+7 of hi:lo */
    tcg_gen_andi_i64(t, sh, 63);
    tcg_gen_shr_i64(w, lo, t);
    tcg_gen_sub_i64(t, tcg_constant_i64(64), sh);
    tcg_gen_andi_i64(t, t, 63);
    tcg_gen_shl_i64(t, hi, t);
    tcg_gen_or_i64(w, w, t);
    tcg_gen_movcond_i64(TCG_COND_EQ, w, sh, c0, lo, w);
    tcg_gen_movcond_i64(TCG_COND_EQ, w, sh, tcg_constant_i64(64), hi, w);
    tcg_gen_add_i64(wa, a, k);
    x86_gen_st(s, OT_Q, w, wa);
    gen_set_label(done);
}

/* Store len (8, 16) bytes of env at off to the memory operand. Values
 * and address live in TB temps: the alignment check's and the split
 * store's labels end the EBB. */
static void gen_st_mem(DisasContext *s, int len, bool align, intptr_t off)
{
    TCGvI64 a = tcg_temp_tb_new_i64(), lo = tcg_temp_tb_new_i64();

    tcg_gen_mov_i64(a, gen_addr(s, align && len == 16));
    tcg_gen_ld_i64(lo, tcg_ctx->env, off);
    if (len == 16) {
        TCGvI64 a8 = tcg_temp_new_i64(), hi = tcg_temp_tb_new_i64();

        tcg_gen_ld_i64(hi, tcg_ctx->env, off + 8);
        if (!align) {
            gen_st16_split_first(s, a, lo, hi);
        }
        x86_gen_st(s, OT_Q, lo, a);
        tcg_gen_addi_i64(a8, a, 8);
        x86_gen_st(s, OT_Q, hi, a8);
    } else {
        x86_gen_st(s, OT_Q, lo, a);
    }
}

/* Write a vector register: MMX 8 bytes, XMM lo and hi. */
static void gen_st_vreg(bool mmx, int r, TCGvI64 lo, TCGvI64 hi)
{
    intptr_t off = vreg_off(mmx, r);

    tcg_gen_st_i64(lo, tcg_ctx->env, off);
    if (mmx) {
        gen_mmx_written(r);
    } else {
        tcg_gen_st_i64(hi, tcg_ctx->env, off + 8);
    }
}

/* dst = op(dst, src) through helper_x86_vec; dst register dreg; the
 * source is r/m of srclen bytes. */
static bool gen_vec_helper(DisasContext *s, int op, bool mmx, int dreg,
                           int srclen, bool align, int imm)
{
    TCGvI64 lo = tcg_temp_new_i64(), hi = tcg_temp_new_i64();
    TCGvI64 ret = tcg_temp_new_i64();

    gen_ld_src(s, mmx, srclen, align, lo, hi);
    x86_gen_call(&helper_info_x86_vec, ret, "eccqqc", op,
                 (int)vreg_off(mmx, dreg), lo, hi,
                 (imm & 0xff) | (mmx ? 8 : 16) << 8);
    if (mmx) {
        gen_mmx_enter();
        gen_mmx_written(dreg);
    }
    return true;
}

/* A two-operand vector op reg = op(reg, r/m) in its MMX (no prefix, if
 * has_mmx) or XMM (66) form. mmx_srclen: the MMX memory operand's size. */
static bool gen_binop(DisasContext *s, int op, bool has_mmx, int mmx_srclen)
{
    int pp = sse_pp(s);

    if (pp == PP_NONE && has_mmx) {
        return gen_vec_helper(s, op, true, s->m.reg, mmx_srclen, false, 0);
    }
    if (pp == PP_66) {
        return gen_vec_helper(s, op, false, s->m.reg, 16, true, 0);
    }
    return false;
}

/* The sign bit of every element of log2 size ot, in 64 bits. */
static uint64_t elem_high_bits(int ot)
{
    return ot == OT_B ? 0x8080808080808080ull :
           ot == OT_W ? 0x8000800080008000ull :
           ot == OT_L ? 0x8000000080000000ull : 0x8000000000000000ull;
}

/*
 * Element-wise add, subtract and compare-equal of 8/16/32-bit elements
 * on a 64-bit half, without carries crossing elements (SWAR): the low
 * bits are added with the sign bits cleared, the sign bits fixed by xor.
 */
static void gen_swar_add(TCGvI64 d, TCGvI64 a, TCGvI64 b, int ot, bool sub)
{
    uint64_t h = elem_high_bits(ot);
    TCGvI64 x = tcg_temp_new_i64(), y = tcg_temp_new_i64();

    if (!sub) {
        /* ((a & ~H) + (b & ~H)) ^ ((a ^ b) & H) */
        tcg_gen_andi_i64(x, a, (int64_t)~h);
        tcg_gen_andi_i64(y, b, (int64_t)~h);
        tcg_gen_add_i64(x, x, y);
        tcg_gen_xor_i64(y, a, b);
    } else {
        /* ((a | H) - (b & ~H)) ^ ((a ^ ~b) & H) */
        tcg_gen_ori_i64(x, a, (int64_t)h);
        tcg_gen_andi_i64(y, b, (int64_t)~h);
        tcg_gen_sub_i64(x, x, y);
        tcg_gen_eqv_i64(y, a, b);
    }
    tcg_gen_andi_i64(y, y, (int64_t)h);
    tcg_gen_xor_i64(d, x, y);
}

static void gen_swar_cmpeq(TCGvI64 d, TCGvI64 a, TCGvI64 b, int ot)
{
    uint64_t h = elem_high_bits(ot);
    unsigned bits = 8u << ot;
    TCGvI64 x = tcg_temp_new_i64(), z = tcg_temp_new_i64();

    /* sign bit set in the elements of a ^ b that are zero */
    tcg_gen_xor_i64(x, a, b);
    tcg_gen_andi_i64(z, x, (int64_t)~h);
    tcg_gen_addi_i64(z, z, (int64_t)~h);
    tcg_gen_or_i64(z, z, x);
    tcg_gen_andc_i64(z, tcg_constant_i64((int64_t)h), z);
    /* spread each to all ones: (z >> (bits - 1)) * element mask */
    tcg_gen_shri_i64(z, z, bits - 1);
    tcg_gen_muli_i64(d, z, (int64_t)((1ull << bits) - 1));
}

/* x holds only element sign bits: d = all ones in those elements. The
 * subtraction never borrows across elements (sign bit >= 1 in each). */
static void gen_swar_spread(TCGvI64 d, TCGvI64 x, int ot)
{
    TCGvI64 y = tcg_temp_new_i64();

    tcg_gen_shri_i64(y, x, (8u << ot) - 1);
    tcg_gen_sub_i64(y, x, y);
    tcg_gen_or_i64(d, x, y);
}

/* m = all ones in the elements where a >= b, unsigned. Per element the
 * low bits compare by (a | H) - (b & ~H) (never borrows out), the sign
 * bits decide where they differ. */
static void gen_swar_geu(TCGvI64 m, TCGvI64 a, TCGvI64 b, int ot)
{
    uint64_t h = elem_high_bits(ot);
    TCGvI64 t = tcg_temp_new_i64(), x = tcg_temp_new_i64();
    TCGvI64 y = tcg_temp_new_i64();

    if (ot == OT_Q) {
        tcg_gen_setcond_i64(TCG_COND_GEU, m, a, b);
        tcg_gen_neg_i64(m, m);
        return;
    }
    tcg_gen_ori_i64(t, a, (int64_t)h);
    tcg_gen_andi_i64(y, b, (int64_t)~h);
    tcg_gen_sub_i64(t, t, y);
    tcg_gen_andc_i64(x, a, b);
    tcg_gen_eqv_i64(y, a, b);
    tcg_gen_and_i64(y, y, t);
    tcg_gen_or_i64(x, x, y);
    tcg_gen_andi_i64(x, x, (int64_t)h);
    gen_swar_spread(m, x, ot);
}

/* m = all ones where a >= b, signed: unsigned on sign-flipped values */
static void gen_swar_ges(TCGvI64 m, TCGvI64 a, TCGvI64 b, int ot)
{
    TCGvI64 fa = tcg_temp_new_i64(), fb = tcg_temp_new_i64();
    int64_t h = (int64_t)elem_high_bits(ot);

    tcg_gen_xori_i64(fa, a, h);
    tcg_gen_xori_i64(fb, b, h);
    gen_swar_geu(m, fa, fb, ot);
}

/* Element-wise ops inline on a 64-bit half (gen_elem_half). */
enum ElemOp {
    EL_MINU, EL_MAXU, EL_MINS, EL_MAXS, EL_CMPGT, EL_CMPEQ, EL_SUBUS,
    EL_ADDUS,
};

static void gen_elem_half(int op, int ot, TCGvI64 d, TCGvI64 a, TCGvI64 b)
{
    TCGvI64 m = tcg_temp_new_i64(), t = tcg_temp_new_i64();

    switch (op) {
    case EL_MINU: case EL_MAXU: case EL_MINS: case EL_MAXS:
        if (op == EL_MINU || op == EL_MAXU) {
            gen_swar_geu(m, a, b, ot);
        } else {
            gen_swar_ges(m, a, b, ot);
        }
        /* m: a >= b, so min takes b there, max takes a */
        tcg_gen_xor_i64(t, a, b);
        tcg_gen_and_i64(t, t, m);
        tcg_gen_xor_i64(d, (op == EL_MINU || op == EL_MINS) ? a : b, t);
        break;
    case EL_CMPGT:                      /* a > b is not b >= a */
        gen_swar_ges(m, b, a, ot);
        tcg_gen_not_i64(d, m);
        break;
    case EL_CMPEQ:
        if (ot == OT_Q) {
            tcg_gen_setcond_i64(TCG_COND_EQ, m, a, b);
            tcg_gen_neg_i64(d, m);
        } else {
            gen_swar_cmpeq(d, a, b, ot);
        }
        break;
    case EL_SUBUS:                      /* a - b where a >= b, else 0 */
        gen_swar_geu(m, a, b, ot);
        gen_swar_add(t, a, b, ot, true);
        tcg_gen_and_i64(d, t, m);
        break;
    case EL_ADDUS: {                    /* the sum, all ones on a carry */
        TCGvI64 c = tcg_temp_new_i64(), u = tcg_temp_new_i64();

        gen_swar_add(t, a, b, ot, false);
        tcg_gen_and_i64(c, a, b);
        tcg_gen_or_i64(u, a, b);
        tcg_gen_andc_i64(u, u, t);
        tcg_gen_or_i64(c, c, u);
        tcg_gen_andi_i64(c, c, (int64_t)elem_high_bits(ot));
        gen_swar_spread(m, c, ot);
        tcg_gen_or_i64(d, t, m);
        break;
    }
    }
}

/* After an instruction wrote vector register r in place. */
static void gen_vec_done(bool mmx, int r)
{
    if (mmx) {
        gen_mmx_enter();
        gen_mmx_written(r);
    }
}

/* reg = op(reg, r/m) element-wise, inline: the MMX (no prefix, if
 * has_mmx) or XMM (66) form. */
static bool gen_elem_binop(DisasContext *s, int op, int ot, bool has_mmx)
{
    int pp = sse_pp(s);
    bool mmx = pp == PP_NONE;
    TCGvI64 lo = tcg_temp_new_i64(), hi = tcg_temp_new_i64();
    intptr_t off;

    if (!(pp == PP_66 || (mmx && has_mmx))) {
        return false;
    }
    gen_ld_src(s, mmx, mmx ? 8 : 16, true, lo, hi);
    off = vreg_off(mmx, s->m.reg);
    for (int h = 0; h < (mmx ? 1 : 2); h++) {
        TCGvI64 d = tcg_temp_new_i64();

        tcg_gen_ld_i64(d, tcg_ctx->env, off + 8 * h);
        gen_elem_half(op, ot, d, d, h ? hi : lo);
        tcg_gen_st_i64(d, tcg_ctx->env, off + 8 * h);
    }
    gen_vec_done(mmx, s->m.reg);
    return true;
}

/* The low 32 bits of x (zero above) with its elements of size ot spread
 * to every other element of 64 bits: the unpack's interleave step. */
static void gen_spread32(TCGvI64 d, TCGvI64 x, int ot)
{
    TCGvI64 t = tcg_temp_new_i64();

    tcg_gen_shli_i64(t, x, 16);
    tcg_gen_or_i64(d, x, t);
    tcg_gen_andi_i64(d, d, 0x0000ffff0000ffffll);
    if (ot == OT_B) {
        tcg_gen_shli_i64(t, d, 8);
        tcg_gen_or_i64(d, d, t);
        tcg_gen_andi_i64(d, d, 0x00ff00ff00ff00ffll);
    }
}

/* d = the elements (size ot) of the low (high: the high) 32 bits of a
 * and b interleaved, a first. */
static void gen_interleave(TCGvI64 d, TCGvI64 a, TCGvI64 b, int ot,
                           bool high)
{
    TCGvI64 x = tcg_temp_new_i64(), y = tcg_temp_new_i64();

    if (high) {
        tcg_gen_shri_i64(x, a, 32);
        tcg_gen_shri_i64(y, b, 32);
    } else {
        tcg_gen_mov_i64(x, a);
        tcg_gen_mov_i64(y, b);
    }
    if (ot == OT_L) {
        tcg_gen_deposit_i64(d, x, y, 32, 32);
        return;
    }
    if (!high) {
        tcg_gen_ext32u_i64(x, x);
    }
    gen_spread32(x, x, ot);
    if (a == b) {                       /* the common broadcast idiom */
        tcg_gen_shli_i64(y, x, 8 << ot);
    } else {
        if (!high) {
            tcg_gen_ext32u_i64(y, y);
        }
        gen_spread32(y, y, ot);
        tcg_gen_shli_i64(y, y, 8 << ot);
    }
    tcg_gen_or_i64(d, x, y);
}

/* 0F 60-62, 68-6A PUNPCKL/H BW, WD, DQ (MMX and 66), 66 0F 6C/6D
 * PUNPCKL/HQDQ; ot: the element size (OT_Q for the QDQ forms). */
static bool gen_unpack(DisasContext *s, int ot, bool high)
{
    int pp = sse_pp(s);
    bool mmx = pp == PP_NONE;
    bool same = s->m.mod == 3 && vreg_off(mmx, s->m.rm) ==
                                 vreg_off(mmx, s->m.reg);
    TCGvI64 alo = tcg_temp_new_i64(), ahi = tcg_temp_new_i64();
    TCGvI64 blo = alo, bhi = ahi;
    TCGvI64 rlo = tcg_temp_new_i64(), rhi = tcg_temp_new_i64();
    intptr_t off = vreg_off(mmx, s->m.reg);

    if (!(pp == PP_66 || (mmx && ot != OT_Q))) {
        return false;
    }
    if (!same) {
        blo = tcg_temp_new_i64();
        bhi = tcg_temp_new_i64();
        /* the MMX low unpacks read 32 bits of memory */
        gen_ld_src(s, mmx, mmx ? (high ? 8 : 4) : 16, true, blo, bhi);
    }
    tcg_gen_ld_i64(alo, tcg_ctx->env, off);
    if (mmx) {
        gen_interleave(rlo, alo, blo, ot, high);
        tcg_gen_st_i64(rlo, tcg_ctx->env, off);
        gen_vec_done(true, s->m.reg);
        return true;
    }
    if (high) {
        tcg_gen_ld_i64(ahi, tcg_ctx->env, off + 8);
    }
    if (ot == OT_Q) {
        tcg_gen_mov_i64(rlo, high ? ahi : alo);
        tcg_gen_mov_i64(rhi, high ? bhi : blo);
    } else {
        TCGvI64 a = high ? ahi : alo, b = high ? bhi : blo;

        gen_interleave(rlo, a, b, ot, false);
        gen_interleave(rhi, a, b, ot, true);
    }
    tcg_gen_st_i64(rlo, tcg_ctx->env, off);
    tcg_gen_st_i64(rhi, tcg_ctx->env, off + 8);
    return true;
}

/* Words sel (2 bits each of imm) of q, in order: PSHUFW/LW/HW. */
static void gen_shuf_words(TCGvI64 d, TCGvI64 q, int imm)
{
    TCGvI64 w = tcg_temp_new_i64(), r = tcg_temp_new_i64();

    if ((imm & 0xff) == 0xe4) {
        tcg_gen_mov_i64(d, q);
        return;
    }
    tcg_gen_shri_i64(r, q, 16 * (imm & 3));
    for (int i = 1; i < 4; i++) {
        tcg_gen_shri_i64(w, q, 16 * ((imm >> (2 * i)) & 3));
        tcg_gen_deposit_i64(r, r, w, 16 * i, 16);
    }
    tcg_gen_mov_i64(d, r);
}

/* Dword k of the 128 bits q[0..1] into d's low 32 bits (not cleared
 * above: the caller deposits it). */
static void gen_dword(TCGvI64 d, TCGvI64 q[2], int k)
{
    if (k & 1) {
        tcg_gen_shri_i64(d, q[k >> 1], 32);
    } else {
        tcg_gen_mov_i64(d, q[k >> 1]);
    }
}

/* 0F 70 PSHUFW (mm), 66 PSHUFD, F3 PSHUFHW, F2 PSHUFLW: reg, r/m, imm8 */
static bool trans_pshuf(DisasContext *s)
{
    int pp = sse_pp(s), imm = x86_ldub_code(s);
    bool mmx = pp == PP_NONE;
    TCGvI64 q[2] = { tcg_temp_new_i64(), tcg_temp_new_i64() };
    TCGvI64 r[2] = { tcg_temp_new_i64(), tcg_temp_new_i64() };

    gen_ld_src(s, mmx, mmx ? 8 : 16, !mmx, q[0], q[1]);
    switch (pp) {
    case PP_NONE:
        gen_shuf_words(r[0], q[0], imm);
        break;
    case PP_66:
        for (int h = 0; h < 2; h++) {
            int k0 = (imm >> (4 * h)) & 3, k1 = (imm >> (4 * h + 2)) & 3;

            if (!(k0 & 1) && k1 == k0 + 1) {
                tcg_gen_mov_i64(r[h], q[k0 >> 1]);
            } else {
                TCGvI64 t = tcg_temp_new_i64();

                gen_dword(r[h], q, k0);
                gen_dword(t, q, k1);
                tcg_gen_deposit_i64(r[h], r[h], t, 32, 32);
            }
        }
        break;
    case PP_F3:
        tcg_gen_mov_i64(r[0], q[0]);
        gen_shuf_words(r[1], q[1], imm);
        break;
    default:
        gen_shuf_words(r[0], q[0], imm);
        tcg_gen_mov_i64(r[1], q[1]);
        break;
    }
    gen_st_vreg(mmx, s->m.reg, r[0], r[1]);
    if (mmx) {
        gen_mmx_enter();
    }
    return true;
}

/* d = 8 bytes at byte offset off of the little-endian concatenation of
 * q[0..n-1] (NULL: a zero quadword), zero beyond its end. */
static void gen_byte_window(TCGvI64 d, TCGvI64 *q, int n, int off)
{
    int i = off >> 3, sh = (off & 7) * 8;
    TCGvI64 a = off >= 0 && i < n ? q[i] : NULL;
    TCGvI64 b = off >= 0 && i + 1 < n ? q[i + 1] : NULL;

    if (off < 0) {
        a = NULL;
    }
    if (sh == 0 || (!a && !b)) {
        if (a && sh == 0) {
            tcg_gen_mov_i64(d, a);
        } else {
            tcg_gen_movi_i64(d, 0);
        }
        return;
    }
    if (a && b) {
        TCGvI64 t = tcg_temp_new_i64();

        tcg_gen_shri_i64(t, a, sh);
        tcg_gen_shli_i64(d, b, 64 - sh);
        tcg_gen_or_i64(d, d, t);
    } else if (a) {
        tcg_gen_shri_i64(d, a, sh);
    } else {
        tcg_gen_shli_i64(d, b, 64 - sh);
    }
}

/* 0F 3A 0F PALIGNR mm/xmm, r/m, imm8: bytes imm.. of dst:src */
static bool gen_palignr(DisasContext *s, bool mmx, int imm)
{
    TCGvI64 q[4], r[2] = { tcg_temp_new_i64(), tcg_temp_new_i64() };
    intptr_t off = vreg_off(mmx, s->m.reg);
    int n = mmx ? 2 : 4;

    for (int i = 0; i < 4; i++) {
        q[i] = tcg_temp_new_i64();
    }
    /* source low, destination high */
    gen_ld_src(s, mmx, mmx ? 8 : 16, !mmx, q[0], q[1]);
    if (mmx) {
        tcg_gen_ld_i64(q[1], tcg_ctx->env, off);
    } else {
        tcg_gen_ld_i64(q[2], tcg_ctx->env, off);
        tcg_gen_ld_i64(q[3], tcg_ctx->env, off + 8);
    }
    for (int h = 0; h < n / 2; h++) {
        gen_byte_window(r[h], q, n, imm + 8 * h);
    }
    gen_st_vreg(mmx, s->m.reg, r[0], r[1]);
    if (mmx) {
        gen_mmx_enter();
    }
    return true;
}

/* 66 0F 73 /3 PSRLDQ, /7 PSLLDQ xmm, imm8: whole-register byte shifts */
static void gen_byte_shift(int r, int imm, bool left)
{
    TCGvI64 q[4] = { NULL, NULL, tcg_temp_new_i64(), tcg_temp_new_i64() };
    TCGvI64 res[2] = { tcg_temp_new_i64(), tcg_temp_new_i64() };
    intptr_t off = x86_xmm_offset(r);

    tcg_gen_ld_i64(q[2], tcg_ctx->env, off);
    tcg_gen_ld_i64(q[3], tcg_ctx->env, off + 8);
    for (int h = 0; h < 2; h++) {
        if (left) {
            /* the register above 16 zero bytes, from 16 - imm on */
            gen_byte_window(res[h], q, 4, imm > 16 ? -1 : 16 - imm + 8 * h);
        } else {
            gen_byte_window(res[h], q + 2, 2, imm + 8 * h);
        }
    }
    gen_st_vreg(false, r, res[0], res[1]);
}

/* 66 0F 38 17 PTEST xmm, xmm/m128: ZF = (dst & src) == 0,
 * CF = (~dst & src) == 0, the other flags 0. */
static bool trans_ptest(DisasContext *s)
{
    TCGvI64 lo = tcg_temp_new_i64(), hi = tcg_temp_new_i64();
    TCGvI64 dlo = tcg_temp_new_i64(), dhi = tcg_temp_new_i64();
    TCGvI64 z = tcg_temp_new_i64(), c = tcg_temp_new_i64();
    TCGvI64 t = tcg_temp_new_i64();
    intptr_t off = x86_xmm_offset(s->m.reg);

    gen_ld_src(s, false, 16, true, lo, hi);
    tcg_gen_ld_i64(dlo, tcg_ctx->env, off);
    tcg_gen_ld_i64(dhi, tcg_ctx->env, off + 8);
    tcg_gen_and_i64(z, dlo, lo);
    tcg_gen_and_i64(t, dhi, hi);
    tcg_gen_or_i64(z, z, t);
    tcg_gen_andc_i64(c, lo, dlo);
    tcg_gen_andc_i64(t, hi, dhi);
    tcg_gen_or_i64(c, c, t);
    tcg_gen_setcondi_i64(TCG_COND_EQ, z, z, 0);
    tcg_gen_setcondi_i64(TCG_COND_EQ, c, c, 0);
    tcg_gen_shli_i64(z, z, 6);          /* ZF is bit 6, CF bit 0 */
    tcg_gen_or_i64(z, z, c);
    x86_set_cc(s, CC_K_EFLAGS, OT_Q, NULL, z, NULL);
    return true;
}

/* Inline on 64-bit halves: PAND, PANDN, POR, PXOR, PADDB/W/D/Q,
 * PSUBB/W/D/Q, PCMPEQB/W/D. */
static bool gen_inline_binop(DisasContext *s, int b)
{
    int pp = sse_pp(s);
    bool mmx = pp == PP_NONE;
    TCGvI64 lo = tcg_temp_new_i64(), hi = tcg_temp_new_i64();
    intptr_t off;

    if (pp != PP_NONE && pp != PP_66) {
        return false;
    }
    gen_ld_src(s, mmx, mmx ? 8 : 16, true, lo, hi);
    off = vreg_off(mmx, s->m.reg);
    for (int h = 0; h < (mmx ? 1 : 2); h++) {
        TCGvI64 d = tcg_temp_new_i64(), v = h ? hi : lo;

        tcg_gen_ld_i64(d, tcg_ctx->env, off + 8 * h);
        switch (b) {
        case 0xdb: tcg_gen_and_i64(d, d, v); break;
        case 0xdf: tcg_gen_andc_i64(d, v, d); break;
        case 0xeb: tcg_gen_or_i64(d, d, v); break;
        case 0xef: tcg_gen_xor_i64(d, d, v); break;
        case 0xd4: tcg_gen_add_i64(d, d, v); break;
        case 0xfb: tcg_gen_sub_i64(d, d, v); break;
        case 0xfc: case 0xfd: case 0xfe:
            gen_swar_add(d, d, v, b - 0xfc, false);
            break;
        case 0xf8: case 0xf9: case 0xfa:
            gen_swar_add(d, d, v, b - 0xf8, true);
            break;
        default:                        /* 74-76 */
            gen_swar_cmpeq(d, d, v, b - 0x74);
            break;
        }
        tcg_gen_st_i64(d, tcg_ctx->env, off + 8 * h);
    }
    if (mmx) {
        gen_mmx_enter();
        gen_mmx_written(s->m.reg);
    }
    return true;
}

/* The sign bits of the 8 bytes of v as an 8-bit mask: each bit 8i+7
 * moved to 56+i by one multiply (the partial products never overlap). */
static void gen_byte_signs(TCGvI64 d, TCGvI64 v)
{
    tcg_gen_andi_i64(d, v, (int64_t)0x8080808080808080ull);
    tcg_gen_shri_i64(d, d, 7);
    tcg_gen_muli_i64(d, d, 0x0102040810204080ll);
    tcg_gen_shri_i64(d, d, 56);
}

/* ---- moves ---- */

/* 0F 6E MOVD/MOVQ mm/xmm, r/m32/64; 0F 7E the other way; F3 0F 7E MOVQ */
static bool trans_movd(DisasContext *s, bool to_vec)
{
    int pp = sse_pp(s), ot = s->rex_w ? OT_Q : OT_L;
    bool mmx = pp == PP_NONE;
    TCGvI64 v = tcg_temp_new_i64();

    if (pp != PP_NONE && pp != PP_66) {
        return false;
    }
    if (to_vec) {
        x86_gen_ld_rm(s, ot, v, NULL);
        gen_st_vreg(mmx, s->m.reg, v, tcg_constant_i64(0));
    } else {
        intptr_t off = vreg_off(mmx, s->m.reg);

        if (ot == OT_Q) {
            tcg_gen_ld_i64(v, tcg_ctx->env, off);
        } else {
            tcg_gen_ld32u_i64(v, tcg_ctx->env, off);
        }
        x86_gen_st_rm(s, ot, v, NULL);
    }
    if (mmx) {
        gen_mmx_enter();
    }
    return true;
}

/* F3 0F 7E MOVQ xmm, xmm/m64: the upper half is zeroed. */
static bool trans_movq_load_xmm(DisasContext *s)
{
    TCGvI64 lo = tcg_temp_new_i64(), hi = tcg_temp_new_i64();

    gen_ld_src(s, false, 8, false, lo, hi);
    gen_st_vreg(false, s->m.reg, lo, tcg_constant_i64(0));
    return true;
}

/* 0F 6F (load) and 0F 7F (store): MOVQ mm, MOVDQA (66), MOVDQU (F3). */
static bool trans_mov_full(DisasContext *s, bool load)
{
    int pp = sse_pp(s);
    bool mmx = pp == PP_NONE, align = pp == PP_66;
    int len = mmx ? 8 : 16;
    TCGvI64 lo = tcg_temp_new_i64(), hi = tcg_temp_new_i64();

    if (pp == PP_F2) {
        return false;
    }
    if (load) {
        gen_ld_src(s, mmx, len, align, lo, hi);
        gen_st_vreg(mmx, s->m.reg, lo, hi);
    } else if (s->m.mod == 3) {
        intptr_t off = vreg_off(mmx, s->m.reg);

        tcg_gen_ld_i64(lo, tcg_ctx->env, off);
        if (!mmx) {
            tcg_gen_ld_i64(hi, tcg_ctx->env, off + 8);
        }
        gen_st_vreg(mmx, s->m.rm, lo, hi);
    } else {
        gen_st_mem(s, len, align, vreg_off(mmx, s->m.reg));
    }
    if (mmx) {
        gen_mmx_enter();
    }
    return true;
}

/* 0F D6: 66 MOVQ xmm/m64, xmm; F3 MOVQ2DQ xmm, mm; F2 MOVDQ2Q mm, xmm */
static bool trans_d6(DisasContext *s)
{
    TCGvI64 v = tcg_temp_new_i64();
    TCGvI64 zero = tcg_constant_i64(0);

    switch (sse_pp(s)) {
    case PP_66:
        if (s->m.mod == 3) {
            tcg_gen_ld_i64(v, tcg_ctx->env, x86_xmm_offset(s->m.reg));
            gen_st_vreg(false, s->m.rm, v, zero);
        } else {
            gen_st_mem(s, 8, false, x86_xmm_offset(s->m.reg));
        }
        return true;
    case PP_F3:
        if (s->m.mod != 3) {
            return false;
        }
        tcg_gen_ld_i64(v, tcg_ctx->env, x86_mmx_offset(s->m.rm));
        gen_st_vreg(false, s->m.reg, v, zero);
        gen_mmx_enter();
        return true;
    case PP_F2:
        if (s->m.mod != 3) {
            return false;
        }
        tcg_gen_ld_i64(v, tcg_ctx->env, x86_xmm_offset(s->m.rm));
        gen_st_vreg(true, s->m.reg, v, NULL);
        gen_mmx_enter();
        return true;
    }
    return false;
}

/* 0F E7 MOVNTQ m64, mm; 66 MOVNTDQ m128, xmm (aligned). */
static bool trans_movnt(DisasContext *s)
{
    int pp = sse_pp(s);
    bool mmx = pp == PP_NONE;

    if (s->m.mod == 3 || (pp != PP_NONE && pp != PP_66)) {
        return false;
    }
    gen_st_mem(s, mmx ? 8 : 16, true, vreg_off(mmx, s->m.reg));
    if (mmx) {
        gen_mmx_enter();
    }
    return true;
}

/* Load-only 16-byte moves from memory: F2 0F F0 LDDQU (unaligned),
 * 66 0F 38 2A MOVNTDQA (aligned). */
static bool trans_load_only(DisasContext *s, bool align)
{
    TCGvI64 lo = tcg_temp_new_i64(), hi = tcg_temp_new_i64();

    if (s->m.mod == 3) {
        return false;
    }
    gen_ld_src(s, false, 16, align, lo, hi);
    gen_st_vreg(false, s->m.reg, lo, hi);
    return true;
}

/* 0F C3 MOVNTI m32/64, r32/64 */
static bool trans_movnti(DisasContext *s)
{
    int ot = s->rex_w ? OT_Q : OT_L;
    TCGvI64 v = tcg_temp_new_i64();

    if (s->m.mod == 3 || sse_pp(s) != PP_NONE) {
        return false;
    }
    x86_gen_get_reg(s, ot, v, s->m.reg);
    x86_gen_st(s, ot, v, x86_gen_lea(s));
    return true;
}

/* ---- insert / extract ---- */

/* Element idx (size ot) of vector register r into v, zero-extended. */
static void gen_ld_elem(bool mmx, int r, int ot, int idx, TCGvI64 v)
{
    intptr_t off = vreg_off(mmx, r) + (idx << ot);

    switch (ot) {
    case OT_B: tcg_gen_ld8u_i64(v, tcg_ctx->env, off); break;
    case OT_W: tcg_gen_ld16u_i64(v, tcg_ctx->env, off); break;
    case OT_L: tcg_gen_ld32u_i64(v, tcg_ctx->env, off); break;
    default: tcg_gen_ld_i64(v, tcg_ctx->env, off); break;
    }
}

static void gen_st_elem(bool mmx, int r, int ot, int idx, TCGvI64 v)
{
    intptr_t off = vreg_off(mmx, r) + (idx << ot);

    switch (ot) {
    case OT_B: tcg_gen_st8_i64(v, tcg_ctx->env, off); break;
    case OT_W: tcg_gen_st16_i64(v, tcg_ctx->env, off); break;
    case OT_L: tcg_gen_st32_i64(v, tcg_ctx->env, off); break;
    default: tcg_gen_st_i64(v, tcg_ctx->env, off); break;
    }
}

/* 0F C4 PINSRW mm, r32/m16, imm8; 66: xmm */
static bool trans_pinsrw(DisasContext *s)
{
    int pp = sse_pp(s);
    bool mmx = pp == PP_NONE;
    TCGvI64 v = tcg_temp_new_i64();
    int imm;

    if (pp != PP_NONE && pp != PP_66) {
        return false;
    }
    imm = x86_ldub_code(s);
    x86_gen_ld_rm(s, OT_W, v, NULL);
    gen_st_elem(mmx, s->m.reg, OT_W, imm & (mmx ? 3 : 7), v);
    if (mmx) {
        gen_mmx_enter();
        gen_mmx_written(s->m.reg);
    }
    return true;
}

/* 0F C5 PEXTRW r32, mm, imm8; 66: xmm */
static bool trans_pextrw_c5(DisasContext *s)
{
    int pp = sse_pp(s);
    bool mmx = pp == PP_NONE;
    TCGvI64 v = tcg_temp_new_i64();
    int imm;

    if (s->m.mod != 3 || (pp != PP_NONE && pp != PP_66)) {
        return false;
    }
    imm = x86_ldub_code(s);
    gen_ld_elem(mmx, s->m.rm, OT_W, imm & (mmx ? 3 : 7), v);
    x86_gen_set_reg(s, OT_Q, s->m.reg, v);
    if (mmx) {
        gen_mmx_enter();
    }
    return true;
}

/* 66 0F 3A 14-16 PEXTRB/W/D/Q r/m, xmm, imm8 */
static bool trans_pextr(DisasContext *s, int ot)
{
    TCGvI64 v = tcg_temp_new_i64();
    int imm = x86_ldub_code(s);

    gen_ld_elem(false, s->m.reg, ot, imm & ((16 >> ot) - 1), v);
    if (s->m.mod == 3) {
        /* a register destination is written whole, zero-extended */
        x86_gen_set_reg(s, OT_Q, s->m.rm, v);
    } else {
        x86_gen_st(s, ot, v, x86_gen_lea(s));
    }
    return true;
}

/* 66 0F 3A 20 PINSRB xmm, r32/m8; 22 PINSRD/Q xmm, r/m32/64 */
static bool trans_pinsr(DisasContext *s, int ot)
{
    TCGvI64 v = tcg_temp_new_i64();
    int imm = x86_ldub_code(s);

    if (s->m.mod == 3) {
        /* PINSRB takes r32's low byte: never AH..BH */
        x86_gen_get_reg(s, OT_Q, v, s->m.rm);
    } else {
        x86_gen_ld(s, ot, v, x86_gen_lea(s));
    }
    gen_st_elem(false, s->m.reg, ot, imm & ((16 >> ot) - 1), v);
    return true;
}

/* 0F D7 PMOVMSKB r32, mm/xmm */
static bool trans_pmovmskb(DisasContext *s)
{
    int pp = sse_pp(s);
    bool mmx = pp == PP_NONE;
    TCGvI64 lo = tcg_temp_new_i64(), hi = tcg_temp_new_i64();
    TCGvI64 r = tcg_temp_new_i64();

    if (s->m.mod != 3 || (pp != PP_NONE && pp != PP_66)) {
        return false;
    }
    gen_ld_src(s, mmx, mmx ? 8 : 16, false, lo, hi);
    gen_byte_signs(r, lo);
    if (!mmx) {
        TCGvI64 m = tcg_temp_new_i64();

        gen_byte_signs(m, hi);
        tcg_gen_shli_i64(m, m, 8);
        tcg_gen_or_i64(r, r, m);
    }
    x86_gen_set_reg(s, OT_Q, s->m.reg, r);
    if (mmx) {
        gen_mmx_enter();
    }
    return true;
}

/* 0F F7 MASKMOVQ mm, mm; 66: MASKMOVDQU xmm, xmm: the bytes of reg whose
 * mask byte (rm) has its top bit set are stored to DS:rDI, one by one. */
static bool trans_maskmov(DisasContext *s)
{
    int pp = sse_pp(s);
    bool mmx = pp == PP_NONE;
    int len = mmx ? 8 : 16;
    TCGvI64 data[2], mask[2], rdi = tcg_temp_tb_new_i64();

    if (s->m.mod != 3 || (pp != PP_NONE && pp != PP_66)) {
        return false;
    }
    for (int h = 0; h < len / 8; h++) {
        data[h] = tcg_temp_tb_new_i64();
        mask[h] = tcg_temp_tb_new_i64();
        tcg_gen_ld_i64(data[h], tcg_ctx->env, vreg_off(mmx, s->m.reg) + 8 * h);
        tcg_gen_ld_i64(mask[h], tcg_ctx->env, vreg_off(mmx, s->m.rm) + 8 * h);
    }
    tcg_gen_mov_i64(rdi, cpu_regs[R_EDI]);
    for (int i = 0; i < len; i++) {
        TCGLabel *skip = gen_new_label();
        TCGvI64 bit = tcg_temp_new_i64(), v = tcg_temp_new_i64();
        TCGvI64 a = tcg_temp_new_i64();

        tcg_gen_extract_i64(bit, mask[i / 8], (i % 8) * 8 + 7, 1);
        tcg_gen_brcondi_i64(TCG_COND_EQ, bit, 0, skip);
        tcg_gen_shri_i64(v, data[i / 8], (i % 8) * 8);
        tcg_gen_addi_i64(a, rdi, i);
        x86_gen_mask_addr(s, a);
        x86_gen_st(s, OT_B, v, x86_gen_seg_addr(s, a, R_DS));
        gen_set_label(skip);
    }
    if (mmx) {
        gen_mmx_enter();
    }
    return true;
}

/* ---- shuffles, shifts by immediate ---- */

/* A replicated 64-bit constant: the element value e of size ot. */
static uint64_t elem_splat(int ot, uint64_t e)
{
    unsigned bits = 8u << ot;
    uint64_t r = 0;

    for (unsigned i = 0; i < 64; i += bits) {
        r |= (e & (bits == 64 ? ~0ull : (1ull << bits) - 1)) << i;
    }
    return r;
}

/* PSRL/PSRA/PSLL W D Q by an immediate on register r (sub: /2 logical
 * right, /4 arithmetic right, /6 left), element size ot, inline: a
 * 64-bit shift with the bits that crossed elements masked off; the
 * arithmetic one biases the elements unsigned (xor H), shifts and
 * subtracts the shifted bias per element. */
static void gen_shift_imm(bool mmx, int r, int ot, int sub, int imm)
{
    unsigned bits = 8u << ot;
    uint64_t ones = bits == 64 ? ~0ull : (1ull << bits) - 1;
    intptr_t off = vreg_off(mmx, r);

    for (int h = 0; h < (mmx ? 1 : 2); h++) {
        TCGvI64 v = tcg_temp_new_i64();

        tcg_gen_ld_i64(v, tcg_ctx->env, off + 8 * h);
        if (sub == 4) {
            unsigned c = (unsigned)imm >= bits ? bits - 1 : (unsigned)imm;
            uint64_t hb = elem_high_bits(ot);

            tcg_gen_xori_i64(v, v, (int64_t)hb);
            tcg_gen_shri_i64(v, v, c);
            tcg_gen_andi_i64(v, v, (int64_t)elem_splat(ot, ones >> c));
            gen_swar_add(v, v, tcg_constant_i64((int64_t)(hb >> c)), ot,
                         true);
        } else if ((unsigned)imm >= bits) {
            tcg_gen_movi_i64(v, 0);
        } else if (sub == 2) {
            tcg_gen_shri_i64(v, v, imm);
            tcg_gen_andi_i64(v, v, (int64_t)elem_splat(ot, ones >> imm));
        } else {
            tcg_gen_shli_i64(v, v, imm);
            tcg_gen_andi_i64(v, v,
                             (int64_t)elem_splat(ot, (ones << imm) & ones));
        }
        tcg_gen_st_i64(v, tcg_ctx->env, off + 8 * h);
    }
    gen_vec_done(mmx, r);
}

/* 0F 71/72/73 /r ib: shifts of the rm register by an immediate
 * (W, D, Q; /2 PSRL, /4 PSRA (not Q), /6 PSLL; 66 0F 73 /3 PSRLDQ,
 * /7 PSLLDQ), all inline. */
static bool trans_shift_imm(DisasContext *s)
{
    int pp = sse_pp(s), grp = (s->b & 0xff) - 0x71, sub = s->m.reg & 7;
    bool mmx = pp == PP_NONE;
    bool byte_shift = grp == 2 && (sub == 3 || sub == 7);
    bool elem_shift = sub == 2 || sub == 6 || (sub == 4 && grp != 2);

    if (s->m.mod != 3 || (pp != PP_NONE && pp != PP_66) ||
        !(byte_shift || elem_shift) || (byte_shift && mmx)) {
        return false;
    }
    if (byte_shift) {
        gen_byte_shift(s->m.rm, x86_ldub_code(s), sub == 7);
    } else {
        gen_shift_imm(mmx, s->m.rm, grp + 1, sub, x86_ldub_code(s));
    }
    return true;
}

/* ---- the 0F map ---- */

/* helper_x86_vec ops of 0F 60-FE that are plain binary (reg, r/m) with
 * MMX and 66 forms; 0 = not such an opcode. Stored as op + 1. */
#define B(op) ((op) + 1)
_Static_assert(VOP_NR < 255, "op tables hold op + 1 in a byte");
static const uint8_t binop_0f[256] = {
    [0x63] = B(VOP_PACKSSWB), [0x67] = B(VOP_PACKUSWB),
    [0x6b] = B(VOP_PACKSSDW),
    [0xd1] = B(VOP_PSRLW), [0xd2] = B(VOP_PSRLD), [0xd3] = B(VOP_PSRLQ),
    [0xd5] = B(VOP_PMULLW), [0xe0] = B(VOP_PAVGB), [0xe1] = B(VOP_PSRAW),
    [0xe2] = B(VOP_PSRAD), [0xe3] = B(VOP_PAVGW), [0xe4] = B(VOP_PMULHUW),
    [0xe5] = B(VOP_PMULHW), [0xe8] = B(VOP_PSUBSB), [0xe9] = B(VOP_PSUBSW),
    [0xec] = B(VOP_PADDSB), [0xed] = B(VOP_PADDSW),
    [0xf1] = B(VOP_PSLLW), [0xf2] = B(VOP_PSLLD),
    [0xf3] = B(VOP_PSLLQ), [0xf4] = B(VOP_PMULUDQ), [0xf5] = B(VOP_PMADDWD),
    [0xf6] = B(VOP_PSADBW),
};

static bool trans_0f(DisasContext *s)
{
    int b = s->b & 0xff, pp = sse_pp(s);

    if (binop_0f[b]) {
        return gen_binop(s, binop_0f[b] - 1, true, 8);
    }
    switch (b) {
    case 0x60: case 0x61: case 0x62:
        return gen_unpack(s, b - 0x60, false);
    case 0x68: case 0x69: case 0x6a:
        return gen_unpack(s, b - 0x68, true);
    case 0x6c: case 0x6d:
        return gen_unpack(s, OT_Q, b == 0x6d);
    case 0x64: case 0x65: case 0x66:
        return gen_elem_binop(s, EL_CMPGT, b - 0x64, true);
    case 0xd8: case 0xd9:
        return gen_elem_binop(s, EL_SUBUS, b - 0xd8, true);
    case 0xdc: case 0xdd:
        return gen_elem_binop(s, EL_ADDUS, b - 0xdc, true);
    case 0xda:
        return gen_elem_binop(s, EL_MINU, OT_B, true);
    case 0xde:
        return gen_elem_binop(s, EL_MAXU, OT_B, true);
    case 0xea:
        return gen_elem_binop(s, EL_MINS, OT_W, true);
    case 0xee:
        return gen_elem_binop(s, EL_MAXS, OT_W, true);
    case 0x6e:
        return trans_movd(s, true);
    case 0x6f:
        return trans_mov_full(s, true);
    case 0x70:
        return trans_pshuf(s);
    case 0x71: case 0x72: case 0x73:
        return trans_shift_imm(s);
    case 0x77:                          /* EMMS: every register empty */
        if (pp != PP_NONE) {
            return false;
        }
        tcg_gen_st_i64(tcg_constant_i64(0x0101010101010101ll), tcg_ctx->env,
                       offsetof(X86CPUState, fptags));
        return true;
    case 0x7e:
        return pp == PP_F3 ? trans_movq_load_xmm(s) : trans_movd(s, false);
    case 0x7f:
        return trans_mov_full(s, false);
    case 0xc3:
        return trans_movnti(s);
    case 0xc4:
        return trans_pinsrw(s);
    case 0xc5:
        return trans_pextrw_c5(s);
    case 0x74: case 0x75: case 0x76:
    case 0xd4: case 0xdb: case 0xdf: case 0xeb: case 0xef:
    case 0xf8: case 0xf9: case 0xfa: case 0xfb: case 0xfc: case 0xfd:
    case 0xfe:
        return gen_inline_binop(s, b);
    case 0xd6:
        return trans_d6(s);
    case 0xd7:
        return trans_pmovmskb(s);
    case 0xe7:
        return trans_movnt(s);
    case 0xf0:
        return pp == PP_F2 && trans_load_only(s, false);
    case 0xf7:
        return trans_maskmov(s);
    }
    return false;
}

/* ---- the 0F 38 map ---- */

static const uint8_t ssse3_0f38[256] = {
    [0x00] = B(VOP_PSHUFB), [0x01] = B(VOP_PHADDW), [0x02] = B(VOP_PHADDD),
    [0x03] = B(VOP_PHADDSW), [0x04] = B(VOP_PMADDUBSW),
    [0x05] = B(VOP_PHSUBW), [0x06] = B(VOP_PHSUBD), [0x07] = B(VOP_PHSUBSW),
    [0x08] = B(VOP_PSIGNB), [0x09] = B(VOP_PSIGNW), [0x0a] = B(VOP_PSIGND),
    [0x0b] = B(VOP_PMULHRSW),
    [0x1c] = B(VOP_PABSB), [0x1d] = B(VOP_PABSW), [0x1e] = B(VOP_PABSD),
};

/* 66-only ops of 0F 38 with a 16-byte (aligned) source */
static const uint8_t sse4_0f38[256] = {
    [0x10] = B(VOP_PBLENDVB), [0x28] = B(VOP_PMULDQ),
    [0x2b] = B(VOP_PACKUSDW), [0x40] = B(VOP_PMULLD),
    [0x41] = B(VOP_PHMINPOSUW),
    [0xdb] = B(VOP_AESIMC), [0xdc] = B(VOP_AESENC),
    [0xdd] = B(VOP_AESENCLAST), [0xde] = B(VOP_AESDEC),
    [0xdf] = B(VOP_AESDECLAST),
};

static bool trans_0f38(DisasContext *s)
{
    int b = s->b & 0xff, pp = sse_pp(s);

    if (ssse3_0f38[b]) {
        return gen_binop(s, ssse3_0f38[b] - 1, true, 8);
    }
    if (pp != PP_66) {
        return false;
    }
    if (sse4_0f38[b]) {
        return gen_vec_helper(s, sse4_0f38[b] - 1, false, s->m.reg, 16, true,
                              0);
    }
    if ((b >= 0x20 && b <= 0x25) || (b >= 0x30 && b <= 0x35)) {
        /* PMOVSX/PMOVZX: BW, BD, BQ, WD, WQ, DQ read 8, 4, 2, 8, 4, 8 */
        static const int srclen[6] = { 8, 4, 2, 8, 4, 8 };
        int k = b & 7;
        int op = (b & 0x10 ? VOP_PMOVZXBW : VOP_PMOVSXBW) + k;

        return gen_vec_helper(s, op, false, s->m.reg, srclen[k], false, 0);
    }
    switch (b) {
    case 0x17:
        return trans_ptest(s);
    case 0x29:
        return gen_elem_binop(s, EL_CMPEQ, OT_Q, false);
    case 0x37:
        return gen_elem_binop(s, EL_CMPGT, OT_Q, false);
    case 0x38: case 0x3c:               /* PMINSB, PMAXSB */
        return gen_elem_binop(s, b == 0x38 ? EL_MINS : EL_MAXS, OT_B, false);
    case 0x39: case 0x3d:               /* PMINSD, PMAXSD */
        return gen_elem_binop(s, b == 0x39 ? EL_MINS : EL_MAXS, OT_L, false);
    case 0x3a: case 0x3e:               /* PMINUW, PMAXUW */
        return gen_elem_binop(s, b == 0x3a ? EL_MINU : EL_MAXU, OT_W, false);
    case 0x3b: case 0x3f:               /* PMINUD, PMAXUD */
        return gen_elem_binop(s, b == 0x3b ? EL_MINU : EL_MAXU, OT_L, false);
    case 0x2a:                          /* MOVNTDQA */
        return trans_load_only(s, true);
    }
    return false;
}

/* F2 0F 38 F0 CRC32 r32/64, r/m8; F1: r/m16/32/64 (forwarded by movbe) */
X86_TRANS(crc32);
X86_TRANS(crc32)
{
    int ot = (s->b & 0xff) == 0xf0 ? OT_B : s->dflag;
    TCGvI64 v = tcg_temp_new_i64(), crc = tcg_temp_new_i64();

    if (sse_pp(s) != PP_F2) {
        return false;
    }
    x86_gen_ld_rm(s, ot, v, NULL);
    x86_gen_get_reg(s, OT_L, crc, s->m.reg);
    x86_gen_call(&helper_info_x86_crc32, crc, "qqc", crc, v, 8 << ot);
    x86_gen_set_reg(s, OT_L, s->m.reg, crc);
    return true;
}

/* ---- the 0F 3A map (every form has an imm8) ---- */

/* 66 0F 3A 60-63 PCMPESTRM, PCMPESTRI, PCMPISTRM, PCMPISTRI */
static bool trans_pcmpstr(DisasContext *s)
{
    int b = s->b & 0xff, imm = x86_ldub_code(s);
    bool explicit_len = b < 0x62, index = b & 1;
    TCGvI64 lo = tcg_temp_new_i64(), hi = tcg_temp_new_i64();
    TCGvI64 r = tcg_temp_new_i64(), f = tcg_temp_new_i64();
    int desc = imm | (explicit_len ? X86_PCMPSTR_EXPLICIT : 0) |
               (s->rex_w ? X86_PCMPSTR_REXW : 0) |
               (index ? 0 : X86_PCMPSTR_MASK) |
               (s->m.reg & 15) << X86_PCMPSTR_AREG_SHIFT;

    gen_ld_src(s, false, 16, false, lo, hi);
    x86_gen_call(&helper_info_x86_pcmpstr, r, "eqqqqc", lo, hi,
                 cpu_regs[R_EAX], cpu_regs[R_EDX], desc);
    if (index) {
        TCGvI64 idx = tcg_temp_new_i64();

        tcg_gen_shri_i64(idx, r, 32);
        x86_gen_set_reg(s, OT_L, R_ECX, idx);
    }
    tcg_gen_ext32u_i64(f, r);
    x86_set_cc(s, CC_K_EFLAGS, OT_Q, NULL, f, NULL);
    return true;
}

static bool trans_0f3a(DisasContext *s)
{
    int b = s->b & 0xff, pp = sse_pp(s), imm;

    if (b == 0x0f && pp == PP_NONE) {           /* PALIGNR mm */
        imm = x86_ldub_code(s);
        return gen_palignr(s, true, imm);
    }
    if (pp != PP_66) {
        return false;
    }
    switch (b) {
    case 0x14: return trans_pextr(s, OT_B);
    case 0x15: return trans_pextr(s, OT_W);
    case 0x16: return trans_pextr(s, s->rex_w ? OT_Q : OT_L);
    case 0x20: return trans_pinsr(s, OT_B);
    case 0x22: return trans_pinsr(s, s->rex_w ? OT_Q : OT_L);
    case 0x60: case 0x61: case 0x62: case 0x63:
        return trans_pcmpstr(s);
    }
    imm = x86_ldub_code(s);
    switch (b) {
    case 0x0e:
        return gen_vec_helper(s, VOP_PBLENDW, false, s->m.reg, 16, true, imm);
    case 0x0f:
        return gen_palignr(s, false, imm);
    case 0x42:
        return gen_vec_helper(s, VOP_MPSADBW, false, s->m.reg, 16, true, imm);
    case 0x44:
        return gen_vec_helper(s, VOP_PCLMULQDQ, false, s->m.reg, 16, true,
                              imm);
    case 0xdf:
        return gen_vec_helper(s, VOP_AESKEYGENASSIST, false, s->m.reg, 16,
                              true, imm);
    }
    return false;
}

X86_TRANS(sse_int)
{
    switch (s->b >> 8) {
    case 1:
        return trans_0f(s);
    case 2:
        return trans_0f38(s);
    case 3:
        return trans_0f3a(s);
    }
    return false;
}
