/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SA_RESTART: a read() blocked on a pipe is interrupted by SIGALRM; with
 * SA_RESTART it is restarted (rip backed up over SYSCALL, rax = the
 * number again) and returns the byte a child writes later; without it
 * read() fails with EINTR.
 */
#include "sys.h"

#define SIGALRM 14
enum { NR_nanosleep = 35, NR_alarm = 37, NR_fork = 57, NR_wait4 = 61 };

static volatile int alarms;

void alrm_entry(void);
__asm__(".text\nalrm_entry:\n    jmp alrm_handler\n");

__attribute__((used)) void alrm_handler(int sig)
{
    (void)sig;
    alarms++;
}

/* read one byte from a pipe a child writes to after 1.5 s, with an
 * alarm after 1 s */
static long read_with_alarm(u64 flags)
{
    int fds[2];
    char c = 0;
    long r, pid;

    set_handler(SIGALRM, alrm_entry, flags);
    sys1(NR_pipe, fds);
    pid = sys0(NR_fork);
    if (pid == 0) {
        long ts[2] = { 1, 500000000 };

        sys2(NR_nanosleep, ts, 0);
        sys3(NR_write, fds[1], "z", 1);
        sys_exit_group(0);
    }
    sys1(NR_alarm, 1);
    r = sys3(NR_read, fds[0], &c, 1);
    sys4(NR_wait4, pid, 0, 0, 0);
    sys1(NR_close, fds[0]);
    sys1(NR_close, fds[1]);
    return r == 1 ? c : r;
}

int test_main(long *sp)
{
    long r;

    (void)sp;
    r = read_with_alarm(SA_RESTART);
    check("SA_RESTART: read restarted and got the byte", r == 'z', r);
    check("handler ran", alarms == 1, alarms);
    r = read_with_alarm(0);
    check("no SA_RESTART: EINTR", r == -4, r);
    check("handler ran again", alarms == 2, alarms);
    return failures;
}
