/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "util/cutils.h"
#include "util/error.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int parse_uint(const char *str, uint64_t *out)
{
    char *end;
    unsigned long long v;

    /* strtoull would skip blanks and accept a sign; we want digits only. */
    if (!str || *str < '0' || *str > '9') {
        return -EINVAL;
    }
    errno = 0;
    v = strtoull(str, &end, 0);
    if (errno == ERANGE) {
        return -ERANGE;
    }
    if (end == str || *end) {
        return -EINVAL;
    }
    *out = v;
    return 0;
}

/* Multiplier for a size suffix, or 0 if c is not one. */
static uint64_t size_suffix_unit(char c)
{
    switch (c) {
    case 'b': case 'B': return 1;
    case 'k': case 'K': return KiB;
    case 'm': case 'M': return MiB;
    case 'g': case 'G': return GiB;
    case 't': case 'T': return 1024 * GiB;
    case 'p': case 'P': return 1024 * 1024 * GiB;
    case 'e': case 'E': return 1024 * 1024 * 1024 * GiB;
    default: return 0;
    }
}

int parse_size(const char *str, uint64_t default_unit, uint64_t *out)
{
    const char *p;
    char *end;
    unsigned long long whole;
    double frac = 0, scale = 0.1;
    bool has_frac = false;
    uint64_t unit, result, frac_bytes;

    /* Digits first: strtoull would accept blanks and a minus sign. */
    if (!str || *str < '0' || *str > '9') {
        return -EINVAL;
    }
    errno = 0;
    whole = strtoull(str, &end, 10);
    if (errno == ERANGE) {
        return -ERANGE;
    }
    p = end;
    /* QEMU accepts a decimal fraction before a unit, e.g. 1.5G. */
    if (*p == '.') {
        p++;
        if (*p < '0' || *p > '9') {
            return -EINVAL;
        }
        for (; *p >= '0' && *p <= '9'; p++) {
            frac += (*p - '0') * scale;
            scale /= 10;
        }
        has_frac = true;
    }
    if (*p) {
        unit = size_suffix_unit(*p);
        if (!unit || p[1]) {
            return -EINVAL;
        }
    } else {
        unit = default_unit;
    }
    /* A fraction of a byte makes no sense; a fraction needs a scale. */
    if (has_frac && unit <= 1) {
        return -EINVAL;
    }
    if (unit && whole > UINT64_MAX / unit) {
        return -ERANGE;
    }
    result = (uint64_t)whole * unit;
    frac_bytes = (uint64_t)(frac * (double)unit); /* frac < 1: below unit */
    if (result > UINT64_MAX - frac_bytes) {
        return -ERANGE;
    }
    *out = result + frac_bytes;
    return 0;
}

void *xzalloc(size_t size)
{
    void *p = calloc(1, size ? size : 1);

    if (!p) {
        fatal_internal("out of memory allocating %zu bytes", size);
    }
    return p;
}

void *xrealloc(void *p, size_t size)
{
    p = realloc(p, size ? size : 1);
    if (!p) {
        fatal_internal("out of memory allocating %zu bytes", size);
    }
    return p;
}

char *xstrdup(const char *s)
{
    char *d = strdup(s);

    if (!d) {
        fatal_internal("out of memory");
    }
    return d;
}

int file_read_all(const char *path, uint8_t **buf, size_t *len)
{
    struct stat st;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    size_t done = 0;
    uint8_t *data;

    if (fd < 0) {
        return -errno;
    }
    if (fstat(fd, &st) < 0) {
        int err = -errno;
        close(fd);
        return err;
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return S_ISDIR(st.st_mode) ? -EISDIR : -EINVAL;
    }
    data = xzalloc(st.st_size + 1);
    while (done < (size_t)st.st_size) {
        ssize_t n = read(fd, data + done, st.st_size - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            int err = n < 0 ? -errno : -EIO;
            free(data);
            close(fd);
            return err;
        }
        done += n;
    }
    close(fd);
    *buf = data;
    *len = done;
    return 0;
}

int64_t clock_monotonic_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int64_t clock_realtime_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}
