/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Guest addresses and safe copies between guest and emulator memory.
 *
 * A guest address is host address guest_base + addr. janus-riscv64 runs
 * with guest_base = 0 (see docs/linux-user.md): riscv64 user programs live
 * below 2^47 like x86-64 ones, so guest pointers can be handed straight to
 * host system calls, which then check them (EFAULT) for us.
 *
 * Whenever the emulator itself reads or writes guest memory (structure
 * conversion, strings), it goes through user_copy_*: those never fault,
 * whatever the guest passed; a bad address gives -EFAULT.
 */
#ifndef USER_GUEST_ACCESS_H
#define USER_GUEST_ACCESS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#if __has_include("accel/tcg/guest-mem.h")
#include "accel/tcg/guest-mem.h"
#else
/* Defined by the TCG core (accel/tcg/user-mem.c). */
extern uintptr_t guest_base;
#endif

_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
               "linux-user assumes a little-endian host like the guest");

typedef uint64_t abi_ulong;
typedef int64_t abi_long;

/* Host pointer for guest address addr. */
static inline void *g2h(abi_ulong addr)
{
    return (void *)(guest_base + (uintptr_t)addr);
}

/* Guest address of host pointer p (p must be in the guest space). */
static inline abi_ulong h2g(const void *p)
{
    return (abi_ulong)((uintptr_t)p - guest_base);
}

/* Copy len bytes from guest address src: 0 or -EFAULT. */
int user_copy_from_guest(void *dst, abi_ulong src, size_t len);
/* Copy len bytes to guest address dst: 0 or -EFAULT. */
int user_copy_to_guest(abi_ulong dst, const void *src, size_t len);
/*
 * Copy the NUL-terminated guest string at src into buf (size bytes).
 * Returns its length, -EFAULT, or -ENAMETOOLONG if it does not fit.
 */
ssize_t user_string_from_guest(char *buf, size_t size, abi_ulong src);

#endif
