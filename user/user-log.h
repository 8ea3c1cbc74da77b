/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * linux-user logging: -d items, -D file and -strace all write to one
 * stream (stderr unless -D). The TB-level items (in_asm, op, out_asm,
 * exec) are the TCG core's; unimp and strace are ours.
 */
#ifndef USER_USER_LOG_H
#define USER_USER_LOG_H

#include <stdbool.h>
#include <stdio.h>

enum {
    USER_LOG_IN_ASM = 1u << 0,
    USER_LOG_OP = 1u << 1,
    USER_LOG_OUT_ASM = 1u << 2,
    USER_LOG_EXEC = 1u << 3,
    USER_LOG_UNIMP = 1u << 4,
    USER_LOG_STRACE = 1u << 5,
    USER_LOG_OP_OPT = 1u << 6,
};

extern unsigned user_log_mask;

/* Parse a -d list ("in_asm,op,unimp"); "help" lists items. 0 or -EINVAL. */
int user_log_parse(const char *list, unsigned *mask);
/* Print the -d items to f. */
void user_log_list(FILE *f);
/* Open -D path (truncate). 0 or -errno. */
int user_log_set_file(const char *path);
FILE *user_log_file(void);

static inline bool user_log_enabled(unsigned item)
{
    return user_log_mask & item;
}

/* printf to the log stream (one write per call where it fits). */
void user_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
