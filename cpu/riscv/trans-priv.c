/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The privileged instructions: MRET, SRET, WFI, SFENCE.VMA. Each is a
 * helper call (trap.c) that checks the privilege at run time, so one
 * translation serves every mode; user mode (janus-riscv64) runs in U mode
 * where all of them are illegal instructions.
 */
#include "cpu/riscv/helper.h"
#include "cpu/riscv/translate.h"

static void gen_priv_call(DisasContext *ctx, const TCGHelperInfo *info)
{
    TCGvI32 insn = tcg_constant_i32((int32_t)ctx->insn);
    TCGTemp *args[2];

    riscv_gen_sync_pc(ctx);
    /* Pointers only once every temp exists (a new temp may move them). */
    args[0] = riscv_env_temp();
    args[1] = tcgv_i32_temp(insn);
    riscv_gen_call(info, NULL, args);
}

/* xRET: the helper set pc and the privilege; find the TB from there. */
static bool trans_xret(DisasContext *ctx, const TCGHelperInfo *info)
{
    gen_priv_call(ctx, info);
    tcg_gen_lookup_and_goto_ptr();
    ctx->is_jmp = RISCV_JMP_NORETURN;
    return true;
}

static bool trans_mret(DisasContext *ctx, const RISCVArgs *a)
{
    return trans_xret(ctx, &helper_info_riscv_mret);
}

static bool trans_sret(DisasContext *ctx, const RISCVArgs *a)
{
    return trans_xret(ctx, &helper_info_riscv_sret);
}

/* WFI: the helper returns if an interrupt is already waiting; the TB
 * ends so the loop takes it. */
static bool trans_wfi(DisasContext *ctx, const RISCVArgs *a)
{
    gen_priv_call(ctx, &helper_info_riscv_wfi);
    ctx->is_jmp = RISCV_JMP_LOOKUP;
    return true;
}

/* SFENCE.VMA: ends the TB so later fetches use the new translations. */
static bool trans_sfence_vma(DisasContext *ctx, const RISCVArgs *a)
{
    TCGvI32 insn = tcg_constant_i32((int32_t)ctx->insn);
    TCGvI64 addr = riscv_get_gpr(a->rs1);
    TCGTemp *args[3];

    riscv_gen_sync_pc(ctx);
    args[0] = riscv_env_temp();
    args[1] = tcgv_i32_temp(insn);
    args[2] = tcgv_i64_temp(addr);
    riscv_gen_call(&helper_info_riscv_sfence_vma, NULL, args);
    ctx->is_jmp = RISCV_JMP_LOOKUP;
    return true;
}

static const RISCVInsnDef priv_defs[] = {
    { 0xffffffffu, 0x30200073u, RISCV_FMT_R, trans_mret },
    { 0xffffffffu, 0x10200073u, RISCV_FMT_R, trans_sret },
    { 0xffffffffu, 0x10500073u, RISCV_FMT_R, trans_wfi },
    { 0xfe007fffu, 0x12000073u, RISCV_FMT_R, trans_sfence_vma },
};

const RISCVInsnTable riscv_priv_table = RISCV_INSN_TABLE("priv", priv_defs);
