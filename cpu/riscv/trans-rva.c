/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * RV64A: LR/SC and the AMOs, word and doubleword. All go through helpers
 * (amo-helper.c) that use host atomics on the guest address, so they are
 * atomic between guest threads running on separate host threads. aq and
 * rl are honoured with full barriers around the access.
 */
#include "cpu/riscv/helper.h"
#include "cpu/riscv/translate.h"

typedef enum { ATOMIC_LR, ATOMIC_SC, ATOMIC_AMO } AtomicKind;

static bool gen_atomic(DisasContext *ctx, const RISCVArgs *a, AtomicKind kind)
{
    TCGvI64 ret = tcg_temp_new_i64();
    TCGvI32 insn = tcg_constant_i32((int32_t)ctx->insn);
    TCGvI64 addr = riscv_get_gpr(a->rs1), src = riscv_get_gpr(a->rs2);
    TCGTemp *args[4];
    static const TCGHelperInfo *const infos[] = {
        [ATOMIC_LR] = &helper_info_riscv_lr,
        [ATOMIC_SC] = &helper_info_riscv_sc,
        [ATOMIC_AMO] = &helper_info_riscv_amo,
    };

    if (a->rl) {
        tcg_gen_mb(TCG_MO_ALL);
    }
    /* Misaligned addresses and faults raise at this instruction. */
    riscv_gen_sync_pc(ctx);
    /* Pointers only once every temp exists (a new temp may move them). */
    args[0] = riscv_env_temp();
    args[1] = tcgv_i32_temp(insn);
    args[2] = tcgv_i64_temp(addr);
    args[3] = tcgv_i64_temp(src);
    riscv_gen_call(infos[kind], tcgv_i64_temp(ret), args);
    if (a->aq) {
        tcg_gen_mb(TCG_MO_ALL);
    }
    riscv_set_gpr(a->rd, ret);
    return true;
}

static bool trans_lr(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_atomic(ctx, a, ATOMIC_LR);
}

static bool trans_sc(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_atomic(ctx, a, ATOMIC_SC);
}

static bool trans_amo(DisasContext *ctx, const RISCVArgs *a)
{
    return gen_atomic(ctx, a, ATOMIC_AMO);
}

#define F5(x) ((uint32_t)(x) << 27)
#define M_F5 (M_F3 | F5(0x1f))
#define M_LR (M_F5 | (0x1fu << 20))

#define AMO_ROWS(f3)                                                   \
    { M_LR, OPC(0x2f) | F3(f3) | F5(0x02), RISCV_FMT_R, trans_lr },    \
    { M_F5, OPC(0x2f) | F3(f3) | F5(0x03), RISCV_FMT_R, trans_sc },    \
    { M_F5, OPC(0x2f) | F3(f3) | F5(0x01), RISCV_FMT_R, trans_amo },   \
    { M_F5, OPC(0x2f) | F3(f3) | F5(0x00), RISCV_FMT_R, trans_amo },   \
    { M_F5, OPC(0x2f) | F3(f3) | F5(0x04), RISCV_FMT_R, trans_amo },   \
    { M_F5, OPC(0x2f) | F3(f3) | F5(0x0c), RISCV_FMT_R, trans_amo },   \
    { M_F5, OPC(0x2f) | F3(f3) | F5(0x08), RISCV_FMT_R, trans_amo },   \
    { M_F5, OPC(0x2f) | F3(f3) | F5(0x10), RISCV_FMT_R, trans_amo },   \
    { M_F5, OPC(0x2f) | F3(f3) | F5(0x14), RISCV_FMT_R, trans_amo },   \
    { M_F5, OPC(0x2f) | F3(f3) | F5(0x18), RISCV_FMT_R, trans_amo },   \
    { M_F5, OPC(0x2f) | F3(f3) | F5(0x1c), RISCV_FMT_R, trans_amo }

static const RISCVInsnDef rva_defs[] = {
    AMO_ROWS(2),   /* .W */
    AMO_ROWS(3),   /* .D */
};

const RISCVInsnTable riscv_rva_table = RISCV_INSN_TABLE("rv64a", rva_defs);
