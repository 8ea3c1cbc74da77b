/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Helpers for exceptions and the Zicsr instructions. User mode has the
 * floating-point CSRs (fflags, frm, fcsr) and the read-only counters
 * (cycle, time, instret); every other CSR is an illegal instruction.
 */
#include <time.h>

#include "accel/tcg/tcg.h"   /* TranslationBlock typedef, needed by tcg-exec.h */
#include "accel/tcg/tcg-exec.h"
#include "cpu/riscv/helper.h"

enum {
    CSR_FFLAGS = 0x001, CSR_FRM = 0x002, CSR_FCSR = 0x003,
    CSR_CYCLE = 0xc00, CSR_TIME = 0xc01, CSR_INSTRET = 0xc02,
};

/* The time CSR ticks at 10 MHz, the timebase of the common riscv64
 * boards (and what Linux reports for them). */
#define RISCV_TIMEBASE_HZ 10000000ull

void helper_riscv_raise_exception(CPURISCVState *env, uint32_t excp)
{
    tcg_raise_exception(tcg_current_cpu(), (int)excp, 0);
}

static void csr_illegal(CPURISCVState *env, uint32_t insn)
{
    env->badaddr = insn;
    tcg_raise_exception(tcg_current_cpu(), RISCV_EXCP_ILLEGAL_INST, 0);
}

static uint64_t csr_host_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* Read CSR csr into *val; false if it does not exist. */
static bool csr_read(CPURISCVState *env, unsigned csr, uint64_t *val)
{
    switch (csr) {
    case CSR_FFLAGS:
        *val = env->fflags & 0x1f;
        return true;
    case CSR_FRM:
        *val = env->frm & 7;
        return true;
    case CSR_FCSR:
        *val = (env->frm & 7) << 5 | (env->fflags & 0x1f);
        return true;
    case CSR_CYCLE:
    case CSR_INSTRET:
        /* No cycle or instruction count is kept: nanoseconds stand in,
         * monotonic as both counters are. */
        *val = csr_host_ns();
        return true;
    case CSR_TIME:
        *val = csr_host_ns() / (1000000000ull / RISCV_TIMEBASE_HZ);
        return true;
    default:
        return false;
    }
}

static void csr_write(CPURISCVState *env, unsigned csr, uint64_t val)
{
    switch (csr) {
    case CSR_FFLAGS:
        env->fflags = val & 0x1f;
        break;
    case CSR_FRM:
        env->frm = val & 7;
        break;
    case CSR_FCSR:
        env->fflags = val & 0x1f;
        env->frm = (val >> 5) & 7;
        break;
    }
}

uint64_t helper_riscv_csr(CPURISCVState *env, uint32_t insn, uint64_t src)
{
    unsigned csr = insn >> 20;
    unsigned funct3 = (insn >> 12) & 7;
    unsigned rs1 = (insn >> 15) & 31;
    /* CSRRW[I] always write; CSRRS/C[I] only with a nonzero rs1/uimm. */
    bool write = (funct3 & 3) == 1 || rs1 != 0;
    uint64_t old, val;

    if (funct3 & 4) {
        src = rs1;   /* the immediate forms: uimm in the rs1 field */
    }
    if (!csr_read(env, csr, &old) || (write && (csr >> 10) == 3)) {
        csr_illegal(env, insn);
    }
    if (write) {
        switch (funct3 & 3) {
        case 1:
            val = src;
            break;
        case 2:
            val = old | src;
            break;
        default:
            val = old & ~src;
            break;
        }
        csr_write(env, csr, val);
    }
    return old;
}

const TCGHelperInfo helper_info_riscv_raise_exception = {
    .func = (void *)helper_riscv_raise_exception,
    .name = "riscv_raise_exception",
    .typemask = TCG_HELPER_TYPE(0, TCG_HELPER_VOID) |
                TCG_HELPER_TYPE(1, TCG_HELPER_PTR) |
                TCG_HELPER_TYPE(2, TCG_HELPER_I32),
    .nb_args = 2,
};

/* May raise: flags 0 (globals synced before, reloaded after). */
const TCGHelperInfo helper_info_riscv_csr = {
    .func = (void *)helper_riscv_csr, .name = "riscv_csr",
    .typemask = TCG_HELPER_TYPE(0, TCG_HELPER_I64) |
                TCG_HELPER_TYPE(1, TCG_HELPER_PTR) |
                TCG_HELPER_TYPE(2, TCG_HELPER_I32) |
                TCG_HELPER_TYPE(3, TCG_HELPER_I64),
    .nb_args = 3,
};
