/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * TCG logging, QEMU's "-d item,... -D file": what the translator writes
 * about each TB. The user-mode main sets tcg_log_mask and tcg_log_file.
 */
#ifndef ACCEL_TCG_TCG_LOG_H
#define ACCEL_TCG_TCG_LOG_H

#include <stdio.h>

enum {
    TCG_LOG_IN_ASM = 1u << 0,  /* guest instructions (the front end logs) */
    TCG_LOG_OP = 1u << 1,      /* IR as the front end emitted it */
    TCG_LOG_OP_OPT = 1u << 2,  /* IR after optimisation and liveness */
    TCG_LOG_OUT_ASM = 1u << 3, /* host code (nothing yet: interpreter) */
    TCG_LOG_EXEC = 1u << 4,    /* each TB entered from the exec loop;
                                  disables chaining so every entry shows */
    TCG_LOG_UNIMP = 1u << 5,   /* unimplemented features (syscalls...) */
};

extern unsigned tcg_log_mask;
/* NULL: stderr. */
extern FILE *tcg_log_file;

/* The stream to log to. */
static inline FILE *tcg_log_stream(void)
{
    return tcg_log_file ? tcg_log_file : stderr;
}

/*
 * Parse a "-d" list such as "in_asm,op,exec" into a mask: 0, or -EINVAL
 * with the bad item reported through error_report().
 */
int tcg_log_parse(const char *list, unsigned *mask);

#endif
