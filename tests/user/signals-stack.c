/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sigaltstack: a SA_ONSTACK handler runs on the alternate stack and sees
 * SS_ONSTACK; a handler without SA_ONSTACK stays on the normal stack;
 * changing the stack while on it is refused (EPERM); a stack overflow
 * SIGSEGV is handled on the alternate stack.
 */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *alt;
static size_t alt_size = 64 * 1024;
static volatile int on_alt, flags_onstack, eperm;
static sigjmp_buf env;

static void on_usr(int sig)
{
    char here;
    stack_t cur, ss;

    (void)sig;
    on_alt = (uintptr_t)&here >= (uintptr_t)alt &&
             (uintptr_t)&here < (uintptr_t)alt + alt_size;
    sigaltstack(NULL, &cur);
    flags_onstack = (cur.ss_flags & SS_ONSTACK) != 0;
    memset(&ss, 0, sizeof(ss));
    ss.ss_flags = SS_DISABLE;
    eperm = sigaltstack(&ss, NULL) < 0 && errno == EPERM;
}

static void on_segv(int sig)
{
    char here;

    (void)sig;
    on_alt = (uintptr_t)&here >= (uintptr_t)alt &&
             (uintptr_t)&here < (uintptr_t)alt + alt_size;
    siglongjmp(env, 1);
}

/* Deeper than any stack (the limit only silences gcc's warning). */
static int recurse(volatile char *p, long depth)
{
    volatile char buf[4096];

    buf[0] = p ? p[0] : 0;
    if (depth > 1000000) {
        return buf[0];
    }
    return recurse(buf, depth + 1) + buf[0];
}

int main(void)
{
    struct sigaction sa;
    stack_t ss, old;

    setvbuf(stdout, NULL, _IONBF, 0);
    alt = malloc(alt_size);
    ss.ss_sp = alt;
    ss.ss_size = alt_size;
    ss.ss_flags = 0;
    printf("sigaltstack=%d\n", sigaltstack(&ss, NULL));
    sigaltstack(NULL, &old);
    printf("query: sp_ok=%d size_ok=%d flags=%d\n", old.ss_sp == alt,
           old.ss_size == alt_size, old.ss_flags);
    ss.ss_size = 100;
    {
        /* the call first: the order printf's arguments are evaluated in
         * is unspecified (x86-64 gcc reads errno before the call) */
        int r = sigaltstack(&ss, NULL);

        printf("too small: %d %s\n", r, errno == ENOMEM ? "ENOMEM" : "?");
    }

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_usr;
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    printf("onstack handler: on_alt=%d ss_onstack=%d eperm=%d\n", on_alt,
           flags_onstack, eperm);

    sa.sa_flags = 0;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    printf("plain handler: on_alt=%d ss_onstack=%d\n", on_alt, flags_onstack);

    sa.sa_handler = on_segv;
    sa.sa_flags = SA_ONSTACK | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    on_alt = 0;
    if (!sigsetjmp(env, 1)) {
        recurse(NULL, 0);
    }
    printf("stack overflow caught on_alt=%d\n", on_alt);
    printf("done\n");
    return 0;
}
