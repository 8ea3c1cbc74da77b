/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The front-end generator API: each function appends one op to tcg_ctx.
 * Immediates become interned constant temps, so every op sees temps only
 * and the optimiser folds what is constant.
 */
#include <stdint.h>

#include "accel/tcg/cputlb.h"
#include "accel/tcg/guest-mem.h"
#include "accel/tcg/tcg-internal.h"
#include "accel/tcg/tcg-log.h"
#include "accel/tcg/tcg-op.h"
#include "util/error.h"

/* Handle -> temp index (handles are index + 1). */
#define H(v) ((TCGArg)((uintptr_t)(v) - 1))
#define C32(v) ((TCGArg)tcg_constant_index(tcg_ctx, TCG_TYPE_I32, (v)))
#define C64(v) ((TCGArg)tcg_constant_index(tcg_ctx, TCG_TYPE_I64, (v)))
#define I32 TCG_TYPE_I32
#define I64 TCG_TYPE_I64

static void gen2(TCGOpcode opc, TCGType t, TCGArg d, TCGArg a)
{
    TCGArg args[2] = { d, a };

    tcg_emit_op(opc, t, 1, 1, 0, args);
}

static void gen3(TCGOpcode opc, TCGType t, TCGArg d, TCGArg a, TCGArg b)
{
    TCGArg args[3] = { d, a, b };

    tcg_emit_op(opc, t, 1, 2, 0, args);
}

#define GEN_BIN(name, opc)                                                  \
    void tcg_gen_##name##_i32(TCGvI32 d, TCGvI32 a, TCGvI32 b)              \
    {                                                                       \
        gen3(opc, I32, H(d), H(a), H(b));                                   \
    }                                                                       \
    void tcg_gen_##name##_i64(TCGvI64 d, TCGvI64 a, TCGvI64 b)              \
    {                                                                       \
        gen3(opc, I64, H(d), H(a), H(b));                                   \
    }

#define GEN_BINI(name, opc)                                                 \
    void tcg_gen_##name##i_i32(TCGvI32 d, TCGvI32 a, int32_t b)             \
    {                                                                       \
        gen3(opc, I32, H(d), H(a), C32(b));                                 \
    }                                                                       \
    void tcg_gen_##name##i_i64(TCGvI64 d, TCGvI64 a, int64_t b)             \
    {                                                                       \
        gen3(opc, I64, H(d), H(a), C64(b));                                 \
    }

#define GEN_UN32(name, opc)                                                 \
    void tcg_gen_##name##_i32(TCGvI32 d, TCGvI32 a)                         \
    {                                                                       \
        gen2(opc, I32, H(d), H(a));                                         \
    }
#define GEN_UN64(name, opc)                                                 \
    void tcg_gen_##name##_i64(TCGvI64 d, TCGvI64 a)                         \
    {                                                                       \
        gen2(opc, I64, H(d), H(a));                                         \
    }
#define GEN_UN(name, opc) GEN_UN32(name, opc) GEN_UN64(name, opc)

GEN_BIN(add, INDEX_op_add)
GEN_BIN(sub, INDEX_op_sub)
GEN_BIN(mul, INDEX_op_mul)
GEN_BIN(and, INDEX_op_and)
GEN_BIN(or, INDEX_op_or)
GEN_BIN(xor, INDEX_op_xor)
GEN_BIN(andc, INDEX_op_andc)
GEN_BIN(orc, INDEX_op_orc)
GEN_BIN(eqv, INDEX_op_eqv)
GEN_BIN(nand, INDEX_op_nand)
GEN_BIN(nor, INDEX_op_nor)
GEN_BIN(shl, INDEX_op_shl)
GEN_BIN(shr, INDEX_op_shr)
GEN_BIN(sar, INDEX_op_sar)
GEN_BIN(rotl, INDEX_op_rotl)
GEN_BIN(rotr, INDEX_op_rotr)
GEN_BIN(div, INDEX_op_div)
GEN_BIN(divu, INDEX_op_divu)
GEN_BIN(rem, INDEX_op_rem)
GEN_BIN(remu, INDEX_op_remu)
GEN_BIN(mulsh, INDEX_op_mulsh)
GEN_BIN(muluh, INDEX_op_muluh)
GEN_BIN(clz, INDEX_op_clz)
GEN_BIN(ctz, INDEX_op_ctz)

GEN_BINI(add, INDEX_op_add)
GEN_BINI(sub, INDEX_op_sub)
GEN_BINI(mul, INDEX_op_mul)
GEN_BINI(and, INDEX_op_and)
GEN_BINI(or, INDEX_op_or)
GEN_BINI(xor, INDEX_op_xor)
GEN_BINI(shl, INDEX_op_shl)
GEN_BINI(shr, INDEX_op_shr)
GEN_BINI(sar, INDEX_op_sar)
GEN_BINI(rotl, INDEX_op_rotl)
GEN_BINI(rotr, INDEX_op_rotr)

GEN_UN(neg, INDEX_op_neg)
GEN_UN(not, INDEX_op_not)
GEN_UN(ctpop, INDEX_op_ctpop)
GEN_UN(ext8s, INDEX_op_ext8s)
GEN_UN(ext8u, INDEX_op_ext8u)
GEN_UN(ext16s, INDEX_op_ext16s)
GEN_UN(ext16u, INDEX_op_ext16u)
GEN_UN(bswap16, INDEX_op_bswap16)
GEN_UN(bswap32, INDEX_op_bswap32)
GEN_UN64(ext32s, INDEX_op_ext32s)
GEN_UN64(ext32u, INDEX_op_ext32u)
GEN_UN64(bswap64, INDEX_op_bswap64)

void tcg_gen_mov_i32(TCGvI32 d, TCGvI32 s)
{
    if (d != s) {
        gen2(INDEX_op_mov, I32, H(d), H(s));
    }
}

void tcg_gen_mov_i64(TCGvI64 d, TCGvI64 s)
{
    if (d != s) {
        gen2(INDEX_op_mov, I64, H(d), H(s));
    }
}

void tcg_gen_movi_i32(TCGvI32 d, int32_t v)
{
    gen2(INDEX_op_mov, I32, H(d), C32(v));
}

void tcg_gen_movi_i64(TCGvI64 d, int64_t v)
{
    gen2(INDEX_op_mov, I64, H(d), C64(v));
}

/* ---- bit fields ---- */

static void gen_field(TCGOpcode opc, TCGType t, TCGArg d, TCGArg a,
                      unsigned pos, unsigned len)
{
    unsigned width = t == I32 ? 32 : 64;
    TCGArg args[4] = { d, a, pos, len };

    if (len == 0 || pos >= width || len > width - pos) {
        fatal_internal("tcg: bit field %u+%u out of a %u-bit value", pos,
                       len, width);
    }
    tcg_emit_op(opc, t, 1, 1, 2, args);
}

static void gen_deposit(TCGType t, TCGArg d, TCGArg a, TCGArg b,
                        unsigned pos, unsigned len)
{
    unsigned width = t == I32 ? 32 : 64;
    TCGArg args[5] = { d, a, b, pos, len };

    if (len == 0 || pos >= width || len > width - pos) {
        fatal_internal("tcg: deposit %u+%u out of a %u-bit value", pos, len,
                       width);
    }
    tcg_emit_op(INDEX_op_deposit, t, 1, 2, 2, args);
}

void tcg_gen_extract_i32(TCGvI32 d, TCGvI32 a, unsigned pos, unsigned len)
{
    gen_field(INDEX_op_extract, I32, H(d), H(a), pos, len);
}

void tcg_gen_sextract_i32(TCGvI32 d, TCGvI32 a, unsigned pos, unsigned len)
{
    gen_field(INDEX_op_sextract, I32, H(d), H(a), pos, len);
}

void tcg_gen_deposit_i32(TCGvI32 d, TCGvI32 a, TCGvI32 b, unsigned pos,
                         unsigned len)
{
    gen_deposit(I32, H(d), H(a), H(b), pos, len);
}

void tcg_gen_extract_i64(TCGvI64 d, TCGvI64 a, unsigned pos, unsigned len)
{
    gen_field(INDEX_op_extract, I64, H(d), H(a), pos, len);
}

void tcg_gen_sextract_i64(TCGvI64 d, TCGvI64 a, unsigned pos, unsigned len)
{
    gen_field(INDEX_op_sextract, I64, H(d), H(a), pos, len);
}

void tcg_gen_deposit_i64(TCGvI64 d, TCGvI64 a, TCGvI64 b, unsigned pos,
                         unsigned len)
{
    gen_deposit(I64, H(d), H(a), H(b), pos, len);
}

/* ---- conditions ---- */

static void gen_setcond(TCGType t, TCGCond c, TCGArg d, TCGArg a, TCGArg b)
{
    TCGArg args[4] = { d, a, b, c };

    tcg_emit_op(INDEX_op_setcond, t, 1, 2, 1, args);
}

static void gen_movcond(TCGType t, TCGCond c, TCGArg d, TCGArg c1,
                        TCGArg c2, TCGArg v1, TCGArg v2)
{
    TCGArg args[6] = { d, c1, c2, v1, v2, c };

    tcg_emit_op(INDEX_op_movcond, t, 1, 4, 1, args);
}

static void gen_brcond(TCGType t, TCGCond c, TCGArg a, TCGArg b, TCGLabel *l)
{
    TCGArg args[4] = { a, b, c, (TCGArg)l->id };

    if (c == TCG_COND_ALWAYS) {
        tcg_gen_br(l);
    } else if (c != TCG_COND_NEVER) {
        tcg_emit_op(INDEX_op_brcond, t, 0, 2, 2, args);
    }
}

void tcg_gen_setcond_i32(TCGCond c, TCGvI32 d, TCGvI32 a, TCGvI32 b)
{
    gen_setcond(I32, c, H(d), H(a), H(b));
}

void tcg_gen_setcondi_i32(TCGCond c, TCGvI32 d, TCGvI32 a, int32_t b)
{
    gen_setcond(I32, c, H(d), H(a), C32(b));
}

void tcg_gen_movcond_i32(TCGCond c, TCGvI32 d, TCGvI32 c1, TCGvI32 c2,
                         TCGvI32 v1, TCGvI32 v2)
{
    gen_movcond(I32, c, H(d), H(c1), H(c2), H(v1), H(v2));
}

void tcg_gen_brcond_i32(TCGCond c, TCGvI32 a, TCGvI32 b, TCGLabel *l)
{
    gen_brcond(I32, c, H(a), H(b), l);
}

void tcg_gen_brcondi_i32(TCGCond c, TCGvI32 a, int32_t b, TCGLabel *l)
{
    gen_brcond(I32, c, H(a), C32(b), l);
}

void tcg_gen_setcond_i64(TCGCond c, TCGvI64 d, TCGvI64 a, TCGvI64 b)
{
    gen_setcond(I64, c, H(d), H(a), H(b));
}

void tcg_gen_setcondi_i64(TCGCond c, TCGvI64 d, TCGvI64 a, int64_t b)
{
    gen_setcond(I64, c, H(d), H(a), C64(b));
}

void tcg_gen_movcond_i64(TCGCond c, TCGvI64 d, TCGvI64 c1, TCGvI64 c2,
                         TCGvI64 v1, TCGvI64 v2)
{
    gen_movcond(I64, c, H(d), H(c1), H(c2), H(v1), H(v2));
}

void tcg_gen_brcond_i64(TCGCond c, TCGvI64 a, TCGvI64 b, TCGLabel *l)
{
    gen_brcond(I64, c, H(a), H(b), l);
}

void tcg_gen_brcondi_i64(TCGCond c, TCGvI64 a, int64_t b, TCGLabel *l)
{
    gen_brcond(I64, c, H(a), C64(b), l);
}

/* ---- host memory ---- */

static void gen_ld(TCGOpcode opc, TCGType t, TCGArg d, TCGArg base,
                   intptr_t off)
{
    TCGArg args[3] = { d, base, (TCGArg)off };

    tcg_emit_op(opc, t, 1, 1, 1, args);
}

static void gen_st(TCGOpcode opc, TCGType t, TCGArg v, TCGArg base,
                   intptr_t off)
{
    TCGArg args[3] = { v, base, (TCGArg)off };

    tcg_emit_op(opc, t, 0, 2, 1, args);
}

#define GEN_LD(name, opc, T, t)                                             \
    void tcg_gen_##name(T d, TCGvPtr base, intptr_t offset)                 \
    {                                                                       \
        gen_ld(opc, t, H(d), H(base), offset);                              \
    }
#define GEN_ST(name, opc, T, t)                                             \
    void tcg_gen_##name(T v, TCGvPtr base, intptr_t offset)                 \
    {                                                                       \
        gen_st(opc, t, H(v), H(base), offset);                              \
    }

GEN_LD(ld8u_i32, INDEX_op_ld8u, TCGvI32, I32)
GEN_LD(ld8s_i32, INDEX_op_ld8s, TCGvI32, I32)
GEN_LD(ld16u_i32, INDEX_op_ld16u, TCGvI32, I32)
GEN_LD(ld16s_i32, INDEX_op_ld16s, TCGvI32, I32)
GEN_LD(ld_i32, INDEX_op_ld, TCGvI32, I32)
GEN_ST(st8_i32, INDEX_op_st8, TCGvI32, I32)
GEN_ST(st16_i32, INDEX_op_st16, TCGvI32, I32)
GEN_ST(st_i32, INDEX_op_st, TCGvI32, I32)
GEN_LD(ld8u_i64, INDEX_op_ld8u, TCGvI64, I64)
GEN_LD(ld8s_i64, INDEX_op_ld8s, TCGvI64, I64)
GEN_LD(ld16u_i64, INDEX_op_ld16u, TCGvI64, I64)
GEN_LD(ld16s_i64, INDEX_op_ld16s, TCGvI64, I64)
GEN_LD(ld32u_i64, INDEX_op_ld32u, TCGvI64, I64)
GEN_LD(ld32s_i64, INDEX_op_ld32s, TCGvI64, I64)
GEN_LD(ld_i64, INDEX_op_ld, TCGvI64, I64)
GEN_LD(ld_ptr, INDEX_op_ld, TCGvPtr, TCG_TYPE_PTR)
GEN_ST(st8_i64, INDEX_op_st8, TCGvI64, I64)
GEN_ST(st16_i64, INDEX_op_st16, TCGvI64, I64)
GEN_ST(st32_i64, INDEX_op_st32, TCGvI64, I64)
GEN_ST(st_i64, INDEX_op_st, TCGvI64, I64)

/* ---- guest memory ---- */

/*
 * System mode: a call to the soft-MMU helper (accel/tcg/cputlb.c) instead
 * of the guest_ld/st op, so every back end runs it unchanged. The value
 * travels as i64; i32 loads take its low half (sign or zero extension to
 * 64 bits is done by the helper per MemOp, so the low half is right).
 */
static void gen_guest_softmmu(TCGOpcode opc, TCGType t, TCGArg v,
                              TCGArg addr, int mmu_idx, MemOp mop)
{
    /* every temp first: creating one may move tcg_ctx->temps */
    TCGvI32 oi = tcg_constant_i32((int32_t)TCG_MEMOP_IDX(mop, mmu_idx));
    TCGArg wide = t == I32 ? H(tcg_temp_new_i64()) : v;
    TCGTemp *temps = tcg_ctx->temps;
    TCGTemp *env = tcgv_ptr_temp(tcg_ctx->env);

    if (opc == INDEX_op_guest_ld) {
        TCGTemp *args[3] = { env, &temps[addr], tcgv_i32_temp(oi) };

        tcg_gen_call(&tcg_helper_info_ld_mmu, &temps[wide], args);
        if (t == I32) {
            gen2(INDEX_op_extrl_i64_i32, I32, v, wide);
        }
    } else {
        TCGTemp *args[4] = { env, &temps[addr], &temps[wide],
                             tcgv_i32_temp(oi) };

        if (t == I32) {
            gen2(INDEX_op_extu_i32_i64, I64, wide, v);
        }
        tcg_gen_call(&tcg_helper_info_st_mmu, NULL, args);
    }
}

static void gen_guest(TCGOpcode opc, TCGType t, TCGArg v, TCGArg addr,
                      int mmu_idx, MemOp mop)
{
    TCGArg args[4] = { v, addr, (TCGArg)mop, (TCGArg)mmu_idx };

    if (t == I32 && (mop & MO_SIZE) == MO_64) {
        fatal_internal("tcg: 64-bit guest access into an i32");
    }
    if (tcg_system_mode) {
        gen_guest_softmmu(opc, t, v, addr, mmu_idx, mop);
        return;
    }
    if (opc == INDEX_op_guest_ld) {
        tcg_emit_op(opc, t, 1, 1, 2, args);
    } else {
        tcg_emit_op(opc, t, 0, 2, 2, args);
    }
}

void tcg_gen_guest_ld_i32(TCGvI32 d, TCGvI64 addr, int mmu_idx, MemOp mop)
{
    gen_guest(INDEX_op_guest_ld, I32, H(d), H(addr), mmu_idx, mop);
}

void tcg_gen_guest_st_i32(TCGvI32 v, TCGvI64 addr, int mmu_idx, MemOp mop)
{
    gen_guest(INDEX_op_guest_st, I32, H(v), H(addr), mmu_idx, mop);
}

void tcg_gen_guest_ld_i64(TCGvI64 d, TCGvI64 addr, int mmu_idx, MemOp mop)
{
    gen_guest(INDEX_op_guest_ld, I64, H(d), H(addr), mmu_idx, mop);
}

void tcg_gen_guest_st_i64(TCGvI64 v, TCGvI64 addr, int mmu_idx, MemOp mop)
{
    gen_guest(INDEX_op_guest_st, I64, H(v), H(addr), mmu_idx, mop);
}

void tcg_gen_discard_i32(TCGvI32 t)
{
    TCGArg a = H(t);

    tcg_emit_op(INDEX_op_discard, I32, 1, 0, 0, &a);
}

void tcg_gen_discard_i64(TCGvI64 t)
{
    TCGArg a = H(t);

    tcg_emit_op(INDEX_op_discard, I64, 1, 0, 0, &a);
}

/* ---- width changes ---- */

void tcg_gen_ext_i32_i64(TCGvI64 d, TCGvI32 s)
{
    gen2(INDEX_op_ext_i32_i64, I64, H(d), H(s));
}

void tcg_gen_extu_i32_i64(TCGvI64 d, TCGvI32 s)
{
    gen2(INDEX_op_extu_i32_i64, I64, H(d), H(s));
}

void tcg_gen_extrl_i64_i32(TCGvI32 d, TCGvI64 s)
{
    gen2(INDEX_op_extrl_i64_i32, I32, H(d), H(s));
}

void tcg_gen_extrh_i64_i32(TCGvI32 d, TCGvI64 s)
{
    gen2(INDEX_op_extrh_i64_i32, I32, H(d), H(s));
}

/* ---- pointers ---- */

void tcg_gen_mov_ptr(TCGvPtr d, TCGvPtr s)
{
    if (d != s) {
        gen2(INDEX_op_mov, TCG_TYPE_PTR, H(d), H(s));
    }
}

void tcg_gen_addi_ptr(TCGvPtr d, TCGvPtr a, intptr_t b)
{
    gen3(INDEX_op_add, TCG_TYPE_PTR, H(d), H(a), C64(b));
}

/* ---- control ---- */

void tcg_gen_br(TCGLabel *l)
{
    TCGArg a = (TCGArg)l->id;

    tcg_emit_op(INDEX_op_br, I64, 0, 0, 1, &a);
}

void gen_set_label(TCGLabel *l)
{
    TCGArg a = (TCGArg)l->id;

    l->present = true;
    tcg_emit_op(INDEX_op_set_label, I64, 0, 0, 1, &a);
}

void tcg_gen_insn_start(uint64_t pc, uint64_t extra)
{
    TCGArg args[2] = { pc, extra };

    tcg_emit_op(INDEX_op_insn_start, I64, 0, 0, 2, args);
}

void tcg_gen_mb(unsigned tcg_mo_mask)
{
    TCGArg a = tcg_mo_mask;

    tcg_emit_op(INDEX_op_mb, I64, 0, 0, 1, &a);
}

void tcg_gen_goto_tb(unsigned n)
{
    TCGArg a = n;

    if (n > 1) {
        fatal_internal("tcg: goto_tb slot %u", n);
    }
    tcg_emit_op(INDEX_op_goto_tb, I64, 0, 0, 1, &a);
}

void tcg_gen_exit_tb(const TranslationBlock *tb, unsigned n)
{
    TCGArg a = tb ? ((TCGArg)(uintptr_t)tb | (n & 1)) : 0;

    tcg_emit_op(INDEX_op_exit_tb, I64, 0, 0, 1, &a);
}

void tcg_gen_lookup_and_goto_ptr(void)
{
    TCGvPtr p = tcg_temp_new_ptr();
    TCGTemp *args[1] = { tcgv_ptr_temp(tcg_ctx->env) };
    TCGArg a;

    tcg_gen_call(&tcg_helper_info_lookup_tb_ptr, tcgv_ptr_temp(p), args);
    a = H(p);
    tcg_emit_op(INDEX_op_goto_ptr, I64, 0, 1, 0, &a);
}

void tcg_gen_lookup_and_goto_ptr_key(TCGvI64 pc, uint32_t flags)
{
    TCGArg a[2];

    /*
     * System mode: a hit must also check the code page mapping (the
     * helper does). -d exec: every TB entry goes through the loop, which
     * logs it. Both are fixed for the process, so decided here.
     */
    if (tcg_system_mode || (tcg_log_mask & TCG_LOG_EXEC) ||
        (tcg_ctx->tb->cflags & CF_NO_CHAIN)) {
        /* a CF_NO_CHAIN TB's cflags are not the vCPU's: the helper
         * looks the next TB up under the right ones */
        tcg_gen_lookup_and_goto_ptr();
        return;
    }
    a[0] = H(pc);
    a[1] = (TCGArg)flags | (TCGArg)tcg_ctx->tb->cflags << 32;
    tcg_emit_op(INDEX_op_lookup_goto_ptr, I64, 0, 1, 1, a);
}

void tcg_gen_call(const TCGHelperInfo *info, TCGTemp *ret, TCGTemp **args)
{
    TCGArg a[TCG_MAX_OP_ARGS];
    unsigned n = 0, i;

    if (info->nb_args > 6) {
        fatal_internal("tcg: helper %s has %u args (max 6)", info->name,
                       info->nb_args);
    }
    if (ret) {
        a[n++] = tcg_temp_index(ret);
    }
    for (i = 0; i < info->nb_args; i++) {
        a[n++] = tcg_temp_index(args[i]);
    }
    a[n] = (TCGArg)(uintptr_t)info;
    tcg_emit_op(INDEX_op_call, I64, ret ? 1 : 0, info->nb_args, 1, a);
}
