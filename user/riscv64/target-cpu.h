/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the shared linux-user code (the user/ sources, built once per
 * target with -Iuser/<target>) needs to know about the riscv64 CPU:
 * where the system call result, pc, sp and thread pointer live, how a
 * new thread or fork child starts, how a host memory fault becomes a
 * guest exception, and the ELF identity of riscv64 programs.
 */
#ifndef USER_RISCV64_TARGET_CPU_H
#define USER_RISCV64_TARGET_CPU_H

#include <elf.h>
#include <stdbool.h>
#include <stdint.h>

#include "accel/tcg/tcg.h"
#include "accel/tcg/tcg-exec.h"
#include "cpu/cpu.h"
#include "cpu/riscv/cpu.h"
#include "user/user-signal.h"

#define TARGET_NAME "riscv64"
#define TARGET_PROGNAME "janus-riscv64"
#define TARGET_DEFAULT_PREFIX "/usr/riscv64-linux-gnu"
#define TARGET_CPU_MODEL "rv64"
#define TARGET_CPU_HELP                                                  \
    "Available CPUs:\n  rv64   RV64IMAFDC, Zicsr, Zifencei, Zba, Zbb, "  \
    "Zbs (user mode)\n  any    same as rv64\n"
/* clone(flags, stack, ptid, tls, ctid): CONFIG_CLONE_BACKWARDS order. */
#define TARGET_CLONE_TLS_BEFORE_CTID 1
/* Handlers return through a trampoline page we map (ra points there). */
#define TARGET_SIGRETURN_TRAMPOLINE 1

enum { TARGET_REG_RA = 1, TARGET_REG_SP = 2, TARGET_REG_TP = 4,
       TARGET_REG_A0 = 10 };

static inline uint64_t target_cpu_get_pc(const CPUArchState *env)
{
    return env->pc;
}

static inline uint64_t target_cpu_get_sp(const CPUArchState *env)
{
    return env->gpr[TARGET_REG_SP];
}

static inline void target_cpu_set_syscall_ret(CPUArchState *env,
                                              uint64_t ret)
{
    env->gpr[TARGET_REG_A0] = ret;
}

/* Re-execute the interrupted ecall: pc back on it, a0 = its argument
 * (the number is still in a7). */
static inline void target_cpu_syscall_restart(CPUArchState *env, int nr,
                                              uint64_t arg0)
{
    (void)nr;
    env->pc -= 4;
    env->gpr[TARGET_REG_A0] = arg0;
}

static inline void target_cpu_set_tls(CPUArchState *env, uint64_t tls)
{
    env->gpr[TARGET_REG_TP] = tls;
}

/* A clone child: returns 0, on stack if non-zero, no LR reservation. */
static inline void target_cpu_clone_child(CPUArchState *env, uint64_t stack)
{
    env->gpr[TARGET_REG_A0] = 0;
    if (stack) {
        env->gpr[TARGET_REG_SP] = stack;
    }
    env->load_res = (uint64_t)-1;
}

/*
 * A host SIGSEGV or SIGBUS at guest address addr while the guest ran:
 * raise the matching guest exception (does not return). A non-canonical
 * host address (no address known) is a page fault at addr as given.
 */
static inline void target_cpu_raise_mem_fault(CPU *cpu, uint64_t addr,
                                              bool write, UserMemFault kind)
{
    cpu->arch->badaddr = addr;
    tcg_raise_exception(cpu, kind == USER_MEM_FAULT_BUS
                        ? (write ? RISCV_EXCP_STORE_AMO_ADDR_MIS
                                 : RISCV_EXCP_LOAD_ADDR_MIS)
                        : (write ? RISCV_EXCP_STORE_PAGE_FAULT
                                 : RISCV_EXCP_LOAD_PAGE_FAULT),
                        1 /* restore from the current insn_start (the
                             interpreter); the code generator will pass
                             REG_RIP */);
}

/* ELF: the e_flags riscv64 programs may carry; NULL if fine, else why. */
static inline const char *target_elf_check_flags(uint32_t flags)
{
    return (flags & EF_RISCV_RVE) ? "RV64E binaries are not supported"
                                  : NULL;
}

/* AT_HWCAP: one bit per single-letter extension, bit = letter - 'A'. */
#define TARGET_HWCAP_LETTER(c) (1ull << ((c) - 'A'))
static inline uint64_t target_elf_hwcap(void)
{
    return TARGET_HWCAP_LETTER('I') | TARGET_HWCAP_LETTER('M') |
           TARGET_HWCAP_LETTER('A') | TARGET_HWCAP_LETTER('F') |
           TARGET_HWCAP_LETTER('D') | TARGET_HWCAP_LETTER('C');
}

#endif
