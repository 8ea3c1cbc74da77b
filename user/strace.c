/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -strace: "PID name(args) = result" on the log stream, printed in two
 * halves so a call that never returns (exit, execve) still shows.
 */
#include "user/syscall.h"

#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "user/target-socket.h"
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

static const char *strace_family_name(unsigned family)
{
    switch (family) {
    case TARGET_AF_UNSPEC: return "AF_UNSPEC";
    case TARGET_AF_UNIX: return "AF_UNIX";
    case TARGET_AF_INET: return "AF_INET";
    case TARGET_AF_INET6: return "AF_INET6";
    case TARGET_AF_NETLINK: return "AF_NETLINK";
    case TARGET_AF_PACKET: return "AF_PACKET";
    default: return NULL;
    }
}

static void strace_family(FILE *f, abi_ulong v)
{
    const char *name = strace_family_name((unsigned)v);

    if (name) {
        fputs(name, f);
    } else {
        fprintf(f, "%" PRIu64, v);
    }
}

/* SOCK_STREAM|SOCK_CLOEXEC */
static void strace_socket_type(FILE *f, abi_ulong v)
{
    static const char *const types[] = {
        [1] = "SOCK_STREAM", [2] = "SOCK_DGRAM", [3] = "SOCK_RAW",
        [4] = "SOCK_RDM", [5] = "SOCK_SEQPACKET", [6] = "SOCK_DCCP",
        [10] = "SOCK_PACKET",
    };
    unsigned type = v & TARGET_SOCK_TYPE_MASK;
    abi_ulong rest = v & ~(abi_ulong)(TARGET_SOCK_TYPE_MASK |
                                      TARGET_SOCK_NONBLOCK |
                                      TARGET_SOCK_CLOEXEC);

    if (type < sizeof(types) / sizeof(types[0]) && types[type]) {
        fputs(types[type], f);
    } else {
        fprintf(f, "%u", type);
    }
    if (v & TARGET_SOCK_NONBLOCK) {
        fputs("|SOCK_NONBLOCK", f);
    }
    if (v & TARGET_SOCK_CLOEXEC) {
        fputs("|SOCK_CLOEXEC", f);
    }
    if (rest) {
        fprintf(f, "|0x%" PRIx64, rest);
    }
}

/* {AF_INET,127.0.0.1:80}, {AF_UNIX,"/path"}, {AF_UNIX,@"abstract"} */
static void strace_sockaddr(FILE *f, abi_ulong addr, abi_ulong len)
{
    uint8_t b[TARGET_SOCKADDR_MAX];
    uint16_t family;
    const char *name;

    if (!addr) {
        fputs("NULL", f);
        return;
    }
    if (len < sizeof(family) || len > sizeof(b) ||
        user_copy_from_guest(b, addr, len) < 0) {
        fprintf(f, "0x%" PRIx64, addr);
        return;
    }
    memcpy(&family, b, sizeof(family));
    name = strace_family_name(family);
    fputc('{', f);
    if (name) {
        fputs(name, f);
    } else {
        fprintf(f, "%u", family);
    }
    if (family == TARGET_AF_INET && len >= 8) {
        fprintf(f, ",%u.%u.%u.%u:%u", b[4], b[5], b[6], b[7],
                (unsigned)(b[2] << 8 | b[3]));
    } else if (family == TARGET_AF_INET6 && len >= 24) {
        fputs(",[", f);
        for (int i = 0; i < 16; i += 2) {
            fprintf(f, "%s%x", i ? ":" : "", (unsigned)(b[8 + i] << 8 |
                                                        b[9 + i]));
        }
        fprintf(f, "]:%u", (unsigned)(b[2] << 8 | b[3]));
    } else if (family == TARGET_AF_UNIX && len > 2) {
        size_t n = len - 2;
        bool abstract = b[2] == 0;
        const char *path = (const char *)b + 2 + abstract;

        n -= abstract;
        fprintf(f, ",%s\"%.*s\"", abstract ? "@" : "",
                (int)strnlen(path, n), path);
    }
    fputc('}', f);
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
        case 'F':
            strace_family(f, v);
            break;
        case 'T':
            strace_socket_type(f, v);
            break;
        case 'A':
            strace_sockaddr(f, v, i + 1 < 6 ? args[i + 1] : 0);
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
