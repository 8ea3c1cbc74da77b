/* SPDX-License-Identifier: GPL-2.0-or-later */
/* RV64A under contention: threads incrementing shared counters with
 * AMOADD and with LR/SC loops must lose no update. */
#include <pthread.h>

#include "check.h"

#define THREADS 4
#define ITERS 20000

static uint64_t amo_counter;
static uint32_t lrsc_counter;

static void *worker(void *arg)
{
    for (int i = 0; i < ITERS; i++) {
        uint32_t tmp, fail;

        __asm__ volatile("amoadd.d zero, %1, (%0)"
                         :: "r"(&amo_counter), "r"(1ull) : "memory");
        __asm__ volatile("1: lr.w.aq %0, (%2)\n\t"
                         "addiw %0, %0, 1\n\t"
                         "sc.w.rl %1, %0, (%2)\n\t"
                         "bnez %1, 1b"
                         : "=&r"(tmp), "=&r"(fail) : "r"(&lrsc_counter)
                         : "memory");
    }
    return arg;
}

int main(void)
{
    pthread_t t[THREADS];

    for (int i = 0; i < THREADS; i++) {
        pthread_create(&t[i], NULL, worker, NULL);
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_join(t[i], NULL);
    }
    CHECK(amo_counter, THREADS * ITERS);
    CHECK(lrsc_counter, THREADS * ITERS);
    check_group("contention");
    return check_finish();
}
