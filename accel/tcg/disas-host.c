/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -d out_asm: the host code of each new TB. The x86-64 back end's code
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
/* One handle per thread: a capstone handle is not safe to share. */
static __thread csh host_cs;
static __thread bool host_cs_open;

static bool host_cs_get(void)
{
    if (!host_cs_open) {
        if (cs_open(CS_ARCH_X86, CS_MODE_64, &host_cs) != CS_ERR_OK) {
            return false;
        }
        host_cs_open = true;
    }
    return true;
}

static void host_disas(FILE *f, const uint8_t *code, size_t size)
{
    const uint8_t *p = code;
    uint64_t addr = (uintptr_t)code;
    cs_insn *insn;

    if (!host_cs_get() || !(insn = cs_malloc(host_cs))) {
        fprintf(f, "(capstone could not start: hex follows)\n");
        host_dump_hex(f, code, size);
        return;
    }
    while (size) {
        char hex[3 * 12 + 1] = "";
        size_t len = 0;

        if (!cs_disasm_iter(host_cs, &p, &size, &addr, insn)) {
            /* Not an instruction (data, or a truncated tail): 1 byte. */
            fprintf(f, "0x%016" PRIx64 ":  %02x%28s .byte 0x%02x\n", addr,
                    *p, "", *p);
            p++;
            addr++;
            size--;
            continue;
        }
        for (unsigned i = 0; i < insn->size && len + 4 < sizeof(hex); i++) {
            len += (size_t)snprintf(hex + len, sizeof(hex) - len, "%02x",
                                    insn->bytes[i]);
        }
        fprintf(f, "0x%016" PRIx64 ":  %-30s %s%s%s\n", insn->address, hex,
                insn->mnemonic, insn->op_str[0] ? " " : "", insn->op_str);
    }
    cs_free(insn, 1);
}
#else
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
