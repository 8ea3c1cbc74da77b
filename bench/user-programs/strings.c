/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libc string and malloc work: snprintf, strlen, memcpy, strcmp and
 * strchr on short strings, with a ring of 256 live heap blocks of varying
 * sizes freed and reallocated (malloc/free churn), argv[1] iterations.
 * Most of the time is in libc, i.e. in the guest's own optimised code.
 */
#include <string.h>

#include "bench.h"

#define RING 256

static const char *const words[] = {
    "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel",
    "india", "juliett", "kilo", "lima", "mike", "november", "oscar", "papa",
};

int main(int argc, char **argv)
{
    uint64_t iterations = bench_size(argc, argv, 1000000);
    char *ring[RING] = { 0 };
    char buf[128];
    uint64_t sum = 0, state = 3;

    for (uint64_t i = 0; i < iterations; i++) {
        uint64_t r = bench_mix(&state);
        const char *w = words[r & 15];
        int n = snprintf(buf, sizeof(buf), "%s-%llu-%x-%s", w,
                         (unsigned long long)i, (unsigned)(r >> 40),
                         words[(r >> 4) & 15]);
        size_t len = strlen(buf), slot = (r >> 8) % RING;
        char *p = malloc(len + 1 + ((r >> 16) & 255));
        const char *dash;
        int c;

        if (!p || n != (int)len) {
            fprintf(stderr, "strings: malloc or snprintf failed\n");
            return 1;
        }
        memcpy(p, buf, len + 1);
        c = ring[slot] ? strcmp(p, ring[slot]) : 0;
        dash = strchr(p + 1, '-');
        sum = sum * 1000003 + len * 3 + (c > 0) * 2 + (c < 0) + (uint64_t)(dash - p);
        free(ring[slot]);
        ring[slot] = p;
    }
    for (int i = 0; i < RING; i++) {
        if (ring[i]) {
            sum += strlen(ring[i]);
        }
        free(ring[i]);
    }
    bench_checksum("strings", sum);
    return 0;
}
