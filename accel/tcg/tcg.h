/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The translator's intermediate representation (IR): small RISC-like ops
 * on typed temps, built by a front end for one translation block, then
 * optimised and handed to a back end (docs/tcg-ir.md describes every op).
 *
 * One TCGContext per translating thread (tcg_ctx). Temps and labels are
 * indices into the context's arrays; the typed handles TCGvI32/TCGvI64/
 * TCGvPtr are those indices in disguise, so a front end cannot mix widths.
 */
#ifndef ACCEL_TCG_TCG_H
#define ACCEL_TCG_TCG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum TCGType {
    TCG_TYPE_I32,
    TCG_TYPE_I64,
} TCGType;

/* Host pointers are 64 bits on every host we build for. */
#define TCG_TYPE_PTR TCG_TYPE_I64

typedef enum TCGTempKind {
    TCG_TEMP_EBB,    /* value dies at the end of its extended basic block */
    TCG_TEMP_TB,     /* value lives across the whole translation block */
    TCG_TEMP_GLOBAL, /* a field of the CPU state at env + mem_offset */
    TCG_TEMP_FIXED,  /* lives in a fixed host register: env */
    TCG_TEMP_CONST,  /* a constant, shared by value and type */
} TCGTempKind;

typedef struct TCGTemp {
    TCGType type;
    TCGTempKind kind;
    int64_t val;          /* CONST: the value (i32 values sign-extended) */
    intptr_t mem_offset;  /* GLOBAL: offset from env */
    const char *name;     /* GLOBAL/FIXED: for dumps */
    /* Owned by the optimiser, register allocator and back ends. */
    int state;
    int reg;
    intptr_t spill_offset;
    void *state_ptr;
} TCGTemp;

/* Typed handles: (temp index + 1) cast to a pointer type. */
typedef struct TCGvI32Opaque *TCGvI32;
typedef struct TCGvI64Opaque *TCGvI64;
typedef struct TCGvPtrOpaque *TCGvPtr;

typedef uint64_t TCGArg;

/* Comparison conditions for setcond/movcond/brcond. */
typedef enum TCGCond {
    TCG_COND_NEVER, TCG_COND_ALWAYS,
    TCG_COND_EQ, TCG_COND_NE,
    TCG_COND_LT, TCG_COND_GE, TCG_COND_LE, TCG_COND_GT,     /* signed */
    TCG_COND_LTU, TCG_COND_GEU, TCG_COND_LEU, TCG_COND_GTU, /* unsigned */
} TCGCond;

/* Guest memory operation descriptor for guest_ld/guest_st. */
typedef enum MemOp {
    MO_8 = 0, MO_16 = 1, MO_32 = 2, MO_64 = 3,
    MO_SIZE = 3,
    MO_SIGN = 4,          /* sign-extend loads */
    MO_BSWAP = 8,         /* guest endianness differs from little endian */
    MO_ALIGN = 16,        /* fault unless naturally aligned */
    MO_UB = MO_8, MO_SB = MO_8 | MO_SIGN,
    MO_UW = MO_16, MO_SW = MO_16 | MO_SIGN,
    MO_UL = MO_32, MO_SL = MO_32 | MO_SIGN,
    MO_UQ = MO_64,
} MemOp;

/* Memory barrier kinds for the mb op (bit set = ordering required). */
enum {
    TCG_MO_LD_LD = 1, TCG_MO_ST_LD = 2, TCG_MO_LD_ST = 4, TCG_MO_ST_ST = 8,
    TCG_MO_ALL = 15,
};

/*
 * The opcodes. Arithmetic ops carry their width in TCGOp.type; their
 * operands are temps of that type. Each op's argument layout (outputs,
 * inputs, constant arguments) is in tcg_op_defs[], in this order.
 */
typedef enum TCGOpcode {
    INDEX_op_discard,       /* o: t            -- t's value is dead */
    INDEX_op_set_label,     /* c: label */
    INDEX_op_br,            /* c: label */
    INDEX_op_brcond,        /* i: a, b  c: cond, label */
    INDEX_op_insn_start,    /* c: guest pc, extra word (target-defined) */
    INDEX_op_mb,            /* c: TCG_MO_* mask */

    INDEX_op_mov,           /* o: d  i: s */
    INDEX_op_setcond,       /* o: d  i: a, b  c: cond   (d = a cond b ? 1 : 0) */
    INDEX_op_movcond,       /* o: d  i: c1, c2, v1, v2  c: cond */

    INDEX_op_add, INDEX_op_sub, INDEX_op_mul,
    INDEX_op_and, INDEX_op_or, INDEX_op_xor,
    INDEX_op_andc, INDEX_op_orc, INDEX_op_eqv, INDEX_op_nand, INDEX_op_nor,
    INDEX_op_shl, INDEX_op_shr, INDEX_op_sar,   /* count masked to width-1 */
    INDEX_op_rotl, INDEX_op_rotr,
    /* Division: undefined (any value, no trap) for b == 0 and for signed
     * overflow; front ends handle those cases explicitly. */
    INDEX_op_div, INDEX_op_divu, INDEX_op_rem, INDEX_op_remu,
    INDEX_op_mulsh, INDEX_op_muluh,  /* high half of the signed/unsigned product */
    INDEX_op_clz, INDEX_op_ctz,      /* o: d  i: a, z  (z when a == 0) */
    INDEX_op_neg, INDEX_op_not, INDEX_op_ctpop,
    INDEX_op_bswap16, INDEX_op_bswap32, INDEX_op_bswap64, /* zero-extending */
    INDEX_op_ext8s, INDEX_op_ext8u, INDEX_op_ext16s, INDEX_op_ext16u,
    INDEX_op_ext32s, INDEX_op_ext32u,          /* i64 only */
    INDEX_op_extract,       /* o: d  i: a  c: pos, len   (unsigned field) */
    INDEX_op_sextract,      /* o: d  i: a  c: pos, len   (signed field) */
    INDEX_op_deposit,       /* o: d  i: a, b  c: pos, len  (a with b's low len bits at pos) */

    INDEX_op_ext_i32_i64,   /* o: d(i64)  i: s(i32)  sign-extend */
    INDEX_op_extu_i32_i64,  /* o: d(i64)  i: s(i32)  zero-extend */
    INDEX_op_extrl_i64_i32, /* o: d(i32)  i: s(i64)  low half */
    INDEX_op_extrh_i64_i32, /* o: d(i32)  i: s(i64)  high half */

    /* Host memory, e.g. CPU state: value at base + offset. */
    INDEX_op_ld8u, INDEX_op_ld8s, INDEX_op_ld16u, INDEX_op_ld16s,
    INDEX_op_ld32u, INDEX_op_ld32s, INDEX_op_ld,   /* o: d  i: base(ptr)  c: offset */
    INDEX_op_st8, INDEX_op_st16, INDEX_op_st32, INDEX_op_st, /* i: v, base  c: offset */

    /* Guest memory through the MMU (user mode: guest_base + addr). */
    INDEX_op_guest_ld,      /* o: d  i: addr(i64)  c: MemOp, mmu_idx */
    INDEX_op_guest_st,      /* i: v, addr(i64)  c: MemOp, mmu_idx */

    INDEX_op_call,          /* o: 0-1 ret  i: 0-6 args  c: TCGHelperInfo * */

    INDEX_op_goto_tb,       /* c: slot (0 or 1) -- patchable jump to the next TB */
    INDEX_op_exit_tb,       /* c: value returned to the exec loop */
    INDEX_op_goto_ptr,      /* i: host code pointer (from lookup_tb_ptr helper) */
    /* i: pc(i64)  c: key = flags | cflags << 32 -- continue at the TB for
     * (pc, key) if the jump cache has it, else as lookup_tb_ptr + goto_ptr */
    INDEX_op_lookup_goto_ptr,

    TCG_OPCODE_COUNT
} TCGOpcode;

#define TCG_MAX_OP_ARGS 10

typedef struct TCGOp {
    TCGOpcode opc;
    TCGType type;          /* width of an arithmetic op */
    uint8_t nb_oargs, nb_iargs, nb_cargs;
    /* outputs, then inputs (temp indices), then constant arguments */
    TCGArg args[TCG_MAX_OP_ARGS];
    /* liveness: bit i set = input i dies here; bit 16+i = sync output i */
    uint32_t life;
} TCGOp;

/* Static description of an opcode (tcg_op_defs[opc]). */
typedef struct TCGOpDef {
    const char *name;
    uint8_t nb_oargs, nb_iargs, nb_cargs;  /* fixed counts; call varies */
    uint8_t flags;
} TCGOpDef;

enum {
    TCG_OPF_BB_END = 1,      /* ends a basic block (branch, exit) */
    TCG_OPF_BB_EXIT = 2,     /* leaves the TB */
    TCG_OPF_SIDE_EFFECTS = 4,/* never deleted even if outputs are dead */
    TCG_OPF_CALL_CLOBBER = 8,
    TCG_OPF_COND_BRANCH = 16,
};

extern const TCGOpDef tcg_op_defs[TCG_OPCODE_COUNT];

/* Helper calls. typemask: 3 bits per slot, slot 0 = return, 1.. = args. */
enum {
    TCG_HELPER_VOID = 0, TCG_HELPER_I32 = 1, TCG_HELPER_I64 = 2,
    TCG_HELPER_PTR = 3,  /* host pointer, e.g. env */
};
#define TCG_HELPER_TYPE(slot, t) ((uint32_t)(t) << (3 * (slot)))

enum {
    TCG_CALL_NO_READ_GLOBALS = 1,   /* globals need not be synced before */
    TCG_CALL_NO_WRITE_GLOBALS = 2,  /* globals need not be reloaded after */
    TCG_CALL_NO_SIDE_EFFECTS = 4,   /* may be deleted when the result is dead */
};

typedef struct TCGHelperInfo {
    void *func;
    const char *name;
    uint32_t typemask;
    unsigned flags;
    unsigned nb_args;
} TCGHelperInfo;

typedef struct TCGLabel {
    int id;
    bool present;          /* set_label was emitted */
    /* back-end fix-ups */
    void *relocs;
    uintptr_t host_addr;
} TCGLabel;

typedef struct TranslationBlock TranslationBlock;

/* Everything one translation needs; one per translating thread. */
typedef struct TCGContext {
    TCGOp *ops;
    unsigned nb_ops, ops_cap;
    TCGTemp *temps;
    unsigned nb_temps, temps_cap;
    unsigned nb_globals;     /* temps [0, nb_globals) are globals/fixed */
    TCGLabel *labels;
    unsigned nb_labels, labels_cap;
    TCGvPtr env;             /* the fixed temp holding the CPU state pointer */
    TranslationBlock *tb;    /* being translated */
    unsigned nb_insns;       /* insn_start ops so far */
} TCGContext;

extern __thread TCGContext *tcg_ctx;

/* Set up the calling thread's context (once per thread). */
void tcg_context_init(void);
/* Begin a new translation: drop ops, EBB/TB temps, labels; keep globals. */
void tcg_func_start(TranslationBlock *tb);

/*
 * Globals: registered once per thread after tcg_context_init, before any
 * translation; they stay for the life of the context.
 */
TCGvI32 tcg_global_mem_new_i32(intptr_t env_offset, const char *name);
TCGvI64 tcg_global_mem_new_i64(intptr_t env_offset, const char *name);

/* Temps of one translation. */
TCGvI32 tcg_temp_new_i32(void);     /* EBB lifetime */
TCGvI64 tcg_temp_new_i64(void);
TCGvPtr tcg_temp_new_ptr(void);
TCGvI32 tcg_temp_tb_new_i32(void);  /* TB lifetime: survives branches */
TCGvI64 tcg_temp_tb_new_i64(void);
TCGvI32 tcg_constant_i32(int32_t v); /* read-only, shared */
TCGvI64 tcg_constant_i64(int64_t v);
TCGvPtr tcg_constant_ptr(intptr_t v);
TCGLabel *gen_new_label(void);

/* Handle <-> temp. */
TCGTemp *tcgv_i32_temp(TCGvI32 v);
TCGTemp *tcgv_i64_temp(TCGvI64 v);
TCGTemp *tcgv_ptr_temp(TCGvPtr v);
unsigned tcg_temp_index(const TCGTemp *t);

/* Append an op (used by tcg-op.c and tests); returns it. */
TCGOp *tcg_emit_op(TCGOpcode opc, TCGType type, unsigned nb_oargs,
                   unsigned nb_iargs, unsigned nb_cargs, const TCGArg *args);

/*
 * Dump the ops as text, one per line ("-d op" and the unit-test oracle):
 *   add_i64 tmp3,x5,$0x10
 */
void tcg_dump_ops(const TCGContext *s, char *buf, size_t size);

/* The optimiser: constant folding, copy propagation, dead code. */
void tcg_optimize(TCGContext *s);
/* Backward liveness: deletes dead ops, fills TCGOp.life. */
void tcg_liveness_analysis(TCGContext *s);

#endif
