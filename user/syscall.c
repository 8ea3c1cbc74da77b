/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The system call dispatcher: one table indexed by guest number, built at
 * start-up from the family lists (explicitly, no constructors). An
 * unimplemented call returns -ENOSYS and, with -d unimp, says which.
 */
#include "user/syscall.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <string.h>

#include "syscall-numbers.h"
#include "user/user-log.h"
#include "user/user-path.h"
#include "util/cutils.h"
#include "util/error.h"

/* errno values are passed through unchanged: make sure they agree. */
_Static_assert(EPERM == 1 && ENOENT == 2 && EAGAIN == 11 && ENOSYS == 38 &&
               ENOTEMPTY == 39 && ELOOP == 40 && ENOTSUP == 95 &&
               ETIMEDOUT == 110, "host errno is not asm-generic");

static const UserSyscallDef *syscall_table[TARGET_NR_SYSCALLS];
static pthread_once_t syscall_once = PTHREAD_ONCE_INIT;

static const char *const syscall_names[TARGET_NR_SYSCALLS] = {
#define SYSCALL_NAME(name, nr) [nr] = #name,
    TARGET_SYSCALL_LIST(SYSCALL_NAME)
#undef SYSCALL_NAME
};

static const UserSyscallDef *const syscall_families[] = {
    user_syscalls_file, user_syscalls_stat, user_syscalls_time,
    user_syscalls_process, user_syscalls_memory, user_syscalls_signal,
    user_syscalls_futex, user_syscalls_poll, user_syscalls_socket,
    user_syscalls_sockmsg, user_syscalls_sockopt, user_syscalls_fd,
    user_syscalls_arch,
};

static void syscall_table_build(void)
{
    for (size_t f = 0; f < ARRAY_SIZE(syscall_families); f++) {
        for (const UserSyscallDef *d = syscall_families[f]; d->fn; d++) {
            if (d->nr < 0 || d->nr >= TARGET_NR_SYSCALLS ||
                syscall_table[d->nr]) {
                fatal_internal("syscall %d listed twice or out of range",
                               d->nr);
            }
            syscall_table[d->nr] = d;
        }
    }
}

void user_syscall_init(void)
{
    pthread_once(&syscall_once, syscall_table_build);
}

const char *user_syscall_name(int nr)
{
    return nr >= 0 && nr < TARGET_NR_SYSCALLS ? syscall_names[nr] : NULL;
}

const UserSyscallDef *user_syscall_lookup(int nr)
{
    user_syscall_init();
    return nr >= 0 && nr < TARGET_NR_SYSCALLS ? syscall_table[nr] : NULL;
}

abi_long user_syscall_dispatch(CPU *cpu, int nr, const abi_ulong args[6])
{
    const UserSyscallDef *def = user_syscall_lookup(nr);
    UserSyscallArgs a = { .cpu = cpu, .nr = nr };
    abi_long ret;

    if (user_log_enabled(USER_LOG_STRACE)) {
        user_strace_pre(def, nr, args);
    }
    if (!def) {
        const char *name = user_syscall_name(nr);

        if (user_log_enabled(USER_LOG_UNIMP)) {
            user_log("Unsupported syscall: %d (%s)\n", nr,
                     name ? name : "unknown");
        }
        ret = -ENOSYS;
    } else {
        memcpy(a.a, args, sizeof(a.a));
        ret = def->fn(&a);
    }
    if (user_log_enabled(USER_LOG_STRACE)) {
        user_strace_post(ret);
    }
    return ret;
}

const char *user_path_from_guest(abi_ulong addr, char *buf, size_t size,
                                 int *err)
{
    char guest[PATH_MAX];
    ssize_t n = user_string_from_guest(guest, sizeof(guest), addr);
    const char *host;
    size_t len;

    if (n < 0) {
        *err = (int)n;
        return NULL;
    }
    host = user_path_map(guest, buf, size);
    if (host != buf) {
        len = strlen(guest);
        if (len >= size) {
            *err = -ENAMETOOLONG;
            return NULL;
        }
        memcpy(buf, guest, len + 1);
    }
    return buf;
}
