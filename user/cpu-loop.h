/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The per-target guest CPU loop of linux-user (user/<target>/cpu-loop.c). */
#ifndef USER_CPU_LOOP_H
#define USER_CPU_LOOP_H

#include <stdbool.h>

#include "user/elfload.h"

typedef struct UserCpuOptions {
    bool one_insn_per_tb;
} UserCpuOptions;

/*
 * Create the guest CPU, point it at the image's entry and stack, and run
 * it, dispatching system calls and guest faults, until the guest exits.
 * Returns only on an emulator setup error (negative errno, reported).
 */
int user_cpu_loop_run(const UserImage *img, const UserCpuOptions *opts);

#endif
