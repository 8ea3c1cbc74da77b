/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The exception helper; the CSRs are in csr.c, the system insns in trap.c. */
#include "accel/tcg/tcg.h"   /* TranslationBlock typedef, needed by tcg-exec.h */
#include "accel/tcg/tcg-exec.h"
#include "cpu/riscv/helper.h"

void helper_riscv_raise_exception(CPURISCVState *env, uint32_t excp)
{
    tcg_raise_exception(tcg_current_cpu(), (int)excp, 0);
}

const TCGHelperInfo helper_info_riscv_raise_exception = {
    .func = (void *)helper_riscv_raise_exception,
    .name = "riscv_raise_exception",
    .typemask = TCG_HELPER_TYPE(0, TCG_HELPER_VOID) |
                TCG_HELPER_TYPE(1, TCG_HELPER_PTR) |
                TCG_HELPER_TYPE(2, TCG_HELPER_I32),
    .nb_args = 2,
};
