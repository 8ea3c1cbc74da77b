/* SPDX-License-Identifier: GPL-2.0-or-later */
/* arch_prctl: FS/GS base round trips, %fs:/%gs: loads, refused codes. */
#include "sys.h"

enum { ARCH_SET_GS = 0x1001, ARCH_SET_FS = 0x1002, ARCH_GET_FS = 0x1003,
       ARCH_GET_GS = 0x1004 };

static u64 fs_block[4] = { 0, 0x1122334455667788ul, 0xabcdef, 0 };
static u64 gs_block[2] = { 0x600dcafe, 0x5eed };

int test_main(long *sp)
{
    u64 got = 0, v;
    long r;

    (void)sp;
    fs_block[0] = (u64)fs_block;      /* the TLS self pointer, as glibc */
    r = sys2(NR_arch_prctl, ARCH_SET_FS, fs_block);
    check("set_fs", r == 0, r);
    r = sys2(NR_arch_prctl, ARCH_GET_FS, &got);
    check("get_fs round trip", r == 0 && got == (u64)fs_block, r);
    __asm__ volatile("mov %%fs:8, %0" : "=r"(v));
    check("fs:8 load", v == 0x1122334455667788ul, (long)v);
    __asm__ volatile("mov %%fs:0, %0" : "=r"(v));
    check("fs:0 self pointer", v == (u64)fs_block, 0);
    __asm__ volatile("movq $77, %%fs:24" ::: "memory");
    check("fs:24 store", fs_block[3] == 77, (long)fs_block[3]);

    r = sys2(NR_arch_prctl, ARCH_SET_GS, gs_block);
    got = 0;
    check("set_gs", r == 0, r);
    r = sys2(NR_arch_prctl, ARCH_GET_GS, &got);
    check("get_gs round trip", r == 0 && got == (u64)gs_block, r);
    __asm__ volatile("mov %%gs:8, %0" : "=r"(v));
    check("gs:8 load", v == 0x5eed, (long)v);

    r = sys2(NR_arch_prctl, 0x1234, 0);
    check("unknown code is EINVAL", r == -22, r);
    r = sys2(NR_arch_prctl, ARCH_SET_FS, 0xffff800000000000ul);
    check("kernel address is EPERM", r == -1, r);
    r = sys2(NR_arch_prctl, ARCH_GET_FS, &got);
    check("failed set keeps fs", got == (u64)fs_block, 0);
    return failures;
}
