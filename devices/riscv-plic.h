/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * RISC-V PLIC (platform-level interrupt controller, RISC-V PLIC
 * specification 1.0.0) with level-triggered sources, in the layout of
 * QEMU's virt board: priorities at 0, the pending bitmap at 0x1000, the
 * enable bitmaps of context c at 0x2000 + 0x80*c, and its threshold and
 * claim/complete registers at 0x200000 + 0x1000*c. Each context drives
 * one output line (a hart's MEIP or SEIP); the board chooses which.
 */
#ifndef DEVICES_RISCV_PLIC_H
#define DEVICES_RISCV_PLIC_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/irq.h"
#include "memory/memory.h"

#define RISCV_PLIC_MAX_SOURCES 1024
#define RISCV_PLIC_MAX_CONTEXTS 15872
#define RISCV_PLIC_MAX_PRIORITY 7     /* 3 priority bits, as QEMU's virt */
#define RISCV_PLIC_PENDING_BASE 0x1000
#define RISCV_PLIC_ENABLE_BASE 0x2000
#define RISCV_PLIC_ENABLE_STRIDE 0x80
#define RISCV_PLIC_CONTEXT_BASE 0x200000
#define RISCV_PLIC_CONTEXT_STRIDE 0x1000

typedef struct RiscvPlicContext {
    uint32_t *enable;        /* bitmap, one bit per source */
    uint32_t threshold;
    IRQLine out;
    bool level;              /* what out was last driven to */
} RiscvPlicContext;

typedef struct RiscvPlic {
    MemoryRegion mr;
    unsigned nr_sources;     /* including source 0, which does not exist */
    unsigned nr_words;       /* 32-bit words per bitmap */
    unsigned nr_contexts;
    uint32_t *priority;
    uint32_t *pending;       /* gateway has forwarded, not yet claimed */
    uint32_t *claimed;       /* claimed, completion not yet seen */
    uint32_t *input;         /* level of each source line */
    RiscvPlicContext *contexts;
} RiscvPlic;

/*
 * Initialise a PLIC with nr_sources sources (ids 1..nr_sources-1) and
 * nr_contexts contexts whose outputs are out[0..nr_contexts-1]. The region
 * is size bytes (it must cover every context) and left unmapped in s->mr.
 */
void riscv_plic_init(RiscvPlic *s, unsigned nr_sources, unsigned nr_contexts,
                     const IRQLine *out, uint64_t size);
/* Power-on state: all priorities, enables, thresholds 0, nothing pending. */
void riscv_plic_reset(RiscvPlic *s);
void riscv_plic_destroy(RiscvPlic *s);

/* The input line of source n: pass as IRQLine to a device. */
IRQLine riscv_plic_source(RiscvPlic *s, unsigned n);
/* Drive source n (what the IRQLine does). */
void riscv_plic_set_source(void *opaque, int n, int level);

#endif
