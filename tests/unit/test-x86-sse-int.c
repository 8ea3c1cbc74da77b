/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The MMX/SSE integer helpers against published answers (FIPS-197 AES,
 * the CRC-32C check value, carry-less products, a PCMPISTRI substring
 * search), on any host; and what the host CPU cannot show the x86
 * snippet test: the x87 state MMX instructions leave (TOP, tags, the
 * written register's exponent) and EMMS.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <cmocka.h>

#include "accel/tcg/guest-mem.h"
#include "accel/tcg/tcg-internal.h"
#include "cpu/x86/cc.h"
#include "cpu/x86/cpu.h"
#include "x86-tcg-test.h"
#include "cpu/x86/helper-sse-int.h"

static X86CPUState env;

static uint32_t xmm_off(int r)
{
    return (uint32_t)offsetof(X86CPUState, xmm[r]);
}

/* xmm[d] = op(xmm[d], xmm[s]) */
static uint64_t vec(int op, int d, int s, int imm)
{
    return helper_x86_vec(&env, (uint32_t)op, xmm_off(d), env.xmm[s].q[0],
                          env.xmm[s].q[1], (uint32_t)imm | 16 << 8);
}

static void set_bytes(int r, const uint8_t b[16])
{
    memcpy(env.xmm[r].b, b, 16);
}

/* One AES-128 key schedule step (the AESKEYGENASSIST way): xmm[k]
 * becomes the next round key; xmm 15 is scratch. */
static void key_step(int k, int rcon)
{
    uint32_t t, *w = env.xmm[k].l;

    env.xmm[15] = env.xmm[k];
    vec(VOP_AESKEYGENASSIST, 15, 15, rcon);
    t = env.xmm[15].l[3];
    w[0] ^= t;
    w[1] ^= w[0];
    w[2] ^= w[1];
    w[3] ^= w[2];
}

static void test_aes_fips197(void **state)
{
    static const uint8_t key[16] = {
        0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
        0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
    };
    static const uint8_t plain[16] = {
        0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
        0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff,
    };
    static const uint8_t cipher[16] = {
        0x69, 0xc4, 0xe0, 0xd8, 0x6a, 0x7b, 0x04, 0x30,
        0xd8, 0xcd, 0xb7, 0x80, 0x70, 0xb4, 0xc5, 0x5a,
    };
    static const int rcon[10] = {
        0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0x1b, 0x36,
    };
    X86Vec rk[11];

    (void)state;
    memset(&env, 0, sizeof(env));
    /* round keys 0..10 in xmm 1..11 */
    set_bytes(1, key);
    for (int i = 0; i < 10; i++) {
        env.xmm[i + 2] = env.xmm[i + 1];
        key_step(i + 2, rcon[i]);
    }
    for (int i = 0; i <= 10; i++) {
        rk[i] = env.xmm[i + 1];
    }
    set_bytes(0, plain);
    env.xmm[0].q[0] ^= rk[0].q[0];
    env.xmm[0].q[1] ^= rk[0].q[1];
    for (int i = 1; i < 10; i++) {
        vec(VOP_AESENC, 0, i + 1, 0);
    }
    vec(VOP_AESENCLAST, 0, 11, 0);
    assert_memory_equal(env.xmm[0].b, cipher, 16);

    /* the equivalent inverse cipher: AESIMC'd middle round keys */
    env.xmm[0].q[0] ^= rk[10].q[0];
    env.xmm[0].q[1] ^= rk[10].q[1];
    for (int i = 9; i >= 1; i--) {
        env.xmm[14] = rk[i];
        vec(VOP_AESIMC, 14, 14, 0);
        vec(VOP_AESDEC, 0, 14, 0);
    }
    env.xmm[14] = rk[0];
    vec(VOP_AESDECLAST, 0, 14, 0);
    assert_memory_equal(env.xmm[0].b, plain, 16);
}

static void test_crc32c(void **state)
{
    const char *s = "123456789";
    uint64_t crc = 0xffffffff;

    (void)state;
    for (const char *p = s; *p; p++) {
        crc = helper_x86_crc32(crc, (uint8_t)*p, 8);
    }
    assert_int_equal(crc ^ 0xffffffff, 0xe3069283);
    /* the 32-bit form is the four bytes in order */
    crc = helper_x86_crc32(0xffffffff, 0x34333231, 32);
    for (const char *p = s + 4; *p; p++) {
        crc = helper_x86_crc32(crc, (uint8_t)*p, 8);
    }
    assert_int_equal(crc ^ 0xffffffff, 0xe3069283);
}

static void test_pclmulqdq(void **state)
{
    (void)state;
    memset(&env, 0, sizeof(env));
    env.xmm[0].q[1] = 3;                    /* x + 1, high quadword */
    env.xmm[1].q[0] = 3;
    vec(VOP_PCLMULQDQ, 0, 1, 0x01);         /* (x + 1)^2 = x^2 + 1 */
    assert_int_equal(env.xmm[0].q[0], 5);
    assert_int_equal(env.xmm[0].q[1], 0);
    env.xmm[0].q[0] = 1ull << 63;
    env.xmm[1].q[1] = 6;
    vec(VOP_PCLMULQDQ, 0, 1, 0x10);         /* x^63 * (x^2 + x) */
    assert_int_equal(env.xmm[0].q[0], 0);
    assert_int_equal(env.xmm[0].q[1], 3);
}

static void test_pcmpistri(void **state)
{
    uint64_t r;

    (void)state;
    memset(&env, 0, sizeof(env));
    memcpy(env.xmm[2].b, "wor", 4);
    memcpy(env.xmm[3].b, "hello world", 12);
    /* equal ordered, unsigned bytes, least significant index */
    r = helper_x86_pcmpstr(&env, env.xmm[3].q[0], env.xmm[3].q[1], 0, 0,
                           0x0c | 2 << X86_PCMPSTR_AREG_SHIFT);
    assert_int_equal(r >> 32, 6);
    assert_int_equal(r & 0xffffffff,
                     X86_EFLAGS_CF | X86_EFLAGS_ZF | X86_EFLAGS_SF);
    /* equal any "lo" over "hello world", most significant index: the
     * 'o' of "world" */
    memcpy(env.xmm[2].b, "lo", 3);
    r = helper_x86_pcmpstr(&env, env.xmm[3].q[0], env.xmm[3].q[1], 0, 0,
                           0x40 | 2 << X86_PCMPSTR_AREG_SHIFT);
    assert_int_equal(r >> 32, 9);
    /* the same as a byte mask into xmm0: l, l, o, o, l */
    helper_x86_pcmpstr(&env, env.xmm[3].q[0], env.xmm[3].q[1], 0, 0,
                       0x40 | 2 << X86_PCMPSTR_AREG_SHIFT | X86_PCMPSTR_MASK);
    assert_int_equal(env.xmm[0].q[0], 0xff0000ffffff0000ull);
    assert_int_equal(env.xmm[0].q[1], 0xff00);
}

/* ---- MMX and the x87 state, through the translator ---- */

static CPU cpu;

static void run(X86CPUState *e, const uint8_t *code)
{
    e->rip = (uint64_t)(uintptr_t)code;
    assert_int_equal(tcg_cpu_exec(&cpu), X86_EXCP_UD);
}

static void test_mmx_state(void **state)
{
    static const uint8_t code[] = {
        0x48, 0x0f, 0x6e, 0xdf,     /* movq %rdi, %mm3 */
        0x0f, 0xfc, 0xdb,           /* paddb %mm3, %mm3 */
        0x0f, 0x0b,                 /* ud2 */
        0x0f, 0x77,                 /* emms */
        0x0f, 0x0b,
    };

    (void)state;
    x86_tcg_cpu_reset_user(&env);
    env.fpstt = 5;
    env.regs[R_EDI] = 0x8001027f40ff0380ull;
    run(&env, code);
    assert_int_equal(env.fpstt, 0);
    for (int i = 0; i < 8; i++) {
        assert_int_equal(env.fptags[i], 0);
    }
    assert_int_equal(env.fpregs[3].mant, 0x000204fe80fe0600ull);
    assert_int_equal(env.fpregs[3].exp, 0xffff);
    assert_int_equal(env.fpregs[2].exp, 0);
    run(&env, code + 9);
    for (int i = 0; i < 8; i++) {
        assert_int_equal(env.fptags[i], 1);
    }
    assert_int_equal(env.fpregs[3].mant, 0x000204fe80fe0600ull);
}

/* A guest load faulting under TCG becomes #PF, as user mode's handler
 * does it: the faulting instruction's state restored. */
static void segv_handler(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)si;
    (void)uc;
    if (tcg_cpu_in_guest_code()) {
        tcg_raise_exception(tcg_current_cpu(), X86_EXCP_PF, 1);
    }
    abort();
}

static void test_fault_keeps_destination(void **state)
{
    static const uint8_t code[] = {
        0x66, 0x48, 0x0f, 0x6e, 0xc7,   /* movq %rdi, %xmm0 */
        0x66, 0x0f, 0xfc, 0x02,         /* paddb (%rdx), %xmm0 */
        0x0f, 0x0b,
        0x66, 0x48, 0x0f, 0x6e, 0xce,   /* movq %rsi, %xmm1 */
        0xf3, 0x0f, 0x6f, 0x0a,         /* movdqu (%rdx), %xmm1 */
        0x0f, 0x0b,
        0x48, 0x0f, 0x6e, 0xd7,         /* movq %rdi, %mm2 */
        0x0f, 0x38, 0x00, 0x12,         /* pshufb (%rdx), %mm2 */
        0x0f, 0x0b,
    };
    struct sigaction sa, old;
    uint8_t *pages = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    uint64_t base = (uint64_t)(uintptr_t)code;

    (void)state;
    assert_true(pages != MAP_FAILED);
    assert_int_equal(mprotect(pages + 4096, 4096, PROT_NONE), 0);
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = segv_handler;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, &old);

    x86_tcg_cpu_reset_user(&env);
    env.regs[R_EDI] = 0x0123456789abcdefull;
    env.regs[R_ESI] = 0xfedcba9876543210ull;
    env.xmm[0].q[1] = 0x1111;
    env.xmm[1].q[1] = 0x2222;
    /* a 16-byte aligned operand on the PROT_NONE page */
    env.regs[R_EDX] = (uint64_t)(uintptr_t)(pages + 4096);
    env.rip = base;
    assert_int_equal(tcg_cpu_exec(&cpu), X86_EXCP_PF);
    assert_int_equal(env.rip, base + 5);
    assert_int_equal(env.xmm[0].q[0], env.regs[R_EDI]);
    assert_int_equal(env.xmm[0].q[1], 0);
    /* a 16-byte load whose second half faults: nothing written */
    env.regs[R_EDX] = (uint64_t)(uintptr_t)(pages + 4096 - 8);
    env.rip = base + 11;
    assert_int_equal(tcg_cpu_exec(&cpu), X86_EXCP_PF);
    assert_int_equal(env.rip, base + 16);
    assert_int_equal(env.xmm[1].q[0], env.regs[R_ESI]);
    assert_int_equal(env.xmm[1].q[1], 0);
    /* MMX */
    env.regs[R_EDX] = (uint64_t)(uintptr_t)(pages + 4096 + 3);
    env.rip = base + 22;
    assert_int_equal(tcg_cpu_exec(&cpu), X86_EXCP_PF);
    assert_int_equal(env.rip, base + 26);
    assert_int_equal(env.fpregs[2].mant, env.regs[R_EDI]);

    sigaction(SIGSEGV, &old, NULL);
    munmap(pages, 8192);
}

/* MOVDQU stores at every offset across a page boundary: all 16 bytes
 * when both pages are writable, none when either faults. */
static void test_split_store(void **state)
{
    static const uint8_t code[] = {
        0xf3, 0x0f, 0x7f, 0x02,         /* movdqu %xmm0, (%rdx) */
        0x0f, 0x0b,
    };
    static const uint8_t val[16] = {
        0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88,
        0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xf0, 0x01,
    };
    struct sigaction sa, old;
    uint8_t *pages = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    uint8_t before[32];

    (void)state;
    assert_true(pages != MAP_FAILED);
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = segv_handler;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, &old);
    for (int bad = 0; bad < 3; bad++) {     /* none, first, second page */
        for (int k = 1; k < 16; k++) {
            uint8_t *p = pages + 4096 - k;

            mprotect(pages, 8192, PROT_READ | PROT_WRITE);
            memset(pages + 4096 - 16, 0x5a, 32);
            memcpy(before, pages + 4096 - 16, 32);
            if (bad) {
                mprotect(pages + (bad - 1) * 4096, 4096, PROT_READ);
            }
            x86_tcg_cpu_reset_user(&env);
            memcpy(env.xmm[0].b, val, 16);
            env.regs[R_EDX] = (uint64_t)(uintptr_t)p;
            env.rip = (uint64_t)(uintptr_t)code;
            assert_int_equal(tcg_cpu_exec(&cpu),
                             bad ? X86_EXCP_PF : X86_EXCP_UD);
            mprotect(pages, 8192, PROT_READ | PROT_WRITE);
            if (bad) {
                assert_int_equal(env.rip, (uint64_t)(uintptr_t)code);
                assert_memory_equal(pages + 4096 - 16, before, 32);
            } else {
                assert_memory_equal(p, val, 16);
                assert_memory_equal(pages + 4096 - 16, before, 16 - k);
                assert_memory_equal(p + 16, before + 32 - k, k);
            }
        }
    }
    sigaction(SIGSEGV, &old, NULL);
    munmap(pages, 8192);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_aes_fips197),
        cmocka_unit_test(test_crc32c),
        cmocka_unit_test(test_pclmulqdq),
        cmocka_unit_test(test_pcmpistri),
    };
    const struct CMUnitTest tcg_tests[] = {
        cmocka_unit_test(test_mmx_state),
        cmocka_unit_test(test_fault_keeps_destination),
        cmocka_unit_test(test_split_store),
    };
    int r = cmocka_run_group_tests_name("x86 sse-int helpers", tests, NULL,
                                        NULL);

#ifdef __x86_64__
    /* guest_base 0: the code buffer's host address is its guest address */
    r |= x86_tcg_test_run_both("x86 sse-int under TCG", tcg_tests, &cpu,
                               &env, NULL);
#else
    printf("x86 sse-int under TCG: SKIPPED: runs guest code at its host "
           "address, needs an x86-64 host\n");
#endif
    return r;
}
