/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the shared linux-user code (the user/ sources, built once per
 * target with -Iuser/<target>) needs to know about the x86-64 CPU:
 * where the system call result, rip, rsp and the TLS base (fs_base)
 * live, how a new thread or fork child starts, how a host memory fault
 * becomes a guest exception, and the ELF identity of x86-64 programs.
 */
#ifndef USER_X86_64_TARGET_CPU_H
#define USER_X86_64_TARGET_CPU_H

#include <stdbool.h>
#include <stdint.h>

#include "accel/tcg/tcg.h"
#include "accel/tcg/tcg-exec.h"
#include "cpu/cpu.h"
#include "cpu/x86/cpu.h"
#include "user/user-signal.h"

#define TARGET_NAME "x86_64"
#define TARGET_PROGNAME "janus-x86_64"
/* Debian's amd64 cross sysroot, used when present; otherwise the host's
 * own libraries (an x86-64 host has them at /). */
#define TARGET_DEFAULT_PREFIX "/usr/x86_64-linux-gnu"
#define TARGET_CPU_MODEL "x86-64"
#define TARGET_CPU_HELP                                                  \
    "Available CPUs:\n  x86-64 64-bit user mode, the instructions "     \
    "CPUID reports (docs/x86.md)\n  any    same as x86-64\n"

/* A host SIGBUS (not SIGSEGV) behind a #PF: error_code carries this
 * software bit so the CPU loop gives the guest SIGBUS too. */
#define X86_USER_PF_SIGBUS (1ull << 32)

static inline uint64_t target_cpu_get_pc(const CPUArchState *env)
{
    return env->rip;
}

static inline uint64_t target_cpu_get_sp(const CPUArchState *env)
{
    return env->regs[R_ESP];
}

static inline void target_cpu_set_syscall_ret(CPUArchState *env,
                                              uint64_t ret)
{
    env->regs[R_EAX] = ret;
}

/* Re-execute the interrupted SYSCALL (2 bytes, 0F 05): rip back on it,
 * rax = the number again (the arguments are still in their registers;
 * rcx/r11 are rewritten by the SYSCALL itself). */
static inline void target_cpu_syscall_restart(CPUArchState *env, int nr,
                                              uint64_t arg0)
{
    (void)arg0;
    env->rip -= 2;
    env->regs[R_EAX] = (uint64_t)nr;
}

/* CLONE_SETTLS and arch_prctl(ARCH_SET_FS): the FS base. */
static inline void target_cpu_set_tls(CPUArchState *env, uint64_t tls)
{
    env->fs_base = tls;
}

/* A clone child: returns 0, on stack if non-zero. */
static inline void target_cpu_clone_child(CPUArchState *env, uint64_t stack)
{
    env->regs[R_EAX] = 0;
    if (stack) {
        env->regs[R_ESP] = stack;
    }
}

/*
 * A host SIGSEGV or SIGBUS at guest address addr while the guest ran:
 * #PF with the address in fault_addr (CR2) and a user-mode error code,
 * or #GP for a non-canonical address (does not return).
 */
static inline void target_cpu_raise_mem_fault(CPU *cpu, uint64_t addr,
                                              bool write, UserMemFault kind)
{
    if (kind == USER_MEM_FAULT_NONCANONICAL) {
        cpu->arch->error_code = 0;
        tcg_raise_exception(cpu, X86_EXCP_GP, 1);
    }
    cpu->arch->fault_addr = addr;
    cpu->arch->error_code = 4 | (write ? 2 : 0) |
                            (kind == USER_MEM_FAULT_BUS ? X86_USER_PF_SIGBUS
                                                        : 0);
    tcg_raise_exception(cpu, X86_EXCP_PF, 1);
}

/* ELF: x86-64 programs carry no e_flags we must refuse. */
static inline const char *target_elf_check_flags(uint32_t flags)
{
    (void)flags;
    return NULL;
}

/* AT_HWCAP: CPUID.1 EDX, as our CPUID reports it (user/x86_64/cpu-loop.c). */
uint64_t target_elf_hwcap(void);

/* AT_MINSIGSTKSZ: the room our signal frame needs. */
uint64_t target_signal_frame_size(void);
#define TARGET_AT_MINSIGSTKSZ target_signal_frame_size()

#endif
