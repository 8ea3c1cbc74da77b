/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Clocks and sleeping; timespec/timeval converted field by field. */
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

#include "syscall-numbers.h"
#include "target-structs.h"
#include "user/syscall.h"

static abi_long timespec_to_guest(abi_ulong addr, const struct timespec *h)
{
    struct target_timespec t = { .tv_sec = h->tv_sec, .tv_nsec = h->tv_nsec };

    return user_copy_to_guest(addr, &t, sizeof(t));
}

static abi_long timespec_from_guest(struct timespec *h, abi_ulong addr)
{
    struct target_timespec t;

    if (user_copy_from_guest(&t, addr, sizeof(t)) < 0) {
        return -EFAULT;
    }
    h->tv_sec = t.tv_sec;
    h->tv_nsec = t.tv_nsec;
    return 0;
}

static abi_long sys_clock_gettime(const UserSyscallArgs *a)
{
    struct timespec ts;

    if (clock_gettime((clockid_t)a->a[0], &ts) < 0) {
        return -errno;
    }
    return timespec_to_guest(a->a[1], &ts);
}

static abi_long sys_clock_getres(const UserSyscallArgs *a)
{
    struct timespec ts;

    if (clock_getres((clockid_t)a->a[0], &ts) < 0) {
        return -errno;
    }
    return a->a[1] ? timespec_to_guest(a->a[1], &ts) : 0;
}

static abi_long sys_gettimeofday(const UserSyscallArgs *a)
{
    struct timeval tv;
    struct timezone tz;
    struct target_timeval ttv;
    struct target_timezone ttz;

    if (gettimeofday(&tv, &tz) < 0) {
        return -errno;
    }
    if (a->a[0]) {
        ttv.tv_sec = tv.tv_sec;
        ttv.tv_usec = tv.tv_usec;
        if (user_copy_to_guest(a->a[0], &ttv, sizeof(ttv)) < 0) {
            return -EFAULT;
        }
    }
    if (a->a[1]) {
        ttz.tz_minuteswest = tz.tz_minuteswest;
        ttz.tz_dsttime = tz.tz_dsttime;
        if (user_copy_to_guest(a->a[1], &ttz, sizeof(ttz)) < 0) {
            return -EFAULT;
        }
    }
    return 0;
}

static abi_long do_sleep(clockid_t clock, int flags, abi_ulong req_addr,
                         abi_ulong rem_addr)
{
    struct timespec req, rem;
    abi_long r = timespec_from_guest(&req, req_addr);
    int ret;

    if (r < 0) {
        return r;
    }
    ret = clock_nanosleep(clock, flags, &req, &rem);  /* returns errno */
    if (ret == EINTR && rem_addr && !(flags & TIMER_ABSTIME)) {
        timespec_to_guest(rem_addr, &rem);
    }
    return -ret;
}

static abi_long sys_nanosleep(const UserSyscallArgs *a)
{
    return do_sleep(CLOCK_MONOTONIC, 0, a->a[0], a->a[1]);
}

static abi_long sys_clock_nanosleep(const UserSyscallArgs *a)
{
    return do_sleep((clockid_t)a->a[0], (int)a->a[1], a->a[2], a->a[3]);
}

static abi_long sys_times(const UserSyscallArgs *a)
{
    struct tms t;
    int64_t tt[4];
    clock_t r = times(&t);

    if (r == (clock_t)-1) {
        return -errno;
    }
    if (a->a[0]) {
        tt[0] = t.tms_utime;
        tt[1] = t.tms_stime;
        tt[2] = t.tms_cutime;
        tt[3] = t.tms_cstime;
        if (user_copy_to_guest(a->a[0], tt, sizeof(tt)) < 0) {
            return -EFAULT;
        }
    }
    return r;
}

#ifdef TARGET_NR_time
/* time(tloc): seconds since the epoch, also stored at tloc if non-zero. */
static abi_long sys_time(const UserSyscallArgs *a)
{
    int64_t t = (int64_t)time(NULL);

    if (a->a[0] && user_copy_to_guest(a->a[0], &t, sizeof(t)) < 0) {
        return -EFAULT;
    }
    return t;
}

static abi_long sys_alarm(const UserSyscallArgs *a)
{
    return alarm((unsigned)a->a[0]);
}
#endif

const UserSyscallDef user_syscalls_time[] = {
    { TARGET_NR_clock_gettime, sys_clock_gettime, "dp" },
    { TARGET_NR_clock_getres, sys_clock_getres, "dp" },
    { TARGET_NR_gettimeofday, sys_gettimeofday, "pp" },
    { TARGET_NR_nanosleep, sys_nanosleep, "pp" },
    { TARGET_NR_clock_nanosleep, sys_clock_nanosleep, "ddpp" },
    { TARGET_NR_times, sys_times, "p" },
#ifdef TARGET_NR_time
    { TARGET_NR_time, sys_time, "p" },
    { TARGET_NR_alarm, sys_alarm, "u" },
#endif
    { 0, NULL, NULL }
};
