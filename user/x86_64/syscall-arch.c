/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The x86-64-only system calls: arch_prctl, which reads and sets the FS
 * and GS bases (glibc's thread pointer is FS).
 */
#include <errno.h>

#include "syscall-numbers.h"
#include "target-cpu.h"
#include "user/syscall.h"
#include "user/user-log.h"

enum {
    TARGET_ARCH_SET_GS = 0x1001,
    TARGET_ARCH_SET_FS = 0x1002,
    TARGET_ARCH_GET_FS = 0x1003,
    TARGET_ARCH_GET_GS = 0x1004,
};

/* The top of the user half with 4-level paging (Linux TASK_SIZE_MAX):
 * a base at or above it is refused with EPERM. */
#define TARGET_TASK_SIZE_MAX 0x00007ffffffff000ull

static abi_long sys_arch_prctl(const UserSyscallArgs *a)
{
    CPUArchState *env = a->cpu->arch;
    uint64_t addr = a->a[1];
    uint64_t val;

    switch ((int)a->a[0]) {
    case TARGET_ARCH_SET_FS:
    case TARGET_ARCH_SET_GS:
        if (addr >= TARGET_TASK_SIZE_MAX) {
            return -EPERM;
        }
        if ((int)a->a[0] == TARGET_ARCH_SET_FS) {
            env->fs_base = addr;
        } else {
            env->gs_base = addr;
        }
        return 0;
    case TARGET_ARCH_GET_FS:
    case TARGET_ARCH_GET_GS:
        val = (int)a->a[0] == TARGET_ARCH_GET_FS ? env->fs_base
                                                 : env->gs_base;
        return user_copy_to_guest(addr, &val, sizeof(val)) < 0 ? -EFAULT : 0;
    default:
        /* CPUID faulting, CET, AMX permissions...: not implemented here,
         * and a kernel without them says EINVAL too. */
        if (user_log_enabled(USER_LOG_UNIMP)) {
            user_log("unimplemented: arch_prctl code 0x%x\n", (int)a->a[0]);
        }
        return -EINVAL;
    }
}

const UserSyscallDef user_syscalls_arch[] = {
    { TARGET_NR_arch_prctl, sys_arch_prctl, "xp" },
    { 0, NULL, NULL }
};
