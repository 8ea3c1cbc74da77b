/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Making a TB: the front end emits IR for the guest code at pc, the
 * optimiser and liveness pass clean it, the back end turns it into host
 * code (x86-64) or the interpreter's program, and the TB enters the cache.
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "accel/tcg/cputlb.h"
#include "accel/tcg/guest-mem.h"
#include "accel/tcg/tcg-internal.h"
#include "accel/tcg/tcg-log.h"
#include "util/error.h"

static void tb_log_ops(TCGContext *s, const char *what)
{
    size_t size = (size_t)s->nb_ops * 160 + 1;
    char *buf = malloc(size);
    FILE *f = tcg_log_stream();

    if (!buf) {
        return;
    }
    tcg_dump_ops(s, buf, size);
    fprintf(f, "%s TB pc=0x%" PRIx64 ":\n%s\n", what, s->tb->pc, buf);
    fflush(f);
    free(buf);
}

static TCGBackendKind tcg_backend_chosen;
static pthread_once_t tcg_backend_once = PTHREAD_ONCE_INIT;

/*
 * JANUS_TCG_BACKEND=interp|x86_64; the default is native code where the
 * host can run it, the interpreter (the portable fallback) elsewhere.
 */
static void tcg_backend_choose(void)
{
    const char *env = getenv("JANUS_TCG_BACKEND");

    tcg_backend_chosen = tcg_x86_available() ? TCG_BACKEND_X86_64
                                             : TCG_BACKEND_INTERP;
    if (env && !strcmp(env, "x86_64")) {
        if (!tcg_x86_available()) {
            error_report("tcg: JANUS_TCG_BACKEND=x86_64 needs an x86-64 "
                         "host with popcnt; using the interpreter");
        }
    } else if (env && !strcmp(env, "interp")) {
        tcg_backend_chosen = TCG_BACKEND_INTERP;
    } else if (env) {
        error_report("tcg: unknown JANUS_TCG_BACKEND '%s' (interp, x86_64)",
                     env);
    }
}

TCGBackendKind tcg_backend_kind(void)
{
    pthread_once(&tcg_backend_once, tcg_backend_choose);
    return tcg_backend_chosen;
}

int tcg_backend_select(TCGBackendKind kind)
{
    tcg_backend_kind();
    if (kind == TCG_BACKEND_X86_64 && !tcg_x86_available()) {
        return -ENOTSUP;
    }
    if (kind != tcg_backend_chosen) {
        tb_flush_all();     /* TBs of one back end mean nothing to the other */
        tcg_backend_chosen = kind;
    }
    return 0;
}

TranslationBlock *tb_gen_code(TCGVcpu *v, uint64_t pc, uint32_t flags,
                              uint32_t cflags)
{
    const TCGTargetOps *ops = v->pub.ops;
    TranslationBlock *tb;
    unsigned max_insns = cflags & CF_COUNT_MASK;
    uint64_t last;

    if (ops->check_fetch) {
        ops->check_fetch(v->cpu, pc);
    }
    tb = calloc(1, sizeof(*tb));
    if (!tb) {
        fatal_internal("tcg: out of memory for a TB");
    }
    if (!tcg_ctx) {
        tcg_context_init();
        if (ops->init_globals) {
            ops->init_globals();
        }
    }
    pthread_mutex_init(&tb->jmp_lock, NULL);
    tb->pc = pc;
    tb->flags = flags;
    tb->cflags = cflags;
    if (max_insns == 0) {
        max_insns = TB_MAX_INSNS;
    }
    tcg_func_start(tb);
    ops->translate_code(v->cpu->arch, tb, (int)max_insns);
    if (tb->icount == 0) {
        tb->icount = (uint16_t)tcg_ctx->nb_insns;
    }
    tb->page_addr[0] = pc & TB_PAGE_MASK;
    last = pc + (tb->size ? tb->size : 1) - 1;
    tb->page_addr[1] = (last & TB_PAGE_MASK) != tb->page_addr[0]
                       ? (last & TB_PAGE_MASK) : (uint64_t)-1;
    if (tcg_system_mode) {
        tlb_set_tb_pages(v->cpu, tb);   /* physical pages (cputlb.c) */
    }
    if (tcg_log_mask & TCG_LOG_OP) {
        tb_log_ops(tcg_ctx, "OP");
    }
    tcg_optimize(tcg_ctx);
    tcg_liveness_analysis(tcg_ctx);
    if (tcg_log_mask & TCG_LOG_OP_OPT) {
        tb_log_ops(tcg_ctx, "OP after optimization and liveness");
    }
    if (tcg_backend_kind() == TCG_BACKEND_X86_64) {
        tcg_x86_gen(tcg_ctx, tb);
    } else {
        tcg_backend_gen(tcg_ctx, tb);
    }
    if (tcg_log_mask & TCG_LOG_OUT_ASM) {
        tcg_log_out_asm(tb);
    }
    atomic_fetch_add_explicit(&tcg_stats.translations, 1,
                              memory_order_relaxed);
    return tb_cache_insert(v, tb);
}
