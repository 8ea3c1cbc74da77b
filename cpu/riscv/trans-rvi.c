/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * RV64I: integer ALU (with the 32-bit W forms, which sign-extend their
 * result), LUI/AUIPC, loads and stores of every width, branches, JAL/JALR,
 * FENCE/FENCE.I and ECALL/EBREAK.
 */
#include "cpu/riscv/translate.h"

/* ---- register-immediate and register-register ALU ---- */

typedef void (*GenRRR)(TCGvI64 d, TCGvI64 a, TCGvI64 b);
typedef void (*GenRRI)(TCGvI64 d, TCGvI64 a, int64_t b);

static bool gen_rrr(const RISCVArgs *a, GenRRR fn)
{
    TCGvI64 d = riscv_dest_gpr(a->rd);

    fn(d, riscv_get_gpr(a->rs1), riscv_get_gpr(a->rs2));
    riscv_set_gpr(a->rd, d);
    return true;
}

static bool gen_rri(const RISCVArgs *a, GenRRI fn)
{
    TCGvI64 d = riscv_dest_gpr(a->rd);

    fn(d, riscv_get_gpr(a->rs1), a->imm);
    riscv_set_gpr(a->rd, d);
    return true;
}

/* W forms: the 64-bit op, then sign-extend the low 32 bits. */
static bool gen_rrr_w(const RISCVArgs *a, GenRRR fn)
{
    TCGvI64 d = riscv_dest_gpr(a->rd);

    fn(d, riscv_get_gpr(a->rs1), riscv_get_gpr(a->rs2));
    tcg_gen_ext32s_i64(d, d);
    riscv_set_gpr(a->rd, d);
    return true;
}

bool riscv_trans_addi(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_rri(a, tcg_gen_addi_i64);
}

static bool trans_slti(DisasContext *ctx, const RISCVArgs *a)
{
    TCGvI64 d = riscv_dest_gpr(a->rd);

    tcg_gen_setcondi_i64(TCG_COND_LT, d, riscv_get_gpr(a->rs1), a->imm);
    riscv_set_gpr(a->rd, d);
    return true;
}

static bool trans_sltiu(DisasContext *ctx, const RISCVArgs *a)
{
    TCGvI64 d = riscv_dest_gpr(a->rd);

    tcg_gen_setcondi_i64(TCG_COND_LTU, d, riscv_get_gpr(a->rs1), a->imm);
    riscv_set_gpr(a->rd, d);
    return true;
}

static bool trans_xori(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_rri(a, tcg_gen_xori_i64);
}

static bool trans_ori(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_rri(a, tcg_gen_ori_i64);
}

bool riscv_trans_andi(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_rri(a, tcg_gen_andi_i64);
}

bool riscv_trans_slli(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_rri(a, tcg_gen_shli_i64);
}

bool riscv_trans_srli(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_rri(a, tcg_gen_shri_i64);
}

bool riscv_trans_srai(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_rri(a, tcg_gen_sari_i64);
}

bool riscv_trans_addiw(DisasContext *ctx, const RISCVArgs *a)
{
    TCGvI64 d = riscv_dest_gpr(a->rd);

    tcg_gen_addi_i64(d, riscv_get_gpr(a->rs1), a->imm);
    tcg_gen_ext32s_i64(d, d);
    riscv_set_gpr(a->rd, d);
    return true;
}

/* SLLIW/SRLIW/SRAIW: shamt[5] set is reserved (checked by the mask). */
static bool trans_slliw(DisasContext *ctx, const RISCVArgs *a)
{
    TCGvI64 d = riscv_dest_gpr(a->rd);

    tcg_gen_shli_i64(d, riscv_get_gpr(a->rs1), a->imm);
    tcg_gen_ext32s_i64(d, d);
    riscv_set_gpr(a->rd, d);
    return true;
}

static bool trans_srliw(DisasContext *ctx, const RISCVArgs *a)
{
    TCGvI64 d = riscv_dest_gpr(a->rd);

    tcg_gen_extract_i64(d, riscv_get_gpr(a->rs1), a->imm, 32 - a->imm);
    tcg_gen_ext32s_i64(d, d);
    riscv_set_gpr(a->rd, d);
    return true;
}

static bool trans_sraiw(DisasContext *ctx, const RISCVArgs *a)
{
    TCGvI64 d = riscv_dest_gpr(a->rd);

    tcg_gen_sextract_i64(d, riscv_get_gpr(a->rs1), a->imm, 32 - a->imm);
    riscv_set_gpr(a->rd, d);
    return true;
}

bool riscv_trans_add(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_rrr(a, tcg_gen_add_i64);
}

bool riscv_trans_sub(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_rrr(a, tcg_gen_sub_i64);
}

/* The IR masks shift counts to width - 1, as RV64 shifts do. */
static bool trans_sll(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_rrr(a, tcg_gen_shl_i64);
}

static bool trans_srl(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_rrr(a, tcg_gen_shr_i64);
}

static bool trans_sra(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_rrr(a, tcg_gen_sar_i64);
}

static bool trans_slt(DisasContext *ctx, const RISCVArgs *a)
{
    TCGvI64 d = riscv_dest_gpr(a->rd);

    tcg_gen_setcond_i64(TCG_COND_LT, d, riscv_get_gpr(a->rs1),
                        riscv_get_gpr(a->rs2));
    riscv_set_gpr(a->rd, d);
    return true;
}

static bool trans_sltu(DisasContext *ctx, const RISCVArgs *a)
{
    TCGvI64 d = riscv_dest_gpr(a->rd);

    tcg_gen_setcond_i64(TCG_COND_LTU, d, riscv_get_gpr(a->rs1),
                        riscv_get_gpr(a->rs2));
    riscv_set_gpr(a->rd, d);
    return true;
}

bool riscv_trans_xor(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_rrr(a, tcg_gen_xor_i64);
}

bool riscv_trans_or(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_rrr(a, tcg_gen_or_i64);
}

bool riscv_trans_and(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_rrr(a, tcg_gen_and_i64);
}

bool riscv_trans_addw(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_rrr_w(a, tcg_gen_add_i64);
}

bool riscv_trans_subw(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_rrr_w(a, tcg_gen_sub_i64);
}

/* 32-bit shifts on i32 temps: the IR masks the count to 31. */
typedef void (*GenRRR32)(TCGvI32 d, TCGvI32 a, TCGvI32 b);

static bool gen_shift_w(const RISCVArgs *a, GenRRR32 fn)
{
    TCGvI32 x = tcg_temp_new_i32(), n = tcg_temp_new_i32();
    TCGvI64 d = riscv_dest_gpr(a->rd);

    tcg_gen_extrl_i64_i32(x, riscv_get_gpr(a->rs1));
    tcg_gen_extrl_i64_i32(n, riscv_get_gpr(a->rs2));
    fn(x, x, n);
    tcg_gen_ext_i32_i64(d, x);
    riscv_set_gpr(a->rd, d);
    return true;
}

static bool trans_sllw(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_shift_w(a, tcg_gen_shl_i32);
}

static bool trans_srlw(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_shift_w(a, tcg_gen_shr_i32);
}

static bool trans_sraw(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_shift_w(a, tcg_gen_sar_i32);
}

bool riscv_trans_lui(DisasContext *ctx, const RISCVArgs *a)
{
    if (a->rd != 0) {
        tcg_gen_movi_i64(cpu_gpr[a->rd], a->imm);
    }
    return true;
}

static bool trans_auipc(DisasContext *ctx, const RISCVArgs *a)
{
    if (a->rd != 0) {
        tcg_gen_movi_i64(cpu_gpr[a->rd], (int64_t)(ctx->pc + a->imm));
    }
    return true;
}

/* ---- loads and stores: misaligned accesses are allowed (as Linux
 * emulates them for user programs), so no MO_ALIGN ---- */

static TCGvI64 gen_address(const RISCVArgs *a)
{
    TCGvI64 addr = tcg_temp_new_i64();

    tcg_gen_addi_i64(addr, riscv_get_gpr(a->rs1), a->imm);
    return addr;
}

static bool gen_load(DisasContext *ctx, const RISCVArgs *a, MemOp mop)
{
    TCGvI64 addr = gen_address(a);
    TCGvI64 d = riscv_dest_gpr(a->rd);

    tcg_gen_guest_ld_i64(d, addr, ctx->mem_idx, mop);
    riscv_set_gpr(a->rd, d);
    return true;
}

static bool gen_store(DisasContext *ctx, const RISCVArgs *a, MemOp mop)
{
    TCGvI64 addr = gen_address(a);

    tcg_gen_guest_st_i64(riscv_get_gpr(a->rs2), addr, ctx->mem_idx, mop);
    return true;
}

static bool trans_lb(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_load(ctx, a, MO_SB);
}

static bool trans_lh(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_load(ctx, a, MO_SW);
}

bool riscv_trans_lw(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_load(ctx, a, MO_SL);
}

bool riscv_trans_ld(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_load(ctx, a, MO_UQ);
}

static bool trans_lbu(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_load(ctx, a, MO_UB);
}

static bool trans_lhu(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_load(ctx, a, MO_UW);
}

static bool trans_lwu(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_load(ctx, a, MO_UL);
}

static bool trans_sb(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_store(ctx, a, MO_8);
}

static bool trans_sh(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_store(ctx, a, MO_16);
}

bool riscv_trans_sw(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_store(ctx, a, MO_32);
}

bool riscv_trans_sd(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_store(ctx, a, MO_64);
}

/* ---- control transfer: every one ends the TB ---- */

static bool gen_branch(DisasContext *ctx, const RISCVArgs *a, TCGCond cond)
{
    TCGLabel *taken = gen_new_label();

    tcg_gen_brcond_i64(cond, riscv_get_gpr(a->rs1), riscv_get_gpr(a->rs2),
                       taken);
    riscv_gen_goto_tb(ctx, 1, ctx->pc_next);
    gen_set_label(taken);
    /* With C, every target is 2-byte aligned: no misaligned-target trap. */
    riscv_gen_goto_tb(ctx, 0, ctx->pc + a->imm);
    ctx->is_jmp = RISCV_JMP_NORETURN;
    return true;
}

bool riscv_trans_beq(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_branch(ctx, a, TCG_COND_EQ);
}

bool riscv_trans_bne(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_branch(ctx, a, TCG_COND_NE);
}

static bool trans_blt(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_branch(ctx, a, TCG_COND_LT);
}

static bool trans_bge(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_branch(ctx, a, TCG_COND_GE);
}

static bool trans_bltu(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_branch(ctx, a, TCG_COND_LTU);
}

static bool trans_bgeu(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_branch(ctx, a, TCG_COND_GEU);
}

bool riscv_trans_jal(DisasContext *ctx, const RISCVArgs *a)
{
    if (a->rd != 0) {
        tcg_gen_movi_i64(cpu_gpr[a->rd], (int64_t)ctx->pc_next);
    }
    riscv_gen_goto_tb(ctx, 0, ctx->pc + a->imm);
    ctx->is_jmp = RISCV_JMP_NORETURN;
    return true;
}

bool riscv_trans_jalr(DisasContext *ctx, const RISCVArgs *a)
{
    /* Target first: rd may be rs1. */
    tcg_gen_addi_i64(cpu_pc, riscv_get_gpr(a->rs1), a->imm);
    tcg_gen_andi_i64(cpu_pc, cpu_pc, ~(int64_t)1);
    if (a->rd != 0) {
        tcg_gen_movi_i64(cpu_gpr[a->rd], (int64_t)ctx->pc_next);
    }
    /* user mode: a TB that changes frm (the flags) ends at that CSR write */
    tcg_gen_lookup_and_goto_ptr_key(cpu_pc, ctx->tb->flags);
    ctx->is_jmp = RISCV_JMP_NORETURN;
    return true;
}

/* ---- memory ordering and system ---- */

/* FENCE: the pred/succ sets are approximated by a full barrier. */
static bool trans_fence(DisasContext *ctx, const RISCVArgs *a)
{
    tcg_gen_mb(TCG_MO_ALL);
    return true;
}

/*
 * FENCE.I: stores to code already invalidated the TBs they hit (write
 * protection in user mode, the soft MMU's code-page tracking in system
 * mode), so ending the TB makes the next instruction come from a fresh
 * lookup.
 */
static bool trans_fence_i(DisasContext *ctx, const RISCVArgs *a)
{
    ctx->is_jmp = RISCV_JMP_STOP;
    return true;
}

/* ECALL: env->pc stays at the ecall; the cpu loop advances it by 4. */
static bool trans_ecall(DisasContext *ctx, const RISCVArgs *a)
{
    riscv_gen_exception(ctx, RISCV_EXCP_U_ECALL);
    return true;
}

bool riscv_trans_ebreak(DisasContext *ctx, const RISCVArgs *a)
{
    riscv_gen_exception(ctx, RISCV_EXCP_BREAKPOINT);
    return true;
}

static const RISCVInsnDef rvi_defs[] = {
    { M_OPC, OPC(0x37), RISCV_FMT_U, riscv_trans_lui },
    { M_OPC, OPC(0x17), RISCV_FMT_U, trans_auipc },
    { M_OPC, OPC(0x6f), RISCV_FMT_J, riscv_trans_jal },
    { M_F3, OPC(0x67) | F3(0), RISCV_FMT_I, riscv_trans_jalr },
    { M_F3, OPC(0x63) | F3(0), RISCV_FMT_B, riscv_trans_beq },
    { M_F3, OPC(0x63) | F3(1), RISCV_FMT_B, riscv_trans_bne },
    { M_F3, OPC(0x63) | F3(4), RISCV_FMT_B, trans_blt },
    { M_F3, OPC(0x63) | F3(5), RISCV_FMT_B, trans_bge },
    { M_F3, OPC(0x63) | F3(6), RISCV_FMT_B, trans_bltu },
    { M_F3, OPC(0x63) | F3(7), RISCV_FMT_B, trans_bgeu },
    { M_F3, OPC(0x03) | F3(0), RISCV_FMT_I, trans_lb },
    { M_F3, OPC(0x03) | F3(1), RISCV_FMT_I, trans_lh },
    { M_F3, OPC(0x03) | F3(2), RISCV_FMT_I, riscv_trans_lw },
    { M_F3, OPC(0x03) | F3(3), RISCV_FMT_I, riscv_trans_ld },
    { M_F3, OPC(0x03) | F3(4), RISCV_FMT_I, trans_lbu },
    { M_F3, OPC(0x03) | F3(5), RISCV_FMT_I, trans_lhu },
    { M_F3, OPC(0x03) | F3(6), RISCV_FMT_I, trans_lwu },
    { M_F3, OPC(0x23) | F3(0), RISCV_FMT_S, trans_sb },
    { M_F3, OPC(0x23) | F3(1), RISCV_FMT_S, trans_sh },
    { M_F3, OPC(0x23) | F3(2), RISCV_FMT_S, riscv_trans_sw },
    { M_F3, OPC(0x23) | F3(3), RISCV_FMT_S, riscv_trans_sd },
    { M_F3, OPC(0x13) | F3(0), RISCV_FMT_I, riscv_trans_addi },
    { M_F3, OPC(0x13) | F3(2), RISCV_FMT_I, trans_slti },
    { M_F3, OPC(0x13) | F3(3), RISCV_FMT_I, trans_sltiu },
    { M_F3, OPC(0x13) | F3(4), RISCV_FMT_I, trans_xori },
    { M_F3, OPC(0x13) | F3(6), RISCV_FMT_I, trans_ori },
    { M_F3, OPC(0x13) | F3(7), RISCV_FMT_I, riscv_trans_andi },
    { M_F6, OPC(0x13) | F3(1) | F6(0x00), RISCV_FMT_SHAMT, riscv_trans_slli },
    { M_F6, OPC(0x13) | F3(5) | F6(0x00), RISCV_FMT_SHAMT, riscv_trans_srli },
    { M_F6, OPC(0x13) | F3(5) | F6(0x10), RISCV_FMT_SHAMT, riscv_trans_srai },
    { M_F7, OPC(0x33) | F3(0) | F7(0x00), RISCV_FMT_R, riscv_trans_add },
    { M_F7, OPC(0x33) | F3(0) | F7(0x20), RISCV_FMT_R, riscv_trans_sub },
    { M_F7, OPC(0x33) | F3(1) | F7(0x00), RISCV_FMT_R, trans_sll },
    { M_F7, OPC(0x33) | F3(2) | F7(0x00), RISCV_FMT_R, trans_slt },
    { M_F7, OPC(0x33) | F3(3) | F7(0x00), RISCV_FMT_R, trans_sltu },
    { M_F7, OPC(0x33) | F3(4) | F7(0x00), RISCV_FMT_R, riscv_trans_xor },
    { M_F7, OPC(0x33) | F3(5) | F7(0x00), RISCV_FMT_R, trans_srl },
    { M_F7, OPC(0x33) | F3(5) | F7(0x20), RISCV_FMT_R, trans_sra },
    { M_F7, OPC(0x33) | F3(6) | F7(0x00), RISCV_FMT_R, riscv_trans_or },
    { M_F7, OPC(0x33) | F3(7) | F7(0x00), RISCV_FMT_R, riscv_trans_and },
    { M_F3, OPC(0x1b) | F3(0), RISCV_FMT_I, riscv_trans_addiw },
    { M_F7, OPC(0x1b) | F3(1) | F7(0x00), RISCV_FMT_SHAMT, trans_slliw },
    { M_F7, OPC(0x1b) | F3(5) | F7(0x00), RISCV_FMT_SHAMT, trans_srliw },
    { M_F7, OPC(0x1b) | F3(5) | F7(0x20), RISCV_FMT_SHAMT, trans_sraiw },
    { M_F7, OPC(0x3b) | F3(0) | F7(0x00), RISCV_FMT_R, riscv_trans_addw },
    { M_F7, OPC(0x3b) | F3(0) | F7(0x20), RISCV_FMT_R, riscv_trans_subw },
    { M_F7, OPC(0x3b) | F3(1) | F7(0x00), RISCV_FMT_R, trans_sllw },
    { M_F7, OPC(0x3b) | F3(5) | F7(0x00), RISCV_FMT_R, trans_srlw },
    { M_F7, OPC(0x3b) | F3(5) | F7(0x20), RISCV_FMT_R, trans_sraw },
    /* FENCE ignores fm/pred/succ/rs1/rd (reserved encodings are hints). */
    { M_F3, OPC(0x0f) | F3(0), RISCV_FMT_I, trans_fence },
    { M_F3, OPC(0x0f) | F3(1), RISCV_FMT_I, trans_fence_i },
    { 0xffffffffu, 0x00000073u, RISCV_FMT_R, trans_ecall },
    { 0xffffffffu, 0x00100073u, RISCV_FMT_R, riscv_trans_ebreak },
};

const RISCVInsnTable riscv_rvi_table = RISCV_INSN_TABLE("rv64i", rvi_defs);
