/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Illegal encodings raise SIGILL at the faulting instruction (si_addr),
 * and execution resumes cleanly after a siglongjmp: the all-zero
 * halfword, a machine-mode CSR, a write to a read-only counter, and a
 * reserved compressed form.
 */
#include <setjmp.h>
#include <signal.h>
#include <string.h>

#include "check.h"

static sigjmp_buf env;
static volatile uintptr_t fault_addr;
static volatile int fault_sig;

static void on_sigill(int sig, siginfo_t *si, void *uc)
{
    fault_sig = sig;
    fault_addr = (uintptr_t)si->si_addr;
    siglongjmp(env, 1);
}

#define EXPECT_SIGILL(asm_text) do {                                        \
    uintptr_t at_;                                                          \
    fault_sig = 0;                                                          \
    fault_addr = 0;                                                         \
    if (!sigsetjmp(env, 1)) {                                               \
        __asm__ volatile("lla %0, 1f\n\tsd %0, 0(%1)\n1:\n\t" asm_text      \
                         : "=&r"(at_) : "r"(&expected_addr) : "memory");    \
    }                                                                       \
    CHECK(fault_sig, SIGILL);                                               \
    CHECK(fault_addr, expected_addr);                                       \
} while (0)

int main(void)
{
    struct sigaction sa;
    static uintptr_t expected_addr;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_sigill;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGILL, &sa, NULL);

    EXPECT_SIGILL(".insn 2, 0x0000");
    EXPECT_SIGILL("csrr a0, mstatus");
    EXPECT_SIGILL("csrw cycle, zero");
    EXPECT_SIGILL(".insn 2, 0x6501");      /* c.lui a0, 0: reserved */
    EXPECT_SIGILL(".insn 2, 0x4002");      /* c.lwsp x0: reserved */
    check_group("illegal");
    return check_finish();
}
