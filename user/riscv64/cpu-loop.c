/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * riscv64's side of the guest CPU loop (user/cpu-loop.c): ecall is a
 * system call (number in
 * a7, arguments a0..a5, result in a0), faults become guest signals.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>

#include "accel/tcg/tcg.h"
#include "accel/tcg/tcg-exec.h"
#include "cpu/riscv/cpu.h"
#include "user/cpu-loop.h"
#include "user/syscall.h"
#include "user/user-mmap.h"
#include "user/user-process.h"
#include "user/user-signal.h"
#include "util/cutils.h"
#include "util/error.h"

enum { REG_SP = 2, REG_A0 = 10, REG_A7 = 17 };

/*
 * A guest exception as the riscv kernel reports it: signal, si_code and
 * si_addr (the faulting address for memory faults, the instruction for
 * illegal instructions and breakpoints); delivered at once.
 */
void target_cpu_loop_fault(CPU *cpu, int excp)
{
    CPUArchState *env = cpu->arch;
    int sig = SIGSEGV, code = TARGET_SEGV_MAPERR;
    uint64_t addr = env->badaddr;

    switch (excp) {
    case RISCV_EXCP_BREAKPOINT:
        sig = SIGTRAP;
        code = TARGET_TRAP_BRKPT;
        addr = env->pc;
        break;
    case RISCV_EXCP_INST_ADDR_MIS:
    case RISCV_EXCP_LOAD_ADDR_MIS:
    case RISCV_EXCP_STORE_AMO_ADDR_MIS:
        sig = SIGBUS;
        code = TARGET_BUS_ADRALN;
        break;
    case RISCV_EXCP_INST_ACCESS_FAULT:
    case RISCV_EXCP_INST_PAGE_FAULT:
        /* badaddr: the pc, or the next page for an instruction whose
         * second half is not fetchable (the kernel reports stval) */
    case RISCV_EXCP_LOAD_ACCESS_FAULT:
    case RISCV_EXCP_STORE_AMO_ACCESS_FAULT:
    case RISCV_EXCP_LOAD_PAGE_FAULT:
    case RISCV_EXCP_STORE_PAGE_FAULT:
        /* MAPERR where nothing is mapped, ACCERR where the guest's page
         * lacks the permission. */
        code = user_page_get_prot(addr) < 0 ? TARGET_SEGV_MAPERR
                                            : TARGET_SEGV_ACCERR;
        break;
    default:
        if (excp != RISCV_EXCP_ILLEGAL_INST) {
            error_report("unexpected guest exception %d at pc 0x%llx", excp,
                         (unsigned long long)env->pc);
        }
        sig = SIGILL;
        code = TARGET_ILL_ILLOPC;
        addr = env->pc;
        break;
    }
    user_signal_raise_fault(cpu, sig, code, addr);
}

int user_cpu_loop_run(const UserImage *img, const UserCpuOptions *opts)
{
    CPU *cpu = xzalloc(sizeof(*cpu));
    CPUArchState *env = xzalloc(sizeof(*env));

    cpu->arch = env;
    riscv_cpu_reset(env);
    /*
     * The ELF entry ABI: sp at argc, a0 = 0 (no rtld_fini for the
     * program to register), everything else zero.
     */
    env->pc = img->entry;
    env->gpr[REG_SP] = img->sp;
    env->gpr[REG_A0] = 0;

    return user_cpu_loop_start(cpu, &riscv64_tcg_ops, opts);
}

bool target_cpu_syscall_args(CPU *cpu, int excp, int *nr,
                             abi_ulong args[6])
{
    CPUArchState *env = cpu->arch;

    if (excp != RISCV_EXCP_U_ECALL) {
        return false;
    }
    /* ecall: number in a7, arguments a0..a5, result in a0 */
    for (int i = 0; i < 6; i++) {
        args[i] = env->gpr[REG_A0 + i];
    }
    *nr = (int)env->gpr[REG_A7];
    env->pc += 4;
    return true;
}
