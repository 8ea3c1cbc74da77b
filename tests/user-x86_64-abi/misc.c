/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Other calls glibc, coreutils and python use: memfd_create,
 * copy_file_range, fadvise64, sync/syncfs, mincore, getpriority,
 * sched_getscheduler/getparam, getcpu, getrlimit/setrlimit,
 * process_vm_readv/writev on ourselves (what an emulated Janus does),
 * the extended attribute calls (whatever the file system says, the
 * native run says the same).
 */
#include "sys.h"

enum {
    NR_lseek = 8, NR_mincore = 27, NR_getrlimit = 97, NR_setrlimit = 160,
    NR_getpriority = 140, NR_sched_getparam = 143,
    NR_sched_getscheduler = 145, NR_sync = 162, NR_fadvise64 = 221,
    NR_syncfs = 306, NR_getcpu = 309, NR_memfd_create = 319,
    NR_copy_file_range = 326, NR_process_vm_readv = 310,
    NR_process_vm_writev = 311, NR_fsetxattr = 190, NR_lgetxattr = 192,
    NR_fgetxattr = 193, NR_llistxattr = 195, NR_flistxattr = 196,
    NR_fremovexattr = 199,
};

static void put_result(const char *name, long r)
{
    put(name);
    put(" = ");
    put_dec(r);
    put("\n");
}

static char vm_src[8] = "vmcopy!", vm_dst[8];

int test_main(long *sp)
{
    char buf[16];
    long a, b, r, off_in = 1, page;
    unsigned char vec[2];
    u64 rl[2], rl2[2];
    int prm = -1;
    unsigned cpu = ~0u;

    (void)sp;
    a = sys2(NR_memfd_create, "janus-a", 1 /* MFD_CLOEXEC */);
    b = sys2(NR_memfd_create, "janus-b", 1);
    check("memfd_create", a >= 0 && b >= 0, a);
    check("write", sys3(NR_write, a, "abcdef", 6) == 6, 0);
    r = sys6(NR_copy_file_range, a, (long)&off_in, b, 0, 4, 0);
    check("copy_file_range", r == 4 && off_in == 5, r);
    sys3(NR_lseek, b, 0, 0);
    r = sys3(NR_read, b, buf, sizeof(buf));
    check("copied bytes", r == 4 && buf[0] == 'b' && buf[3] == 'e', r);
    r = sys4(NR_fadvise64, a, 0, 0, 2 /* POSIX_FADV_SEQUENTIAL */);
    check("fadvise64", r == 0, r);
    r = sys4(NR_fadvise64, a, 0, 0, 99);
    check("fadvise64 bad advice", r == -22, r);
    sys0(NR_sync);
    check("syncfs", sys1(NR_syncfs, a) == 0, 0);

    page = sys6(NR_mmap, 0, 8192, 3, 0x22, -1, 0);
    *(volatile char *)page = 1;
    r = sys3(NR_mincore, page, 8192, vec);
    check("mincore", r == 0 && (vec[0] & 1), r);

    r = sys2(NR_getpriority, 0 /* PRIO_PROCESS */, 0);
    check("getpriority in 1..40", r >= 1 && r <= 40, r);
    r = sys1(NR_sched_getscheduler, 0);
    check("sched_getscheduler", r >= 0, r);
    r = sys2(NR_sched_getparam, 0, &prm);
    check("sched_getparam", r == 0 && prm >= 0, r);
    r = sys3(NR_getcpu, &cpu, 0, 0);
    check("getcpu", r == 0 && cpu < 4096, r);
    r = sys2(NR_getrlimit, 7 /* RLIMIT_NOFILE */, rl);
    check("getrlimit", r == 0 && rl[0] > 0 && rl[0] <= rl[1], r);
    rl2[0] = rl[0] - 1;
    rl2[1] = rl[1];
    r = sys2(NR_setrlimit, 7, rl2);
    sys2(NR_getrlimit, 7, rl);
    check("setrlimit", r == 0 && rl[0] == rl2[0], r);
    {
        struct { void *base; u64 len; } local = { vm_dst, 8 },
                                        remote = { vm_src, 8 };
        long pid = sys0(NR_getpid);

        r = sys6(NR_process_vm_readv, pid, (long)&local, 1, (long)&remote, 1,
                 0);
        check("process_vm_readv", r == 8 && vm_dst[6] == '!', r);
        local.base = "written";
        remote.base = vm_src;
        r = sys6(NR_process_vm_writev, pid, (long)&local, 1, (long)&remote,
                 1, 0);
        check("process_vm_writev", r == 8 && vm_src[0] == 'w', r);
    }
    {
        char val[8] = { 0 }, list[64];
        long set = sys6(NR_fsetxattr, a, (long)"user.janus", (long)"v", 1, 0,
                        0);

        put_result("fsetxattr", set);
        r = sys4(NR_fgetxattr, a, "user.janus", val, sizeof(val));
        check("fgetxattr after fsetxattr", set < 0 || (r == 1 &&
              val[0] == 'v'), r);
        r = sys3(NR_flistxattr, a, list, sizeof(list));
        check("flistxattr", set < 0 || r == 11, r);
        put_result("fremovexattr", sys2(NR_fremovexattr, a, "user.janus"));
        put_result("lgetxattr missing name",
                   sys4(NR_lgetxattr, "/", "user.janus-none", val, 8));
        put_result("llistxattr missing file",
                   sys3(NR_llistxattr, "/nonexistent", list, sizeof(list)));
    }
    return failures;
}
