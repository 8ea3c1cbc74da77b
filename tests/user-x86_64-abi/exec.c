/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * execve of an x86-64 program (argv[1]) and of a #! script (argv[2])
 * whose interpreter is one: each runs with the arguments given here,
 * under Janus when we run under Janus (the exec'd auxv program then
 * reports no vDSO). fork, execve, wait4; the children's output follows
 * ours.
 */
#include "sys.h"

enum { NR_fork = 57, NR_execve = 59, NR_wait4 = 61 };

static long run(char *path, char **argv, char **envp)
{
    int status = 0;
    long pid = sys0(NR_fork);

    if (pid == 0) {
        long r = sys3(NR_execve, path, argv, envp);

        put("execve failed: ");
        put_dec(r);
        put("\n");
        sys_exit_group(127);
    }
    sys4(NR_wait4, pid, &status, 0, 0);
    return (status >> 8) & 0xff;
}

int test_main(long *sp)
{
    long argc = sp[0];
    char **argv = (char **)&sp[1];
    char **envp = &argv[argc + 1];
    long st;

    if (argc < 3) {
        put("usage: exec PROGRAM SCRIPT\n");
        return 2;
    }
    {
        char *args[] = { argv[1], "from-exec", 0 };

        st = run(argv[1], args, envp);
        check("exec of an ELF program", st == 0, st);
    }
    {
        char *args[] = { argv[2], "script-arg", 0 };

        st = run(argv[2], args, envp);
        check("exec of a #! script", st == 0, st);
    }
    {
        char *args[] = { "/nonexistent", 0 };

        st = sys3(NR_execve, "/nonexistent/prog", args, envp);
        check("exec of a missing file is ENOENT", st == -2, st);
    }
    return failures;
}
