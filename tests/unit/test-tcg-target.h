/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A tiny fake target for the TCG unit tests: eight i64 registers, four
 * i32 registers and a pc as globals; translate_code runs whatever IR
 * generator the test installed (fake_gen), so each test writes its TB by
 * hand. Included by the test-tcg-*.c programs only.
 */
#ifndef TESTS_UNIT_TEST_TCG_TARGET_H
#define TESTS_UNIT_TEST_TCG_TARGET_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "accel/tcg/tcg-exec.h"
#include "accel/tcg/tcg-internal.h"
#include "accel/tcg/tcg-op.h"

struct CPUArchState {
    uint64_t r[8];
    uint32_t w[4];
    uint64_t pc;
    uint32_t flags;
    uint32_t restored;      /* restore_state_to_insn calls */
    uint64_t misaligned;    /* address of the last unaligned fault */
};

enum { FAKE_EXCP_STOP = 100, FAKE_EXCP_FAULT = 9, FAKE_EXCP_ALIGN = 7 };

static TCGvI64 R[8];
static TCGvI32 W[4];
static TCGvI64 PC;
static void (*fake_gen)(TranslationBlock *tb);
static unsigned fake_translations;

static void fake_init_globals(void)
{
    static const char *const rn[8] = { "r0", "r1", "r2", "r3", "r4", "r5",
                                       "r6", "r7" };
    static const char *const wn[4] = { "w0", "w1", "w2", "w3" };
    int i;

    for (i = 0; i < 8; i++) {
        R[i] = tcg_global_mem_new_i64(offsetof(CPUArchState, r[i]), rn[i]);
    }
    for (i = 0; i < 4; i++) {
        W[i] = tcg_global_mem_new_i32(offsetof(CPUArchState, w[i]), wn[i]);
    }
    PC = tcg_global_mem_new_i64(offsetof(CPUArchState, pc), "pc");
}

static void fake_get_tb_cpu_state(CPUArchState *env, uint64_t *pc,
                                  uint32_t *flags)
{
    *pc = env->pc;
    *flags = env->flags;
}

static void fake_translate_code(CPUArchState *env, TranslationBlock *tb,
                                int max_insns)
{
    fake_translations++;
    fake_gen(tb);
    tb->size = 4;
    tb->icount = 1;
}

static void fake_restore_state_to_insn(CPUArchState *env,
                                       const uint64_t *data)
{
    env->pc = data[0];
    env->restored++;
}

static void fake_set_pc(CPUArchState *env, uint64_t pc)
{
    env->pc = pc;
}

static void fake_do_unaligned_access(CPUArchState *env, uint64_t addr,
                                     unsigned mop, bool is_store,
                                     uintptr_t host_pc)
{
    env->misaligned = addr;
    tcg_raise_exception(tcg_current_cpu(), FAKE_EXCP_ALIGN, host_pc);
}

static const TCGTargetOps fake_ops = {
    .name = "fake",
    .init_globals = fake_init_globals,
    .get_tb_cpu_state = fake_get_tb_cpu_state,
    .translate_code = fake_translate_code,
    .restore_state_to_insn = fake_restore_state_to_insn,
    .set_pc = fake_set_pc,
    .do_unaligned_access = fake_do_unaligned_access,
};

/* helper: end the test program */
static void helper_stop(CPUArchState *env)
{
    tcg_raise_exception(tcg_current_cpu(), FAKE_EXCP_STOP, 0);
}

static const TCGHelperInfo helper_info_stop = {
    .func = (void *)helper_stop,
    .name = "stop",
    .typemask = TCG_HELPER_TYPE(1, TCG_HELPER_PTR),
    .flags = TCG_CALL_NO_WRITE_GLOBALS,
    .nb_args = 1,
};

static inline void gen_stop(void)
{
    TCGTemp *args[1] = { tcgv_ptr_temp(tcg_ctx->env) };

    tcg_gen_call(&helper_info_stop, NULL, args);
}

static CPU fake_cpu;
static CPUArchState fake_env;

/* One-time set-up: context, globals, the vCPU. */
static inline void fake_setup(void)
{
    static bool done;

    if (done) {
        return;
    }
    done = true;
    tcg_context_init();
    fake_init_globals();
    fake_cpu.arch = &fake_env;
    tcg_cpu_init(&fake_cpu, &fake_ops);
}

/* Flush, then run from pc with generator gen; returns the exception. */
static inline int fake_run(uint64_t pc, void (*gen)(TranslationBlock *tb))
{
    tb_flush_all();
    fake_gen = gen;
    fake_env.pc = pc;
    return tcg_cpu_exec(&fake_cpu);
}

#endif
