/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Zicsr: CSRRW/CSRRS/CSRRC and their immediate forms, all through one
 * helper that decodes the instruction bits itself (csr.c). A CSR write
 * may change the rounding mode or (system mode) the privileged state the
 * TB flags hold, so the TB ends after it.
 */
#include "cpu/riscv/helper.h"
#include "cpu/riscv/translate.h"

static bool gen_csr_call(DisasContext *ctx, const RISCVArgs *a)
{
    TCGvI64 ret = tcg_temp_new_i64();
    bool is_imm = a->rm & 4;
    TCGvI32 insn = tcg_constant_i32((int32_t)ctx->insn);
    TCGvI64 src = is_imm ? tcg_constant_i64(0) : riscv_get_gpr(a->rs1);
    TCGTemp *args[3];

    riscv_gen_sync_pc(ctx);
    /* TCGTemp pointers go stale when a new temp grows the array: take
     * them only once every temp of the call exists. */
    args[0] = riscv_env_temp();
    args[1] = tcgv_i32_temp(insn);
    args[2] = tcgv_i64_temp(src);
    riscv_gen_call(&helper_info_riscv_csr, tcgv_i64_temp(ret), args);
    riscv_set_gpr(a->rd, ret);
    if ((a->rm & 3) == 1 || a->rs1 != 0) {
        /* frm, and in system mode mstatus, satp...: TB flags: look up anew */
        bool sets_frm = a->imm == 0x002 || a->imm == 0x003;

        ctx->is_jmp = ctx->system || sets_frm ? RISCV_JMP_LOOKUP
                                              : RISCV_JMP_STOP;
    }
    return true;
}

static bool trans_csr(DisasContext *ctx, const RISCVArgs *a)
{
    return riscv_trans_fflags_csr(ctx, a) || gen_csr_call(ctx, a);
}

static const RISCVInsnDef zicsr_defs[] = {
    { M_F3, OPC(0x73) | F3(1), RISCV_FMT_CSR, trans_csr },
    { M_F3, OPC(0x73) | F3(2), RISCV_FMT_CSR, trans_csr },
    { M_F3, OPC(0x73) | F3(3), RISCV_FMT_CSR, trans_csr },
    { M_F3, OPC(0x73) | F3(5), RISCV_FMT_CSR, trans_csr },
    { M_F3, OPC(0x73) | F3(6), RISCV_FMT_CSR, trans_csr },
    { M_F3, OPC(0x73) | F3(7), RISCV_FMT_CSR, trans_csr },
};

const RISCVInsnTable riscv_zicsr_table = RISCV_INSN_TABLE("zicsr", zicsr_defs);
