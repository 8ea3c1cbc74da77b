/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -d out_asm: the host code of each new TB (and, through
 * disas_x86_64_insn, -d in_asm for x86-64 guests). The x86-64 back end's code
 * lives in the executable view of tcg_code_buffer; capstone (when built
 * with CONFIG_CAPSTONE) turns it into assembly, otherwise it is dumped
 * as hex. The interpreter back end makes no host code, which the log
 * says once.
 */
#include <inttypes.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "accel/tcg/backend/x86_64/x86-backend.h"
#include "accel/tcg/tcg-internal.h"
#include "accel/tcg/tcg-log.h"

#ifdef CONFIG_CAPSTONE
#include <capstone.h>
#endif

/* Raw bytes, 16 a line. */
static void host_dump_hex(FILE *f, const uint8_t *code, size_t size)
{
    for (size_t off = 0; off < size; off += 16) {
        fprintf(f, "0x%016" PRIxPTR ": ", (uintptr_t)(code + off));
        for (size_t i = off; i < size && i < off + 16; i++) {
            fprintf(f, " %02x", code[i]);
        }
        fputc('\n', f);
    }
}

#ifdef CONFIG_CAPSTONE
/* One handle and instruction buffer per thread: capstone's are not safe
 * to share. */
static __thread csh x86_cs;
static __thread cs_insn *x86_cs_insn;

static bool x86_cs_get(void)
{
    if (!x86_cs_insn) {
        if (cs_open(CS_ARCH_X86, CS_MODE_64, &x86_cs) != CS_ERR_OK) {
            return false;
        }
        x86_cs_insn = cs_malloc(x86_cs);
        if (!x86_cs_insn) {
            cs_close(&x86_cs);
            return false;
        }
    }
    return true;
}

size_t disas_x86_64_insn(uint64_t pc, const uint8_t *bytes, size_t avail,
                         char *buf, size_t size)
{
    const uint8_t *p = bytes;
    uint64_t addr = pc;

    if (!x86_cs_get() ||
        !cs_disasm_iter(x86_cs, &p, &avail, &addr, x86_cs_insn)) {
        return 0;
    }
    snprintf(buf, size, "%s%s%s", x86_cs_insn->mnemonic,
             x86_cs_insn->op_str[0] ? "\t" : "", x86_cs_insn->op_str);
    return x86_cs_insn->size;
}

static void host_disas(FILE *f, const uint8_t *code, size_t size)
{
    size_t off = 0;

    if (!x86_cs_get()) {
        fprintf(f, "(capstone could not start: hex follows)\n");
        host_dump_hex(f, code, size);
        return;
    }
    while (off < size) {
        uint64_t addr = (uintptr_t)(code + off);
        char text[160], hex[2 * 15 + 1] = "";
        const char *tab;
        size_t len = disas_x86_64_insn(addr, code + off, size - off, text,
                                       sizeof(text));

        if (!len) {
            /* Not an instruction (data, or a truncated tail): 1 byte. */
            fprintf(f, "0x%016" PRIx64 ":  %02x%28s .byte 0x%02x\n", addr,
                    code[off], "", code[off]);
            off++;
            continue;
        }
        for (size_t i = 0; i < len && i < 15; i++) {
            snprintf(hex + 2 * i, sizeof(hex) - 2 * i, "%02x", code[off + i]);
        }
        tab = strchr(text, '\t');
        fprintf(f, "0x%016" PRIx64 ":  %-30s %.*s%s%s\n", addr, hex,
                tab ? (int)(tab - text) : (int)strlen(text), text,
                tab ? " " : "", tab ? tab + 1 : "");
        off += len;
    }
}
#else
size_t disas_x86_64_insn(uint64_t pc, const uint8_t *bytes, size_t avail,
                         char *buf, size_t size)
{
    (void)pc, (void)bytes, (void)avail, (void)buf, (void)size;
    return 0;   /* the log shows raw bytes */
}

static void host_disas(FILE *f, const uint8_t *code, size_t size)
{
    static atomic_bool noted;

    if (!atomic_exchange(&noted, true)) {
        fprintf(f, "(built without CONFIG_CAPSTONE: host code as hex)\n");
    }
    host_dump_hex(f, code, size);
}
#endif

void tcg_log_out_asm(const TranslationBlock *tb)
{
    static atomic_bool interp_noted;
    FILE *f = tcg_log_stream();
    const X86TBInfo *info = tb->tc_ptr;

    if (tcg_backend_kind() != TCG_BACKEND_X86_64) {
        if (!atomic_exchange(&interp_noted, true)) {
            fprintf(f, "OUT: the interpreter back end generates no host "
                    "code (JANUS_TCG_BACKEND=x86_64 does)\n\n");
            fflush(f);
        }
        return;
    }
    /*
     * Read right after tcg_x86_gen: another thread could only reuse this
     * code by flushing the buffer, and then this TB is never entered.
     */
    flockfile(f);
    fprintf(f, "OUT: [size=%" PRIu32 "] guest pc 0x%" PRIx64 "\n",
            tb->tc_size, tb->pc);
    /* tc_size counts from the chained entry, the first byte of the TB */
    if (info && info->chain_entry) {
        host_disas(f, (const void *)info->chain_entry, tb->tc_size);
    }
    fputc('\n', f);
    fflush(f);
    funlockfile(f);
}
