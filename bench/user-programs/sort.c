/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Sort and search: qsort() of argv[1] pseudo-random ints through a
 * comparison callback (indirect calls into our code from libc), then as
 * many binary searches of our own. Branchy code, calls and returns.
 */
#include "bench.h"

static int compare_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Index of the first element >= key. */
static size_t lower_bound(const int *v, size_t n, int key)
{
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] < key) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

int main(int argc, char **argv)
{
    size_t n = bench_size(argc, argv, 2000000);
    int *v = malloc(n * sizeof(*v));
    uint64_t state = 7, sum = 0;

    if (!v) {
        perror("malloc");
        return 1;
    }
    for (size_t i = 0; i < n; i++) {
        v[i] = (int)(bench_mix(&state) >> 33) - (1 << 30);
    }
    qsort(v, n, sizeof(*v), compare_int);
    for (size_t i = 1; i < n; i++) {
        if (v[i - 1] > v[i]) {
            fprintf(stderr, "sort: not sorted at %zu\n", i);
            return 1;
        }
    }
    for (size_t i = 0; i < n; i++) {
        int key = (int)(bench_mix(&state) >> 33) - (1 << 30);
        size_t at = lower_bound(v, n, key);
        sum = sum * 31 + at + (at < n && v[at] == key);
    }
    sum ^= (uint64_t)(uint32_t)v[n / 2] << 32 | (uint32_t)v[n / 3];
    free(v);
    bench_checksum("sort", sum);
    return 0;
}
