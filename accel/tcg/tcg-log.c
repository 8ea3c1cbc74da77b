/* SPDX-License-Identifier: GPL-2.0-or-later */
/* TCG logging flags and the "-d" list parser. */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <string.h>

#include "accel/tcg/tcg-exec.h"
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

/*
 * One line: address, raw bytes, mnemonic padded, operands. RISC-V shows
 * the instruction as 16-bit parcels, high one first (as objdump does);
 * byte_order targets (x86) show the bytes in memory order.
 */
static void log_insn_line(FILE *f, uint64_t pc, const uint8_t *bytes,
                          size_t len, const char *text, bool byte_order)
{
    char hex[2 * 16 + 1] = "";
    const char *tab = strchr(text, '\t');
    size_t at = 0;

    if (byte_order) {
        for (size_t i = 0; i < len && i < 16; i++) {
            at += (size_t)snprintf(hex + at, sizeof(hex) - at, "%02x",
                                   bytes[i]);
        }
    } else {
        for (size_t i = len; i >= 2 && at < 16; i -= 2) {
            at += (size_t)snprintf(hex + at, sizeof(hex) - at, "%02x%02x",
                                   bytes[i - 1], bytes[i - 2]);
        }
    }
    if (tab) {
        fprintf(f, "0x%016" PRIx64 ":  %-*s %-10.*s %s\n", pc,
                byte_order ? 30 : 10, hex, (int)(tab - text), text, tab + 1);
    } else {
        fprintf(f, "0x%016" PRIx64 ":  %-*s %s\n", pc, byte_order ? 30 : 10,
                hex, text);
    }
}

void tcg_log_in_asm(const TCGTargetOps *ops, uint64_t pc,
                    const uint8_t *bytes, size_t size)
{
    FILE *f = tcg_log_stream();
    size_t off = 0;

    flockfile(f);   /* one TB's block stays together across threads */
    fprintf(f, "----------------\nIN:\n");
    while (off < size) {
        char text[128];
        size_t len = 0;

        if (ops->disas_insn) {
            len = ops->disas_insn(pc + off, bytes + off, size - off, text,
                                  sizeof(text));
        }
        if (len == 0) {
            /* No disassembler, or a tail it cannot read: raw bytes. */
            fprintf(f, "0x%016" PRIx64 ":  .byte ", pc + off);
            for (; off < size; off++) {
                fprintf(f, "0x%02x%s", bytes[off], off + 1 < size ? "," : "");
            }
            fputc('\n', f);
            break;
        }
        log_insn_line(f, pc + off, bytes + off, len, text,
                      ops->disas_byte_order);
        off += len;
    }
    fputc('\n', f);
    fflush(f);
    funlockfile(f);
}
