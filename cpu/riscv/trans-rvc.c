/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * RV64C: every compressed form is expanded into RISCVArgs for its base
 * instruction and handed to that instruction's handler, so each
 * operation is generated in one place. The table maps (mask, match) to a
 * small expander that scatters the compressed immediate fields.
 */
#include "cpu/riscv/translate.h"

typedef bool (*RVCExpandFn)(DisasContext *ctx, uint16_t insn);

typedef struct RVCInsnDef {
    uint16_t mask, match;
    RVCExpandFn expand;
} RVCInsnDef;

static unsigned bits(uint16_t insn, unsigned hi, unsigned lo)
{
    return (insn >> lo) & ((1u << (hi - lo + 1)) - 1);
}

/* The 3-bit register fields name x8..x15 (and f8..f15). */
static int creg(uint16_t insn, unsigned lo)
{
    return 8 + bits(insn, lo + 2, lo);
}

static int64_t sext(uint32_t v, unsigned width)
{
    return (int64_t)((uint64_t)v << (64 - width)) >> (64 - width);
}

/* The 6-bit immediate of CI forms: imm[5] at bit 12, imm[4:0] at 6:2. */
static uint32_t ci_imm(uint16_t insn)
{
    return bits(insn, 12, 12) << 5 | bits(insn, 6, 2);
}

static RISCVArgs args_ri(int rd, int rs1, int64_t imm)
{
    return (RISCVArgs){ .rd = rd, .rs1 = rs1, .imm = imm };
}

static RISCVArgs args_rr(int rd, int rs1, int rs2)
{
    return (RISCVArgs){ .rd = rd, .rs1 = rs1, .rs2 = rs2 };
}

/* Store forms: rs1 base, rs2 value. */
static RISCVArgs args_st(int rs1, int rs2, int64_t imm)
{
    return (RISCVArgs){ .rs1 = rs1, .rs2 = rs2, .imm = imm };
}

/* ---- quadrant 0 ---- */

static bool c_addi4spn(DisasContext *ctx, uint16_t insn)
{
    uint32_t imm = bits(insn, 12, 11) << 4 | bits(insn, 10, 7) << 6 |
                   bits(insn, 6, 6) << 2 | bits(insn, 5, 5) << 3;
    RISCVArgs a = args_ri(creg(insn, 2), 2, imm);

    if (imm == 0) {
        return false;   /* includes the all-zero illegal instruction */
    }
    return riscv_trans_addi(ctx, &a);
}

/* C.LD/C.SD/C.FLD/C.FSD offsets: uimm[5:3] at 12:10, uimm[7:6] at 6:5. */
static uint32_t cl_d_imm(uint16_t insn)
{
    return bits(insn, 12, 10) << 3 | bits(insn, 6, 5) << 6;
}

/* C.LW/C.SW offsets: uimm[5:3] at 12:10, uimm[2] at 6, uimm[6] at 5. */
static uint32_t cl_w_imm(uint16_t insn)
{
    return bits(insn, 12, 10) << 3 | bits(insn, 6, 6) << 2 |
           bits(insn, 5, 5) << 6;
}

static bool c_fld(DisasContext *ctx, uint16_t insn)
{
    RISCVArgs a = args_ri(creg(insn, 2), creg(insn, 7), cl_d_imm(insn));

    return riscv_gen_fp_check(ctx) && riscv_trans_fld(ctx, &a);
}

static bool c_lw(DisasContext *ctx, uint16_t insn)
{
    RISCVArgs a = args_ri(creg(insn, 2), creg(insn, 7), cl_w_imm(insn));

    return riscv_trans_lw(ctx, &a);
}

static bool c_ld(DisasContext *ctx, uint16_t insn)
{
    RISCVArgs a = args_ri(creg(insn, 2), creg(insn, 7), cl_d_imm(insn));

    return riscv_trans_ld(ctx, &a);
}

static bool c_fsd(DisasContext *ctx, uint16_t insn)
{
    RISCVArgs a = args_st(creg(insn, 7), creg(insn, 2), cl_d_imm(insn));

    return riscv_gen_fp_check(ctx) && riscv_trans_fsd(ctx, &a);
}

static bool c_sw(DisasContext *ctx, uint16_t insn)
{
    RISCVArgs a = args_st(creg(insn, 7), creg(insn, 2), cl_w_imm(insn));

    return riscv_trans_sw(ctx, &a);
}

static bool c_sd(DisasContext *ctx, uint16_t insn)
{
    RISCVArgs a = args_st(creg(insn, 7), creg(insn, 2), cl_d_imm(insn));

    return riscv_trans_sd(ctx, &a);
}

/* ---- quadrant 1 ---- */

/* C.ADDI (rd = 0 is C.NOP; both are hints when they do nothing). */
static bool c_addi(DisasContext *ctx, uint16_t insn)
{
    int rd = bits(insn, 11, 7);
    RISCVArgs a = args_ri(rd, rd, sext(ci_imm(insn), 6));

    return riscv_trans_addi(ctx, &a);
}

static bool c_addiw(DisasContext *ctx, uint16_t insn)
{
    int rd = bits(insn, 11, 7);
    RISCVArgs a = args_ri(rd, rd, sext(ci_imm(insn), 6));

    if (rd == 0) {
        return false;
    }
    return riscv_trans_addiw(ctx, &a);
}

static bool c_li(DisasContext *ctx, uint16_t insn)
{
    RISCVArgs a = args_ri(bits(insn, 11, 7), 0, sext(ci_imm(insn), 6));

    return riscv_trans_addi(ctx, &a);
}

/* C.ADDI16SP when rd = sp, else C.LUI. */
static bool c_lui_addi16sp(DisasContext *ctx, uint16_t insn)
{
    int rd = bits(insn, 11, 7);
    RISCVArgs a;

    if (rd == 2) {
        uint32_t imm = bits(insn, 12, 12) << 9 | bits(insn, 6, 6) << 4 |
                       bits(insn, 5, 5) << 6 | bits(insn, 4, 3) << 7 |
                       bits(insn, 2, 2) << 5;

        if (imm == 0) {
            return false;
        }
        a = args_ri(2, 2, sext(imm, 10));
        return riscv_trans_addi(ctx, &a);
    }
    if (ci_imm(insn) == 0) {
        return false;
    }
    a = args_ri(rd, 0, sext(ci_imm(insn) << 12, 18));
    return riscv_trans_lui(ctx, &a);
}

static bool c_misc_alu(DisasContext *ctx, uint16_t insn)
{
    int rd = creg(insn, 7), rs2 = creg(insn, 2);
    RISCVArgs a;

    switch (bits(insn, 11, 10)) {
    case 0:
        a = args_ri(rd, rd, ci_imm(insn));
        return riscv_trans_srli(ctx, &a);
    case 1:
        a = args_ri(rd, rd, ci_imm(insn));
        return riscv_trans_srai(ctx, &a);
    case 2:
        a = args_ri(rd, rd, sext(ci_imm(insn), 6));
        return riscv_trans_andi(ctx, &a);
    }
    a = args_rr(rd, rd, rs2);
    switch (bits(insn, 12, 12) << 2 | bits(insn, 6, 5)) {
    case 0:
        return riscv_trans_sub(ctx, &a);
    case 1:
        return riscv_trans_xor(ctx, &a);
    case 2:
        return riscv_trans_or(ctx, &a);
    case 3:
        return riscv_trans_and(ctx, &a);
    case 4:
        return riscv_trans_subw(ctx, &a);
    case 5:
        return riscv_trans_addw(ctx, &a);
    default:
        return false;   /* reserved (Zcb not implemented) */
    }
}

static bool c_j(DisasContext *ctx, uint16_t insn)
{
    uint32_t imm = bits(insn, 12, 12) << 11 | bits(insn, 11, 11) << 4 |
                   bits(insn, 10, 9) << 8 | bits(insn, 8, 8) << 10 |
                   bits(insn, 7, 7) << 6 | bits(insn, 6, 6) << 7 |
                   bits(insn, 5, 3) << 1 | bits(insn, 2, 2) << 5;
    RISCVArgs a = args_ri(0, 0, sext(imm, 12));

    return riscv_trans_jal(ctx, &a);
}

static RISCVArgs cb_branch_args(uint16_t insn)
{
    uint32_t imm = bits(insn, 12, 12) << 8 | bits(insn, 11, 10) << 3 |
                   bits(insn, 6, 5) << 6 | bits(insn, 4, 3) << 1 |
                   bits(insn, 2, 2) << 5;

    return (RISCVArgs){ .rs1 = creg(insn, 7), .rs2 = 0, .imm = sext(imm, 9) };
}

static bool c_beqz(DisasContext *ctx, uint16_t insn)
{
    RISCVArgs a = cb_branch_args(insn);

    return riscv_trans_beq(ctx, &a);
}

static bool c_bnez(DisasContext *ctx, uint16_t insn)
{
    RISCVArgs a = cb_branch_args(insn);

    return riscv_trans_bne(ctx, &a);
}

/* ---- quadrant 2 ---- */

static bool c_slli(DisasContext *ctx, uint16_t insn)
{
    int rd = bits(insn, 11, 7);
    RISCVArgs a = args_ri(rd, rd, ci_imm(insn));

    return riscv_trans_slli(ctx, &a);
}

/* C.LDSP/C.FLDSP: uimm[5] at 12, uimm[4:3] at 6:5, uimm[8:6] at 4:2. */
static uint32_t ci_d_imm(uint16_t insn)
{
    return bits(insn, 12, 12) << 5 | bits(insn, 6, 5) << 3 |
           bits(insn, 4, 2) << 6;
}

static bool c_fldsp(DisasContext *ctx, uint16_t insn)
{
    RISCVArgs a = args_ri(bits(insn, 11, 7), 2, ci_d_imm(insn));

    return riscv_gen_fp_check(ctx) && riscv_trans_fld(ctx, &a);
}

static bool c_lwsp(DisasContext *ctx, uint16_t insn)
{
    uint32_t imm = bits(insn, 12, 12) << 5 | bits(insn, 6, 4) << 2 |
                   bits(insn, 3, 2) << 6;
    RISCVArgs a = args_ri(bits(insn, 11, 7), 2, imm);

    if (a.rd == 0) {
        return false;
    }
    return riscv_trans_lw(ctx, &a);
}

static bool c_ldsp(DisasContext *ctx, uint16_t insn)
{
    RISCVArgs a = args_ri(bits(insn, 11, 7), 2, ci_d_imm(insn));

    if (a.rd == 0) {
        return false;
    }
    return riscv_trans_ld(ctx, &a);
}

/* C.JR, C.MV, C.EBREAK, C.JALR, C.ADD. */
static bool c_jr_mv_add(DisasContext *ctx, uint16_t insn)
{
    int rd = bits(insn, 11, 7), rs2 = bits(insn, 6, 2);
    RISCVArgs a;

    if (!bits(insn, 12, 12)) {
        if (rs2 == 0) {
            if (rd == 0) {
                return false;
            }
            a = args_ri(0, rd, 0);
            return riscv_trans_jalr(ctx, &a);
        }
        a = args_rr(rd, 0, rs2);
        return riscv_trans_add(ctx, &a);
    }
    if (rs2 == 0) {
        if (rd == 0) {
            a = args_ri(0, 0, 0);
            return riscv_trans_ebreak(ctx, &a);
        }
        a = args_ri(1, rd, 0);
        return riscv_trans_jalr(ctx, &a);
    }
    a = args_rr(rd, rd, rs2);
    return riscv_trans_add(ctx, &a);
}

/* C.SDSP/C.FSDSP: uimm[5:3] at 12:10, uimm[8:6] at 9:7. */
static uint32_t css_d_imm(uint16_t insn)
{
    return bits(insn, 12, 10) << 3 | bits(insn, 9, 7) << 6;
}

static bool c_fsdsp(DisasContext *ctx, uint16_t insn)
{
    RISCVArgs a = args_st(2, bits(insn, 6, 2), css_d_imm(insn));

    return riscv_gen_fp_check(ctx) && riscv_trans_fsd(ctx, &a);
}

static bool c_swsp(DisasContext *ctx, uint16_t insn)
{
    uint32_t imm = bits(insn, 12, 9) << 2 | bits(insn, 8, 7) << 6;
    RISCVArgs a = args_st(2, bits(insn, 6, 2), imm);

    return riscv_trans_sw(ctx, &a);
}

static bool c_sdsp(DisasContext *ctx, uint16_t insn)
{
    RISCVArgs a = args_st(2, bits(insn, 6, 2), css_d_imm(insn));

    return riscv_trans_sd(ctx, &a);
}

/* Selected by funct3 (bits 15:13) and the quadrant (bits 1:0). */
#define CQ(f3, q) ((uint16_t)((f3) << 13 | (q)))

static const RVCInsnDef rvc_defs[] = {
    { 0xe003, CQ(0, 0), c_addi4spn },
    { 0xe003, CQ(1, 0), c_fld },
    { 0xe003, CQ(2, 0), c_lw },
    { 0xe003, CQ(3, 0), c_ld },
    { 0xe003, CQ(5, 0), c_fsd },
    { 0xe003, CQ(6, 0), c_sw },
    { 0xe003, CQ(7, 0), c_sd },
    { 0xe003, CQ(0, 1), c_addi },
    { 0xe003, CQ(1, 1), c_addiw },
    { 0xe003, CQ(2, 1), c_li },
    { 0xe003, CQ(3, 1), c_lui_addi16sp },
    { 0xe003, CQ(4, 1), c_misc_alu },
    { 0xe003, CQ(5, 1), c_j },
    { 0xe003, CQ(6, 1), c_beqz },
    { 0xe003, CQ(7, 1), c_bnez },
    { 0xe003, CQ(0, 2), c_slli },
    { 0xe003, CQ(1, 2), c_fldsp },
    { 0xe003, CQ(2, 2), c_lwsp },
    { 0xe003, CQ(3, 2), c_ldsp },
    { 0xe003, CQ(4, 2), c_jr_mv_add },
    { 0xe003, CQ(5, 2), c_fsdsp },
    { 0xe003, CQ(6, 2), c_swsp },
    { 0xe003, CQ(7, 2), c_sdsp },
};

bool riscv_trans_compressed(DisasContext *ctx, uint16_t insn)
{
    for (unsigned i = 0; i < sizeof(rvc_defs) / sizeof(rvc_defs[0]); i++) {
        if ((insn & rvc_defs[i].mask) == rvc_defs[i].match) {
            return rvc_defs[i].expand(ctx, insn);
        }
    }
    return false;
}
