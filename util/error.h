/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The one error-reporting helper. Library code reports with error_report()
 * and returns a negative errno or false; only main paths exit.
 */
#ifndef UTIL_ERROR_H
#define UTIL_ERROR_H

#include <stdbool.h>

/* Name printed before every message ("janus-system-x86_64: ..."). */
void error_set_progname(const char *name);
const char *error_get_progname(void);

/* One line on stderr: "PROG: MESSAGE". The format has no trailing newline. */
void error_report(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* One line on stderr: "PROG: warning: MESSAGE". */
void warn_report(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Same as warn_report, but only the first time this call site runs. */
#define warn_report_once(...)                          \
    do {                                               \
        static bool warned_;                           \
        if (!warned_) {                                \
            warned_ = true;                            \
            warn_report(__VA_ARGS__);                  \
        }                                              \
    } while (0)

/*
 * Called when the emulator itself is broken (never for guest or user
 * input): reports and aborts.
 */
void fatal_internal(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));

/*
 * Hook run before the process exits through error paths so the terminal is
 * restored; set by the chardev layer.
 */
void error_set_cleanup(void (*fn)(void));
void error_run_cleanup(void);

#endif
