/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * RISC-V PLIC. The gateway of each source is level-triggered: while the
 * line is high and the source is not already pending or in service, it
 * becomes pending. A claim hands out the highest-priority pending source
 * enabled for the context whose priority exceeds the threshold (ties: the
 * lowest id) and clears its pending bit; the source then stays in service
 * until the context writes its id to the complete register, after which a
 * still-high line makes it pending again.
 */
#include "devices/riscv-plic.h"

#include <stdlib.h>
#include <string.h>

#include "util/cutils.h"

#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))

static bool bit_test(const uint32_t *map, unsigned n)
{
    return map[n / 32] & (1u << (n % 32));
}

static void bit_assign(uint32_t *map, unsigned n, bool v)
{
    if (v) {
        map[n / 32] |= 1u << (n % 32);
    } else {
        map[n / 32] &= ~(1u << (n % 32));
    }
}

/* The source the context would get from a claim now, 0 if none. */
static unsigned plic_best_source(const RiscvPlic *s, const RiscvPlicContext *c)
{
    unsigned best = 0;
    uint32_t best_prio = c->threshold;

    for (unsigned w = 0; w < s->nr_words; w++) {
        uint32_t cand = s->pending[w] & c->enable[w];

        while (cand) {
            unsigned n = w * 32 + __builtin_ctz(cand);

            cand &= cand - 1;
            if (s->priority[n] > best_prio) {
                best_prio = s->priority[n];
                best = n;
            }
        }
    }
    return best;
}

static void plic_update(RiscvPlic *s)
{
    for (unsigned i = 0; i < s->nr_contexts; i++) {
        RiscvPlicContext *c = &s->contexts[i];
        bool level = plic_best_source(s, c) != 0;

        if (level != c->level) {
            c->level = level;
            irq_line_set(&c->out, level);
        }
    }
}

/* The gateway: forward a high line unless the source is already busy. */
static void plic_gateway(RiscvPlic *s, unsigned n)
{
    if (bit_test(s->input, n) && !bit_test(s->claimed, n)) {
        bit_assign(s->pending, n, true);
    }
}

void riscv_plic_set_source(void *opaque, int n, int level)
{
    RiscvPlic *s = opaque;

    if (n <= 0 || (unsigned)n >= s->nr_sources) {
        return;
    }
    bit_assign(s->input, n, level);
    /*
     * A pending request whose line dropped before the claim is withdrawn:
     * for level-triggered devices the condition is gone.
     */
    if (!level) {
        bit_assign(s->pending, n, false);
    }
    plic_gateway(s, n);
    plic_update(s);
}

IRQLine riscv_plic_source(RiscvPlic *s, unsigned n)
{
    return irq_line_make(riscv_plic_set_source, s, n);
}

static uint32_t plic_claim(RiscvPlic *s, RiscvPlicContext *c)
{
    unsigned n = plic_best_source(s, c);

    if (n) {
        bit_assign(s->pending, n, false);
        bit_assign(s->claimed, n, true);
        plic_update(s);
    }
    return n;
}

static void plic_complete(RiscvPlic *s, RiscvPlicContext *c, uint32_t n)
{
    /* The spec ignores ids that are not enabled for the context. */
    if (n == 0 || n >= s->nr_sources || !bit_test(c->enable, n)) {
        return;
    }
    bit_assign(s->claimed, n, false);
    plic_gateway(s, n);
    plic_update(s);
}

static uint64_t plic_read(void *opaque, uint64_t offset, unsigned size)
{
    RiscvPlic *s = opaque;

    if (offset < RISCV_PLIC_PENDING_BASE) {
        unsigned n = offset / 4;

        return n < s->nr_sources ? s->priority[n] : 0;
    }
    if (offset < RISCV_PLIC_ENABLE_BASE) {
        unsigned w = (offset - RISCV_PLIC_PENDING_BASE) / 4;

        return w < s->nr_words ? s->pending[w] : 0;
    }
    if (offset < RISCV_PLIC_CONTEXT_BASE) {
        uint64_t rel = offset - RISCV_PLIC_ENABLE_BASE;
        unsigned ctx = rel / RISCV_PLIC_ENABLE_STRIDE;
        unsigned w = (rel % RISCV_PLIC_ENABLE_STRIDE) / 4;

        if (ctx < s->nr_contexts && w < s->nr_words) {
            return s->contexts[ctx].enable[w];
        }
        return 0;
    }
    {
        uint64_t rel = offset - RISCV_PLIC_CONTEXT_BASE;
        unsigned ctx = rel / RISCV_PLIC_CONTEXT_STRIDE;
        unsigned reg = rel % RISCV_PLIC_CONTEXT_STRIDE;

        if (ctx >= s->nr_contexts) {
            return 0;
        }
        if (reg == 0) {
            return s->contexts[ctx].threshold;
        }
        if (reg == 4) {
            return plic_claim(s, &s->contexts[ctx]);
        }
        return 0;
    }
}

static void plic_write(void *opaque, uint64_t offset, uint64_t value,
                       unsigned size)
{
    RiscvPlic *s = opaque;
    uint32_t val = value;

    if (offset < RISCV_PLIC_PENDING_BASE) {
        unsigned n = offset / 4;

        /* Source 0 does not exist; priorities are WARL 0..7. */
        if (n > 0 && n < s->nr_sources) {
            s->priority[n] = MIN(val, RISCV_PLIC_MAX_PRIORITY);
            plic_update(s);
        }
        return;
    }
    if (offset < RISCV_PLIC_ENABLE_BASE) {
        return;  /* the pending bits are read-only */
    }
    if (offset < RISCV_PLIC_CONTEXT_BASE) {
        uint64_t rel = offset - RISCV_PLIC_ENABLE_BASE;
        unsigned ctx = rel / RISCV_PLIC_ENABLE_STRIDE;
        unsigned w = (rel % RISCV_PLIC_ENABLE_STRIDE) / 4;

        if (ctx < s->nr_contexts && w < s->nr_words) {
            if (w == 0) {
                val &= ~1u;  /* source 0 cannot be enabled */
            }
            if (w == s->nr_words - 1 && s->nr_sources % 32) {
                val &= (1u << (s->nr_sources % 32)) - 1;
            }
            s->contexts[ctx].enable[w] = val;
            plic_update(s);
        }
        return;
    }
    {
        uint64_t rel = offset - RISCV_PLIC_CONTEXT_BASE;
        unsigned ctx = rel / RISCV_PLIC_CONTEXT_STRIDE;
        unsigned reg = rel % RISCV_PLIC_CONTEXT_STRIDE;

        if (ctx >= s->nr_contexts) {
            return;
        }
        if (reg == 0) {
            s->contexts[ctx].threshold = MIN(val, RISCV_PLIC_MAX_PRIORITY);
            plic_update(s);
        } else if (reg == 4) {
            plic_complete(s, &s->contexts[ctx], val);
        }
    }
}

static const MemoryRegionOps plic_ops = {
    .read = plic_read,
    .write = plic_write,
    .valid_min = 4,
    .valid_max = 4,
    .aligned = true,
};

void riscv_plic_reset(RiscvPlic *s)
{
    size_t bytes = sizeof(uint32_t) * s->nr_words;

    memset(s->priority, 0, sizeof(uint32_t) * s->nr_sources);
    memset(s->pending, 0, bytes);
    memset(s->claimed, 0, bytes);
    /* The input lines are the devices' to drive; keep their levels. */
    for (unsigned i = 0; i < s->nr_contexts; i++) {
        RiscvPlicContext *c = &s->contexts[i];

        memset(c->enable, 0, bytes);
        c->threshold = 0;
        c->level = false;
        irq_line_set(&c->out, 0);
    }
    for (unsigned n = 1; n < s->nr_sources; n++) {
        plic_gateway(s, n);
    }
}

void riscv_plic_init(RiscvPlic *s, unsigned nr_sources, unsigned nr_contexts,
                     const IRQLine *out, uint64_t size)
{
    memset(s, 0, sizeof(*s));
    s->nr_sources = nr_sources;
    s->nr_words = DIV_ROUND_UP(nr_sources, 32);
    s->nr_contexts = nr_contexts;
    s->priority = xzalloc(sizeof(uint32_t) * nr_sources);
    s->pending = xzalloc(sizeof(uint32_t) * s->nr_words);
    s->claimed = xzalloc(sizeof(uint32_t) * s->nr_words);
    s->input = xzalloc(sizeof(uint32_t) * s->nr_words);
    s->contexts = xzalloc(sizeof(*s->contexts) * nr_contexts);
    for (unsigned i = 0; i < nr_contexts; i++) {
        s->contexts[i].enable = xzalloc(sizeof(uint32_t) * s->nr_words);
        s->contexts[i].out = out[i];
    }
    memory_region_init_io(&s->mr, "riscv.plic", size, &plic_ops, s);
    riscv_plic_reset(s);
}

void riscv_plic_destroy(RiscvPlic *s)
{
    for (unsigned i = 0; i < s->nr_contexts; i++) {
        free(s->contexts[i].enable);
    }
    free(s->contexts);
    free(s->priority);
    free(s->pending);
    free(s->claimed);
    free(s->input);
    memory_region_destroy(&s->mr);
}
