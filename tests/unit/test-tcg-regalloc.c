/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The x86-64 back end's register allocator and patched chaining, checked
 * against the interpreter (and against values computed in C): more live
 * values than host registers, values live across helper calls, variable
 * shift counts (cl), division (rax:rdx), TB temps across branches, guest
 * registers written back before a faulting guest load, jumps patched on
 * tb_link and reset on invalidation, and exit_request breaking a loop of
 * chained blocks; and random programs (globals, EBB and TB temps, forward
 * branches, calls, guest and env memory) on both back ends.
 */
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "accel/tcg/backend/x86_64/x86-backend.h"
#include "accel/tcg/guest-mem.h"
#include "tests/unit/test-tcg-target.h"

static uint64_t xs = 0x243f6a8885a308d3ull;

static uint64_t rnd(void)
{
    xs ^= xs << 13;
    xs ^= xs >> 7;
    xs ^= xs << 17;
    return xs;
}

static const uint64_t edge[] = {
    0, 1, 2, 3, 31, 32, 33, 63, 64, 65, 0x7fffffff, 0x80000000, 0xffffffff,
    0x7fffffffffffffffull, 0x8000000000000000ull, ~0ull, ~1ull,
};
#define NB_EDGE (sizeof(edge) / sizeof(edge[0]))

/* Inputs for run i: edge values first, then random ones. */
static void set_inputs(unsigned i)
{
    unsigned k;

    memset(&fake_env, 0, sizeof(fake_env));
    for (k = 0; k < 8; k++) {
        fake_env.r[k] = i < NB_EDGE * 2 ? edge[(i + k * 5) % NB_EDGE] ^
                                          (k == 7 ? 0 : (i / NB_EDGE))
                                        : rnd();
    }
    for (k = 0; k < 4; k++) {
        fake_env.w[k] = (uint32_t)(fake_env.r[k] >> 7) ^ (uint32_t)rnd();
    }
}

/* Run gen from the current fake_env under both back ends; they must
 * agree on the whole CPU state. Returns the exception. */
static int run_both(void (*gen)(TranslationBlock *tb), CPUArchState *out)
{
    CPUArchState in = fake_env, ri, rx;
    int ei, ex;

    assert_int_equal(tcg_backend_select(TCG_BACKEND_INTERP), 0);
    fake_env = in;
    ei = fake_run(0x1000, gen);
    ri = fake_env;
    assert_int_equal(tcg_backend_select(TCG_BACKEND_X86_64), 0);
    fake_env = in;
    ex = fake_run(0x1000, gen);
    rx = fake_env;
    assert_int_equal(ei, ex);
    if (memcmp(&ri, &rx, sizeof(ri))) {
        unsigned k;

        for (k = 0; k < 8; k++) {
            if (ri.r[k] != rx.r[k]) {
                fail_msg("r%u: interp %#lx x86 %#lx (in r0 %#lx r1 %#lx)", k,
                         (unsigned long)ri.r[k], (unsigned long)rx.r[k],
                         (unsigned long)in.r[0], (unsigned long)in.r[1]);
            }
        }
        for (k = 0; k < 4; k++) {
            if (ri.w[k] != rx.w[k]) {
                fail_msg("w%u: interp %#x x86 %#x", k, ri.w[k], rx.w[k]);
            }
        }
        fail_msg("state differs (pc %#lx / %#lx)", (unsigned long)ri.pc,
                 (unsigned long)rx.pc);
    }
    if (out) {
        *out = rx;
    }
    return ex;
}

/* ---- more live values than registers ---- */

#define NB_LIVE 28

static void gen_spills(TranslationBlock *tb)
{
    TCGvI64 t[NB_LIVE];
    TCGvI32 u[6];
    int i;

    tcg_gen_insn_start(tb->pc, 0);
    for (i = 0; i < NB_LIVE; i++) {
        t[i] = tcg_temp_new_i64();
        tcg_gen_muli_i64(t[i], R[i % 8], 2 * i + 1);
        tcg_gen_xor_i64(t[i], t[i], R[(i + 3) % 8]);
        tcg_gen_rotli_i64(t[i], t[i], i);
    }
    for (i = 0; i < 6; i++) {
        u[i] = tcg_temp_new_i32();
        tcg_gen_addi_i32(u[i], W[i % 4], i * 0x1111);
    }
    /* every t[i] is still live here: use them in reverse order */
    for (i = NB_LIVE - 1; i >= 0; i--) {
        tcg_gen_add_i64(R[i % 8], R[i % 8], t[i]);
    }
    for (i = 0; i < 6; i++) {
        tcg_gen_xor_i32(W[(i + 1) % 4], W[(i + 1) % 4], u[i]);
    }
    gen_stop();
}

static uint64_t rol64(uint64_t v, unsigned n)
{
    n &= 63;
    return n ? v << n | v >> (64 - n) : v;
}

static void test_spills(void **state)
{
    unsigned n, i;

    for (n = 0; n < 60; n++) {
        CPUArchState in, out, want;
        uint64_t t[NB_LIVE];
        uint32_t u[6];

        set_inputs(n);
        in = want = fake_env;
        for (i = 0; i < NB_LIVE; i++) {
            t[i] = rol64(in.r[i % 8] * (2 * i + 1) ^ in.r[(i + 3) % 8], i);
        }
        for (i = 0; i < 6; i++) {
            u[i] = in.w[i % 4] + i * 0x1111;
        }
        for (i = NB_LIVE; i-- > 0;) {
            want.r[i % 8] += t[i];
        }
        for (i = 0; i < 6; i++) {
            want.w[(i + 1) % 4] ^= u[i];
        }
        assert_int_equal(run_both(gen_spills, &out), FAKE_EXCP_STOP);
        for (i = 0; i < 8; i++) {
            assert_int_equal(out.r[i], want.r[i]);
        }
        for (i = 0; i < 4; i++) {
            assert_int_equal(out.w[i], want.w[i]);
        }
    }
}

/* ---- values live across helper calls ---- */

static uint64_t helper_mix(CPUArchState *env, uint64_t a, uint64_t b)
{
    /* reads a global (must see the TB's write) and writes one */
    env->r[7] = env->r[0] + 1;
    return a * 3 + b;
}

static const TCGHelperInfo info_mix = {
    .func = (void *)helper_mix, .name = "mix",
    .typemask = TCG_HELPER_TYPE(0, TCG_HELPER_I64) |
                TCG_HELPER_TYPE(1, TCG_HELPER_PTR) |
                TCG_HELPER_TYPE(2, TCG_HELPER_I64) |
                TCG_HELPER_TYPE(3, TCG_HELPER_I64),
    .nb_args = 3,
};

static uint64_t helper_pure5(uint64_t a, uint64_t b, uint64_t c, uint64_t d,
                             uint64_t e)
{
    return a - 2 * b + 3 * c - 5 * d + 7 * e;
}

static const TCGHelperInfo info_pure5 = {
    .func = (void *)helper_pure5, .name = "pure5",
    .typemask = TCG_HELPER_TYPE(0, TCG_HELPER_I64) |
                TCG_HELPER_TYPE(1, TCG_HELPER_I64) |
                TCG_HELPER_TYPE(2, TCG_HELPER_I64) |
                TCG_HELPER_TYPE(3, TCG_HELPER_I64) |
                TCG_HELPER_TYPE(4, TCG_HELPER_I64) |
                TCG_HELPER_TYPE(5, TCG_HELPER_I64),
    .flags = TCG_CALL_NO_READ_GLOBALS | TCG_CALL_NO_WRITE_GLOBALS,
    .nb_args = 5,
};

static void gen_calls(TranslationBlock *tb)
{
    TCGvI64 t[10], ret = tcg_temp_new_i64(), ret2 = tcg_temp_new_i64();
    TCGTemp *a3[3], *a5[5];
    int i;

    tcg_gen_insn_start(tb->pc, 0);
    for (i = 0; i < 10; i++) {
        t[i] = tcg_temp_new_i64();
        tcg_gen_addi_i64(t[i], R[i % 8], 0x100 * (i + 1));
    }
    tcg_gen_addi_i64(R[0], R[0], 0x55);        /* dirty: helper reads it */
    tcg_gen_addi_i64(R[7], R[7], 9);           /* dirty: helper overwrites */
    a3[0] = tcgv_ptr_temp(tcg_ctx->env);
    a3[1] = tcgv_i64_temp(t[2]);
    a3[2] = tcgv_i64_temp(t[1]);
    tcg_gen_call(&info_mix, tcgv_i64_temp(ret), a3);
    /* the same temp twice, and temps whose homes may be argument regs */
    a5[0] = tcgv_i64_temp(t[4]);
    a5[1] = tcgv_i64_temp(t[3]);
    a5[2] = tcgv_i64_temp(t[4]);
    a5[3] = tcgv_i64_temp(ret);
    a5[4] = tcgv_i64_temp(t[0]);
    tcg_gen_call(&info_pure5, tcgv_i64_temp(ret2), a5);
    tcg_gen_add_i64(R[1], ret, R[7]);
    tcg_gen_mov_i64(R[2], ret2);
    for (i = 0; i < 10; i++) {
        tcg_gen_xor_i64(R[3 + i % 4], R[3 + i % 4], t[i]);
    }
    gen_stop();
}

static void test_live_across_calls(void **state)
{
    unsigned n, i;

    for (n = 0; n < 40; n++) {
        CPUArchState in, out;
        uint64_t t[10], r0, r7, ret, ret2;

        set_inputs(n);
        in = fake_env;
        for (i = 0; i < 10; i++) {
            t[i] = in.r[i % 8] + 0x100 * (i + 1);
        }
        r0 = in.r[0] + 0x55;
        r7 = r0 + 1;
        ret = t[2] * 3 + t[1];
        ret2 = helper_pure5(t[4], t[3], t[4], ret, t[0]);
        assert_int_equal(run_both(gen_calls, &out), FAKE_EXCP_STOP);
        assert_int_equal(out.r[0], r0);
        assert_int_equal(out.r[7], r7);
        assert_int_equal(out.r[1], ret + r7);
        assert_int_equal(out.r[2], ret2);
        {
            uint64_t w[4] = { in.r[3], in.r[4], in.r[5], in.r[6] };

            for (i = 0; i < 10; i++) {
                w[i % 4] ^= t[i];
            }
            for (i = 0; i < 4; i++) {
                assert_int_equal(out.r[3 + i], w[i]);
            }
        }
    }
}

/* ---- variable shift counts and division under register pressure ---- */

static unsigned cur_variant;

static void gen_shift_div(TranslationBlock *tb)
{
    TCGvI64 busy[9], c = tcg_temp_new_i64(), x = tcg_temp_new_i64();
    TCGvI32 c32 = tcg_temp_new_i32();
    int i;

    tcg_gen_insn_start(tb->pc, 0);
    /* fill registers (rcx, rax, rdx included) with live values */
    for (i = 0; i < 9; i++) {
        busy[i] = tcg_temp_new_i64();
        tcg_gen_xori_i64(busy[i], R[i % 8], i * 0x10001);
    }
    tcg_gen_mov_i64(c, R[1]);
    tcg_gen_mov_i64(x, R[0]);
    switch (cur_variant) {
    case 0:
        tcg_gen_shl_i64(R[2], x, c);
        tcg_gen_shr_i64(R[3], c, x);          /* count is the other one */
        tcg_gen_sar_i64(R[4], x, x);          /* value and count the same */
        tcg_gen_rotl_i64(R[5], R[1], R[0]);
        tcg_gen_rotr_i64(R[6], x, R[6]);
        tcg_gen_shl_i32(W[2], W[0], W[1]);
        tcg_gen_sar_i32(W[3], W[1], W[1]);
        break;
    case 1:
        tcg_gen_div_i64(R[2], x, c);
        tcg_gen_divu_i64(R[3], c, x);
        tcg_gen_rem_i64(R[4], x, x);
        tcg_gen_remu_i64(R[5], R[1], R[0]);
        tcg_gen_mulsh_i64(R[6], x, c);
        tcg_gen_muluh_i64(R[7], c, c);
        tcg_gen_div_i32(W[2], W[0], W[1]);
        tcg_gen_remu_i32(W[3], W[1], W[0]);
        break;
    default:
        /* shift count from an i32 computation, divisor in a global */
        tcg_gen_extrl_i64_i32(c32, c);
        tcg_gen_shr_i32(W[2], W[0], c32);
        tcg_gen_rem_i64(R[2], R[3], R[1]);
        tcg_gen_divu_i64(R[3], x, R[2]);
        tcg_gen_shl_i64(R[4], R[4], R[3]);
        break;
    }
    /* x, c and the busy values are still live */
    tcg_gen_add_i64(R[0], x, c);
    for (i = 0; i < 9; i++) {
        tcg_gen_xor_i64(R[1], R[1], busy[i]);
    }
    gen_stop();
}

static void test_shifts_and_division(void **state)
{
    unsigned n;

    for (cur_variant = 0; cur_variant < 3; cur_variant++) {
        for (n = 0; n < NB_EDGE * 2 + 60; n++) {
            CPUArchState in, out;

            set_inputs(n);
            in = fake_env;
            assert_int_equal(run_both(gen_shift_div, &out), FAKE_EXCP_STOP);
            assert_int_equal(out.r[0], in.r[0] + in.r[1]);
            if (cur_variant == 0) {
                assert_int_equal(out.r[2], in.r[0] << (in.r[1] & 63));
                assert_int_equal(out.r[4],
                                 (uint64_t)((int64_t)in.r[0] >> (in.r[0] & 63)));
            }
            if (cur_variant == 1 && in.r[0] != 0) {
                assert_int_equal(out.r[3], in.r[1] / in.r[0]);
            }
        }
    }
}

/* ---- TB temps across branches ---- */

static void gen_loop(TranslationBlock *tb)
{
    TCGvI64 acc = tcg_temp_tb_new_i64(), i = tcg_temp_tb_new_i64();
    TCGvI64 e = tcg_temp_new_i64();
    TCGLabel *top = gen_new_label(), *skip = gen_new_label();

    tcg_gen_insn_start(tb->pc, 0);
    tcg_gen_movi_i64(acc, 7);
    tcg_gen_andi_i64(i, R[0], 255);
    tcg_gen_addi_i64(i, i, 1);
    gen_set_label(top);
    tcg_gen_muli_i64(e, i, 3);
    /* e survives the fall-through of this brcond */
    tcg_gen_brcondi_i64(TCG_COND_EQ, i, 5, skip);
    tcg_gen_add_i64(acc, acc, e);
    tcg_gen_add_i64(R[1], R[1], e);           /* a global in the loop */
    gen_set_label(skip);
    tcg_gen_subi_i64(i, i, 1);
    tcg_gen_brcondi_i64(TCG_COND_NE, i, 0, top);
    tcg_gen_mov_i64(R[2], acc);
    gen_stop();
}

static void test_tb_temps_and_branches(void **state)
{
    unsigned n;

    for (n = 0; n < 40; n++) {
        CPUArchState in, out;
        uint64_t acc = 7, r1, k;

        set_inputs(n);
        in = fake_env;
        r1 = in.r[1];
        for (k = (in.r[0] & 255) + 1; k != 0; k--) {
            if (k != 5) {
                acc += 3 * k;
                r1 += 3 * k;
            }
        }
        assert_int_equal(run_both(gen_loop, &out), FAKE_EXCP_STOP);
        assert_int_equal(out.r[2], acc);
        assert_int_equal(out.r[1], r1);
    }
}

/* ---- random programs: both back ends must agree ---- */

#define FZ_EBB 16
#define FZ_TB 3
#define FZ_OPS 120

static uint64_t fz_seed;
static uint64_t fz_mem[64];

static uint64_t fz_rnd(void)
{
    fz_seed ^= fz_seed << 13;
    fz_seed ^= fz_seed >> 7;
    fz_seed ^= fz_seed << 17;
    return fz_seed;
}

static uint64_t helper_fz(CPUArchState *env, uint64_t a, uint64_t b)
{
    env->r[3] ^= a;          /* reads and writes a global */
    return (a ^ (b << 3)) + env->r[0];
}

static const TCGHelperInfo info_fz = {
    .func = (void *)helper_fz, .name = "fz",
    .typemask = TCG_HELPER_TYPE(0, TCG_HELPER_I64) |
                TCG_HELPER_TYPE(1, TCG_HELPER_PTR) |
                TCG_HELPER_TYPE(2, TCG_HELPER_I64) |
                TCG_HELPER_TYPE(3, TCG_HELPER_I64),
    .nb_args = 3,
};

/*
 * A random TB over globals, EBB temps (read only after being written
 * since the last label) and TB temps, with forward branches, calls,
 * constants, division and variable shifts. The same seed gives the same
 * program on both back ends.
 */
static void gen_fuzz(TranslationBlock *tb)
{
    TCGvI64 e[FZ_EBB], t[FZ_TB];
    TCGvI32 h = tcg_temp_new_i32();
    bool def[FZ_EBB] = { false };
    TCGLabel *pending = NULL;
    int i, n;

    tcg_gen_insn_start(tb->pc, 0);
    for (i = 0; i < FZ_EBB; i++) {
        e[i] = tcg_temp_new_i64();
    }
    for (i = 0; i < FZ_TB; i++) {
        t[i] = tcg_temp_tb_new_i64();
        tcg_gen_xori_i64(t[i], R[i], 0x5a5a * (i + 1));
    }
    for (n = 0; n < FZ_OPS; n++) {
        unsigned k = (unsigned)(fz_rnd() % 44);
        /* a source: global, TB temp, defined EBB temp or constant */
        TCGvI64 src[3];
        int j, d = (int)(fz_rnd() % FZ_EBB);
        TCGvI64 dst;

        for (j = 0; j < 3; j++) {
            unsigned c = (unsigned)(fz_rnd() % 4);
            int x = (int)(fz_rnd() % FZ_EBB);

            if (c == 0 || (c == 1 && !def[x])) {
                src[j] = R[fz_rnd() % 8];
            } else if (c == 1) {
                src[j] = e[x];
            } else if (c == 2) {
                src[j] = t[fz_rnd() % FZ_TB];
            } else {
                src[j] = tcg_constant_i64((int64_t)(fz_rnd() % 3 ? fz_rnd() % 70
                                                              : fz_rnd()));
            }
        }
        switch (fz_rnd() % 4) {
        case 0: dst = R[fz_rnd() % 8]; break;
        case 1: dst = t[fz_rnd() % FZ_TB]; break;
        default: dst = e[d]; def[d] = true; break;
        }
        switch (k) {
        case 0: tcg_gen_add_i64(dst, src[0], src[1]); break;
        case 1: tcg_gen_sub_i64(dst, src[0], src[1]); break;
        case 2: tcg_gen_mul_i64(dst, src[0], src[1]); break;
        case 3: tcg_gen_and_i64(dst, src[0], src[1]); break;
        case 4: tcg_gen_or_i64(dst, src[0], src[1]); break;
        case 5: tcg_gen_xor_i64(dst, src[0], src[1]); break;
        case 6: tcg_gen_andc_i64(dst, src[0], src[1]); break;
        case 7: tcg_gen_shl_i64(dst, src[0], src[1]); break;
        case 8: tcg_gen_shr_i64(dst, src[0], src[1]); break;
        case 9: tcg_gen_sar_i64(dst, src[0], src[1]); break;
        case 10: tcg_gen_rotr_i64(dst, src[0], src[1]); break;
        case 11: tcg_gen_div_i64(dst, src[0], src[1]); break;
        case 12: tcg_gen_remu_i64(dst, src[0], src[1]); break;
        case 13: tcg_gen_muluh_i64(dst, src[0], src[1]); break;
        case 14: tcg_gen_mulsh_i64(dst, src[0], src[1]); break;
        case 15: tcg_gen_neg_i64(dst, src[0]); break;
        case 16: tcg_gen_ctpop_i64(dst, src[0]); break;
        case 17: tcg_gen_bswap64_i64(dst, src[0]); break;
        case 18: tcg_gen_ext32s_i64(dst, src[0]); break;
        case 19: tcg_gen_extract_i64(dst, src[0], 7, 20); break;
        case 20: tcg_gen_deposit_i64(dst, src[0], src[1], 9, 30); break;
        case 21: tcg_gen_setcond_i64(TCG_COND_LTU, dst, src[0], src[1]);
            break;
        case 22: tcg_gen_movcond_i64(TCG_COND_LT, dst, src[0], src[1],
                                     src[2], src[0]);
            break;
        case 23: tcg_gen_mov_i64(dst, src[0]); break;
        case 24: tcg_gen_movi_i64(dst, (int64_t)fz_rnd()); break;
        case 25: tcg_gen_clz_i64(dst, src[0], src[1]); break;
        case 26: {
            TCGTemp *args[3] = { tcgv_ptr_temp(tcg_ctx->env),
                                 tcgv_i64_temp(src[0]), tcgv_i64_temp(src[1]) };

            tcg_gen_call(&info_fz, tcgv_i64_temp(dst), args);
            break;
        }
        case 27:
            tcg_gen_extrl_i64_i32(h, src[0]);
            tcg_gen_rotl_i32(h, h, W[fz_rnd() % 4]);
            tcg_gen_add_i32(W[fz_rnd() % 4], W[fz_rnd() % 4], h);
            tcg_gen_extu_i32_i64(dst, h);
            break;
        case 28:
            if (!pending) {
                pending = gen_new_label();
                tcg_gen_brcond_i64(TCG_COND_GEU, src[0], src[1], pending);
            }
            tcg_gen_mov_i64(dst, src[2]);      /* dst counts as written */
            break;
        case 29:
            if (pending) {
                gen_set_label(pending);
                pending = NULL;
                memset(def, 0, sizeof(def));    /* EBB temps die here */
            }
            /* src[0] may be an EBB temp that just died: read a global */
            tcg_gen_mov_i64(dst, R[fz_rnd() % 8]);
            if (dst == e[d]) {
                def[d] = true;
            }
            break;
        case 30: case 31: {
            /* guest memory (guest_base = fz_mem - 0x1000): base register
             * plus displacement, as a load/store insn computes it; the
             * base may be the loaded register itself */
            TCGvI64 a = tcg_temp_new_i64();
            TCGvI64 b = fz_rnd() % 2 ? R[fz_rnd() % 8] : tcg_temp_new_i64();

            tcg_gen_andi_i64(b, src[0], 0x1f0);
            tcg_gen_addi_i64(a, b, 0x1008);
            if (k == 30) {
                tcg_gen_guest_ld_i64(fz_rnd() % 2 ? b : dst, a, 0, MO_UQ);
            } else {
                tcg_gen_guest_st_i64(fz_rnd() % 2 ? b : src[1], a, 0,
                                     MO_UQ);
            }
            tcg_gen_add_i64(dst, b, src[2]);
            break;
        }
        case 32:
            /* host loads and stores on a global's home in env */
            tcg_gen_ld_i64(dst, tcg_ctx->env,
                           (intptr_t)offsetof(CPUArchState, r[fz_rnd() % 8]));
            break;
        case 33:
            tcg_gen_st_i64(src[0], tcg_ctx->env,
                           (intptr_t)offsetof(CPUArchState, r[fz_rnd() % 8]));
            tcg_gen_mov_i64(dst, src[1]);
            break;
        case 34: {
            /* i32 arithmetic on the i32 globals and the i32 temp */
            TCGvI32 wa = W[fz_rnd() % 4], wb = W[fz_rnd() % 4];

            switch (fz_rnd() % 6) {
            case 0: tcg_gen_divu_i32(h, wa, wb); break;
            case 1: tcg_gen_rem_i32(h, wa, wb); break;
            case 2: tcg_gen_sar_i32(h, wa, wb); break;
            case 3: tcg_gen_mulsh_i32(h, wa, wb); break;
            case 4: tcg_gen_clz_i32(h, wa, wb); break;
            default: tcg_gen_subi_i32(h, wa, (int32_t)fz_rnd()); break;
            }
            tcg_gen_movcond_i32(TCG_COND_GT, W[fz_rnd() % 4], wa, wb, h, wb);
            tcg_gen_setcond_i32(TCG_COND_NE, h, h, wa);
            tcg_gen_ext_i32_i64(dst, h);
            break;
        }
        case 35:
            switch (fz_rnd() % 6) {
            case 0: tcg_gen_ext8s_i64(dst, src[0]); break;
            case 1: tcg_gen_ext16u_i64(dst, src[0]); break;
            case 2: tcg_gen_bswap16_i64(dst, src[0]); break;
            case 3: tcg_gen_bswap32_i64(dst, src[0]); break;
            case 4: tcg_gen_sextract_i64(dst, src[0], 3, 44); break;
            default: tcg_gen_ext32u_i64(dst, src[0]); break;
            }
            break;
        case 36:
            switch (fz_rnd() % 5) {
            case 0: tcg_gen_nand_i64(dst, src[0], src[1]); break;
            case 1: tcg_gen_orc_i64(dst, src[0], src[1]); break;
            case 2: tcg_gen_eqv_i64(dst, src[0], src[1]); break;
            case 3: tcg_gen_nor_i64(dst, src[0], src[1]); break;
            default: tcg_gen_rotli_i64(dst, src[0], (int64_t)(fz_rnd() % 64));
                break;
            }
            break;
        case 37:
            tcg_gen_movcond_i64((TCGCond)(TCG_COND_EQ + fz_rnd() % 10), dst,
                                src[0], src[1], src[2],
                                fz_rnd() % 2 ? src[1] : R[fz_rnd() % 8]);
            break;
        default:
            tcg_gen_addi_i64(dst, src[0], (int64_t)(fz_rnd() % 5000) - 2500);
            break;
        }
        if (fz_rnd() % 16 == 0) {
            tcg_gen_insn_start(tb->pc + 4 * (uint64_t)n, 0);
        }
    }
    if (pending) {
        gen_set_label(pending);
    }
    for (i = 0; i < FZ_TB; i++) {
        tcg_gen_xor_i64(R[i + 4], R[i + 4], t[i]);
    }
    gen_stop();
}

static void test_random_programs(void **state)
{
    unsigned p, n;

    guest_base = (uintptr_t)fz_mem - 0x1000;

    for (p = 0; p < 400; p++) {
        for (n = 0; n < 3; n++) {
            set_inputs(p * 3 + n);
            fz_seed = 0x9e3779b97f4a7c15ull * (p + 1);
            /* run_both flushes, so each back end regenerates from the
             * same seed */
            assert_int_equal(tcg_backend_select(TCG_BACKEND_INTERP), 0);
            {
                CPUArchState in = fake_env, ri;
                uint64_t mi[64];
                unsigned k;

                for (k = 0; k < 64; k++) {
                    fz_mem[k] = k * 0x0101010101010101ull;
                }
                fz_seed = 0x9e3779b97f4a7c15ull * (p + 1);
                assert_int_equal(fake_run(0x1000, gen_fuzz), FAKE_EXCP_STOP);
                ri = fake_env;
                memcpy(mi, fz_mem, sizeof(mi));
                fake_env = in;
                for (k = 0; k < 64; k++) {
                    fz_mem[k] = k * 0x0101010101010101ull;
                }
                fz_seed = 0x9e3779b97f4a7c15ull * (p + 1);
                assert_int_equal(tcg_backend_select(TCG_BACKEND_X86_64), 0);
                assert_int_equal(fake_run(0x1000, gen_fuzz), FAKE_EXCP_STOP);
                if (memcmp(mi, fz_mem, sizeof(mi))) {
                    fail_msg("program %u input %u: guest memory differs", p,
                             n);
                }
                if (memcmp(&ri, &fake_env, sizeof(ri))) {
                    for (k = 0; k < 8; k++) {
                        if (ri.r[k] != fake_env.r[k]) {
                            fail_msg("program %u input %u: r%u interp %#lx "
                                     "x86 %#lx", p, n, k,
                                     (unsigned long)ri.r[k],
                                     (unsigned long)fake_env.r[k]);
                        }
                    }
                    fail_msg("program %u input %u: state differs", p, n);
                }
            }
        }
    }
    guest_base = 0;
}

/* ---- globals written back before a faulting guest access ---- */

static uint8_t *noaccess;      /* a PROT_NONE page */

static void segv_handler(int sig, siginfo_t *info, void *uc)
{
    (void)info;
    (void)uc;
    if (!tcg_cpu_in_guest_code()) {
        signal(sig, SIG_DFL);
        raise(sig);
        return;
    }
    /* no host pc: the back end knows which access it was */
    tcg_raise_exception(tcg_current_cpu(), FAKE_EXCP_FAULT, 1);
}

static void gen_fault_load(TranslationBlock *tb)
{
    TCGvI64 addr = tcg_temp_new_i64();

    tcg_gen_insn_start(0x1000, 0);
    tcg_gen_addi_i64(R[0], R[0], 5);
    tcg_gen_movi_i32(W[0], 7);
    tcg_gen_movi_i64(R[5], 0x123456789abcdefll);
    tcg_gen_insn_start(0x1004, 0);
    tcg_gen_muli_i64(R[1], R[0], 2);
    tcg_gen_movi_i64(addr, (int64_t)(uintptr_t)noaccess + 8);
    tcg_gen_insn_start(0x1008, 0);
    tcg_gen_guest_ld_i64(R[2], addr, 0, MO_UQ);
    tcg_gen_movi_i64(R[3], 1);
    tcg_gen_insn_start(0x100c, 0);
    gen_stop();
}

/* A helper that touches guest memory itself (like an AMO helper). */
static void helper_touch(CPUArchState *env)
{
    (void)env;
    *(volatile uint64_t *)(void *)noaccess = 1;
}

static const TCGHelperInfo info_touch = {
    .func = (void *)helper_touch, .name = "touch",
    .typemask = TCG_HELPER_TYPE(1, TCG_HELPER_PTR), .nb_args = 1,
};

static uint64_t readable;

/* A guest load that works, then a helper that faults in the next insn:
 * the restored pc must be the helper's insn, not the load's. */
static void gen_fault_helper(TranslationBlock *tb)
{
    TCGTemp *args[1] = { tcgv_ptr_temp(tcg_ctx->env) };
    TCGvI64 addr = tcg_temp_new_i64();

    tcg_gen_insn_start(0x1000, 0);
    tcg_gen_movi_i64(addr, (int64_t)(uintptr_t)&readable);
    tcg_gen_guest_ld_i64(R[4], addr, 0, MO_UQ);
    tcg_gen_insn_start(0x1004, 0);
    tcg_gen_addi_i64(R[6], R[6], 3);
    tcg_gen_call(&info_touch, NULL, args);
    tcg_gen_insn_start(0x1008, 0);
    gen_stop();
}

static void test_sync_before_fault(void **state)
{
    struct sigaction sa = { .sa_sigaction = segv_handler,
                            .sa_flags = SA_SIGINFO | SA_NODEFER };
    struct sigaction old;
    int k;

    noaccess = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(noaccess != MAP_FAILED);
    assert_int_equal(sigaction(SIGSEGV, &sa, &old), 0);
    guest_base = 0;
    for (k = 0; k < 2; k++) {
        memset(&fake_env, 0, sizeof(fake_env));
        fake_env.r[0] = 100;
        fake_env.r[2] = 0xaa;
        fake_env.r[3] = 0xbb;
        assert_int_equal(tcg_backend_select(k ? TCG_BACKEND_X86_64
                                              : TCG_BACKEND_INTERP), 0);
        assert_int_equal(fake_run(0x1000, gen_fault_load), FAKE_EXCP_FAULT);
        assert_int_equal(fake_env.pc, 0x1008);     /* the load's insn */
        assert_int_equal(fake_env.restored, 1);
        assert_int_equal(fake_env.r[0], 105);      /* earlier insns: in env */
        assert_int_equal(fake_env.w[0], 7);
        assert_int_equal(fake_env.r[5], 0x123456789abcdefull);
        assert_int_equal(fake_env.r[1], 210);
        assert_int_equal(fake_env.r[2], 0xaa);     /* not loaded */
        assert_int_equal(fake_env.r[3], 0xbb);     /* later insn never ran */
    }
    for (k = 0; k < 2; k++) {
        memset(&fake_env, 0, sizeof(fake_env));
        readable = 0x77;
        assert_int_equal(tcg_backend_select(k ? TCG_BACKEND_X86_64
                                              : TCG_BACKEND_INTERP), 0);
        assert_int_equal(fake_run(0x1000, gen_fault_helper), FAKE_EXCP_FAULT);
        assert_int_equal(fake_env.pc, 0x1004);
        assert_int_equal(fake_env.r[4], 0x77);
        assert_int_equal(fake_env.r[6], 3);
    }
    assert_int_equal(sigaction(SIGSEGV, &old, NULL), 0);
    munmap(noaccess, 4096);
}

/* ---- patched chaining ---- */

static uint64_t loop_limit;

/* 0x6000: r0 += 1; stop at loop_limit (0: never); goto_tb 0 -> itself.
 * 0x7000: r1 += 1; goto_tb 0 -> 0x6000. */
static void gen_self_loop(TranslationBlock *tb)
{
    TCGLabel *l = gen_new_label();
    uint64_t next = 0x6000;

    tcg_gen_insn_start(tb->pc, 0);
    if (tb->pc == 0x7000) {
        tcg_gen_addi_i64(R[1], R[1], 1);
    } else {
        tcg_gen_addi_i64(R[0], R[0], 1);
        if (loop_limit) {
            tcg_gen_brcondi_i64(TCG_COND_NE, R[0], (int64_t)loop_limit, l);
            gen_stop();
            gen_set_label(l);
        }
    }
    tcg_gen_goto_tb(0);
    tcg_gen_movi_i64(PC, (int64_t)next);
    tcg_gen_exit_tb(tb, 0);
}

/* Where goto_tb slot 0 of tb jumps now (executable address). */
static uintptr_t jump_target(const TranslationBlock *tb)
{
    const X86TBInfo *info = tb->tc_ptr;
    uintptr_t field = info->chain_entry + tb->jmp_insn_offset[0];
    int32_t disp;

    assert_int_equal(field & 3, 0);            /* one atomic 32-bit store */
    memcpy(&disp, (const void *)field, 4);
    return field + 4 + (intptr_t)disp;
}

static void test_patched_chaining(void **state)
{
    TCGVcpu *v = tcg_vcpu(&fake_cpu);
    unsigned long lookups, chained;
    TranslationBlock *a, *b;
    const X86TBInfo *ia, *ib;

    assert_int_equal(tcg_backend_select(TCG_BACKEND_X86_64), 0);
    memset(&fake_env, 0, sizeof(fake_env));
    loop_limit = 0;
    fake_env.pc = 0x7000;
    tb_flush_all();
    tcg_x86_count_chained_entries = true;     /* for the count below */
    fake_gen = gen_self_loop;
    /* B (0x7000) -> A (0x6000) -> A ...: stop A after 100000 entries */
    loop_limit = 100000;
    lookups = tcg_stats_loop_lookups();
    chained = tcg_stats_chained_entries();
    assert_int_equal(tcg_cpu_exec(&fake_cpu), FAKE_EXCP_STOP);
    assert_int_equal(fake_env.r[0], 100000);
    assert_int_equal(fake_env.r[1], 1);
    /* B, A, A again through the loop; every later entry by patched jump */
    assert_int_equal(tcg_stats_loop_lookups() - lookups, 3);
    assert_int_equal(tcg_stats_chained_entries() - chained, 100000 - 2);
    a = tb_lookup(v, 0x6000, 0, 0);
    b = tb_lookup(v, 0x7000, 0, 0);
    assert_non_null(a);
    assert_non_null(b);
    ia = a->tc_ptr;
    ib = b->tc_ptr;
    assert_ptr_equal(a->jmp_dest[0], a);
    assert_ptr_equal(b->jmp_dest[0], a);
    assert_int_equal(jump_target(a), ia->chain_entry);
    assert_int_equal(jump_target(b), ia->chain_entry);

    /* invalidating A unpatches both jumps back to their exit stubs */
    tb_invalidate_range(0x6000, 0x6004);
    assert_null(b->jmp_dest[0]);
    assert_int_equal(jump_target(b), ib->chain_entry + b->jmp_reset_offset[0]);
    assert_int_equal(jump_target(a), ia->chain_entry + a->jmp_reset_offset[0]);

    /* and running again retranslates A and chains B to the new one */
    fake_env.pc = 0x7000;
    fake_env.r[0] = 0;
    assert_int_equal(tcg_cpu_exec(&fake_cpu), FAKE_EXCP_STOP);
    assert_int_equal(fake_env.r[0], 100000);
    assert_int_equal(fake_env.r[1], 2);
    assert_ptr_not_equal(b->jmp_dest[0], NULL);
    assert_ptr_not_equal(b->jmp_dest[0], a);
    assert_int_equal(jump_target(b),
                     ((const X86TBInfo *)b->jmp_dest[0]->tc_ptr)->chain_entry);
    tb_flush_all();

    /* by default TBs do not count: the chained entry is the entry and the
     * same loop runs, chained, with the count untouched */
    tcg_x86_count_chained_entries = false;
    fake_env.pc = 0x7000;
    fake_env.r[0] = 0;
    fake_env.r[1] = 0;
    chained = tcg_stats_chained_entries();
    lookups = tcg_stats_loop_lookups();
    assert_int_equal(tcg_cpu_exec(&fake_cpu), FAKE_EXCP_STOP);
    assert_int_equal(fake_env.r[0], 100000);
    assert_int_equal(tcg_stats_loop_lookups() - lookups, 3);
    assert_int_equal(tcg_stats_chained_entries(), chained);
    a = tb_lookup(v, 0x6000, 0, 0);
    assert_non_null(a);
    ia = a->tc_ptr;
    assert_int_equal(ia->chain_entry, (uintptr_t)ia->code);
    assert_ptr_equal(a->jmp_dest[0], a);
    tb_flush_all();
}

static void *request_exit_later(void *arg)
{
    struct timespec ts = { 0, 30 * 1000 * 1000 };

    (void)arg;
    nanosleep(&ts, NULL);
    atomic_store(&fake_cpu.exit_request, 1);
    return NULL;
}

/* A loop of chained blocks that never leaves on its own must stop at the
 * next block boundary once another thread sets exit_request. */
static void test_exit_request_breaks_chained_loop(void **state)
{
    int k;

    for (k = 0; k < 2; k++) {
        pthread_t th;

        assert_int_equal(tcg_backend_select(k ? TCG_BACKEND_X86_64
                                              : TCG_BACKEND_INTERP), 0);
        memset(&fake_env, 0, sizeof(fake_env));
        atomic_store(&fake_cpu.exit_request, 0);
        loop_limit = 0;
        assert_int_equal(pthread_create(&th, NULL, request_exit_later, NULL),
                         0);
        assert_int_equal(fake_run(0x7000, gen_self_loop), EXCP_INTERRUPT);
        pthread_join(th, NULL);
        assert_true(fake_env.r[0] > 1000);
        assert_int_equal(fake_env.r[1], 1);
        assert_int_equal(fake_env.pc, 0x6000);    /* the block not entered */
        atomic_store(&fake_cpu.exit_request, 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spills),
        cmocka_unit_test(test_live_across_calls),
        cmocka_unit_test(test_shifts_and_division),
        cmocka_unit_test(test_tb_temps_and_branches),
        cmocka_unit_test(test_random_programs),
        cmocka_unit_test(test_sync_before_fault),
        cmocka_unit_test(test_patched_chaining),
        cmocka_unit_test(test_exit_request_breaks_chained_loop),
    };
    int r;

    if (!tcg_x86_available()) {
        printf("x86-64 back end unavailable on this host: skipped\n");
        return 0;
    }
    fake_setup();
    r = cmocka_run_group_tests(tests, NULL, NULL);
    tb_flush_all();
    return r;
}
