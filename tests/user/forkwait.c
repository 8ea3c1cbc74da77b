/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fork, a pipe between parent and child, wait for the exit status. */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    int fds[2], status;
    char buf[32] = { 0 };
    pid_t pid;

    if (pipe(fds) < 0) {
        return 1;
    }
    pid = fork();
    if (pid == 0) {
        close(fds[0]);
        write(fds[1], "from child", 10);
        _exit(7);
    }
    close(fds[1]);
    read(fds[0], buf, sizeof(buf) - 1);
    waitpid(pid, &status, 0);
    printf("child said: %s\n", buf);
    printf("exited=%d status=%d\n", WIFEXITED(status), WEXITSTATUS(status));
    return 0;
}
