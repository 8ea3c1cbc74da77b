/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Small helpers shared by every subsystem. */
#ifndef UTIL_CUTILS_H
#define UTIL_CUTILS_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define ALIGN_UP(x, a) (((x) + (a) - 1) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define KiB ((uint64_t)1024)
#define MiB (1024 * KiB)
#define GiB (1024 * MiB)
#define container_of(ptr, type, member) \
    ((type *)((char *)(ptr) - offsetof(type, member)))

/*
 * Parse a size as QEMU does for -m: a number, possibly with a fraction,
 * and an optional suffix B/K/M/G/T/P/E (binary units, either case). A
 * number without a suffix is multiplied by default_unit. Returns 0 or
 * -EINVAL / -ERANGE.
 */
int parse_size(const char *str, uint64_t default_unit, uint64_t *out);

/* Parse a non-negative integer (decimal, 0x hex or 0 octal). */
int parse_uint(const char *str, uint64_t *out);

/* Allocation that treats failure as fatal (host out of memory). */
void *xzalloc(size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);

/* Read a whole file; returns 0 or -errno. *buf is xzalloc'd. */
int file_read_all(const char *path, uint8_t **buf, size_t *len);

/* Nanoseconds on CLOCK_MONOTONIC / CLOCK_REALTIME. */
int64_t clock_monotonic_ns(void);
int64_t clock_realtime_ns(void);

static inline uint16_t ld16_le(const void *p)
{
    const uint8_t *b = p;
    return b[0] | (uint16_t)b[1] << 8;
}
static inline uint32_t ld32_le(const void *p)
{
    const uint8_t *b = p;
    return b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
           (uint32_t)b[3] << 24;
}
static inline uint64_t ld64_le(const void *p)
{
    return ld32_le(p) | (uint64_t)ld32_le((const uint8_t *)p + 4) << 32;
}
static inline void st16_le(void *p, uint16_t v)
{
    uint8_t *b = p;
    b[0] = v;
    b[1] = v >> 8;
}
static inline void st32_le(void *p, uint32_t v)
{
    st16_le(p, v);
    st16_le((uint8_t *)p + 2, v >> 16);
}
static inline void st64_le(void *p, uint64_t v)
{
    st32_le(p, v);
    st32_le((uint8_t *)p + 4, v >> 32);
}

#endif
