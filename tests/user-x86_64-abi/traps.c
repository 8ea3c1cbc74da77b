/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Faults other than page faults, as Linux x86-64 reports them: UD2 is
 * SIGILL/ILL_ILLOPN at the instruction, HLT (privileged: #GP) SIGSEGV
 * with SI_KERNEL and address 0, INT3 SIGTRAP/SI_KERNEL with rip after
 * it, DIV by zero SIGFPE/FPE_INTDIV at the instruction, a load from a
 * non-canonical address (#GP) SIGSEGV/SI_KERNEL with address 0. Each
 * handler resumes at a label by rewriting the saved rip. With "die" as
 * argument, a UD2 without a handler kills the process by SIGILL.
 */
#include "sys.h"

#define SIGILL 4
#define SIGTRAP 5
#define SIGFPE 8
#define SIGSEGV 11

static volatile long got_sig, got_code, got_trapno;
static volatile u64 got_addr, got_rip, resume_at;

void trap_entry(void);
__asm__(".text\ntrap_entry:\n    jmp trap_handler\n");

__attribute__((used)) void trap_handler(int sig, struct ksiginfo *info,
                                         struct kucontext *uc)
{
    got_sig = sig;
    got_code = info->si_code;
    got_addr = (u64)info->u.addr;
    got_rip = uc->mc.rip;
    got_trapno = uc->mc.trapno;
    uc->mc.rip = resume_at;
}

/* Run the instruction at label "9:" of the asm; returns its address. */
#define RUN_FAULT(insn)                                                \
    ({                                                                 \
        u64 at;                                                        \
        __asm__ volatile("lea 1f(%%rip), %%rax\n"                      \
                         "mov %%rax, resume_at(%%rip)\n"               \
                         "lea 9f(%%rip), %0\n"                         \
                         "xor %%ecx, %%ecx\n"                          \
                         "9: " insn "\n"                               \
                         "1:\n"                                        \
                         : "=&r"(at) : : "rax", "rcx", "rdx", "memory"); \
        at;                                                            \
    })

int test_main(long *sp)
{
    u64 at;

    if (sp[0] > 1) {
        __asm__ volatile("ud2");    /* no handler: death by SIGILL */
    }
    set_handler(SIGILL, trap_entry, 0);
    set_handler(SIGSEGV, trap_entry, 0);
    set_handler(SIGTRAP, trap_entry, 0);
    set_handler(SIGFPE, trap_entry, 0);

    at = RUN_FAULT("ud2");
    check("ud2: SIGILL", got_sig == SIGILL, got_sig);
    check("ud2: ILL_ILLOPN", got_code == 2, got_code);
    check("ud2: si_addr = rip", got_addr == at && got_rip == at, 0);
    check("ud2: trapno 6", got_trapno == 6, got_trapno);

    got_sig = 0;
    at = RUN_FAULT("hlt");
    check("hlt: SIGSEGV", got_sig == SIGSEGV, got_sig);
    check("hlt: SI_KERNEL", got_code == 0x80, got_code);
    check("hlt: si_addr 0", got_addr == 0, (long)got_addr);
    check("hlt: rip at it", got_rip == at, 0);
    check("hlt: trapno 13", got_trapno == 13, got_trapno);

    got_sig = 0;
    at = RUN_FAULT("int3");
    check("int3: SIGTRAP", got_sig == SIGTRAP, got_sig);
    check("int3: SI_KERNEL", got_code == 0x80, got_code);
    check("int3: rip after it", got_rip == at + 1, (long)(got_rip - at));
    check("int3: trapno 3", got_trapno == 3, got_trapno);

    got_sig = 0;
    at = RUN_FAULT("div %%ecx");
    check("div 0: SIGFPE", got_sig == SIGFPE, got_sig);
    check("div 0: FPE_INTDIV", got_code == 1, got_code);
    check("div 0: si_addr = rip", got_addr == at && got_rip == at, 0);
    check("div 0: trapno 0", got_trapno == 0, got_trapno);

    got_sig = 0;
    __asm__ volatile("lea 1f(%%rip), %%rax\n"
                     "mov %%rax, resume_at(%%rip)\n"
                     "movabs $0x8000000000000010, %%rdx\n"
                     "lea 9f(%%rip), %0\n"
                     "9: mov (%%rdx), %%eax\n"
                     "1:\n"
                     : "=&r"(at) : : "rax", "rdx", "memory");
    check("non-canonical load: SIGSEGV", got_sig == SIGSEGV, got_sig);
    check("non-canonical load: SI_KERNEL", got_code == 0x80, got_code);
    check("non-canonical load: si_addr 0", got_addr == 0, (long)got_addr);
    check("non-canonical load: rip at it", got_rip == at, 0);
    check("non-canonical load: trapno 13", got_trapno == 13, got_trapno);
    put(failures ? "traps: FAILED\n" : "traps: all ok\n");
    return failures;
}
