/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Greedy local register allocator (see regalloc.h). Decisions are made
 * per op, in op order, from TCGOp.life (which inputs die here, which
 * outputs are dead) and a short forward scan for the next use of a
 * register's value when one has to be spilled.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "accel/tcg/regalloc.h"
#include "accel/tcg/tcg-internal.h"
#include "util/error.h"

/* How far ahead a spill decision looks for the next use. */
#define RA_SCAN_OPS 64

static void ra_give_home(RegAlloc *ra, unsigned t)
{
    RAVal *v = &ra->v[t];

    if (v->has_home) {
        return;
    }
    if (ra->nb_slots >= ra->c.max_slots) {
        fatal_internal("tcg: TB needs more than %u temp slots",
                       ra->c.max_slots);
    }
    v->has_home = true;
    v->home_base = ra->c.frame_reg;
    v->home_off = ra->c.slot_base + 8 * (intptr_t)ra->nb_slots++;
}

int ra_init(RegAlloc *ra, TCGContext *s, const RegAllocConfig *c)
{
    unsigned i, tb_temps = 0;

    memset(ra, 0, sizeof(*ra));
    ra->c = *c;
    ra->s = s;
    ra->v = calloc(s->nb_temps + 1, sizeof(RAVal));
    if (!ra->v) {
        fatal_internal("tcg: out of memory in the register allocator");
    }
    for (i = 0; i < RA_MAX_REGS; i++) {
        ra->reg_temp[i] = RA_FREE;
    }
    for (i = 0; i < s->nb_temps; i++) {
        if (s->temps[i].kind == TCG_TEMP_TB) {
            tb_temps++;
        }
    }
    if (tb_temps > c->max_slots) {
        error_report("tcg: TB needs more than %u temp slots", c->max_slots);
        free(ra->v);
        ra->v = NULL;
        return -E2BIG;
    }
    for (i = 0; i < s->nb_temps; i++) {
        const TCGTemp *ts = &s->temps[i];
        RAVal *v = &ra->v[i];

        switch (ts->kind) {
        case TCG_TEMP_FIXED:
            v->loc = RA_REG;
            v->reg = (int8_t)c->env_reg;
            v->coherent = true;
            break;
        case TCG_TEMP_GLOBAL:
            v->loc = RA_MEM;
            v->coherent = v->has_home = true;
            v->home_base = c->env_reg;
            v->home_off = ts->mem_offset;
            break;
        case TCG_TEMP_CONST:
            v->loc = RA_CONST;
            v->cval = ts->type == TCG_TYPE_I32 ? (int64_t)(int32_t)ts->val
                                               : ts->val;
            v->coherent = true;
            break;
        case TCG_TEMP_TB:
            v->loc = RA_MEM;   /* read before written: whatever the slot has */
            v->coherent = true;
            ra_give_home(ra, i);
            break;
        default:
            v->loc = RA_DEAD;
            break;
        }
    }
    return 0;
}

void ra_destroy(RegAlloc *ra)
{
    free(ra->v);
    ra->v = NULL;
}

static TCGType ra_type(const RegAlloc *ra, unsigned t)
{
    return ra->s->temps[t].type;
}

static TCGTempKind ra_kind(const RegAlloc *ra, unsigned t)
{
    return ra->s->temps[t].kind;
}

void ra_begin_op(RegAlloc *ra, unsigned op_idx)
{
    ra->op = &ra->s->ops[op_idx];
    ra->op_idx = op_idx;
    ra->locked = 0;
}

bool ra_dies(const RegAlloc *ra, unsigned t)
{
    const TCGOp *op = ra->op;
    unsigned j, nt = op->nb_oargs + op->nb_iargs;

    for (j = op->nb_oargs; j < nt; j++) {
        if (op->args[j] == t && (op->life & (1u << j))) {
            return true;
        }
    }
    return false;
}

/* t appears once among the current op's inputs. */
static bool ra_single_input(const RegAlloc *ra, unsigned t)
{
    const TCGOp *op = ra->op;
    unsigned j, n = 0, nt = op->nb_oargs + op->nb_iargs;

    for (j = op->nb_oargs; j < nt; j++) {
        n += op->args[j] == t;
    }
    return n == 1;
}

bool ra_const(const RegAlloc *ra, unsigned t, int64_t *val)
{
    if (ra->v[t].loc != RA_CONST) {
        return false;
    }
    *val = ra->v[t].cval;
    return true;
}

/* Write t's value to its home if the home is stale. */
static void ra_sync_temp(RegAlloc *ra, unsigned t)
{
    RAVal *v = &ra->v[t];
    TCGType type = ra_type(ra, t);

    if (v->coherent || ra_kind(ra, t) == TCG_TEMP_CONST ||
        ra_kind(ra, t) == TCG_TEMP_FIXED) {
        return;
    }
    ra_give_home(ra, t);
    switch (v->loc) {
    case RA_REG:
        ra->c.hooks->st(ra->c.opaque, type, v->reg, v->home_base,
                        v->home_off);
        break;
    case RA_CONST:
        if (!ra->c.hooks->sti(ra->c.opaque, type, v->cval, v->home_base,
                              v->home_off)) {
            ra->c.hooks->movi(ra->c.opaque, type, ra->c.scratch, v->cval);
            ra->c.hooks->st(ra->c.opaque, type, ra->c.scratch, v->home_base,
                            v->home_off);
        }
        break;
    default:
        return;   /* dead or already in memory */
    }
    v->coherent = true;
}

/*
 * A value the liveness pass declared dead: nothing is stored. For a
 * global that means it is overwritten before anything (a sync point
 * included: every block end, call reading globals and guest access
 * makes all globals live) could read env, so env's stale copy is as good
 * as any.
 */
static void ra_kill(RegAlloc *ra, unsigned t)
{
    RAVal *v = &ra->v[t];

    if (ra_kind(ra, t) == TCG_TEMP_GLOBAL) {
        v->loc = RA_MEM;
        v->coherent = true;
    } else {
        v->loc = RA_DEAD;
    }
}

/* t leaves its register (value kept in memory if it may be needed). */
static void ra_drop_reg(RegAlloc *ra, unsigned t, bool keep_value)
{
    RAVal *v = &ra->v[t];

    if (v->loc != RA_REG || ra_kind(ra, t) == TCG_TEMP_FIXED) {
        return;
    }
    ra->reg_temp[v->reg] = RA_FREE;
    if (keep_value) {
        ra_sync_temp(ra, t);
        v->loc = RA_MEM;
    } else {
        ra_kill(ra, t);
    }
}

/* Ops until t is next read (large if not soon). */
static unsigned ra_next_use(const RegAlloc *ra, unsigned t)
{
    unsigned k, j, end = ra->op_idx + RA_SCAN_OPS;

    if (end > ra->s->nb_ops) {
        end = ra->s->nb_ops;
    }
    for (k = ra->op_idx + 1; k < end; k++) {
        const TCGOp *op = &ra->s->ops[k];
        unsigned nt = op->nb_oargs + op->nb_iargs;

        for (j = op->nb_oargs; j < nt; j++) {
            if (op->args[j] == t) {
                return k - ra->op_idx;
            }
        }
        for (j = 0; j < op->nb_oargs; j++) {
            if (op->args[j] == t) {
                return RA_SCAN_OPS * 2;     /* overwritten before read */
            }
        }
    }
    return RA_SCAN_OPS;
}

static int ra_free_reg_in(const RegAlloc *ra, uint32_t mask)
{
    unsigned i;

    for (i = 0; i < ra->c.nb_order; i++) {
        int r = ra->c.order[i];

        if ((mask & (1u << r)) && ra->reg_temp[r] == RA_FREE &&
            !(ra->locked & (1u << r))) {
            return r;
        }
    }
    return -1;
}

/* A register of mask, free and unlocked (spilling one if need be). */
static int ra_alloc(RegAlloc *ra, uint32_t mask)
{
    int r, best = -1;
    unsigned best_dist = 0, i;

    mask &= ra->c.allocatable & ~ra->locked;
    r = ra_free_reg_in(ra, mask);
    if (r >= 0) {
        return r;
    }
    for (i = 0; i < ra->c.nb_order; i++) {
        int c = ra->c.order[i];
        unsigned d;
        int t;

        if (!(mask & (1u << c))) {
            continue;
        }
        t = ra->reg_temp[c];
        if (t < 0) {
            continue;
        }
        d = ra_next_use(ra, (unsigned)t) * 2 + (ra->v[t].coherent ? 1 : 0);
        if (best < 0 || d > best_dist) {
            best = c;
            best_dist = d;
        }
    }
    if (best < 0) {
        fatal_internal("tcg: no register left for an op (mask %#x)", mask);
    }
    ra_drop_reg(ra, (unsigned)ra->reg_temp[best], true);
    return best;
}

/* Make reg free: move its (unlocked) occupant to another register or
 * spill it. */
static void ra_evict(RegAlloc *ra, int reg)
{
    int t = ra->reg_temp[reg];
    int r;

    if (t == RA_FREE) {
        return;
    }
    if (t == RA_SCRATCH || (ra->locked & (1u << reg))) {
        fatal_internal("tcg: register %d needed twice by one op", reg);
    }
    r = ra_free_reg_in(ra, ra->c.allocatable & ~(1u << reg));
    if (r >= 0 && ra_next_use(ra, (unsigned)t) < RA_SCAN_OPS) {
        ra->c.hooks->mov(ra->c.opaque, ra_type(ra, (unsigned)t), r, reg);
        ra->reg_temp[r] = t;
        ra->v[t].reg = (int8_t)r;
        ra->reg_temp[reg] = RA_FREE;
    } else {
        ra_drop_reg(ra, (unsigned)t, true);
    }
}

/* Put t's value into register r (which is free or t's own). */
static void ra_load_into(RegAlloc *ra, unsigned t, int r)
{
    RAVal *v = &ra->v[t];
    TCGType type = ra_type(ra, t);

    switch (v->loc) {
    case RA_REG:
        if (v->reg != r) {
            ra->c.hooks->mov(ra->c.opaque, type, r, v->reg);
        }
        break;
    case RA_MEM:
        ra->c.hooks->ld(ra->c.opaque, type, r, v->home_base, v->home_off);
        break;
    case RA_CONST:
        ra->c.hooks->movi(ra->c.opaque, type, r, v->cval);
        break;
    default:
        /* read of a never-written temp: any value will do */
        ra->c.hooks->movi(ra->c.opaque, type, r, 0);
        break;
    }
}

/* Make register r t's home (after loading it there). */
static void ra_bind(RegAlloc *ra, unsigned t, int r, bool coherent)
{
    RAVal *v = &ra->v[t];

    v->loc = RA_REG;
    v->reg = (int8_t)r;
    v->coherent = coherent;
    ra->reg_temp[r] = (int)t;
}

int ra_in(RegAlloc *ra, unsigned t, uint32_t mask)
{
    RAVal *v = &ra->v[t];
    int r;

    if (v->loc == RA_REG && (mask & (1u << v->reg))) {
        ra->locked |= 1u << v->reg;
        return v->reg;
    }
    r = ra_alloc(ra, mask);
    ra_load_into(ra, t, r);
    if (v->loc == RA_MEM && ra_kind(ra, t) != TCG_TEMP_CONST) {
        ra_bind(ra, t, r, true);
    } else if (v->loc == RA_REG && !(ra->locked & (1u << v->reg)) &&
               ra_kind(ra, t) != TCG_TEMP_FIXED) {
        /* wrong class: move the home */
        ra->reg_temp[v->reg] = RA_FREE;
        ra_bind(ra, t, r, v->coherent);
    } else {
        ra->reg_temp[r] = RA_SCRATCH;
    }
    ra->locked |= 1u << r;
    return r;
}

/* t, dying here, gives up register r to the op (which overwrites it). */
static void ra_surrender(RegAlloc *ra, unsigned t, int r)
{
    ra_kill(ra, t);
    ra->reg_temp[r] = RA_SCRATCH;
}

int ra_in_copy(RegAlloc *ra, unsigned t, uint32_t mask)
{
    RAVal *v = &ra->v[t];
    int r;

    if (v->loc == RA_REG && (mask & (1u << v->reg)) && ra_dies(ra, t) &&
        ra_kind(ra, t) != TCG_TEMP_FIXED) {
        r = v->reg;
        ra_surrender(ra, t, r);
        ra->locked |= 1u << r;
        return r;
    }
    r = ra_alloc(ra, mask);
    ra_load_into(ra, t, r);
    ra->reg_temp[r] = RA_SCRATCH;
    ra->locked |= 1u << r;
    return r;
}

void ra_in_fixed(RegAlloc *ra, unsigned t, int reg, bool clobber)
{
    RAVal *v = &ra->v[t];

    if (v->loc == RA_REG && v->reg == reg) {
        if (clobber && ra_kind(ra, t) != TCG_TEMP_FIXED) {
            if (ra_dies(ra, t) && ra_single_input(ra, t)) {
                ra_surrender(ra, t, reg);
            } else {
                int r = ra_free_reg_in(ra, ra->c.allocatable &
                                           ~(1u << reg));

                if (r >= 0) {
                    ra->c.hooks->mov(ra->c.opaque, ra_type(ra, t), r, reg);
                    ra->reg_temp[r] = (int)t;
                    v->reg = (int8_t)r;
                } else {
                    ra_sync_temp(ra, t);
                    v->loc = RA_MEM;
                }
                ra->reg_temp[reg] = RA_SCRATCH;
            }
        }
        ra->locked |= 1u << reg;
        return;
    }
    ra_evict(ra, reg);
    ra_load_into(ra, t, reg);
    if (!clobber && v->loc == RA_MEM && ra_kind(ra, t) != TCG_TEMP_CONST) {
        ra_bind(ra, t, reg, true);
    } else {
        ra->reg_temp[reg] = RA_SCRATCH;
    }
    ra->locked |= 1u << reg;
}

void ra_reserve(RegAlloc *ra, int reg)
{
    ra_evict(ra, reg);
    ra->reg_temp[reg] = RA_SCRATCH;
    ra->locked |= 1u << reg;
}

/* t is about to get a new value: forget where the old one was. */
static void ra_forget(RegAlloc *ra, unsigned t)
{
    RAVal *v = &ra->v[t];

    if (ra_kind(ra, t) == TCG_TEMP_FIXED || ra_kind(ra, t) == TCG_TEMP_CONST) {
        fatal_internal("tcg: write to a constant or fixed temp");
    }
    if (v->loc == RA_REG && ra->reg_temp[v->reg] == (int)t) {
        /* still read by this op: the register stays busy until its end */
        ra->reg_temp[v->reg] = (ra->locked & (1u << v->reg)) ? RA_SCRATCH
                                                             : RA_FREE;
    }
    v->loc = RA_DEAD;
}

int ra_out(RegAlloc *ra, unsigned t, uint32_t mask)
{
    int r;

    ra_forget(ra, t);
    r = ra_alloc(ra, mask);
    ra_bind(ra, t, r, false);
    ra->locked |= 1u << r;
    return r;
}

void ra_out_reg(RegAlloc *ra, unsigned t, int reg)
{
    ra_forget(ra, t);
    if (ra->reg_temp[reg] >= 0) {
        ra_evict(ra, reg);
    }
    ra_bind(ra, t, reg, false);
    ra->locked |= 1u << reg;
}

void ra_out_const(RegAlloc *ra, unsigned t, int64_t val)
{
    RAVal *v = &ra->v[t];

    ra_forget(ra, t);
    v->loc = RA_CONST;
    v->cval = ra_type(ra, t) == TCG_TYPE_I32 ? (int64_t)(int32_t)val : val;
    v->coherent = false;
}

void ra_end_op(RegAlloc *ra)
{
    const TCGOp *op = ra->op;
    unsigned j, r, nt = op->nb_oargs + op->nb_iargs;

    for (r = 0; r < RA_MAX_REGS; r++) {
        if (ra->reg_temp[r] == RA_SCRATCH) {
            ra->reg_temp[r] = RA_FREE;
        }
    }
    for (j = op->nb_oargs; j < nt; j++) {
        unsigned t = (unsigned)op->args[j];
        RAVal *v = &ra->v[t];
        unsigned k;
        bool is_out = false;

        if (!(op->life & (1u << j))) {
            continue;
        }
        for (k = 0; k < op->nb_oargs; k++) {
            is_out |= op->args[k] == t;
        }
        if (is_out || ra_kind(ra, t) == TCG_TEMP_FIXED ||
            ra_kind(ra, t) == TCG_TEMP_CONST) {
            continue;
        }
        if (v->loc == RA_REG && ra->reg_temp[v->reg] == (int)t) {
            ra_drop_reg(ra, t, false);
        } else if (v->loc != RA_REG) {
            ra_kill(ra, t);
        }
    }
    for (j = 0; j < op->nb_oargs; j++) {
        unsigned t = (unsigned)op->args[j];

        if (op->life & (1u << j)) {
            if (ra->v[t].loc == RA_REG) {
                ra_drop_reg(ra, t, false);
            } else {
                ra_kill(ra, t);
            }
        }
    }
    ra->locked = 0;
}

void ra_sync_globals(RegAlloc *ra, bool free_regs)
{
    unsigned t;

    for (t = 0; t < ra->s->nb_globals; t++) {
        if (ra_kind(ra, t) != TCG_TEMP_GLOBAL) {
            continue;
        }
        ra_sync_temp(ra, t);
        if (!free_regs) {
            continue;
        }
        /* the value may change behind our back (a helper writes env) */
        if (ra->v[t].loc == RA_REG) {
            if (ra->locked & (1u << ra->v[t].reg)) {
                ra->reg_temp[ra->v[t].reg] = RA_SCRATCH;
                ra->v[t].loc = RA_MEM;
            } else {
                ra_drop_reg(ra, t, true);
            }
        } else if (ra->v[t].loc == RA_CONST) {
            ra->v[t].loc = RA_MEM;
        }
    }
}

void ra_sync_env_range(RegAlloc *ra, intptr_t off, unsigned size, bool drop)
{
    unsigned t;

    for (t = 0; t < ra->s->nb_globals; t++) {
        const TCGTemp *ts = &ra->s->temps[t];
        unsigned gsize = ts->type == TCG_TYPE_I64 ? 8 : 4;

        if (ts->kind != TCG_TEMP_GLOBAL ||
            ts->mem_offset >= off + (intptr_t)size ||
            off >= ts->mem_offset + (intptr_t)gsize) {
            continue;
        }
        ra_sync_temp(ra, t);
        if (drop) {
            if (ra->v[t].loc == RA_REG) {
                if (ra->locked & (1u << ra->v[t].reg)) {
                    ra->reg_temp[ra->v[t].reg] = RA_SCRATCH;
                    ra->v[t].loc = RA_MEM;
                } else {
                    ra_drop_reg(ra, t, true);
                }
            } else {
                ra->v[t].loc = RA_MEM;
            }
        }
    }
}

void ra_sync_tb_temps(RegAlloc *ra)
{
    unsigned t;

    for (t = ra->s->nb_globals; t < ra->s->nb_temps; t++) {
        if (ra_kind(ra, t) == TCG_TEMP_TB) {
            ra_sync_temp(ra, t);
        }
    }
}

void ra_reset_at_label(RegAlloc *ra)
{
    unsigned t, r;

    for (t = 0; t < ra->s->nb_temps; t++) {
        RAVal *v = &ra->v[t];

        switch (ra_kind(ra, t)) {
        case TCG_TEMP_GLOBAL:
        case TCG_TEMP_TB:
            v->loc = RA_MEM;
            v->coherent = true;
            break;
        case TCG_TEMP_EBB:
            v->loc = RA_DEAD;
            break;
        default:
            break;
        }
    }
    for (r = 0; r < RA_MAX_REGS; r++) {
        ra->reg_temp[r] = RA_FREE;
    }
}

void ra_call_clobber(RegAlloc *ra)
{
    unsigned r;

    for (r = 0; r < RA_MAX_REGS; r++) {
        int t = ra->reg_temp[r], n;

        if (!(ra->c.call_clobbered & (1u << r)) || t < 0) {
            continue;
        }
        if (ra_dies(ra, (unsigned)t) && !(ra->locked & (1u << r))) {
            ra_drop_reg(ra, (unsigned)t, false);
            continue;
        }
        if (ra->locked & (1u << r)) {
            /* an input of the call in a caller-saved register that lives
             * on: keep it in memory from now on */
            ra_sync_temp(ra, (unsigned)t);
            ra->v[t].loc = RA_MEM;
            ra->reg_temp[r] = RA_SCRATCH;
            continue;
        }
        n = ra_free_reg_in(ra, ra->c.allocatable & ~ra->c.call_clobbered);
        if (n >= 0 && ra_next_use(ra, (unsigned)t) < RA_SCAN_OPS) {
            ra->c.hooks->mov(ra->c.opaque, ra_type(ra, (unsigned)t), n,
                             (int)r);
            ra->reg_temp[n] = t;
            ra->v[t].reg = (int8_t)n;
            ra->reg_temp[r] = RA_FREE;
        } else {
            ra_drop_reg(ra, (unsigned)t, true);
        }
    }
}

void ra_release(RegAlloc *ra, unsigned t)
{
    TCGTempKind k = ra_kind(ra, t);

    if (k == TCG_TEMP_FIXED || k == TCG_TEMP_CONST) {
        return;
    }
    if (ra->v[t].loc == RA_REG) {
        ra_drop_reg(ra, t, false);
    } else {
        ra_kill(ra, t);
    }
}

uint32_t ra_busy(const RegAlloc *ra)
{
    uint32_t m = 0;
    unsigned r;

    for (r = 0; r < RA_MAX_REGS; r++) {
        if (ra->reg_temp[r] != RA_FREE || (ra->locked & (1u << r))) {
            m |= 1u << r;
        }
    }
    return m;
}
