/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * spawn-rusage REPORT_FD PROGRAM [ARG...]: run PROGRAM from a small process
 * and write one line to REPORT_FD once it has exited:
 *   start_ns=<CLOCK_MONOTONIC before fork> exit_ns=<after wait4>
 *   status=<raw wait status> maxrss_kib=<ru_maxrss>
 *
 * Why not wait4() straight from the benchmark's python: Linux carries the
 * peak RSS of the memory image a process had before execve() into its
 * ru_maxrss, and a child forked (or vforked) by python starts with python's
 * ~14 MiB image, so every figure would read at least that. A child forked
 * from this static helper starts with a few hundred KiB; the benchmark
 * reports that floor (the native twin's RSS shows it).
 *
 * On SIGTERM or SIGINT (the benchmark's timeout) the helper kills the
 * program with SIGKILL, reaps it and reports as usual. The program also gets
 * PR_SET_PDEATHSIG(SIGKILL), so it cannot outlive a helper killed outright.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile pid_t child_pid;

static void on_stop_signal(int sig)
{
    (void)sig;
    if (child_pid > 0) {
        kill(child_pid, SIGKILL);
    }
}

static long long monotonic_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(int argc, char **argv)
{
    struct sigaction sa = { .sa_handler = on_stop_signal };
    struct rusage ru;
    long long start, end;
    int fd, status;
    pid_t pid, parent = getpid();

    if (argc < 3 || (fd = atoi(argv[1])) < 3) {
        fprintf(stderr, "usage: spawn-rusage REPORT_FD(>=3) PROGRAM [ARG...]\n");
        return 2;
    }
    /* No SA_RESTART: wait4() returns EINTR and is simply called again. */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    start = monotonic_ns();
    pid = fork();
    if (pid < 0) {
        fprintf(stderr, "spawn-rusage: fork: %s\n", strerror(errno));
        return 2;
    }
    if (pid == 0) {
        signal(SIGTERM, SIG_DFL);
        signal(SIGINT, SIG_DFL);
        close(fd);
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent) {
            _exit(127); /* the helper is already gone */
        }
        execv(argv[2], argv + 2);
        fprintf(stderr, "spawn-rusage: %s: %s\n", argv[2], strerror(errno));
        _exit(127);
    }
    child_pid = pid;
    while (wait4(pid, &status, 0, &ru) < 0) {
        if (errno != EINTR) {
            fprintf(stderr, "spawn-rusage: wait4: %s\n", strerror(errno));
            return 2;
        }
    }
    end = monotonic_ns();
    dprintf(fd, "start_ns=%lld exit_ns=%lld status=%d maxrss_kib=%ld\n", start, end,
            status, ru.ru_maxrss);
    return 0;
}
