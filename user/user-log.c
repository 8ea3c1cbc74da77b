/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "user/user-log.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/cutils.h"

unsigned user_log_mask;
static FILE *log_file;

static const struct {
    const char *name;
    unsigned mask;
    const char *help;
} log_items[] = {
    { "in_asm", USER_LOG_IN_ASM, "guest instructions of each new TB" },
    { "op", USER_LOG_OP, "IR of each new TB as generated" },
    { "op_opt", USER_LOG_OP_OPT, "IR of each new TB after optimization" },
    { "out_asm", USER_LOG_OUT_ASM, "host code of each new TB" },
    { "exec", USER_LOG_EXEC, "each TB as it runs" },
    { "unimp", USER_LOG_UNIMP, "unimplemented system calls and features" },
    { "strace", USER_LOG_STRACE, "system calls (same as -strace)" },
};

int user_log_parse(const char *list, unsigned *mask)
{
    char *copy = xstrdup(list), *save = NULL;
    int ret = 0;

    *mask = 0;
    for (char *tok = strtok_r(copy, ",", &save); tok;
         tok = strtok_r(NULL, ",", &save)) {
        bool found = false;

        for (size_t i = 0; i < ARRAY_SIZE(log_items); i++) {
            if (!strcmp(tok, log_items[i].name)) {
                *mask |= log_items[i].mask;
                found = true;
            }
        }
        if (!found) {
            ret = -EINVAL;
            break;
        }
    }
    free(copy);
    return ret;
}

void user_log_list(FILE *f)
{
    fprintf(f, "Log items (comma separated):\n");
    for (size_t i = 0; i < ARRAY_SIZE(log_items); i++) {
        fprintf(f, "%-10s %s\n", log_items[i].name, log_items[i].help);
    }
}

int user_log_set_file(const char *path)
{
    FILE *f = fopen(path, "we");

    if (!f) {
        return -errno;
    }
    setvbuf(f, NULL, _IOLBF, 0);
    if (log_file && log_file != stderr) {
        fclose(log_file);
    }
    log_file = f;
    return 0;
}

FILE *user_log_file(void)
{
    return log_file ? log_file : stderr;
}

void user_log(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vfprintf(user_log_file(), fmt, ap);
    va_end(ap);
}
