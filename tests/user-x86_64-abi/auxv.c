/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The initial stack and auxiliary vector: AT_HWCAP must be CPUID.1 EDX
 * as this CPU reports it (true natively and under Janus), AT_PLATFORM
 * "x86_64", AT_PAGESZ, AT_RANDOM, AT_MINSIGSTKSZ, AT_EXECFN; rdx = 0 and
 * a 16-byte aligned rsp at entry are checked by the entry code. Whether
 * there is a vDSO (AT_SYSINFO_EHDR) is printed: the native run has one,
 * Janus has none.
 */
#include "sys.h"

enum { AT_NULL = 0, AT_PAGESZ = 6, AT_HWCAP = 16, AT_PLATFORM = 15,
       AT_RANDOM = 25, AT_EXECFN = 31, AT_SYSINFO_EHDR = 33,
       AT_MINSIGSTKSZ = 51 };

static int streq(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

int test_main(long *sp)
{
    long argc = sp[0];
    char **argv = (char **)&sp[1];
    long *p = &sp[argc + 2];
    u64 hwcap = ~0ul, pagesz = 0, random = 0, minsig = 0, vdso = 0;
    const char *platform = "", *execfn = "";
    u32 a = 1, b, c = 0, d;

    while (*p) {        /* skip envp */
        p++;
    }
    for (p++; p[0] != AT_NULL; p += 2) {
        switch (p[0]) {
        case AT_PAGESZ: pagesz = p[1]; break;
        case AT_HWCAP: hwcap = p[1]; break;
        case AT_PLATFORM: platform = (const char *)p[1]; break;
        case AT_RANDOM: random = p[1]; break;
        case AT_EXECFN: execfn = (const char *)p[1]; break;
        case AT_SYSINFO_EHDR: vdso = p[1]; break;
        case AT_MINSIGSTKSZ: minsig = p[1]; break;
        }
    }
    __asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
    check("AT_HWCAP = CPUID.1 EDX", hwcap == d, (long)hwcap);
    check("AT_PAGESZ", pagesz == 4096, (long)pagesz);
    check("AT_PLATFORM", streq(platform, "x86_64"), 0);
    check("AT_RANDOM", random != 0, 0);
    check("AT_MINSIGSTKSZ", minsig >= 1024 && minsig <= 65536, (long)minsig);
    check("AT_EXECFN", streq(execfn, argv[0]) || execfn[0] == '/', 0);
    put(vdso ? "vdso: yes\n" : "vdso: no\n");
    return failures;
}
