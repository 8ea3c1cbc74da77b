/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The linux-user system call layer: a table indexed by guest syscall
 * number, filled from one list per family (syscall-file.c, -stat.c, ...).
 * Handlers return the guest result: a value or a negative guest errno.
 * x86-64 and riscv64 both use the asm-generic errno numbers, so a host
 * -errno is the guest's -errno (checked in syscall.c).
 */
#ifndef USER_SYSCALL_H
#define USER_SYSCALL_H

#include <errno.h>
#include <stdint.h>

#include "cpu/cpu.h"
#include "user/guest-access.h"

typedef struct UserSyscallArgs {
    CPU *cpu;
    int nr;
    abi_ulong a[6];
} UserSyscallArgs;

typedef abi_long (*UserSyscallFn)(const UserSyscallArgs *args);

typedef struct UserSyscallDef {
    int nr;
    UserSyscallFn fn;
    /*
     * How -strace prints the arguments, one letter each: d signed, u
     * unsigned, x hex, o octal, p pointer, s guest string, f fd
     * (AT_FDCWD aware), F address family, T socket type and flags, A
     * guest sockaddr whose length is the next argument.
     */
    const char *args;
} UserSyscallDef;

/* The families; each list ends with a NULL fn. */
extern const UserSyscallDef user_syscalls_file[];
extern const UserSyscallDef user_syscalls_stat[];
extern const UserSyscallDef user_syscalls_time[];
extern const UserSyscallDef user_syscalls_process[];
extern const UserSyscallDef user_syscalls_memory[];
extern const UserSyscallDef user_syscalls_signal[];
extern const UserSyscallDef user_syscalls_futex[];
extern const UserSyscallDef user_syscalls_poll[];
extern const UserSyscallDef user_syscalls_socket[];
extern const UserSyscallDef user_syscalls_sockmsg[];
extern const UserSyscallDef user_syscalls_sockopt[];
extern const UserSyscallDef user_syscalls_fd[];
/* The target's own calls (user/<target>/syscall-arch.c). */
extern const UserSyscallDef user_syscalls_arch[];

/* Build the table (once, before the first guest instruction). */
void user_syscall_init(void);
/* Run guest syscall nr; never exits the emulator except for exit/exit_group. */
abi_long user_syscall_dispatch(CPU *cpu, int nr, const abi_ulong args[6]);
/* The guest name of syscall nr, or NULL. */
const char *user_syscall_name(int nr);
/* The handler definition for nr, or NULL if unimplemented. */
const UserSyscallDef *user_syscall_lookup(int nr);

/* -strace: print the call before and the result after. */
void user_strace_pre(const UserSyscallDef *def, int nr,
                     const abi_ulong args[6]);
void user_strace_post(abi_long ret);

/*
 * Run handler fn with other arguments: the old calls some targets keep
 * (open, stat, pipe, ...) as the modern call they are (openat, ...).
 */
static inline abi_long user_syscall_as(const UserSyscallArgs *a,
                                       UserSyscallFn fn, abi_ulong a0,
                                       abi_ulong a1, abi_ulong a2,
                                       abi_ulong a3, abi_ulong a4)
{
    UserSyscallArgs b = { .cpu = a->cpu, .nr = a->nr,
                          .a = { a0, a1, a2, a3, a4, 0 } };

    return fn(&b);
}

/* AT_FDCWD as a guest argument (-100 on every Linux target). */
#define USER_AT_FDCWD ((abi_ulong)(abi_long)-100)

/* A host libc result (-1 + errno) as a guest result. */
static inline abi_long user_host_ret(long r)
{
    return r < 0 ? -(abi_long)errno : r;
}

/*
 * Read guest path at addr and map it through the -L prefix. Returns the
 * host path (buf or a pointer into it) or NULL with *err set.
 */
const char *user_path_from_guest(abi_ulong addr, char *buf, size_t size,
                                 int *err);

#endif
