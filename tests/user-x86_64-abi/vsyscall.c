/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The legacy vsyscall page: calls to 0xffffffffff600000 (gettimeofday),
 * +0x400 (time) and +0x800 (getcpu) return to the caller with the
 * system call's result. (On a host booted with vsyscall=none the native
 * run dies of SIGSEGV; the test then compares with the time syscall
 * only.)
 */
#include "sys.h"

typedef long (*vfn)(long, long, long);

int test_main(long *sp)
{
    vfn vtime = (vfn)0xffffffffff600400ul;
    vfn vgtod = (vfn)0xffffffffff600000ul;
    vfn vgetcpu = (vfn)0xffffffffff600800ul;
    long t_sys = sys1(NR_time, 0), t_v, t_out = 0, r;
    long tv[2] = { 0, -1 };
    unsigned cpu = ~0u;

    (void)sp;
    t_v = vtime((long)&t_out, 0, 0);
    check("time() result", t_v >= t_sys && t_v - t_sys < 5, t_v - t_sys);
    check("time() stored", t_out == t_v, t_out - t_v);
    r = vgtod((long)tv, 0, 0);
    check("gettimeofday() = 0", r == 0, r);
    check("gettimeofday() seconds", tv[0] >= t_sys && tv[0] - t_sys < 5,
          tv[0] - t_sys);
    check("gettimeofday() usec", tv[1] >= 0 && tv[1] < 1000000, tv[1]);
    r = vgetcpu((long)&cpu, 0, 0);
    check("getcpu() = 0", r == 0, r);
    check("getcpu() cpu", cpu < 4096, (long)cpu);
    return failures;
}
