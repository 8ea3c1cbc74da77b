/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * x86-64 code generation: one emitter per IR op, both widths. Temps live
 * in the homes regalloc.c gives them (env fields, frame slots,
 * immediates); each op loads its inputs into scratch registers (rax, rcx,
 * rdx, rsi), computes, and stores its output home. Every TB starts with
 * the exit_request test; goto_tb follows tb->jmp_dest (the TB cache's
 * chain record) so chaining and unchaining need no code patching.
 */
#include <errno.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>

#include "accel/tcg/backend/x86_64/x86-backend.h"
#include "accel/tcg/backend/x86_64/x86-emit.h"
#include "accel/tcg/guest-mem.h"
#include "accel/tcg/tcg-fork.h"
#include "util/error.h"

typedef struct X86Reloc {
    uint8_t *field;
    unsigned label;
} X86Reloc;

typedef struct X86Gen {
    X86Emit e;
    TCGContext *s;
    TranslationBlock *tb;
    uint8_t **label_pos;
    X86Reloc *relocs;
    unsigned nb_relocs, relocs_cap;
    uint8_t *exit_req_jmp;
    X86RestoreEntry *insns;
    unsigned nb_insns, insns_cap;
    bool insn_data_stored;      /* current insn's data is in vcpu */
} X86Gen;

static pthread_mutex_t x86_gen_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned long x86_seen_flushes;

static unsigned wflag(TCGType t)
{
    return t == TCG_TYPE_I64 ? P_REXW : 0;
}

/* Load temp t (width type) into reg. */
static void ld_temp(X86Gen *g, int reg, TCGArg t, TCGType type)
{
    const TCGTemp *ts = &g->s->temps[t];

    switch (ts->state) {
    case TCG_HOME_CONST:
        x86_emit_movi(&g->e, type == TCG_TYPE_I64, reg,
                      type == TCG_TYPE_I64 ? (uint64_t)ts->val
                                           : (uint32_t)ts->val);
        break;
    case TCG_HOME_REG:
        if (ts->reg != reg) {
            x86_emit_rr(&g->e, wflag(type) | 0x89, ts->reg, reg);
        }
        break;
    default:
        x86_emit_mem(&g->e, wflag(type) | 0x8b, reg, ts->reg, -1,
                     (int32_t)ts->spill_offset);
        break;
    }
}

static void st_temp(X86Gen *g, int reg, TCGArg t, TCGType type)
{
    const TCGTemp *ts = &g->s->temps[t];

    if (ts->state != TCG_HOME_MEM) {
        fatal_internal("tcg x86: write to a constant or fixed temp");
    }
    x86_emit_mem(&g->e, wflag(type) | 0x89, reg, ts->reg, -1,
                 (int32_t)ts->spill_offset);
}

static void add_reloc(X86Gen *g, uint8_t *field, unsigned label)
{
    if (!field) {
        return;
    }
    if (g->nb_relocs == g->relocs_cap) {
        g->relocs_cap = g->relocs_cap ? g->relocs_cap * 2 : 16;
        g->relocs = realloc(g->relocs, g->relocs_cap * sizeof(*g->relocs));
        if (!g->relocs) {
            fatal_internal("tcg x86: out of memory");
        }
    }
    g->relocs[g->nb_relocs].field = field;
    g->relocs[g->nb_relocs++].label = label;
}

/* jmp rel32 to an absolute executable address. */
static void emit_jmp_abs(X86Gen *g, uintptr_t target)
{
    x86_emit8(&g->e, 0xe9);
    x86_emit32(&g->e, (uint32_t)(target - (x86_rx_here(&g->e) + 4)));
}

static void emit_exit(X86Gen *g, uint64_t val)
{
    x86_emit_movi(&g->e, true, X86_RAX, val);
    emit_jmp_abs(g, x86_epilogue_rx);
}

/* Jump to the code of the TB in rax (NULL: leave with 0). */
static void emit_jump_to_tb_in_rax(X86Gen *g, bool count)
{
    uint8_t *jz;

    x86_emit_rr(&g->e, P_REXW | 0x85, X86_RAX, X86_RAX);       /* test */
    jz = x86_emit_jmp32(&g->e, X86_CC_E);
    if (count) {
        /* tcg_stats.chained_entries++ (a statistic: no lock prefix) */
        x86_emit_movi(&g->e, true, X86_RDX, (uint64_t)(uintptr_t)
                      &tcg_stats.chained_entries);
        x86_emit_mem(&g->e, P_REXW | 0x83, 0, X86_RDX, -1, 0);
        x86_emit8(&g->e, 1);
    }
    x86_emit_mem(&g->e, P_REXW | 0x8b, X86_RAX, X86_RAX, -1,
                 (int32_t)offsetof(TranslationBlock, tc_ptr));
    x86_emit_mem(&g->e, 0xff, 4, X86_RAX, -1,
                 (int32_t)offsetof(X86TBInfo, code));          /* jmp [] */
    x86_patch_rel32(jz, g->e.p);
}

static int x86_cc(TCGCond c)
{
    switch (c) {
    case TCG_COND_EQ: return X86_CC_E;
    case TCG_COND_NE: return X86_CC_NE;
    case TCG_COND_LT: return X86_CC_L;
    case TCG_COND_GE: return X86_CC_GE;
    case TCG_COND_LE: return X86_CC_LE;
    case TCG_COND_GT: return X86_CC_G;
    case TCG_COND_LTU: return X86_CC_B;
    case TCG_COND_GEU: return X86_CC_AE;
    case TCG_COND_LEU: return X86_CC_BE;
    case TCG_COND_GTU: return X86_CC_A;
    default: return -1;
    }
}

/* cmp a, b for a condition (rax = a, rcx = b loaded). */
static void emit_cmp(X86Gen *g, const TCGOp *op, unsigned ia, unsigned ib)
{
    ld_temp(g, X86_RAX, op->args[ia], op->type);
    ld_temp(g, X86_RCX, op->args[ib], op->type);
    x86_emit_rr(&g->e, wflag(op->type) | 0x39, X86_RCX, X86_RAX);
}

/* rax = a op rcx for the simple ALU group (opcode of "op r/m, reg"). */
static void emit_alu(X86Gen *g, const TCGOp *op, unsigned x86op, bool not_b,
                     bool not_d)
{
    unsigned w = wflag(op->type);

    ld_temp(g, X86_RAX, op->args[1], op->type);
    ld_temp(g, X86_RCX, op->args[2], op->type);
    if (not_b) {
        x86_emit_rr(&g->e, w | 0xf7, 2, X86_RCX);
    }
    if (x86op == 0xaf) {
        x86_emit_rr(&g->e, w | P_0F | 0xaf, X86_RAX, X86_RCX);   /* imul */
    } else {
        x86_emit_rr(&g->e, w | x86op, X86_RCX, X86_RAX);
    }
    if (not_d) {
        x86_emit_rr(&g->e, w | 0xf7, 2, X86_RAX);
    }
    st_temp(g, X86_RAX, op->args[0], op->type);
}

static void emit_shift(X86Gen *g, const TCGOp *op, int ext)
{
    ld_temp(g, X86_RAX, op->args[1], op->type);
    ld_temp(g, X86_RCX, op->args[2], op->type);
    x86_emit_rr(&g->e, wflag(op->type) | 0xd3, ext, X86_RAX);
    st_temp(g, X86_RAX, op->args[0], op->type);
}

/* Division with the IR's defined results for b == 0 and b == -1 (the
 * same as tcg_eval, so both back ends agree). */
static void emit_div(X86Gen *g, const TCGOp *op)
{
    unsigned w = wflag(op->type);
    bool sign = op->opc == INDEX_op_div || op->opc == INDEX_op_rem;
    bool rem = op->opc == INDEX_op_rem || op->opc == INDEX_op_remu;
    uint8_t *jz, *jm1 = NULL, *jdone1, *jdone2 = NULL;

    ld_temp(g, X86_RAX, op->args[1], op->type);
    ld_temp(g, X86_RCX, op->args[2], op->type);
    x86_emit_rr(&g->e, w | 0x85, X86_RCX, X86_RCX);
    jz = x86_emit_jmp32(&g->e, X86_CC_E);
    if (sign) {
        x86_emit_rr(&g->e, w | 0x83, 7, X86_RCX);            /* cmp rcx,-1 */
        x86_emit8(&g->e, 0xff);
        jm1 = x86_emit_jmp32(&g->e, X86_CC_E);
        x86_emit_opc(&g->e, w | 0x99, 0, 0, 0);              /* cqo/cdq */
        x86_emit_rr(&g->e, w | 0xf7, 7, X86_RCX);            /* idiv */
    } else {
        x86_emit_rr(&g->e, 0x31, X86_RDX, X86_RDX);
        x86_emit_rr(&g->e, w | 0xf7, 6, X86_RCX);            /* div */
    }
    if (rem) {
        x86_emit_rr(&g->e, w | 0x89, X86_RDX, X86_RAX);
    }
    jdone1 = x86_emit_jmp32(&g->e, -1);
    /* b == -1: quotient -a, remainder 0 */
    if (sign) {
        x86_patch_rel32(jm1, g->e.p);
        if (rem) {
            x86_emit_rr(&g->e, 0x31, X86_RAX, X86_RAX);
        } else {
            x86_emit_rr(&g->e, w | 0xf7, 3, X86_RAX);        /* neg */
        }
        jdone2 = x86_emit_jmp32(&g->e, -1);
    }
    /* b == 0: quotient 0, remainder a */
    x86_patch_rel32(jz, g->e.p);
    if (!rem) {
        x86_emit_rr(&g->e, 0x31, X86_RAX, X86_RAX);
    }
    x86_patch_rel32(jdone1, g->e.p);
    if (jdone2) {
        x86_patch_rel32(jdone2, g->e.p);
    }
    st_temp(g, X86_RAX, op->args[0], op->type);
}

static void emit_bitscan(X86Gen *g, const TCGOp *op)
{
    unsigned w = wflag(op->type);

    ld_temp(g, X86_RAX, op->args[1], op->type);
    ld_temp(g, X86_RDX, op->args[2], op->type);
    if (op->opc == INDEX_op_clz) {
        x86_emit_rr(&g->e, w | P_0F | 0xbd, X86_RCX, X86_RAX);   /* bsr */
        x86_emit_rr(&g->e, w | 0x83, 6, X86_RCX);                /* xor */
        x86_emit8(&g->e, op->type == TCG_TYPE_I64 ? 63 : 31);
    } else {
        x86_emit_rr(&g->e, w | P_0F | 0xbc, X86_RCX, X86_RAX);   /* bsf */
    }
    x86_emit_rr(&g->e, w | 0x85, X86_RAX, X86_RAX);
    x86_emit_rr(&g->e, w | P_0F | (0x40 + X86_CC_E), X86_RCX, X86_RDX);
    st_temp(g, X86_RCX, op->args[0], op->type);
}

static void emit_unary(X86Gen *g, const TCGOp *op)
{
    unsigned w = wflag(op->type);
    int r = X86_RAX;

    ld_temp(g, X86_RAX, op->args[1], op->type);
    switch (op->opc) {
    case INDEX_op_neg:
        x86_emit_rr(&g->e, w | 0xf7, 3, X86_RAX);
        break;
    case INDEX_op_not:
        x86_emit_rr(&g->e, w | 0xf7, 2, X86_RAX);
        break;
    case INDEX_op_ctpop:
        x86_emit_rr(&g->e, w | P_F3 | P_0F | 0xb8, X86_RAX, X86_RAX);
        break;
    case INDEX_op_bswap16:
        x86_emit_rr(&g->e, P_66 | 0xc1, 0, X86_RAX);          /* rol ax,8 */
        x86_emit8(&g->e, 8);
        x86_emit_rr(&g->e, P_0F | 0xb7, X86_RAX, X86_RAX);    /* movzx */
        break;
    case INDEX_op_bswap32:
        x86_emit_opc(&g->e, P_0F | 0xc8, 0, 0, X86_RAX);
        break;
    case INDEX_op_bswap64:
        x86_emit_opc(&g->e, P_REXW | P_0F | 0xc8, 0, 0, X86_RAX);
        break;
    case INDEX_op_ext8s:
        x86_emit_rr(&g->e, w | P_0F | 0xbe, X86_RAX, X86_RAX);
        break;
    case INDEX_op_ext8u:
        x86_emit_rr(&g->e, P_0F | 0xb6, X86_RAX, X86_RAX);
        break;
    case INDEX_op_ext16s:
        x86_emit_rr(&g->e, w | P_0F | 0xbf, X86_RAX, X86_RAX);
        break;
    case INDEX_op_ext16u:
        x86_emit_rr(&g->e, P_0F | 0xb7, X86_RAX, X86_RAX);
        break;
    case INDEX_op_ext32s:
        x86_emit_rr(&g->e, P_REXW | 0x63, X86_RAX, X86_RAX);
        break;
    case INDEX_op_ext32u:
        x86_emit_rr(&g->e, 0x89, X86_RAX, X86_RAX);
        break;
    default:
        fatal_internal("tcg x86: unary op %d", op->opc);
    }
    st_temp(g, r, op->args[0], op->type);
}

static void emit_extract(X86Gen *g, const TCGOp *op)
{
    unsigned w = wflag(op->type);
    unsigned bits = op->type == TCG_TYPE_I64 ? 64 : 32;
    unsigned pos = (unsigned)op->args[2], len = (unsigned)op->args[3];

    ld_temp(g, X86_RAX, op->args[1], op->type);
    x86_emit_shifti(&g->e, w, 4, X86_RAX, bits - pos - len);
    x86_emit_shifti(&g->e, w, op->opc == INDEX_op_sextract ? 7 : 5, X86_RAX,
                    bits - len);
    st_temp(g, X86_RAX, op->args[0], op->type);
}

static void emit_deposit(X86Gen *g, const TCGOp *op)
{
    unsigned w = wflag(op->type);
    unsigned pos = (unsigned)op->args[3], len = (unsigned)op->args[4];
    uint64_t mask = (len >= 64 ? ~0ull : (1ull << len) - 1) << pos;

    if (op->type == TCG_TYPE_I32) {
        mask = (uint32_t)mask;
    }
    ld_temp(g, X86_RAX, op->args[1], op->type);
    ld_temp(g, X86_RCX, op->args[2], op->type);
    x86_emit_movi(&g->e, op->type == TCG_TYPE_I64, X86_RDX, mask);
    x86_emit_shifti(&g->e, w, 4, X86_RCX, pos);
    x86_emit_rr(&g->e, w | 0x21, X86_RDX, X86_RCX);     /* and rcx, rdx */
    x86_emit_rr(&g->e, w | 0xf7, 2, X86_RDX);           /* not rdx */
    x86_emit_rr(&g->e, w | 0x21, X86_RDX, X86_RAX);     /* and rax, rdx */
    x86_emit_rr(&g->e, w | 0x09, X86_RCX, X86_RAX);     /* or rax, rcx */
    st_temp(g, X86_RAX, op->args[0], op->type);
}

/* Host load of base temp + offset into rax. */
static void emit_host_ld(X86Gen *g, const TCGOp *op)
{
    unsigned w = wflag(op->type), opc;
    int32_t off = (int32_t)op->args[2];

    ld_temp(g, X86_RCX, op->args[1], TCG_TYPE_I64);
    if ((intptr_t)off != (intptr_t)op->args[2]) {
        x86_emit_movi(&g->e, true, X86_RDX, op->args[2]);
        x86_emit_rr(&g->e, P_REXW | 0x01, X86_RDX, X86_RCX);
        off = 0;
    }
    switch (op->opc) {
    case INDEX_op_ld8u: opc = P_0F | 0xb6; break;
    case INDEX_op_ld8s: opc = w | P_0F | 0xbe; break;
    case INDEX_op_ld16u: opc = P_0F | 0xb7; break;
    case INDEX_op_ld16s: opc = w | P_0F | 0xbf; break;
    case INDEX_op_ld32u: opc = 0x8b; break;
    case INDEX_op_ld32s: opc = op->type == TCG_TYPE_I64 ? P_REXW | 0x63 : 0x8b;
        break;
    default: opc = w | 0x8b; break;
    }
    x86_emit_mem(&g->e, opc, X86_RAX, X86_RCX, -1, off);
    st_temp(g, X86_RAX, op->args[0], op->type);
}

static void emit_host_st(X86Gen *g, const TCGOp *op)
{
    unsigned opc;
    int32_t off = (int32_t)op->args[2];

    ld_temp(g, X86_RAX, op->args[0], op->type);
    ld_temp(g, X86_RCX, op->args[1], TCG_TYPE_I64);
    if ((intptr_t)off != (intptr_t)op->args[2]) {
        x86_emit_movi(&g->e, true, X86_RDX, op->args[2]);
        x86_emit_rr(&g->e, P_REXW | 0x01, X86_RDX, X86_RCX);
        off = 0;
    }
    switch (op->opc) {
    case INDEX_op_st8: opc = 0x88; break;
    case INDEX_op_st16: opc = P_66 | 0x89; break;
    case INDEX_op_st32: opc = 0x89; break;
    default: opc = wflag(op->type) | 0x89; break;
    }
    x86_emit_mem(&g->e, opc, X86_RAX, X86_RCX, -1, off);
}

/* Store the current insn's restore data in the vCPU, once per insn, so
 * a host fault reported without a host pc (host_pc 1) is still precise. */
static void emit_store_insn_data(X86Gen *g)
{
    const X86RestoreEntry *cur;

    if (g->insn_data_stored || g->nb_insns == 0) {
        return;
    }
    cur = &g->insns[g->nb_insns - 1];
    x86_emit_mem(&g->e, P_REXW | 0x8b, X86_RDX, X86_RSP, -1,
                 X86_FRAME_INSN_DATA);
    x86_emit_movi(&g->e, true, X86_RAX, cur->data[0]);
    x86_emit_mem(&g->e, P_REXW | 0x89, X86_RAX, X86_RDX, -1, 0);
    x86_emit_movi(&g->e, true, X86_RAX, cur->data[1]);
    x86_emit_mem(&g->e, P_REXW | 0x89, X86_RAX, X86_RDX, -1, 8);
    g->insn_data_stored = true;
}

/* Misaligned MO_ALIGN access: call the target's hook (addr in rcx). */
static void emit_align_check(X86Gen *g, unsigned mop, bool is_store)
{
    unsigned size = 1u << (mop & MO_SIZE);
    uint8_t *jok;

    if (!(mop & MO_ALIGN) || size == 1) {
        return;
    }
    x86_emit_rr(&g->e, 0xf7, 0, X86_RCX);                /* test ecx, imm */
    x86_emit32(&g->e, size - 1);
    jok = x86_emit_jmp32(&g->e, X86_CC_E);
    if (is_store) {
        x86_emit_rr(&g->e, P_REXW | 0x89, X86_RAX, X86_RBX);  /* keep value */
    }
    x86_emit_rr(&g->e, P_REXW | 0x89, X86_RCX, X86_R13);
    x86_emit_rr(&g->e, P_REXW | 0x89, X86_REG_ENV, X86_RDI);
    x86_emit_rr(&g->e, P_REXW | 0x89, X86_RCX, X86_RSI);
    x86_emit_movi(&g->e, false, X86_RDX, mop | (is_store ? 0x100u : 0));
    x86_emit_movi(&g->e, true, X86_RAX,
                  (uint64_t)(uintptr_t)x86_helper_unaligned);
    x86_emit_rr(&g->e, 0xff, 2, X86_RAX);                /* call rax */
    x86_emit_rr(&g->e, P_REXW | 0x89, X86_R13, X86_RCX);
    if (is_store) {
        x86_emit_rr(&g->e, P_REXW | 0x89, X86_RBX, X86_RAX);
    }
    x86_patch_rel32(jok, g->e.p);
}

static void emit_guest_ld(X86Gen *g, const TCGOp *op)
{
    unsigned mop = (unsigned)op->args[2], sz = mop & MO_SIZE;
    bool sign = mop & MO_SIGN, bswap = mop & MO_BSWAP;
    bool w64 = op->type == TCG_TYPE_I64;
    unsigned opc;

    emit_store_insn_data(g);
    ld_temp(g, X86_RCX, op->args[1], TCG_TYPE_I64);
    emit_align_check(g, mop, false);
    switch (sz) {
    case MO_8: opc = sign ? (w64 ? P_REXW : 0) | P_0F | 0xbe : P_0F | 0xb6;
        break;
    case MO_16:
        opc = sign && !bswap ? (w64 ? P_REXW : 0) | P_0F | 0xbf : P_0F | 0xb7;
        break;
    case MO_32:
        opc = sign && !bswap && w64 ? P_REXW | 0x63 : 0x8b;
        break;
    default:
        opc = P_REXW | 0x8b;
        break;
    }
    x86_emit_mem(&g->e, opc, X86_RAX, X86_REG_GUEST_BASE, X86_RCX, 0);
    if (bswap) {
        switch (sz) {
        case MO_16:
            x86_emit_rr(&g->e, P_66 | 0xc1, 0, X86_RAX);
            x86_emit8(&g->e, 8);
            x86_emit_rr(&g->e, (sign ? (w64 ? P_REXW : 0) | 0xbf : 0xb7) |
                        P_0F, X86_RAX, X86_RAX);
            break;
        case MO_32:
            x86_emit_opc(&g->e, P_0F | 0xc8, 0, 0, X86_RAX);
            if (sign && w64) {
                x86_emit_rr(&g->e, P_REXW | 0x63, X86_RAX, X86_RAX);
            }
            break;
        case MO_64:
            x86_emit_opc(&g->e, P_REXW | P_0F | 0xc8, 0, 0, X86_RAX);
            break;
        default:
            break;
        }
    }
    st_temp(g, X86_RAX, op->args[0], op->type);
}

static void emit_guest_st(X86Gen *g, const TCGOp *op)
{
    unsigned mop = (unsigned)op->args[2], sz = mop & MO_SIZE;
    unsigned opc;

    emit_store_insn_data(g);
    ld_temp(g, X86_RAX, op->args[0], op->type);
    ld_temp(g, X86_RCX, op->args[1], TCG_TYPE_I64);
    emit_align_check(g, mop, true);
    if (mop & MO_BSWAP) {
        switch (sz) {
        case MO_16:
            x86_emit_rr(&g->e, P_66 | 0xc1, 0, X86_RAX);
            x86_emit8(&g->e, 8);
            break;
        case MO_32:
            x86_emit_opc(&g->e, P_0F | 0xc8, 0, 0, X86_RAX);
            break;
        case MO_64:
            x86_emit_opc(&g->e, P_REXW | P_0F | 0xc8, 0, 0, X86_RAX);
            break;
        default:
            break;
        }
    }
    switch (sz) {
    case MO_8: opc = 0x88; break;
    case MO_16: opc = P_66 | 0x89; break;
    case MO_32: opc = 0x89; break;
    default: opc = P_REXW | 0x89; break;
    }
    x86_emit_mem(&g->e, opc, X86_RAX, X86_REG_GUEST_BASE, X86_RCX, 0);
}

static void emit_call(X86Gen *g, const TCGOp *op)
{
    static const int argreg[6] = { X86_RDI, X86_RSI, X86_RDX, X86_RCX,
                                   X86_R8, X86_R9 };
    unsigned nt = op->nb_oargs + op->nb_iargs, i;
    const TCGHelperInfo *info = (const TCGHelperInfo *)(uintptr_t)
        op->args[nt];

    for (i = 0; i < op->nb_iargs && i < 6; i++) {
        unsigned t = (info->typemask >> (3 * (i + 1))) & 7;

        ld_temp(g, argreg[i], op->args[op->nb_oargs + i],
                t == TCG_HELPER_I32 ? TCG_TYPE_I32 : TCG_TYPE_I64);
    }
    x86_emit_movi(&g->e, true, X86_RAX, (uint64_t)(uintptr_t)info->func);
    x86_emit_rr(&g->e, 0xff, 2, X86_RAX);                /* call rax */
    if (op->nb_oargs) {
        st_temp(g, X86_RAX, op->args[0],
                (info->typemask & 7) == TCG_HELPER_I32 ? TCG_TYPE_I32
                                                       : TCG_TYPE_I64);
    }
}

static void note_insn_start(X86Gen *g, const TCGOp *op)
{
    unsigned nt = op->nb_oargs + op->nb_iargs;
    uint32_t here = (uint32_t)(g->e.p - g->e.start);

    if (g->nb_insns) {
        g->insns[g->nb_insns - 1].end_off = here;
    }
    if (g->nb_insns == g->insns_cap) {
        g->insns_cap = g->insns_cap ? g->insns_cap * 2 : 32;
        g->insns = realloc(g->insns, g->insns_cap * sizeof(*g->insns));
        if (!g->insns) {
            fatal_internal("tcg x86: out of memory");
        }
    }
    g->insns[g->nb_insns].data[0] = op->args[nt];
    g->insns[g->nb_insns].data[1] = op->nb_cargs > 1 ? op->args[nt + 1] : 0;
    g->insns[g->nb_insns].end_off = UINT32_MAX;
    g->insns[g->nb_insns].pad = 0;
    g->nb_insns++;
    g->insn_data_stored = false;
}

static void emit_op(X86Gen *g, const TCGOp *op)
{
    unsigned w = wflag(op->type);
    unsigned nt = op->nb_oargs + op->nb_iargs;
    int cc;

    switch (op->opc) {
    case INDEX_op_discard:
        break;
    case INDEX_op_insn_start:
        note_insn_start(g, op);
        break;
    case INDEX_op_set_label:
        g->label_pos[op->args[0]] = g->e.p;
        g->insn_data_stored = false;     /* other paths join here */
        break;
    case INDEX_op_br:
        add_reloc(g, x86_emit_jmp32(&g->e, -1), (unsigned)op->args[0]);
        break;
    case INDEX_op_brcond:
        cc = x86_cc((TCGCond)op->args[nt]);
        if ((TCGCond)op->args[nt] == TCG_COND_ALWAYS) {
            add_reloc(g, x86_emit_jmp32(&g->e, -1),
                      (unsigned)op->args[nt + 1]);
        } else if (cc >= 0) {
            emit_cmp(g, op, 0, 1);
            add_reloc(g, x86_emit_jmp32(&g->e, cc),
                      (unsigned)op->args[nt + 1]);
        }
        break;
    case INDEX_op_mb:
        if (op->args[0] & TCG_MO_ST_LD) {
            x86_emit8(&g->e, 0x0f);                      /* mfence */
            x86_emit8(&g->e, 0xae);
            x86_emit8(&g->e, 0xf0);
        }
        break;
    case INDEX_op_mov:
        ld_temp(g, X86_RAX, op->args[1], op->type);
        st_temp(g, X86_RAX, op->args[0], op->type);
        break;
    case INDEX_op_setcond:
        cc = x86_cc((TCGCond)op->args[nt]);
        if (cc < 0) {
            x86_emit_movi(&g->e, false, X86_RAX,
                          (TCGCond)op->args[nt] == TCG_COND_ALWAYS);
        } else {
            emit_cmp(g, op, 1, 2);
            x86_emit_rr(&g->e, P_0F | (0x90 + cc), 0, X86_RAX);   /* setcc */
            x86_emit_rr(&g->e, P_0F | 0xb6, X86_RAX, X86_RAX);
        }
        st_temp(g, X86_RAX, op->args[0], op->type);
        break;
    case INDEX_op_movcond:
        cc = x86_cc((TCGCond)op->args[nt]);
        if (cc < 0) {
            ld_temp(g, X86_RAX, op->args[(TCGCond)op->args[nt] ==
                                         TCG_COND_ALWAYS ? 3 : 4], op->type);
        } else {
            emit_cmp(g, op, 1, 2);
            ld_temp(g, X86_RDX, op->args[3], op->type);
            ld_temp(g, X86_RAX, op->args[4], op->type);
            x86_emit_rr(&g->e, w | P_0F | (0x40 + cc), X86_RAX, X86_RDX);
        }
        st_temp(g, X86_RAX, op->args[0], op->type);
        break;
    case INDEX_op_add: emit_alu(g, op, 0x01, false, false); break;
    case INDEX_op_sub: emit_alu(g, op, 0x29, false, false); break;
    case INDEX_op_mul: emit_alu(g, op, 0xaf, false, false); break;
    case INDEX_op_and: emit_alu(g, op, 0x21, false, false); break;
    case INDEX_op_or: emit_alu(g, op, 0x09, false, false); break;
    case INDEX_op_xor: emit_alu(g, op, 0x31, false, false); break;
    case INDEX_op_andc: emit_alu(g, op, 0x21, true, false); break;
    case INDEX_op_orc: emit_alu(g, op, 0x09, true, false); break;
    case INDEX_op_eqv: emit_alu(g, op, 0x31, false, true); break;
    case INDEX_op_nand: emit_alu(g, op, 0x21, false, true); break;
    case INDEX_op_nor: emit_alu(g, op, 0x09, false, true); break;
    case INDEX_op_shl: emit_shift(g, op, 4); break;
    case INDEX_op_shr: emit_shift(g, op, 5); break;
    case INDEX_op_sar: emit_shift(g, op, 7); break;
    case INDEX_op_rotl: emit_shift(g, op, 0); break;
    case INDEX_op_rotr: emit_shift(g, op, 1); break;
    case INDEX_op_div: case INDEX_op_divu:
    case INDEX_op_rem: case INDEX_op_remu:
        emit_div(g, op);
        break;
    case INDEX_op_mulsh: case INDEX_op_muluh:
        ld_temp(g, X86_RAX, op->args[1], op->type);
        ld_temp(g, X86_RCX, op->args[2], op->type);
        x86_emit_rr(&g->e, w | 0xf7, op->opc == INDEX_op_mulsh ? 5 : 4,
                    X86_RCX);
        st_temp(g, X86_RDX, op->args[0], op->type);
        break;
    case INDEX_op_clz: case INDEX_op_ctz:
        emit_bitscan(g, op);
        break;
    case INDEX_op_neg: case INDEX_op_not: case INDEX_op_ctpop:
    case INDEX_op_bswap16: case INDEX_op_bswap32: case INDEX_op_bswap64:
    case INDEX_op_ext8s: case INDEX_op_ext8u: case INDEX_op_ext16s:
    case INDEX_op_ext16u: case INDEX_op_ext32s: case INDEX_op_ext32u:
        emit_unary(g, op);
        break;
    case INDEX_op_extract: case INDEX_op_sextract:
        emit_extract(g, op);
        break;
    case INDEX_op_deposit:
        emit_deposit(g, op);
        break;
    case INDEX_op_ext_i32_i64:
        ld_temp(g, X86_RAX, op->args[1], TCG_TYPE_I32);
        x86_emit_rr(&g->e, P_REXW | 0x63, X86_RAX, X86_RAX);
        st_temp(g, X86_RAX, op->args[0], TCG_TYPE_I64);
        break;
    case INDEX_op_extu_i32_i64:
        ld_temp(g, X86_RAX, op->args[1], TCG_TYPE_I32);
        st_temp(g, X86_RAX, op->args[0], TCG_TYPE_I64);
        break;
    case INDEX_op_extrl_i64_i32:
        ld_temp(g, X86_RAX, op->args[1], TCG_TYPE_I64);
        st_temp(g, X86_RAX, op->args[0], TCG_TYPE_I32);
        break;
    case INDEX_op_extrh_i64_i32:
        ld_temp(g, X86_RAX, op->args[1], TCG_TYPE_I64);
        x86_emit_shifti(&g->e, P_REXW, 5, X86_RAX, 32);
        st_temp(g, X86_RAX, op->args[0], TCG_TYPE_I32);
        break;
    case INDEX_op_ld8u: case INDEX_op_ld8s: case INDEX_op_ld16u:
    case INDEX_op_ld16s: case INDEX_op_ld32u: case INDEX_op_ld32s:
    case INDEX_op_ld:
        emit_host_ld(g, op);
        break;
    case INDEX_op_st8: case INDEX_op_st16: case INDEX_op_st32:
    case INDEX_op_st:
        emit_host_st(g, op);
        break;
    case INDEX_op_guest_ld:
        emit_guest_ld(g, op);
        break;
    case INDEX_op_guest_st:
        emit_guest_st(g, op);
        break;
    case INDEX_op_call:
        emit_call(g, op);
        break;
    case INDEX_op_goto_tb:
        /* follow the chain record: jmp_dest[n] set by tb_link, cleared
         * (atomically) when the chain is undone */
        x86_emit_movi(&g->e, true, X86_RAX, (uint64_t)(uintptr_t)
                      &g->tb->jmp_dest[op->args[0] & 1]);
        x86_emit_mem(&g->e, P_REXW | 0x8b, X86_RAX, X86_RAX, -1, 0);
        emit_jump_to_tb_in_rax(g, true);
        break;
    case INDEX_op_exit_tb:
        emit_exit(g, op->args[0]);
        break;
    case INDEX_op_goto_ptr:
        ld_temp(g, X86_RAX, op->args[0], TCG_TYPE_I64);
        emit_jump_to_tb_in_rax(g, false);
        emit_exit(g, 0);
        break;
    default:
        fatal_internal("tcg x86: no emitter for op %d", op->opc);
    }
}

/* Translate s into the code buffer at its current position. */
static int x86_gen_at(X86Gen *g, TCGContext *s, TranslationBlock *tb)
{
    TCGCodeBuffer *cb = &tcg_code_buffer;
    X86RestoreTable *rt;
    size_t tsize, start = (cb->used + 15) & ~(size_t)15;
    unsigned i;
    uint8_t *jne;

    g->e.start = g->e.p = cb->rw + start;
    g->e.end = cb->rw + cb->size;
    g->e.rx_start = (uintptr_t)cb->rx + start;
    g->e.overflow = false;
    /* entry: leave at once if exit_request is set */
    x86_emit_mem(&g->e, P_REXW | 0x8b, X86_RAX, X86_RSP, -1,
                 X86_FRAME_EXIT_REQ);
    x86_emit_mem(&g->e, 0x83, 7, X86_RAX, -1, 0);        /* cmp dword,0 */
    x86_emit8(&g->e, 0);
    jne = x86_emit_jmp32(&g->e, X86_CC_NE);
    for (i = 0; i < s->nb_ops && !g->e.overflow; i++) {
        emit_op(g, &s->ops[i]);
    }
    emit_exit(g, 0);           /* a front end that falls off the end */
    x86_patch_rel32(jne, g->e.p);
    emit_exit(g, (uintptr_t)tb | X86_EXIT_REQUESTED_TAG);
    for (i = 0; i < g->nb_relocs; i++) {
        if (!g->label_pos[g->relocs[i].label]) {
            fatal_internal("tcg x86: branch to an unset label");
        }
        x86_patch_rel32(g->relocs[i].field, g->label_pos[g->relocs[i].label]);
    }
    if (g->nb_insns) {
        g->insns[g->nb_insns - 1].end_off = (uint32_t)(g->e.p - g->e.start);
    }
    /* the restore table follows the code */
    while ((uintptr_t)g->e.p & 7) {
        x86_emit8(&g->e, 0xcc);
    }
    tsize = sizeof(*rt) + g->nb_insns * sizeof(X86RestoreEntry);
    if (g->e.overflow || g->e.p + tsize > g->e.end) {
        return -ENOSPC;
    }
    rt = (X86RestoreTable *)g->e.p;
    rt->nb = g->nb_insns;
    rt->code_size = (uint32_t)(g->e.p - g->e.start);
    rt->tb_pc = tb->pc;
    memcpy(rt->e, g->insns, g->nb_insns * sizeof(X86RestoreEntry));
    g->e.p += tsize;
    cb->used = (size_t)(g->e.p - cb->rw);
    x86_restore_index_add(g->e.rx_start,
                          (const X86RestoreTable *)(cb->rx + ((uint8_t *)rt -
                                                              cb->rw)));
    tb->tc_size = rt->code_size;
    tb->restore_table = (const uint8_t *)rt;
    tb->restore_size = (uint32_t)tsize;
    return 0;
}

static void x86_gen_reset(X86Gen *g, TCGContext *s)
{
    memset(g->label_pos, 0, (s->nb_labels + 1) * sizeof(uint8_t *));
    g->nb_relocs = 0;
    g->nb_insns = 0;
    g->insn_data_stored = false;
}

/* Start the buffer afresh (gen lock held, no TB code running). */
static void x86_buffer_reset(void)
{
    tcg_code_buffer.used = tcg_code_buffer.reserved;
    x86_restore_index_reset();
}

int tcg_x86_gen(TCGContext *s, TranslationBlock *tb)
{
    X86Gen g = { .s = s, .tb = tb };
    X86TBInfo *info = malloc(sizeof(*info));
    unsigned long flushes;
    int ret;

    g.label_pos = calloc(s->nb_labels + 1, sizeof(uint8_t *));
    if (!info || !g.label_pos) {
        fatal_internal("tcg x86: out of memory");
    }
    if (tcg_regalloc_homes(s, X86_REG_ENV, X86_RSP, X86_FRAME_SLOTS,
                           X86_MAX_SLOTS) < 0) {
        fatal_internal("tcg x86: TB too large for the frame");
    }
    pthread_mutex_lock(&x86_gen_lock);
    if ((!tcg_code_buffer.rw && tcg_code_buffer_init(0) < 0) ||
        (!tcg_code_buffer.reserved && x86_trampoline_emit() < 0)) {
        fatal_internal("tcg x86: no code buffer");
    }
    /* every TB was dropped since our last TB: their code is free space */
    flushes = atomic_load(&tcg_stats.flushes);
    if (flushes != x86_seen_flushes) {
        x86_seen_flushes = flushes;
        x86_buffer_reset();
    }
    ret = x86_gen_at(&g, s, tb);
    if (ret == -ENOSPC) {
        /*
         * Full: drop every TB and start again. Only safe while no other
         * thread runs translated code (no safe-work mechanism yet).
         */
        pthread_mutex_unlock(&x86_gen_lock);
        tb_flush_all();
        pthread_mutex_lock(&x86_gen_lock);
        x86_seen_flushes = atomic_load(&tcg_stats.flushes);
        x86_buffer_reset();
        x86_gen_reset(&g, s);
        ret = x86_gen_at(&g, s, tb);
        if (ret < 0) {
            fatal_internal("tcg x86: a TB larger than the code buffer");
        }
    }
    info->code = (const void *)g.e.rx_start;
    tb->tc_ptr = info;
    pthread_mutex_unlock(&x86_gen_lock);
    free(g.label_pos);
    free(g.relocs);
    free(g.insns);
    return 0;
}

void x86_helper_unaligned(CPUArchState *env, uint64_t addr, uint32_t mop_st)
{
    CPU *cpu = tcg_current_cpu();
    const TCGTargetOps *ops = tcg_vcpu(cpu)->pub.ops;

    if (ops->do_unaligned_access) {
        ops->do_unaligned_access(env, addr, mop_st & 0xff, mop_st & 0x100,
                                 GETPC());
    }
}

/*
 * fork(): hold x86_gen_lock across it (tcg-fork.h):
 * no TB is half-emitted in the child.
 */
void x86_gen_fork_prepare(void)
{
    pthread_mutex_lock(&x86_gen_lock);
}

void x86_gen_fork_parent(void)
{
    pthread_mutex_unlock(&x86_gen_lock);
}

void x86_gen_fork_child(void)
{
    pthread_mutex_init(&x86_gen_lock, NULL);
}
