/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The guest address space of a linux-user process. Guest and emulator
 * share one host address space (guest_base = 0), so every guest mapping is
 * recorded here: the guest may only replace, unmap or reprotect what it
 * mapped itself, never the emulator's own memory. Page size is 4 KiB on
 * both sides. Ranges that lose their code (munmap, remap, new write or
 * lost exec permission) have their translations invalidated.
 */
#ifndef USER_USER_MMAP_H
#define USER_USER_MMAP_H

#include <stdbool.h>
#include <sys/types.h>

#include "user/guest-access.h"

#define USER_PAGE_SIZE 4096ull
#define USER_PAGE_ALIGN(x) (((x) + USER_PAGE_SIZE - 1) & ~(USER_PAGE_SIZE - 1))
#define USER_PAGE_TRUNC(x) ((x) & ~(USER_PAGE_SIZE - 1))

/* Highest guest address + 1 we hand out (x86-64 user space, 47 bits). */
#define USER_GUEST_ADDR_LIMIT (1ull << 47)

/*
 * mmap with HOST prot/flags on behalf of the guest (loader, stack, brk),
 * recording the result. MAP_FIXED is refused over memory the guest does
 * not own. Returns the guest address or -errno.
 */
abi_long user_mmap_host(abi_ulong addr, abi_ulong len, int host_prot,
                        int host_flags, int fd, off_t offset);

/* The guest's mmap/munmap/mprotect/mremap/madvise: TARGET_ prot and flag
 * values in, guest address or 0 or -errno out. */
abi_long user_target_mmap(abi_ulong addr, abi_ulong len, int target_prot,
                          int target_flags, int fd, off_t offset);
abi_long user_target_munmap(abi_ulong addr, abi_ulong len);
abi_long user_target_mprotect(abi_ulong addr, abi_ulong len, int target_prot);
abi_long user_target_mremap(abi_ulong old_addr, abi_ulong old_len,
                            abi_ulong new_len, int flags, abi_ulong new_addr);
abi_long user_target_madvise(abi_ulong addr, abi_ulong len, int advice);

/*
 * Program break. user_brk_init sets its start (end of the executable's
 * bss, page aligned by the caller) and reserves room above it so the heap
 * can grow; user_target_brk is the brk syscall (returns the new break, or
 * the old one on failure, as Linux does).
 */
void user_brk_init(abi_ulong start);
/* Room kept for the break above the executable. */
#define USER_BRK_RESERVE (256ull << 20)
abi_ulong user_target_brk(abi_ulong new_brk);

/* Host PROT_* of the guest page holding addr, or -1 if not guest memory. */
int user_page_get_prot(abi_ulong addr);
/* True if every byte of [start, end) is guest-mapped. */
bool user_range_is_guest(abi_ulong start, abi_ulong end);
/*
 * Self-modifying code: write-protect pages as they get translated
 * (user_mmap_smc_init registers the TCG hook); user_mmap_smc_fault(addr)
 * is called from the SIGSEGV handler for a write fault in guest code and
 * returns true if the page was protected only for code tracking (its
 * write permission is back; the caller invalidates and retries).
 */
void user_mmap_smc_init(void);
bool user_mmap_smc_fault(abi_ulong addr);

/* fork(): hold the mapping table's lock across it (user/main.c's
 * pthread_atfork handlers; taken before TCG's locks). */
void user_mmap_fork_prepare(void);
void user_mmap_fork_parent(void);
void user_mmap_fork_child(void);

/* Translate TARGET_PROT_* / TARGET_MAP_* to host values (thunk tables). */
int user_prot_to_host(int target_prot);
int user_mmap_flags_to_host(int target_flags);

#endif
