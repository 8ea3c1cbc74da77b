/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Signals from outside and default actions, chosen by argv[1]:
 *   wait  - SIGINT sent by the test harness reaches the handler (in
 *           sigsuspend), then SIGCHLD from a child that exits 7
 *   spin  - SIGINT stops a busy loop of guest code (the handler sets the
 *           flag the loop tests): the kick reaches translated code
 *   term  - SIGTERM ignored survives; with SIG_DFL the process dies of it
 *   segv  - an unhandled NULL store: the process dies of SIGSEGV
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t got_int, got_chld;
static volatile int int_code;

static void on_int(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)uc;
    int_code = si->si_code;
    got_int = 1;
}

static void on_chld(int sig)
{
    (void)sig;
    got_chld = 1;
}

static int do_wait(void)
{
    struct sigaction sa;
    sigset_t block, empty;
    int status = 0;
    pid_t pid;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_int;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGINT, &sa, NULL);
    sa.sa_handler = on_chld;
    sa.sa_flags = 0;
    sigaction(SIGCHLD, &sa, NULL);

    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGCHLD);
    sigprocmask(SIG_BLOCK, &block, NULL);
    sigemptyset(&empty);
    printf("ready\n");
    while (!got_int) {
        sigsuspend(&empty);
    }
    printf("got SIGINT from_user=%d\n", int_code == SI_USER);

    pid = fork();
    if (pid == 0) {
        _exit(7);
    }
    while (!got_chld) {
        sigsuspend(&empty);
    }
    waitpid(pid, &status, 0);
    printf("got SIGCHLD status=%d\n", WEXITSTATUS(status));
    return 0;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc > 1 && !strcmp(argv[1], "wait")) {
        return do_wait();
    }
    if (argc > 1 && !strcmp(argv[1], "spin")) {
        struct sigaction sa;
        unsigned long spins = 0;

        memset(&sa, 0, sizeof(sa));
        sa.sa_sigaction = on_int;
        sa.sa_flags = SA_SIGINFO;
        sigaction(SIGINT, &sa, NULL);
        /* "ready" from inside the loop: the signal lands mid-spin. */
        while (!got_int) {
            if (++spins == 1000000) {
                printf("ready\n");
            }
        }
        printf("spin stopped by SIGINT: %d\n", spins >= 1000000);
        return 0;
    }
    if (argc > 1 && !strcmp(argv[1], "term")) {
        signal(SIGTERM, SIG_IGN);
        raise(SIGTERM);
        printf("ignored SIGTERM\n");
        signal(SIGTERM, SIG_DFL);
        raise(SIGTERM);
        printf("still alive\n");
        return 0;
    }
    if (argc > 1 && !strcmp(argv[1], "segv")) {
        printf("storing\n");
        *(volatile int *)0 = 1;
        printf("still alive\n");
        return 0;
    }
    return 2;
}
