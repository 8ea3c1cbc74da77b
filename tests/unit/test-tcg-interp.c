/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * TCG interpreter: every arithmetic op at both widths on edge cases, run
 * once on globals (interpreter) and once on constants (optimiser folding),
 * plus guest memory accesses, helper calls through libffi and branches.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "accel/tcg/guest-mem.h"
#include "tests/unit/test-tcg-target.h"

typedef void (*Bin64)(TCGvI64, TCGvI64, TCGvI64);
typedef void (*Bin32)(TCGvI32, TCGvI32, TCGvI32);

static Bin64 cur_bin64;
static Bin32 cur_bin32;
static bool cur_const;
static uint64_t cur_a, cur_b;

static void gen_bin64(TranslationBlock *tb)
{
    if (cur_const) {
        cur_bin64(R[2], tcg_constant_i64((int64_t)cur_a),
                  tcg_constant_i64((int64_t)cur_b));
    } else {
        cur_bin64(R[2], R[0], R[1]);
    }
    gen_stop();
}

static void gen_bin32(TranslationBlock *tb)
{
    if (cur_const) {
        cur_bin32(W[2], tcg_constant_i32((int32_t)cur_a),
                  tcg_constant_i32((int32_t)cur_b));
    } else {
        cur_bin32(W[2], W[0], W[1]);
    }
    gen_stop();
}

/* Run the op both ways; both must give want. */
static void check64(Bin64 fn, uint64_t a, uint64_t b, uint64_t want,
                    const char *what)
{
    int c;

    cur_bin64 = fn;
    cur_a = a;
    cur_b = b;
    for (c = 0; c < 2; c++) {
        cur_const = c;
        fake_env.r[0] = a;
        fake_env.r[1] = b;
        fake_env.r[2] = 0xdeadbeef;
        assert_int_equal(fake_run(0x1000, gen_bin64), FAKE_EXCP_STOP);
        if (fake_env.r[2] != want) {
            fail_msg("%s(%#lx, %#lx) %s = %#lx, want %#lx", what,
                     (unsigned long)a, (unsigned long)b,
                     c ? "folded" : "interpreted",
                     (unsigned long)fake_env.r[2], (unsigned long)want);
        }
    }
}

static void check32(Bin32 fn, uint32_t a, uint32_t b, uint32_t want,
                    const char *what)
{
    int c;

    cur_bin32 = fn;
    cur_a = a;
    cur_b = b;
    for (c = 0; c < 2; c++) {
        cur_const = c;
        fake_env.w[0] = a;
        fake_env.w[1] = b;
        fake_env.w[2] = 0xdeadbeef;
        assert_int_equal(fake_run(0x1000, gen_bin32), FAKE_EXCP_STOP);
        if (fake_env.w[2] != want) {
            fail_msg("%s(%#x, %#x) %s = %#x, want %#x", what, a, b,
                     c ? "folded" : "interpreted", fake_env.w[2], want);
        }
    }
}

#define C64(fn, a, b, want) check64(tcg_gen_##fn##_i64, a, b, want, #fn "_i64")
#define C32(fn, a, b, want) check32(tcg_gen_##fn##_i32, a, b, want, #fn "_i32")

static void test_arith_i64(void **state)
{
    C64(add, UINT64_MAX, 1, 0);
    C64(sub, 0, 1, UINT64_MAX);
    C64(mul, 0x100000001ull, 0x100000001ull, 0x200000001ull);
    C64(and, 0xff00, 0x0ff0, 0x0f00);
    C64(or, 0xff00, 0x0ff0, 0xfff0);
    C64(xor, 0xff00, 0x0ff0, 0xf0f0);
    C64(andc, 0xff00, 0x0ff0, 0xf000);
    C64(orc, 0, 0xff, ~0xffull);
    C64(eqv, 0xf0, 0xff, ~0x0full);
    C64(nand, 0xff, 0xff, ~0xffull);
    C64(nor, 0xf0, 0x0f, ~0xffull);
    C64(shl, 1, 63, 1ull << 63);
    C64(shl, 5, 64, 5);                 /* count masked to 63 */
    C64(shr, 1ull << 63, 63, 1);
    C64(sar, 1ull << 63, 63, UINT64_MAX);
    C64(sar, 0x40, 65, 0x20);
    C64(rotl, 0x8000000000000001ull, 1, 3);
    C64(rotl, 0x1234, 0, 0x1234);
    C64(rotr, 1, 1, 1ull << 63);
    C64(rotr, 0xf0, 64, 0xf0);
    C64(div, (uint64_t)-7, 2, (uint64_t)-3);
    C64(rem, (uint64_t)-7, 2, (uint64_t)-1);
    C64(divu, UINT64_MAX, 2, 0x7fffffffffffffffull);
    C64(remu, 7, 3, 1);
    C64(mulsh, UINT64_MAX, 1, UINT64_MAX);
    C64(mulsh, 0x4000000000000000ull, 4, 1);
    C64(muluh, UINT64_MAX, UINT64_MAX, UINT64_MAX - 1);
    C64(muluh, 1ull << 63, 2, 1);
    C64(clz, 1, 99, 63);
    C64(clz, 0, 99, 99);
    C64(ctz, 1ull << 63, 5, 63);
    C64(ctz, 0, 64, 64);
}

static void test_arith_i32(void **state)
{
    C32(add, 0xffffffff, 1, 0);
    C32(sub, 0, 1, 0xffffffff);
    C32(mul, 0x10001, 0x10001, 0x20001);
    C32(shl, 1, 31, 0x80000000);
    C32(shl, 3, 32, 3);
    C32(shr, 0x80000000, 31, 1);
    C32(sar, 0x80000000, 31, 0xffffffff);
    C32(rotl, 0x80000001, 1, 3);
    C32(rotr, 1, 1, 0x80000000);
    C32(rotr, 0x1234, 0, 0x1234);
    C32(div, 0x80000000, 2, 0xc0000000);
    C32(div, (uint32_t)-9, 4, (uint32_t)-2);
    C32(rem, (uint32_t)-9, 4, (uint32_t)-1);
    C32(divu, 0xffffffff, 2, 0x7fffffff);
    C32(remu, 0xffffffff, 10, 5);
    C32(mulsh, 0x80000000, 2, 0xffffffff);
    C32(muluh, 0xffffffff, 0xffffffff, 0xfffffffe);
    C32(clz, 0, 32, 32);
    C32(clz, 1, 0, 31);
    C32(ctz, 0x80000000, 0, 31);
    C32(andc, 0xffffffff, 0xf, 0xfffffff0);
    C32(nor, 0, 0, 0xffffffff);
}

/* ---- unary ops, fields, conditions ---- */

static void gen_unary(TranslationBlock *tb)
{
    tcg_gen_neg_i64(R[2], R[0]);
    tcg_gen_not_i64(R[3], R[0]);
    tcg_gen_ctpop_i64(R[4], R[0]);
    tcg_gen_bswap16_i64(R[5], R[0]);
    tcg_gen_bswap32_i64(R[6], R[0]);
    tcg_gen_bswap64_i64(R[7], R[0]);
    tcg_gen_ext8s_i32(W[0], W[1]);
    tcg_gen_ext16u_i32(W[2], W[1]);
    tcg_gen_bswap32_i32(W[3], W[1]);
    gen_stop();
}

static void test_unary(void **state)
{
    memset(&fake_env, 0, sizeof(fake_env));
    fake_env.r[0] = 0x1122334455667788ull;
    fake_env.w[1] = 0x12345680;
    assert_int_equal(fake_run(0x1000, gen_unary), FAKE_EXCP_STOP);
    assert_int_equal(fake_env.r[2], -0x1122334455667788ll);
    assert_int_equal(fake_env.r[3], ~0x1122334455667788ull);
    assert_int_equal(fake_env.r[4], 26);
    assert_int_equal(fake_env.r[5], 0x8877);
    assert_int_equal(fake_env.r[6], 0x88776655);
    assert_int_equal(fake_env.r[7], 0x8877665544332211ull);
    assert_int_equal(fake_env.w[0], 0xffffff80);
    assert_int_equal(fake_env.w[2], 0x5680);
    assert_int_equal(fake_env.w[3], 0x80563412);
}

static void gen_fields(TranslationBlock *tb)
{
    TCGvI32 t = tcg_temp_new_i32();

    tcg_gen_extract_i64(R[1], R[0], 4, 8);
    tcg_gen_sextract_i64(R[2], R[0], 60, 4);
    tcg_gen_deposit_i64(R[3], R[0], tcg_constant_i64(0), 4, 8);
    tcg_gen_extract_i64(R[4], R[0], 63, 1);
    tcg_gen_ext32s_i64(R[5], R[6]);
    tcg_gen_ext32u_i64(R[6], R[6]);
    tcg_gen_sextract_i32(W[1], W[0], 4, 4);
    tcg_gen_deposit_i32(W[2], W[0], tcg_constant_i32(0xff), 24, 8);
    tcg_gen_extrh_i64_i32(t, R[0]);
    tcg_gen_ext_i32_i64(R[7], t);
    tcg_gen_extrl_i64_i32(W[3], R[0]);
    gen_stop();
}

static void test_fields(void **state)
{
    memset(&fake_env, 0, sizeof(fake_env));
    fake_env.r[0] = 0xf00000000000abcdull;
    fake_env.r[6] = 0x80000000;
    fake_env.w[0] = 0xf0;
    assert_int_equal(fake_run(0x1000, gen_fields), FAKE_EXCP_STOP);
    assert_int_equal(fake_env.r[1], 0xbc);
    assert_int_equal(fake_env.r[2], UINT64_MAX);
    assert_int_equal(fake_env.r[3], 0xf00000000000a00dull);
    assert_int_equal(fake_env.r[4], 1);
    assert_int_equal(fake_env.r[5], 0xffffffff80000000ull);
    assert_int_equal(fake_env.r[6], 0x80000000);
    assert_int_equal(fake_env.w[1], 0xffffffff);
    assert_int_equal(fake_env.w[2], 0xff0000f0);
    assert_int_equal(fake_env.r[7], 0xfffffffff0000000ull);
    assert_int_equal(fake_env.w[3], 0xabcd);
}

static TCGCond cur_cond;

static void gen_setcond(TranslationBlock *tb)
{
    tcg_gen_setcond_i64(cur_cond, R[2], R[0], R[1]);
    tcg_gen_setcond_i32(cur_cond, W[2], W[0], W[1]);
    tcg_gen_movcond_i64(cur_cond, R[3], R[0], R[1], tcg_constant_i64(11),
                        tcg_constant_i64(22));
    gen_stop();
}

static void test_setcond_all(void **state)
{
    /* a = -1, b = 1 in both widths */
    static const struct {
        TCGCond c;
        int want;
    } t[] = {
        { TCG_COND_NEVER, 0 }, { TCG_COND_ALWAYS, 1 },
        { TCG_COND_EQ, 0 }, { TCG_COND_NE, 1 },
        { TCG_COND_LT, 1 }, { TCG_COND_GE, 0 },
        { TCG_COND_LE, 1 }, { TCG_COND_GT, 0 },
        { TCG_COND_LTU, 0 }, { TCG_COND_GEU, 1 },
        { TCG_COND_LEU, 0 }, { TCG_COND_GTU, 1 },
    };
    size_t i;

    for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        memset(&fake_env, 0, sizeof(fake_env));
        fake_env.r[0] = UINT64_MAX;
        fake_env.r[1] = 1;
        fake_env.w[0] = 0xffffffff;
        fake_env.w[1] = 1;
        cur_cond = t[i].c;
        assert_int_equal(fake_run(0x1000, gen_setcond), FAKE_EXCP_STOP);
        assert_int_equal(fake_env.r[2], t[i].want);
        assert_int_equal(fake_env.w[2], t[i].want);
        assert_int_equal(fake_env.r[3], t[i].want ? 11 : 22);
    }
}

/* sum 1..10 in a loop with a TB temp and a backward branch */
static void gen_loop(TranslationBlock *tb)
{
    TCGvI64 i = tcg_temp_tb_new_i64();
    TCGLabel *top = gen_new_label();

    tcg_gen_movi_i64(R[2], 0);
    tcg_gen_movi_i64(i, 1);
    gen_set_label(top);
    tcg_gen_add_i64(R[2], R[2], i);
    tcg_gen_addi_i64(i, i, 1);
    tcg_gen_brcond_i64(TCG_COND_LE, i, R[0], top);
    gen_stop();
}

static void test_brcond_loop(void **state)
{
    memset(&fake_env, 0, sizeof(fake_env));
    fake_env.r[0] = 10;
    assert_int_equal(fake_run(0x1000, gen_loop), FAKE_EXCP_STOP);
    assert_int_equal(fake_env.r[2], 55);
}

/* ---- guest memory ---- */

static uint8_t guest_buf[64] __attribute__((aligned(16)));

static void gen_guest_mem(TranslationBlock *tb)
{
    TCGvI64 a = tcg_constant_i64(8);

    tcg_gen_guest_ld_i64(R[1], a, 0, MO_UQ);
    tcg_gen_guest_ld_i64(R[2], a, 0, MO_SB);
    tcg_gen_guest_ld_i64(R[3], a, 0, MO_SL);
    tcg_gen_guest_ld_i64(R[4], a, 0, MO_UW | MO_BSWAP);
    tcg_gen_guest_ld_i64(R[5], a, 0, MO_SW | MO_BSWAP);
    tcg_gen_guest_ld_i32(W[0], a, 0, MO_UL | MO_BSWAP);
    tcg_gen_guest_ld_i32(W[1], tcg_constant_i64(9), 0, MO_UW);
    tcg_gen_guest_st_i64(R[0], tcg_constant_i64(16), 0, MO_UQ | MO_BSWAP);
    tcg_gen_guest_st_i64(R[0], tcg_constant_i64(24), 0, MO_UW);
    tcg_gen_guest_st_i32(W[2], tcg_constant_i64(32), 0, MO_UL);
    tcg_gen_guest_st_i32(W[2], tcg_constant_i64(37), 0, MO_UB);
    gen_stop();
}

static void test_guest_mem(void **state)
{
    static const uint8_t src[8] = { 0x81, 0x82, 0x83, 0x84,
                                    0x85, 0x86, 0x87, 0x88 };
    uint64_t v;
    uint32_t w;

    memset(&fake_env, 0, sizeof(fake_env));
    memset(guest_buf, 0, sizeof(guest_buf));
    memcpy(guest_buf + 8, src, 8);
    fake_env.r[0] = 0x0102030405060708ull;
    fake_env.w[2] = 0xa1b2c3d4;
    guest_base = (uintptr_t)guest_buf;
    assert_int_equal(fake_run(0x1000, gen_guest_mem), FAKE_EXCP_STOP);
    guest_base = 0;
    assert_int_equal(fake_env.r[1], 0x8887868584838281ull);
    assert_int_equal(fake_env.r[2], 0xffffffffffffff81ull);
    assert_int_equal(fake_env.r[3], 0xffffffff84838281ull);
    assert_int_equal(fake_env.r[4], 0x8182);
    assert_int_equal(fake_env.r[5], 0xffffffffffff8182ull);
    assert_int_equal(fake_env.w[0], 0x81828384);
    assert_int_equal(fake_env.w[1], 0x8382);
    memcpy(&v, guest_buf + 16, 8);
    assert_int_equal(v, 0x0807060504030201ull);
    assert_int_equal(guest_buf[24], 0x08);
    assert_int_equal(guest_buf[25], 0x07);
    assert_int_equal(guest_buf[26], 0);
    memcpy(&w, guest_buf + 32, 4);
    assert_int_equal(w, 0xa1b2c3d4);
    assert_int_equal(guest_buf[37], 0xd4);
    assert_int_equal(guest_buf[38], 0);
}

static void gen_misaligned(TranslationBlock *tb)
{
    tcg_gen_insn_start(0x1000, 0);
    tcg_gen_movi_i64(R[0], 1);
    tcg_gen_insn_start(0x1004, 0);
    tcg_gen_guest_ld_i64(R[1], tcg_constant_i64(3), 0, MO_UL | MO_ALIGN);
    tcg_gen_movi_i64(R[0], 2);
    gen_stop();
}

static void test_guest_align(void **state)
{
    memset(&fake_env, 0, sizeof(fake_env));
    guest_base = (uintptr_t)guest_buf;
    assert_int_equal(fake_run(0x1000, gen_misaligned), FAKE_EXCP_ALIGN);
    guest_base = 0;
    assert_int_equal(fake_env.misaligned, 3);
    assert_int_equal(fake_env.pc, 0x1004);   /* precise: the load's insn */
    assert_int_equal(fake_env.r[0], 1);      /* earlier insn done */
    assert_int_equal(fake_env.restored, 1);
}

/* ---- helper calls ---- */

static uint64_t helper_mix64(uint64_t a, uint32_t b, void *p)
{
    return a * 3 + b + *(uint64_t *)p;
}

static uint32_t helper_mix32(uint32_t a, uint64_t b)
{
    return a ^ (uint32_t)(b >> 32);
}

static const TCGHelperInfo info_mix64 = {
    .func = (void *)helper_mix64, .name = "mix64",
    .typemask = TCG_HELPER_TYPE(0, TCG_HELPER_I64) |
                TCG_HELPER_TYPE(1, TCG_HELPER_I64) |
                TCG_HELPER_TYPE(2, TCG_HELPER_I32) |
                TCG_HELPER_TYPE(3, TCG_HELPER_PTR),
    .flags = TCG_CALL_NO_READ_GLOBALS | TCG_CALL_NO_WRITE_GLOBALS,
    .nb_args = 3,
};

static const TCGHelperInfo info_mix32 = {
    .func = (void *)helper_mix32, .name = "mix32",
    .typemask = TCG_HELPER_TYPE(0, TCG_HELPER_I32) |
                TCG_HELPER_TYPE(1, TCG_HELPER_I32) |
                TCG_HELPER_TYPE(2, TCG_HELPER_I64),
    .flags = TCG_CALL_NO_SIDE_EFFECTS,
    .nb_args = 2,
};

static void gen_calls(TranslationBlock *tb)
{
    TCGvPtr p = tcg_temp_new_ptr();
    TCGTemp *a64[3], *a32[2];

    tcg_gen_addi_ptr(p, tcg_ctx->env, offsetof(CPUArchState, r[3]));
    a64[0] = tcgv_i64_temp(R[0]);
    a64[1] = tcgv_i32_temp(W[0]);
    a64[2] = tcgv_ptr_temp(p);
    tcg_gen_call(&info_mix64, tcgv_i64_temp(R[1]), a64);
    a32[0] = tcgv_i32_temp(tcg_constant_i32((int32_t)0xffff0000));
    a32[1] = tcgv_i64_temp(R[2]);
    tcg_gen_call(&info_mix32, tcgv_i32_temp(W[1]), a32);
    gen_stop();
}

static void test_helper_calls(void **state)
{
    memset(&fake_env, 0, sizeof(fake_env));
    fake_env.r[0] = 0x100000000ull;
    fake_env.w[0] = 0xffffffff;
    fake_env.r[3] = 7;
    fake_env.r[2] = 0x12345678ull << 32;
    assert_int_equal(fake_run(0x1000, gen_calls), FAKE_EXCP_STOP);
    assert_int_equal(fake_env.r[1], 0x300000000ull + 0xffffffffull + 7);
    assert_int_equal(fake_env.w[1], 0xffff0000 ^ 0x12345678);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arith_i64),
        cmocka_unit_test(test_arith_i32),
        cmocka_unit_test(test_unary),
        cmocka_unit_test(test_fields),
        cmocka_unit_test(test_setcond_all),
        cmocka_unit_test(test_brcond_loop),
        cmocka_unit_test(test_guest_mem),
        cmocka_unit_test(test_guest_align),
        cmocka_unit_test(test_helper_calls),
    };

    fake_setup();
    return cmocka_run_group_tests(tests, NULL, NULL);
}
