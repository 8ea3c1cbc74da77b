/* SPDX-License-Identifier: GPL-2.0-or-later */
/* RISC-V (RV64) architectural state, as TCG works on it. */
#ifndef CPU_RISCV_CPU_STATE_H
#define CPU_RISCV_CPU_STATE_H

#include <stdbool.h>
#include <stdint.h>

/* Exception causes (mcause values) and loop-level exits. */
enum {
    RISCV_EXCP_INST_ADDR_MIS = 0,
    RISCV_EXCP_INST_ACCESS_FAULT = 1,
    RISCV_EXCP_ILLEGAL_INST = 2,
    RISCV_EXCP_BREAKPOINT = 3,
    RISCV_EXCP_LOAD_ADDR_MIS = 4,
    RISCV_EXCP_LOAD_ACCESS_FAULT = 5,
    RISCV_EXCP_STORE_AMO_ADDR_MIS = 6,
    RISCV_EXCP_STORE_AMO_ACCESS_FAULT = 7,
    RISCV_EXCP_U_ECALL = 8,
    RISCV_EXCP_S_ECALL = 9,
    RISCV_EXCP_M_ECALL = 11,
    RISCV_EXCP_INST_PAGE_FAULT = 12,
    RISCV_EXCP_LOAD_PAGE_FAULT = 13,
    RISCV_EXCP_STORE_PAGE_FAULT = 15,
};

struct CPUArchState {
    uint64_t gpr[32];       /* x0 is kept 0 */
    uint64_t fpr[32];       /* NaN-boxed singles */
    uint64_t pc;
    uint32_t fflags;        /* accrued exception flags (fcsr[4:0]) */
    uint32_t frm;           /* rounding mode (fcsr[7:5]) */
    /* LR/SC reservation */
    uint64_t load_res;
    uint64_t load_val;
    /* exception details for the cpu loop */
    uint64_t badaddr;       /* tval */
    /* privileged state (system mode, later) */
    uint8_t priv;
};

typedef struct CPUArchState CPURISCVState;

#endif
