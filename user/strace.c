/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -strace: "PID name(args) = result" on the log stream, printed in two
 * halves so a call that never returns (exit, execve) still shows.
 */
#include "user/syscall.h"

#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "user/user-log.h"

static void strace_string(FILE *f, abi_ulong addr)
{
    char buf[64];
    ssize_t n;

    if (!addr) {
        fputs("NULL", f);
        return;
    }
    n = user_string_from_guest(buf, sizeof(buf), addr);
    if (n == -EFAULT) {
        fprintf(f, "0x%" PRIx64, addr);
    } else if (n < 0) {
        buf[sizeof(buf) - 1] = 0;
        fprintf(f, "\"%s\"...", buf);
    } else {
        fprintf(f, "\"%s\"", buf);
    }
}

void user_strace_pre(const UserSyscallDef *def, int nr,
                     const abi_ulong args[6])
{
    FILE *f = user_log_file();
    const char *name = user_syscall_name(nr);
    const char *fmt = def && def->args ? def->args : "xxxxxx";

    flockfile(f);
    if (name) {
        fprintf(f, "%d %s(", (int)getpid(), name);
    } else {
        fprintf(f, "%d syscall_%d(", (int)getpid(), nr);
    }
    for (int i = 0; fmt[i] && i < 6; i++) {
        abi_ulong v = args[i];

        if (i) {
            fputc(',', f);
        }
        switch (fmt[i]) {
        case 'd':
            fprintf(f, "%" PRId64, (int64_t)v);
            break;
        case 'f':
            if ((int)v == AT_FDCWD) {
                fputs("AT_FDCWD", f);
            } else {
                fprintf(f, "%d", (int)v);
            }
            break;
        case 'u':
            fprintf(f, "%" PRIu64, v);
            break;
        case 'o':
            fprintf(f, "0%" PRIo64, v);
            break;
        case 's':
            strace_string(f, v);
            break;
        default:
            fprintf(f, "0x%" PRIx64, v);
            break;
        }
    }
    fputc(')', f);
    fflush(f);
    funlockfile(f);
}

void user_strace_post(abi_long ret)
{
    FILE *f = user_log_file();

    if (ret < 0 && ret >= -4095) {
        fprintf(f, " = -1 errno=%d (%s)\n", (int)-ret, strerror((int)-ret));
    } else {
        fprintf(f, " = %" PRId64 "\n", ret);
    }
    fflush(f);
}
