/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * RISC-V ACLINT MSWI + MTIMER (RISC-V ACLINT specification v1.0) at the
 * CLINT offsets. Registers are 32-bit (msip) and 64-bit (mtimecmp, mtime);
 * the 64-bit ones also take 32-bit accesses to either half, as RV32
 * software and some firmware use them.
 */
#include "devices/riscv-aclint.h"

#include <stdlib.h>

#include "io/main-loop.h"
#include "util/cutils.h"

/* 10 MHz: one tick is 100 ns. */
#define NS_PER_TICK (1000000000ull / RISCV_ACLINT_FREQ_HZ)

static uint64_t aclint_ticks_since_start(const RiscvAclint *s)
{
    int64_t ns = s->now_ns() - s->start_ns;

    return ns > 0 ? (uint64_t)ns / NS_PER_TICK : 0;
}

uint64_t riscv_aclint_read_mtime(void *opaque)
{
    RiscvAclint *s = opaque;

    return aclint_ticks_since_start(s) + atomic_load(&s->delta);
}

static void aclint_set_mtip(RiscvAclintHart *h, bool level)
{
    if (h->mtip != level) {
        h->mtip = level;
        irq_line_set(&h->mtip_line, level);
    }
}

/*
 * MTIP follows mtime >= mtimecmp. When the compare is in the future, the
 * timer is armed for the host time mtime reaches it; a deadline further
 * away than the host clock can express (mtimecmp all ones, the reset
 * value) arms nothing.
 */
static void aclint_update_timer(RiscvAclintHart *h)
{
    RiscvAclint *s = h->aclint;
    uint64_t now = riscv_aclint_read_mtime(s);
    uint64_t wait;

    if (h->mtimecmp <= now) {
        main_loop_timer_del(h->timer);
        aclint_set_mtip(h, true);
        return;
    }
    aclint_set_mtip(h, false);
    wait = h->mtimecmp - now;
    if (wait > (uint64_t)INT64_MAX / NS_PER_TICK / 2) {
        main_loop_timer_del(h->timer);
        return;
    }
    main_loop_timer_mod(h->timer, s->now_ns() + (int64_t)(wait * NS_PER_TICK));
}

void riscv_aclint_timer_expired(void *opaque)
{
    aclint_update_timer(opaque);
}

/* Replace the bytes [shift/8, shift/8 + size) of a 64-bit register. */
static uint64_t deposit64(uint64_t old, unsigned shift, unsigned size,
                          uint64_t val)
{
    uint64_t mask = size == 8 ? UINT64_MAX : ((1ull << (size * 8)) - 1);

    return (old & ~(mask << shift)) | ((val & mask) << shift);
}

static uint64_t aclint_read(void *opaque, uint64_t offset, unsigned size)
{
    RiscvAclint *s = opaque;
    unsigned shift = (offset & 7) * 8;
    uint64_t reg;

    if (offset < RISCV_ACLINT_MTIMECMP_BASE) {
        unsigned h = offset / 4;

        if (h < s->nr_harts && size == 4) {
            return s->harts[h].msip;
        }
        return 0;
    }
    if (offset >= RISCV_ACLINT_MTIME + 8) {
        return 0;                       /* reserved up to the region's end */
    }
    if (offset >= RISCV_ACLINT_MTIME) {
        reg = riscv_aclint_read_mtime(s);
    } else {
        unsigned h = (offset - RISCV_ACLINT_MTIMECMP_BASE) / 8;

        if (h >= s->nr_harts) {
            return 0;
        }
        reg = s->harts[h].mtimecmp;
    }
    return size == 8 ? reg : (uint32_t)(reg >> shift);
}

static void aclint_write(void *opaque, uint64_t offset, uint64_t value,
                         unsigned size)
{
    RiscvAclint *s = opaque;
    unsigned shift = (offset & 7) * 8;

    if (offset < RISCV_ACLINT_MTIMECMP_BASE) {
        unsigned h = offset / 4;

        if (h < s->nr_harts && size == 4) {
            /* Only bit 0 is implemented; the rest reads zero (WARL). */
            s->harts[h].msip = value & 1;
            irq_line_set(&s->harts[h].msip_line, value & 1);
        }
        return;
    }
    if (offset >= RISCV_ACLINT_MTIME + 8) {
        return;                         /* reserved: writes ignored */
    }
    if (offset >= RISCV_ACLINT_MTIME) {
        uint64_t now = riscv_aclint_read_mtime(s);
        uint64_t mtime = deposit64(now, shift, size, value);

        atomic_store(&s->delta, mtime - aclint_ticks_since_start(s));
        /* Every compare is relative to mtime: re-evaluate them all. */
        for (unsigned h = 0; h < s->nr_harts; h++) {
            aclint_update_timer(&s->harts[h]);
        }
        return;
    }
    {
        unsigned h = (offset - RISCV_ACLINT_MTIMECMP_BASE) / 8;
        RiscvAclintHart *hart;

        if (h >= s->nr_harts) {
            return;
        }
        hart = &s->harts[h];
        hart->mtimecmp = deposit64(hart->mtimecmp, shift, size, value);
        aclint_update_timer(hart);
    }
}

static const MemoryRegionOps aclint_ops = {
    .read = aclint_read,
    .write = aclint_write,
    .valid_min = 4,
    .valid_max = 8,
    .impl_min = 4,
    .impl_max = 8,
    .aligned = true,
};

void riscv_aclint_reset(RiscvAclint *s)
{
    s->start_ns = s->now_ns();
    atomic_store(&s->delta, 0);
    for (unsigned i = 0; i < s->nr_harts; i++) {
        RiscvAclintHart *h = &s->harts[i];

        main_loop_timer_del(h->timer);
        h->msip = 0;
        irq_line_set(&h->msip_line, 0);
        h->mtimecmp = UINT64_MAX;
        h->mtip = false;
        irq_line_set(&h->mtip_line, 0);
    }
}

void riscv_aclint_init(RiscvAclint *s, unsigned nr_harts, const IRQLine *msip,
                       const IRQLine *mtip, int64_t (*now_ns)(void))
{
    s->nr_harts = nr_harts;
    s->now_ns = now_ns ? now_ns : clock_monotonic_ns;
    s->harts = xzalloc(sizeof(*s->harts) * nr_harts);
    for (unsigned i = 0; i < nr_harts; i++) {
        RiscvAclintHart *h = &s->harts[i];

        h->aclint = s;
        h->index = i;
        h->msip_line = msip[i];
        h->mtip_line = mtip[i];
        h->timer = main_loop_timer_new(riscv_aclint_timer_expired, h);
    }
    memory_region_init_io(&s->mr, "riscv.aclint", RISCV_ACLINT_SIZE,
                          &aclint_ops, s);
    riscv_aclint_reset(s);
}

void riscv_aclint_destroy(RiscvAclint *s)
{
    for (unsigned i = 0; i < s->nr_harts; i++) {
        main_loop_timer_free(s->harts[i].timer);
    }
    free(s->harts);
    s->harts = NULL;
    memory_region_destroy(&s->mr);
}
