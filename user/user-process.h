/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Process-wide linux-user state the syscall families share: the loaded
 * image (for /proc/self/exe), how to leave, and guest threads
 * (threads.c).
 */
#ifndef USER_USER_PROCESS_H
#define USER_USER_PROCESS_H

#include "cpu/cpu.h"
#include "user/elfload.h"

/* The running program; set by main before the first instruction. */
extern UserImage *user_process_image;

/* Flush the logs and end the process with status (exit_group, fatal
 * guest signal, exit of the last thread). Never returns. */
void user_process_exit(int status) __attribute__((noreturn));

/* clone flags (the same generic values on riscv64 and x86-64). */
#define USER_CLONE_VM 0x00000100ull
#define USER_CLONE_FS 0x00000200ull
#define USER_CLONE_FILES 0x00000400ull
#define USER_CLONE_SIGHAND 0x00000800ull
#define USER_CLONE_VFORK 0x00004000ull
#define USER_CLONE_PARENT 0x00008000ull
#define USER_CLONE_THREAD 0x00010000ull
#define USER_CLONE_SYSVSEM 0x00040000ull
#define USER_CLONE_SETTLS 0x00080000ull
#define USER_CLONE_PARENT_SETTID 0x00100000ull
#define USER_CLONE_CHILD_CLEARTID 0x00200000ull
#define USER_CLONE_CHILD_SETTID 0x01000000ull
/* What every thread clone must carry (glibc's pthread_create). */
#define USER_CLONE_THREAD_FLAGS                                          \
    (USER_CLONE_VM | USER_CLONE_FS | USER_CLONE_FILES | USER_CLONE_SIGHAND | \
     USER_CLONE_THREAD | USER_CLONE_SYSVSEM)

/*
 * The per-target CPU loop new guest threads run (never returns); set by
 * user/<target>/cpu-loop.c before the first guest instruction.
 */
void user_thread_set_cpu_loop(void (*loop)(CPU *cpu));
/*
 * clone for a thread: USER_CLONE_THREAD_FLAGS plus any of SETTLS,
 * PARENT_SETTID, CHILD_SETTID, CHILD_CLEARTID (others: -EINVAL, logged
 * with -d unimp). Starts the child on a host thread with parent's
 * registers (a0 = 0, sp = stack, tp = tls) and returns its TID or -errno.
 */
abi_long user_thread_clone(CPU *parent, uint64_t flags, abi_ulong stack,
                           abi_ulong ptid, abi_ulong tls, abi_ulong ctid);
/* set_tid_address: the word cleared and woken at this thread's exit. */
void user_thread_set_clear_tid(abi_ulong addr);
/*
 * exit: end the calling guest thread (clear and wake its clear-tid word);
 * the last one ends the process with status. Never returns.
 */
void user_thread_exit(int status) __attribute__((noreturn));
/* In a fork child: only the calling thread is left. */
void user_thread_after_fork(void);

/*
 * execve(path, argv, envp) for the guest (exec.c): riscv64 programs and
 * scripts for riscv64 interpreters run under a new Janus, others
 * directly. Returns -errno on failure (the guest goes on).
 */
abi_long user_process_execve(CPU *cpu, abi_ulong path, abi_ulong argv,
                             abi_ulong envp);

#endif
