/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Greedy local register allocation for a code generator, in op order.
 *
 * Every temp has a location (dead, in a register, in its memory home only,
 * or a known constant not yet materialised) and a "coherent" flag (its
 * memory home holds the value). Globals are loaded lazily and stay in
 * registers, dirty, until a sync point; EBB temps get a frame slot only
 * when spilled, TB temps get one up front (they must be in it at labels).
 *
 * The back end drives it op by op: ra_begin_op, then the inputs (fixed
 * registers first), reserved registers, outputs, the emitted instruction,
 * ra_end_op. Registers handed out for the current op are locked until
 * ra_end_op. Code comes out through the hooks (loads, stores, moves).
 */
#ifndef ACCEL_TCG_REGALLOC_H
#define ACCEL_TCG_REGALLOC_H

#include <stdbool.h>
#include <stdint.h>

#include "accel/tcg/tcg.h"

#define RA_MAX_REGS 16

enum { RA_DEAD, RA_REG, RA_MEM, RA_CONST };

typedef struct RAVal {
    uint8_t loc;
    bool coherent;        /* the memory home holds the current value */
    bool has_home;
    int8_t reg;
    int home_base;        /* register the home is addressed from */
    intptr_t home_off;
    int64_t cval;         /* RA_CONST: the value */
} RAVal;

typedef struct RAHooks {
    void (*ld)(void *o, TCGType t, int reg, int base, intptr_t off);
    void (*st)(void *o, TCGType t, int reg, int base, intptr_t off);
    /* store a constant without a register; false if it cannot */
    bool (*sti)(void *o, TCGType t, int64_t val, int base, intptr_t off);
    void (*mov)(void *o, TCGType t, int dst, int src);
    void (*movi)(void *o, TCGType t, int reg, int64_t val);
} RAHooks;

typedef struct RegAllocConfig {
    const RAHooks *hooks;
    void *opaque;
    uint32_t allocatable;      /* registers the allocator hands out */
    uint32_t call_clobbered;   /* caller-saved among them */
    const int8_t *order;       /* preference order of the allocatable ones */
    unsigned nb_order;
    int scratch;               /* a reserved register, for constant stores */
    int env_reg, frame_reg;
    intptr_t slot_base;        /* first temp slot, frame_reg-relative */
    unsigned max_slots;
} RegAllocConfig;

typedef struct RegAlloc {
    RegAllocConfig c;
    TCGContext *s;
    RAVal *v;
    int reg_temp[RA_MAX_REGS];  /* temp index, RA_FREE or RA_SCRATCH */
    uint32_t locked;
    unsigned nb_slots;
    const TCGOp *op;
    unsigned op_idx;
} RegAlloc;

#define RA_FREE (-1)
#define RA_SCRATCH (-2)    /* a copy or clobbered register of the current op */

/* Set up for s's ops; -E2BIG if the TB temps do not fit the frame. */
int ra_init(RegAlloc *ra, TCGContext *s, const RegAllocConfig *c);
void ra_destroy(RegAlloc *ra);

void ra_begin_op(RegAlloc *ra, unsigned op_idx);
/* Free the op's scratch registers, dying inputs and dead outputs. */
void ra_end_op(RegAlloc *ra);

/* Whether temp t's value dies at the current op (some input arg of it
 * has its life bit set). */
bool ra_dies(const RegAlloc *ra, unsigned t);
/* t's value is a known constant (a CONST temp or a temp set by movi). */
bool ra_const(const RegAlloc *ra, unsigned t, int64_t *val);

/* Input t in a register of mask (read only); locked for the op. */
int ra_in(RegAlloc *ra, unsigned t, uint32_t mask);
/* Input t in a register of mask that the op may overwrite (it becomes
 * the op's scratch; an output may then take it with ra_out_reg). Call it
 * after the op's other inputs. */
int ra_in_copy(RegAlloc *ra, unsigned t, uint32_t mask);
/* Input t in register reg (clobber: the op overwrites it). Take fixed
 * registers before the op's other inputs. */
void ra_in_fixed(RegAlloc *ra, unsigned t, int reg, bool clobber);
/* reg is clobbered by the op: move its occupant away, lock it. */
void ra_reserve(RegAlloc *ra, int reg);

/* Output t in a new register of mask. */
int ra_out(RegAlloc *ra, unsigned t, uint32_t mask);
/* Output t in reg (a scratch register of this op, or free). */
void ra_out_reg(RegAlloc *ra, unsigned t, int reg);
/* Output t is the constant val (no code now). */
void ra_out_const(RegAlloc *ra, unsigned t, int64_t val);

/* Write dirty globals to env; free_regs: they must be reloaded after. */
void ra_sync_globals(RegAlloc *ra, bool free_regs);
/* Globals whose env home overlaps [off, off + size): sync (and drop). */
void ra_sync_env_range(RegAlloc *ra, intptr_t off, unsigned size,
                       bool drop);
/* TB temps to their frame slots (before a branch or label). */
void ra_sync_tb_temps(RegAlloc *ra);
/* At a label: nothing is in a register; globals and TB temps are in
 * memory, EBB temps dead. Sync first. */
void ra_reset_at_label(RegAlloc *ra);
/* Before a call: caller-saved registers that hold live values are moved
 * to callee-saved ones or spilled. */
void ra_call_clobber(RegAlloc *ra);
/* t died at an op the back end folded into the next one: free it. */
void ra_release(RegAlloc *ra, unsigned t);
/* Mask of registers currently holding temps (for save/restore around a
 * slow-path call). */
uint32_t ra_busy(const RegAlloc *ra);

#endif
