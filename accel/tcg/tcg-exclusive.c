/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Exclusive sections: stop every other vCPU outside translated code, for
 * work that must not race running TBs (dropping every TB when the code
 * buffer is full). Each vCPU flags itself inside (TCGVcpu.inside_exec)
 * while it is in tcg_cpu_exec; an exclusive section kicks those
 * (exit_request: each leaves at its next TB entry) and waits until none
 * is inside. A vCPU blocked in a guest system call or sleeping in a
 * halted state is not inside, so it never delays the section.
 *
 * Entering and leaving are on the path of every guest system call, so
 * they take no lock unless a section is pending: a vCPU stores its flag,
 * then reads exclusive_pending; a section stores exclusive_pending, then
 * reads the flags (tb_cache_count_inside). Both sequentially consistent,
 * so at least one of the two sees the other (a vCPU that sees the section
 * backs out and waits for its end). Whoever leaves while a section is
 * pending wakes it under exclusive_lock, which the section holds from
 * its scan of the flags to its wait: no lost wake-up.
 */
#include <pthread.h>
#include <stdbool.h>

#include "accel/tcg/tcg-fork.h"
#include "accel/tcg/tcg-internal.h"

static pthread_mutex_t exclusive_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t exclusive_cond = PTHREAD_COND_INITIALIZER;
static _Atomic bool exclusive_pending;
/* this thread's vCPU while it is between tcg_exec_enter and _leave */
static __thread TCGVcpu *this_thread_inside;

static void wake_section(void)
{
    pthread_mutex_lock(&exclusive_lock);
    pthread_cond_broadcast(&exclusive_cond);
    pthread_mutex_unlock(&exclusive_lock);
}

void tcg_exec_enter(TCGVcpu *v)
{
    this_thread_inside = v;
    atomic_store(&v->inside_exec, true);
    if (!atomic_load(&exclusive_pending)) {
        return;
    }
    /* a section is starting or running: back out, wait for its end */
    pthread_mutex_lock(&exclusive_lock);
    atomic_store(&v->inside_exec, false);
    pthread_cond_broadcast(&exclusive_cond);
    while (atomic_load(&exclusive_pending)) {
        pthread_cond_wait(&exclusive_cond, &exclusive_lock);
    }
    atomic_store(&v->inside_exec, true);
    pthread_mutex_unlock(&exclusive_lock);
}

void tcg_exec_leave(TCGVcpu *v)
{
    this_thread_inside = NULL;
    atomic_store(&v->inside_exec, false);
    if (atomic_load(&exclusive_pending)) {
        wake_section();
    }
}

void tcg_exclusive_start(void)
{
    TCGVcpu *self = this_thread_inside;

    pthread_mutex_lock(&exclusive_lock);
    /* The caller may be a vCPU itself (translating): it does not wait
     * for itself, and another section in progress may wait for it. */
    if (self) {
        atomic_store(&self->inside_exec, false);
        pthread_cond_broadcast(&exclusive_cond);
    }
    while (atomic_load(&exclusive_pending)) {
        pthread_cond_wait(&exclusive_cond, &exclusive_lock);
    }
    atomic_store(&exclusive_pending, true);
    tb_cache_kick_inside(tcg_current_cpu());
    while (tb_cache_count_inside() > 0) {
        pthread_cond_wait(&exclusive_cond, &exclusive_lock);
    }
    pthread_mutex_unlock(&exclusive_lock);
}

void tcg_exclusive_end(void)
{
    pthread_mutex_lock(&exclusive_lock);
    atomic_store(&exclusive_pending, false);
    if (this_thread_inside) {
        atomic_store(&this_thread_inside->inside_exec, true);
    }
    pthread_cond_broadcast(&exclusive_cond);
    pthread_mutex_unlock(&exclusive_lock);
}

/* fork(): the child has one thread, so nobody else is inside (tb-cache.c
 * clears the other vCPUs' flags). */
void tcg_exclusive_fork_prepare(void)
{
    pthread_mutex_lock(&exclusive_lock);
}

void tcg_exclusive_fork_parent(void)
{
    pthread_mutex_unlock(&exclusive_lock);
}

void tcg_exclusive_fork_child(void)
{
    pthread_mutex_init(&exclusive_lock, NULL);
    pthread_cond_init(&exclusive_cond, NULL);
    atomic_store(&exclusive_pending, false);
}
