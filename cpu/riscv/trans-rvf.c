/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * F and D, the part that moves bits without computing: loads, stores,
 * moves between integer and FP registers and the sign injections. They
 * are what glibc's setjmp/longjmp, context switches and calling
 * conventions need. Arithmetic, comparisons, conversions and classify
 * are not implemented yet and decode as illegal instructions.
 *
 * Singles live NaN-boxed in the 64-bit registers: the upper 32 bits all
 * ones. An operand that is not properly boxed reads as the canonical
 * NaN (0x7fc00000).
 */
#include "cpu/riscv/translate.h"

#define NANBOX_MASK ((int64_t)0xffffffff00000000ull)

/* d = the single in register f, or the canonical NaN if not boxed. */
static void gen_unbox_s(TCGvI64 d, int f)
{
    tcg_gen_movcond_i64(TCG_COND_GEU, d, cpu_fpr[f],
                        tcg_constant_i64(NANBOX_MASK), cpu_fpr[f],
                        tcg_constant_i64(NANBOX_MASK | 0x7fc00000));
}

static bool trans_flw(DisasContext *ctx, const RISCVArgs *a)
{
    TCGvI64 addr = tcg_temp_new_i64(), v = tcg_temp_new_i64();

    tcg_gen_addi_i64(addr, riscv_get_gpr(a->rs1), a->imm);
    tcg_gen_guest_ld_i64(v, addr, 0, MO_UL);
    tcg_gen_ori_i64(cpu_fpr[a->rd], v, NANBOX_MASK);
    return true;
}

bool riscv_trans_fld(DisasContext *ctx, const RISCVArgs *a)
{
    TCGvI64 addr = tcg_temp_new_i64();

    tcg_gen_addi_i64(addr, riscv_get_gpr(a->rs1), a->imm);
    tcg_gen_guest_ld_i64(cpu_fpr[a->rd], addr, 0, MO_UQ);
    return true;
}

/* FSW stores the low 32 bits whatever the boxing (the ISA says so). */
static bool trans_fsw(DisasContext *ctx, const RISCVArgs *a)
{
    TCGvI64 addr = tcg_temp_new_i64();

    tcg_gen_addi_i64(addr, riscv_get_gpr(a->rs1), a->imm);
    tcg_gen_guest_st_i64(cpu_fpr[a->rs2], addr, 0, MO_32);
    return true;
}

bool riscv_trans_fsd(DisasContext *ctx, const RISCVArgs *a)
{
    TCGvI64 addr = tcg_temp_new_i64();

    tcg_gen_addi_i64(addr, riscv_get_gpr(a->rs1), a->imm);
    tcg_gen_guest_st_i64(cpu_fpr[a->rs2], addr, 0, MO_64);
    return true;
}

static bool trans_fmv_x_w(DisasContext *ctx, const RISCVArgs *a)
{
    TCGvI64 d = riscv_dest_gpr(a->rd);

    tcg_gen_ext32s_i64(d, cpu_fpr[a->rs1]);
    riscv_set_gpr(a->rd, d);
    return true;
}

static bool trans_fmv_w_x(DisasContext *ctx, const RISCVArgs *a)
{
    tcg_gen_ori_i64(cpu_fpr[a->rd], riscv_get_gpr(a->rs1), NANBOX_MASK);
    return true;
}

static bool trans_fmv_x_d(DisasContext *ctx, const RISCVArgs *a)
{
    riscv_set_gpr(a->rd, cpu_fpr[a->rs1]);
    return true;
}

static bool trans_fmv_d_x(DisasContext *ctx, const RISCVArgs *a)
{
    tcg_gen_mov_i64(cpu_fpr[a->rd], riscv_get_gpr(a->rs1));
    return true;
}

typedef enum { SGNJ, SGNJN, SGNJX } SignOp;

/* The magnitude of rs1 with a sign from rs2 (as is, inverted, or xor). */
static void gen_fsgnj(TCGvI64 d, TCGvI64 x, TCGvI64 y, SignOp op,
                      int64_t sign)
{
    TCGvI64 s = tcg_temp_new_i64();

    if (op == SGNJX) {
        tcg_gen_andi_i64(s, y, sign);
        tcg_gen_xor_i64(d, x, s);
        return;
    }
    if (op == SGNJN) {
        tcg_gen_not_i64(s, y);
        tcg_gen_andi_i64(s, s, sign);
    } else {
        tcg_gen_andi_i64(s, y, sign);
    }
    tcg_gen_andi_i64(d, x, ~sign);
    tcg_gen_or_i64(d, d, s);
}

static bool gen_fsgnj_s(const RISCVArgs *a, SignOp op)
{
    TCGvI64 x = tcg_temp_new_i64(), y = tcg_temp_new_i64();

    gen_unbox_s(x, a->rs1);
    gen_unbox_s(y, a->rs2);
    gen_fsgnj(x, x, y, op, 0x80000000ll);
    tcg_gen_ori_i64(cpu_fpr[a->rd], x, NANBOX_MASK);
    return true;
}

static bool gen_fsgnj_d(const RISCVArgs *a, SignOp op)
{
    TCGvI64 d = tcg_temp_new_i64();

    gen_fsgnj(d, cpu_fpr[a->rs1], cpu_fpr[a->rs2], op, INT64_MIN);
    tcg_gen_mov_i64(cpu_fpr[a->rd], d);
    return true;
}

static bool trans_fsgnj_s(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_fsgnj_s(a, SGNJ);
}

static bool trans_fsgnjn_s(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_fsgnj_s(a, SGNJN);
}

static bool trans_fsgnjx_s(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_fsgnj_s(a, SGNJX);
}

static bool trans_fsgnj_d(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_fsgnj_d(a, SGNJ);
}

static bool trans_fsgnjn_d(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_fsgnj_d(a, SGNJN);
}

static bool trans_fsgnjx_d(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_fsgnj_d(a, SGNJX);
}

#define M_F7RS2 (M_F7 | (0x1fu << 20))

static const RISCVInsnDef rvf_defs[] = {
    { M_F3, OPC(0x07) | F3(2), RISCV_FMT_I, trans_flw },
    { M_F3, OPC(0x07) | F3(3), RISCV_FMT_I, riscv_trans_fld },
    { M_F3, OPC(0x27) | F3(2), RISCV_FMT_S, trans_fsw },
    { M_F3, OPC(0x27) | F3(3), RISCV_FMT_S, riscv_trans_fsd },
    { M_F7RS2, OPC(0x53) | F3(0) | F7(0x70), RISCV_FMT_R, trans_fmv_x_w },
    { M_F7RS2, OPC(0x53) | F3(0) | F7(0x78), RISCV_FMT_R, trans_fmv_w_x },
    { M_F7RS2, OPC(0x53) | F3(0) | F7(0x71), RISCV_FMT_R, trans_fmv_x_d },
    { M_F7RS2, OPC(0x53) | F3(0) | F7(0x79), RISCV_FMT_R, trans_fmv_d_x },
    { M_F7, OPC(0x53) | F3(0) | F7(0x10), RISCV_FMT_R, trans_fsgnj_s },
    { M_F7, OPC(0x53) | F3(1) | F7(0x10), RISCV_FMT_R, trans_fsgnjn_s },
    { M_F7, OPC(0x53) | F3(2) | F7(0x10), RISCV_FMT_R, trans_fsgnjx_s },
    { M_F7, OPC(0x53) | F3(0) | F7(0x11), RISCV_FMT_R, trans_fsgnj_d },
    { M_F7, OPC(0x53) | F3(1) | F7(0x11), RISCV_FMT_R, trans_fsgnjn_d },
    { M_F7, OPC(0x53) | F3(2) | F7(0x11), RISCV_FMT_R, trans_fsgnjx_d },
};

const RISCVInsnTable riscv_rvf_table = RISCV_INSN_TABLE("rv64fd-moves", rvf_defs);
