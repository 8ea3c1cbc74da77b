/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "machines/machine.h"
#include "io/main-loop.h"
#include "util/cutils.h"

#include <stdio.h>
#include <string.h>

/*
 * Requests come from vCPU threads (with or without the machine lock) and
 * from the main loop; the main loop's wakeup hook acts on them.
 */
static pthread_mutex_t request_lock = PTHREAD_MUTEX_INITIALIZER;

/*
 * Like the hardware, a poweroff or reset takes effect at once for the
 * guest: every vCPU is kicked out of guest code, and the thread loops do
 * not run it again until the main loop has acted (machine_request_pending).
 */
static void machine_kick_all(Machine *m)
{
    for (unsigned i = 0; i < m->nr_cpus; i++) {
        cpu_kick(m->cpus[i]);
    }
}

void machine_request_shutdown(Machine *m, ShutdownCause cause, int exit_status)
{
    pthread_mutex_lock(&request_lock);
    if (m->shutdown_cause == SHUTDOWN_NONE) {
        m->shutdown_cause = cause;
        m->exit_status = exit_status;
    }
    pthread_mutex_unlock(&request_lock);
    machine_kick_all(m);
    main_loop_notify();
}

void machine_request_reset(Machine *m)
{
    pthread_mutex_lock(&request_lock);
    m->reset_requested = true;
    pthread_mutex_unlock(&request_lock);
    machine_kick_all(m);
    main_loop_notify();
}

bool machine_request_pending(Machine *m)
{
    bool pending;

    pthread_mutex_lock(&request_lock);
    pending = m->reset_requested || m->shutdown_cause != SHUTDOWN_NONE;
    pthread_mutex_unlock(&request_lock);
    return pending;
}

bool machine_take_requests(Machine *m, ShutdownCause *cause, int *status)
{
    bool reset;

    pthread_mutex_lock(&request_lock);
    *cause = m->shutdown_cause;
    *status = m->exit_status;
    reset = m->reset_requested;
    m->reset_requested = false;
    pthread_mutex_unlock(&request_lock);
    return reset;
}
