/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * TCG logging, QEMU's "-d item,... -D file": what the translator writes
 * about each TB. The user-mode main sets tcg_log_mask and tcg_log_file.
 */
#ifndef ACCEL_TCG_TCG_LOG_H
#define ACCEL_TCG_TCG_LOG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct TCGTargetOps;
struct TranslationBlock;

enum {
    TCG_LOG_IN_ASM = 1u << 0,  /* guest instructions (the front end logs) */
    TCG_LOG_OP = 1u << 1,      /* IR as the front end emitted it */
    TCG_LOG_OP_OPT = 1u << 2,  /* IR after optimisation and liveness */
    TCG_LOG_OUT_ASM = 1u << 3, /* host code of the x86-64 back end */
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

/*
 * -d in_asm: the front end calls this once per TB with the guest bytes it
 * translated (host copy at bytes, size bytes from guest address pc);
 * each instruction is shown through ops->disas_insn, or as raw bytes when
 * the target has none.
 */
void tcg_log_in_asm(const struct TCGTargetOps *ops, uint64_t pc,
                    const uint8_t *bytes, size_t size);

/*
 * -d out_asm: the host code of tb just generated (disas-host.c):
 * capstone's x86-64 disassembly when built with CONFIG_CAPSTONE, hex
 * otherwise; the interpreter back end has none, which is said once.
 */
void tcg_log_out_asm(const struct TranslationBlock *tb);

/*
 * One x86-64 instruction at pc (its first avail bytes at bytes) as
 * "mnemonic\toperands" into buf; its length, or 0 if it cannot be
 * decoded or Janus was built without CONFIG_CAPSTONE. The x86 front
 * end's disas_insn (-d in_asm) and -d out_asm use it.
 */
size_t disas_x86_64_insn(uint64_t pc, const uint8_t *bytes, size_t avail,
                         char *buf, size_t size);

#endif
