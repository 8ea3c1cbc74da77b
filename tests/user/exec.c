/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * execve: fork + execve + wait of another riscv64 program, of a host
 * program, of a #! script whose interpreter is a riscv64 program, the
 * error cases, and finally an execve without fork replacing this
 * process. Usage: exec HELLO-PROGRAM TMPDIR; "show ARGS..." prints its
 * arguments (the script interpreter and the last exec).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static int show(int argc, char **argv)
{
    const char *v = getenv("JANUS_EXEC_VAR");

    printf("show argc=%d", argc);
    for (int i = 1; i < argc; i++) {
        /* a path argument from the script test varies; print its name */
        const char *slash = strrchr(argv[i], '/');

        printf(" [%s]", slash && i > 1 ? slash + 1 : argv[i]);
    }
    printf(" env=%s\n", v ? v : "(unset)");
    return 0;
}

static void run_child(const char *what, const char *path, char *const argv[],
                      char *const envp[])
{
    pid_t pid;
    int status;

    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        execve(path, argv, envp);
        printf("%s: execve failed: %s\n", what, strerror(errno));
        fflush(stdout);
        _exit(127);
    }
    if (waitpid(pid, &status, 0) != pid) {
        printf("%s: waitpid failed\n", what);
        return;
    }
    printf("%s: exited=%d status=%d\n", what, WIFEXITED(status),
           WEXITSTATUS(status));
}

int main(int argc, char **argv)
{
    char *envp[] = { "JANUS_EXEC_VAR=passed", NULL };
    char script[4096], self[4096];
    ssize_t n;
    int fd;

    if (argc > 1 && !strcmp(argv[1], "show")) {
        return show(argc, argv);
    }
    if (argc < 3) {
        fprintf(stderr, "usage: exec HELLO TMPDIR\n");
        return 2;
    }
    setvbuf(stdout, NULL, _IOFBF, 0);

    run_child("riscv64", argv[1], (char *[]){ "hello", NULL }, envp);
    run_child("host", "/bin/echo", (char *[]){ "echo", "host", "echo",
                                               NULL }, envp);
    n = readlink("/proc/self/exe", self, sizeof(self) - 1);
    if (n < 0) {
        printf("readlink: %s\n", strerror(errno));
        return 1;
    }
    self[n] = 0;
    snprintf(script, sizeof(script), "%s/script.sh", argv[2]);
    fd = open(script, O_WRONLY | O_CREAT | O_TRUNC, 0755);
    dprintf(fd, "#!%s show\necho this is not run\n", self);
    close(fd);
    run_child("script", script, (char *[]){ "script.sh", "one", "two",
                                            NULL }, envp);
    unlink(script);

    printf("missing: %d %s\n", execve("/nonexistent/prog", argv, envp),
           strerror(errno));
    fd = open(script, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    close(fd);
    printf("not executable: %d %s\n", execve(script, argv, envp),
           strerror(errno));
    unlink(script);

    printf("replacing myself\n");
    fflush(stdout);
    execve("/proc/self/exe", (char *[]){ "exec", "show", "last", NULL },
           envp);
    printf("execve self failed: %s\n", strerror(errno));
    return 1;
}
