/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Real-time signals queue: every instance sent with sigqueue() (the
 * rt_sigqueueinfo system call) while the signal is blocked is delivered
 * once, with its own si_value, lowest signal number first and in sending
 * order within a number; sigtimedwait() takes them one at a time too. A
 * standard signal sent several times while blocked is delivered once.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAXREC 256

static volatile int rec_sig[MAXREC], rec_val[MAXREC], rec_code[MAXREC];
static volatile int nrec;

static void on_sig(int sig, siginfo_t *si, void *uc)
{
    if (nrec < MAXREC) {
        rec_sig[nrec] = sig;
        rec_val[nrec] = si->si_value.sival_int;
        rec_code[nrec] = si->si_code;
        nrec++;
    }
}

static void print_records(const char *what)
{
    printf("%s: %d delivered:", what, nrec);
    for (int i = 0; i < nrec; i++) {
        printf(" %s+%d/%d%s", rec_sig[i] == SIGUSR1 ? "USR1" : "RTMIN",
               rec_sig[i] == SIGUSR1 ? 0 : rec_sig[i] - SIGRTMIN, rec_val[i],
               rec_code[i] == SI_QUEUE ? "" : "(not SI_QUEUE)");
    }
    printf("\n");
    nrec = 0;
}

static void send(int sig, int val)
{
    union sigval v = { .sival_int = val };

    if (sigqueue(getpid(), sig, v) < 0) {
        printf("sigqueue(%d): %s\n", sig, strerror(errno));
    }
}

int main(void)
{
    struct sigaction sa;
    sigset_t set;
    struct timespec zero = { 0, 0 };
    siginfo_t si;
    int n;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_sig;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGRTMIN, &sa, NULL);
    sigaction(SIGRTMIN + 1, &sa, NULL);
    sigaction(SIGUSR1, &sa, NULL);

    sigemptyset(&set);
    sigaddset(&set, SIGRTMIN);
    sigaddset(&set, SIGRTMIN + 1);
    sigaddset(&set, SIGUSR1);

    /* 1. Queued while blocked, delivered on unblocking. */
    sigprocmask(SIG_BLOCK, &set, NULL);
    for (int i = 0; i < 5; i++) {
        send(SIGRTMIN + 1, 100 + i);
        send(SIGRTMIN, i);
        send(SIGUSR1, 200 + i);
    }
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    print_records("unblocked");

    /* 2. Many instances of one signal. */
    sigprocmask(SIG_BLOCK, &set, NULL);
    for (int i = 0; i < 100; i++) {
        send(SIGRTMIN, 1000 + i);
    }
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    n = nrec;
    for (int i = 0; i < nrec; i++) {
        if (rec_val[i] != 1000 + i) {
            n = -i;
            break;
        }
    }
    printf("burst: %d delivered, in order: %s\n", nrec,
           n == 100 ? "yes" : "no");
    nrec = 0;

    /* 3. sigtimedwait takes them one at a time. */
    sigprocmask(SIG_BLOCK, &set, NULL);
    send(SIGRTMIN + 1, 7);
    send(SIGRTMIN, 5);
    send(SIGRTMIN, 6);
    printf("waited:");
    while ((n = sigtimedwait(&set, &si, &zero)) > 0) {
        printf(" RTMIN+%d/%d", n - SIGRTMIN, si.si_value.sival_int);
    }
    printf(" then %s\n", errno == EAGAIN ? "EAGAIN" : strerror(errno));

    /* 4. Half taken by sigtimedwait, the rest by the handler. */
    for (int i = 0; i < 4; i++) {
        send(SIGRTMIN, 50 + i);
    }
    n = sigtimedwait(&set, &si, &zero);
    printf("took RTMIN+%d/%d\n", n - SIGRTMIN, si.si_value.sival_int);
    n = sigtimedwait(&set, &si, &zero);
    printf("took RTMIN+%d/%d\n", n - SIGRTMIN, si.si_value.sival_int);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    print_records("rest");
    return 0;
}
