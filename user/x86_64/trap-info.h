/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The last trap of the calling guest thread, as the x86-64 kernel keeps
 * it for the signal frame's sigcontext (trapno, err, cr2): set by the CPU
 * loop before it raises a fault signal, read by signal-frame.c.
 */
#ifndef USER_X86_64_TRAP_INFO_H
#define USER_X86_64_TRAP_INFO_H

#include <stdint.h>

typedef struct X86UserTrap {
    uint64_t trapno, err, cr2;
} X86UserTrap;

extern __thread X86UserTrap x86_user_trap;

#endif
