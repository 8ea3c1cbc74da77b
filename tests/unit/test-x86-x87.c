/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The x87 group under TCG, where test-x86-insns (native vs TCG through
 * memory) cannot look: the emulated x87 state in env after a faulting
 * store (nothing of the instruction done), after #MF (the state the
 * handler sees), the 80-bit register layout and the FXSAVE image of what
 * x87 instructions left, on both back ends.
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
#include "cpu/x86/fpu-state.h"
#include "cpu/x86/helper-x87.h"
#include "x86-tcg-test.h"

static CPU cpu;
static X86CPUState env;

static void segv_handler(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)uc;
    if (tcg_cpu_in_guest_code()) {
        env.fault_addr = (uint64_t)(uintptr_t)si->si_addr;
        tcg_raise_exception(tcg_current_cpu(), X86_EXCP_PF, 1);
    }
    fprintf(stderr, "SIGSEGV outside guest code at %p\n", si->si_addr);
    abort();
}

/* cmocka installs its own SIGSEGV handler around each test: ours goes
 * in inside the test */
static void install_segv_handler(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = segv_handler;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
}

static int run(const uint8_t *code)
{
    env.rip = (uint64_t)(uintptr_t)code;
    return tcg_cpu_exec(&cpu);
}

static void reset(void)
{
    x86_tcg_cpu_reset_user(&env);
}

static const X86FPReg *st(int i)
{
    return &env.fpregs[(env.fpstt + (unsigned)i) & 7];
}

/* fld1; fldpi; fstpl (%rcx); ud2 with rcx on a read-only page */
static const uint8_t code_store_fault[] = {
    0xd9, 0xe8, 0xd9, 0xeb, 0xdd, 0x19, 0x0f, 0x0b,
};

static void test_store_fault_leaves_state(void **state)
{
    uint8_t *page;

    (void)state;
    install_segv_handler();
    page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(page != MAP_FAILED);
    reset();
    env.regs[R_ECX] = (uint64_t)(uintptr_t)page;
    assert_int_equal(run(code_store_fault), X86_EXCP_PF);
    assert_int_equal(env.rip, (uint64_t)(uintptr_t)code_store_fault + 4);
    assert_int_equal(env.fault_addr, (uint64_t)(uintptr_t)page);
    /* both loads done, the store not: TOP 6, pi on top, nothing popped */
    assert_int_equal(env.fpstt, 6);
    assert_int_equal(st(0)->mant, 0xc90fdaa22168c235ull);
    assert_int_equal(st(0)->exp, 0x4000);
    assert_int_equal(st(1)->mant, 0x8000000000000000ull);
    assert_int_equal(st(1)->exp, 0x3fff);
    assert_int_equal(env.fptags[6], 0);
    assert_int_equal(env.fptags[7], 0);
    assert_int_equal(env.fptags[5], 1);
    /* FIP still names FLDPI */
    assert_int_equal(env.fpip, (uint64_t)(uintptr_t)code_store_fault + 2);
    assert_int_equal(env.fpus & 0x3f, 0);
    munmap(page, 4096);
}

/* fldcw (%rbx); fldz; fld1; fdivrp (1/0, ZE unmasked); fld1: #MF here */
static const uint8_t code_mf[] = {
    0xd9, 0x2b, 0xd9, 0xee, 0xd9, 0xe8, 0xde, 0xf1, 0xd9, 0xe8, 0x0f, 0x0b,
};

static void test_mf_state(void **state)
{
    static uint16_t cw = 0x037b;        /* ZE unmasked */

    (void)state;
    reset();
    env.regs[R_EBX] = (uint64_t)(uintptr_t)&cw;
    assert_int_equal(run(code_mf), X86_EXCP_MF);
    assert_int_equal(env.rip, (uint64_t)(uintptr_t)code_mf + 8);
    /* ZE, ES and B set; the unmasked response left the operands alone */
    assert_int_equal(env.fpus & 0x80ff, 0x8084);
    assert_int_equal(env.fpstt, 6);
    assert_int_equal(env.fpuc, 0x037b);
    assert_int_equal(x86_fpe_si_code(env.fpus & ~env.fpuc & 0x3f), FPE_FLTDIV);
    /* the handler's FNCLEX (state cleared) lets the next one run */
    env.fpus &= ~0x80ffu;
    assert_int_equal(tcg_cpu_exec(&cpu), X86_EXCP_UD);
    assert_int_equal(env.fpstt, 5);
    /* FXSAVE image of the result: TOP, abridged tags, ST0 = 1.0 */
    {
        uint8_t img[X86_FXSAVE_SIZE];

        x86_fxsave_to(&env, img);
        assert_int_equal((img[2] | img[3] << 8) >> 11 & 7, 5);
        assert_int_equal(img[4], 0xe0);
        assert_int_equal(img[32 + 9], 0x3f);
        assert_int_equal(img[32 + 8], 0xff);
        assert_int_equal(img[32 + 7], 0x80);
    }
}

/* FWAIT alone raises #MF for what FNSTSW AX reported */
static const uint8_t code_fwait[] = {
    0xd9, 0x2b, 0xd9, 0xee, 0xd9, 0xee, 0xde, 0xf9,     /* 0/0: IE */
    0xdf, 0xe0, 0x9b, 0x0f, 0x0b,                       /* fnstsw ax; fwait */
};

static void test_fwait(void **state)
{
    static uint16_t cw = 0x037e;        /* IE unmasked */

    (void)state;
    reset();
    env.regs[R_EBX] = (uint64_t)(uintptr_t)&cw;
    env.regs[R_EAX] = 0x1111222233334444ull;
    assert_int_equal(run(code_fwait), X86_EXCP_MF);
    assert_int_equal(env.rip, (uint64_t)(uintptr_t)code_fwait + 10);
    assert_int_equal(env.regs[R_EAX] & ~0xffffull, 0x1111222233330000ull);
    assert_int_equal(env.regs[R_EAX] & 0xbfff, 0xb081);   /* B ES IE TOP 6 */
    assert_int_equal(x86_fpe_si_code(env.fpus & ~env.fpuc & 0x3f), FPE_FLTINV);
    env.fpuc = 0x0340;                  /* IE takes precedence over PE */
    env.fpus |= 0x20;
    assert_int_equal(x86_fpe_si_code(env.fpus & ~env.fpuc & 0x3f), FPE_FLTINV);
    env.fpus &= ~1u;
    assert_int_equal(x86_fpe_si_code(env.fpus & ~env.fpuc & 0x3f), FPE_FLTRES);
    env.fpus = 0x0002;                  /* denormal operand: underflow */
    assert_int_equal(x86_fpe_si_code(env.fpus & ~env.fpuc & 0x3f), FPE_FLTUND);
    env.fpuc = 0x037f;
    assert_int_equal(x86_fpe_si_code(env.fpus & ~env.fpuc & 0x3f), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_store_fault_leaves_state),
        cmocka_unit_test(test_mf_state),
        cmocka_unit_test(test_fwait),
    };
    int r;

    r = x86_tcg_test_run_both("x86-x87", tests, &cpu, &env, NULL);
    return r;
}
