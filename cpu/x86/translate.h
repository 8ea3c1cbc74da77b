/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Internals of the x86-64 TCG front end, shared by translate.c (prefixes,
 * ModRM/SIB, operand access, the TB loop) and the per-group translators
 * trans-*.c. Decoding is table driven: one table of X86OpEntry per opcode
 * map (one byte, 0F; VEX and 0F38/0F3A maps get their own tables later),
 * indexed by opcode byte. translate.c reads prefixes, REX and the opcode,
 * reads ModRM (and SIB, displacement) when the entry says the form has one,
 * then calls the entry's handler, which reads its immediates and emits IR.
 * A handler returns false for an encoding it does not implement: #UD.
 */
#ifndef CPU_X86_TRANSLATE_H
#define CPU_X86_TRANSLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "accel/tcg/tcg-op.h"
#include "accel/tcg/tb.h"
#include "cpu/x86/cc.h"
#include "cpu/x86/cpu-state.h"

#define X86_PAGE_SIZE 4096u
#define X86_MAX_INSN_LEN 15

/* Operand sizes, as log2 of bytes (MemOp MO_8..MO_64). */
enum { OT_B = MO_8, OT_W = MO_16, OT_L = MO_32, OT_Q = MO_64 };

/* Prefix bits. */
enum {
    PFX_OPSIZE = 1, PFX_ADSIZE = 2, PFX_REP = 4, PFX_REPNE = 8,
    PFX_LOCK = 16, PFX_REX = 32,
};

typedef enum X86JumpType {
    X86_JMP_NEXT,        /* fall through */
    X86_JMP_STOP,        /* end the TB, continue at pc_next (chainable) */
    X86_JMP_NORETURN,    /* the instruction already ended the TB */
    X86_JMP_LOOKUP,      /* end the TB, rip is set, look the next TB up */
} X86JumpType;

/* A decoded ModRM memory operand; the address is formed by x86_gen_lea
 * once the immediates are read (RIP-relative needs the insn's end). */
typedef struct X86ModRM {
    int mod, reg, rm;      /* reg/rm include REX.R/REX.B */
    int base, index;       /* -1: none; base -2: RIP-relative */
    int scale;
    int64_t disp;
} X86ModRM;

typedef struct DisasContext {
    TranslationBlock *tb;
    X86CPUState *env;
    uint64_t pc;           /* this instruction */
    uint64_t pc_next;      /* fetch cursor; after decoding: next insn */
    uint8_t bytes[X86_MAX_INSN_LEN];
    unsigned avail;        /* bytes fetchable for this insn */
    int num_insns;
    X86JumpType is_jmp;

    /* current instruction */
    unsigned prefix;
    int seg;               /* segment override (R_FS/R_GS matter), -1 none */
    uint8_t rex;           /* REX byte, 0 if none */
    bool rex_w;
    int dflag;             /* operand size OT_W/OT_L/OT_Q */
    int aflag;             /* address size OT_L/OT_Q */
    int b;                 /* opcode (0x0F00 | byte for the 0F map) */
    X86ModRM m;
    bool has_modrm;
    /* VEX: the vvvv register, L, pp (0 none, 1 66, 2 F3, 3 F2) */
    int vex_v;
    bool vex_l;
    int vex_pp;

    /* lazy flags: the cc_op the global holds, CC_OP_DYNAMIC if unknown */
    X86CCOp cc_op;
} DisasContext;

typedef bool (*X86TransFn)(DisasContext *s);

typedef struct X86OpEntry {
    X86TransFn trans;
    bool modrm;
} X86OpEntry;

/* The opcode maps (sparse: NULL trans = #UD). */
extern const X86OpEntry x86_map_onebyte[256];
extern const X86OpEntry x86_map_0f[256];
extern const X86OpEntry x86_map_0f38[256];
extern const X86OpEntry x86_map_0f3a[256];

/* VEX-encoded instructions of map 1-3 (0F, 0F 38, 0F 3A), opcode op,
 * after ModRM (trans-bmi.c). */
bool x86_trans_vex(DisasContext *s, int map, int op);

/* Entries provided by the groups (trans-*.c), collected by the maps. */
#define X86_TRANS(name) bool x86_trans_##name(DisasContext *s)
X86_TRANS(alu);          /* 00-3F ALU forms, 80-83 */
X86_TRANS(inc_dec_push_grp);  /* FE, FF */
X86_TRANS(test_not_neg_mul_div); /* F6, F7 */
X86_TRANS(test_rm_r);    /* 84, 85, A8, A9 */
X86_TRANS(xchg_rm_r);    /* 86, 87, 90-97 */
X86_TRANS(mov);          /* 88-8B, B0-BF, C6, C7 */
X86_TRANS(lea);
X86_TRANS(movsxd);
X86_TRANS(movzx_movsx);  /* 0F B6, B7, BE, BF */
X86_TRANS(cbw_cwd);      /* 98, 99 */
X86_TRANS(imul);         /* 0F AF, 69, 6B */
X86_TRANS(cmovcc);
X86_TRANS(setcc);
X86_TRANS(xadd);
X86_TRANS(cmpxchg);
X86_TRANS(grp9);         /* 0F C7: CMPXCHG8B/16B */
X86_TRANS(bswap);
X86_TRANS(shift_grp2);   /* C0, C1, D0-D3 */
X86_TRANS(shld_shrd);
X86_TRANS(bt);           /* 0F A3, AB, B3, BB, BA */
X86_TRANS(bsf_bsr);      /* 0F BC, BD (+F3: TZCNT, LZCNT) */
X86_TRANS(popcnt);       /* F3 0F B8 */
X86_TRANS(push_pop);     /* 50-5F, 68, 6A, 8F */
X86_TRANS(jcc);          /* 70-7F, 0F 80-8F */
X86_TRANS(jmp_call);     /* E8, E9, EB */
X86_TRANS(ret);          /* C2, C3 */
X86_TRANS(loop_jrcxz);   /* E0-E3 */
X86_TRANS(enter_leave);  /* C8, C9 */
X86_TRANS(pushf_popf);   /* 9C, 9D */
X86_TRANS(sahf_lahf);    /* 9E, 9F */
X86_TRANS(flag_ops);     /* F5, F8-F9, FC-FD */
X86_TRANS(string);       /* A4-A7, AA-AF */
X86_TRANS(nop_hint);     /* 0F 1F, 0F 18-1E */
X86_TRANS(misc_0f);      /* CPUID, RDTSC, SYSCALL, UD2 */
X86_TRANS(privileged);   /* HLT, CLI, STI, IN, OUT, ...: #GP */
X86_TRANS(grp15);        /* 0F AE: fences, CLFLUSH */
X86_TRANS(xlat);
X86_TRANS(movbe);        /* 0F 38 F0, F1 */
X86_TRANS(adx);          /* 66/F3 0F 38 F6 */
/*
 * Vector and x87 groups; each owns the opcodes decode.c gives it and
 * dispatches on s->b (0x0F00 | byte, 0x0F3800 | byte, 0x0F3A00 | byte)
 * and the 66/F3/F2 prefix itself:
 * sse_fp (trans-sse-fp.c): SSE/SSE2/SSE3/SSE4.1 floating point, the
 *   MOVxPS/PD/SS/SD moves, conversions, MXCSR, FXSAVE/XSAVE, XGETBV;
 * sse_int (trans-sse-int.c): MMX and SSE2..SSE4.2 integer, MOVD/MOVQ/
 *   MOVDQx, SSSE3, PCMPxSTRx, CRC32, AES-NI, PCLMULQDQ;
 * x87 (trans-x87.c): D8-DF and FWAIT.
 */
X86_TRANS(sse_fp);
X86_TRANS(sse_int);
X86_TRANS(x87);

/* ---- fetch (translate.c) ---- */
uint8_t x86_ldub_code(DisasContext *s);
uint16_t x86_lduw_code(DisasContext *s);
uint32_t x86_ldl_code(DisasContext *s);
uint64_t x86_ldq_code(DisasContext *s);
/* Immediate of size ot (at most 32 bits, sign-extended to 64; Iz for
 * OT_Q), and the 8-bit sign-extended Ib. */
int64_t x86_imm(DisasContext *s, int ot);
int64_t x86_imm8s(DisasContext *s);

/* ---- globals ---- */
extern __thread TCGvI64 cpu_regs[16];
extern __thread TCGvI64 cpu_rip;
extern __thread TCGvI32 cpu_cc_op;
extern __thread TCGvI64 cpu_cc_dst, cpu_cc_src, cpu_cc_src2;
extern __thread TCGvI64 cpu_df;

/* ---- operands ---- */
/* Byte register number r (0-15) without REX names AH..BH for 4-7. */
bool x86_byte_reg_is_high(DisasContext *s, int r);
/* Read register r at size ot, zero-extended into dst. */
void x86_gen_get_reg(DisasContext *s, int ot, TCGvI64 dst, int r);
/* Write the low ot of v to register r with x86's merge rules (8/16 keep
 * the rest, 32 zero-extends). */
void x86_gen_set_reg(DisasContext *s, int ot, int r, TCGvI64 v);
/* The effective address of s->m into a new temp (segment base added). */
TCGvI64 x86_gen_lea(DisasContext *s);
/* The address without segment (LEA). */
TCGvI64 x86_gen_lea_noseg(DisasContext *s);
/* Add the segment override base (FS/GS) to addr and apply the address
 * size; returns the final guest address (may be addr itself). */
TCGvI64 x86_gen_seg_addr(DisasContext *s, TCGvI64 addr, int def_seg);
void x86_gen_ld(DisasContext *s, int ot, TCGvI64 dst, TCGvI64 addr);
void x86_gen_ld_sx(DisasContext *s, int ot, TCGvI64 dst, TCGvI64 addr);
void x86_gen_st(DisasContext *s, int ot, TCGvI64 v, TCGvI64 addr);
/* The r/m operand: register or memory (address returned through *addr,
 * NULL for a register). */
void x86_gen_ld_rm(DisasContext *s, int ot, TCGvI64 dst, TCGvI64 *addr);
void x86_gen_st_rm(DisasContext *s, int ot, TCGvI64 v, TCGvI64 addr);
/* ---- vector registers in env (x87/MMX/SSE state, cpu-state.h) ---- */
static inline intptr_t x86_xmm_offset(int r)
{
    return (intptr_t)offsetof(X86CPUState, xmm[r & 15]);
}

/* MMi is the significand of physical x87 register i. */
static inline intptr_t x86_mmx_offset(int r)
{
    return (intptr_t)offsetof(X86CPUState, fpregs[r & 7].mant);
}

/*
 * Copy len bytes (4, 8 or 16) between guest memory at addr and env at
 * off (the rest of the env register is left alone). align16: #GP unless
 * addr is 16-byte aligned (MOVAPS, MOVDQA and legacy-SSE memory operands
 * that require it); the check comes before any access.
 */
void x86_gen_ld_env(DisasContext *s, TCGvI64 addr, intptr_t off, int len,
                    bool align16);
void x86_gen_st_env(DisasContext *s, TCGvI64 addr, intptr_t off, int len,
                    bool align16);
/* env[dst .. dst+len) = env[src .. src+len) (len 4, 8 or 16). */
void x86_gen_mov_env(intptr_t dst, intptr_t src, int len);
/* Raise #GP (SIGSEGV in user mode) unless addr % 16 == 0. The check
 * ends the extended basic block (a label), so addr, an EBB temp, is dead
 * after it: use the returned copy (a TB temp) instead. */
TCGvI64 x86_gen_check_align16(DisasContext *s, TCGvI64 addr);

/* Zero- or sign-extend v at size ot in place. */
void x86_gen_ext(int ot, TCGvI64 v, bool sign);

/* ---- lazy flags ---- */
/* Record a flag-setting operation of kind op at size ot. */
void x86_set_cc(DisasContext *s, X86CCOpKind op, int ot, TCGvI64 dst,
                TCGvI64 src, TCGvI64 src2);
/* All six arithmetic flags (rflags bit positions) into a new temp. */
TCGvI64 x86_gen_compute_eflags(DisasContext *s);
/* CF as 0/1 into a new temp. */
TCGvI64 x86_gen_compute_cf(DisasContext *s);
/* Condition cc (0-15, the Jcc/SETcc nibble) as 0/1 into a new temp. */
TCGvI64 x86_gen_cond(DisasContext *s, int cc);

/* ---- control flow and exceptions ---- */
void x86_gen_goto_tb(DisasContext *s, unsigned n, uint64_t dest);
/* rip = ctx->pc, then raise excp (ends the TB). */
void x86_gen_exception(DisasContext *s, int excp);
/* rip = ctx->pc before a helper that may raise. */
void x86_gen_sync_rip(DisasContext *s);
/*
 * Call helper info. sig names the arguments in order: 'e' env (no
 * argument passed), 'q' a TCGvI64, 'l' a TCGvI32, 'c' an int made an i32
 * constant, 'k' an int64_t made an i64 constant. ret: TCGvI64 or NULL.
 * The TCGTemp pointers are taken after every constant exists (making a
 * temp may move the temp array, so pointers taken earlier would dangle).
 */
void x86_gen_call(const TCGHelperInfo *info, TCGvI64 ret, const char *sig,
                  ...);
/* Address mask of the current address size: rcx/rsi/rdi for strings. */
void x86_gen_mask_addr(DisasContext *s, TCGvI64 v);
/* push/pop at the stack's 64-bit size (16 with 66). */
void x86_gen_push(DisasContext *s, int ot, TCGvI64 v);
void x86_gen_pop_value(DisasContext *s, int ot, TCGvI64 dst);
void x86_gen_pop_commit(DisasContext *s, int ot);

/* Operand size of the current insn for byte/other forms: opcode bit 0
 * clear means byte. */
static inline int x86_ot_of(DisasContext *s, int b)
{
    return (b & 1) ? s->dflag : OT_B;
}

/* The TCGTargetOps (translate.c). */
void x86_init_globals(void);
void x86_translate_code(X86CPUState *env, TranslationBlock *tb,
                        int max_insns);

#endif
