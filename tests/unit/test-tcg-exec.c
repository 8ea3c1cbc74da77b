/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * TCG exec loop and TB cache: the exit-request test at TB entry (also on
 * chained entries), direct chaining, goto_ptr lookups (also with the
 * inline jump-cache probe of lookup_goto_ptr), invalidation with
 * unchaining and retranslation, and precise exceptions from helpers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "tests/unit/test-tcg-target.h"

/* The back end these tests run on (test-tcg-x86_64.c sets x86_64). */
static TCGBackendKind exec_tests_backend = TCG_BACKEND_INTERP;

static uint64_t b_step = 1;      /* what TB B adds: changed to model SMC */
static uint64_t request_at;      /* r1 value at which B sets exit_request */

static void helper_request_exit(CPUArchState *env)
{
    if (env->r[1] == request_at) {
        atomic_store(&fake_cpu.exit_request, 1);
    }
}

static const TCGHelperInfo info_request_exit = {
    .func = (void *)helper_request_exit, .name = "request_exit",
    .typemask = TCG_HELPER_TYPE(1, TCG_HELPER_PTR),
    .flags = TCG_CALL_NO_WRITE_GLOBALS, .nb_args = 1,
};

/*
 * A (0x1000): r0 += 1; goto_tb 0 -> B
 * B (0x2000): r1 += b_step; stop when r1 == 5; maybe request exit;
 *             goto_tb 0 -> A
 */
static void gen_ab(TranslationBlock *tb)
{
    TCGTemp *args[1] = { tcgv_ptr_temp(tcg_ctx->env) };
    TCGLabel *l = gen_new_label();
    uint64_t next = tb->pc == 0x1000 ? 0x2000 : 0x1000;

    tcg_gen_insn_start(tb->pc, 0);
    if (tb->pc == 0x1000) {
        tcg_gen_addi_i64(R[0], R[0], 1);
    } else {
        tcg_gen_addi_i64(R[1], R[1], (int64_t)b_step);
        tcg_gen_brcondi_i64(TCG_COND_LT, R[1], 5, l);
        gen_stop();
        gen_set_label(l);
        tcg_gen_call(&info_request_exit, NULL, args);
    }
    tcg_gen_goto_tb(0);
    tcg_gen_movi_i64(PC, (int64_t)next);
    tcg_gen_exit_tb(tb, 0);
}

static void reset_env(void)
{
    memset(&fake_env, 0, sizeof(fake_env));
    atomic_store(&fake_cpu.exit_request, 0);
    b_step = 1;
    request_at = 0;
}

static void test_exit_request_at_entry(void **state)
{
    unsigned long tr;

    reset_env();
    atomic_store(&fake_cpu.exit_request, 1);
    tr = tcg_stats.translations;
    assert_int_equal(fake_run(0x1000, gen_ab), EXCP_INTERRUPT);
    assert_int_equal(fake_env.r[0], 0);       /* no guest op ran */
    assert_int_equal(fake_env.pc, 0x1000);
    assert_int_equal(tcg_stats.translations, tr);
}

static void test_chaining(void **state)
{
    unsigned long lookups, chained;
    TranslationBlock *a, *b;
    TCGVcpu *v = tcg_vcpu(&fake_cpu);

    reset_env();
    lookups = tcg_stats_loop_lookups();
    chained = tcg_stats_chained_entries();
    fake_translations = 0;
    assert_int_equal(fake_run(0x1000, gen_ab), FAKE_EXCP_STOP);
    assert_int_equal(fake_env.r[0], 5);
    assert_int_equal(fake_env.r[1], 5);
    assert_int_equal(fake_translations, 2);
    /* A, B, A again; from then on A and B reach each other by jmp_dest */
    assert_int_equal(tcg_stats_loop_lookups() - lookups, 3);
    assert_int_equal(tcg_stats_chained_entries() - chained, 7);
    a = tb_lookup(v, 0x1000, 0, 0);
    b = tb_lookup(v, 0x2000, 0, 0);
    assert_non_null(a);
    assert_non_null(b);
    assert_ptr_equal(a->jmp_dest[0], b);
    assert_ptr_equal(b->jmp_dest[0], a);
}

static void test_exit_request_on_chained_entry(void **state)
{
    reset_env();
    request_at = 3;
    assert_int_equal(fake_run(0x1000, gen_ab), EXCP_INTERRUPT);
    /* B set the request after r1 = 3; chained A was not executed */
    assert_int_equal(fake_env.r[1], 3);
    assert_int_equal(fake_env.r[0], 3);
    assert_int_equal(fake_env.pc, 0x1000);    /* set_pc on the way out */
    /* resuming continues where it stopped */
    atomic_store(&fake_cpu.exit_request, 0);
    request_at = 0;
    assert_int_equal(tcg_cpu_exec(&fake_cpu), FAKE_EXCP_STOP);
    assert_int_equal(fake_env.r[0], 5);
    assert_int_equal(fake_env.r[1], 5);
}

static void test_invalidation(void **state)
{
    TCGVcpu *v = tcg_vcpu(&fake_cpu);
    TranslationBlock *a, *b;
    unsigned long inv = tcg_stats.invalidations;

    reset_env();
    assert_int_equal(fake_run(0x1000, gen_ab), FAKE_EXCP_STOP);
    a = tb_lookup(v, 0x1000, 0, 0);
    b = tb_lookup(v, 0x2000, 0, 0);
    assert_ptr_equal(a->jmp_dest[0], b);

    /* "guest code at B changed": B now adds 2 */
    b_step = 2;
    tb_invalidate_range(0x2000, 0x2002);
    assert_int_equal(tcg_stats.invalidations - inv, 1);
    assert_true(b->invalid);
    assert_null(a->jmp_dest[0]);              /* incoming chain reset */
    assert_null(b->jmp_dest[0]);
    assert_null(tb_lookup(v, 0x2000, 0, 0));
    assert_ptr_equal(tb_lookup(v, 0x1000, 0, 0), a);

    /* a range that touches no TB invalidates nothing */
    tb_invalidate_range(0x3000, 0x4000);
    assert_int_equal(tcg_stats.invalidations - inv, 1);

    fake_translations = 0;
    fake_env.pc = 0x1000;
    fake_env.r[0] = fake_env.r[1] = 0;
    assert_int_equal(tcg_cpu_exec(&fake_cpu), FAKE_EXCP_STOP);
    assert_int_equal(fake_translations, 1);   /* only B again */
    assert_int_equal(fake_env.r[1], 6);       /* 2, 4, 6 */
    assert_int_equal(fake_env.r[0], 3);
    assert_ptr_not_equal(a->jmp_dest[0], NULL);
    assert_ptr_not_equal(a->jmp_dest[0], b);
}

/* ---- goto_ptr ---- */

static void gen_ptr(TranslationBlock *tb)
{
    TCGLabel *l = gen_new_label();

    if (tb->pc == 0x4000) {
        tcg_gen_addi_i64(R[0], R[0], 1);
        tcg_gen_movi_i64(PC, 0x5000);
    } else {
        tcg_gen_addi_i64(R[1], R[1], 1);
        tcg_gen_brcondi_i64(TCG_COND_NE, R[1], 4, l);
        gen_stop();
        gen_set_label(l);
        tcg_gen_movi_i64(PC, 0x4000);
    }
    tcg_gen_lookup_and_goto_ptr();
}

static void test_goto_ptr(void **state)
{
    unsigned long lookups;

    reset_env();
    lookups = tcg_stats_loop_lookups();
    assert_int_equal(fake_run(0x4000, gen_ptr), FAKE_EXCP_STOP);
    assert_int_equal(fake_env.r[0], 4);
    assert_int_equal(fake_env.r[1], 4);
    /* first two entries translate through the loop, then the helper's
     * lookups find both TBs */
    assert_int_equal(tcg_stats_loop_lookups() - lookups, 2);
}

/* ---- lookup_goto_ptr: the jump cache probed with a translation-time key ---- */

static uint32_t keyed_flags;     /* the flags gen_keyed claims */

/*
 * C (0x6000): r0 += 1; pc = 0x7000 (a constant)
 * D (0x7000): r1 += 1; stop when r1 == 100; maybe request exit;
 *             pc = r7 + 0x6000 (computed at run time; r7 is 0)
 * both ending in lookup_goto_ptr with keyed_flags.
 */
static void gen_keyed(TranslationBlock *tb)
{
    TCGTemp *args[1] = { tcgv_ptr_temp(tcg_ctx->env) };
    TCGLabel *l = gen_new_label();

    tcg_gen_insn_start(tb->pc, 0);
    if (tb->pc == 0x6000) {
        tcg_gen_addi_i64(R[0], R[0], 1);
        tcg_gen_movi_i64(PC, 0x7000);
    } else {
        tcg_gen_addi_i64(R[1], R[1], 1);
        tcg_gen_brcondi_i64(TCG_COND_NE, R[1], 100, l);
        gen_stop();
        gen_set_label(l);
        tcg_gen_call(&info_request_exit, NULL, args);
        tcg_gen_addi_i64(PC, R[7], 0x6000);
    }
    tcg_gen_lookup_and_goto_ptr_key(PC, keyed_flags);
}

static unsigned long helper_lookups(void)
{
    return tcg_vcpu(&fake_cpu)->stat_helper_lookups;
}

static void test_lookup_goto_ptr_hits(void **state)
{
    unsigned long lookups, helper;

    reset_env();
    keyed_flags = 0;
    lookups = tcg_stats_loop_lookups();
    helper = helper_lookups();
    assert_int_equal(fake_run(0x6000, gen_keyed), FAKE_EXCP_STOP);
    assert_int_equal(fake_env.r[0], 100);
    assert_int_equal(fake_env.r[1], 100);
    /* C through the loop; C -> D misses (D is not translated yet: the
     * helper finds nothing, the loop translates D); every later jump
     * hits the jump cache without the helper */
    assert_int_equal(tcg_stats_loop_lookups() - lookups, 2);
    assert_int_equal(helper_lookups() - helper, 1);
}

static void test_lookup_goto_ptr_wrong_key(void **state)
{
    unsigned long helper;

    /* a key that never matches (the CPU's flags are 0): every jump takes
     * the helper, which looks up with the real flags: still correct */
    reset_env();
    keyed_flags = 1;
    helper = helper_lookups();
    assert_int_equal(fake_run(0x6000, gen_keyed), FAKE_EXCP_STOP);
    assert_int_equal(fake_env.r[0], 100);
    assert_int_equal(fake_env.r[1], 100);
    assert_int_equal(helper_lookups() - helper, 199);
    keyed_flags = 0;
}

static void test_lookup_goto_ptr_invalid(void **state)
{
    TCGVcpu *v = tcg_vcpu(&fake_cpu);
    TranslationBlock *d;

    reset_env();
    assert_int_equal(fake_run(0x6000, gen_keyed), FAKE_EXCP_STOP);
    d = tb_lookup(v, 0x7000, 0, 0);
    assert_non_null(d);
    tb_invalidate_range(0x7000, 0x7004);
    /* a stale jump-cache entry (as a racing lookup could leave): the
     * probe must see the TB is invalid and not enter it */
    v->pub.jmp_cache[jmp_cache_index(0x7000)] = d;
    fake_translations = 0;
    fake_env.pc = 0x6000;
    fake_env.r[0] = fake_env.r[1] = 0;
    assert_int_equal(tcg_cpu_exec(&fake_cpu), FAKE_EXCP_STOP);
    assert_int_equal(fake_translations, 1);         /* D again */
    assert_int_equal(fake_env.r[0], 100);
    assert_int_equal(fake_env.r[1], 100);
    assert_ptr_not_equal(tb_lookup(v, 0x7000, 0, 0), d);
}

static void test_lookup_goto_ptr_exit_request(void **state)
{
    /* D requests an exit when r1 reaches 30: C's entry (a jump-cache
     * hit) must see it before running */
    reset_env();
    request_at = 30;
    assert_int_equal(fake_run(0x6000, gen_keyed), EXCP_INTERRUPT);
    assert_int_equal(fake_env.r[0], 30);
    assert_int_equal(fake_env.r[1], 30);
    assert_int_equal(fake_env.pc, 0x6000);
    atomic_store(&fake_cpu.exit_request, 0);
    request_at = 0;
    assert_int_equal(tcg_cpu_exec(&fake_cpu), FAKE_EXCP_STOP);
    assert_int_equal(fake_env.r[0], 100);
    assert_int_equal(fake_env.r[1], 100);
}

/* ---- precise exceptions ---- */

static uintptr_t fault_host_pc;

static void helper_fault(CPUArchState *env)
{
    tcg_raise_exception(tcg_current_cpu(), FAKE_EXCP_FAULT,
                        fault_host_pc ? GETPC() : 0);
}

static const TCGHelperInfo info_fault = {
    .func = (void *)helper_fault, .name = "fault",
    .typemask = TCG_HELPER_TYPE(1, TCG_HELPER_PTR),
    .nb_args = 1,
};

static void gen_fault(TranslationBlock *tb)
{
    TCGTemp *args[1] = { tcgv_ptr_temp(tcg_ctx->env) };

    tcg_gen_insn_start(0x3000, 0);
    tcg_gen_movi_i64(R[0], 1);
    tcg_gen_insn_start(0x3004, 0);
    tcg_gen_movi_i64(R[1], 1);
    tcg_gen_insn_start(0x3008, 0);
    tcg_gen_call(&info_fault, NULL, args);
    tcg_gen_movi_i64(R[2], 1);
    tcg_gen_insn_start(0x300c, 0);
    gen_stop();
}

static void test_exception_restores_pc(void **state)
{
    reset_env();
    fault_host_pc = 1;
    assert_int_equal(fake_run(0x3000, gen_fault), FAKE_EXCP_FAULT);
    assert_int_equal(fake_env.pc, 0x3008);
    assert_int_equal(fake_env.restored, 1);
    assert_int_equal(fake_env.r[0], 1);
    assert_int_equal(fake_env.r[1], 1);     /* earlier insns are complete */
    assert_int_equal(fake_env.r[2], 0);     /* later ones never ran */

    /* host_pc 0: the state is already exact, nothing restored */
    reset_env();
    fault_host_pc = 0;
    assert_int_equal(fake_run(0x3000, gen_fault), FAKE_EXCP_FAULT);
    assert_int_equal(fake_env.pc, 0x3000);
    assert_int_equal(fake_env.restored, 0);
}

static void test_flush(void **state)
{
    unsigned long f = tcg_stats.flushes;

    reset_env();
    assert_int_equal(fake_run(0x1000, gen_ab), FAKE_EXCP_STOP);
    tb_flush_all();
    assert_int_equal(tcg_stats.flushes - f, 2);
    assert_null(tb_lookup(tcg_vcpu(&fake_cpu), 0x1000, 0, 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exit_request_at_entry),
        cmocka_unit_test(test_chaining),
        cmocka_unit_test(test_exit_request_on_chained_entry),
        cmocka_unit_test(test_invalidation),
        cmocka_unit_test(test_goto_ptr),
        cmocka_unit_test(test_lookup_goto_ptr_hits),
        cmocka_unit_test(test_lookup_goto_ptr_wrong_key),
        cmocka_unit_test(test_lookup_goto_ptr_invalid),
        cmocka_unit_test(test_lookup_goto_ptr_exit_request),
        cmocka_unit_test(test_exception_restores_pc),
        cmocka_unit_test(test_flush),
    };
    int r;

    fake_setup();
    assert_int_equal(tcg_backend_select(exec_tests_backend), 0);
    r = cmocka_run_group_tests(tests, NULL, NULL);
    tb_flush_all();
    return r;
}
