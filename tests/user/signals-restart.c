/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Signals interrupting a blocking read() on a pipe: with SA_RESTART the
 * read is restarted and returns the byte the handler wrote; without it
 * read fails with EINTR. Timers: setitimer/getitimer and alarm().
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

static int fds[2];
static volatile int alarms;

static void on_alarm(int sig)
{
    (void)sig;
    alarms++;
    if (write(fds[1], "x", 1) != 1) {
        _exit(3);
    }
}

static void install(int flags)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_alarm;
    sa.sa_flags = flags;
    sigaction(SIGALRM, &sa, NULL);
}

static void arm(long usec)
{
    struct itimerval it = { { 0, 0 }, { usec / 1000000, usec % 1000000 } };

    setitimer(ITIMER_REAL, &it, NULL);
}

int main(void)
{
    char c = 0;
    ssize_t n;
    struct itimerval it;

    setvbuf(stdout, NULL, _IONBF, 0);
    if (pipe(fds) < 0) {
        return 1;
    }

    install(SA_RESTART);
    arm(50000);
    n = read(fds[0], &c, 1);
    printf("SA_RESTART: read=%zd c=%c alarms=%d\n", n, c, alarms);

    install(0);
    arm(50000);
    n = read(fds[0], &c, 1);
    printf("no SA_RESTART: read=%zd eintr=%d alarms=%d\n", n,
           n < 0 && errno == EINTR, alarms);
    n = read(fds[0], &c, 1);    /* the handler's byte is still there */
    printf("then read=%zd c=%c\n", n, c);

    arm(5000000);
    getitimer(ITIMER_REAL, &it);
    printf("getitimer armed=%d\n", it.it_value.tv_sec >= 4 &&
           it.it_value.tv_sec <= 5);
    arm(0);
    getitimer(ITIMER_REAL, &it);
    printf("getitimer disarmed=%d\n", it.it_value.tv_sec == 0 &&
           it.it_value.tv_usec == 0);

    install(SA_RESTART);
    alarm(1);
    n = read(fds[0], &c, 1);
    printf("alarm: read=%zd alarms=%d\n", n, alarms);
    printf("done\n");
    return 0;
}
