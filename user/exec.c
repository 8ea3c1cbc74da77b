/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * execve for the guest. A program for our target (or a #! script whose
 * interpreter is one) is not handed to the host kernel, even where the
 * host could run it (x86-64 on x86-64): it is run
 * under Janus again: execve of our own binary (/proc/self/exe) with the
 * options that shape the guest's view (-L, -strace, -d, -one-insn-per-tb),
 * -0 for the guest's argv[0], and the program. Anything else (host
 * programs, scripts for host interpreters) is executed directly.
 *
 * Paths go through the -L prefix as open's do. -D and -s do not carry
 * over: the new process logs to stderr and gets the default stack.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "accel/tcg/tcg.h"
#include "accel/tcg/tcg-exec.h"
#include "target-cpu.h"
#include "target-structs.h"
#include "user/syscall.h"
#include "user/user-log.h"
#include "user/user-path.h"
#include "user/user-process.h"
#include "util/cutils.h"

#define EXEC_MAX_STRINGS 65536          /* per vector, like a sane ARG_MAX */
#define EXEC_MAX_STRLEN (128 * 1024)    /* the kernel's MAX_ARG_STRLEN */

typedef struct ExecVec {
    char **v;
    int n, cap;
} ExecVec;

static void exec_vec_push(ExecVec *e, char *s)
{
    if (e->n + 2 > e->cap) {
        e->cap = e->cap ? e->cap * 2 : 32;
        e->v = xrealloc(e->v, e->cap * sizeof(char *));
    }
    e->v[e->n++] = s;
    e->v[e->n] = NULL;
}

static void exec_vec_free(ExecVec *e)
{
    for (int i = 0; i < e->n; i++) {
        free(e->v[i]);
    }
    free(e->v);
}

/* Copy the guest's NULL-terminated string vector at addr (0: empty). */
static int exec_vec_from_guest(ExecVec *e, abi_ulong addr)
{
    char *buf;
    int ret = 0;

    e->cap = 32;
    e->v = xzalloc(e->cap * sizeof(char *));    /* an empty vector */
    if (!addr) {
        return 0;
    }
    buf = xzalloc(EXEC_MAX_STRLEN);
    for (int i = 0;; i++) {
        abi_ulong p;
        ssize_t len;

        if (i >= EXEC_MAX_STRINGS) {
            ret = -E2BIG;
            break;
        }
        if (user_copy_from_guest(&p, addr + i * sizeof(p), sizeof(p)) < 0) {
            ret = -EFAULT;
            break;
        }
        if (!p) {
            break;
        }
        len = user_string_from_guest(buf, EXEC_MAX_STRLEN, p);
        if (len < 0) {
            ret = len == -ENAMETOOLONG ? -E2BIG : (int)len;
            break;
        }
        exec_vec_push(e, xstrdup(buf));
    }
    free(buf);
    return ret;
}

/* 1 if host file path is an ELF64 little-endian ELF for our target, 0 if not,
 * -errno if it cannot be read. */
static int exec_is_guest_elf(const char *path)
{
    unsigned char h[64];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    ssize_t n;

    if (fd < 0) {
        return -errno;
    }
    n = read(fd, h, sizeof(h));
    close(fd);
    if (n < 20) {
        return 0;
    }
    return !memcmp(h, "\177ELF", 4) && h[4] == 2 && h[5] == 1 &&
           (h[18] | h[19] << 8) == TARGET_ELF_MACHINE;
}

/*
 * If host file path starts with "#!", split the line into the interpreter
 * and its optional argument (both xstrdup'd). Returns 1 if so, 0 if not a
 * script, -errno.
 */
static int exec_script_parse(const char *path, char **interp, char **arg)
{
    char line[256];
    char *p, *end;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    ssize_t n;

    if (fd < 0) {
        return -errno;
    }
    n = read(fd, line, sizeof(line) - 1);
    close(fd);
    if (n < 2 || line[0] != '#' || line[1] != '!') {
        return 0;
    }
    line[n] = 0;
    end = strchr(line, '\n');
    if (end) {
        *end = 0;
    }
    p = line + 2;
    p += strspn(p, " \t");
    end = p + strcspn(p, " \t");
    if (end == p) {
        return -ENOEXEC;
    }
    *interp = strndup(p, end - p);
    p = end + strspn(end, " \t");
    /* the rest of the line is one argument, trailing blanks dropped */
    end = p + strlen(p);
    while (end > p && (end[-1] == ' ' || end[-1] == '\t')) {
        end--;
    }
    *arg = end > p ? strndup(p, end - p) : NULL;
    return 1;
}

/* Our own options that must hold in the new Janus process too. */
static void exec_push_janus_options(ExecVec *e, CPU *cpu)
{
    static const struct { unsigned mask; const char *name; } items[] = {
        { USER_LOG_IN_ASM, "in_asm" }, { USER_LOG_OP, "op" },
        { USER_LOG_OP_OPT, "op_opt" }, { USER_LOG_OUT_ASM, "out_asm" },
        { USER_LOG_EXEC, "exec" }, { USER_LOG_UNIMP, "unimp" },
    };
    const char *prefix = user_path_get_prefix();
    char list[128] = "";

    exec_vec_push(e, xstrdup(TARGET_PROGNAME));
    if (prefix && *prefix) {
        exec_vec_push(e, xstrdup("-L"));
        exec_vec_push(e, xstrdup(prefix));
    }
    if (user_log_enabled(USER_LOG_STRACE)) {
        exec_vec_push(e, xstrdup("-strace"));
    }
    for (size_t i = 0; i < ARRAY_SIZE(items); i++) {
        if (user_log_mask & items[i].mask) {
            if (list[0]) {
                strcat(list, ",");
            }
            strcat(list, items[i].name);
        }
    }
    if (list[0]) {
        exec_vec_push(e, xstrdup("-d"));
        exec_vec_push(e, xstrdup(list));
    }
    if (cpu && ((TCGCPUState *)cpu->accel_state)->one_insn_per_tb) {
        exec_vec_push(e, xstrdup("-one-insn-per-tb"));
    }
}

static abi_long exec_host(const char *path, char **argv, char **envp)
{
    fflush(stdout);
    fflush(user_log_file());
    execve(path, argv, envp);
    return -errno;
}

abi_long user_process_execve(CPU *cpu, abi_ulong path_addr,
                             abi_ulong argv_addr, abi_ulong envp_addr)
{
    char buf[PATH_MAX], ibuf[PATH_MAX], guest_path[PATH_MAX];
    char *interp = NULL, *interp_arg = NULL;
    const char *path, *interp_host = NULL;
    ExecVec argv = { 0 }, envp = { 0 }, jv = { 0 };
    int err, guest, script;
    abi_long ret;

    path = user_path_from_guest(path_addr, buf, sizeof(buf), &err);
    if (!path) {
        return err;
    }
    if (user_string_from_guest(guest_path, sizeof(guest_path),
                               path_addr) < 0) {
        return -EFAULT;
    }
    if (!strcmp(path, "/proc/self/exe") && user_process_image) {
        path = user_process_image->exec_path;   /* the guest program */
    }
    if (access(path, X_OK) < 0) {
        return -errno;
    }
    ret = exec_vec_from_guest(&argv, argv_addr);
    if (ret == 0) {
        ret = exec_vec_from_guest(&envp, envp_addr);
    }
    if (ret < 0) {
        goto out;
    }
    guest = exec_is_guest_elf(path);
    script = guest ? 0 : exec_script_parse(path, &interp, &interp_arg);
    if (guest < 0 || script < 0) {
        ret = guest < 0 ? guest : script;
        goto out;
    }
    if (script) {
        interp_host = user_path_map(interp, ibuf, sizeof(ibuf));
        guest = exec_is_guest_elf(interp_host) == 1;
    }
    if (!guest) {
        /* host program, or a script for a host interpreter */
        ret = exec_host(path, argv.v, envp.v);
        goto out;
    }

    exec_push_janus_options(&jv, cpu);
    exec_vec_push(&jv, xstrdup("-0"));
    if (script) {
        /* the kernel's #! rule: interp [arg] script-path argv[1..] */
        exec_vec_push(&jv, xstrdup(interp));
        exec_vec_push(&jv, xstrdup("--"));
        exec_vec_push(&jv, xstrdup(interp_host));
        if (interp_arg) {
            exec_vec_push(&jv, xstrdup(interp_arg));
        }
        /* as the guest named it: the interpreter opens it as a guest */
        exec_vec_push(&jv, xstrdup(guest_path));
    } else {
        exec_vec_push(&jv, xstrdup(argv.n ? argv.v[0] : ""));
        exec_vec_push(&jv, xstrdup("--"));
        exec_vec_push(&jv, xstrdup(path));
    }
    for (int i = 1; i < argv.n; i++) {
        exec_vec_push(&jv, xstrdup(argv.v[i]));
    }
    ret = exec_host("/proc/self/exe", jv.v, envp.v);
    exec_vec_free(&jv);
out:
    exec_vec_free(&argv);
    exec_vec_free(&envp);
    free(interp);
    free(interp_arg);
    return ret;
}
