/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Exclusive sections: stop every other vCPU outside translated code, for
 * work that must not race running TBs (dropping every TB when the code
 * buffer is full). Each vCPU counts itself in while it is inside
 * tcg_cpu_exec; an exclusive section kicks those (exit_request: each
 * leaves at its next TB entry) and waits until none is inside. A vCPU
 * blocked in a guest system call or sleeping in a halted state is not
 * inside, so it never delays the section.
 */
#include <pthread.h>
#include <stdbool.h>

#include "accel/tcg/tcg-fork.h"
#include "accel/tcg/tcg-internal.h"

static pthread_mutex_t exclusive_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t exclusive_cond = PTHREAD_COND_INITIALIZER;
static unsigned vcpus_inside;       /* between tcg_exec_enter and _leave */
static bool exclusive_pending;
static __thread bool this_thread_inside;

void tcg_exec_enter(TCGVcpu *v)
{
    pthread_mutex_lock(&exclusive_lock);
    while (exclusive_pending) {
        pthread_cond_wait(&exclusive_cond, &exclusive_lock);
    }
    vcpus_inside++;
    this_thread_inside = true;
    atomic_store(&v->inside_exec, true);
    pthread_mutex_unlock(&exclusive_lock);
}

void tcg_exec_leave(TCGVcpu *v)
{
    pthread_mutex_lock(&exclusive_lock);
    vcpus_inside--;
    this_thread_inside = false;
    atomic_store(&v->inside_exec, false);
    if (exclusive_pending) {
        pthread_cond_broadcast(&exclusive_cond);
    }
    pthread_mutex_unlock(&exclusive_lock);
}

void tcg_exclusive_start(void)
{
    pthread_mutex_lock(&exclusive_lock);
    /* The caller may be a vCPU itself (translating): it does not wait
     * for itself, and another section in progress may wait for it. */
    if (this_thread_inside) {
        vcpus_inside--;
        pthread_cond_broadcast(&exclusive_cond);
    }
    while (exclusive_pending) {
        pthread_cond_wait(&exclusive_cond, &exclusive_lock);
    }
    exclusive_pending = true;
    tb_cache_kick_inside(tcg_current_cpu());
    while (vcpus_inside > 0) {
        pthread_cond_wait(&exclusive_cond, &exclusive_lock);
    }
    pthread_mutex_unlock(&exclusive_lock);
}

void tcg_exclusive_end(void)
{
    pthread_mutex_lock(&exclusive_lock);
    exclusive_pending = false;
    if (this_thread_inside) {
        vcpus_inside++;
    }
    pthread_cond_broadcast(&exclusive_cond);
    pthread_mutex_unlock(&exclusive_lock);
}

/* fork(): the child has one thread, so nobody else is inside. */
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
    exclusive_pending = false;
    vcpus_inside = this_thread_inside ? 1 : 0;
}
