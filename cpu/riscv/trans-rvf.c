/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * F and D. Loads, stores, moves between integer and FP registers and the
 * sign injections move bits in IR; everything that computes (arithmetic,
 * FMA, min/max, comparisons, classify, conversions) calls a helper of
 * fpu-helper.c that runs the host FPU and accrues fflags.
 *
 * Instructions with a rounding-mode field reject rm 5 and 6 here. rm 7
 * (dynamic) takes frm from the TB flags where they hold it (user mode):
 * the helper gets the instruction with that mode in its rm field, or the
 * instruction is illegal if frm is 5-7. Without it (system mode) rm 7
 * selects the helper variant that reads frm and may raise an illegal
 * instruction; every static rm the variant that cannot raise.
 *
 * Singles live NaN-boxed in the 64-bit registers: the upper 32 bits all
 * ones. An operand that is not properly boxed reads as the canonical
 * NaN (0x7fc00000).
 */
#include <stddef.h>

#include "cpu/riscv/helper.h"
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
    tcg_gen_guest_ld_i64(v, addr, ctx->mem_idx, MO_UL);
    tcg_gen_ori_i64(cpu_fpr[a->rd], v, NANBOX_MASK);
    return true;
}

bool riscv_trans_fld(DisasContext *ctx, const RISCVArgs *a)
{
    TCGvI64 addr = tcg_temp_new_i64();

    tcg_gen_addi_i64(addr, riscv_get_gpr(a->rs1), a->imm);
    tcg_gen_guest_ld_i64(cpu_fpr[a->rd], addr, ctx->mem_idx, MO_UQ);
    return true;
}

/* FSW stores the low 32 bits whatever the boxing (the ISA says so). */
static bool trans_fsw(DisasContext *ctx, const RISCVArgs *a)
{
    TCGvI64 addr = tcg_temp_new_i64();

    tcg_gen_addi_i64(addr, riscv_get_gpr(a->rs1), a->imm);
    tcg_gen_guest_st_i64(cpu_fpr[a->rs2], addr, ctx->mem_idx, MO_32);
    return true;
}

bool riscv_trans_fsd(DisasContext *ctx, const RISCVArgs *a)
{
    TCGvI64 addr = tcg_temp_new_i64();

    tcg_gen_addi_i64(addr, riscv_get_gpr(a->rs1), a->imm);
    tcg_gen_guest_st_i64(cpu_fpr[a->rs2], addr, ctx->mem_idx, MO_64);
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

/*
 * CSRRW/CSRRS/CSRRC and their immediate forms on fflags (CSR 0x001) in
 * user mode, in IR: fflags is a plain field of env there, with no FS
 * state to check or dirty, and C code saves and restores it around every
 * quiet comparison (isless, isgreater...). Returns false for anything
 * else, which the Zicsr helper then handles.
 */
bool riscv_trans_fflags_csr(DisasContext *ctx, const RISCVArgs *a)
{
    unsigned op = a->rm & 3;   /* 1 RW, 2 RS, 3 RC */
    TCGvI64 old, src, val;

    if (ctx->system || a->imm != 0x001) {
        return false;
    }
    old = tcg_temp_new_i64();
    tcg_gen_ld32u_i64(old, tcg_ctx->env, offsetof(CPURISCVState, fflags));
    if (op == 1 || a->rs1 != 0) {
        src = a->rm & 4 ? tcg_constant_i64(a->rs1) : riscv_get_gpr(a->rs1);
        val = tcg_temp_new_i64();
        if (op == 1) {
            tcg_gen_mov_i64(val, src);
        } else if (op == 2) {
            tcg_gen_or_i64(val, old, src);
        } else {
            tcg_gen_andc_i64(val, old, src);
        }
        tcg_gen_andi_i64(val, val, 0x1f);
        tcg_gen_st32_i64(val, tcg_ctx->env, offsetof(CPURISCVState, fflags));
    }
    riscv_set_gpr(a->rd, old);
    return true;
}

/* ---- computing instructions: helper calls ---- */

/*
 * ret = helper(env, s0[, s1[, s2]], insn). info: the helper's infos
 * ([0] static rm, [1] rm = 7), or a single info when has_rm is false.
 */
static bool gen_fp_call(DisasContext *ctx, const RISCVArgs *a,
                        const TCGHelperInfo *info, bool has_rm, TCGvI64 ret,
                        int nsrc, TCGvI64 s0, TCGvI64 s1, TCGvI64 s2)
{
    TCGTemp *args[5];
    uint32_t insn = ctx->insn;
    TCGvI32 insn_arg;
    int n = 0;

    if (has_rm) {
        if (a->rm == 5 || a->rm == 6) {
            return false;
        }
        if (a->rm == 7 && ctx->frm >= 0) {
            /* frm is fixed for this TB: a static rm, or illegal */
            if (ctx->frm > 4) {
                return false;
            }
            insn = (insn & ~(7u << 12)) | (uint32_t)ctx->frm << 12;
        } else if (a->rm == 7) {
            info++;
        }
        if (!(insn & (7u << 12)) && info[2].func) {
            info += 2;   /* a variant for RNE */
        }
    }
    /* Every temp before any pointer: a new temp may move them. */
    insn_arg = tcg_constant_i32((int32_t)insn);
    args[n++] = riscv_env_temp();
    args[n++] = tcgv_i64_temp(s0);
    if (nsrc > 1) {
        args[n++] = tcgv_i64_temp(s1);
    }
    if (nsrc > 2) {
        args[n++] = tcgv_i64_temp(s2);
    }
    if (info->nb_args > (unsigned)n) {
        args[n++] = tcgv_i32_temp(insn_arg);
    }
    riscv_gen_call(info, tcgv_i64_temp(ret), args);
    return true;
}

/* FP result from FP operands. */
static bool gen_fp_arith(DisasContext *ctx, const RISCVArgs *a,
                         const TCGHelperInfo *info, bool has_rm, int nsrc)
{
    return gen_fp_call(ctx, a, info, has_rm, cpu_fpr[a->rd], nsrc,
                       cpu_fpr[a->rs1], cpu_fpr[a->rs2], cpu_fpr[a->rs3]);
}

/* Integer result from FP operands. */
static bool gen_fp_to_gpr(DisasContext *ctx, const RISCVArgs *a,
                          const TCGHelperInfo *info, bool has_rm, int nsrc)
{
    TCGvI64 d = riscv_dest_gpr(a->rd);

    if (!gen_fp_call(ctx, a, info, has_rm, d, nsrc, cpu_fpr[a->rs1],
                     cpu_fpr[a->rs2], NULL)) {
        return false;
    }
    riscv_set_gpr(a->rd, d);
    return true;
}

#define TRANS_FP(name, info, has_rm, nsrc)                                  \
static bool trans_##name(DisasContext *ctx, const RISCVArgs *a)             \
{                                                                           \
    return gen_fp_arith(ctx, a, info, has_rm, nsrc);                        \
}
#define TRANS_FP_X(name, info, has_rm, nsrc)                                \
static bool trans_##name(DisasContext *ctx, const RISCVArgs *a)             \
{                                                                           \
    return gen_fp_to_gpr(ctx, a, info, has_rm, nsrc);                       \
}

TRANS_FP(fadd_s, helper_info_riscv_fadd_s, true, 2)
TRANS_FP(fsub_s, helper_info_riscv_fsub_s, true, 2)
TRANS_FP(fmul_s, helper_info_riscv_fmul_s, true, 2)
TRANS_FP(fdiv_s, helper_info_riscv_fdiv_s, true, 2)
TRANS_FP(fsqrt_s, helper_info_riscv_fsqrt_s, true, 1)
TRANS_FP(fmadd_s, helper_info_riscv_fmadd_s, true, 3)
TRANS_FP(fadd_d, helper_info_riscv_fadd_d, true, 2)
TRANS_FP(fsub_d, helper_info_riscv_fsub_d, true, 2)
TRANS_FP(fmul_d, helper_info_riscv_fmul_d, true, 2)
TRANS_FP(fdiv_d, helper_info_riscv_fdiv_d, true, 2)
TRANS_FP(fsqrt_d, helper_info_riscv_fsqrt_d, true, 1)
TRANS_FP(fmadd_d, helper_info_riscv_fmadd_d, true, 3)
TRANS_FP(fminmax_s, &helper_info_riscv_fminmax_s, false, 2)
TRANS_FP(fminmax_d, &helper_info_riscv_fminmax_d, false, 2)
TRANS_FP(fcvt_s_d, helper_info_riscv_fcvt_s_d, true, 1)
TRANS_FP(fcvt_d_s, helper_info_riscv_fcvt_d_s, true, 1)
TRANS_FP_X(fcmp_s, &helper_info_riscv_fcmp_s, false, 2)
TRANS_FP_X(fcmp_d, &helper_info_riscv_fcmp_d, false, 2)
TRANS_FP_X(fclass_s, &helper_info_riscv_fclass_s, false, 1)
TRANS_FP_X(fclass_d, &helper_info_riscv_fclass_d, false, 1)
TRANS_FP_X(fcvt_i_s, helper_info_riscv_fcvt_i_s, true, 1)
TRANS_FP_X(fcvt_i_d, helper_info_riscv_fcvt_i_d, true, 1)

/* FCVT.[SD].{W,WU,L,LU}: FP result from an integer register. */
static bool trans_fcvt_s_i(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_fp_call(ctx, a, helper_info_riscv_fcvt_s_i, true,
                       cpu_fpr[a->rd], 1, riscv_get_gpr(a->rs1), NULL, NULL);
}

static bool trans_fcvt_d_i(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_fp_call(ctx, a, helper_info_riscv_fcvt_d_i, true,
                       cpu_fpr[a->rd], 1, riscv_get_gpr(a->rs1), NULL, NULL);
}

#define M_F7RS2 (M_F7 | (0x1fu << 20))
#define M_F7ONLY (M_OPC | F7(0x7f))              /* rm free */
#define M_F7ONLY_RS2 (M_F7ONLY | (0x1fu << 20))
#define M_F7ONLY_CVT (M_F7ONLY | (0x1cu << 20))   /* rs2 0-3: W WU L LU */
#define M_FMA (M_OPC | (3u << 25))               /* fmt in bits 26:25 */
#define RS2(x) ((uint32_t)(x) << 20)

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
    { M_F7ONLY, OPC(0x53) | F7(0x00), RISCV_FMT_R, trans_fadd_s },
    { M_F7ONLY, OPC(0x53) | F7(0x04), RISCV_FMT_R, trans_fsub_s },
    { M_F7ONLY, OPC(0x53) | F7(0x08), RISCV_FMT_R, trans_fmul_s },
    { M_F7ONLY, OPC(0x53) | F7(0x0c), RISCV_FMT_R, trans_fdiv_s },
    { M_F7ONLY_RS2, OPC(0x53) | F7(0x2c), RISCV_FMT_R, trans_fsqrt_s },
    { M_F7ONLY, OPC(0x53) | F7(0x01), RISCV_FMT_R, trans_fadd_d },
    { M_F7ONLY, OPC(0x53) | F7(0x05), RISCV_FMT_R, trans_fsub_d },
    { M_F7ONLY, OPC(0x53) | F7(0x09), RISCV_FMT_R, trans_fmul_d },
    { M_F7ONLY, OPC(0x53) | F7(0x0d), RISCV_FMT_R, trans_fdiv_d },
    { M_F7ONLY_RS2, OPC(0x53) | F7(0x2d), RISCV_FMT_R, trans_fsqrt_d },
    { M_F7, OPC(0x53) | F3(0) | F7(0x14), RISCV_FMT_R, trans_fminmax_s },
    { M_F7, OPC(0x53) | F3(1) | F7(0x14), RISCV_FMT_R, trans_fminmax_s },
    { M_F7, OPC(0x53) | F3(0) | F7(0x15), RISCV_FMT_R, trans_fminmax_d },
    { M_F7, OPC(0x53) | F3(1) | F7(0x15), RISCV_FMT_R, trans_fminmax_d },
    { M_F7ONLY_RS2, OPC(0x53) | F7(0x20) | RS2(1), RISCV_FMT_R, trans_fcvt_s_d },
    { M_F7ONLY_RS2, OPC(0x53) | F7(0x21) | RS2(0), RISCV_FMT_R, trans_fcvt_d_s },
    { M_F7, OPC(0x53) | F3(0) | F7(0x50), RISCV_FMT_R, trans_fcmp_s },
    { M_F7, OPC(0x53) | F3(1) | F7(0x50), RISCV_FMT_R, trans_fcmp_s },
    { M_F7, OPC(0x53) | F3(2) | F7(0x50), RISCV_FMT_R, trans_fcmp_s },
    { M_F7, OPC(0x53) | F3(0) | F7(0x51), RISCV_FMT_R, trans_fcmp_d },
    { M_F7, OPC(0x53) | F3(1) | F7(0x51), RISCV_FMT_R, trans_fcmp_d },
    { M_F7, OPC(0x53) | F3(2) | F7(0x51), RISCV_FMT_R, trans_fcmp_d },
    { M_F7RS2, OPC(0x53) | F3(1) | F7(0x70), RISCV_FMT_R, trans_fclass_s },
    { M_F7RS2, OPC(0x53) | F3(1) | F7(0x71), RISCV_FMT_R, trans_fclass_d },
    { M_F7ONLY_CVT, OPC(0x53) | F7(0x60), RISCV_FMT_R, trans_fcvt_i_s },
    { M_F7ONLY_CVT, OPC(0x53) | F7(0x61), RISCV_FMT_R, trans_fcvt_i_d },
    { M_F7ONLY_CVT, OPC(0x53) | F7(0x68), RISCV_FMT_R, trans_fcvt_s_i },
    { M_F7ONLY_CVT, OPC(0x53) | F7(0x69), RISCV_FMT_R, trans_fcvt_d_i },
    { M_FMA, OPC(0x43) | (0u << 25), RISCV_FMT_R, trans_fmadd_s },
    { M_FMA, OPC(0x47) | (0u << 25), RISCV_FMT_R, trans_fmadd_s },
    { M_FMA, OPC(0x4b) | (0u << 25), RISCV_FMT_R, trans_fmadd_s },
    { M_FMA, OPC(0x4f) | (0u << 25), RISCV_FMT_R, trans_fmadd_s },
    { M_FMA, OPC(0x43) | (1u << 25), RISCV_FMT_R, trans_fmadd_d },
    { M_FMA, OPC(0x47) | (1u << 25), RISCV_FMT_R, trans_fmadd_d },
    { M_FMA, OPC(0x4b) | (1u << 25), RISCV_FMT_R, trans_fmadd_d },
    { M_FMA, OPC(0x4f) | (1u << 25), RISCV_FMT_R, trans_fmadd_d },
};

const RISCVInsnTable riscv_rvf_table = RISCV_INSN_TABLE("rv64fd", rvf_defs);
