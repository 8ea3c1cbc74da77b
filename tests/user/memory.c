/* SPDX-License-Identifier: GPL-2.0-or-later */
/* brk, mmap, mprotect, mremap and a large malloc. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int main(void)
{
    char *p = sbrk(0), *q;
    char *m;
    int grow, shrink;

    /* Before any printf: stdio's buffer must not sit above the break we
     * give back. */
    grow = sbrk(1 << 20) == p;
    if (grow) {
        memset(p, 0x5a, 1 << 20);
    }
    shrink = grow && sbrk(-(1 << 20)) != (void *)-1 && sbrk(0) == p;
    printf("sbrk_grow=%s\n", grow ? "yes" : "no");
    printf("sbrk_shrink=%s\n", shrink ? "yes" : "no");
    m = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("mmap=%s\n", m != MAP_FAILED ? "yes" : "no");
    strcpy(m + 4096, "middle");
    printf("mprotect=%s\n", mprotect(m, 4096, PROT_READ) == 0 &&
           mprotect(m, 4096, PROT_READ | PROT_WRITE) == 0 ? "yes" : "no");
    q = mremap(m, 3 * 4096, 64 * 4096, MREMAP_MAYMOVE);
    printf("mremap=%s kept=%s\n", q != MAP_FAILED ? "yes" : "no",
           q != MAP_FAILED && !strcmp(q + 4096, "middle") ? "yes" : "no");
    q[63 * 4096] = 1;
    printf("munmap=%s\n", munmap(q, 64 * 4096) == 0 ? "yes" : "no");
    p = malloc(64 << 20);
    memset(p, 1, 64 << 20);
    printf("malloc64M=%s\n", p && p[(64 << 20) - 1] == 1 ? "yes" : "no");
    free(p);
    return 0;
}
