/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Clocks move forward and sleeping takes at least as long as asked. */
#include <stdio.h>
#include <sys/time.h>
#include <time.h>

/* Nanoseconds; integer only, so the test needs no F/D extension. */
static long long now(clockid_t c)
{
    struct timespec ts;

    clock_gettime(c, &ts);
    return ts.tv_sec * 1000000000ll + ts.tv_nsec;
}

int main(void)
{
    struct timespec req = { 0, 20 * 1000 * 1000 };
    struct timeval tv;
    long long t0 = now(CLOCK_MONOTONIC), t1;
    long real = now(CLOCK_REALTIME) / 1000000000ll;

    nanosleep(&req, NULL);
    t1 = now(CLOCK_MONOTONIC);
    printf("nanosleep_ok=%s\n", t1 - t0 >= 19000000 ? "yes" : "no");
    clock_nanosleep(CLOCK_MONOTONIC, 0, &req, NULL);
    printf("clock_nanosleep_ok=%s\n",
           now(CLOCK_MONOTONIC) - t1 >= 19000000 ? "yes" : "no");
    gettimeofday(&tv, NULL);
    printf("realtime_sane=%s\n",
           real > 1600000000 && tv.tv_sec >= real - 1 ? "yes" : "no");
    printf("time_sane=%s\n", time(NULL) >= real ? "yes" : "no");
    return 0;
}
