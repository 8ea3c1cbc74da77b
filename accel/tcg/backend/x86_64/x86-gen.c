/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * x86-64 code generation: one emitter per IR op, both widths, on the
 * registers regalloc.c hands out. Temps and guest registers stay in host
 * registers across ops; globals are written back at block ends, before
 * calls that may read them, before guest memory accesses (a fault sees
 * exact guest state) and at exits. x86 constraints (shift counts in cl,
 * division in rax:rdx, call arguments) go through fixed-register inputs.
 * Every TB starts with the exit_request test; goto_tb is a patchable
 * jmp rel32 (x86_patch_goto_tb) that starts out jumping to its own exit.
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>

#include "accel/tcg/backend/x86_64/x86-backend.h"
#include "accel/tcg/backend/x86_64/x86-emit.h"
#include "accel/tcg/cputlb.h"
#include "accel/tcg/guest-mem.h"
#include "accel/tcg/regalloc.h"
#include "accel/tcg/tcg-fork.h"
#include "accel/tcg/tcg-log.h"
#include "util/error.h"

#define R(r) (1u << (r))
#define X86_ALLOC (R(X86_RAX) | R(X86_RCX) | R(X86_RDX) | R(X86_RBX) | \
                   R(X86_RSI) | R(X86_RDI) | R(X86_R8) | R(X86_R9) |    \
                   R(X86_R10) | R(X86_R13) | R(X86_R14) | R(X86_R15))
#define X86_CALL_CLOBBER (R(X86_RAX) | R(X86_RCX) | R(X86_RDX) |        \
                          R(X86_RSI) | R(X86_RDI) | R(X86_R8) |         \
                          R(X86_R9) | R(X86_R10))

/* Callee-saved first: their values survive helper calls. */
static const int8_t x86_order[] = {
    X86_RBX, X86_R13, X86_R14, X86_R15, X86_RSI, X86_RDI, X86_R8, X86_R9,
    X86_R10, X86_RAX, X86_RDX, X86_RCX,
};

typedef struct X86Reloc {
    uint8_t *field;
    unsigned label;
} X86Reloc;

/* An inline TLB probe's miss path, emitted after the TB's code. */
typedef struct X86SlowPath {
    uint8_t *jmiss;             /* rel32 of the probe's jne */
    uint8_t *resume;            /* where the access's code continues */
    const void *func;           /* helper_ld_mmu / helper_st_mmu */
    int insn;                   /* index in insns, -1: before the first */
} X86SlowPath;

typedef struct X86Gen {
    X86Emit e;
    TCGContext *s;
    TranslationBlock *tb;
    RegAlloc ra;
    uint8_t **label_pos;
    X86Reloc *relocs;
    unsigned nb_relocs, relocs_cap;
    X86RestoreEntry *insns;
    unsigned nb_insns, insns_cap;
    bool insn_loc_stored;       /* current insn's location is in the frame */
    X86SlowPath *slow;
    unsigned nb_slow, slow_cap;
    /* "add t, base, disp" not emitted: the next guest access, t's only
     * use, addresses [guest_base + base + disp] instead */
    int fold_temp;
    unsigned fold_base;
    int32_t fold_disp;
    bool fold_base_dies;
} X86Gen;

static pthread_mutex_t x86_gen_lock = PTHREAD_MUTEX_INITIALIZER;
bool tcg_x86_count_chained_entries;
static unsigned long x86_seen_flushes;

static unsigned wflag(TCGType t)
{
    return t == TCG_TYPE_I64 ? P_REXW : 0;
}

static bool imm_ok(TCGType t, int64_t v)
{
    return t == TCG_TYPE_I32 || v == (int32_t)v;
}

/* ---- allocator hooks ---- */

static void hook_ld(void *o, TCGType t, int reg, int base, intptr_t off)
{
    X86Gen *g = o;

    x86_emit_mem(&g->e, wflag(t) | 0x8b, reg, base, -1, (int32_t)off);
}

static void hook_st(void *o, TCGType t, int reg, int base, intptr_t off)
{
    X86Gen *g = o;

    x86_emit_mem(&g->e, wflag(t) | 0x89, reg, base, -1, (int32_t)off);
}

static bool hook_sti(void *o, TCGType t, int64_t val, int base, intptr_t off)
{
    X86Gen *g = o;

    if (!imm_ok(t, val)) {
        return false;
    }
    x86_emit_mem(&g->e, wflag(t) | 0xc7, 0, base, -1, (int32_t)off);
    x86_emit32(&g->e, (uint32_t)val);
    return true;
}

static void hook_mov(void *o, TCGType t, int dst, int src)
{
    X86Gen *g = o;

    if (dst != src) {
        x86_emit_rr(&g->e, wflag(t) | 0x89, src, dst);
    }
}

/* mov reg, imm without touching the flags (never xor). */
static void movi_keep_flags(X86Emit *e, TCGType t, int reg, int64_t v)
{
    uint64_t u = t == TCG_TYPE_I64 ? (uint64_t)v : (uint32_t)v;

    if (u == (uint32_t)u) {
        x86_emit_opc(e, 0xb8 + (reg & 7), 0, 0, reg);
        x86_emit32(e, (uint32_t)u);
    } else {
        x86_emit_movi(e, true, reg, u);
    }
}

static void hook_movi(void *o, TCGType t, int reg, int64_t val)
{
    X86Gen *g = o;

    movi_keep_flags(&g->e, t, reg, val);
}

static const RAHooks x86_hooks = {
    .ld = hook_ld, .st = hook_st, .sti = hook_sti, .mov = hook_mov,
    .movi = hook_movi,
};

/* ---- small emitters ---- */

/* Group-1 ALU op with an immediate (ext: 0 add, 1 or, 4 and, 5 sub,
 * 6 xor, 7 cmp). */
static void alu_ri(X86Gen *g, unsigned w, int ext, int reg, int64_t imm)
{
    if (imm == (int8_t)imm) {
        x86_emit_rr(&g->e, w | 0x83, ext, reg);
        x86_emit8(&g->e, (uint8_t)imm);
    } else {
        x86_emit_rr(&g->e, w | 0x81, ext, reg);
        x86_emit32(&g->e, (uint32_t)imm);
    }
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

/* Operand b of a two-operand op: an immediate when allowed, else a
 * register. */
typedef struct X86Opnd {
    bool is_imm;
    int reg;
    int64_t imm;
} X86Opnd;

static X86Opnd in_ri(X86Gen *g, TCGArg t, TCGType type)
{
    X86Opnd o = { 0 };

    if (ra_const(&g->ra, (unsigned)t, &o.imm) && imm_ok(type, o.imm)) {
        o.is_imm = true;
    } else {
        o.reg = ra_in(&g->ra, (unsigned)t, X86_ALLOC | R(X86_REG_ENV));
    }
    return o;
}

/* cmp a, b (a register, b register or immediate). */
static void emit_cmp(X86Gen *g, TCGType type, int a, X86Opnd b)
{
    if (b.is_imm) {
        if (b.imm == 0) {
            x86_emit_rr(&g->e, wflag(type) | 0x85, a, a);      /* test */
        } else {
            alu_ri(g, wflag(type), 7, a, b.imm);
        }
    } else {
        x86_emit_rr(&g->e, wflag(type) | 0x39, b.reg, a);
    }
}

#define ANY (X86_ALLOC)
#define ANY_OR_ENV (X86_ALLOC | R(X86_REG_ENV))

static bool commutative(TCGOpcode opc)
{
    switch (opc) {
    case INDEX_op_add: case INDEX_op_mul: case INDEX_op_and:
    case INDEX_op_or: case INDEX_op_xor: case INDEX_op_eqv:
    case INDEX_op_nand: case INDEX_op_nor:
        return true;
    default:
        return false;
    }
}

/* d = a op b for the ALU group: add sub and or xor andc orc eqv nand
 * nor mul. Two-address: d takes a's register when a dies here. */
static void emit_alu(X86Gen *g, const TCGOp *op)
{
    TCGType type = op->type;
    unsigned w = wflag(type);
    TCGArg ta = op->args[1], tb = op->args[2];
    int64_t ca;
    X86Opnd b;
    int d, a;
    int ext = 0, opc = 0;
    bool not_b = false, not_d = false;

    if (commutative(op->opc) &&
        ((!ra_dies(&g->ra, (unsigned)ta) && ra_dies(&g->ra, (unsigned)tb)) ||
         ra_const(&g->ra, (unsigned)ta, &ca))) {
        TCGArg x = ta;

        ta = tb;
        tb = x;
    }
    switch (op->opc) {
    case INDEX_op_add: ext = 0; opc = 0x01; break;
    case INDEX_op_sub: ext = 5; opc = 0x29; break;
    case INDEX_op_and: ext = 4; opc = 0x21; break;
    case INDEX_op_or: ext = 1; opc = 0x09; break;
    case INDEX_op_xor: ext = 6; opc = 0x31; break;
    case INDEX_op_andc: ext = 4; opc = 0x21; not_b = true; break;
    case INDEX_op_orc: ext = 1; opc = 0x09; not_b = true; break;
    case INDEX_op_eqv: ext = 6; opc = 0x31; not_d = true; break;
    case INDEX_op_nand: ext = 4; opc = 0x21; not_d = true; break;
    case INDEX_op_nor: ext = 1; opc = 0x09; not_d = true; break;
    case INDEX_op_mul: opc = -1; break;
    default:
        fatal_internal("tcg x86: alu op %d", op->opc);
    }
    b = in_ri(g, tb, type);
    if (b.is_imm && not_b) {
        b.imm = type == TCG_TYPE_I32 ? (int32_t)~b.imm : ~b.imm;
        not_b = false;
    }
    /* add that keeps a: lea d, [a + b] */
    if (op->opc == INDEX_op_add && !ra_dies(&g->ra, (unsigned)ta) &&
        !ra_const(&g->ra, (unsigned)ta, &ca)) {
        a = ra_in(&g->ra, (unsigned)ta, ANY_OR_ENV);
        d = ra_out(&g->ra, (unsigned)op->args[0], ANY);
        if (b.is_imm) {
            x86_emit_mem(&g->e, w | 0x8d, d, a, -1, (int32_t)b.imm);
        } else {
            x86_emit_mem(&g->e, w | 0x8d, d, a, b.reg, 0);
        }
        return;
    }
    if (op->opc == INDEX_op_mul && b.is_imm) {
        a = ra_in_copy(&g->ra, (unsigned)ta, ANY);
        x86_emit_rr(&g->e, w | 0x69, a, a);                 /* imul r,r,imm */
        x86_emit32(&g->e, (uint32_t)b.imm);
        ra_out_reg(&g->ra, (unsigned)op->args[0], a);
        return;
    }
    d = ra_in_copy(&g->ra, (unsigned)ta, ANY);
    if (not_b) {
        x86_emit_rr(&g->e, w | 0x89, b.reg, X86_REG_TMP);
        x86_emit_rr(&g->e, w | 0xf7, 2, X86_REG_TMP);       /* not */
        b.reg = X86_REG_TMP;
    }
    if (opc == -1) {
        x86_emit_rr(&g->e, w | P_0F | 0xaf, d, b.reg);      /* imul */
    } else if (b.is_imm) {
        alu_ri(g, w, ext, d, b.imm);
    } else {
        x86_emit_rr(&g->e, w | opc, b.reg, d);
    }
    if (not_d) {
        x86_emit_rr(&g->e, w | 0xf7, 2, d);
    }
    ra_out_reg(&g->ra, (unsigned)op->args[0], d);
}

static void emit_shift(X86Gen *g, const TCGOp *op, int ext)
{
    TCGType type = op->type;
    unsigned w = wflag(type), bits = type == TCG_TYPE_I64 ? 64 : 32;
    int64_t c;
    int d;

    if (ra_const(&g->ra, (unsigned)op->args[2], &c)) {
        d = ra_in_copy(&g->ra, (unsigned)op->args[1], ANY);
        x86_emit_shifti(&g->e, w, ext, d, (unsigned)c & (bits - 1));
    } else {
        ra_in_fixed(&g->ra, (unsigned)op->args[2], X86_RCX, false);
        d = ra_in_copy(&g->ra, (unsigned)op->args[1], ANY);
        x86_emit_rr(&g->e, w | 0xd3, ext, d);
    }
    ra_out_reg(&g->ra, (unsigned)op->args[0], d);
}

/* Division with the IR's defined results for b == 0 and b == -1 (the
 * same as tcg_eval, so both back ends agree). a in rax, rdx clobbered. */
static void emit_div(X86Gen *g, const TCGOp *op)
{
    unsigned w = wflag(op->type);
    bool sign = op->opc == INDEX_op_div || op->opc == INDEX_op_rem;
    bool rem = op->opc == INDEX_op_rem || op->opc == INDEX_op_remu;
    uint8_t *jz, *jm1 = NULL, *jdone1, *jdone2 = NULL;
    int b;

    b = ra_in(&g->ra, (unsigned)op->args[2], ANY & ~R(X86_RAX) & ~R(X86_RDX));
    ra_in_fixed(&g->ra, (unsigned)op->args[1], X86_RAX, true);
    ra_reserve(&g->ra, X86_RDX);
    x86_emit_rr(&g->e, w | 0x85, b, b);
    jz = x86_emit_jmp32(&g->e, X86_CC_E);
    if (sign) {
        alu_ri(g, w, 7, b, -1);                               /* cmp b,-1 */
        jm1 = x86_emit_jmp32(&g->e, X86_CC_E);
        x86_emit_opc(&g->e, w | 0x99, 0, 0, 0);               /* cqo/cdq */
        x86_emit_rr(&g->e, w | 0xf7, 7, b);                   /* idiv */
    } else {
        x86_emit_rr(&g->e, 0x31, X86_RDX, X86_RDX);
        x86_emit_rr(&g->e, w | 0xf7, 6, b);                   /* div */
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
            x86_emit_rr(&g->e, w | 0xf7, 3, X86_RAX);         /* neg */
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
    ra_out_reg(&g->ra, (unsigned)op->args[0], X86_RAX);
}

static void emit_mulh(X86Gen *g, const TCGOp *op)
{
    int b;

    b = ra_in(&g->ra, (unsigned)op->args[2], ANY & ~R(X86_RAX) & ~R(X86_RDX));
    ra_in_fixed(&g->ra, (unsigned)op->args[1], X86_RAX, true);
    ra_reserve(&g->ra, X86_RDX);
    x86_emit_rr(&g->e, wflag(op->type) | 0xf7,
                op->opc == INDEX_op_mulsh ? 5 : 4, b);
    ra_out_reg(&g->ra, (unsigned)op->args[0], X86_RDX);
}

static void emit_bitscan(X86Gen *g, const TCGOp *op)
{
    unsigned w = wflag(op->type);
    int64_t zc;
    int a, z, d;

    a = ra_in(&g->ra, (unsigned)op->args[1], ANY);
    if (ra_const(&g->ra, (unsigned)op->args[2], &zc)) {
        d = ra_out(&g->ra, (unsigned)op->args[0], ANY);
        z = X86_REG_TMP;
        movi_keep_flags(&g->e, op->type, z, zc);
    } else {
        z = ra_in(&g->ra, (unsigned)op->args[2], ANY);
        d = ra_out(&g->ra, (unsigned)op->args[0], ANY);
    }
    if (op->opc == INDEX_op_clz) {
        x86_emit_rr(&g->e, w | P_0F | 0xbd, d, a);           /* bsr */
        alu_ri(g, w, 6, d, op->type == TCG_TYPE_I64 ? 63 : 31);
    } else {
        x86_emit_rr(&g->e, w | P_0F | 0xbc, d, a);           /* bsf */
    }
    x86_emit_rr(&g->e, w | 0x85, a, a);
    x86_emit_rr(&g->e, w | P_0F | (0x40 + X86_CC_E), d, z);  /* cmovz */
}

/* In-place unary ops: d takes a's register (or a copy). */
static void emit_unary_inplace(X86Gen *g, const TCGOp *op)
{
    unsigned w = wflag(op->type);
    int d = ra_in_copy(&g->ra, (unsigned)op->args[1], ANY);

    switch (op->opc) {
    case INDEX_op_neg:
        x86_emit_rr(&g->e, w | 0xf7, 3, d);
        break;
    case INDEX_op_not:
        x86_emit_rr(&g->e, w | 0xf7, 2, d);
        break;
    case INDEX_op_bswap16:
        x86_emit_rr(&g->e, P_66 | 0xc1, 0, d);               /* rol r16,8 */
        x86_emit8(&g->e, 8);
        x86_emit_rr(&g->e, P_0F | 0xb7, d, d);               /* movzx */
        break;
    case INDEX_op_bswap32:
        x86_emit_opc(&g->e, P_0F | (0xc8 + (d & 7)), 0, 0, d);
        break;
    case INDEX_op_bswap64:
        x86_emit_opc(&g->e, P_REXW | P_0F | (0xc8 + (d & 7)), 0, 0, d);
        break;
    case INDEX_op_extrh_i64_i32:
        x86_emit_shifti(&g->e, P_REXW, 5, d, 32);
        break;
    case INDEX_op_extract:
    case INDEX_op_sextract: {
        unsigned bits = op->type == TCG_TYPE_I64 ? 64 : 32;
        unsigned pos = (unsigned)op->args[2], len = (unsigned)op->args[3];

        x86_emit_shifti(&g->e, w, 4, d, bits - pos - len);
        x86_emit_shifti(&g->e, w, op->opc == INDEX_op_sextract ? 7 : 5, d,
                        bits - len);
        break;
    }
    default:
        fatal_internal("tcg x86: unary op %d", op->opc);
    }
    ra_out_reg(&g->ra, (unsigned)op->args[0], d);
}

/* d = f(s) ops with separate source and destination registers. */
static void emit_unary_move(X86Gen *g, const TCGOp *op)
{
    unsigned w = wflag(op->type), opc;
    bool in_place = ra_dies(&g->ra, (unsigned)op->args[1]);
    int s, d;

    switch (op->opc) {
    case INDEX_op_ctpop: opc = w | P_F3 | P_0F | 0xb8; break;
    case INDEX_op_ext8s: opc = w | P_BYTE | P_0F | 0xbe; break;
    case INDEX_op_ext8u: opc = P_BYTE | P_0F | 0xb6; break;
    case INDEX_op_ext16s: opc = w | P_0F | 0xbf; break;
    case INDEX_op_ext16u: opc = P_0F | 0xb7; break;
    case INDEX_op_ext32s: case INDEX_op_ext_i32_i64: opc = P_REXW | 0x63; break;
    case INDEX_op_ext32u: case INDEX_op_extu_i32_i64:
    case INDEX_op_extrl_i64_i32:
        opc = 0x8b;
        break;
    default:
        fatal_internal("tcg x86: unary op %d", op->opc);
    }
    if (in_place) {
        s = d = ra_in_copy(&g->ra, (unsigned)op->args[1], ANY);
    } else {
        s = ra_in(&g->ra, (unsigned)op->args[1], ANY);
        d = ra_out(&g->ra, (unsigned)op->args[0], ANY);
    }
    x86_emit_rr(&g->e, opc, d, s);
    if (in_place) {
        ra_out_reg(&g->ra, (unsigned)op->args[0], d);
    }
}

/* d = a with bits [pos, pos+len) from b: rotate the field to the bottom,
 * clear it, or in b's low bits, rotate back. */
static void emit_deposit(X86Gen *g, const TCGOp *op)
{
    unsigned w = wflag(op->type), bits = op->type == TCG_TYPE_I64 ? 64 : 32;
    unsigned pos = (unsigned)op->args[3], len = (unsigned)op->args[4];
    int b, d;

    b = ra_in(&g->ra, (unsigned)op->args[2], ANY);
    if (len >= bits) {
        d = ra_out(&g->ra, (unsigned)op->args[0], ANY);
        x86_emit_rr(&g->e, w | 0x89, b, d);
        return;
    }
    d = ra_in_copy(&g->ra, (unsigned)op->args[1], ANY);
    x86_emit_rr(&g->e, w | 0x89, b, X86_REG_TMP);
    x86_emit_shifti(&g->e, w, 4, X86_REG_TMP, bits - len);
    x86_emit_shifti(&g->e, w, 5, X86_REG_TMP, bits - len - pos);
    x86_emit_shifti(&g->e, w, 1, d, pos);                    /* ror */
    x86_emit_shifti(&g->e, w, 5, d, len);
    x86_emit_shifti(&g->e, w, 4, d, len);
    x86_emit_shifti(&g->e, w, 0, d, pos);                    /* rol */
    x86_emit_rr(&g->e, w | 0x09, X86_REG_TMP, d);
    ra_out_reg(&g->ra, (unsigned)op->args[0], d);
}

static bool is_env(X86Gen *g, TCGArg t)
{
    return g->s->temps[t].kind == TCG_TEMP_FIXED;
}

static unsigned host_access_size(TCGOpcode opc, TCGType type)
{
    switch (opc) {
    case INDEX_op_ld8u: case INDEX_op_ld8s: case INDEX_op_st8: return 1;
    case INDEX_op_ld16u: case INDEX_op_ld16s: case INDEX_op_st16: return 2;
    case INDEX_op_ld32u: case INDEX_op_ld32s: case INDEX_op_st32: return 4;
    default: return type == TCG_TYPE_I64 ? 8 : 4;
    }
}

/* Base register and displacement of a host access (offsets that do not
 * fit 32 bits go through the scratch register). */
static int host_base(X86Gen *g, int base, TCGArg off, int32_t *disp)
{
    *disp = (int32_t)off;
    if ((intptr_t)*disp != (intptr_t)off) {
        x86_emit_movi(&g->e, true, X86_REG_TMP, off);
        x86_emit_rr(&g->e, P_REXW | 0x01, base, X86_REG_TMP);
        *disp = 0;
        return X86_REG_TMP;
    }
    return base;
}

static void emit_host_ld(X86Gen *g, const TCGOp *op)
{
    unsigned w = wflag(op->type), opc;
    int32_t disp;
    int base, d;

    if (is_env(g, op->args[1])) {
        ra_sync_env_range(&g->ra, (intptr_t)op->args[2],
                          host_access_size(op->opc, op->type), false);
    } else {
        ra_sync_globals(&g->ra, false);
    }
    base = ra_in(&g->ra, (unsigned)op->args[1], ANY_OR_ENV);
    d = ra_out(&g->ra, (unsigned)op->args[0], ANY);
    base = host_base(g, base, op->args[2], &disp);
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
    x86_emit_mem(&g->e, opc, d, base, -1, disp);
}

static void emit_host_st(X86Gen *g, const TCGOp *op)
{
    unsigned opc;
    int32_t disp;
    int base, v;

    if (is_env(g, op->args[1])) {
        ra_sync_env_range(&g->ra, (intptr_t)op->args[2],
                          host_access_size(op->opc, op->type), true);
    } else {
        ra_sync_globals(&g->ra, true);
    }
    v = ra_in(&g->ra, (unsigned)op->args[0], ANY);
    base = ra_in(&g->ra, (unsigned)op->args[1], ANY_OR_ENV);
    base = host_base(g, base, op->args[2], &disp);
    switch (op->opc) {
    case INDEX_op_st8: opc = P_BYTE | 0x88; break;
    case INDEX_op_st16: opc = P_66 | 0x89; break;
    case INDEX_op_st32: opc = 0x89; break;
    default: opc = wflag(op->type) | 0x89; break;
    }
    x86_emit_mem(&g->e, opc, v, base, -1, disp);
}

/* Record in the frame where this insn's guest access is, once per insn,
 * so a host fault reported without a host pc (host_pc 1) is precise. */
static void emit_store_insn_loc(X86Gen *g)
{
    if (g->insn_loc_stored) {
        return;
    }
    x86_emit_mem(&g->e, 0xc7, 0, X86_RSP, -1, X86_FRAME_INSN_LOC);
    x86_emit32(&g->e, (uint32_t)(x86_rx_here(&g->e) + 4 -
                                 (uintptr_t)tcg_code_buffer.rx));
    g->insn_loc_stored = true;
}

/* Misaligned MO_ALIGN access: call the target's hook, with the live
 * caller-saved registers saved around it (a cold path). */
static void emit_align_check(X86Gen *g, unsigned mop, bool is_store,
                             int addr)
{
    static const int saveable[] = { X86_RAX, X86_RCX, X86_RDX, X86_RSI,
                                    X86_RDI, X86_R8, X86_R9, X86_R10 };
    unsigned size = 1u << (mop & MO_SIZE), i, n = 0;
    uint32_t busy = ra_busy(&g->ra);
    uint8_t *jok;

    if (!(mop & MO_ALIGN) || size == 1) {
        return;
    }
    x86_emit_rr(&g->e, 0xf7, 0, addr);                   /* test addr, imm */
    x86_emit32(&g->e, size - 1);
    jok = x86_emit_jmp32(&g->e, X86_CC_E);
    for (i = 0; i < 8; i++) {
        if (busy & R(saveable[i])) {
            x86_emit_opc(&g->e, 0x50 + (saveable[i] & 7), 0, 0, saveable[i]);
            n++;
        }
    }
    if (n & 1) {
        alu_ri(g, P_REXW, 5, X86_RSP, 8);
    }
    x86_emit_rr(&g->e, P_REXW | 0x89, addr, X86_RSI);
    x86_emit_rr(&g->e, P_REXW | 0x89, X86_REG_ENV, X86_RDI);
    x86_emit_movi(&g->e, false, X86_RDX, mop | (is_store ? 0x100u : 0));
    x86_emit_movi(&g->e, true, X86_REG_TMP,
                  (uint64_t)(uintptr_t)x86_helper_unaligned);
    x86_emit_rr(&g->e, 0xff, 2, X86_REG_TMP);            /* call r11 */
    if (n & 1) {
        alu_ri(g, P_REXW, 0, X86_RSP, 8);
    }
    for (i = 8; i-- > 0;) {
        if (busy & R(saveable[i])) {
            x86_emit_opc(&g->e, 0x58 + (saveable[i] & 7), 0, 0, saveable[i]);
        }
    }
    x86_patch_rel32(jok, g->e.p);
}

/* The register (and displacement) of a guest access's address. */
static int guest_addr(X86Gen *g, TCGArg t, int32_t *disp)
{
    if (g->fold_temp == (int)t) {
        *disp = g->fold_disp;
        return ra_in(&g->ra, g->fold_base, ANY_OR_ENV);
    }
    *disp = 0;
    return ra_in(&g->ra, (unsigned)t, ANY);
}

/*
 * Whether op idx is "add t, base, imm" feeding only the address of the
 * guest access right after it (as riscv's "ld a0, 8(a1)" comes out), so
 * the access can use [guest_base + base + imm] and the add vanish.
 */
static bool fold_address(X86Gen *g, unsigned idx)
{
    const TCGOp *op = &g->s->ops[idx], *next;
    unsigned t, base;
    int64_t imm;

    if (op->opc != INDEX_op_add || op->type != TCG_TYPE_I64 ||
        idx + 1 >= g->s->nb_ops) {
        return false;
    }
    next = &g->s->ops[idx + 1];
    t = (unsigned)op->args[0];
    base = (unsigned)op->args[1];
    if (g->s->temps[t].kind != TCG_TEMP_EBB || base == t ||
        !ra_const(&g->ra, (unsigned)op->args[2], &imm) ||
        imm != (int32_t)imm || ra_const(&g->ra, base, &imm) ||
        (op->life & 1)) {
        return false;
    }
    ra_const(&g->ra, (unsigned)op->args[2], &imm);
    if ((next->opc != INDEX_op_guest_ld && next->opc != INDEX_op_guest_st) ||
        next->args[1] != t || !(next->life & 2) ||
        (next->opc == INDEX_op_guest_st && next->args[0] == t) ||
        (next->opc == INDEX_op_guest_ld && next->args[0] == t) ||
        ((unsigned)next->args[2] & MO_ALIGN)) {
        return false;
    }
    g->fold_temp = (int)t;
    g->fold_base = base;
    g->fold_disp = (int32_t)imm;
    /* base dead after the add: free it after the access, unless the
     * access itself gives it a new value ("ld a1, 8(a1)") */
    g->fold_base_dies = (op->life & 2) &&
                        !(next->opc == INDEX_op_guest_ld &&
                          next->args[0] == base);
    return true;
}

static void emit_guest_ld(X86Gen *g, const TCGOp *op)
{
    unsigned mop = (unsigned)op->args[2], sz = mop & MO_SIZE;
    bool sign = mop & MO_SIGN, bswap = mop & MO_BSWAP;
    bool w64 = op->type == TCG_TYPE_I64;
    unsigned opc;
    int32_t disp;
    int addr, d;

    addr = guest_addr(g, op->args[1], &disp);
    ra_sync_globals(&g->ra, false);
    d = ra_out(&g->ra, (unsigned)op->args[0], ANY);
    emit_store_insn_loc(g);
    emit_align_check(g, mop, false, addr);
    switch (sz) {
    case MO_8:
        opc = sign ? (w64 ? P_REXW : 0) | P_0F | 0xbe : P_0F | 0xb6;
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
    x86_emit_mem(&g->e, opc, d, X86_REG_GUEST_BASE, addr, disp);
    if (bswap) {
        switch (sz) {
        case MO_16:
            x86_emit_rr(&g->e, P_66 | 0xc1, 0, d);
            x86_emit8(&g->e, 8);
            x86_emit_rr(&g->e, (sign ? (w64 ? P_REXW : 0) | 0xbf : 0xb7) |
                        P_0F, d, d);
            break;
        case MO_32:
            x86_emit_opc(&g->e, P_0F | (0xc8 + (d & 7)), 0, 0, d);
            if (sign && w64) {
                x86_emit_rr(&g->e, P_REXW | 0x63, d, d);
            }
            break;
        case MO_64:
            x86_emit_opc(&g->e, P_REXW | P_0F | (0xc8 + (d & 7)), 0, 0, d);
            break;
        default:
            break;
        }
    }
}

static void emit_guest_st(X86Gen *g, const TCGOp *op)
{
    unsigned mop = (unsigned)op->args[2], sz = mop & MO_SIZE;
    unsigned opc;
    int32_t disp;
    int v, addr;

    if (mop & MO_BSWAP) {
        addr = guest_addr(g, op->args[1], &disp);
        v = ra_in_copy(&g->ra, (unsigned)op->args[0], ANY);
    } else {
        v = ra_in(&g->ra, (unsigned)op->args[0], ANY);
        addr = guest_addr(g, op->args[1], &disp);
    }
    ra_sync_globals(&g->ra, false);
    emit_store_insn_loc(g);
    emit_align_check(g, mop, true, addr);
    if (mop & MO_BSWAP) {
        switch (sz) {
        case MO_16:
            x86_emit_rr(&g->e, P_66 | 0xc1, 0, v);
            x86_emit8(&g->e, 8);
            break;
        case MO_32:
            x86_emit_opc(&g->e, P_0F | (0xc8 + (v & 7)), 0, 0, v);
            break;
        case MO_64:
            x86_emit_opc(&g->e, P_REXW | P_0F | (0xc8 + (v & 7)), 0, 0, v);
            break;
        default:
            break;
        }
    }
    switch (sz) {
    case MO_8: opc = P_BYTE | 0x88; break;
    case MO_16: opc = P_66 | 0x89; break;
    case MO_32: opc = 0x89; break;
    default: opc = P_REXW | 0x89; break;
    }
    x86_emit_mem(&g->e, opc, v, X86_REG_GUEST_BASE, addr, disp);
}

/*
 * System mode: a call of helper_ld_mmu/helper_st_mmu with a constant oi
 * (MemOp | mmu_idx << 8) becomes an inline TLB probe (docs/softmmu.md,
 * "Inline fast path"). Runs after the call's arguments are in rdi, rsi,
 * rdx (, rcx) and the caller-saved registers are free; the result (ld)
 * is left in rax as the helper would leave it. The miss path (the call)
 * goes after the TB's code (emit_slow_paths). Returns false if not
 * inlined (the caller then emits the call).
 */
static bool emit_softmmu_fast(X86Gen *g, int64_t oi, bool store,
                              const void *func)
{
    unsigned mop, sz, size, load_opc = 0;
    bool sign, bswap;
    int32_t mode_off;
    uint32_t cmp_mask;
    uint8_t *jslow;
    X86SlowPath *sp;
    int val = X86_RDX;

    if ((uint64_t)oi >> 8 >= TCG_MAX_MMU_MODES) {
        return false;
    }
    mop = (unsigned)oi & 0xff;
    sz = mop & MO_SIZE;
    size = 1u << sz;
    sign = mop & MO_SIGN;
    bswap = (mop & MO_BSWAP) && size > 1;
    mode_off = (int32_t)((uint64_t)oi >> 8) * TLB_FAST_MODE_STRIDE;

    /* r8 = entry of addr (rsi) in the table of the mmu_idx */
    x86_emit_rr(&g->e, P_REXW | 0x89, X86_RSI, X86_R8);
    x86_emit_shifti(&g->e, P_REXW, 5, X86_R8,
                    TLB_FAST_PAGE_BITS - TLB_ENTRY_BITS);
    x86_emit_rr(&g->e, 0x81, 4, X86_R8);                 /* and r8d, imm */
    x86_emit32(&g->e, (CPU_TLB_SIZE - 1) << TLB_ENTRY_BITS);
    x86_emit_mem(&g->e, P_REXW | 0x03, X86_R8, X86_RSP, -1, X86_FRAME_TLB);
    /*
     * r9 = the page the tag must equal: with MO_ALIGN, addr's page with
     * the misaligned bits kept (so they miss); otherwise the page of the
     * access's last byte (an access crossing a page misses, since that
     * page indexes another entry). Flag bits or -1 in the tag miss too.
     */
    if ((mop & MO_ALIGN) && size > 1) {
        x86_emit_rr(&g->e, P_REXW | 0x89, X86_RSI, X86_R9);
        cmp_mask = (uint32_t)~((1u << TLB_FAST_PAGE_BITS) - 1) | (size - 1);
    } else {
        x86_emit_mem(&g->e, P_REXW | 0x8d, X86_R9, X86_RSI, -1,
                     (int32_t)size - 1);                   /* lea */
        cmp_mask = (uint32_t)~((1u << TLB_FAST_PAGE_BITS) - 1);
    }
    x86_emit_rr(&g->e, P_REXW | 0x81, 4, X86_R9);        /* and r9, simm */
    x86_emit32(&g->e, cmp_mask);
    x86_emit_mem(&g->e, P_REXW | 0x3b, X86_R9, X86_R8, -1,
                 mode_off + (store ? TLB_ENTRY_WRITE_OFF
                                   : TLB_ENTRY_READ_OFF));  /* cmp */
    jslow = x86_emit_jmp32(&g->e, X86_CC_NE);
    x86_emit_mem(&g->e, P_REXW | 0x8b, X86_R9, X86_R8, -1,
                 mode_off + TLB_ENTRY_ADDEND_OFF);
    if (store) {
        if (bswap) {
            val = X86_R10;
            x86_emit_rr(&g->e, P_REXW | 0x89, X86_RDX, val);
            if (sz == MO_16) {
                x86_emit_rr(&g->e, P_66 | 0xc1, 0, val);   /* rol 8 */
                x86_emit8(&g->e, 8);
            } else {
                x86_emit_opc(&g->e, (sz == MO_64 ? P_REXW : 0) | P_0F |
                             (0xc8 + (val & 7)), 0, 0, val);
            }
        }
        switch (sz) {
        case MO_8: load_opc = P_BYTE | 0x88; break;
        case MO_16: load_opc = P_66 | 0x89; break;
        case MO_32: load_opc = 0x89; break;
        default: load_opc = P_REXW | 0x89; break;
        }
        x86_emit_mem(&g->e, load_opc, val, X86_R9, X86_RSI, 0);
    } else {
        /* rax = the value as the helper returns it: 64 bits, swapped,
         * then sign or zero extended */
        switch (sz) {
        case MO_8:
            load_opc = sign ? P_REXW | P_0F | 0xbe : P_0F | 0xb6;
            break;
        case MO_16:
            load_opc = sign && !bswap ? P_REXW | P_0F | 0xbf : P_0F | 0xb7;
            break;
        case MO_32:
            load_opc = sign && !bswap ? P_REXW | 0x63 : 0x8b;
            break;
        default:
            load_opc = P_REXW | 0x8b;
            break;
        }
        x86_emit_mem(&g->e, load_opc, X86_RAX, X86_R9, X86_RSI, 0);
        if (bswap) {
            switch (sz) {
            case MO_16:
                x86_emit_rr(&g->e, P_66 | 0xc1, 0, X86_RAX);
                x86_emit8(&g->e, 8);
                x86_emit_rr(&g->e, sign ? P_REXW | P_0F | 0xbf
                                        : P_0F | 0xb7, X86_RAX, X86_RAX);
                break;
            case MO_32:
                x86_emit_opc(&g->e, P_0F | 0xc8, 0, 0, X86_RAX);
                if (sign) {
                    x86_emit_rr(&g->e, P_REXW | 0x63, X86_RAX, X86_RAX);
                }
                break;
            default:
                x86_emit_opc(&g->e, P_REXW | P_0F | 0xc8, 0, 0, X86_RAX);
                break;
            }
        }
    }
    if (g->nb_slow == g->slow_cap) {
        g->slow_cap = g->slow_cap ? g->slow_cap * 2 : 16;
        g->slow = realloc(g->slow, g->slow_cap * sizeof(*g->slow));
        if (!g->slow) {
            fatal_internal("tcg x86: out of memory");
        }
    }
    sp = &g->slow[g->nb_slow++];
    sp->jmiss = jslow;
    sp->resume = g->e.p;
    sp->func = func;
    sp->insn = (int)g->nb_insns - 1;
    return true;
}

/*
 * After the TB's code: each probe's miss path (call the helper, jump
 * back), with a restore entry naming the probe's guest instruction so a
 * fault raised from the helper is precise.
 */
static void emit_slow_paths(X86Gen *g)
{
    for (unsigned i = 0; i < g->nb_slow && !g->e.overflow; i++) {
        const X86SlowPath *sp = &g->slow[i];
        X86RestoreEntry *re;

        x86_patch_rel32(sp->jmiss, g->e.p);
        x86_emit_movi(&g->e, true, X86_REG_TMP,
                      (uint64_t)(uintptr_t)sp->func);
        x86_emit_rr(&g->e, 0xff, 2, X86_REG_TMP);        /* call r11 */
        x86_patch_rel32(x86_emit_jmp32(&g->e, -1), sp->resume);
        if (g->nb_insns == g->insns_cap) {
            g->insns_cap = g->insns_cap ? g->insns_cap * 2 : 32;
            g->insns = realloc(g->insns, g->insns_cap * sizeof(*g->insns));
            if (!g->insns) {
                fatal_internal("tcg x86: out of memory");
            }
        }
        re = &g->insns[g->nb_insns++];
        if (sp->insn >= 0) {
            *re = g->insns[sp->insn];
        } else {
            re->data[0] = g->tb->pc;
            re->data[1] = 0;
            re->pad = 0;
        }
        re->end_off = (uint32_t)(g->e.p - g->e.start);
    }
}

static void emit_call(X86Gen *g, const TCGOp *op)
{
    static const int argreg[6] = { X86_RDI, X86_RSI, X86_RDX, X86_RCX,
                                   X86_R8, X86_R9 };
    unsigned nt = op->nb_oargs + op->nb_iargs, i;
    const TCGHelperInfo *info = (const TCGHelperInfo *)(uintptr_t)
        op->args[nt];
    bool softmmu_st = info == &tcg_helper_info_st_mmu;
    bool softmmu = softmmu_st || info == &tcg_helper_info_ld_mmu;
    bool inlined = false;
    int64_t oi = 0;

    if (op->nb_iargs > 6) {
        fatal_internal("tcg x86: helper %s has more than 6 arguments",
                       info->name);
    }
    if (softmmu) {
        /* the oi argument is read before it is moved to its register */
        softmmu = ra_const(&g->ra, (unsigned)op->args[op->nb_oargs +
                                                      (softmmu_st ? 3 : 2)],
                           &oi);
    }
    for (i = 0; i < op->nb_iargs; i++) {
        ra_in_fixed(&g->ra, (unsigned)op->args[op->nb_oargs + i], argreg[i],
                    true);
    }
    if (!(info->flags & TCG_CALL_NO_WRITE_GLOBALS)) {
        ra_sync_globals(&g->ra, true);
    } else if (!(info->flags & TCG_CALL_NO_READ_GLOBALS)) {
        ra_sync_globals(&g->ra, false);
    }
    ra_call_clobber(&g->ra);
    if (!(info->flags & TCG_CALL_NO_READ_GLOBALS)) {
        /* it may touch guest memory and fault (AMO helpers) */
        emit_store_insn_loc(g);
    }
    if (softmmu) {
        inlined = emit_softmmu_fast(g, oi, softmmu_st, info->func);
    }
    if (!inlined) {
        x86_emit_movi(&g->e, true, X86_REG_TMP,
                      (uint64_t)(uintptr_t)info->func);
        x86_emit_rr(&g->e, 0xff, 2, X86_REG_TMP);        /* call r11 */
    }
    if (op->nb_oargs) {
        ra_out_reg(&g->ra, (unsigned)op->args[0], X86_RAX);
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
    g->insn_loc_stored = false;
}

/* Leaving the block: guest state to env, TB temps to their slots. */
static void block_end(X86Gen *g, bool tb_temps)
{
    ra_sync_globals(&g->ra, false);
    if (tb_temps) {
        ra_sync_tb_temps(&g->ra);
    }
}

static void emit_mov(X86Gen *g, const TCGOp *op)
{
    unsigned d = (unsigned)op->args[0], s = (unsigned)op->args[1];
    const RAVal *sv = &g->ra.v[s];
    int64_t c;
    int r, dr;

    if (ra_const(&g->ra, s, &c)) {
        ra_out_const(&g->ra, d, c);
    } else if (sv->loc == RA_REG && ra_dies(&g->ra, s) &&
               g->s->temps[s].kind != TCG_TEMP_FIXED) {
        r = ra_in_copy(&g->ra, s, ANY);
        ra_out_reg(&g->ra, d, r);
    } else if (sv->loc == RA_MEM) {
        intptr_t off = sv->home_off;
        int base = sv->home_base;

        dr = ra_out(&g->ra, d, ANY);
        hook_ld(g, op->type, dr, base, off);
    } else {
        r = ra_in(&g->ra, s, ANY_OR_ENV);
        dr = ra_out(&g->ra, d, ANY);
        x86_emit_rr(&g->e, wflag(op->type) | 0x89, r, dr);
    }
}

static void emit_setcond(X86Gen *g, const TCGOp *op)
{
    unsigned nt = op->nb_oargs + op->nb_iargs;
    TCGCond cond = (TCGCond)op->args[nt];
    int cc = x86_cc(cond), a, d;
    X86Opnd b;

    if (cc < 0) {
        ra_out_const(&g->ra, (unsigned)op->args[0], cond == TCG_COND_ALWAYS);
        return;
    }
    a = ra_in(&g->ra, (unsigned)op->args[1], ANY_OR_ENV);
    b = in_ri(g, op->args[2], op->type);
    d = ra_out(&g->ra, (unsigned)op->args[0], ANY);
    x86_emit_rr(&g->e, 0x31, d, d);                       /* xor d, d */
    emit_cmp(g, op->type, a, b);
    x86_emit_rr(&g->e, P_BYTE | P_0F | (0x90 + cc), 0, d);
}

static void emit_movcond(X86Gen *g, const TCGOp *op)
{
    unsigned nt = op->nb_oargs + op->nb_iargs;
    TCGCond cond = (TCGCond)op->args[nt];
    int cc = x86_cc(cond), c1, v1, d;
    unsigned w = wflag(op->type);
    int64_t k;
    X86Opnd c2;

    if (cc < 0) {
        d = ra_in_copy(&g->ra, (unsigned)op->args[cond == TCG_COND_ALWAYS
                                                   ? 3 : 4], ANY);
        ra_out_reg(&g->ra, (unsigned)op->args[0], d);
        return;
    }
    c1 = ra_in(&g->ra, (unsigned)op->args[1], ANY_OR_ENV);
    c2 = in_ri(g, op->args[2], op->type);
    if (ra_const(&g->ra, (unsigned)op->args[3], &k)) {
        d = ra_in_copy(&g->ra, (unsigned)op->args[4], ANY);
        v1 = X86_REG_TMP;
        movi_keep_flags(&g->e, op->type, v1, k);
    } else {
        v1 = ra_in(&g->ra, (unsigned)op->args[3], ANY_OR_ENV);
        d = ra_in_copy(&g->ra, (unsigned)op->args[4], ANY);
    }
    emit_cmp(g, op->type, c1, c2);
    x86_emit_rr(&g->e, w | P_0F | (0x40 + cc), d, v1);     /* cmovcc */
    ra_out_reg(&g->ra, (unsigned)op->args[0], d);
}

static void emit_brcond(X86Gen *g, const TCGOp *op)
{
    unsigned nt = op->nb_oargs + op->nb_iargs;
    TCGCond cond = (TCGCond)op->args[nt];
    unsigned label = (unsigned)op->args[nt + 1];
    int cc = x86_cc(cond), a = 0;
    X86Opnd b = { 0 };

    if (cc >= 0) {
        a = ra_in(&g->ra, (unsigned)op->args[0], ANY_OR_ENV);
        b = in_ri(g, op->args[1], op->type);
    }
    block_end(g, true);
    if (cond == TCG_COND_ALWAYS) {
        add_reloc(g, x86_emit_jmp32(&g->e, -1), label);
    } else if (cc >= 0) {
        emit_cmp(g, op->type, a, b);
        add_reloc(g, x86_emit_jmp32(&g->e, cc), label);
    }
}

/*
 * goto_tb n: a jmp rel32 whose displacement is 4-byte aligned, so
 * patching it is one atomic store. It starts as a jump to the next
 * instruction: the exit stub the front end emits after goto_tb.
 */
static void emit_goto_tb(X86Gen *g, const TCGOp *op)
{
    unsigned n = (unsigned)op->args[0] & 1;

    block_end(g, false);
    while (!g->e.overflow && (((uintptr_t)g->e.p + 1) & 3)) {
        x86_emit8(&g->e, 0x90);
    }
    x86_emit8(&g->e, 0xe9);
    g->tb->jmp_insn_offset[n] = (uint32_t)(g->e.p - g->e.start);
    x86_emit32(&g->e, 0);
    g->tb->jmp_reset_offset[n] = (uint32_t)(g->e.p - g->e.start);
}

/* Continue in the TB whose pointer is in reg (NULL: leave with 0). */
static void emit_goto_ptr(X86Gen *g, int reg)
{
    uint8_t *jz;

    x86_emit_rr(&g->e, P_REXW | 0x85, reg, reg);
    jz = x86_emit_jmp32(&g->e, X86_CC_E);
    x86_emit_mem(&g->e, 0xff, 4, reg, -1,
                 (int32_t)offsetof(TranslationBlock, host_entry)); /* jmp */
    x86_patch_rel32(jz, g->e.p);
    emit_exit(g, 0);
}

_Static_assert(offsetof(TranslationBlock, cflags) ==
               offsetof(TranslationBlock, flags) + 4,
               "lookup_goto_ptr compares flags and cflags as one qword");

/*
 * lookup_goto_ptr pc, key (user mode only, see tcg-op.h): the jump-cache
 * probe of tcg_lookup_tb_ptr, inline, with the TB flags and cflags known
 * at translation time:
 *   i = ((pc >> 1) ^ (pc >> 13)) & (TCG_JMP_CACHE_SIZE - 1)
 *   tb = vcpu->jmp_cache[i]
 *   tb && tb->pc == pc && tb->flags | tb->cflags << 32 == key && !invalid:
 *       jmp [tb->host_entry], which tests exit_request like every entry
 *   else call tcg_lookup_tb_ptr (hash table, fills the jump cache) and
 *       continue as goto_ptr with its result.
 * The TB ends here: after block_end every register but pc's is free.
 */
static void emit_lookup_goto_ptr(X86Gen *g, const TCGOp *op)
{
    uint64_t key = op->args[1];
    int pc = ra_in(&g->ra, (unsigned)op->args[0], ANY);
    int t = pc == X86_RAX ? X86_RCX : X86_RAX;
    uint8_t *miss[4];
    unsigned i;

    block_end(g, false);
    x86_emit_rr(&g->e, P_REXW | 0x8b, t, pc);
    x86_emit_shifti(&g->e, P_REXW, 5, t, 1);
    x86_emit_rr(&g->e, P_REXW | 0x8b, X86_REG_TMP, pc);
    x86_emit_shifti(&g->e, P_REXW, 5, X86_REG_TMP, 13);
    x86_emit_rr(&g->e, 0x31, X86_REG_TMP, t);                /* xor */
    x86_emit_rr(&g->e, 0x81, 4, t);                          /* and */
    x86_emit32(&g->e, (uint32_t)(TCG_JMP_CACHE_SIZE - 1));
    x86_emit_mem(&g->e, P_REXW | 0x8b, X86_REG_TMP, X86_RSP, -1,
                 X86_FRAME_VCPU);
    x86_emit_mem_sib(&g->e, P_REXW | 0x8b, t, X86_REG_TMP, t, 3,
                     (int32_t)offsetof(TCGVcpu, pub.jmp_cache));
    x86_emit_rr(&g->e, P_REXW | 0x85, t, t);
    miss[0] = x86_emit_jmp32(&g->e, X86_CC_E);
    x86_emit_mem(&g->e, P_REXW | 0x39, pc, t, -1,
                 (int32_t)offsetof(TranslationBlock, pc));
    miss[1] = x86_emit_jmp32(&g->e, X86_CC_NE);
    if ((int64_t)key == (int32_t)key) {
        x86_emit_mem(&g->e, P_REXW | 0x81, 7, t, -1,
                     (int32_t)offsetof(TranslationBlock, flags));
        x86_emit32(&g->e, (uint32_t)key);
    } else {
        x86_emit_movi(&g->e, true, X86_REG_TMP, key);
        x86_emit_mem(&g->e, P_REXW | 0x39, X86_REG_TMP, t, -1,
                     (int32_t)offsetof(TranslationBlock, flags));
    }
    miss[2] = x86_emit_jmp32(&g->e, X86_CC_NE);
    x86_emit_mem(&g->e, 0x80, 7, t, -1,
                 (int32_t)offsetof(TranslationBlock, invalid));
    x86_emit8(&g->e, 0);
    miss[3] = x86_emit_jmp32(&g->e, X86_CC_NE);
    x86_emit_mem(&g->e, 0xff, 4, t, -1,
                 (int32_t)offsetof(TranslationBlock, host_entry)); /* jmp */
    for (i = 0; i < 4; i++) {
        x86_patch_rel32(miss[i], g->e.p);
    }
    x86_emit_rr(&g->e, P_REXW | 0x8b, X86_RDI, X86_REG_ENV);
    x86_emit_movi(&g->e, true, X86_REG_TMP,
                  (uint64_t)(uintptr_t)tcg_lookup_tb_ptr);
    x86_emit_rr(&g->e, 0xff, 2, X86_REG_TMP);                /* call */
    emit_goto_ptr(g, X86_RAX);
}

static void emit_op(X86Gen *g, unsigned idx)
{
    const TCGOp *op = &g->s->ops[idx];

    ra_begin_op(&g->ra, idx);
    switch (op->opc) {
    case INDEX_op_discard:
        break;
    case INDEX_op_insn_start:
        note_insn_start(g, op);
        break;
    case INDEX_op_set_label:
        block_end(g, true);
        g->label_pos[op->args[0]] = g->e.p;
        ra_reset_at_label(&g->ra);
        g->insn_loc_stored = false;      /* other paths join here */
        break;
    case INDEX_op_br:
        block_end(g, true);
        add_reloc(g, x86_emit_jmp32(&g->e, -1), (unsigned)op->args[0]);
        ra_reset_at_label(&g->ra);
        break;
    case INDEX_op_brcond:
        emit_brcond(g, op);
        break;
    case INDEX_op_mb:
        if (op->args[0] & TCG_MO_ST_LD) {
            x86_emit8(&g->e, 0x0f);                      /* mfence */
            x86_emit8(&g->e, 0xae);
            x86_emit8(&g->e, 0xf0);
        }
        break;
    case INDEX_op_mov:
        emit_mov(g, op);
        break;
    case INDEX_op_setcond:
        emit_setcond(g, op);
        break;
    case INDEX_op_movcond:
        emit_movcond(g, op);
        break;
    case INDEX_op_add: case INDEX_op_sub: case INDEX_op_mul:
    case INDEX_op_and: case INDEX_op_or: case INDEX_op_xor:
    case INDEX_op_andc: case INDEX_op_orc: case INDEX_op_eqv:
    case INDEX_op_nand: case INDEX_op_nor:
        emit_alu(g, op);
        break;
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
        emit_mulh(g, op);
        break;
    case INDEX_op_clz: case INDEX_op_ctz:
        emit_bitscan(g, op);
        break;
    case INDEX_op_neg: case INDEX_op_not:
    case INDEX_op_bswap16: case INDEX_op_bswap32: case INDEX_op_bswap64:
    case INDEX_op_extract: case INDEX_op_sextract:
    case INDEX_op_extrh_i64_i32:
        emit_unary_inplace(g, op);
        break;
    case INDEX_op_ctpop:
    case INDEX_op_ext8s: case INDEX_op_ext8u: case INDEX_op_ext16s:
    case INDEX_op_ext16u: case INDEX_op_ext32s: case INDEX_op_ext32u:
    case INDEX_op_ext_i32_i64: case INDEX_op_extu_i32_i64:
    case INDEX_op_extrl_i64_i32:
        emit_unary_move(g, op);
        break;
    case INDEX_op_deposit:
        emit_deposit(g, op);
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
        emit_goto_tb(g, op);
        break;
    case INDEX_op_exit_tb:
        block_end(g, false);
        emit_exit(g, op->args[0]);
        ra_reset_at_label(&g->ra);
        break;
    case INDEX_op_goto_ptr: {
        int r = ra_in(&g->ra, (unsigned)op->args[0], ANY);

        block_end(g, false);
        emit_goto_ptr(g, r);
        ra_end_op(&g->ra);
        ra_reset_at_label(&g->ra);
        return;
    }
    case INDEX_op_lookup_goto_ptr:
        emit_lookup_goto_ptr(g, op);
        ra_end_op(&g->ra);
        ra_reset_at_label(&g->ra);
        return;
    default:
        fatal_internal("tcg x86: no emitter for op %d", op->opc);
    }
    ra_end_op(&g->ra);
}

/* Translate s into the code buffer at its current position. */
static int x86_gen_at(X86Gen *g, TCGContext *s, TranslationBlock *tb,
                      X86TBInfo *info)
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
    tb->jmp_insn_offset[0] = tb->jmp_insn_offset[1] = 0;
    if (ra_init(&g->ra, s, &(RegAllocConfig){
            .hooks = &x86_hooks, .opaque = g, .allocatable = X86_ALLOC,
            .call_clobbered = X86_CALL_CLOBBER, .order = x86_order,
            .nb_order = sizeof(x86_order), .scratch = X86_REG_TMP,
            .env_reg = X86_REG_ENV, .frame_reg = X86_RSP,
            .slot_base = X86_FRAME_SLOTS, .max_slots = X86_MAX_SLOTS }) < 0) {
        fatal_internal("tcg x86: TB too large for the frame");
    }
    /* chained entry: count it in the frame (a statistic, no lock), only
     * when asked: the memory add on every chained entry costs ~3-5% in
     * tight guest loops */
    info->chain_entry = x86_rx_here(&g->e);
    if (tcg_x86_count_chained_entries) {
        x86_emit_mem(&g->e, P_REXW | 0x83, 0, X86_RSP, -1,
                     X86_FRAME_CHAINED);
        x86_emit8(&g->e, 1);
    }
    /* entry: leave at once if exit_request is set */
    info->code = (const void *)x86_rx_here(&g->e);
    x86_emit_mem(&g->e, P_REXW | 0x8b, X86_REG_TMP, X86_RSP, -1,
                 X86_FRAME_EXIT_REQ);
    x86_emit_mem(&g->e, 0x83, 7, X86_REG_TMP, -1, 0);    /* cmp dword,0 */
    x86_emit8(&g->e, 0);
    jne = x86_emit_jmp32(&g->e, X86_CC_NE);
    g->fold_temp = -1;
    for (i = 0; i < s->nb_ops && !g->e.overflow; i++) {
        if (fold_address(g, i)) {
            continue;
        }
        emit_op(g, i);
        if (g->fold_temp >= 0) {
            /* the folded add's base died there: free it now */
            if (g->fold_base_dies) {
                ra_release(&g->ra, g->fold_base);
            }
            g->fold_temp = -1;
        }
    }
    block_end(g, false);       /* a front end that falls off the end */
    emit_exit(g, 0);
    ra_destroy(&g->ra);
    x86_patch_rel32(jne, g->e.p);
    emit_exit(g, (uintptr_t)tb | X86_EXIT_REQUESTED_TAG);
    if (g->e.overflow) {
        return -ENOSPC;     /* labels past the end were never placed */
    }
    for (i = 0; i < g->nb_relocs; i++) {
        if (!g->label_pos[g->relocs[i].label]) {
            fatal_internal("tcg x86: branch to an unset label");
        }
        x86_patch_rel32(g->relocs[i].field, g->label_pos[g->relocs[i].label]);
    }
    if (g->nb_insns) {
        g->insns[g->nb_insns - 1].end_off = (uint32_t)(g->e.p - g->e.start);
    }
    emit_slow_paths(g);
    /* the restore table follows the code */
    while (!g->e.overflow && ((uintptr_t)g->e.p & 7)) {
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
    g->nb_slow = 0;
    g->insn_loc_stored = false;
}

/* Start the buffer afresh (gen lock held, no TB code running). */
static void x86_buffer_reset(void)
{
    tcg_code_buffer.used = tcg_code_buffer.reserved;
    x86_restore_index_reset();
}

/*
 * -d out_asm: the host code of a new TB as hex, 16 bytes a line, with
 * the executable addresses of its entries (no disassembler linked in:
 * `xxd -r -p | objdump -D -b binary -mi386:x86-64` reads it back).
 */
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
    ret = x86_gen_at(&g, s, tb, info);
    for (int attempt = 0; ret == -ENOSPC; attempt++) {
        /*
         * Full: drop every TB (tb_flush_all stops the other vCPUs first)
         * and start again. Another thread may have flushed and
         * translated meanwhile: only a flush we have not seen yet frees
         * the buffer, never one whose new TBs are already in it.
         */
        if (attempt == 3) {
            fatal_internal("tcg x86: a TB larger than the code buffer");
        }
        pthread_mutex_unlock(&x86_gen_lock);
        tb_flush_all();
        pthread_mutex_lock(&x86_gen_lock);
        flushes = atomic_load(&tcg_stats.flushes);
        if (flushes != x86_seen_flushes) {
            x86_seen_flushes = flushes;
            x86_buffer_reset();
        }
        x86_gen_reset(&g, s);
        ret = x86_gen_at(&g, s, tb, info);
    }
    tb->tc_ptr = info;
    tb->host_entry = info->code;
    pthread_mutex_unlock(&x86_gen_lock);
    free(g.label_pos);
    free(g.relocs);
    free(g.insns);
    free(g.slow);
    return 0;
}

void tcg_x86_chain(TranslationBlock *tb, unsigned n,
                   const TranslationBlock *to)
{
    const X86TBInfo *info = tb->tc_ptr;
    TCGCodeBuffer *cb = &tcg_code_buffer;
    uintptr_t field_rx, target;
    int32_t disp;

    n &= 1;
    if (!info || !tb->jmp_insn_offset[n]) {
        return;      /* no goto_tb n in this TB */
    }
    field_rx = info->chain_entry + tb->jmp_insn_offset[n];
    target = to ? ((const X86TBInfo *)to->tc_ptr)->chain_entry
                : info->chain_entry + tb->jmp_reset_offset[n];
    disp = (int32_t)(target - (field_rx + 4));
    /* one aligned 32-bit store: a CPU running the jump sees old or new */
    __atomic_store_n((int32_t *)(void *)(cb->rw + (field_rx -
                                                   (uintptr_t)cb->rx)),
                     disp, __ATOMIC_RELEASE);
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
