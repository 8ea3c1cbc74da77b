/* SPDX-License-Identifier: GPL-2.0-or-later */
/* TCG logging flags and the "-d" list parser. */
#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include "accel/tcg/tcg-log.h"
#include "util/error.h"

unsigned tcg_log_mask;
FILE *tcg_log_file;

static const struct {
    const char *name;
    unsigned bit;
} tcg_log_items[] = {
    { "in_asm", TCG_LOG_IN_ASM },
    { "op", TCG_LOG_OP },
    { "op_opt", TCG_LOG_OP_OPT },
    { "out_asm", TCG_LOG_OUT_ASM },
    { "exec", TCG_LOG_EXEC },
    { "unimp", TCG_LOG_UNIMP },
};

int tcg_log_parse(const char *list, unsigned *mask)
{
    const char *p = list;
    unsigned m = 0;

    while (*p) {
        size_t len = strcspn(p, ",");
        size_t i;
        bool found = false;

        for (i = 0; i < sizeof(tcg_log_items) / sizeof(tcg_log_items[0]);
             i++) {
            if (strlen(tcg_log_items[i].name) == len &&
                !strncmp(p, tcg_log_items[i].name, len)) {
                m |= tcg_log_items[i].bit;
                found = true;
            }
        }
        if (!found && len) {
            error_report("unknown -d item '%.*s' (known: in_asm, op, "
                         "op_opt, out_asm, exec, unimp)", (int)len, p);
            return -EINVAL;
        }
        p += len;
        if (*p == ',') {
            p++;
        }
    }
    *mask = m;
    return 0;
}
