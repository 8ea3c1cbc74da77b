/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The system emulator's command line, with QEMU's option names, syntax and
 * meaning. Parsing fills MachineOptions; it reports the first problem with
 * one error line and fails.
 */
#ifndef SYSTEM_CMDLINE_H
#define SYSTEM_CMDLINE_H

#include "machines/machine.h"

typedef enum CmdlineAction {
    CMDLINE_RUN,
    CMDLINE_HELP,          /* -h, -help */
    CMDLINE_VERSION,       /* -version */
    CMDLINE_MACHINE_HELP,  /* -M help */
    CMDLINE_DEVICE_HELP,   /* -device help */
    CMDLINE_ACCEL_HELP,    /* -accel help */
    CMDLINE_CPU_HELP,      /* -cpu help */
} CmdlineAction;

/*
 * Parse argv into opts (zeroed first). Returns 0 and sets *action, or
 * -EINVAL after one error_report line. Strings in opts point into argv or
 * are allocated for the life of the process.
 */
int cmdline_parse(int argc, char **argv, MachineOptions *opts,
                  CmdlineAction *action);

/* Free what cmdline_parse allocated in opts (and zero it). */
void cmdline_options_free(MachineOptions *opts);

/* Usage text for -h. */
void cmdline_print_usage(const char *progname);

/*
 * Split a QEMU-style option string "first,k=v,k2=v2". When implied_key is
 * given, a first element without '=' is the value of that key. Calls fn for
 * each pair; fn returns 0 or a negative errno to stop. Returns -EINVAL
 * (after reporting with optname) for an empty key.
 */
int cmdline_parse_keyval(const char *optname, const char *str,
                         const char *implied_key,
                         int (*fn)(void *opaque, const char *key,
                                   const char *value),
                         void *opaque);

#endif
