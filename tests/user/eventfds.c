/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Event file descriptors: eventfd counter and semaphore semantics, a
 * timerfd that fires (relative and absolute), signalfd reading blocked
 * SIGUSR1/SIGUSR2, inotify seeing IN_CREATE/IN_DELETE, epoll over a pipe
 * and an eventfd (64-bit data kept), the temporary signal mask of ppoll,
 * pselect and epoll_pwait, and pidfds. argv[1]: a scratch directory.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/select.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *err_name(int e)
{
    return e == EAGAIN ? "EAGAIN" : e == EINVAL ? "EINVAL" :
           e == EINTR ? "EINTR" : strerror(e);
}

static void test_eventfd(void)
{
    int fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC), e;
    uint64_t v = 0;
    ssize_t n;

    n = read(fd, &v, sizeof(v));
    e = errno;
    printf("eventfd empty: %zd %s cloexec=%d\n", n, err_name(e),
           !!(fcntl(fd, F_GETFD) & FD_CLOEXEC));
    v = 3;
    write(fd, &v, sizeof(v));
    v = 4;
    write(fd, &v, sizeof(v));
    n = read(fd, &v, sizeof(v));
    printf("eventfd sum: n=%zd value=%llu\n", n, (unsigned long long)v);
    n = read(fd, &v, sizeof(v));
    e = errno;
    printf("eventfd drained: %zd %s\n", n, err_name(e));
    close(fd);

    fd = eventfd(2, EFD_SEMAPHORE | EFD_NONBLOCK);
    printf("semaphore:");
    for (int i = 0; i < 3; i++) {
        v = 0;
        n = read(fd, &v, sizeof(v));
        printf(" %zd/%llu", n, (unsigned long long)v);
    }
    printf("\n");
    close(fd);
    fd = eventfd(0, 0x8);
    e = errno;
    printf("eventfd bad flags: %d %s\n", fd, err_name(e));
}

static long ms_of(const struct timespec *ts)
{
    return ts->tv_sec * 1000 + ts->tv_nsec / 1000000;
}

static void test_timerfd(void)
{
    int fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC), nfd, r, e;
    struct itimerspec its = { { 0, 10000000 }, { 0, 30000000 } }, cur, old;
    struct timespec now;
    uint64_t exp = 0;
    ssize_t n;

    timerfd_settime(fd, 0, &its, NULL);
    timerfd_gettime(fd, &cur);
    printf("timerfd gettime: interval_ms=%ld value_ok=%d\n",
           ms_of(&cur.it_interval),
           ms_of(&cur.it_value) > 0 && ms_of(&cur.it_value) <= 30);
    n = read(fd, &exp, sizeof(exp));
    printf("timerfd fired: n=%zd expirations_ok=%d\n", n, exp >= 1);
    usleep(50000);
    n = read(fd, &exp, sizeof(exp));
    printf("timerfd interval: n=%zd several=%d\n", n, exp >= 2);
    memset(&its, 0, sizeof(its));
    timerfd_settime(fd, 0, &its, &old);
    printf("timerfd disarm: old_interval_ms=%ld\n", ms_of(&old.it_interval));

    nfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
    n = read(nfd, &exp, sizeof(exp));
    e = errno;
    printf("timerfd disarmed read: %zd %s\n", n, err_name(e));
    clock_gettime(CLOCK_MONOTONIC, &now);
    its.it_value = now;
    its.it_value.tv_nsec += 20000000;
    if (its.it_value.tv_nsec >= 1000000000) {
        its.it_value.tv_sec++;
        its.it_value.tv_nsec -= 1000000000;
    }
    timerfd_settime(fd, TFD_TIMER_ABSTIME, &its, NULL);
    n = read(fd, &exp, sizeof(exp));
    printf("timerfd abstime: n=%zd expirations=%llu\n", n,
           (unsigned long long)exp);
    r = timerfd_settime(fd, 0x10, &its, NULL);
    e = errno;
    printf("timerfd bad flags: %d %s\n", r, err_name(e));
    close(fd);
    close(nfd);
}

static volatile sig_atomic_t handled, usr2_blocked_in_handler;

static void on_signal(int sig)
{
    sigset_t cur;

    (void)sig;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    usr2_blocked_in_handler = sigismember(&cur, SIGUSR2);
    handled++;
}

static void test_signalfd(void)
{
    struct sigaction sa = { .sa_handler = on_signal };
    struct signalfd_siginfo si;
    sigset_t set;
    union sigval val = { .sival_int = 77 };
    int fd, e;
    ssize_t n;

    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
    n = read(fd, &si, sizeof(si));
    e = errno;
    printf("signalfd empty: %zd %s\n", n, err_name(e));
    kill(getpid(), SIGUSR1);
    memset(&si, 0, sizeof(si));
    n = read(fd, &si, sizeof(si));
    printf("signalfd: n=%zd signo=%u code_user=%d pid_ok=%d uid_ok=%d\n", n,
           si.ssi_signo, si.ssi_code == SI_USER, si.ssi_pid == getpid(),
           si.ssi_uid == getuid());
    /* widen the set on the same fd; SIGUSR2 queued with a value */
    sigaddset(&set, SIGUSR2);
    sigprocmask(SIG_BLOCK, &set, NULL);
    signalfd(fd, &set, 0);
    sigqueue(getpid(), SIGUSR2, val);
    memset(&si, 0, sizeof(si));
    n = read(fd, &si, sizeof(si));
    printf("signalfd queued: n=%zd signo=%u code_queue=%d int=%d\n", n,
           si.ssi_signo, si.ssi_code == SI_QUEUE, si.ssi_int);
    printf("handler ran: %d\n", (int)handled);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    close(fd);
}

static void test_inotify(const char *dir)
{
    char path[512], buf[4096] __attribute__((aligned(8)));
    int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC), wd, e;
    ssize_t n;

    wd = inotify_add_watch(fd, dir, IN_CREATE | IN_DELETE);
    n = read(fd, buf, sizeof(buf));
    e = errno;
    printf("inotify empty: %zd %s wd_ok=%d\n", n, err_name(e), wd > 0);
    snprintf(path, sizeof(path), "%s/newfile", dir);
    close(open(path, O_CREAT | O_WRONLY, 0600));
    unlink(path);
    n = read(fd, buf, sizeof(buf));
    for (char *p = buf; p < buf + n;) {
        struct inotify_event *ev = (struct inotify_event *)p;

        printf("inotify event: wd_ok=%d %s name=%s\n", ev->wd == wd,
               ev->mask & IN_CREATE ? "IN_CREATE" :
               ev->mask & IN_DELETE ? "IN_DELETE" : "other",
               ev->len ? ev->name : "");
        p += sizeof(*ev) + ev->len;
    }
    printf("inotify rm_watch: %d\n", inotify_rm_watch(fd, wd));
    n = read(fd, buf, sizeof(buf));
    printf("inotify after rm: ignored=%d\n",
           n > 0 && (((struct inotify_event *)buf)->mask & IN_IGNORED));
    close(fd);
}

static void test_epoll(void)
{
    int ep = epoll_create1(EPOLL_CLOEXEC), pfd[2], efd = eventfd(0, 0), n;
    struct epoll_event ev, out[4];
    struct timespec ts = { 0, 10000000 };
    uint64_t one = 1;
    const uint64_t pipe_tag = 0x1122334455667788ull;
    const uint64_t efd_tag = 0xdeadbeefcafef00dull;
    int e;

    pipe(pfd);
    ev.events = EPOLLIN;
    ev.data.u64 = pipe_tag;
    epoll_ctl(ep, EPOLL_CTL_ADD, pfd[0], &ev);
    ev.data.u64 = efd_tag;
    epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev);
    printf("epoll idle: %d\n", epoll_wait(ep, out, 4, 0));
    write(efd, &one, sizeof(one));
    memset(out, 0, sizeof(out));
    n = epoll_wait(ep, out, 4, 1000);
    printf("epoll eventfd: n=%d tag_ok=%d events=%#x\n", n,
           out[0].data.u64 == efd_tag, out[0].events);
    write(pfd[1], "p", 1);
    memset(out, 0, sizeof(out));
    n = epoll_wait(ep, out, 4, 1000);
    printf("epoll both: n=%d tags_ok=%d\n", n,
           n == 2 && ((out[0].data.u64 == pipe_tag &&
                       out[1].data.u64 == efd_tag) ||
                      (out[0].data.u64 == efd_tag &&
                       out[1].data.u64 == pipe_tag)) &&
           out[0].events == EPOLLIN && out[1].events == EPOLLIN);
    printf("epoll del: %d\n", epoll_ctl(ep, EPOLL_CTL_DEL, efd, NULL));
    n = epoll_wait(ep, out, 4, 1000);
    printf("epoll after del: n=%d pipe=%d\n", n, out[0].data.u64 == pipe_tag);
    read(pfd[0], &one, 1);
    n = syscall(SYS_epoll_pwait2, ep, out, 4, &ts, NULL, 8);
    printf("epoll_pwait2 timeout: %d\n", n);
    n = epoll_wait(ep, out, 0, 0);
    e = errno;
    printf("epoll maxevents 0: %d %s\n", n, err_name(e));
    close(ep);
    close(efd);
    close(pfd[0]);
    close(pfd[1]);
}

/*
 * SIGUSR1 blocked and pending; the call's temporary mask unblocks it
 * (and blocks SIGUSR2): the handler runs with the temporary mask, the
 * original mask is back afterwards.
 */
static void temp_mask_check(const char *name, int which)
{
    sigset_t usr1, tmp, after;
    struct timespec ts = { 5, 0 };
    int r, e, ep;
    struct epoll_event out;

    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigprocmask(SIG_BLOCK, &usr1, NULL);
    handled = 0;
    usr2_blocked_in_handler = 0;
    kill(getpid(), SIGUSR1);
    sigemptyset(&tmp);
    sigaddset(&tmp, SIGUSR2);
    switch (which) {
    case 0:
        r = ppoll(NULL, 0, &ts, &tmp);
        break;
    case 1:
        r = pselect(0, NULL, NULL, NULL, &ts, &tmp);
        break;
    default:
        ep = epoll_create1(0);
        r = epoll_pwait(ep, &out, 1, 5000, &tmp);
        close(ep);
        break;
    }
    e = errno;
    sigprocmask(SIG_BLOCK, NULL, &after);
    printf("%s: %d %s handled=%d usr2_blocked_in_handler=%d "
           "usr1_blocked_after=%d usr2_blocked_after=%d\n", name, r,
           err_name(e), (int)handled, (int)usr2_blocked_in_handler,
           sigismember(&after, SIGUSR1), sigismember(&after, SIGUSR2));
    sigprocmask(SIG_UNBLOCK, &usr1, NULL);
}

static void test_pidfd(void)
{
    pid_t pid = fork();
    int fd, status, r;
    struct pollfd p;

    if (pid == 0) {
        usleep(30000);
        _exit(5);
    }
    fd = syscall(SYS_pidfd_open, pid, 0);
    p.fd = fd;
    p.events = POLLIN;
    r = poll(&p, 1, 5000);
    waitpid(pid, &status, 0);
    printf("pidfd exit: poll=%d pollin=%d status=%d\n", r,
           !!(p.revents & POLLIN), WEXITSTATUS(status));
    close(fd);

    pid = fork();
    if (pid == 0) {
        for (;;) {
            pause();
        }
    }
    fd = syscall(SYS_pidfd_open, pid, 0);
    r = syscall(SYS_pidfd_send_signal, fd, SIGTERM, NULL, 0);
    waitpid(pid, &status, 0);
    printf("pidfd_send_signal: %d signaled=%d sig=%d\n", r,
           WIFSIGNALED(status), WTERMSIG(status));
    close(fd);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: eventfds DIR\n");
        return 2;
    }
    setvbuf(stdout, NULL, _IONBF, 0);
    test_eventfd();
    test_timerfd();
    test_signalfd();
    test_inotify(argv[1]);
    test_epoll();
    temp_mask_check("ppoll", 0);
    temp_mask_check("pselect", 1);
    temp_mask_check("epoll_pwait", 2);
    test_pidfd();
    printf("done\n");
    return 0;
}
