/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * x86-64's side of the guest CPU loop (user/cpu-loop.c): SYSCALL is a
 * system call (number
 * in rax, arguments rdi rsi rdx r10 r8 r9, result in rax; the front end
 * already set rcx/r11 and left rip after the instruction); faults become
 * the signals Linux x86-64 sends; a call into the legacy vsyscall page
 * is emulated as Linux's vsyscall=emulate does.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>

#include "cpu/x86/cpu.h"
#include "cpu/x86/fpu-state.h"
#include "cpu/x86/helper.h"
#include "syscall-numbers.h"
#include "target-cpu.h"
#include "user/cpu-loop.h"
#include "user/syscall.h"
#include "user/user-mmap.h"
#include "user/user-process.h"
#include "user/user-signal.h"
#include "user/x86_64/trap-info.h"
#include "util/cutils.h"
#include "util/error.h"

/* si_code values (asm-generic siginfo.h) used only here. */
enum {
    TARGET_SI_KERNEL = 0x80,
    TARGET_ILL_ILLOPN = 2,
    TARGET_FPE_INTDIV = 1,      /* the FP codes: x86_fpe_si_code() */
    TARGET_BUS_ADRERR = 2,
};

/* The legacy vsyscall page: gettimeofday, time, getcpu entry points. */
#define VSYSCALL_BASE 0xffffffffff600000ull

__thread X86UserTrap x86_user_trap;

uint64_t target_elf_hwcap(void)
{
    /* CPUID.1 EDX as the guest's CPUID reports it. */
    static X86CPUState probe;

    probe.regs[R_EAX] = 1;
    probe.regs[R_ECX] = 0;
    helper_x86_cpuid(&probe);
    return (uint32_t)probe.regs[R_EDX];
}

/*
 * A call to a vsyscall entry faults on fetch at it. Do the system call
 * and return to the caller (rip = the word at rsp, rsp += 8). False if
 * this is not a vsyscall (the fault goes to the guest as usual).
 */
static bool vsyscall_emulate(CPU *cpu)
{
    CPUArchState *env = cpu->arch;
    abi_ulong args[6] = { env->regs[R_EDI], env->regs[R_ESI],
                          env->regs[R_EDX], 0, 0, 0 };
    uint64_t ret_addr;
    int nr;

    if (env->fault_addr != env->rip ||
        env->rip - VSYSCALL_BASE >= USER_PAGE_SIZE) {
        return false;
    }
    switch (env->rip - VSYSCALL_BASE) {
    case 0x000:
        nr = TARGET_NR_gettimeofday;
        break;
    case 0x400:
        nr = TARGET_NR_time;
        break;
    case 0x800:
        nr = TARGET_NR_getcpu;
        break;
    default:
        return false;   /* a jump into the middle of the page: SIGSEGV */
    }
    if (user_copy_from_guest(&ret_addr, env->regs[R_ESP],
                             sizeof(ret_addr)) < 0) {
        return false;
    }
    env->regs[R_EAX] = (uint64_t)user_syscall_dispatch(cpu, nr, args);
    env->rip = ret_addr;
    env->regs[R_ESP] += 8;
    return true;
}

/* A guest exception as the x86-64 kernel reports it; delivered at once. */
void target_cpu_loop_fault(CPU *cpu, int excp)
{
    CPUArchState *env = cpu->arch;
    int sig = SIGSEGV, code = TARGET_SI_KERNEL;
    uint64_t addr = 0;

    x86_user_trap.trapno = (uint64_t)excp;
    x86_user_trap.err = 0;
    switch (excp) {
    case X86_EXCP_PF:
        if (vsyscall_emulate(cpu)) {
            return;
        }
        addr = env->fault_addr;
        x86_user_trap.err = env->error_code & 0xffffffffu;
        x86_user_trap.cr2 = addr;
        if (env->error_code & X86_USER_PF_SIGBUS) {
            /* past the end of a mapped file */
            sig = SIGBUS;
            code = TARGET_BUS_ADRERR;
        } else {
            /* MAPERR where nothing is mapped, ACCERR (and the error
             * code's present bit) where the page lacks the permission. */
            bool mapped = user_page_get_prot(addr) >= 0;

            code = mapped ? TARGET_SEGV_ACCERR : TARGET_SEGV_MAPERR;
            x86_user_trap.err |= mapped;
        }
        break;
    case X86_EXCP_GP:
        /* SI_KERNEL, address 0: what Linux says for a user #GP */
        x86_user_trap.err = env->error_code & 0xffffffffu;
        break;
    case X86_EXCP_DE:
        sig = SIGFPE;
        code = TARGET_FPE_INTDIV;
        addr = env->rip;
        break;
    case X86_EXCP_MF:
        sig = SIGFPE;
        code = x86_fpe_si_code(x86_fpu_get_fsw(env) & ~env->fpuc & 0x3f);
        addr = env->rip;
        break;
    case X86_EXCP_XM:
        sig = SIGFPE;
        code = x86_fpe_si_code(env->mxcsr & ~(env->mxcsr >> 7) & 0x3f);
        addr = env->rip;
        break;
    case X86_EXCP_BP:
        /* INT3 (rip after it): SIGTRAP, SI_KERNEL as Linux's do_int3 */
        sig = SIGTRAP;
        break;
    default:
        if (excp != X86_EXCP_UD) {
            error_report("unexpected guest exception %d at rip 0x%llx", excp,
                         (unsigned long long)env->rip);
        }
        sig = SIGILL;
        code = TARGET_ILL_ILLOPN;
        addr = env->rip;
        break;
    }
    user_signal_raise_fault(cpu, sig, code, addr);
}

int user_cpu_loop_run(const UserImage *img, const UserCpuOptions *opts)
{
    CPU *cpu = xzalloc(sizeof(*cpu));
    CPUArchState *env;

    /* X86CPUState holds 32-byte aligned vector registers. */
    if (posix_memalign((void **)&env, 64, sizeof(*env))) {
        error_report("out of memory for the guest CPU");
        return -ENOMEM;
    }
    cpu->arch = env;
    x86_tcg_cpu_reset_user(env);
    /*
     * The ELF entry ABI (x86-64 psABI 3.4.1): rsp at argc, rdx = 0 (no
     * function for the program to register with atexit), the rest zero.
     */
    env->rip = img->entry;
    env->regs[R_ESP] = img->sp;
    env->regs[R_EDX] = 0;

    return user_cpu_loop_start(cpu, &x86_64_tcg_ops, opts);
}

bool target_cpu_syscall_args(CPU *cpu, int excp, int *nr,
                             abi_ulong args[6])
{
    CPUArchState *env = cpu->arch;

    if (excp != X86_EXCP_SYSCALL) {
        return false;
    }
    /* SYSCALL: number in rax, arguments rdi rsi rdx r10 r8 r9, result in
     * rax; rip is past the instruction already */
    args[0] = env->regs[R_EDI];
    args[1] = env->regs[R_ESI];
    args[2] = env->regs[R_EDX];
    args[3] = env->regs[R_R10];
    args[4] = env->regs[R_R8];
    args[5] = env->regs[R_R9];
    *nr = (int)env->regs[R_EAX];
    return true;
}
