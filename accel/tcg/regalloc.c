/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Temp placement for a code generator. This first version gives every
 * temp a fixed home and lets the back end work op by op through scratch
 * registers: globals live in env (so guest state is exact at every
 * helper call, fault and exit with no sync code at all), the fixed env
 * temp lives in its host register, constants become immediates, and
 * EBB/TB temps get an 8-byte frame slot each.
 *
 * TODO(issue 3): a greedy local allocator keeping temps in host
 * registers across ops (spill the furthest next use, sync globals at block
 * ends and before calls/faulting ops from TCGOp.life) is the next step.
 */
#include <errno.h>

#include "accel/tcg/tcg-internal.h"
#include "util/error.h"

int tcg_regalloc_homes(TCGContext *s, int env_reg, int frame_reg,
                       intptr_t slot_base, unsigned max_slots)
{
    unsigned i, slots = 0;

    for (i = 0; i < s->nb_temps; i++) {
        TCGTemp *ts = &s->temps[i];

        switch (ts->kind) {
        case TCG_TEMP_FIXED:
            ts->state = TCG_HOME_REG;
            ts->reg = env_reg;
            break;
        case TCG_TEMP_GLOBAL:
            ts->state = TCG_HOME_MEM;
            ts->reg = env_reg;
            ts->spill_offset = ts->mem_offset;
            break;
        case TCG_TEMP_CONST:
            ts->state = TCG_HOME_CONST;
            break;
        default:
            if (slots >= max_slots) {
                error_report("tcg: TB needs more than %u temp slots",
                             max_slots);
                return -E2BIG;
            }
            ts->state = TCG_HOME_MEM;
            ts->reg = frame_reg;
            ts->spill_offset = slot_base + 8 * (intptr_t)slots++;
            break;
        }
    }
    return 0;
}
