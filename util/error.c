/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "util/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static const char *progname = "janus";
static void (*cleanup_fn)(void);

void error_set_progname(const char *name)
{
    const char *slash;

    for (slash = name; *name; name++) {
        if (*name == '/') {
            slash = name + 1;
        }
    }
    progname = slash;
}

const char *error_get_progname(void)
{
    return progname;
}

static void report(const char *prefix, const char *fmt, va_list ap)
{
    /* One fprintf-sized write keeps lines from two threads apart. */
    char buf[1024];
    int n = vsnprintf(buf, sizeof(buf), fmt, ap);

    if (n < 0) {
        buf[0] = 0;
    }
    fprintf(stderr, "%s: %s%s\n", progname, prefix, buf);
}

void error_report(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    report("", fmt, ap);
    va_end(ap);
}

void warn_report(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    report("warning: ", fmt, ap);
    va_end(ap);
}

void fatal_internal(const char *fmt, ...)
{
    va_list ap;

    error_run_cleanup();
    va_start(ap, fmt);
    report("internal error: ", fmt, ap);
    va_end(ap);
    abort();
}

void error_set_cleanup(void (*fn)(void))
{
    cleanup_fn = fn;
}

void error_run_cleanup(void)
{
    if (cleanup_fn) {
        cleanup_fn();
    }
}
