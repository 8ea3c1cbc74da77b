/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The IR container: per-thread context, temps, constants, labels, the op
 * table and the text dump that serves as "-d op" and the unit-test oracle.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accel/tcg/tcg-internal.h"
#include "accel/tcg/tcg.h"
#include "util/error.h"

__thread TCGContext *tcg_ctx;

/* Labels are handed out as pointers, so their array never moves. */
#define TCG_MAX_LABELS 16384
/*
 * Temps live in one array allocated once, never moved: a TCGTemp pointer
 * a front end took stays valid while it creates more temps (a realloc'd
 * array once left such pointers dangling). A TB is at most TB_MAX_INSNS
 * guest instructions, so this bounds what one instruction may use at 32;
 * the memory is only touched as temps are used.
 */
#define TCG_MAX_TEMPS 16384

#define O(name, o, i, c, f) { #name, o, i, c, f }
const TCGOpDef tcg_op_defs[TCG_OPCODE_COUNT] = {
    [INDEX_op_discard] = O(discard, 1, 0, 0, 0),
    [INDEX_op_set_label] = O(set_label, 0, 0, 1, TCG_OPF_BB_END),
    [INDEX_op_br] = O(br, 0, 0, 1, TCG_OPF_BB_END),
    [INDEX_op_brcond] = O(brcond, 0, 2, 2, TCG_OPF_BB_END | TCG_OPF_COND_BRANCH),
    [INDEX_op_insn_start] = O(insn_start, 0, 0, 2, TCG_OPF_SIDE_EFFECTS),
    [INDEX_op_mb] = O(mb, 0, 0, 1, TCG_OPF_SIDE_EFFECTS),
    [INDEX_op_mov] = O(mov, 1, 1, 0, 0),
    [INDEX_op_setcond] = O(setcond, 1, 2, 1, 0),
    [INDEX_op_movcond] = O(movcond, 1, 4, 1, 0),
    [INDEX_op_add] = O(add, 1, 2, 0, 0),
    [INDEX_op_sub] = O(sub, 1, 2, 0, 0),
    [INDEX_op_mul] = O(mul, 1, 2, 0, 0),
    [INDEX_op_and] = O(and, 1, 2, 0, 0),
    [INDEX_op_or] = O(or, 1, 2, 0, 0),
    [INDEX_op_xor] = O(xor, 1, 2, 0, 0),
    [INDEX_op_andc] = O(andc, 1, 2, 0, 0),
    [INDEX_op_orc] = O(orc, 1, 2, 0, 0),
    [INDEX_op_eqv] = O(eqv, 1, 2, 0, 0),
    [INDEX_op_nand] = O(nand, 1, 2, 0, 0),
    [INDEX_op_nor] = O(nor, 1, 2, 0, 0),
    [INDEX_op_shl] = O(shl, 1, 2, 0, 0),
    [INDEX_op_shr] = O(shr, 1, 2, 0, 0),
    [INDEX_op_sar] = O(sar, 1, 2, 0, 0),
    [INDEX_op_rotl] = O(rotl, 1, 2, 0, 0),
    [INDEX_op_rotr] = O(rotr, 1, 2, 0, 0),
    [INDEX_op_div] = O(div, 1, 2, 0, 0),
    [INDEX_op_divu] = O(divu, 1, 2, 0, 0),
    [INDEX_op_rem] = O(rem, 1, 2, 0, 0),
    [INDEX_op_remu] = O(remu, 1, 2, 0, 0),
    [INDEX_op_mulsh] = O(mulsh, 1, 2, 0, 0),
    [INDEX_op_muluh] = O(muluh, 1, 2, 0, 0),
    [INDEX_op_clz] = O(clz, 1, 2, 0, 0),
    [INDEX_op_ctz] = O(ctz, 1, 2, 0, 0),
    [INDEX_op_neg] = O(neg, 1, 1, 0, 0),
    [INDEX_op_not] = O(not, 1, 1, 0, 0),
    [INDEX_op_ctpop] = O(ctpop, 1, 1, 0, 0),
    [INDEX_op_bswap16] = O(bswap16, 1, 1, 0, 0),
    [INDEX_op_bswap32] = O(bswap32, 1, 1, 0, 0),
    [INDEX_op_bswap64] = O(bswap64, 1, 1, 0, 0),
    [INDEX_op_ext8s] = O(ext8s, 1, 1, 0, 0),
    [INDEX_op_ext8u] = O(ext8u, 1, 1, 0, 0),
    [INDEX_op_ext16s] = O(ext16s, 1, 1, 0, 0),
    [INDEX_op_ext16u] = O(ext16u, 1, 1, 0, 0),
    [INDEX_op_ext32s] = O(ext32s, 1, 1, 0, 0),
    [INDEX_op_ext32u] = O(ext32u, 1, 1, 0, 0),
    [INDEX_op_extract] = O(extract, 1, 1, 2, 0),
    [INDEX_op_sextract] = O(sextract, 1, 1, 2, 0),
    [INDEX_op_deposit] = O(deposit, 1, 2, 2, 0),
    [INDEX_op_ext_i32_i64] = O(ext_i32_i64, 1, 1, 0, 0),
    [INDEX_op_extu_i32_i64] = O(extu_i32_i64, 1, 1, 0, 0),
    [INDEX_op_extrl_i64_i32] = O(extrl_i64_i32, 1, 1, 0, 0),
    [INDEX_op_extrh_i64_i32] = O(extrh_i64_i32, 1, 1, 0, 0),
    [INDEX_op_ld8u] = O(ld8u, 1, 1, 1, 0),
    [INDEX_op_ld8s] = O(ld8s, 1, 1, 1, 0),
    [INDEX_op_ld16u] = O(ld16u, 1, 1, 1, 0),
    [INDEX_op_ld16s] = O(ld16s, 1, 1, 1, 0),
    [INDEX_op_ld32u] = O(ld32u, 1, 1, 1, 0),
    [INDEX_op_ld32s] = O(ld32s, 1, 1, 1, 0),
    [INDEX_op_ld] = O(ld, 1, 1, 1, 0),
    [INDEX_op_st8] = O(st8, 0, 2, 1, TCG_OPF_SIDE_EFFECTS),
    [INDEX_op_st16] = O(st16, 0, 2, 1, TCG_OPF_SIDE_EFFECTS),
    [INDEX_op_st32] = O(st32, 0, 2, 1, TCG_OPF_SIDE_EFFECTS),
    [INDEX_op_st] = O(st, 0, 2, 1, TCG_OPF_SIDE_EFFECTS),
    [INDEX_op_guest_ld] = O(guest_ld, 1, 1, 2,
                            TCG_OPF_SIDE_EFFECTS | TCG_OPF_CALL_CLOBBER),
    [INDEX_op_guest_st] = O(guest_st, 0, 2, 2,
                            TCG_OPF_SIDE_EFFECTS | TCG_OPF_CALL_CLOBBER),
    [INDEX_op_call] = O(call, 0, 0, 1, TCG_OPF_CALL_CLOBBER),
    [INDEX_op_goto_tb] = O(goto_tb, 0, 0, 1, TCG_OPF_SIDE_EFFECTS),
    [INDEX_op_exit_tb] = O(exit_tb, 0, 0, 1,
                           TCG_OPF_BB_END | TCG_OPF_BB_EXIT),
    [INDEX_op_goto_ptr] = O(goto_ptr, 0, 1, 0,
                            TCG_OPF_BB_END | TCG_OPF_BB_EXIT),
    [INDEX_op_lookup_goto_ptr] = O(lookup_goto_ptr, 0, 1, 1,
                                   TCG_OPF_BB_END | TCG_OPF_BB_EXIT),
};
#undef O

bool tcg_op_is_typed(TCGOpcode opc)
{
    switch (opc) {
    case INDEX_op_set_label: case INDEX_op_br: case INDEX_op_insn_start:
    case INDEX_op_mb: case INDEX_op_ext_i32_i64: case INDEX_op_extu_i32_i64:
    case INDEX_op_extrl_i64_i32: case INDEX_op_extrh_i64_i32:
    case INDEX_op_call: case INDEX_op_goto_tb: case INDEX_op_exit_tb:
    case INDEX_op_goto_ptr: case INDEX_op_lookup_goto_ptr:
        return false;
    default:
        return true;
    }
}

static void *tcg_grow(void *p, unsigned *cap, unsigned need, size_t elem)
{
    unsigned n = *cap ? *cap : 64;

    if (need <= *cap) {
        return p;
    }
    while (n < need) {
        n *= 2;
    }
    p = realloc(p, (size_t)n * elem);
    if (!p) {
        fatal_internal("tcg: out of memory growing an IR array");
    }
    *cap = n;
    return p;
}

static unsigned tcg_temp_alloc(TCGContext *s, TCGType type, TCGTempKind kind)
{
    TCGTemp *t;

    if (s->nb_temps == s->temps_cap) {
        fatal_internal("tcg: a TB needs more than %u temps", s->temps_cap);
    }
    t = &s->temps[s->nb_temps];
    memset(t, 0, sizeof(*t));
    t->type = type;
    t->kind = kind;
    return s->nb_temps++;
}

void tcg_context_init(void)
{
    TCGContext *s;
    unsigned env;

    if (tcg_ctx) {
        return;
    }
    s = calloc(1, sizeof(*s));
    if (!s) {
        fatal_internal("tcg: out of memory for the context");
    }
    s->labels = calloc(TCG_MAX_LABELS, sizeof(TCGLabel));
    if (!s->labels) {
        fatal_internal("tcg: out of memory for labels");
    }
    s->labels_cap = TCG_MAX_LABELS;
    s->temps = calloc(TCG_MAX_TEMPS, sizeof(TCGTemp));
    if (!s->temps) {
        fatal_internal("tcg: out of memory for temps");
    }
    s->temps_cap = TCG_MAX_TEMPS;
    tcg_ctx = s;
    env = tcg_temp_alloc(s, TCG_TYPE_PTR, TCG_TEMP_FIXED);
    s->temps[env].name = "env";
    s->nb_globals = s->nb_temps;
    s->env = (TCGvPtr)(uintptr_t)(env + 1);
}

void tcg_func_start(TranslationBlock *tb)
{
    TCGContext *s = tcg_ctx;

    s->nb_ops = 0;
    s->nb_temps = s->nb_globals;
    s->nb_labels = 0;
    s->tb = tb;
    s->nb_insns = 0;
}

static unsigned tcg_global_new(TCGType type, intptr_t off, const char *name)
{
    TCGContext *s = tcg_ctx;
    unsigned i;

    if (s->nb_temps != s->nb_globals) {
        fatal_internal("tcg: global %s registered during a translation", name);
    }
    i = tcg_temp_alloc(s, type, TCG_TEMP_GLOBAL);
    s->temps[i].mem_offset = off;
    s->temps[i].name = name;
    s->nb_globals = s->nb_temps;
    return i;
}

TCGvI32 tcg_global_mem_new_i32(intptr_t env_offset, const char *name)
{
    return (TCGvI32)(uintptr_t)(tcg_global_new(TCG_TYPE_I32, env_offset, name) + 1);
}

TCGvI64 tcg_global_mem_new_i64(intptr_t env_offset, const char *name)
{
    return (TCGvI64)(uintptr_t)(tcg_global_new(TCG_TYPE_I64, env_offset, name) + 1);
}

TCGvI32 tcg_temp_new_i32(void)
{
    return (TCGvI32)(uintptr_t)(tcg_temp_alloc(tcg_ctx, TCG_TYPE_I32, TCG_TEMP_EBB) + 1);
}

TCGvI64 tcg_temp_new_i64(void)
{
    return (TCGvI64)(uintptr_t)(tcg_temp_alloc(tcg_ctx, TCG_TYPE_I64, TCG_TEMP_EBB) + 1);
}

TCGvPtr tcg_temp_new_ptr(void)
{
    return (TCGvPtr)(uintptr_t)(tcg_temp_alloc(tcg_ctx, TCG_TYPE_PTR, TCG_TEMP_EBB) + 1);
}

TCGvI32 tcg_temp_tb_new_i32(void)
{
    return (TCGvI32)(uintptr_t)(tcg_temp_alloc(tcg_ctx, TCG_TYPE_I32, TCG_TEMP_TB) + 1);
}

TCGvI64 tcg_temp_tb_new_i64(void)
{
    return (TCGvI64)(uintptr_t)(tcg_temp_alloc(tcg_ctx, TCG_TYPE_I64, TCG_TEMP_TB) + 1);
}

unsigned tcg_constant_index(TCGContext *s, TCGType type, int64_t val)
{
    unsigned i;

    if (type == TCG_TYPE_I32) {
        val = (int32_t)val;
    }
    /* Few constants per TB: a scan is cheaper than keeping a hash. */
    for (i = s->nb_globals; i < s->nb_temps; i++) {
        TCGTemp *t = &s->temps[i];

        if (t->kind == TCG_TEMP_CONST && t->type == type && t->val == val) {
            return i;
        }
    }
    i = tcg_temp_alloc(s, type, TCG_TEMP_CONST);
    s->temps[i].val = val;
    return i;
}

TCGvI32 tcg_constant_i32(int32_t v)
{
    return (TCGvI32)(uintptr_t)(tcg_constant_index(tcg_ctx, TCG_TYPE_I32, v) + 1);
}

TCGvI64 tcg_constant_i64(int64_t v)
{
    return (TCGvI64)(uintptr_t)(tcg_constant_index(tcg_ctx, TCG_TYPE_I64, v) + 1);
}

TCGvPtr tcg_constant_ptr(intptr_t v)
{
    return (TCGvPtr)(uintptr_t)(tcg_constant_index(tcg_ctx, TCG_TYPE_PTR, v) + 1);
}

TCGLabel *gen_new_label(void)
{
    TCGContext *s = tcg_ctx;
    TCGLabel *l;

    if (s->nb_labels >= s->labels_cap) {
        fatal_internal("tcg: more than %u labels in one TB", s->labels_cap);
    }
    l = &s->labels[s->nb_labels];
    memset(l, 0, sizeof(*l));
    l->id = (int)s->nb_labels++;
    return l;
}

static TCGTemp *tcg_handle_temp(uintptr_t h)
{
    TCGContext *s = tcg_ctx;

    if (h == 0 || h > s->nb_temps) {
        fatal_internal("tcg: bad temp handle %" PRIuPTR, h);
    }
    return &s->temps[h - 1];
}

TCGTemp *tcgv_i32_temp(TCGvI32 v)
{
    return tcg_handle_temp((uintptr_t)v);
}

TCGTemp *tcgv_i64_temp(TCGvI64 v)
{
    return tcg_handle_temp((uintptr_t)v);
}

TCGTemp *tcgv_ptr_temp(TCGvPtr v)
{
    return tcg_handle_temp((uintptr_t)v);
}

unsigned tcg_temp_index(const TCGTemp *t)
{
    return (unsigned)(t - tcg_ctx->temps);
}

TCGOp *tcg_emit_op(TCGOpcode opc, TCGType type, unsigned nb_oargs,
                   unsigned nb_iargs, unsigned nb_cargs, const TCGArg *args)
{
    TCGContext *s = tcg_ctx;
    unsigned n = nb_oargs + nb_iargs + nb_cargs;
    TCGOp *op;

    if (n > TCG_MAX_OP_ARGS) {
        fatal_internal("tcg: op %s with %u args", tcg_op_defs[opc].name, n);
    }
    s->ops = tcg_grow(s->ops, &s->ops_cap, s->nb_ops + 1, sizeof(TCGOp));
    op = &s->ops[s->nb_ops++];
    memset(op, 0, sizeof(*op));
    op->opc = opc;
    op->type = type;
    op->nb_oargs = (uint8_t)nb_oargs;
    op->nb_iargs = (uint8_t)nb_iargs;
    op->nb_cargs = (uint8_t)nb_cargs;
    if (n) {
        memcpy(op->args, args, n * sizeof(TCGArg));
    }
    if (opc == INDEX_op_insn_start) {
        s->nb_insns++;
    }
    return op;
}

/* ---- text dump ---------------------------------------------------------- */

static const char *const cond_names[] = {
    [TCG_COND_NEVER] = "never", [TCG_COND_ALWAYS] = "always",
    [TCG_COND_EQ] = "eq", [TCG_COND_NE] = "ne",
    [TCG_COND_LT] = "lt", [TCG_COND_GE] = "ge",
    [TCG_COND_LE] = "le", [TCG_COND_GT] = "gt",
    [TCG_COND_LTU] = "ltu", [TCG_COND_GEU] = "geu",
    [TCG_COND_LEU] = "leu", [TCG_COND_GTU] = "gtu",
};

typedef struct DumpBuf {
    char *p;
    size_t left;
} DumpBuf;

static void __attribute__((format(printf, 2, 3)))
dump_printf(DumpBuf *b, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (b->left == 0) {
        return;
    }
    va_start(ap, fmt);
    n = vsnprintf(b->p, b->left, fmt, ap);
    va_end(ap);
    if (n < 0) {
        return;
    }
    if ((size_t)n >= b->left) {
        n = (int)b->left - 1;
    }
    b->p += n;
    b->left -= (size_t)n;
}

void tcg_temp_name(const TCGContext *s, unsigned idx, char *buf, size_t size)
{
    const TCGTemp *t = &s->temps[idx];

    switch (t->kind) {
    case TCG_TEMP_GLOBAL:
    case TCG_TEMP_FIXED:
        snprintf(buf, size, "%s", t->name);
        break;
    case TCG_TEMP_CONST:
        if (t->type == TCG_TYPE_I32) {
            snprintf(buf, size, "$0x%" PRIx32, (uint32_t)t->val);
        } else {
            snprintf(buf, size, "$0x%" PRIx64, (uint64_t)t->val);
        }
        break;
    default:
        snprintf(buf, size, "tmp%u", idx - s->nb_globals);
        break;
    }
}

static void dump_op(const TCGContext *s, const TCGOp *op, DumpBuf *b)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    unsigned nt = op->nb_oargs + op->nb_iargs;
    unsigned i;
    char name[64];
    bool first = true;

    if (op->opc == INDEX_op_call) {
        const TCGHelperInfo *info = (const TCGHelperInfo *)(uintptr_t)
            op->args[nt];

        dump_printf(b, "call %s", info->name ? info->name : "?");
    } else if (tcg_op_is_typed(op->opc)) {
        dump_printf(b, "%s_%s", def->name,
                    op->type == TCG_TYPE_I32 ? "i32" : "i64");
    } else {
        dump_printf(b, "%s", def->name);
    }
    for (i = 0; i < nt; i++) {
        tcg_temp_name(s, (unsigned)op->args[i], name, sizeof(name));
        dump_printf(b, "%s%s", first ? " " : ",", name);
        first = false;
    }
    if (op->opc == INDEX_op_call) {
        dump_printf(b, "\n");
        return;
    }
    for (i = 0; i < op->nb_cargs; i++) {
        TCGArg a = op->args[nt + i];
        const char *sep = first ? " " : ",";

        first = false;
        if ((op->opc == INDEX_op_brcond && i == 0) ||
            ((op->opc == INDEX_op_setcond || op->opc == INDEX_op_movcond) &&
             i == 0)) {
            dump_printf(b, "%s%s", sep, a < 12 ? cond_names[a] : "?");
        } else if ((op->opc == INDEX_op_brcond && i == 1) ||
                   op->opc == INDEX_op_br || op->opc == INDEX_op_set_label) {
            dump_printf(b, "%s$L%" PRIu64, sep, (uint64_t)a);
        } else {
            dump_printf(b, "%s$0x%" PRIx64, sep, (uint64_t)a);
        }
    }
    dump_printf(b, "\n");
}

void tcg_dump_ops(const TCGContext *s, char *buf, size_t size)
{
    DumpBuf b = { buf, size };
    unsigned i;

    if (size) {
        buf[0] = 0;
    }
    for (i = 0; i < s->nb_ops; i++) {
        dump_op(s, &s->ops[i], &b);
    }
}
