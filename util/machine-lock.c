/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "util/machine-lock.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static __thread bool held;

void machine_lock(void)
{
    pthread_mutex_lock(&lock);
    held = true;
}

void machine_unlock(void)
{
    held = false;
    pthread_mutex_unlock(&lock);
}

bool machine_lock_held(void)
{
    return held;
}

void machine_lock_cond_wait(pthread_cond_t *cond)
{
    held = false;
    pthread_cond_wait(cond, &lock);
    held = true;
}
