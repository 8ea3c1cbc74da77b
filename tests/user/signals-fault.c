/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Synchronous faults as guest signals: SIGSEGV on a NULL store (MAPERR,
 * si_addr 0) and on a read-only page (ACCERR) recovered with siglongjmp,
 * SIGILL with si_addr at the instruction, SIGTRAP from ebreak, SIGBUS
 * from a misaligned AMO, and a handler that skips the faulting
 * instruction by moving the saved pc in its ucontext and returns.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

static sigjmp_buf env;
static volatile int got_sig, got_code;
static volatile uintptr_t got_addr;
#ifdef __x86_64__
static uintptr_t skip_to;
#endif

static void on_fault(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    got_sig = sig;
    got_code = si->si_code;
    got_addr = (uintptr_t)si->si_addr;
    siglongjmp(env, 1);
}

/* Skip the faulting 4-byte instruction and return from the handler. */
static void on_skip(int sig, siginfo_t *si, void *uc_v)
{
    ucontext_t *uc = uc_v;

    got_sig = sig;
    got_addr = (uintptr_t)si->si_addr;
#ifdef __x86_64__
    /* the x86-64 build (tests/user-x86_64): resume at the label the
     * faulting code stored, with rsi changed */
    uc->uc_mcontext.gregs[REG_RIP] = (greg_t)skip_to;
    uc->uc_mcontext.gregs[REG_RSI] = 77;
#else
    uc->uc_mcontext.__gregs[REG_PC] += 4;
    uc->uc_mcontext.__gregs[REG_A0 + 1] = 77;     /* a1, seen after return */
#endif
}

static void install(int sig, void (*fn)(int, siginfo_t *, void *))
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = fn;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

int main(void)
{
    volatile int *volatile null_ptr = NULL;
    static uintptr_t insn_addr;
    char *ro;
    long a1;

    setvbuf(stdout, NULL, _IONBF, 0);
    install(SIGSEGV, on_fault);
    install(SIGILL, on_fault);
    install(SIGTRAP, on_fault);
    install(SIGBUS, on_fault);

    for (volatile int round = 0; round < 2; round++) {
        got_sig = 0;
        if (!sigsetjmp(env, 1)) {
            *null_ptr = 1;
        }
        printf("null store: sig=%d maperr=%d addr=%#lx\n", got_sig,
               got_code == SEGV_MAPERR, (unsigned long)got_addr);
    }

    ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    got_sig = 0;
    if (!sigsetjmp(env, 1)) {
        ((volatile char *)ro)[5] = 1;
    }
    printf("read-only store: sig=%d accerr=%d addr_ok=%d\n", got_sig,
           got_code == SEGV_ACCERR, got_addr == (uintptr_t)ro + 5);

#ifdef __x86_64__
    /* x86-64: ud2 (ILL_ILLOPN at the instruction), int3 (SI_KERNEL, no
     * address), a misaligned movaps (#GP: SIGSEGV SI_KERNEL, address 0) */
    got_sig = 0;
    if (!sigsetjmp(env, 1)) {
        __asm__ volatile("lea 1f(%%rip), %%rax\n\tmov %%rax, (%0)\n1:\n\tud2"
                         :: "r"(&insn_addr) : "rax", "memory");
    }
    printf("illegal: sig=%d illopn=%d addr_ok=%d\n", got_sig,
           got_code == ILL_ILLOPN, got_addr == insn_addr);

    got_sig = 0;
    if (!sigsetjmp(env, 1)) {
        __asm__ volatile("int3" ::: "memory");
    }
    printf("int3: sig=%d code=%#x addr=%#lx\n", got_sig, got_code,
           (unsigned long)got_addr);

    {
        static uint64_t words[4] __attribute__((aligned(16)));
        uintptr_t p = (uintptr_t)words + 4;

        got_sig = 0;
        if (!sigsetjmp(env, 1)) {
            __asm__ volatile("movaps (%0), %%xmm0" :: "r"(p) : "xmm0", "memory");
        }
        printf("misaligned movaps: sig=%d code=%#x addr=%#lx\n", got_sig,
               got_code, (unsigned long)got_addr);
    }

    install(SIGSEGV, on_skip);
    got_sig = 0;
    __asm__ volatile("lea 1f(%%rip), %%rax\n\tmov %%rax, %1\n\t"
                     "mov $5, %%esi\n\tmovl $0, 0\n1:\n\tmov %%rsi, %0"
                     : "=r"(a1), "=m"(skip_to) :: "rax", "rsi", "memory");
    printf("skip: sig=%d addr=%#lx rsi=%ld\n", got_sig,
           (unsigned long)got_addr, a1);
#else
    got_sig = 0;
    if (!sigsetjmp(env, 1)) {
        __asm__ volatile("lla t0, 1f\n\tsd t0, 0(%0)\n1:\n\t.insn 4, 0xc0001073 /* unimp */"
                         :: "r"(&insn_addr) : "t0", "memory");
    }
    printf("illegal: sig=%d illopc=%d addr_ok=%d\n", got_sig,
           got_code == ILL_ILLOPC, got_addr == insn_addr);

    got_sig = 0;
    if (!sigsetjmp(env, 1)) {
        __asm__ volatile("lla t0, 1f\n\tsd t0, 0(%0)\n1:\n\tebreak"
                         :: "r"(&insn_addr) : "t0", "memory");
    }
    printf("ebreak: sig=%d brkpt=%d addr_ok=%d\n", got_sig,
           got_code == TRAP_BRKPT, got_addr == insn_addr);

    {
        static uint64_t words[2];
        uintptr_t p = (uintptr_t)words + 2;

        got_sig = 0;
        if (!sigsetjmp(env, 1)) {
            __asm__ volatile("li t0, 1\n\tamoadd.w zero, t0, (%0)"
                             :: "r"(p) : "t0", "memory");
        }
        printf("misaligned amo: sig=%d adraln=%d addr_ok=%d\n", got_sig,
               got_code == BUS_ADRALN, got_addr == p);
    }

    /* Return from the handler with a changed pc and a1. */
    install(SIGSEGV, on_skip);
    got_sig = 0;
    __asm__ volatile("li a1, 5\n\tsw zero, 0(zero)\n\tmv %0, a1"
                     : "=r"(a1) :: "a1", "memory");
    printf("skip: sig=%d addr=%#lx a1=%ld\n", got_sig,
           (unsigned long)got_addr, a1);
#endif
    printf("done\n");
    return 0;
}
