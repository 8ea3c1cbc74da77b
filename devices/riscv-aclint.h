/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * RISC-V ACLINT in the SiFive CLINT layout (one 64 KiB region, as QEMU's
 * virt board maps it): MSWI msip[h] at 4*h, MTIMER mtimecmp[h] at
 * 0x4000 + 8*h and mtime at 0xbff8. mtime counts at 10 MHz
 * (RISCV_ACLINT_FREQ_HZ) from the host's CLOCK_MONOTONIC; it starts at 0
 * when the device is created or reset and may be written. mtimecmp[h] <=
 * mtime drives hart h's MTIP line, re-evaluated on every write and at the
 * deadline by a main-loop timer; msip[h] bit 0 drives its MSIP line.
 */
#ifndef DEVICES_RISCV_ACLINT_H
#define DEVICES_RISCV_ACLINT_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "devices/irq.h"
#include "memory/memory.h"

#define RISCV_ACLINT_SIZE 0x10000
#define RISCV_ACLINT_MTIMECMP_BASE 0x4000
#define RISCV_ACLINT_MTIME 0xbff8
#define RISCV_ACLINT_MAX_HARTS 4095
#define RISCV_ACLINT_FREQ_HZ 10000000ull

typedef struct MainLoopTimer MainLoopTimer;

typedef struct RiscvAclintHart {
    IRQLine msip_line, mtip_line;
    uint32_t msip;
    uint64_t mtimecmp;
    bool mtip;               /* level last driven on mtip_line */
    MainLoopTimer *timer;    /* fires at the mtimecmp deadline */
    struct RiscvAclint *aclint;
    unsigned index;
} RiscvAclintHart;

typedef struct RiscvAclint {
    MemoryRegion mr;
    unsigned nr_harts;
    RiscvAclintHart *harts;
    /* host clock in ns; clock_monotonic_ns, replaced by tests */
    int64_t (*now_ns)(void);
    int64_t start_ns;        /* host time of mtime's epoch */
    _Atomic uint64_t delta;  /* mtime = ticks since start_ns + delta */
} RiscvAclint;

/*
 * Initialise an ACLINT for nr_harts harts (1..RISCV_ACLINT_MAX_HARTS),
 * unmapped (s->mr is ready). msip[i] and mtip[i] are hart i's lines.
 * now_ns NULL means CLOCK_MONOTONIC.
 */
void riscv_aclint_init(RiscvAclint *s, unsigned nr_harts, const IRQLine *msip,
                       const IRQLine *mtip, int64_t (*now_ns)(void));
/* Power-on state: mtime 0, mtimecmp all ones, msip 0, lines low. */
void riscv_aclint_reset(RiscvAclint *s);
void riscv_aclint_destroy(RiscvAclint *s);

/* mtime now; any thread, no lock (the harts' time CSR). */
uint64_t riscv_aclint_read_mtime(void *opaque);

/* For the main-loop timer of hart h (exposed for tests). */
void riscv_aclint_timer_expired(void *opaque);

#endif
