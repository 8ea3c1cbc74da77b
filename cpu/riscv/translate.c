/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The riscv64 front end: the TCGTargetOps hooks and the translation loop.
 * It fetches 16- and 32-bit instructions from guest memory (user mode:
 * guest_base + pc; system mode: through the page walker, mmu.c), decodes
 * them through the per-group tables of trans-*.c and emits IR through
 * tcg-op.h only.
 *
 * A TB ends at a branch or jump, at an instruction that must be followed
 * by a fresh lookup (FENCE.I, an exception), at the end of a guest page,
 * or after max_insns instructions. A 32-bit instruction crossing a page
 * is only translated as the first instruction of its TB, so every other
 * TB covers a single page.
 */
#include <stddef.h>
#include <string.h>
#include <sys/mman.h>

#include "accel/tcg/cputlb.h"
#include "accel/tcg/guest-mem.h"
#include "accel/tcg/tcg-log.h"
#include "cpu/riscv/disas.h"
#include "cpu/riscv/cpu.h"
#include "cpu/riscv/helper.h"
#include "cpu/riscv/priv.h"
#include "cpu/riscv/translate.h"

__thread TCGvI64 cpu_gpr[32];
__thread TCGvI64 cpu_fpr[32];
__thread TCGvI64 cpu_pc;

/* ABI names, so IR dumps read like disassembly. */
static const char *const riscv_gpr_names[32] = {
    "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2",
    "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
    "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7",
    "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

static const char *const riscv_fpr_names[32] = {
    "ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7",
    "fs0", "fs1", "fa0", "fa1", "fa2", "fa3", "fa4", "fa5",
    "fa6", "fa7", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7",
    "fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11",
};

/* Decode order: the first matching row wins. */
static const RISCVInsnTable *const riscv_tables[] = {
    &riscv_rvi_table, &riscv_rvm_table, &riscv_rva_table,
    &riscv_zicsr_table, &riscv_zb_table, &riscv_rvf_table, &riscv_priv_table,
};

void riscv_cpu_reset(CPURISCVState *env)
{
    memset(env, 0, sizeof(*env));
    env->load_res = (uint64_t)-1;
    env->priv = 0;   /* U mode */
}

TCGvI64 riscv_get_gpr(int r)
{
    return r == 0 ? tcg_constant_i64(0) : cpu_gpr[r];
}

TCGvI64 riscv_dest_gpr(int r)
{
    return r == 0 ? tcg_temp_new_i64() : cpu_gpr[r];
}

void riscv_set_gpr(int r, TCGvI64 v)
{
    if (r != 0 && v != cpu_gpr[r]) {
        tcg_gen_mov_i64(cpu_gpr[r], v);
    }
}

TCGTemp *riscv_env_temp(void)
{
    return tcgv_ptr_temp(tcg_ctx->env);
}

void riscv_gen_call(const TCGHelperInfo *info, TCGTemp *ret, TCGTemp **args)
{
    tcg_gen_call(info, ret, args);
}

/*
 * Chaining is allowed to any page in user mode: unmapping or writing a
 * code page invalidates its TBs and unchains their incoming jumps. In
 * system mode the mapping of another virtual page may change without
 * touching the code (satp, SFENCE.VMA): jumps within the TB's own page
 * chain, jumps to another page only when the exec loop can guard such a
 * link (one hart: docs/softmmu.md, "Cross-page jumps"); else they look
 * the TB up each time.
 */
static bool riscv_use_goto_tb(DisasContext *ctx, uint64_t dest)
{
    if (ctx->tb->cflags & CF_NO_CHAIN) {
        return false;
    }
    return !ctx->system ||
           (dest & ~(uint64_t)(RISCV_PAGE_SIZE - 1)) ==
           (ctx->tb->pc & ~(uint64_t)(RISCV_PAGE_SIZE - 1)) ||
           tlb_cross_page_chaining();
}

void riscv_gen_goto_tb(DisasContext *ctx, unsigned n, uint64_t dest)
{
    if (riscv_use_goto_tb(ctx, dest)) {
        tcg_gen_goto_tb(n);
        tcg_gen_movi_i64(cpu_pc, (int64_t)dest);
        tcg_gen_exit_tb(ctx->tb, n);
    } else {
        tcg_gen_movi_i64(cpu_pc, (int64_t)dest);
        tcg_gen_lookup_and_goto_ptr();
    }
}

void riscv_gen_sync_pc(DisasContext *ctx)
{
    tcg_gen_movi_i64(cpu_pc, (int64_t)ctx->pc);
}

void riscv_gen_exception(DisasContext *ctx, int excp)
{
    TCGvI32 code = tcg_constant_i32(excp);
    TCGTemp *args[2];

    riscv_gen_sync_pc(ctx);
    /* Pointers only once every temp exists (a new temp may move them). */
    args[0] = riscv_env_temp();
    args[1] = tcgv_i32_temp(code);
    riscv_gen_call(&helper_info_riscv_raise_exception, NULL, args);
    /* Never reached (the helper longjmps to the loop), but every TB path
     * then ends in an exit the back ends and liveness understand. */
    tcg_gen_exit_tb(NULL, 0);
    ctx->is_jmp = RISCV_JMP_NORETURN;
}

void riscv_gen_illegal(DisasContext *ctx)
{
    tcg_gen_st_i64(tcg_constant_i64(ctx->insn), tcg_ctx->env,
                   offsetof(CPURISCVState, badaddr));
    riscv_gen_exception(ctx, RISCV_EXCP_ILLEGAL_INST);
}

static int64_t riscv_sext(uint32_t v, unsigned bits)
{
    return (int64_t)((uint64_t)v << (64 - bits)) >> (64 - bits);
}

/* Fill a->imm from the instruction bits as the row's format says. */
static void riscv_decode_args(uint32_t insn, RISCVFormat fmt, RISCVArgs *a)
{
    a->rd = (insn >> 7) & 31;
    a->rs1 = (insn >> 15) & 31;
    a->rs2 = (insn >> 20) & 31;
    a->rs3 = (insn >> 27) & 31;
    a->rm = (insn >> 12) & 7;
    a->aq = (insn >> 26) & 1;
    a->rl = (insn >> 25) & 1;
    switch (fmt) {
    case RISCV_FMT_R:
        a->imm = 0;
        break;
    case RISCV_FMT_I:
        a->imm = riscv_sext(insn >> 20, 12);
        break;
    case RISCV_FMT_S:
        a->imm = riscv_sext(((insn >> 25) << 5) | ((insn >> 7) & 31), 12);
        break;
    case RISCV_FMT_B:
        a->imm = riscv_sext(((insn >> 31) & 1) << 12 | ((insn >> 7) & 1) << 11 |
                            ((insn >> 25) & 0x3f) << 5 | ((insn >> 8) & 0xf) << 1,
                            13);
        break;
    case RISCV_FMT_U:
        a->imm = (int64_t)(int32_t)(insn & 0xfffff000u);
        break;
    case RISCV_FMT_J:
        a->imm = riscv_sext(((insn >> 31) & 1) << 20 | ((insn >> 12) & 0xff) << 12 |
                            ((insn >> 20) & 1) << 11 | ((insn >> 21) & 0x3ff) << 1,
                            21);
        break;
    case RISCV_FMT_SHAMT:
        a->imm = (insn >> 20) & 0x3f;
        break;
    case RISCV_FMT_CSR:
        a->imm = insn >> 20;
        break;
    }
}

bool riscv_gen_fp_check(DisasContext *ctx)
{
    if (!ctx->system) {
        return true;
    }
    if (ctx->fs == RISCV_FS_OFF) {
        return false;
    }
    if (ctx->fs != RISCV_FS_DIRTY && !ctx->fs_dirty_set) {
        TCGvI64 t = tcg_temp_new_i64();

        tcg_gen_ld_i64(t, tcg_ctx->env, offsetof(CPURISCVState, mstatus));
        tcg_gen_ori_i64(t, t, (int64_t)MSTATUS_FS);
        tcg_gen_st_i64(t, tcg_ctx->env, offsetof(CPURISCVState, mstatus));
        ctx->fs_dirty_set = true;
    }
    return true;
}

static bool riscv_decode32(DisasContext *ctx, uint32_t insn)
{
    for (unsigned t = 0; t < sizeof(riscv_tables) / sizeof(riscv_tables[0]); t++) {
        const RISCVInsnTable *table = riscv_tables[t];

        for (unsigned i = 0; i < table->count; i++) {
            const RISCVInsnDef *def = &table->defs[i];

            if ((insn & def->mask) == def->match) {
                RISCVArgs a;

                if (table == &riscv_rvf_table && !riscv_gen_fp_check(ctx)) {
                    return false;
                }
                riscv_decode_args(insn, def->fmt, &a);
                return def->trans(ctx, &a);
            }
        }
    }
    return false;
}

/* A TB stays on its page, plus the end of a 32-bit insn straddling it. */
#define RISCV_LOG_BYTES (RISCV_PAGE_SIZE + 4)
static __thread uint8_t riscv_log_buf[RISCV_LOG_BYTES];

/* Fetch the halfword at pc: 0, or (system mode) the fetch fault's cause. */
static int riscv_fetch16(DisasContext *ctx, uint64_t pc, uint16_t *v)
{
    if (ctx->system) {
        /* RAM through the code TLB (the translation tlb_set_tb_pages
         * records); anything else walks the page table for the cause */
        const void *host = tlb_code_host(ctx->env->wiring.cpu, pc);
        int fault = 0;
        uint64_t at = pc - ctx->tb->pc;

        if (host) {
            memcpy(v, host, sizeof(*v));
        } else {
            fault = riscv_cpu_fetch16(ctx->env, pc, v);
        }

        if (!fault && ctx->log_bytes && at + sizeof(*v) <= RISCV_LOG_BYTES) {
            memcpy(ctx->log_bytes + at, v, sizeof(*v));
        }
        return fault;
    }
    memcpy(v, (const void *)(uintptr_t)(guest_base + pc), sizeof(*v));
    return 0;
}

/*
 * User mode, before translating a TB at pc: its first instruction must be
 * on pages the guest may execute. Later instructions stay on pc's page
 * (see riscv_translate_code), so this is the only check a TB needs. A
 * fault is an instruction page fault, as Linux sees it for both an
 * unmapped and a non-executable page; badaddr is the first byte that
 * cannot be fetched.
 */
static void riscv_check_fetch(CPU *cpu, uint64_t pc)
{
    int (*prot_of)(uint64_t addr) = guest_page_prot_hook;
    uint64_t bad = pc;
    int prot;

    if (!prot_of) {
        return;
    }
    prot = prot_of(pc);
    if (prot >= 0 && (prot & PROT_EXEC)) {
        uint64_t next_page = (pc | (RISCV_PAGE_SIZE - 1)) + 1;

        uint16_t first;

        memcpy(&first, (const void *)(uintptr_t)(guest_base + pc),
               sizeof(first));
        if (next_page - pc >= 4 || (first & 3) != 3) {
            return;
        }
        bad = next_page;
        prot = prot_of(bad);
        if (prot >= 0 && (prot & PROT_EXEC)) {
            return;
        }
    }
    cpu->arch->badaddr = bad;
    tcg_raise_exception(cpu, RISCV_EXCP_INST_PAGE_FAULT, 0);
}

/* The first instruction of the TB cannot be fetched: raise its fault
 * (tval: the address of the part that faulted) when the TB runs. */
static void riscv_gen_fetch_fault(DisasContext *ctx, int cause,
                                  uint64_t addr)
{
    tcg_gen_st_i64(tcg_constant_i64((int64_t)addr), tcg_ctx->env,
                   offsetof(CPURISCVState, badaddr));
    riscv_gen_exception(ctx, cause);
}

void riscv_init_globals(void)
{
    for (int i = 1; i < 32; i++) {
        cpu_gpr[i] = tcg_global_mem_new_i64(offsetof(CPURISCVState, gpr[i]),
                                            riscv_gpr_names[i]);
    }
    for (int i = 0; i < 32; i++) {
        cpu_fpr[i] = tcg_global_mem_new_i64(offsetof(CPURISCVState, fpr[i]),
                                            riscv_fpr_names[i]);
    }
    cpu_pc = tcg_global_mem_new_i64(offsetof(CPURISCVState, pc), "pc");
}

/* User mode: no FS/priv bits; frm, so dynamic-rm FP ops know their mode. */
static void riscv_get_tb_cpu_state(CPUArchState *env, uint64_t *pc,
                                   uint32_t *flags)
{
    *pc = env->pc;
    *flags = RISCV_TB_FRM_FLAGS(env->frm);
}

void riscv_translate_code(CPUArchState *env, TranslationBlock *tb,
                          int max_insns)
{
    DisasContext ctx = { .tb = tb, .pc_next = tb->pc, .env = env, .frm = -1 };
    uint64_t page_start = tb->pc & ~(uint64_t)(RISCV_PAGE_SIZE - 1);

    if (tb->flags & RISCV_TB_SYSTEM) {
        ctx.system = true;
        ctx.mem_idx = RISCV_TB_MEM_IDX(tb->flags);
        ctx.fs = RISCV_TB_FS(tb->flags);
        if (tcg_log_mask & TCG_LOG_IN_ASM) {
            ctx.log_bytes = riscv_log_buf;
        }
    }
    if (tb->flags & RISCV_TB_FRM_KNOWN) {
        ctx.frm = (tb->flags >> RISCV_TB_FRM_SHIFT) & 7;
    }
    if (max_insns <= 0 || max_insns > CF_COUNT_MASK) {
        max_insns = CF_COUNT_MASK;
    }
    for (;;) {
        uint16_t lo, hi = 0;
        int fault;
        bool ok;

        ctx.pc = ctx.pc_next;
        fault = riscv_fetch16(&ctx, ctx.pc, &lo);
        if (fault && ctx.num_insns > 0) {
            ctx.is_jmp = RISCV_JMP_STOP;   /* it faults as a TB's first */
            break;
        }
        if (fault) {
            tcg_gen_insn_start(ctx.pc, 0);
            ctx.num_insns++;
            ctx.pc_next = ctx.pc + 2;
            riscv_gen_fetch_fault(&ctx, fault, ctx.pc);
            break;
        }
        ctx.insn_len = (lo & 3) == 3 ? 4 : 2;
        /* A 32-bit insn straddling the page end starts its own TB. */
        if (ctx.num_insns > 0 &&
            ctx.pc + ctx.insn_len > page_start + RISCV_PAGE_SIZE) {
            ctx.is_jmp = RISCV_JMP_STOP;
            break;
        }
        if (ctx.insn_len == 4) {
            fault = riscv_fetch16(&ctx, ctx.pc + 2, &hi);
            if (fault && ctx.num_insns > 0) {
                ctx.is_jmp = RISCV_JMP_STOP;
                break;
            }
        }
        tcg_gen_insn_start(ctx.pc, 0);
        ctx.num_insns++;
        ctx.pc_next = ctx.pc + ctx.insn_len;
        if (fault) {
            riscv_gen_fetch_fault(&ctx, fault, ctx.pc + 2);
            break;
        }
        if (ctx.insn_len == 2) {
            ctx.insn = lo;
            ok = riscv_trans_compressed(&ctx, lo);
        } else {
            ctx.insn = lo | (uint32_t)hi << 16;
            ok = riscv_decode32(&ctx, ctx.insn);
        }
        if (!ok) {
            riscv_gen_illegal(&ctx);
        }
        ctx.log_len = (uint32_t)(ctx.pc_next - tb->pc);
        if (ctx.is_jmp != RISCV_JMP_NEXT) {
            break;
        }
        if (ctx.num_insns >= max_insns ||
            ctx.pc_next >= page_start + RISCV_PAGE_SIZE) {
            ctx.is_jmp = RISCV_JMP_STOP;
            break;
        }
    }
    if (ctx.is_jmp == RISCV_JMP_STOP) {
        riscv_gen_goto_tb(&ctx, 0, ctx.pc_next);
    } else if (ctx.is_jmp == RISCV_JMP_LOOKUP) {
        tcg_gen_movi_i64(cpu_pc, (int64_t)ctx.pc_next);
        tcg_gen_lookup_and_goto_ptr();
    }
    tb->size = (uint32_t)(ctx.pc_next - tb->pc);
    tb->icount = (uint16_t)ctx.num_insns;
    if ((tcg_log_mask & TCG_LOG_IN_ASM) && tb->size && !ctx.system) {
        tcg_log_in_asm(&riscv64_tcg_ops, tb->pc,
                       (const uint8_t *)(guest_base + tb->pc), tb->size);
    } else if (ctx.log_bytes && ctx.log_len) {
        /* what was fetched through the page walker (a fetch fault: none) */
        tcg_log_in_asm(&riscv64_tcg_ops, tb->pc, ctx.log_bytes,
                       ctx.log_len);
    }
}

void riscv_restore_state_to_insn(CPUArchState *env, const uint64_t *data)
{
    env->pc = data[0];
}

void riscv_set_pc(CPUArchState *env, uint64_t pc)
{
    env->pc = pc;
}

const TCGTargetOps riscv64_tcg_ops = {
    .name = "riscv64",
    .init_globals = riscv_init_globals,
    .get_tb_cpu_state = riscv_get_tb_cpu_state,
    .translate_code = riscv_translate_code,
    .restore_state_to_insn = riscv_restore_state_to_insn,
    .set_pc = riscv_set_pc,
    .disas_insn = riscv_disas_insn,
    .check_fetch = riscv_check_fetch,
};
