/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A threaded program whose output does not depend on scheduling: a
 * bounded queue (mutex + two condition variables) between producers and
 * consumers, a barrier made of a mutex and a condition variable, C11
 * atomics (fetch_add, compare-exchange loop, xor) under contention, and
 * per-thread results joined in order. Every combination is commutative,
 * so the printed checksums are the same on every run and under every
 * correct emulator.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define PRODUCERS 3
#define CONSUMERS 3
#define ITEMS_PER_PRODUCER 20000
#define QUEUE_LEN 64
#define WORKERS 4
#define ATOMIC_ROUNDS 50000

static uint64_t mix(uint64_t x)
{
    x ^= x >> 31;
    x *= 0x7fb5d329728ea185ull;
    x ^= x >> 27;
    x *= 0x81dadef4bc2dd44dull;
    x ^= x >> 33;
    return x;
}

/* ---- bounded queue ------------------------------------------------------ */

static struct {
    pthread_mutex_t lock;
    pthread_cond_t not_empty, not_full;
    uint64_t items[QUEUE_LEN];
    unsigned head, count, producers_left;
} q = {
    .lock = PTHREAD_MUTEX_INITIALIZER,
    .not_empty = PTHREAD_COND_INITIALIZER,
    .not_full = PTHREAD_COND_INITIALIZER,
    .producers_left = PRODUCERS,
};

static void *producer(void *arg)
{
    uint64_t id = (uintptr_t)arg;

    for (uint64_t i = 0; i < ITEMS_PER_PRODUCER; i++) {
        uint64_t v = mix(id * 1000003 + i);

        pthread_mutex_lock(&q.lock);
        while (q.count == QUEUE_LEN) {
            pthread_cond_wait(&q.not_full, &q.lock);
        }
        q.items[(q.head + q.count) % QUEUE_LEN] = v;
        q.count++;
        pthread_cond_signal(&q.not_empty);
        pthread_mutex_unlock(&q.lock);
    }
    pthread_mutex_lock(&q.lock);
    q.producers_left--;
    pthread_cond_broadcast(&q.not_empty);
    pthread_mutex_unlock(&q.lock);
    return NULL;
}

struct consumed {
    uint64_t sum, xor, count;
};

static void *consumer(void *arg)
{
    struct consumed *c = arg;

    for (;;) {
        uint64_t v;

        pthread_mutex_lock(&q.lock);
        while (q.count == 0 && q.producers_left > 0) {
            pthread_cond_wait(&q.not_empty, &q.lock);
        }
        if (q.count == 0) {
            pthread_mutex_unlock(&q.lock);
            return NULL;
        }
        v = q.items[q.head];
        q.head = (q.head + 1) % QUEUE_LEN;
        q.count--;
        pthread_cond_signal(&q.not_full);
        pthread_mutex_unlock(&q.lock);
        c->sum += v;
        c->xor ^= v;
        c->count++;
    }
}

static void test_queue(void)
{
    pthread_t p[PRODUCERS], c[CONSUMERS];
    struct consumed got[CONSUMERS] = { { 0, 0, 0 } };
    uint64_t sum = 0, xor = 0, count = 0, want_sum = 0, want_xor = 0;

    for (uintptr_t i = 0; i < CONSUMERS; i++) {
        pthread_create(&c[i], NULL, consumer, &got[i]);
    }
    for (uintptr_t i = 0; i < PRODUCERS; i++) {
        pthread_create(&p[i], NULL, producer, (void *)i);
    }
    for (int i = 0; i < PRODUCERS; i++) {
        pthread_join(p[i], NULL);
    }
    for (int i = 0; i < CONSUMERS; i++) {
        pthread_join(c[i], NULL);
        sum += got[i].sum;
        xor ^= got[i].xor;
        count += got[i].count;
    }
    for (uint64_t id = 0; id < PRODUCERS; id++) {
        for (uint64_t i = 0; i < ITEMS_PER_PRODUCER; i++) {
            uint64_t v = mix(id * 1000003 + i);

            want_sum += v;
            want_xor ^= v;
        }
    }
    printf("queue: count=%llu sum=%016llx xor=%016llx matches=%d\n",
           (unsigned long long)count, (unsigned long long)sum,
           (unsigned long long)xor, sum == want_sum && xor == want_xor);
}

/* ---- barrier of mutex + condvar, then atomics --------------------------- */

static pthread_mutex_t bar_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t bar_cond = PTHREAD_COND_INITIALIZER;
static unsigned bar_waiting, bar_generation;

static void barrier_wait(void)
{
    pthread_mutex_lock(&bar_lock);
    unsigned gen = bar_generation;

    if (++bar_waiting == WORKERS) {
        bar_waiting = 0;
        bar_generation++;
        pthread_cond_broadcast(&bar_cond);
    } else {
        while (gen == bar_generation) {
            pthread_cond_wait(&bar_cond, &bar_lock);
        }
    }
    pthread_mutex_unlock(&bar_lock);
}

static _Atomic uint64_t a_count, a_xor, a_max;
static _Atomic uint32_t a_small;
static uint64_t phase_sums[4];

static void *worker(void *arg)
{
    uint64_t id = (uintptr_t)arg, local = 0;

    for (int phase = 0; phase < 4; phase++) {
        barrier_wait();
        for (uint64_t i = 0; i < ATOMIC_ROUNDS; i++) {
            uint64_t v = mix((id << 40) ^ ((uint64_t)phase << 32) ^ i);
            uint64_t old = atomic_load(&a_max);

            atomic_fetch_add(&a_count, v & 0xffff);
            atomic_fetch_xor(&a_xor, v);
            atomic_fetch_add_explicit(&a_small, 1, memory_order_relaxed);
            while (v > old && !atomic_compare_exchange_weak(&a_max, &old, v)) {
            }
            local += v >> 8;
        }
        barrier_wait();
        if (id == 0) {
            /* everyone is past the phase: the totals are final for it */
            phase_sums[phase] = atomic_load(&a_count);
        }
    }
    return (void *)(uintptr_t)local;
}

static void test_atomics(void)
{
    pthread_t th[WORKERS];
    uint64_t locals = 0;

    for (uintptr_t i = 0; i < WORKERS; i++) {
        pthread_create(&th[i], NULL, worker, (void *)i);
    }
    for (int i = 0; i < WORKERS; i++) {
        void *r;

        pthread_join(th[i], &r);
        locals += (uintptr_t)r;
    }
    printf("atomics: count=%016llx xor=%016llx max=%016llx small=%u "
           "locals=%016llx\n",
           (unsigned long long)atomic_load(&a_count),
           (unsigned long long)atomic_load(&a_xor),
           (unsigned long long)atomic_load(&a_max),
           (unsigned)atomic_load(&a_small), (unsigned long long)locals);
    printf("phases: %016llx %016llx %016llx %016llx\n",
           (unsigned long long)phase_sums[0], (unsigned long long)phase_sums[1],
           (unsigned long long)phase_sums[2], (unsigned long long)phase_sums[3]);
}

int main(void)
{
    test_queue();
    test_atomics();
    return 0;
}
