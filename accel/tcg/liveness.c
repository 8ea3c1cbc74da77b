/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Backward liveness: walks the ops from the end, deleting ops whose
 * outputs are all dead and that have no side effects, and records in
 * TCGOp.life which arguments die at each op (for a register allocator).
 *
 * Liveness at block boundaries is conservative: globals are live at every
 * block end, exit, call that may read them and op that may fault (so the
 * guest state is exact when an exception restores it); TB temps are live
 * at labels and jumps (a branch may reach any label); EBB temps are dead
 * at labels, unconditional jumps and exits, as their contract says.
 */
#include <stdlib.h>

#include "accel/tcg/tcg-internal.h"
#include "accel/tcg/tcg.h"
#include "util/error.h"

static void set_kind_live(TCGContext *s, bool *live, TCGTempKind k, bool v)
{
    unsigned i;

    for (i = 0; i < s->nb_temps; i++) {
        if (s->temps[i].kind == k) {
            live[i] = v;
        }
    }
}

static void globals_live(TCGContext *s, bool *live)
{
    unsigned i;

    for (i = 0; i < s->nb_globals; i++) {
        live[i] = true;
    }
}

static bool op_reads_globals(const TCGOp *op)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];

    switch (op->opc) {
    case INDEX_op_ld8u: case INDEX_op_ld8s: case INDEX_op_ld16u:
    case INDEX_op_ld16s: case INDEX_op_ld32u: case INDEX_op_ld32s:
    case INDEX_op_ld:
        return true;   /* may read a global's home in env */
    case INDEX_op_insn_start:
        /*
         * A marker, kept for its restore data; nothing reads guest state
         * at an instruction boundary itself (faulting ops and helpers do,
         * and count below), so a global overwritten by a later
         * instruction before anything reads it stays dead across it.
         */
        return false;
    default:
        return def->flags & (TCG_OPF_SIDE_EFFECTS | TCG_OPF_CALL_CLOBBER |
                             TCG_OPF_BB_END);
    }
}

void tcg_liveness_analysis(TCGContext *s)
{
    bool *live = calloc(s->nb_temps + 1, sizeof(bool));
    bool *removed = calloc(s->nb_ops + 1, sizeof(bool));
    unsigned i, j, n;

    if (!live || !removed) {
        fatal_internal("tcg: out of memory in liveness");
    }
    /* After the last op the TB is left: only globals matter. */
    globals_live(s, live);
    for (i = s->nb_ops; i-- > 0;) {
        TCGOp *op = &s->ops[i];
        const TCGOpDef *def = &tcg_op_defs[op->opc];
        unsigned nt = op->nb_oargs + op->nb_iargs;
        bool side = def->flags & TCG_OPF_SIDE_EFFECTS;
        bool any_live = false;
        bool reads_globals = op_reads_globals(op);

        op->life = 0;
        switch (op->opc) {
        case INDEX_op_set_label:
        case INDEX_op_br:
            set_kind_live(s, live, TCG_TEMP_EBB, false);
            set_kind_live(s, live, TCG_TEMP_TB, true);
            break;
        case INDEX_op_brcond:
            set_kind_live(s, live, TCG_TEMP_TB, true);
            break;
        case INDEX_op_exit_tb:
        case INDEX_op_goto_ptr:
        case INDEX_op_lookup_goto_ptr:
            set_kind_live(s, live, TCG_TEMP_EBB, false);
            set_kind_live(s, live, TCG_TEMP_TB, false);
            break;
        case INDEX_op_discard:
            live[op->args[0]] = false;
            removed[i] = true;
            continue;
        case INDEX_op_call: {
            const TCGHelperInfo *info = (const TCGHelperInfo *)(uintptr_t)
                op->args[nt];

            side = !(info->flags & TCG_CALL_NO_SIDE_EFFECTS);
            reads_globals = !(info->flags & TCG_CALL_NO_READ_GLOBALS);
            break;
        }
        default:
            break;
        }
        for (j = 0; j < op->nb_oargs; j++) {
            any_live |= live[op->args[j]];
        }
        if (!side && op->nb_oargs > 0 && !any_live &&
            !(def->flags & TCG_OPF_BB_END)) {
            removed[i] = true;
            continue;
        }
        if (!side && op->opc == INDEX_op_call && op->nb_oargs == 0) {
            removed[i] = true;
            continue;
        }
        for (j = 0; j < op->nb_oargs; j++) {
            unsigned t = (unsigned)op->args[j];

            if (!live[t]) {
                op->life |= 1u << j;
            }
            if (s->temps[t].kind == TCG_TEMP_GLOBAL) {
                op->life |= 1u << (16 + j);
            }
            live[t] = false;
        }
        if (reads_globals) {
            globals_live(s, live);
        }
        for (j = op->nb_oargs; j < nt; j++) {
            unsigned t = (unsigned)op->args[j];

            if (s->temps[t].kind == TCG_TEMP_CONST) {
                continue;
            }
            if (!live[t]) {
                op->life |= 1u << j;
                live[t] = true;
            }
        }
    }
    for (i = n = 0; i < s->nb_ops; i++) {
        if (!removed[i]) {
            s->ops[n++] = s->ops[i];
        }
    }
    s->nb_ops = n;
    free(live);
    free(removed);
}
