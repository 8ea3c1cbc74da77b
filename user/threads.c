/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Guest threads: clone(CLONE_VM|CLONE_THREAD|...) runs the new guest
 * thread on its own host thread with its own CPU (a copy of the parent's
 * registers) and its own TCG context (tcg_ctx is per host thread, made on
 * the first tcg_cpu_exec there); the TB cache is shared and locked by the
 * core. The guest TID is the host thread's TID (gettid).
 *
 * Host threads are recycled: when a guest thread exits, its host thread
 * parks in a pool with its CPU and is handed the next clone. That keeps
 * the per-thread translator state (TCG context, interpreter frame, vCPU
 * registration with the TB cache) bounded by the peak number of threads
 * instead of growing with every thread ever created, and makes short
 * thread lifetimes cheap. A recycled thread keeps its TID, which Linux
 * may do too (TIDs are reused); glibc only relies on the CLONE_CHILD_CLEARTID
 * word becoming 0.
 *
 * Lock order: thread_lock is a leaf (nothing else is taken under it).
 */
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "accel/tcg/tcg.h"
#include "accel/tcg/tcg-exec.h"
#include "target-cpu.h"
#include "user/user-log.h"
#include "user/user-process.h"
#include "util/error.h"

typedef struct UserThread {
    CPU cpu;
    CPUArchState env;
    pid_t tid;
    sigjmp_buf exit_env;        /* user_thread_exit lands here to park */
    pthread_cond_t cond;        /* job handed over / thread started */
    bool has_job;               /* a clone is waiting for this thread */
    bool started;               /* the clone's stores are done */
    sigset_t sigmask;           /* host mask to run the guest thread with */
    uint64_t flags;
    abi_ulong ptid, ctid;
    struct UserThread *next;    /* pool link */
} UserThread;

static pthread_mutex_t thread_lock = PTHREAD_MUTEX_INITIALIZER;
static UserThread *thread_pool;           /* parked host threads */
static atomic_int thread_live = 1;        /* running guest threads */
static void (*thread_cpu_loop)(CPU *cpu);

static __thread UserThread *thread_self;  /* NULL on the main thread */
static __thread abi_ulong thread_clear_tid;

void user_thread_set_cpu_loop(void (*loop)(CPU *cpu))
{
    thread_cpu_loop = loop;
}

void user_thread_set_clear_tid(abi_ulong addr)
{
    thread_clear_tid = addr;
}

void user_thread_after_fork(void)
{
    /* Only the forking thread exists in the child; the parked threads
     * are gone and the lock may have been held by one of them. */
    pthread_mutex_init(&thread_lock, NULL);
    thread_pool = NULL;
    atomic_store(&thread_live, 1);
}

/* The clone's kernel-side stores, done on the child before it runs. */
static void thread_start_stores(UserThread *t)
{
    if (t->flags & USER_CLONE_PARENT_SETTID) {
        user_copy_to_guest(t->ptid, &t->tid, sizeof(t->tid));
    }
    if (t->flags & USER_CLONE_CHILD_SETTID) {
        user_copy_to_guest(t->ctid, &t->tid, sizeof(t->tid));
    }
    thread_clear_tid = (t->flags & USER_CLONE_CHILD_CLEARTID) ? t->ctid : 0;
}

static void *thread_main(void *opaque)
{
    UserThread *t = opaque;

    thread_self = t;
    t->tid = gettid();
    for (;;) {
        sigset_t mask;

        pthread_mutex_lock(&thread_lock);
        while (!t->has_job) {
            pthread_cond_wait(&t->cond, &thread_lock);
        }
        t->has_job = false;
        thread_start_stores(t);
        mask = t->sigmask;
        t->started = true;
        pthread_cond_broadcast(&t->cond);
        pthread_mutex_unlock(&thread_lock);

        if (!sigsetjmp(t->exit_env, 0)) {
            pthread_sigmask(SIG_SETMASK, &mask, NULL);
            thread_cpu_loop(&t->cpu);
            fatal_internal("the guest CPU loop returned");
        }
        /* The guest thread exited: park (signals stay blocked here so
         * the host delivers asynchronous ones to running threads). */
        pthread_mutex_lock(&thread_lock);
        t->next = thread_pool;
        thread_pool = t;
        pthread_mutex_unlock(&thread_lock);
    }
    return NULL;
}

static UserThread *thread_new(CPU *parent)
{
    TCGCPUState *ps = parent->accel_state;
    UserThread *t;

    /* aligned as the target's state needs (x86-64: 32-byte vectors) */
    if (posix_memalign((void **)&t, _Alignof(UserThread), sizeof(*t))) {
        return NULL;
    }
    memset(t, 0, sizeof(*t));
    t->cpu.arch = &t->env;
    t->cpu.index = -1;
    if (tcg_cpu_init(&t->cpu, ps->ops) < 0) {
        free(t);
        return NULL;
    }
    ((TCGCPUState *)t->cpu.accel_state)->one_insn_per_tb =
        ps->one_insn_per_tb;
    pthread_cond_init(&t->cond, NULL);
    return t;
}

abi_long user_thread_clone(CPU *parent, uint64_t flags, abi_ulong stack,
                           abi_ulong ptid, abi_ulong tls, abi_ulong ctid)
{
    const uint64_t need = USER_CLONE_THREAD_FLAGS;
    const uint64_t optional = USER_CLONE_SETTLS | USER_CLONE_PARENT_SETTID |
                              USER_CLONE_CHILD_SETTID |
                              USER_CLONE_CHILD_CLEARTID;
    sigset_t all, old;
    UserThread *t;
    bool create = false;
    pid_t tid;

    if ((flags & need) != need || (flags & ~(need | optional)) || !stack) {
        if (user_log_enabled(USER_LOG_UNIMP)) {
            user_log("unimplemented: clone flags 0x%llx (threads need "
                     "0x%llx, optional 0x%llx)\n", (unsigned long long)flags,
                     (unsigned long long)need, (unsigned long long)optional);
        }
        return -EINVAL;
    }
    if (!thread_cpu_loop) {
        return -ENOSYS;
    }
    pthread_mutex_lock(&thread_lock);
    t = thread_pool;
    if (t) {
        thread_pool = t->next;
    }
    pthread_mutex_unlock(&thread_lock);
    if (!t) {
        t = thread_new(parent);
        if (!t) {
            return -ENOMEM;
        }
        create = true;
    }

    /* The child's registers: the parent's, returning 0 on its own stack. */
    t->env = *parent->arch;
    target_cpu_clone_child(&t->env, stack);
    if (flags & USER_CLONE_SETTLS) {
        target_cpu_set_tls(&t->env, tls);
    }
    atomic_store(&t->cpu.exit_request, 0);
    t->flags = flags;
    t->ptid = ptid;
    t->ctid = ctid;
    t->started = false;

    /* The child starts with every signal blocked and takes the parent's
     * (guest) mask once it is ready to run guest code. */
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    t->sigmask = old;
    atomic_fetch_add(&thread_live, 1);
    pthread_mutex_lock(&thread_lock);
    t->has_job = true;
    if (create) {
        pthread_attr_t attr;
        pthread_t th;
        int err;

        pthread_attr_init(&attr);
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        pthread_attr_setstacksize(&attr, 1024 * 1024);
        err = pthread_create(&th, &attr, thread_main, t);
        pthread_attr_destroy(&attr);
        if (err) {
            /* The vCPU stays registered with the TB cache (the core has
             * no way to drop one yet), so t is leaked: rare, bounded. */
            pthread_mutex_unlock(&thread_lock);
            atomic_fetch_sub(&thread_live, 1);
            pthread_sigmask(SIG_SETMASK, &old, NULL);
            return -err;
        }
    } else {
        pthread_cond_broadcast(&t->cond);
    }
    while (!t->started) {
        pthread_cond_wait(&t->cond, &thread_lock);
    }
    tid = t->tid;
    pthread_mutex_unlock(&thread_lock);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return tid;
}

void user_thread_exit(int status)
{
    abi_ulong clear = thread_clear_tid;
    sigset_t all;

    if (atomic_fetch_sub(&thread_live, 1) == 1) {
        /* The last guest thread: the process ends with its status. */
        user_process_exit(status);
    }
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, NULL);
    if (clear) {
        uint32_t zero = 0;

        /* What the kernel does at thread exit: pthread_join waits on it. */
        thread_clear_tid = 0;
        if (user_copy_to_guest(clear, &zero, sizeof(zero)) == 0) {
            syscall(SYS_futex, g2h(clear), FUTEX_WAKE, 1, NULL, NULL, 0);
        }
    }
    if (thread_self) {
        siglongjmp(thread_self->exit_env, 1);
    }
    /*
     * The main guest thread: the process goes on while other guest
     * threads run (as in Linux). Its host thread sleeps with every signal
     * blocked rather than pthread_exit()ing through the translator's
     * frames; it is not recycled, so no later thread gets TID == PID.
     */
    for (;;) {
        pause();
    }
}
