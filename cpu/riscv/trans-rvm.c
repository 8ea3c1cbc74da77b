/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * RV64M: multiply and divide. The IR's div/rem are undefined for a zero
 * divisor and for signed overflow, so the ISA's results for those cases
 * (quotient all ones, remainder the dividend; INT_MIN / -1 = INT_MIN with
 * remainder 0) are selected in IR around a divisor made safe first.
 */
#include "cpu/riscv/translate.h"

typedef enum { DIV_Q, DIV_R } DivPart;

/*
 * Signed a / b or a % b on 64 bits. The divisor becomes 1 when it is 0
 * or when a = INT64_MIN and b = -1; dividing by 1 already gives the
 * overflow case's result (INT64_MIN, remainder 0), and the zero case is
 * patched afterwards.
 */
static void gen_div_signed(TCGvI64 d, TCGvI64 a, TCGvI64 b, DivPart part)
{
    TCGvI64 ovf = tcg_temp_new_i64(), t = tcg_temp_new_i64();
    TCGvI64 safe = tcg_temp_new_i64(), r = tcg_temp_new_i64();

    tcg_gen_setcondi_i64(TCG_COND_EQ, ovf, a, INT64_MIN);
    tcg_gen_setcondi_i64(TCG_COND_EQ, t, b, -1);
    tcg_gen_and_i64(ovf, ovf, t);
    tcg_gen_setcondi_i64(TCG_COND_EQ, t, b, 0);
    tcg_gen_or_i64(ovf, ovf, t);
    tcg_gen_movcond_i64(TCG_COND_NE, safe, ovf, tcg_constant_i64(0),
                        tcg_constant_i64(1), b);
    if (part == DIV_Q) {
        tcg_gen_div_i64(r, a, safe);
        tcg_gen_movcond_i64(TCG_COND_EQ, d, b, tcg_constant_i64(0),
                            tcg_constant_i64(-1), r);
    } else {
        tcg_gen_rem_i64(r, a, safe);
        tcg_gen_movcond_i64(TCG_COND_EQ, d, b, tcg_constant_i64(0), a, r);
    }
}

static void gen_div_unsigned(TCGvI64 d, TCGvI64 a, TCGvI64 b, DivPart part)
{
    TCGvI64 zero = tcg_constant_i64(0);
    TCGvI64 safe = tcg_temp_new_i64(), r = tcg_temp_new_i64();

    tcg_gen_movcond_i64(TCG_COND_EQ, safe, b, zero, tcg_constant_i64(1), b);
    if (part == DIV_Q) {
        tcg_gen_divu_i64(r, a, safe);
        tcg_gen_movcond_i64(TCG_COND_EQ, d, b, zero, tcg_constant_i64(-1), r);
    } else {
        tcg_gen_remu_i64(r, a, safe);
        tcg_gen_movcond_i64(TCG_COND_EQ, d, b, zero, a, r);
    }
}

static bool gen_div(const RISCVArgs *a, bool is_signed, DivPart part)
{
    TCGvI64 d = tcg_temp_new_i64();

    if (is_signed) {
        gen_div_signed(d, riscv_get_gpr(a->rs1), riscv_get_gpr(a->rs2), part);
    } else {
        gen_div_unsigned(d, riscv_get_gpr(a->rs1), riscv_get_gpr(a->rs2), part);
    }
    riscv_set_gpr(a->rd, d);
    return true;
}

/*
 * W forms: divide the 32-bit operands extended to 64 bits (sign- or
 * zero-), then sign-extend the low half. INT32_MIN / -1 cannot overflow
 * in 64 bits and truncates to INT32_MIN, as the ISA wants; the zero
 * divisor results truncate to all ones and to the dividend.
 */
static bool gen_div_w(const RISCVArgs *a, bool is_signed, DivPart part)
{
    TCGvI64 x = tcg_temp_new_i64(), y = tcg_temp_new_i64();
    TCGvI64 d = tcg_temp_new_i64();

    if (is_signed) {
        tcg_gen_ext32s_i64(x, riscv_get_gpr(a->rs1));
        tcg_gen_ext32s_i64(y, riscv_get_gpr(a->rs2));
        gen_div_signed(d, x, y, part);
    } else {
        tcg_gen_ext32u_i64(x, riscv_get_gpr(a->rs1));
        tcg_gen_ext32u_i64(y, riscv_get_gpr(a->rs2));
        gen_div_unsigned(d, x, y, part);
    }
    tcg_gen_ext32s_i64(d, d);
    riscv_set_gpr(a->rd, d);
    return true;
}

static bool trans_mul(DisasContext *ctx, const RISCVArgs *a)
{
    TCGvI64 d = riscv_dest_gpr(a->rd);

    tcg_gen_mul_i64(d, riscv_get_gpr(a->rs1), riscv_get_gpr(a->rs2));
    riscv_set_gpr(a->rd, d);
    return true;
}

static bool trans_mulh(DisasContext *ctx, const RISCVArgs *a)
{
    TCGvI64 d = riscv_dest_gpr(a->rd);

    tcg_gen_mulsh_i64(d, riscv_get_gpr(a->rs1), riscv_get_gpr(a->rs2));
    riscv_set_gpr(a->rd, d);
    return true;
}

static bool trans_mulhu(DisasContext *ctx, const RISCVArgs *a)
{
    TCGvI64 d = riscv_dest_gpr(a->rd);

    tcg_gen_muluh_i64(d, riscv_get_gpr(a->rs1), riscv_get_gpr(a->rs2));
    riscv_set_gpr(a->rd, d);
    return true;
}

/* Signed x unsigned: the unsigned high half, minus b when a < 0. */
static bool trans_mulhsu(DisasContext *ctx, const RISCVArgs *a)
{
    TCGvI64 x = riscv_get_gpr(a->rs1), y = riscv_get_gpr(a->rs2);
    TCGvI64 hi = tcg_temp_new_i64(), fix = tcg_temp_new_i64();
    TCGvI64 d = riscv_dest_gpr(a->rd);

    tcg_gen_muluh_i64(hi, x, y);
    tcg_gen_sari_i64(fix, x, 63);
    tcg_gen_and_i64(fix, fix, y);
    tcg_gen_sub_i64(d, hi, fix);
    riscv_set_gpr(a->rd, d);
    return true;
}

static bool trans_mulw(DisasContext *ctx, const RISCVArgs *a)
{
    TCGvI64 d = riscv_dest_gpr(a->rd);

    tcg_gen_mul_i64(d, riscv_get_gpr(a->rs1), riscv_get_gpr(a->rs2));
    tcg_gen_ext32s_i64(d, d);
    riscv_set_gpr(a->rd, d);
    return true;
}

static bool trans_div(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_div(a, true, DIV_Q);
}

static bool trans_divu(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_div(a, false, DIV_Q);
}

static bool trans_rem(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_div(a, true, DIV_R);
}

static bool trans_remu(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_div(a, false, DIV_R);
}

static bool trans_divw(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_div_w(a, true, DIV_Q);
}

static bool trans_divuw(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_div_w(a, false, DIV_Q);
}

static bool trans_remw(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_div_w(a, true, DIV_R);
}

static bool trans_remuw(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_div_w(a, false, DIV_R);
}

static const RISCVInsnDef rvm_defs[] = {
    { M_F7, OPC(0x33) | F3(0) | F7(0x01), RISCV_FMT_R, trans_mul },
    { M_F7, OPC(0x33) | F3(1) | F7(0x01), RISCV_FMT_R, trans_mulh },
    { M_F7, OPC(0x33) | F3(2) | F7(0x01), RISCV_FMT_R, trans_mulhsu },
    { M_F7, OPC(0x33) | F3(3) | F7(0x01), RISCV_FMT_R, trans_mulhu },
    { M_F7, OPC(0x33) | F3(4) | F7(0x01), RISCV_FMT_R, trans_div },
    { M_F7, OPC(0x33) | F3(5) | F7(0x01), RISCV_FMT_R, trans_divu },
    { M_F7, OPC(0x33) | F3(6) | F7(0x01), RISCV_FMT_R, trans_rem },
    { M_F7, OPC(0x33) | F3(7) | F7(0x01), RISCV_FMT_R, trans_remu },
    { M_F7, OPC(0x3b) | F3(0) | F7(0x01), RISCV_FMT_R, trans_mulw },
    { M_F7, OPC(0x3b) | F3(4) | F7(0x01), RISCV_FMT_R, trans_divw },
    { M_F7, OPC(0x3b) | F3(5) | F7(0x01), RISCV_FMT_R, trans_divuw },
    { M_F7, OPC(0x3b) | F3(6) | F7(0x01), RISCV_FMT_R, trans_remw },
    { M_F7, OPC(0x3b) | F3(7) | F7(0x01), RISCV_FMT_R, trans_remuw },
};

const RISCVInsnTable riscv_rvm_table = RISCV_INSN_TABLE("rv64m", rvm_defs);
