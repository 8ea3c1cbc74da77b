/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * futex through raw system calls: WAIT on a changed value, WAIT with a
 * relative timeout, WAIT_BITSET with an absolute CLOCK_MONOTONIC and
 * CLOCK_REALTIME deadline, WAKE of a waiting thread, WAKE_BITSET with a
 * non-matching and a matching mask, CMP_REQUEUE (value check and moving
 * waiters), all with FUTEX_PRIVATE_FLAG; then gettid per thread,
 * set_tid_address and sched_yield.
 */
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static long futex(uint32_t *uaddr, int op, uint32_t val,
                  const struct timespec *ts, uint32_t *uaddr2, uint32_t val3)
{
    return syscall(SYS_futex, uaddr, op, val, ts, uaddr2, val3);
}

static const char *res(long r)
{
    static char buf[32];

    if (r >= 0) {
        snprintf(buf, sizeof(buf), "%ld", r);
        return buf;
    }
    return errno == EAGAIN ? "EAGAIN" : errno == ETIMEDOUT ? "ETIMEDOUT"
         : errno == EINVAL ? "EINVAL" : "other";
}

static uint32_t word, word2;
static uint32_t woken;

static void *waiter(void *arg)
{
    int bitset = (int)(long)arg;
    long r;

    if (bitset) {
        r = futex(&word, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG, 0, NULL,
                  NULL, (uint32_t)bitset);
    } else {
        r = futex(&word, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, NULL, NULL, 0);
    }
    __atomic_fetch_add(&woken, r == 0 ? 1 : 100, __ATOMIC_SEQ_CST);
    return NULL;
}

/* Wake up to n waiters on word until `want` threads report; returns the
 * number woken by the calls. */
static long wake_until(int op, int n, uint32_t mask, uint32_t want)
{
    long total = 0;

    while (__atomic_load_n(&woken, __ATOMIC_SEQ_CST) < want) {
        long r = futex(&word, op | FUTEX_PRIVATE_FLAG, n, NULL, NULL, mask);

        total += r > 0 ? r : 0;
        usleep(1000);
    }
    return total;
}

static void *tid_thread(void *arg)
{
    *(long *)arg = syscall(SYS_gettid);
    return NULL;
}

int main(void)
{
    struct timespec rel = { 0, 20 * 1000 * 1000 }, t0, t1, abs;
    pthread_t th[3];
    long r, tid_other = 0, total;
    long long ns;

    setvbuf(stdout, NULL, _IOLBF, 0);
    word = 1;
    r = futex(&word, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, NULL, NULL, 0);
    printf("wait changed value: %s\n", res(r));

    word = 0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    r = futex(&word, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, &rel, NULL, 0);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    ns = (t1.tv_sec - t0.tv_sec) * 1000000000ll + (t1.tv_nsec - t0.tv_nsec);
    printf("wait relative timeout: %s slept_enough=%d\n", res(r),
           ns >= 19000000);

    clock_gettime(CLOCK_MONOTONIC, &abs);
    abs.tv_nsec += 20 * 1000 * 1000;
    if (abs.tv_nsec >= 1000000000) {
        abs.tv_sec++;
        abs.tv_nsec -= 1000000000;
    }
    r = futex(&word, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG, 0, &abs, NULL,
              FUTEX_BITSET_MATCH_ANY);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("wait_bitset monotonic deadline: %s passed=%d\n", res(r),
           t1.tv_sec > abs.tv_sec ||
           (t1.tv_sec == abs.tv_sec && t1.tv_nsec >= abs.tv_nsec));
    clock_gettime(CLOCK_REALTIME, &abs);
    abs.tv_nsec = 0;   /* already in the past */
    r = futex(&word, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG |
              FUTEX_CLOCK_REALTIME, 0, &abs, NULL, FUTEX_BITSET_MATCH_ANY);
    printf("wait_bitset realtime past deadline: %s\n", res(r));

    /* WAKE of a thread blocked in FUTEX_WAIT */
    pthread_create(&th[0], NULL, waiter, (void *)0);
    total = wake_until(FUTEX_WAKE, 1, 0, 1);
    pthread_join(th[0], NULL);
    printf("wake: woken=%u by_wake=%ld\n", woken, total);

    /* WAKE_BITSET: a waiter on bit 1 is not woken by mask 2 */
    woken = 0;
    pthread_create(&th[0], NULL, waiter, (void *)1);
    usleep(50000);
    r = futex(&word, FUTEX_WAKE_BITSET | FUTEX_PRIVATE_FLAG, 1, NULL, NULL,
              2);
    printf("wake_bitset other bit: %s\n", res(r));
    total = wake_until(FUTEX_WAKE_BITSET, 1, 1, 1);
    pthread_join(th[0], NULL);
    printf("wake_bitset matching: woken=%u\n", woken);

    /* CMP_REQUEUE: wrong expected value, then wake 1 and move 1 */
    woken = 0;
    pthread_create(&th[0], NULL, waiter, (void *)0);
    pthread_create(&th[1], NULL, waiter, (void *)0);
    usleep(100000);
    r = futex(&word, FUTEX_CMP_REQUEUE | FUTEX_PRIVATE_FLAG, 1,
              (const struct timespec *)(uintptr_t)1, &word2, 5);
    printf("cmp_requeue wrong value: %s\n", res(r));
    r = futex(&word, FUTEX_CMP_REQUEUE | FUTEX_PRIVATE_FLAG, 1,
              (const struct timespec *)(uintptr_t)1, &word2, 0);
    printf("cmp_requeue: %s\n", res(r));
    while (__atomic_load_n(&woken, __ATOMIC_SEQ_CST) < 1) {
        usleep(1000);
    }
    r = futex(&word2, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL, NULL, 0);
    printf("wake requeued: %s\n", res(r));
    pthread_join(th[0], NULL);
    pthread_join(th[1], NULL);
    printf("requeue total woken=%u\n", woken);

    pthread_create(&th[2], NULL, tid_thread, &tid_other);
    pthread_join(th[2], NULL);
    printf("gettid main=pid:%d other_differs:%d\n",
           syscall(SYS_gettid) == getpid(),
           tid_other > 0 && tid_other != getpid());
    printf("set_tid_address returns tid: %d\n",
           syscall(SYS_set_tid_address, NULL) == syscall(SYS_gettid));
    printf("sched_yield: %ld\n", (long)sched_yield());
    return 0;
}
