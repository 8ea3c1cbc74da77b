/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Guest signal state. This session records the guest's dispositions and
 * mask (rt_sigaction, rt_sigprocmask, sigaltstack) and applies ignore /
 * default dispositions and the blocked mask to the host, so SIGPIPE
 * ignoring and blocking work; delivering a signal to a guest handler
 * (signal frame, rt_sigreturn) is not done yet (docs/linux-user.md).
 */
#ifndef USER_USER_SIGNAL_H
#define USER_USER_SIGNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu/cpu.h"
#include "user/guest-access.h"
#include "user/riscv64/target-structs.h"

/* Install the host handlers for faults in guest code. */
void user_signal_init(void);

/* rt_sigaction: old/new may be NULL. 0 or -errno. */
int user_signal_action(int sig, const struct target_sigaction *act,
                       struct target_sigaction *old);
/* rt_sigprocmask on the guest's 64-bit mask. 0 or -errno. */
int user_signal_procmask(int how, const uint64_t *set, uint64_t *old);

/* True if the guest installed a handler for sig. */
bool user_signal_has_handler(int sig);

/*
 * A synchronous guest fault (SIGSEGV, SIGILL, ...) at pc: without a guest
 * handler the guest dies: one line and exit status 128 + sig, as a
 * shell reports a killed process. Never returns.
 */
void user_signal_fatal(int sig, uint64_t pc, uint64_t addr)
    __attribute__((noreturn));

#endif
