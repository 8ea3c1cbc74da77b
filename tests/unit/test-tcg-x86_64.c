/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The x86-64 back end: the interpreter's op tests run on both back ends
 * (the interpreter's own binary now gets the default, native code), the
 * exec-loop tests (chaining, unchaining, exit_request on plain and chained
 * entries, goto_ptr, precise exceptions from a helper's GETPC) run again
 * on native code; then every value op is cross-checked between the two back ends on
 * the same IR over edge-case and random inputs, and a run through a tiny
 * code buffer must flush and carry on.
 */
#include <stdio.h>

int tcg_interp_tests_main(void);
int tcg_exec_tests_main(void);

#include "accel/tcg/backend/x86_64/x86-backend.h"

#define main tcg_interp_tests_main
#include "tests/unit/test-tcg-interp.c"
#undef main
#define main tcg_exec_tests_main
#include "tests/unit/test-tcg-exec.c"
#undef main

typedef void (*GenBin64)(TCGvI64, TCGvI64, TCGvI64);
typedef void (*GenBin32)(TCGvI32, TCGvI32, TCGvI32);

static void gen_divs_i64(TCGvI64 d, TCGvI64 a, TCGvI64 b)
{
    tcg_gen_div_i64(d, a, b);
}

static const struct {
    const char *name;
    GenBin64 g64;
    GenBin32 g32;
} xbin[] = {
    { "add", tcg_gen_add_i64, tcg_gen_add_i32 },
    { "sub", tcg_gen_sub_i64, tcg_gen_sub_i32 },
    { "mul", tcg_gen_mul_i64, tcg_gen_mul_i32 },
    { "and", tcg_gen_and_i64, tcg_gen_and_i32 },
    { "or", tcg_gen_or_i64, tcg_gen_or_i32 },
    { "xor", tcg_gen_xor_i64, tcg_gen_xor_i32 },
    { "andc", tcg_gen_andc_i64, tcg_gen_andc_i32 },
    { "orc", tcg_gen_orc_i64, tcg_gen_orc_i32 },
    { "eqv", tcg_gen_eqv_i64, tcg_gen_eqv_i32 },
    { "nand", tcg_gen_nand_i64, tcg_gen_nand_i32 },
    { "nor", tcg_gen_nor_i64, tcg_gen_nor_i32 },
    { "shl", tcg_gen_shl_i64, tcg_gen_shl_i32 },
    { "shr", tcg_gen_shr_i64, tcg_gen_shr_i32 },
    { "sar", tcg_gen_sar_i64, tcg_gen_sar_i32 },
    { "rotl", tcg_gen_rotl_i64, tcg_gen_rotl_i32 },
    { "rotr", tcg_gen_rotr_i64, tcg_gen_rotr_i32 },
    { "div", gen_divs_i64, tcg_gen_div_i32 },
    { "divu", tcg_gen_divu_i64, tcg_gen_divu_i32 },
    { "rem", tcg_gen_rem_i64, tcg_gen_rem_i32 },
    { "remu", tcg_gen_remu_i64, tcg_gen_remu_i32 },
    { "mulsh", tcg_gen_mulsh_i64, tcg_gen_mulsh_i32 },
    { "muluh", tcg_gen_muluh_i64, tcg_gen_muluh_i32 },
    { "clz", tcg_gen_clz_i64, tcg_gen_clz_i32 },
    { "ctz", tcg_gen_ctz_i64, tcg_gen_ctz_i32 },
};

static unsigned xcur;

/* r2 = op(r0, r1); w2 = op(w0, w1); then a few unary/field ops of r0. */
static void gen_cross(TranslationBlock *tb)
{
    tcg_gen_insn_start(tb->pc, 0);
    xbin[xcur].g64(R[2], R[0], R[1]);
    xbin[xcur].g32(W[2], W[0], W[1]);
    tcg_gen_neg_i64(R[3], R[0]);
    tcg_gen_ctpop_i64(R[4], R[0]);
    tcg_gen_bswap32_i64(R[5], R[0]);
    tcg_gen_sextract_i64(R[6], R[0], 3, 17);
    tcg_gen_deposit_i64(R[7], R[0], R[1], 5, 40);
    tcg_gen_setcond_i32(TCG_COND_LTU, W[3], W[0], W[1]);
    gen_stop();
}

static uint64_t xrand_state = 0x9e3779b97f4a7c15ull;

static uint64_t xrand(void)
{
    xrand_state ^= xrand_state << 13;
    xrand_state ^= xrand_state >> 7;
    xrand_state ^= xrand_state << 17;
    return xrand_state;
}

static void run_on(TCGBackendKind k, uint64_t a, uint64_t b,
                   CPUArchState *out)
{
    assert_int_equal(tcg_backend_select(k), 0);
    memset(&fake_env, 0, sizeof(fake_env));
    fake_env.r[0] = a;
    fake_env.r[1] = b;
    fake_env.w[0] = (uint32_t)a;
    fake_env.w[1] = (uint32_t)b;
    assert_int_equal(fake_run(0x1000, gen_cross), FAKE_EXCP_STOP);
    *out = fake_env;
}

static void test_cross_check(void **state)
{
    static const uint64_t edge[] = {
        0, 1, 2, 31, 32, 63, 64, 0x7fffffff, 0x80000000, 0xffffffff,
        0x7fffffffffffffffull, 0x8000000000000000ull, ~0ull, ~1ull,
        0x123456789abcdef0ull,
    };
    unsigned ne = sizeof(edge) / sizeof(edge[0]), i, n;

    for (xcur = 0; xcur < sizeof(xbin) / sizeof(xbin[0]); xcur++) {
        for (n = 0; n < ne * ne + 64; n++) {
            uint64_t a = n < ne * ne ? edge[n / ne] : xrand();
            uint64_t b = n < ne * ne ? edge[n % ne] : xrand();
            CPUArchState ri, rx;

            run_on(TCG_BACKEND_INTERP, a, b, &ri);
            run_on(TCG_BACKEND_X86_64, a, b, &rx);
            for (i = 0; i < 8; i++) {
                if (ri.r[i] != rx.r[i]) {
                    fail_msg("%s r%u (%#lx, %#lx): interp %#lx x86 %#lx",
                             xbin[xcur].name, i, (unsigned long)a,
                             (unsigned long)b, (unsigned long)ri.r[i],
                             (unsigned long)rx.r[i]);
                }
            }
            for (i = 0; i < 4; i++) {
                if (ri.w[i] != rx.w[i]) {
                    fail_msg("%s w%u (%#lx, %#lx): interp %#x x86 %#x",
                             xbin[xcur].name, i, (unsigned long)a,
                             (unsigned long)b, ri.w[i], rx.w[i]);
                }
            }
        }
    }
    assert_int_equal(tcg_backend_select(TCG_BACKEND_X86_64), 0);
}

/* Rotates spelled as shift, shift, or (the optimiser folds them into
 * rotr): r0 in place (the later shift overwrites its source), r6 and w2
 * from an intact source; every other result as written. */
static unsigned rot_count;

static void gen_rotates(TranslationBlock *tb)
{
    unsigned c = rot_count, c32 = rot_count & 31 ? rot_count & 31 : 5;

    tcg_gen_insn_start(tb->pc, 0);
    tcg_gen_shri_i64(R[2], R[0], c);
    tcg_gen_shli_i64(R[0], R[0], 64 - c);
    tcg_gen_or_i64(R[0], R[0], R[2]);
    tcg_gen_shli_i64(R[3], R[1], 64 - c);
    tcg_gen_shri_i64(R[4], R[1], c);
    tcg_gen_or_i64(R[6], R[4], R[3]);
    tcg_gen_shri_i32(W[3], W[0], c32);
    tcg_gen_shli_i32(W[2], W[0], 32 - c32);
    tcg_gen_or_i32(W[2], W[3], W[2]);
    gen_stop();
}

static void test_rotate_idioms(void **state)
{
    static const unsigned counts[] = { 1, 7, 31, 32, 33, 63 };
    static const TCGBackendKind kinds[] = { TCG_BACKEND_INTERP,
                                            TCG_BACKEND_X86_64 };
    unsigned i, k, n;

    for (i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
        unsigned c = counts[i], c32 = c & 31 ? c & 31 : 5;

        for (k = 0; k < 2; k++) {
            for (n = 0; n < 8; n++) {
                uint64_t a = xrand(), b = xrand();
                uint32_t wa = (uint32_t)a;

                assert_int_equal(tcg_backend_select(kinds[k]), 0);
                tb_flush_all();
                rot_count = c;
                memset(&fake_env, 0, sizeof(fake_env));
                fake_env.r[0] = a;
                fake_env.r[1] = b;
                fake_env.w[0] = wa;
                assert_int_equal(fake_run(0x1000, gen_rotates),
                                 FAKE_EXCP_STOP);
                assert_int_equal(fake_env.r[0], a >> c | a << (64 - c));
                assert_int_equal(fake_env.r[2], a >> c);
                assert_int_equal(fake_env.r[3], b << (64 - c));
                assert_int_equal(fake_env.r[4], b >> c);
                assert_int_equal(fake_env.r[6], b >> c | b << (64 - c));
                assert_int_equal(fake_env.w[3], wa >> c32);
                assert_int_equal(fake_env.w[2],
                                 (uint32_t)(wa >> c32 | wa << (32 - c32)));
            }
        }
    }
    tb_flush_all();
    assert_int_equal(tcg_backend_select(TCG_BACKEND_X86_64), 0);
}

/* TB at pc p: r0 += p; pc = p + 4 (goto_tb chain) until 0x1000 + 4 * N. */
#define MANY_TBS 3000

static void gen_many(TranslationBlock *tb)
{
    tcg_gen_insn_start(tb->pc, 0);
    if (tb->pc == 0x1000 + 4 * MANY_TBS) {
        gen_stop();
        return;
    }
    tcg_gen_addi_i64(R[0], R[0], (int64_t)tb->pc);
    tcg_gen_goto_tb(0);
    tcg_gen_movi_i64(PC, (int64_t)tb->pc + 4);
    tcg_gen_exit_tb(tb, 0);
}

static void test_code_buffer_full(void **state)
{
    unsigned long f;
    uint64_t want = 0, pc;

    for (pc = 0x1000; pc < 0x1000 + 4 * MANY_TBS; pc += 4) {
        want += pc;
    }
    tb_flush_all();
    tcg_code_buffer_destroy();
    assert_int_equal(tcg_code_buffer_init(64 * 1024), 0);
    memset(&fake_env, 0, sizeof(fake_env));
    f = tcg_stats.flushes;
    assert_int_equal(fake_run(0x1000, gen_many), FAKE_EXCP_STOP);
    assert_int_equal(fake_env.r[0], want);
    /* fake_run flushes once; the 64 KiB buffer had to flush more */
    assert_true(tcg_stats.flushes - f >= 3);
    assert_true(tcg_code_buffer.used <= tcg_code_buffer.size);
    tb_flush_all();
    tcg_code_buffer_destroy();
}

/* The restore table maps a host pc inside a TB to its guest insn. */
static void test_restore_lookup(void **state)
{
    uint64_t data[2];

    assert_false(tcg_x86_restore_lookup((uintptr_t)test_restore_lookup,
                                        data));
    assert_false(tcg_x86_restore_lookup(1, data));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cross_check),
        cmocka_unit_test(test_rotate_idioms),
        cmocka_unit_test(test_code_buffer_full),
        cmocka_unit_test(test_restore_lookup),
    };
    int r;

    if (!tcg_x86_available()) {
        printf("x86-64 back end unavailable on this host: skipped\n");
        return 0;
    }
    fake_setup();
    /* the op tests on both back ends (x86-64 is the default) */
    assert_int_equal(tcg_backend_select(TCG_BACKEND_INTERP), 0);
    r = tcg_interp_tests_main();
    assert_int_equal(tcg_backend_select(TCG_BACKEND_X86_64), 0);
    r |= tcg_interp_tests_main();
    exec_tests_backend = TCG_BACKEND_X86_64;
    /* the exec tests count chained entries: TBs must count them */
    tcg_x86_count_chained_entries = true;
    r |= tcg_exec_tests_main();
    tcg_x86_count_chained_entries = false;
    r |= cmocka_run_group_tests(tests, NULL, NULL);
    tb_flush_all();
    return r;
}
