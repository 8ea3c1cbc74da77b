/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The built-in SBI of the virt board (RISC-V SBI specification v1.0):
 * what the kernel calls with ECALL from S mode when no -bios firmware
 * runs. Base, TIME, IPI, RFENCE, HSM and SRST, plus the legacy console,
 * set_timer and shutdown calls (earlycon=sbi).
 */
#ifndef MACHINES_VIRT_SBI_H
#define MACHINES_VIRT_SBI_H

#include <stdatomic.h>
#include <stdint.h>

#include "cpu/riscv/hart.h"

typedef struct Serial16550 Serial16550;

#define SBI_SPEC_VERSION 0x01000000     /* v1.0: major << 24 | minor */
/*
 * Implementation ID: SBI implementations are numbered by the spec's
 * table (0 BBL, 1 OpenSBI, ... 11 bhyve). Janus takes the ASCII "JANU",
 * far from the assigned range.
 */
#define SBI_IMPL_ID_JANUS 0x4a414e55
#define SBI_IMPL_VERSION 1

enum {
    SBI_SUCCESS = 0,
    SBI_ERR_FAILED = -1,
    SBI_ERR_NOT_SUPPORTED = -2,
    SBI_ERR_INVALID_PARAM = -3,
    SBI_ERR_DENIED = -4,
    SBI_ERR_INVALID_ADDRESS = -5,
    SBI_ERR_ALREADY_AVAILABLE = -6,
    SBI_ERR_ALREADY_STARTED = -7,
    SBI_ERR_ALREADY_STOPPED = -8,
};

enum {
    SBI_EXT_LEGACY_SET_TIMER = 0x00,
    SBI_EXT_LEGACY_CONSOLE_PUTCHAR = 0x01,
    SBI_EXT_LEGACY_CONSOLE_GETCHAR = 0x02,
    SBI_EXT_LEGACY_SHUTDOWN = 0x08,
    SBI_EXT_BASE = 0x10,
    SBI_EXT_TIME = 0x54494d45,     /* "TIME" */
    SBI_EXT_IPI = 0x735049,        /* "sPI" */
    SBI_EXT_RFENCE = 0x52464e43,   /* "RFNC" */
    SBI_EXT_HSM = 0x48534d,        /* "HSM" */
    SBI_EXT_SRST = 0x53525354,     /* "SRST" */
};

/* HSM hart states (hart_get_status). */
enum {
    SBI_HSM_STARTED = 0,
    SBI_HSM_STOPPED = 1,
    SBI_HSM_START_PENDING = 2,
    SBI_HSM_STOP_PENDING = 3,
};

typedef struct RiscvSbi {
    Machine *machine;
    unsigned nr_harts;
    CPU **harts;                   /* index = hartid */
    uint64_t ram_base, ram_size;   /* where hart_start may jump */
    Serial16550 *console;          /* legacy getchar; may be NULL */
    Chardev *console_chr;          /* legacy putchar; may be NULL */
} RiscvSbi;

void riscv_sbi_init(RiscvSbi *sbi, Machine *m, CPU **harts, unsigned nr_harts,
                    uint64_t ram_base, uint64_t ram_size,
                    Serial16550 *console, Chardev *console_chr);

/* The RiscvSbiHandler (hart.h); opaque is the RiscvSbi. */
void riscv_sbi_ecall(CPU *cpu, CPURISCVState *env, void *opaque);

#endif
