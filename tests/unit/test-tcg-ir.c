/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * TCG IR: the text dump, and the optimiser + liveness checked by comparing
 * dumps of hand-built IR before and after.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "tests/unit/test-tcg-target.h"

static char dump[4096];

static const char *dump_now(void)
{
    tcg_dump_ops(tcg_ctx, dump, sizeof(dump));
    return dump;
}

static const char *optimized(void)
{
    tcg_optimize(tcg_ctx);
    tcg_liveness_analysis(tcg_ctx);
    return dump_now();
}

static int setup(void **state)
{
    fake_setup();
    tcg_func_start(NULL);
    return 0;
}

static void test_dump_format(void **state)
{
    TCGvI64 t = tcg_temp_new_i64();
    TCGvI32 u = tcg_temp_new_i32();
    TCGLabel *l = gen_new_label();

    tcg_gen_addi_i64(t, R[5], 0x10);
    tcg_gen_movi_i32(u, -1);
    tcg_gen_brcondi_i64(TCG_COND_EQ, t, 0, l);
    tcg_gen_insn_start(0x1000, 2);
    gen_set_label(l);
    tcg_gen_guest_ld_i64(R[1], t, 1, MO_SL);
    gen_stop();
    tcg_gen_exit_tb(NULL, 0);
    assert_string_equal(dump_now(),
        "add_i64 tmp0,r5,$0x10\n"
        "mov_i32 tmp1,$0xffffffff\n"
        "brcond_i64 tmp0,$0x0,eq,$L0\n"
        "insn_start $0x1000,$0x2\n"
        "set_label $L0\n"
        "guest_ld_i64 r1,tmp0,$0x6,$0x1\n"
        "call stop env\n"
        "exit_tb $0x0\n");
}

static void test_constant_interning(void **state)
{
    assert_ptr_equal(tcg_constant_i64(42), tcg_constant_i64(42));
    assert_ptr_not_equal(tcg_constant_i64(42), tcg_constant_i64(43));
    assert_ptr_not_equal((void *)tcg_constant_i32(42),
                         (void *)tcg_constant_i64(42));
    assert_int_equal(tcgv_i32_temp(tcg_constant_i32(-1))->val, -1);
}

static void test_constant_folding(void **state)
{
    TCGvI64 a = tcg_temp_new_i64(), b = tcg_temp_new_i64();
    TCGvI32 c = tcg_temp_new_i32();

    tcg_gen_movi_i64(a, 5);
    tcg_gen_addi_i64(b, a, 3);
    tcg_gen_shli_i64(b, b, 60);
    tcg_gen_mov_i64(R[0], b);
    tcg_gen_movi_i32(c, 0x7fffffff);
    tcg_gen_addi_i32(W[0], c, 1);               /* wraps to INT32_MIN */
    tcg_gen_div_i64(R[1], a, tcg_constant_i64(0)); /* never folded */
    tcg_gen_setcondi_i64(TCG_COND_LTU, R[2], a, -1);
    tcg_gen_exit_tb(NULL, 0);
    assert_string_equal(optimized(),
        "mov_i64 r0,$0x8000000000000000\n"
        "mov_i32 w0,$0x80000000\n"
        "div_i64 r1,$0x5,$0x0\n"
        "mov_i64 r2,$0x1\n"
        "exit_tb $0x0\n");
}

static void test_copy_propagation(void **state)
{
    TCGvI64 t = tcg_temp_new_i64(), u = tcg_temp_new_i64();

    tcg_gen_mov_i64(t, R[1]);
    tcg_gen_mov_i64(u, t);
    tcg_gen_add_i64(R[2], u, t);
    tcg_gen_movi_i64(R[1], 0);          /* R1 changes: t keeps old value */
    tcg_gen_add_i64(R[3], t, R[1]);
    tcg_gen_exit_tb(NULL, 0);
    assert_string_equal(optimized(),
        "mov_i64 tmp0,r1\n"
        "add_i64 r2,r1,r1\n"
        "mov_i64 r1,$0x0\n"
        "mov_i64 r3,tmp0\n"
        "exit_tb $0x0\n");
}

static void test_identities(void **state)
{
    TCGvI64 t = tcg_temp_new_i64();

    tcg_gen_addi_i64(R[0], R[1], 0);
    tcg_gen_muli_i64(R[2], R[1], 0);
    tcg_gen_xor_i64(R[3], R[1], R[1]);
    tcg_gen_andi_i64(R[4], R[1], -1);
    tcg_gen_shri_i64(R[5], R[1], 0);
    tcg_gen_muli_i64(t, R[1], 1);
    tcg_gen_sub_i64(R[6], t, R[1]);
    tcg_gen_exit_tb(NULL, 0);
    assert_string_equal(optimized(),
        "mov_i64 r0,r1\n"
        "mov_i64 r2,$0x0\n"
        "mov_i64 r3,$0x0\n"
        "mov_i64 r4,r0\n"                /* r0 is a copy of r1 */
        "mov_i64 r5,r0\n"
        "mov_i64 r6,$0x0\n"
        "exit_tb $0x0\n");
}

static void test_dead_code(void **state)
{
    TCGvI64 t = tcg_temp_new_i64();

    tcg_gen_mul_i64(t, R[1], R[2]);       /* result never used */
    tcg_gen_movi_i64(R[0], 1);            /* overwritten before use */
    tcg_gen_movi_i64(R[0], 2);
    tcg_gen_exit_tb(NULL, 0);
    assert_string_equal(optimized(),
        "mov_i64 r0,$0x2\n"
        "exit_tb $0x0\n");
}

static void test_global_write_kept_before_fault(void **state)
{
    /* r0's first value must reach env: the guest load may fault */
    tcg_gen_movi_i64(R[0], 1);
    tcg_gen_guest_ld_i64(R[1], R[2], 0, MO_UQ);
    tcg_gen_movi_i64(R[0], 2);
    tcg_gen_exit_tb(NULL, 0);
    assert_string_equal(optimized(),
        "mov_i64 r0,$0x1\n"
        "guest_ld_i64 r1,r2,$0x3,$0x0\n"
        "mov_i64 r0,$0x2\n"
        "exit_tb $0x0\n");
}

static void test_brcond_constant(void **state)
{
    TCGLabel *l1 = gen_new_label(), *l2 = gen_new_label();
    TCGvI64 t = tcg_temp_new_i64();

    tcg_gen_movi_i64(t, 3);
    tcg_gen_brcondi_i64(TCG_COND_GT, t, 5, l1);   /* never taken: goes */
    tcg_gen_movi_i64(R[0], 1);
    tcg_gen_brcondi_i64(TCG_COND_LT, t, 5, l2);   /* always: br */
    tcg_gen_movi_i64(R[0], 2);                    /* unreachable */
    gen_set_label(l1);
    tcg_gen_movi_i64(R[1], 1);
    gen_set_label(l2);
    tcg_gen_exit_tb(NULL, 0);
    assert_string_equal(optimized(),
        "mov_i64 r0,$0x1\n"
        "br $L1\n"
        "set_label $L0\n"
        "mov_i64 r1,$0x1\n"
        "set_label $L1\n"
        "exit_tb $0x0\n");
}

static void test_call_clobbers_globals(void **state)
{
    tcg_gen_movi_i64(R[0], 5);
    tcg_gen_addi_i64(R[1], R[0], 1);   /* folded: r0 known */
    gen_stop();                        /* NO_WRITE_GLOBALS: r0 still 5 */
    tcg_gen_addi_i64(R[2], R[0], 1);
    tcg_gen_st_i64(R[3], tcg_ctx->env, offsetof(CPUArchState, r[0]));
    tcg_gen_addi_i64(R[4], R[0], 1);   /* st may have changed r0 */
    tcg_gen_exit_tb(NULL, 0);
    assert_string_equal(optimized(),
        "mov_i64 r0,$0x5\n"
        "mov_i64 r1,$0x6\n"
        "call stop env\n"
        "mov_i64 r2,$0x6\n"
        "st_i64 r3,env,$0x0\n"
        "add_i64 r4,r0,$0x1\n"
        "exit_tb $0x0\n");
}

static void test_ebb_temps_reset_at_label(void **state)
{
    TCGLabel *l = gen_new_label();
    TCGvI64 t = tcg_temp_tb_new_i64();

    tcg_gen_movi_i64(t, 7);
    tcg_gen_brcondi_i64(TCG_COND_EQ, R[0], 0, l);
    tcg_gen_movi_i64(t, 9);
    gen_set_label(l);
    tcg_gen_mov_i64(R[1], t);          /* not a known constant here */
    tcg_gen_exit_tb(NULL, 0);
    assert_string_equal(optimized(),
        "mov_i64 tmp0,$0x7\n"
        "brcond_i64 r0,$0x0,eq,$L0\n"
        "mov_i64 tmp0,$0x9\n"
        "set_label $L0\n"
        "mov_i64 r1,tmp0\n"
        "exit_tb $0x0\n");
    /* tmp0 dies at its last use */
    assert_true(tcg_ctx->ops[4].life & (1u << 1));
}

static void test_rotate_from_shifts_in_place(void **state)
{
    /* riscv64 "srli a2,a5,31; slli a5,a5,33; or a5,a5,a2": the shl
     * becomes the rotate, the or goes, the dead shr goes */
    tcg_gen_shri_i64(R[2], R[5], 31);
    tcg_gen_shli_i64(R[5], R[5], 33);
    tcg_gen_or_i64(R[5], R[5], R[2]);
    tcg_gen_movi_i64(R[2], 0);
    tcg_gen_exit_tb(NULL, 0);
    assert_string_equal(optimized(),
        "rotr_i64 r5,r5,$0x1f\n"
        "mov_i64 r2,$0x0\n"
        "exit_tb $0x0\n");
}

static void test_rotate_from_shifts_source_intact(void **state)
{
    /* x unchanged at the or: the or becomes the rotate; either order */
    tcg_gen_shli_i32(W[1], W[0], 8);
    tcg_gen_shri_i32(W[2], W[0], 24);
    tcg_gen_or_i32(W[3], W[2], W[1]);
    tcg_gen_exit_tb(NULL, 0);
    assert_string_equal(optimized(),
        "shl_i32 w1,w0,$0x8\n"
        "shr_i32 w2,w0,$0x18\n"
        "rotr_i32 w3,w0,$0x18\n"
        "exit_tb $0x0\n");
}

static void test_rotate_not_formed(void **state)
{
    /* counts that do not add up to the width */
    tcg_gen_shri_i64(R[1], R[0], 3);
    tcg_gen_shli_i64(R[2], R[0], 60);
    tcg_gen_or_i64(R[3], R[1], R[2]);
    /* the shifted value is read before the or */
    tcg_gen_shri_i64(R[2], R[5], 31);
    tcg_gen_shli_i64(R[5], R[5], 33);
    tcg_gen_add_i64(R[6], R[5], R[4]);
    tcg_gen_or_i64(R[5], R[5], R[2]);
    /* a guest load (may fault: r5 must hold the shifted value) */
    tcg_gen_shri_i64(R[2], R[7], 31);
    tcg_gen_shli_i64(R[7], R[7], 33);
    tcg_gen_guest_ld_i64(R[1], R[4], 0, MO_UQ);
    tcg_gen_or_i64(R[7], R[7], R[2]);
    /* different sources */
    tcg_gen_shri_i64(R[2], R[0], 31);
    tcg_gen_shli_i64(R[3], R[1], 33);
    tcg_gen_or_i64(R[4], R[3], R[2]);
    tcg_gen_exit_tb(NULL, 0);
    assert_string_equal(optimized(),
        "shr_i64 r1,r0,$0x3\n"
        "shl_i64 r2,r0,$0x3c\n"
        "or_i64 r3,r1,r2\n"
        "shr_i64 r2,r5,$0x1f\n"
        "shl_i64 r5,r5,$0x21\n"
        "add_i64 r6,r5,r4\n"
        "or_i64 r5,r5,r2\n"
        "shr_i64 r2,r7,$0x1f\n"
        "shl_i64 r7,r7,$0x21\n"
        "guest_ld_i64 r1,r4,$0x3,$0x0\n"
        "or_i64 r7,r7,r2\n"
        "shr_i64 r2,r0,$0x1f\n"
        "shl_i64 r3,r1,$0x21\n"
        "or_i64 r4,r3,r2\n"
        "exit_tb $0x0\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_dump_format, setup),
        cmocka_unit_test_setup(test_constant_interning, setup),
        cmocka_unit_test_setup(test_constant_folding, setup),
        cmocka_unit_test_setup(test_copy_propagation, setup),
        cmocka_unit_test_setup(test_identities, setup),
        cmocka_unit_test_setup(test_dead_code, setup),
        cmocka_unit_test_setup(test_global_write_kept_before_fault, setup),
        cmocka_unit_test_setup(test_brcond_constant, setup),
        cmocka_unit_test_setup(test_call_clobbers_globals, setup),
        cmocka_unit_test_setup(test_ebb_temps_reset_at_label, setup),
        cmocka_unit_test_setup(test_rotate_from_shifts_in_place, setup),
        cmocka_unit_test_setup(test_rotate_from_shifts_source_intact, setup),
        cmocka_unit_test_setup(test_rotate_not_formed, setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
