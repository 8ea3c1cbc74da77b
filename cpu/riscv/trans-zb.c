/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Bit manipulation: Zba (address generation), Zbb (basic bit ops) and
 * Zbs (single-bit ops), RV64 forms including the .uw and W variants.
 */
#include "cpu/riscv/translate.h"

/* ---- Zba ---- */

static bool gen_shadd(const RISCVArgs *a, int shift, bool uw)
{
    TCGvI64 t = tcg_temp_new_i64();
    TCGvI64 d = riscv_dest_gpr(a->rd);

    if (uw) {
        tcg_gen_ext32u_i64(t, riscv_get_gpr(a->rs1));
        tcg_gen_shli_i64(t, t, shift);
    } else {
        tcg_gen_shli_i64(t, riscv_get_gpr(a->rs1), shift);
    }
    tcg_gen_add_i64(d, t, riscv_get_gpr(a->rs2));
    riscv_set_gpr(a->rd, d);
    return true;
}

static bool trans_sh1add(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_shadd(a, 1, false);
}

static bool trans_sh2add(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_shadd(a, 2, false);
}

static bool trans_sh3add(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_shadd(a, 3, false);
}

static bool trans_add_uw(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_shadd(a, 0, true);
}

static bool trans_sh1add_uw(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_shadd(a, 1, true);
}

static bool trans_sh2add_uw(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_shadd(a, 2, true);
}

static bool trans_sh3add_uw(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_shadd(a, 3, true);
}

static bool trans_slli_uw(DisasContext *ctx, const RISCVArgs *a)
{
    TCGvI64 d = riscv_dest_gpr(a->rd);

    tcg_gen_ext32u_i64(d, riscv_get_gpr(a->rs1));
    tcg_gen_shli_i64(d, d, a->imm);
    riscv_set_gpr(a->rd, d);
    return true;
}

/* ---- Zbb ---- */

typedef void (*GenRRR)(TCGvI64 d, TCGvI64 a, TCGvI64 b);
typedef void (*GenRR)(TCGvI64 d, TCGvI64 a);

static bool gen_rrr(const RISCVArgs *a, GenRRR fn)
{
    TCGvI64 d = riscv_dest_gpr(a->rd);

    fn(d, riscv_get_gpr(a->rs1), riscv_get_gpr(a->rs2));
    riscv_set_gpr(a->rd, d);
    return true;
}

static bool gen_rr(const RISCVArgs *a, GenRR fn)
{
    TCGvI64 d = riscv_dest_gpr(a->rd);

    fn(d, riscv_get_gpr(a->rs1));
    riscv_set_gpr(a->rd, d);
    return true;
}

static bool trans_andn(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_rrr(a, tcg_gen_andc_i64);
}

static bool trans_orn(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_rrr(a, tcg_gen_orc_i64);
}

static bool trans_xnor(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_rrr(a, tcg_gen_eqv_i64);
}

static bool trans_clz(DisasContext *ctx, const RISCVArgs *a)
{
    TCGvI64 d = riscv_dest_gpr(a->rd);

    tcg_gen_clz_i64(d, riscv_get_gpr(a->rs1), tcg_constant_i64(64));
    riscv_set_gpr(a->rd, d);
    return true;
}

static bool trans_ctz(DisasContext *ctx, const RISCVArgs *a)
{
    TCGvI64 d = riscv_dest_gpr(a->rd);

    tcg_gen_ctz_i64(d, riscv_get_gpr(a->rs1), tcg_constant_i64(64));
    riscv_set_gpr(a->rd, d);
    return true;
}

static bool trans_cpop(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_rr(a, tcg_gen_ctpop_i64);
}

/* clzw/ctzw: on the low word, 32 for a zero word. */
static bool gen_count_w(const RISCVArgs *a, bool leading)
{
    TCGvI32 x = tcg_temp_new_i32();
    TCGvI64 d = riscv_dest_gpr(a->rd);

    tcg_gen_extrl_i64_i32(x, riscv_get_gpr(a->rs1));
    if (leading) {
        tcg_gen_clz_i32(x, x, tcg_constant_i32(32));
    } else {
        tcg_gen_ctz_i32(x, x, tcg_constant_i32(32));
    }
    tcg_gen_extu_i32_i64(d, x);
    riscv_set_gpr(a->rd, d);
    return true;
}

static bool trans_clzw(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_count_w(a, true);
}

static bool trans_ctzw(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_count_w(a, false);
}

static bool trans_cpopw(DisasContext *ctx, const RISCVArgs *a)
{
    TCGvI64 d = riscv_dest_gpr(a->rd);

    tcg_gen_ext32u_i64(d, riscv_get_gpr(a->rs1));
    tcg_gen_ctpop_i64(d, d);
    riscv_set_gpr(a->rd, d);
    return true;
}

static bool gen_minmax(const RISCVArgs *a, TCGCond cond)
{
    TCGvI64 x = riscv_get_gpr(a->rs1), y = riscv_get_gpr(a->rs2);
    TCGvI64 d = riscv_dest_gpr(a->rd);

    tcg_gen_movcond_i64(cond, d, x, y, x, y);
    riscv_set_gpr(a->rd, d);
    return true;
}

static bool trans_max(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_minmax(a, TCG_COND_GT);
}

static bool trans_maxu(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_minmax(a, TCG_COND_GTU);
}

static bool trans_min(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_minmax(a, TCG_COND_LT);
}

static bool trans_minu(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_minmax(a, TCG_COND_LTU);
}

static bool trans_sext_b(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_rr(a, tcg_gen_ext8s_i64);
}

static bool trans_sext_h(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_rr(a, tcg_gen_ext16s_i64);
}

static bool trans_zext_h(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_rr(a, tcg_gen_ext16u_i64);
}

static bool trans_rev8(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_rr(a, tcg_gen_bswap64_i64);
}

/*
 * orc.b: a byte becomes 0xff if nonzero. Adding 0x7f to each byte's low
 * seven bits carries into bit 7 (never beyond) when they are nonzero;
 * or-ing the byte itself covers bit 7; then bit 7 of each byte times
 * 0xff fills the byte.
 */
static bool trans_orc_b(DisasContext *ctx, const RISCVArgs *a)
{
    const int64_t low7 = 0x7f7f7f7f7f7f7f7fll;
    TCGvI64 x = riscv_get_gpr(a->rs1);
    TCGvI64 t = tcg_temp_new_i64();
    TCGvI64 d = riscv_dest_gpr(a->rd);

    tcg_gen_andi_i64(t, x, low7);
    tcg_gen_addi_i64(t, t, low7);
    tcg_gen_or_i64(t, t, x);
    tcg_gen_shri_i64(t, t, 7);
    tcg_gen_andi_i64(t, t, 0x0101010101010101ll);
    tcg_gen_muli_i64(d, t, 0xff);
    riscv_set_gpr(a->rd, d);
    return true;
}

/* Rotates: counts are masked here, not left to the IR. */
static bool gen_rotate(const RISCVArgs *a, bool left)
{
    TCGvI64 n = tcg_temp_new_i64();
    TCGvI64 d;

    tcg_gen_andi_i64(n, riscv_get_gpr(a->rs2), 63);
    d = riscv_dest_gpr(a->rd);
    if (left) {
        tcg_gen_rotl_i64(d, riscv_get_gpr(a->rs1), n);
    } else {
        tcg_gen_rotr_i64(d, riscv_get_gpr(a->rs1), n);
    }
    riscv_set_gpr(a->rd, d);
    return true;
}

static bool gen_rotate_w(const RISCVArgs *a, bool left)
{
    TCGvI32 x = tcg_temp_new_i32(), n = tcg_temp_new_i32();
    TCGvI64 d = riscv_dest_gpr(a->rd);

    tcg_gen_extrl_i64_i32(x, riscv_get_gpr(a->rs1));
    tcg_gen_extrl_i64_i32(n, riscv_get_gpr(a->rs2));
    tcg_gen_andi_i32(n, n, 31);
    if (left) {
        tcg_gen_rotl_i32(x, x, n);
    } else {
        tcg_gen_rotr_i32(x, x, n);
    }
    tcg_gen_ext_i32_i64(d, x);
    riscv_set_gpr(a->rd, d);
    return true;
}

static bool trans_rol(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_rotate(a, true);
}

static bool trans_ror(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_rotate(a, false);
}

static bool trans_rolw(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_rotate_w(a, true);
}

static bool trans_rorw(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_rotate_w(a, false);
}

static bool trans_rori(DisasContext *ctx, const RISCVArgs *a)
{
    TCGvI64 d = riscv_dest_gpr(a->rd);

    tcg_gen_rotri_i64(d, riscv_get_gpr(a->rs1), a->imm);
    riscv_set_gpr(a->rd, d);
    return true;
}

static bool trans_roriw(DisasContext *ctx, const RISCVArgs *a)
{
    TCGvI32 x = tcg_temp_new_i32();
    TCGvI64 d = riscv_dest_gpr(a->rd);

    tcg_gen_extrl_i64_i32(x, riscv_get_gpr(a->rs1));
    tcg_gen_rotri_i32(x, x, (int32_t)a->imm);
    tcg_gen_ext_i32_i64(d, x);
    riscv_set_gpr(a->rd, d);
    return true;
}

/* ---- Zbs ---- */

typedef enum { BIT_CLR, BIT_EXT, BIT_INV, BIT_SET } BitOp;

static void gen_bit(const RISCVArgs *a, BitOp op, TCGvI64 index)
{
    TCGvI64 x = riscv_get_gpr(a->rs1);
    TCGvI64 mask = tcg_temp_new_i64();
    TCGvI64 d;

    tcg_gen_andi_i64(mask, index, 63);
    d = riscv_dest_gpr(a->rd);
    if (op == BIT_EXT) {
        tcg_gen_shr_i64(d, x, mask);
        tcg_gen_andi_i64(d, d, 1);
    } else {
        tcg_gen_shl_i64(mask, tcg_constant_i64(1), mask);
        if (op == BIT_CLR) {
            tcg_gen_andc_i64(d, x, mask);
        } else if (op == BIT_INV) {
            tcg_gen_xor_i64(d, x, mask);
        } else {
            tcg_gen_or_i64(d, x, mask);
        }
    }
    riscv_set_gpr(a->rd, d);
}

static bool gen_bit_reg(const RISCVArgs *a, BitOp op)
{
    gen_bit(a, op, riscv_get_gpr(a->rs2));
    return true;
}

static bool gen_bit_imm(const RISCVArgs *a, BitOp op)
{
    gen_bit(a, op, tcg_constant_i64(a->imm));
    return true;
}

static bool trans_bclr(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_bit_reg(a, BIT_CLR);
}

static bool trans_bext(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_bit_reg(a, BIT_EXT);
}

static bool trans_binv(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_bit_reg(a, BIT_INV);
}

static bool trans_bset(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_bit_reg(a, BIT_SET);
}

static bool trans_bclri(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_bit_imm(a, BIT_CLR);
}

static bool trans_bexti(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_bit_imm(a, BIT_EXT);
}

static bool trans_binvi(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_bit_imm(a, BIT_INV);
}

static bool trans_bseti(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_bit_imm(a, BIT_SET);
}

/* Unary Zbb ops: funct12 in the immediate field selects the operation. */
#define F12(x) ((uint32_t)(x) << 20)
#define M_F12 (M_F3 | F12(0xfff))
#define M_F7RS2 (M_F7 | (0x1fu << 20))

static const RISCVInsnDef zb_defs[] = {
    /* Zba */
    { M_F7, OPC(0x33) | F3(2) | F7(0x10), RISCV_FMT_R, trans_sh1add },
    { M_F7, OPC(0x33) | F3(4) | F7(0x10), RISCV_FMT_R, trans_sh2add },
    { M_F7, OPC(0x33) | F3(6) | F7(0x10), RISCV_FMT_R, trans_sh3add },
    { M_F7, OPC(0x3b) | F3(0) | F7(0x04), RISCV_FMT_R, trans_add_uw },
    { M_F7, OPC(0x3b) | F3(2) | F7(0x10), RISCV_FMT_R, trans_sh1add_uw },
    { M_F7, OPC(0x3b) | F3(4) | F7(0x10), RISCV_FMT_R, trans_sh2add_uw },
    { M_F7, OPC(0x3b) | F3(6) | F7(0x10), RISCV_FMT_R, trans_sh3add_uw },
    { M_F6, OPC(0x1b) | F3(1) | F6(0x02), RISCV_FMT_SHAMT, trans_slli_uw },
    /* Zbb */
    { M_F7, OPC(0x33) | F3(7) | F7(0x20), RISCV_FMT_R, trans_andn },
    { M_F7, OPC(0x33) | F3(6) | F7(0x20), RISCV_FMT_R, trans_orn },
    { M_F7, OPC(0x33) | F3(4) | F7(0x20), RISCV_FMT_R, trans_xnor },
    { M_F12, OPC(0x13) | F3(1) | F12(0x600), RISCV_FMT_R, trans_clz },
    { M_F12, OPC(0x13) | F3(1) | F12(0x601), RISCV_FMT_R, trans_ctz },
    { M_F12, OPC(0x13) | F3(1) | F12(0x602), RISCV_FMT_R, trans_cpop },
    { M_F12, OPC(0x13) | F3(1) | F12(0x604), RISCV_FMT_R, trans_sext_b },
    { M_F12, OPC(0x13) | F3(1) | F12(0x605), RISCV_FMT_R, trans_sext_h },
    { M_F12, OPC(0x1b) | F3(1) | F12(0x600), RISCV_FMT_R, trans_clzw },
    { M_F12, OPC(0x1b) | F3(1) | F12(0x601), RISCV_FMT_R, trans_ctzw },
    { M_F12, OPC(0x1b) | F3(1) | F12(0x602), RISCV_FMT_R, trans_cpopw },
    { M_F7, OPC(0x33) | F3(6) | F7(0x05), RISCV_FMT_R, trans_max },
    { M_F7, OPC(0x33) | F3(7) | F7(0x05), RISCV_FMT_R, trans_maxu },
    { M_F7, OPC(0x33) | F3(4) | F7(0x05), RISCV_FMT_R, trans_min },
    { M_F7, OPC(0x33) | F3(5) | F7(0x05), RISCV_FMT_R, trans_minu },
    { M_F7RS2, OPC(0x3b) | F3(4) | F7(0x04), RISCV_FMT_R, trans_zext_h },
    { M_F7, OPC(0x33) | F3(1) | F7(0x30), RISCV_FMT_R, trans_rol },
    { M_F7, OPC(0x33) | F3(5) | F7(0x30), RISCV_FMT_R, trans_ror },
    { M_F7, OPC(0x3b) | F3(1) | F7(0x30), RISCV_FMT_R, trans_rolw },
    { M_F7, OPC(0x3b) | F3(5) | F7(0x30), RISCV_FMT_R, trans_rorw },
    { M_F6, OPC(0x13) | F3(5) | F6(0x18), RISCV_FMT_SHAMT, trans_rori },
    { M_F7, OPC(0x1b) | F3(5) | F7(0x30), RISCV_FMT_SHAMT, trans_roriw },
    { M_F12, OPC(0x13) | F3(5) | F12(0x287), RISCV_FMT_R, trans_orc_b },
    { M_F12, OPC(0x13) | F3(5) | F12(0x6b8), RISCV_FMT_R, trans_rev8 },
    /* Zbs */
    { M_F7, OPC(0x33) | F3(1) | F7(0x24), RISCV_FMT_R, trans_bclr },
    { M_F7, OPC(0x33) | F3(5) | F7(0x24), RISCV_FMT_R, trans_bext },
    { M_F7, OPC(0x33) | F3(1) | F7(0x34), RISCV_FMT_R, trans_binv },
    { M_F7, OPC(0x33) | F3(1) | F7(0x14), RISCV_FMT_R, trans_bset },
    { M_F6, OPC(0x13) | F3(1) | F6(0x12), RISCV_FMT_SHAMT, trans_bclri },
    { M_F6, OPC(0x13) | F3(5) | F6(0x12), RISCV_FMT_SHAMT, trans_bexti },
    { M_F6, OPC(0x13) | F3(1) | F6(0x1a), RISCV_FMT_SHAMT, trans_binvi },
    { M_F6, OPC(0x13) | F3(1) | F6(0x0a), RISCV_FMT_SHAMT, trans_bseti },
};

const RISCVInsnTable riscv_zb_table = RISCV_INSN_TABLE("zba-zbb-zbs", zb_defs);
