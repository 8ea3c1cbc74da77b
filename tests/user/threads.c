/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Guest threads: create/join with results, TLS, mutex + condition variable
 * ping-pong, atomics under contention, many short-lived threads (futex
 * wake on exit through pthread_join). "exitgroup" and "mainexit" test
 * the two ways a process with threads ends; "badclone" (Janus only)
 * the refused clone flag sets.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define NTHREADS 4
#define NINCR 100000

static __thread int tls_value = 7;
static __thread char tls_buf[64];

static void *square_sum(void *arg)
{
    long n = (long)arg, sum = 0;

    for (long i = 1; i <= n; i++) {
        sum += i * i;
    }
    return (void *)sum;
}

static void test_create_join(void)
{
    pthread_t th[8];
    long total = 0;

    for (long i = 0; i < 8; i++) {
        pthread_create(&th[i], NULL, square_sum, (void *)(1000 * (i + 1)));
    }
    for (int i = 0; i < 8; i++) {
        void *r;

        pthread_join(th[i], &r);
        total += (long)r;
    }
    printf("create_join total=%ld\n", total);
}

static void *tls_worker(void *arg)
{
    int id = (int)(long)arg;
    int ok = tls_value == 7;     /* initial image value in each thread */
    char expect[64];

    tls_value = 100 + id;
    snprintf(tls_buf, sizeof(tls_buf), "thread-%d", id);
    for (int i = 0; i < 200; i++) {
        sched_yield();
        if (tls_value != 100 + id) {
            ok = 0;
        }
    }
    snprintf(expect, sizeof(expect), "thread-%d", id);
    ok &= !strcmp(tls_buf, expect);
    ok &= syscall(SYS_gettid) != getpid();
    return (void *)(uintptr_t)(ok ? (uintptr_t)&tls_value : 0);
}

static void test_tls(void)
{
    pthread_t th[NTHREADS];
    void *addr[NTHREADS];
    int ok = 1;

    tls_value = 1;
    for (long i = 0; i < NTHREADS; i++) {
        pthread_create(&th[i], NULL, tls_worker, (void *)i);
    }
    for (int i = 0; i < NTHREADS; i++) {
        pthread_join(th[i], &addr[i]);
        ok &= addr[i] != NULL && addr[i] != (void *)&tls_value;
        for (int j = 0; j < i; j++) {
            ok &= addr[i] != addr[j];
        }
    }
    ok &= tls_value == 1;
    printf("tls distinct=%s\n", ok ? "yes" : "no");
}

static pthread_mutex_t pp_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pp_cond = PTHREAD_COND_INITIALIZER;
static int pp_turn, pp_count;

static void *ping_pong(void *arg)
{
    int me = (int)(long)arg;

    for (int i = 0; i < 5000; i++) {
        pthread_mutex_lock(&pp_lock);
        while (pp_turn != me) {
            pthread_cond_wait(&pp_cond, &pp_lock);
        }
        pp_count++;
        pp_turn = !me;
        pthread_cond_signal(&pp_cond);
        pthread_mutex_unlock(&pp_lock);
    }
    return NULL;
}

static void test_ping_pong(void)
{
    pthread_t a, b;

    pthread_create(&a, NULL, ping_pong, (void *)0);
    pthread_create(&b, NULL, ping_pong, (void *)1);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("ping_pong count=%d turn=%d\n", pp_count, pp_turn);
}

static long atomic_counter;
static long locked_counter;
static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t start_barrier;

static void *incrementer(void *arg)
{
    (void)arg;
    pthread_barrier_wait(&start_barrier);
    for (int i = 0; i < NINCR; i++) {
        __atomic_fetch_add(&atomic_counter, 1, __ATOMIC_SEQ_CST);
        if ((i & 15) == 0) {
            pthread_mutex_lock(&counter_lock);
            locked_counter++;
            pthread_mutex_unlock(&counter_lock);
        }
    }
    return NULL;
}

static void test_atomics(void)
{
    pthread_t th[NTHREADS];

    pthread_barrier_init(&start_barrier, NULL, NTHREADS);
    for (int i = 0; i < NTHREADS; i++) {
        pthread_create(&th[i], NULL, incrementer, NULL);
    }
    for (int i = 0; i < NTHREADS; i++) {
        pthread_join(th[i], NULL);
    }
    printf("atomics counter=%ld locked=%ld\n", atomic_counter,
           locked_counter);
}

static void *short_lived(void *arg)
{
    return (void *)((long)arg * 3);
}

static void test_many(void)
{
    long sum = 0;

    for (long i = 0; i < 200; i++) {
        pthread_t t;
        void *r;

        if (pthread_create(&t, NULL, short_lived, (void *)i) != 0) {
            printf("pthread_create failed at %ld\n", i);
            return;
        }
        pthread_join(t, &r);
        sum += (long)r;
    }
    printf("many sum=%ld\n", sum);
}

static void *spinner(void *arg)
{
    volatile long *p = arg;

    for (;;) {
        (*p)++;
    }
    return NULL;
}

static void *sleeper(void *arg)
{
    (void)arg;
    for (;;) {
        pause();
    }
    return NULL;
}

static void *late_printer(void *arg)
{
    (void)arg;
    usleep(100000);
    printf("worker outlived main\n");
    fflush(stdout);
    return NULL;   /* last thread: the process exits with status 0 */
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "exitgroup")) {
        static long spins;
        pthread_t t1, t2;

        pthread_create(&t1, NULL, spinner, &spins);
        pthread_create(&t2, NULL, sleeper, NULL);
        while (__atomic_load_n(&spins, __ATOMIC_RELAXED) < 1000) {
            sched_yield();
        }
        printf("exiting with threads running\n");
        fflush(stdout);
        exit(3);
    }
    if (argc > 1 && !strcmp(argv[1], "badclone")) {
        /* Janus refuses clone flag sets glibc does not use (a kernel
         * would run them: only run this mode under Janus). */
        static char stack[16384] __attribute__((aligned(16)));
        long r;

        r = syscall(SYS_clone, CLONE_VM | SIGCHLD, 0, 0, 0, 0);
        printf("vm without thread: %ld %s\n", r, strerror(errno));
        r = syscall(SYS_clone, CLONE_VM | CLONE_THREAD | CLONE_SIGHAND,
                    stack + sizeof(stack), 0, 0, 0);
        printf("thread without fs/files/sysvsem: %ld %s\n", r,
               strerror(errno));
        return 0;
    }
    if (argc > 1 && !strcmp(argv[1], "mainexit")) {
        pthread_t t;

        pthread_create(&t, NULL, late_printer, NULL);
        printf("main thread leaving\n");
        fflush(stdout);
        pthread_exit(NULL);
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    test_create_join();
    test_tls();
    test_ping_pong();
    test_atomics();
    test_many();
    printf("done\n");
    return 0;
}
