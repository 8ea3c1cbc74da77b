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

    if (!str || !*str || *str == '-' || *str == '+') {
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

int parse_size(const char *str, uint64_t default_unit, uint64_t *out)
{
    char *end;
    double d;
    unsigned long long whole;
    uint64_t unit;

    if (!str || !*str || *str == '-' || *str == '+') {
        return -EINVAL;
    }
    errno = 0;
    whole = strtoull(str, &end, 10);
    if (errno == ERANGE) {
        return -ERANGE;
    }
    if (end == str) {
        return -EINVAL;
    }
    /* QEMU accepts fractions with a suffix, e.g. 1.5G. */
    d = (double)whole;
    if (*end == '.') {
        char *frac_end;
        d = strtod(str, &frac_end);
        end = frac_end;
    }
    switch (*end) {
    case 0:
        unit = default_unit;
        break;
    case 'b': case 'B': unit = 1; break;
    case 'k': case 'K': unit = KiB; break;
    case 'm': case 'M': unit = MiB; break;
    case 'g': case 'G': unit = GiB; break;
    case 't': case 'T': unit = 1024 * GiB; break;
    default:
        return -EINVAL;
    }
    if (*end && end[1]) {
        return -EINVAL;
    }
    if (d * (double)unit >= 18446744073709551616.0) {
        return -ERANGE;
    }
    if (d != (double)whole && *end == 0) {
        return -EINVAL; /* a fraction needs a unit */
    }
    *out = (d == (double)whole) ? (uint64_t)whole * unit
                                : (uint64_t)(d * (double)unit);
    if (d == (double)whole && unit && whole > UINT64_MAX / unit) {
        return -ERANGE;
    }
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
