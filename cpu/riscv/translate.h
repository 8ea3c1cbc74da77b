/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Internals of the riscv64 front end, shared by translate.c and the
 * per-group decoders trans-*.c. Each group is a table of (mask, match,
 * format, handler) rows; translate.c decodes the operand fields the
 * format names and calls the first row that matches. A handler returns
 * false for an encoding it rejects, which becomes an illegal-instruction
 * exception. Compressed instructions are expanded to RISCVArgs and handed
 * to the same handlers, so each operation is generated in one place.
 */
#ifndef CPU_RISCV_TRANSLATE_H
#define CPU_RISCV_TRANSLATE_H

#include <stdbool.h>
#include <stdint.h>

#include "accel/tcg/tcg-op.h"
#include "accel/tcg/tb.h"
#include "cpu/riscv/cpu-state.h"

#define RISCV_PAGE_SIZE 4096u

typedef enum RISCVJumpType {
    RISCV_JMP_NEXT,      /* fall through to the next instruction */
    RISCV_JMP_STOP,      /* end the TB after this insn, continue at pc_next */
    RISCV_JMP_NORETURN,  /* the insn already ended the TB (branch, exception) */
    /* end the TB after this insn and look the next one up afresh: the
     * insn changed state the TB flags hold (privilege, mstatus, satp) */
    RISCV_JMP_LOOKUP,
} RISCVJumpType;

typedef struct DisasContext {
    TranslationBlock *tb;
    uint64_t pc;          /* this instruction */
    uint64_t pc_next;     /* the one after it */
    uint32_t insn;        /* raw bits (16 or 32), for badaddr */
    unsigned insn_len;    /* 2 or 4 */
    int num_insns;
    RISCVJumpType is_jmp;
    /* system mode (TB flags, cpu/riscv/priv.h); all 0 in user mode */
    CPURISCVState *env;
    bool system;
    int mem_idx;          /* mmu_idx of loads and stores */
    unsigned fs;          /* mstatus.FS when the TB was made */
    bool fs_dirty_set;    /* this TB already set FS to Dirty */
    int frm;              /* frm the TB was made for; -1: not known */
} DisasContext;

/*
 * frm in the TB flags (bits 14:12, bit 15 says they are valid): FP
 * instructions with rm = 7 then use it as a static rounding mode. Any
 * write to frm or fcsr ends its TB with a fresh lookup.
 */
#define RISCV_TB_FRM_SHIFT 12
#define RISCV_TB_FRM_KNOWN (1u << 15)
#define RISCV_TB_FRM_FLAGS(frm) \
    (((uint32_t)(frm) & 7) << RISCV_TB_FRM_SHIFT | RISCV_TB_FRM_KNOWN)

/* Operand fields of a decoded instruction; imm per the row's format. */
typedef struct RISCVArgs {
    int rd, rs1, rs2, rs3;
    int rm;               /* funct3: rounding mode of FP ops */
    bool aq, rl;
    int64_t imm;
} RISCVArgs;

/* User-mode fflags CSR accesses in IR (trans-rvf.c); false: not one. */
bool riscv_trans_fflags_csr(DisasContext *ctx, const RISCVArgs *a);

typedef enum RISCVFormat {
    RISCV_FMT_R,      /* no immediate */
    RISCV_FMT_I,      /* imm[11:0] sign-extended */
    RISCV_FMT_S,
    RISCV_FMT_B,
    RISCV_FMT_U,      /* imm[31:12] << 12, sign-extended */
    RISCV_FMT_J,
    RISCV_FMT_SHAMT,  /* imm = bits 25:20 (6-bit shift amount) */
    RISCV_FMT_CSR,    /* imm = bits 31:20 unsigned (CSR number) */
} RISCVFormat;

typedef bool (*RISCVTransFn)(DisasContext *ctx, const RISCVArgs *a);

typedef struct RISCVInsnDef {
    uint32_t mask, match;
    RISCVFormat fmt;
    RISCVTransFn trans;
} RISCVInsnDef;

typedef struct RISCVInsnTable {
    const char *name;
    const RISCVInsnDef *defs;
    unsigned count;
} RISCVInsnTable;

/* Building blocks of the decode tables' mask and match words. */
#define OPC(x) (x)
#define F3(x) ((uint32_t)(x) << 12)
#define F7(x) ((uint32_t)(x) << 25)
#define F6(x) ((uint32_t)(x) << 26)
#define M_OPC 0x7fu
#define M_F3 (M_OPC | F3(7))
#define M_F7 (M_F3 | F7(0x7f))
#define M_F6 (M_F3 | F6(0x3f))

#define RISCV_INSN_TABLE(n, arr) { n, arr, sizeof(arr) / sizeof((arr)[0]) }

extern const RISCVInsnTable riscv_rvi_table, riscv_rvm_table, riscv_rva_table,
    riscv_zicsr_table, riscv_zb_table, riscv_rvf_table, riscv_priv_table;

/*
 * Before an F/D instruction: false if FP is off (mstatus.FS = Off, system
 * mode), which makes it illegal; else marks FS Dirty (once per TB).
 */
bool riscv_gen_fp_check(DisasContext *ctx);

/* The 16-bit decoder (trans-rvc.c): false if the encoding is illegal. */
bool riscv_trans_compressed(DisasContext *ctx, uint16_t insn);

/* Per-thread TCG globals (registered by init_globals). */
extern __thread TCGvI64 cpu_gpr[32];   /* [0] unused: x0 reads as 0 */
extern __thread TCGvI64 cpu_fpr[32];
extern __thread TCGvI64 cpu_pc;

/* Register access: x0 reads as constant 0 and ignores writes. */
TCGvI64 riscv_get_gpr(int r);
/* The temp a handler writes its result into (a scratch temp for x0);
 * write it last, after every read of the sources. */
TCGvI64 riscv_dest_gpr(int r);
void riscv_set_gpr(int r, TCGvI64 v);

/* Control flow. */
void riscv_gen_goto_tb(DisasContext *ctx, unsigned n, uint64_t dest);
void riscv_gen_exception(DisasContext *ctx, int excp);
/* Illegal instruction at ctx->pc, badaddr = the insn bits. */
void riscv_gen_illegal(DisasContext *ctx);
/* Make env->pc exact before a helper that may raise an exception. */
void riscv_gen_sync_pc(DisasContext *ctx);

/* Helper calls: argument temps in order (env is not implicit). */
TCGTemp *riscv_env_temp(void);
void riscv_gen_call(const TCGHelperInfo *info, TCGTemp *ret, TCGTemp **args);

/* The TCGTargetOps hooks both the user (riscv64_tcg_ops) and the system
 * (riscv64_system_tcg_ops, hart.c) front ends use. */
void riscv_init_globals(void);
void riscv_translate_code(CPURISCVState *env, TranslationBlock *tb,
                          int max_insns);
void riscv_restore_state_to_insn(CPURISCVState *env, const uint64_t *data);
void riscv_set_pc(CPURISCVState *env, uint64_t pc);

/* Base handlers the compressed decoder expands into. */
bool riscv_trans_addi(DisasContext *ctx, const RISCVArgs *a);
bool riscv_trans_addiw(DisasContext *ctx, const RISCVArgs *a);
bool riscv_trans_lui(DisasContext *ctx, const RISCVArgs *a);
bool riscv_trans_slli(DisasContext *ctx, const RISCVArgs *a);
bool riscv_trans_srli(DisasContext *ctx, const RISCVArgs *a);
bool riscv_trans_srai(DisasContext *ctx, const RISCVArgs *a);
bool riscv_trans_andi(DisasContext *ctx, const RISCVArgs *a);
bool riscv_trans_add(DisasContext *ctx, const RISCVArgs *a);
bool riscv_trans_sub(DisasContext *ctx, const RISCVArgs *a);
bool riscv_trans_xor(DisasContext *ctx, const RISCVArgs *a);
bool riscv_trans_or(DisasContext *ctx, const RISCVArgs *a);
bool riscv_trans_and(DisasContext *ctx, const RISCVArgs *a);
bool riscv_trans_addw(DisasContext *ctx, const RISCVArgs *a);
bool riscv_trans_subw(DisasContext *ctx, const RISCVArgs *a);
bool riscv_trans_jal(DisasContext *ctx, const RISCVArgs *a);
bool riscv_trans_jalr(DisasContext *ctx, const RISCVArgs *a);
bool riscv_trans_beq(DisasContext *ctx, const RISCVArgs *a);
bool riscv_trans_bne(DisasContext *ctx, const RISCVArgs *a);
bool riscv_trans_lw(DisasContext *ctx, const RISCVArgs *a);
bool riscv_trans_ld(DisasContext *ctx, const RISCVArgs *a);
bool riscv_trans_sw(DisasContext *ctx, const RISCVArgs *a);
bool riscv_trans_sd(DisasContext *ctx, const RISCVArgs *a);
bool riscv_trans_ebreak(DisasContext *ctx, const RISCVArgs *a);
bool riscv_trans_fld(DisasContext *ctx, const RISCVArgs *a);
bool riscv_trans_fsd(DisasContext *ctx, const RISCVArgs *a);

#endif
