/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The machine lock: one lock around all device state (design contract 8).
 * It is never held while guest code runs. Taken by the main loop around
 * host-event callbacks and by vCPU threads around MMIO/PIO dispatch to
 * device callbacks. Lock order: machine lock before any device-private or
 * address-space lock.
 */
#ifndef UTIL_MACHINE_LOCK_H
#define UTIL_MACHINE_LOCK_H

#include <pthread.h>
#include <stdbool.h>

void machine_lock(void);
void machine_unlock(void);
bool machine_lock_held(void);
/* Wait on cond with the machine lock released while waiting. */
void machine_lock_cond_wait(pthread_cond_t *cond);

#endif
