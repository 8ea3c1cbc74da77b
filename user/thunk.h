/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Declarative flag conversion between guest and host values. A table row
 * says: when (value & mask) == bits on one side, set the other side's
 * bits. Even where riscv64 and x86-64 agree today (both follow
 * asm-generic for most flags), the tables make that a checked fact rather
 * than luck, and a target that differs (aarch64 O_DIRECTORY) only needs
 * new rows.
 */
#ifndef USER_THUNK_H
#define USER_THUNK_H

#include <stdint.h>

typedef struct UserFlagMap {
    uint32_t target_mask, target_bits;
    uint32_t host_mask, host_bits;
} UserFlagMap;

/* Both walk rows until one with target_mask == 0. */
uint32_t user_flags_to_host(const UserFlagMap *map, uint32_t target);
uint32_t user_flags_to_target(const UserFlagMap *map, uint32_t host);

extern const UserFlagMap user_open_flags[];
extern const UserFlagMap user_mmap_flags[];
extern const UserFlagMap user_prot_flags[];

#endif
