/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "user/thunk.h"

#include <fcntl.h>
#include <sys/mman.h>

#include "target-structs.h"

uint32_t user_flags_to_host(const UserFlagMap *map, uint32_t target)
{
    uint32_t host = 0;

    for (; map->target_mask; map++) {
        if ((target & map->target_mask) == map->target_bits) {
            host |= map->host_bits;
        }
    }
    return host;
}

uint32_t user_flags_to_target(const UserFlagMap *map, uint32_t host)
{
    uint32_t target = 0;

    for (; map->target_mask; map++) {
        if ((host & map->host_mask) == map->host_bits) {
            target |= map->target_bits;
        }
    }
    return target;
}

#define FLAG(t, h) { TARGET_##t, TARGET_##t, h, h }

const UserFlagMap user_open_flags[] = {
    { TARGET_O_ACCMODE, 0, O_ACCMODE, O_RDONLY },
    { TARGET_O_ACCMODE, 1, O_ACCMODE, O_WRONLY },
    { TARGET_O_ACCMODE, 2, O_ACCMODE, O_RDWR },
    FLAG(O_CREAT, O_CREAT),
    FLAG(O_EXCL, O_EXCL),
    FLAG(O_NOCTTY, O_NOCTTY),
    FLAG(O_TRUNC, O_TRUNC),
    FLAG(O_APPEND, O_APPEND),
    FLAG(O_NONBLOCK, O_NONBLOCK),
    FLAG(O_DSYNC, O_DSYNC),
    FLAG(FASYNC, FASYNC),
    FLAG(O_DIRECT, O_DIRECT),
    FLAG(O_LARGEFILE, O_LARGEFILE),
    FLAG(O_DIRECTORY, O_DIRECTORY),
    FLAG(O_NOFOLLOW, O_NOFOLLOW),
    FLAG(O_NOATIME, O_NOATIME),
    FLAG(O_CLOEXEC, O_CLOEXEC),
    /* O_SYNC is __O_SYNC | O_DSYNC on both sides; O_TMPFILE likewise. */
    FLAG(__O_SYNC, O_SYNC & ~O_DSYNC),
    FLAG(O_PATH, O_PATH),
    FLAG(__O_TMPFILE, O_TMPFILE & ~O_DIRECTORY),
    { 0, 0, 0, 0 }
};

const UserFlagMap user_mmap_flags[] = {
    { TARGET_MAP_TYPE, TARGET_MAP_SHARED, MAP_TYPE, MAP_SHARED },
    { TARGET_MAP_TYPE, TARGET_MAP_PRIVATE, MAP_TYPE, MAP_PRIVATE },
    { TARGET_MAP_TYPE, TARGET_MAP_SHARED_VALIDATE, MAP_TYPE,
      MAP_SHARED_VALIDATE },
    FLAG(MAP_FIXED, MAP_FIXED),
    FLAG(MAP_ANONYMOUS, MAP_ANONYMOUS),
    FLAG(MAP_GROWSDOWN, MAP_GROWSDOWN),
    FLAG(MAP_DENYWRITE, MAP_DENYWRITE),
    FLAG(MAP_EXECUTABLE, MAP_EXECUTABLE),
    FLAG(MAP_LOCKED, MAP_LOCKED),
    FLAG(MAP_NORESERVE, MAP_NORESERVE),
    FLAG(MAP_POPULATE, MAP_POPULATE),
    FLAG(MAP_NONBLOCK, MAP_NONBLOCK),
    FLAG(MAP_STACK, MAP_STACK),
    FLAG(MAP_HUGETLB, MAP_HUGETLB),
    FLAG(MAP_SYNC, MAP_SYNC),
    FLAG(MAP_FIXED_NOREPLACE, MAP_FIXED_NOREPLACE),
#ifdef TARGET_MAP_32BIT
    FLAG(MAP_32BIT, MAP_32BIT),
#endif
    { 0, 0, 0, 0 }
};

const UserFlagMap user_prot_flags[] = {
    FLAG(PROT_READ, PROT_READ),
    FLAG(PROT_WRITE, PROT_WRITE),
    FLAG(PROT_EXEC, PROT_EXEC),
    { 0, 0, 0, 0 }
};
