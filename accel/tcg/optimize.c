/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The forward optimiser: one pass over the ops, tracking per extended
 * basic block which temps hold known constants and which are copies of
 * each other. Inputs are rewritten to constants or to the longest-lived
 * copy, ops with constant inputs are folded with the same semantics the
 * interpreter executes (tcg-eval.h), algebraic identities become moves,
 * branches on constants become jumps or vanish, and code after an
 * unconditional jump up to the next label is dropped. Dead moves left
 * behind are deleted by the liveness pass.
 */
#include <stdlib.h>
#include <string.h>

#include "accel/tcg/tcg-eval.h"
#include "accel/tcg/tcg-internal.h"
#include "accel/tcg/tcg.h"
#include "util/error.h"

typedef struct TempInfo {
    bool is_const;
    int64_t val;          /* normalised: i32 values sign-extended */
    unsigned prev, next;  /* circular list of temps holding the same value */
} TempInfo;

typedef struct OptState {
    TCGContext *s;
    TempInfo *info;
    unsigned cap;
} OptState;

static void opt_ensure(OptState *o, unsigned n)
{
    unsigned i, old = o->cap;

    if (n <= o->cap) {
        return;
    }
    o->cap = n * 2;
    o->info = realloc(o->info, o->cap * sizeof(TempInfo));
    if (!o->info) {
        fatal_internal("tcg: out of memory in the optimiser");
    }
    for (i = old; i < o->cap; i++) {
        o->info[i] = (TempInfo){ .prev = i, .next = i };
    }
}

static int64_t norm(TCGType t, uint64_t v)
{
    return t == TCG_TYPE_I32 ? (int64_t)(int32_t)v : (int64_t)v;
}

static bool get_const(OptState *o, TCGArg a, int64_t *val)
{
    TCGTemp *t = &o->s->temps[a];

    if (t->kind == TCG_TEMP_CONST) {
        *val = t->val;
        return true;
    }
    if (o->info[a].is_const) {
        *val = o->info[a].val;
        return true;
    }
    return false;
}

static void reset_temp(OptState *o, unsigned i)
{
    TempInfo *ti = &o->info[i];

    o->info[ti->prev].next = ti->next;
    o->info[ti->next].prev = ti->prev;
    ti->prev = ti->next = i;
    ti->is_const = false;
}

static void reset_all(OptState *o)
{
    unsigned i;

    for (i = 0; i < o->cap; i++) {
        o->info[i] = (TempInfo){ .prev = i, .next = i };
    }
}

static void reset_globals(OptState *o)
{
    unsigned i;

    for (i = 0; i < o->s->nb_globals; i++) {
        if (o->s->temps[i].kind == TCG_TEMP_GLOBAL) {
            reset_temp(o, i);
        }
    }
}

static bool same_class(OptState *o, unsigned a, unsigned b)
{
    unsigned i;

    for (i = o->info[a].next; i != a; i = o->info[i].next) {
        if (i == b) {
            return true;
        }
    }
    return a == b;
}

/* Longer-lived temps are better copies: their value survives more code. */
static int kind_rank(TCGTempKind k)
{
    switch (k) {
    case TCG_TEMP_FIXED: return 4;
    case TCG_TEMP_GLOBAL: return 3;
    case TCG_TEMP_TB: return 2;
    default: return 1;
    }
}

/* The argument to read instead of a: a constant, or the best copy. */
static TCGArg subst_input(OptState *o, TCGArg a)
{
    TCGTemp *t = &o->s->temps[a];
    unsigned best = (unsigned)a, i;

    if (t->kind == TCG_TEMP_CONST) {
        return a;
    }
    if (o->info[a].is_const) {
        return tcg_constant_index(o->s, t->type, o->info[a].val);
    }
    for (i = o->info[a].next; i != a; i = o->info[i].next) {
        int ri = kind_rank(o->s->temps[i].kind);
        int rb = kind_rank(o->s->temps[best].kind);

        /* ties go to the lowest index, so equal values read alike */
        if (ri > rb || (ri == rb && i < best)) {
            best = i;
        }
    }
    return best;
}

/* Turn op into "mov d, src" and record what d now holds. */
static void finish_mov(OptState *o, TCGOp *op, TCGArg src)
{
    unsigned d = (unsigned)op->args[0];
    TCGTemp *st;

    op->opc = INDEX_op_mov;
    op->nb_oargs = 1;
    op->nb_iargs = 1;
    op->nb_cargs = 0;
    op->args[1] = src;
    reset_temp(o, d);
    st = &o->s->temps[src];
    if (st->kind == TCG_TEMP_CONST) {
        o->info[d].is_const = true;
        o->info[d].val = st->val;
    } else if (src != d) {
        /* join src's class */
        o->info[d].next = o->info[src].next;
        o->info[d].prev = (unsigned)src;
        o->info[o->info[src].next].prev = d;
        o->info[src].next = d;
    }
}

static void fold_const(OptState *o, TCGOp *op, uint64_t v)
{
    TCGArg c = tcg_constant_index(o->s, op->type, norm(op->type, v));

    opt_ensure(o, o->s->nb_temps);
    finish_mov(o, op, c);
}

static bool is_div(TCGOpcode opc)
{
    return opc == INDEX_op_div || opc == INDEX_op_divu ||
           opc == INDEX_op_rem || opc == INDEX_op_remu;
}

/* Binary ops: constants, then identities. true if op was rewritten. */
static bool fold_binary(OptState *o, TCGOp *op)
{
    TCGOpcode opc = op->opc;
    TCGType t = op->type;
    TCGArg a = op->args[1], b = op->args[2];
    int64_t ca = 0, cb = 0;
    bool ka = get_const(o, a, &ca), kb = get_const(o, b, &cb);
    int64_t min = t == TCG_TYPE_I32 ? INT32_MIN : INT64_MIN;

    if (ka && kb) {
        if (is_div(opc) && (cb == 0 ||
            ((opc == INDEX_op_div || opc == INDEX_op_rem) &&
             cb == -1 && ca == min))) {
            return false;
        }
        fold_const(o, op, tcg_eval(opc, t, (uint64_t)ca, (uint64_t)cb));
        return true;
    }
    if ((opc == INDEX_op_clz || opc == INDEX_op_ctz) && ka) {
        if (ca == 0) {
            finish_mov(o, op, b);
        } else {
            fold_const(o, op, tcg_eval(opc, t, (uint64_t)ca, 0));
        }
        return true;
    }
    if (kb) {
        switch (opc) {
        case INDEX_op_add: case INDEX_op_sub: case INDEX_op_or:
        case INDEX_op_xor: case INDEX_op_shl: case INDEX_op_shr:
        case INDEX_op_sar: case INDEX_op_rotl: case INDEX_op_rotr:
        case INDEX_op_andc:
            if (cb == 0) {
                finish_mov(o, op, a);
                return true;
            }
            break;
        case INDEX_op_and:
            if (cb == 0) {
                fold_const(o, op, 0);
                return true;
            }
            if (cb == -1) {
                finish_mov(o, op, a);
                return true;
            }
            break;
        case INDEX_op_mul:
            if (cb == 0) {
                fold_const(o, op, 0);
                return true;
            }
            if (cb == 1) {
                finish_mov(o, op, a);
                return true;
            }
            break;
        case INDEX_op_div: case INDEX_op_divu:
            if (cb == 1) {
                finish_mov(o, op, a);
                return true;
            }
            break;
        default:
            break;
        }
        if (opc == INDEX_op_or && cb == -1) {
            fold_const(o, op, (uint64_t)-1);
            return true;
        }
    }
    if (ka && ca == 0) {
        switch (opc) {
        case INDEX_op_add: case INDEX_op_or: case INDEX_op_xor:
            finish_mov(o, op, b);
            return true;
        case INDEX_op_and: case INDEX_op_mul: case INDEX_op_shl:
        case INDEX_op_shr: case INDEX_op_sar: case INDEX_op_rotl:
        case INDEX_op_rotr: case INDEX_op_andc:
            fold_const(o, op, 0);
            return true;
        default:
            break;
        }
    }
    if (same_class(o, (unsigned)a, (unsigned)b)) {
        switch (opc) {
        case INDEX_op_sub: case INDEX_op_xor: case INDEX_op_andc:
            fold_const(o, op, 0);
            return true;
        case INDEX_op_and: case INDEX_op_or:
            finish_mov(o, op, a);
            return true;
        case INDEX_op_eqv: case INDEX_op_orc:
            fold_const(o, op, (uint64_t)-1);
            return true;
        default:
            break;
        }
    }
    return false;
}

/* Result of "a cond b" if known: 0, 1, or -1 unknown. */
static int fold_cond(OptState *o, TCGType t, TCGCond c, TCGArg a, TCGArg b)
{
    int64_t ca = 0, cb = 0;

    if (c == TCG_COND_ALWAYS) {
        return 1;
    }
    if (c == TCG_COND_NEVER) {
        return 0;
    }
    if (get_const(o, a, &ca) && get_const(o, b, &cb)) {
        return tcg_eval_cond(c, t, (uint64_t)ca, (uint64_t)cb);
    }
    if (same_class(o, (unsigned)a, (unsigned)b)) {
        switch (c) {
        case TCG_COND_EQ: case TCG_COND_GE: case TCG_COND_LE:
        case TCG_COND_GEU: case TCG_COND_LEU:
            return 1;
        default:
            return 0;
        }
    }
    return -1;
}

/* Ops with one input whose result is a function of it alone. */
static bool fold_unary(OptState *o, TCGOp *op)
{
    int64_t ca = 0;
    TCGArg a = op->args[1];
    unsigned width = op->type == TCG_TYPE_I32 ? 32 : 64;
    unsigned pos, len;

    if (op->opc == INDEX_op_extract || op->opc == INDEX_op_sextract) {
        pos = (unsigned)op->args[2];
        len = (unsigned)op->args[3];
        if (pos == 0 && len == width) {
            finish_mov(o, op, a);
            return true;
        }
        if (!get_const(o, a, &ca)) {
            return false;
        }
        if (width == 32) {
            ca = (int64_t)(uint32_t)ca;
        }
        fold_const(o, op, tcg_eval_extract((uint64_t)ca, pos, len,
                                           op->opc == INDEX_op_sextract));
        return true;
    }
    if (!get_const(o, a, &ca)) {
        return false;
    }
    switch (op->opc) {
    case INDEX_op_ext_i32_i64:
        fold_const(o, op, (uint64_t)(int64_t)(int32_t)ca);
        return true;
    case INDEX_op_extu_i32_i64:
        fold_const(o, op, (uint32_t)ca);
        return true;
    case INDEX_op_extrl_i64_i32:
        fold_const(o, op, (uint32_t)ca);
        return true;
    case INDEX_op_extrh_i64_i32:
        fold_const(o, op, (uint64_t)ca >> 32);
        return true;
    default:
        fold_const(o, op, tcg_eval(op->opc, op->type, (uint64_t)ca, 0));
        return true;
    }
}

static void reset_outputs(OptState *o, TCGOp *op)
{
    unsigned i;

    for (i = 0; i < op->nb_oargs; i++) {
        reset_temp(o, (unsigned)op->args[i]);
    }
}

/*
 * Rotates: guests without a rotate instruction (riscv64 without Zbb)
 * spell one as "p = x >> c; q = x << (w - c); d = p | q". The or is
 * rewritten as "d = rotr x, c" when x still holds that value there
 * (rule A). When the later shift overwrote x with its own result and the
 * or writes that same temp, with nothing but plain arithmetic between that
 * reads it (rule B, e.g. "srli a2,a5,31; slli a5,a5,33; or a5,a5,a2"), the
 * later shift becomes the rotate into that temp and the or goes. The first
 * shift stays for whoever reads its result; liveness drops it otherwise.
 * One rotate instead of shift, shift, or shortens x86 dependency chains.
 */
#define ROT_WINDOW 24

/* Ops a rotate pattern may span: they touch only their explicit operands. */
static bool rot_transparent(TCGOpcode opc, bool plain_only)
{
    switch (opc) {
    case INDEX_op_insn_start:
    case INDEX_op_mov:
    case INDEX_op_add: case INDEX_op_sub: case INDEX_op_mul:
    case INDEX_op_and: case INDEX_op_or: case INDEX_op_xor:
    case INDEX_op_shl: case INDEX_op_shr: case INDEX_op_sar:
    case INDEX_op_rotl: case INDEX_op_rotr:
    case INDEX_op_neg: case INDEX_op_not:
        return true;
    case INDEX_op_guest_ld:
    case INDEX_op_guest_st:
        return !plain_only;     /* may fault: guest state is visible */
    default:
        return false;
    }
}

static bool op_writes(const TCGOp *op, TCGArg t)
{
    unsigned j;

    for (j = 0; j < op->nb_oargs; j++) {
        if (op->args[j] == t) {
            return true;
        }
    }
    return false;
}

static bool op_reads(const TCGOp *op, TCGArg t)
{
    unsigned j;

    for (j = op->nb_oargs; j < op->nb_oargs + op->nb_iargs; j++) {
        if (op->args[j] == t) {
            return true;
        }
    }
    return false;
}

/* The index of the op before i that last wrote t, or -1 if none within the
 * window or something other than transparent ops lies between. */
static int rot_def(TCGContext *s, unsigned i, TCGArg t)
{
    unsigned k;

    for (k = i; k-- > 0 && i - k <= ROT_WINDOW;) {
        if (!rot_transparent(s->ops[k].opc, false)) {
            return -1;
        }
        if (op_writes(&s->ops[k], t)) {
            return (int)k;
        }
    }
    return -1;
}

static bool const_count(TCGContext *s, TCGArg a, unsigned bits,
                        unsigned *c)
{
    const TCGTemp *t = &s->temps[a];

    if (t->kind != TCG_TEMP_CONST || t->val <= 0 || t->val >= (int)bits) {
        return false;
    }
    *c = (unsigned)t->val;
    return true;
}

/* Rewrite op i (an or) if it joins the two halves of a rotate. */
static bool fold_rotate(TCGContext *s, unsigned i, bool *removed)
{
    TCGOp *op = &s->ops[i];
    unsigned bits = op->type == TCG_TYPE_I64 ? 64 : 32, cr, cl, k, n;
    int jr, jl, first, later;
    TCGArg x, d = op->args[0];

    for (n = 0; n < 2; n++) {
        TCGArg pr = op->args[1 + n], pl = op->args[2 - n];
        TCGOp *sr, *sl;

        if (pr == pl) {
            return false;
        }
        jr = rot_def(s, i, pr);
        jl = rot_def(s, i, pl);
        if (jr < 0 || jl < 0) {
            continue;
        }
        sr = &s->ops[jr];
        sl = &s->ops[jl];
        if (sr->opc != INDEX_op_shr || sl->opc != INDEX_op_shl ||
            sr->type != op->type || sl->type != op->type ||
            sr->args[1] != sl->args[1] ||
            !const_count(s, sr->args[2], bits, &cr) ||
            !const_count(s, sl->args[2], bits, &cl) || cr + cl != bits) {
            continue;
        }
        x = sr->args[1];
        first = jr < jl ? jr : jl;
        later = jr < jl ? jl : jr;
        /* x must be the same value at both shifts */
        for (k = (unsigned)first; k < (unsigned)later; k++) {
            if (op_writes(&s->ops[k], x)) {
                break;
            }
        }
        if (k < (unsigned)later) {
            continue;
        }
        /* rule A: x still holds it at the or */
        for (k = (unsigned)later; k < i; k++) {
            if (op_writes(&s->ops[k], x)) {
                break;
            }
        }
        if (k == i) {
            op->opc = INDEX_op_rotr;
            op->args[1] = x;
            op->args[2] = sr->args[2];
            return true;
        }
        /* rule B: the later shift overwrote x and the or writes x too */
        if (s->ops[later].args[0] != x || d != x) {
            continue;
        }
        for (k = (unsigned)later + 1; k < i; k++) {
            if (!rot_transparent(s->ops[k].opc, true) ||
                op_writes(&s->ops[k], x) || op_reads(&s->ops[k], x)) {
                break;
            }
        }
        if (k < i) {
            continue;
        }
        s->ops[later].opc = INDEX_op_rotr;
        s->ops[later].args[2] = sr->args[2];    /* args[1] is still x */
        removed[i] = true;
        return true;
    }
    return false;
}

void tcg_optimize(TCGContext *s)
{
    OptState o = { .s = s };
    bool *removed = calloc(s->nb_ops + 1, sizeof(bool));
    bool skipping = false;
    unsigned i, j, n;

    if (!removed) {
        fatal_internal("tcg: out of memory in the optimiser");
    }
    opt_ensure(&o, s->nb_temps);
    for (i = 0; i < s->nb_ops; i++) {
        TCGOp *op = &s->ops[i];
        unsigned nt = op->nb_oargs + op->nb_iargs;
        int64_t c1, c2;
        int r;

        if (skipping) {
            if (op->opc != INDEX_op_set_label) {
                removed[i] = true;
                continue;
            }
            skipping = false;
        }
        for (j = op->nb_oargs; j < nt; j++) {
            op->args[j] = subst_input(&o, op->args[j]);
            opt_ensure(&o, s->nb_temps);
        }
        switch (op->opc) {
        case INDEX_op_set_label:
            reset_all(&o);
            break;
        case INDEX_op_insn_start:
        case INDEX_op_mb:
        case INDEX_op_goto_tb:
        case INDEX_op_guest_st:
            break;
        case INDEX_op_discard:
        case INDEX_op_guest_ld:
        case INDEX_op_ld8u: case INDEX_op_ld8s: case INDEX_op_ld16u:
        case INDEX_op_ld16s: case INDEX_op_ld32u: case INDEX_op_ld32s:
        case INDEX_op_ld:
            reset_outputs(&o, op);
            break;
        case INDEX_op_st8: case INDEX_op_st16: case INDEX_op_st32:
        case INDEX_op_st:
            /* env memory may be a global's home */
            reset_globals(&o);
            break;
        case INDEX_op_call: {
            const TCGHelperInfo *info = (const TCGHelperInfo *)(uintptr_t)
                op->args[nt];

            reset_outputs(&o, op);
            if (!(info->flags & TCG_CALL_NO_WRITE_GLOBALS)) {
                reset_globals(&o);
            }
            break;
        }
        case INDEX_op_br:
            if (i + 1 < s->nb_ops &&
                s->ops[i + 1].opc == INDEX_op_set_label &&
                s->ops[i + 1].args[0] == op->args[0]) {
                removed[i] = true;
            } else {
                skipping = true;
            }
            break;
        case INDEX_op_exit_tb:
        case INDEX_op_goto_ptr:
        case INDEX_op_lookup_goto_ptr:
            skipping = true;
            break;
        case INDEX_op_brcond:
            r = fold_cond(&o, op->type, (TCGCond)op->args[2], op->args[0],
                          op->args[1]);
            if (r == 0) {
                removed[i] = true;
            } else if (r == 1) {
                op->opc = INDEX_op_br;
                op->nb_iargs = 0;
                op->nb_cargs = 1;
                op->args[0] = op->args[3];
                i--;          /* revisit as br */
                continue;
            }
            break;
        case INDEX_op_mov:
            if (op->args[0] == op->args[1] ||
                same_class(&o, (unsigned)op->args[0],
                           (unsigned)op->args[1])) {
                removed[i] = true;
            } else {
                finish_mov(&o, op, op->args[1]);
            }
            break;
        case INDEX_op_setcond:
            r = fold_cond(&o, op->type, (TCGCond)op->args[3], op->args[1],
                          op->args[2]);
            if (r >= 0) {
                fold_const(&o, op, (uint64_t)r);
            } else {
                reset_outputs(&o, op);
            }
            break;
        case INDEX_op_movcond:
            r = fold_cond(&o, op->type, (TCGCond)op->args[5], op->args[1],
                          op->args[2]);
            if (r < 0 && same_class(&o, (unsigned)op->args[3],
                                     (unsigned)op->args[4])) {
                r = 1;
            }
            if (r >= 0) {
                finish_mov(&o, op, op->args[r ? 3 : 4]);
            } else {
                reset_outputs(&o, op);
            }
            break;
        case INDEX_op_deposit:
            if (get_const(&o, op->args[1], &c1) &&
                get_const(&o, op->args[2], &c2)) {
                fold_const(&o, op, tcg_eval_deposit((uint64_t)c1,
                           (uint64_t)c2, (unsigned)op->args[3],
                           (unsigned)op->args[4]));
            } else {
                reset_outputs(&o, op);
            }
            break;
        default:
            if (op->nb_oargs == 1 && op->nb_iargs == 2 && op->nb_cargs == 0) {
                if (!fold_binary(&o, op)) {
                    reset_outputs(&o, op);
                }
            } else if (op->nb_oargs == 1 && op->nb_iargs == 1) {
                if (!fold_unary(&o, op)) {
                    reset_outputs(&o, op);
                }
            } else {
                reset_outputs(&o, op);
            }
            break;
        }
        if (op->opc == INDEX_op_mov && op->args[0] == op->args[1]) {
            removed[i] = true;
        }
    }
    for (i = n = 0; i < s->nb_ops; i++) {
        if (!removed[i]) {
            s->ops[n++] = s->ops[i];
        }
    }
    s->nb_ops = n;
    /* rotates, on the compacted ops (copies already propagated) */
    memset(removed, 0, (s->nb_ops + 1) * sizeof(bool));
    for (i = n = 0; i < s->nb_ops; i++) {
        if (s->ops[i].opc == INDEX_op_or) {
            n += fold_rotate(s, i, removed);
        }
    }
    if (n) {
        for (i = n = 0; i < s->nb_ops; i++) {
            if (!removed[i]) {
                s->ops[n++] = s->ops[i];
            }
        }
        s->nb_ops = n;
    }
    free(removed);
    free(o.info);
}
