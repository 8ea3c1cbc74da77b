/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Two threads with a lock: a producer and a consumer pass argv[1] items
 * through a bounded queue guarded by a mutex and two condition variables
 * (futex waits and wakes), and both also add to a mutex-protected counter.
 * The checksum is independent of the interleaving.
 */
#include <pthread.h>

#include "bench.h"

#define QUEUE 64

static struct {
    pthread_mutex_t lock;
    pthread_cond_t not_empty, not_full;
    uint64_t item[QUEUE];
    unsigned head, count;
    uint64_t counter;
} shared = {
    .lock = PTHREAD_MUTEX_INITIALIZER,
    .not_empty = PTHREAD_COND_INITIALIZER,
    .not_full = PTHREAD_COND_INITIALIZER,
};

static uint64_t items;

static void *producer(void *arg)
{
    uint64_t state = 11;

    (void)arg;
    for (uint64_t i = 0; i < items; i++) {
        uint64_t v = bench_mix(&state);
        pthread_mutex_lock(&shared.lock);
        while (shared.count == QUEUE) {
            pthread_cond_wait(&shared.not_full, &shared.lock);
        }
        shared.item[(shared.head + shared.count++) % QUEUE] = v;
        shared.counter += v & 0xffff;
        pthread_cond_signal(&shared.not_empty);
        pthread_mutex_unlock(&shared.lock);
    }
    return NULL;
}

static void *consumer(void *arg)
{
    uint64_t *sum = arg;

    for (uint64_t i = 0; i < items; i++) {
        uint64_t v;
        pthread_mutex_lock(&shared.lock);
        while (shared.count == 0) {
            pthread_cond_wait(&shared.not_empty, &shared.lock);
        }
        v = shared.item[shared.head];
        shared.head = (shared.head + 1) % QUEUE;
        shared.count--;
        shared.counter += v >> 48;
        pthread_cond_signal(&shared.not_full);
        pthread_mutex_unlock(&shared.lock);
        *sum = (*sum ^ v) * 0x100000001b3ull;   /* FIFO order is fixed */
    }
    return NULL;
}

int main(int argc, char **argv)
{
    pthread_t prod, cons;
    uint64_t sum = 0;
    int err;

    items = bench_size(argc, argv, 300000);
    err = pthread_create(&cons, NULL, consumer, &sum);
    if (!err) {
        err = pthread_create(&prod, NULL, producer, NULL);
    }
    if (err) {
        fprintf(stderr, "threads: pthread_create: error %d\n", err);
        return 1;
    }
    pthread_join(prod, NULL);
    pthread_join(cons, NULL);
    bench_checksum("threads", sum ^ shared.counter);
    return 0;
}
