/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The riscv64-only system calls. */
#include <errno.h>

#include "accel/tcg/tcg.h"
#include "accel/tcg/tcg-exec.h"
#include "syscall-numbers.h"
#include "user/syscall.h"

/* riscv_flush_icache(start, end, flags): what JITs call after writing
 * code; drop our translations of that range. */
static abi_long sys_riscv_flush_icache(const UserSyscallArgs *a)
{
    if (a->a[1] < a->a[0] || (a->a[2] & ~1ull)) {
        return -EINVAL;
    }
    tb_invalidate_range(a->a[0], a->a[1]);
    return 0;
}

const UserSyscallDef user_syscalls_arch[] = {
    { TARGET_NR_riscv_flush_icache, sys_riscv_flush_icache, "ppx" },
    { 0, NULL, NULL }
};
