/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Making a TB: the front end emits IR for the guest code at pc, the
 * optimiser and liveness pass clean it, the back end turns it into host
 * code (the interpreter's program), and the TB enters the cache.
 */
#include <inttypes.h>
#include <stdlib.h>

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

TranslationBlock *tb_gen_code(TCGVcpu *v, uint64_t pc, uint32_t flags,
                              uint32_t cflags)
{
    const TCGTargetOps *ops = v->pub.ops;
    TranslationBlock *tb = calloc(1, sizeof(*tb));
    unsigned max_insns = cflags & CF_COUNT_MASK;
    uint64_t last;

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
    if (tcg_log_mask & TCG_LOG_OP) {
        tb_log_ops(tcg_ctx, "OP");
    }
    tcg_optimize(tcg_ctx);
    tcg_liveness_analysis(tcg_ctx);
    if (tcg_log_mask & TCG_LOG_OP_OPT) {
        tb_log_ops(tcg_ctx, "OP after optimization and liveness");
    }
    tcg_backend_gen(tcg_ctx, tb);
    atomic_fetch_add_explicit(&tcg_stats.translations, 1,
                              memory_order_relaxed);
    return tb_cache_insert(v, tb);
}
