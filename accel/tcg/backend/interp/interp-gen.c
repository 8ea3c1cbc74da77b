/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Interpreter "code generation": lower the optimised ops of one TB into
 * an InterpProg (operands resolved to frame/env/constant places, labels to
 * instruction indices) stored as the TB's host code.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "accel/tcg/backend/interp/interp.h"
#include "accel/tcg/tcg-internal.h"
#include "accel/tcg/tcg-fork.h"
#include "util/error.h"

static pthread_mutex_t interp_call_lock = PTHREAD_MUTEX_INITIALIZER;
static InterpCall *interp_calls;

static ffi_type *interp_ffi_type(unsigned t)
{
    switch (t) {
    case TCG_HELPER_I32: return &ffi_type_uint32;
    case TCG_HELPER_I64: return &ffi_type_uint64;
    case TCG_HELPER_PTR: return &ffi_type_pointer;
    default: return &ffi_type_void;
    }
}

/* The cached call interface of info, prepared on first use. */
static InterpCall *interp_call_get(const TCGHelperInfo *info)
{
    InterpCall *c;
    unsigned i;

    pthread_mutex_lock(&interp_call_lock);
    for (c = interp_calls; c; c = c->next) {
        if (c->info == info) {
            pthread_mutex_unlock(&interp_call_lock);
            return c;
        }
    }
    c = calloc(1, sizeof(*c));
    if (!c) {
        fatal_internal("tcg: out of memory for a call interface");
    }
    c->info = info;
    for (i = 0; i < info->nb_args; i++) {
        c->arg_types[i] = interp_ffi_type((info->typemask >> (3 * (i + 1))) & 7);
    }
    c->ret_i32 = (info->typemask & 7) == TCG_HELPER_I32;
    if (ffi_prep_cif(&c->cif, FFI_DEFAULT_ABI, info->nb_args,
                     interp_ffi_type(info->typemask & 7),
                     c->arg_types) != FFI_OK) {
        fatal_internal("tcg: libffi rejected helper %s", info->name);
    }
    c->next = interp_calls;
    interp_calls = c;
    pthread_mutex_unlock(&interp_call_lock);
    return c;
}

int tcg_backend_gen(TCGContext *s, TranslationBlock *tb)
{
    unsigned nconst = 0, i, j, n = 0;
    int32_t *cslot = malloc((s->nb_temps + 1) * sizeof(int32_t));
    uint32_t *label_pos = calloc(s->nb_labels + 1, sizeof(uint32_t));
    InterpProg *p;
    uint64_t *consts;
    size_t bytes;

    if (!cslot || !label_pos) {
        fatal_internal("tcg: out of memory generating a TB");
    }
    for (i = 0; i < s->nb_temps; i++) {
        cslot[i] = s->temps[i].kind == TCG_TEMP_CONST ? (int32_t)nconst++ : -1;
    }
    /* one extra insn: a final exit in case a front end falls off the end */
    bytes = sizeof(InterpProg) + (s->nb_ops + 1) * sizeof(InterpInsn) +
            nconst * sizeof(uint64_t);
    p = calloc(1, bytes);
    if (!p) {
        fatal_internal("tcg: out of memory for a TB program");
    }
    consts = (uint64_t *)&p->insns[s->nb_ops + 1];
    for (i = 0; i < s->nb_temps; i++) {
        if (cslot[i] >= 0) {
            const TCGTemp *t = &s->temps[i];

            if (t->type == TCG_TYPE_I32) {
                uint32_t v = (uint32_t)t->val;

                memcpy(&consts[cslot[i]], &v, sizeof(v));
            } else {
                consts[cslot[i]] = (uint64_t)t->val;
            }
        }
    }
    p->consts = consts;
    p->frame_bytes = s->nb_temps * 8;

    for (i = 0; i < s->nb_ops; i++) {
        const TCGOp *op = &s->ops[i];
        unsigned nt = op->nb_oargs + op->nb_iargs;
        InterpInsn *in;

        if (op->opc == INDEX_op_set_label) {
            label_pos[op->args[0]] = n;
            continue;
        }
        if (op->opc == INDEX_op_discard) {
            continue;
        }
        in = &p->insns[n++];
        in->kind = (uint16_t)INTERP_KIND(op->opc, op->type);
        in->nb_oargs = op->nb_oargs;
        in->nb_iargs = op->nb_iargs;
        for (j = 0; j < nt; j++) {
            unsigned t = (unsigned)op->args[j];
            const TCGTemp *tt = &s->temps[t];

            if (tt->kind == TCG_TEMP_GLOBAL) {
                in->r[j] = (int32_t)(tt->mem_offset << 2) | INTERP_BASE_ENV;
            } else if (tt->kind == TCG_TEMP_CONST) {
                in->r[j] = (cslot[t] * 8) << 2 | INTERP_BASE_CONST;
            } else {
                in->r[j] = (int32_t)(t * 8) << 2 | INTERP_BASE_FRAME;
            }
        }
        if (op->opc == INDEX_op_call) {
            in->c[0] = (uint64_t)(uintptr_t)interp_call_get(
                (const TCGHelperInfo *)(uintptr_t)op->args[nt]);
        } else {
            for (j = 0; j < op->nb_cargs && j < 2; j++) {
                in->c[j] = op->args[nt + j];
            }
        }
    }
    p->insns[n].kind = (uint16_t)INTERP_KIND(INDEX_op_exit_tb, TCG_TYPE_I64);
    p->insns[n].c[0] = 0;
    n++;
    /* resolve branch targets now that every label has a position */
    for (i = 0; i < n; i++) {
        InterpInsn *in = &p->insns[i];

        if (in->kind == INTERP_KIND(INDEX_op_br, TCG_TYPE_I64)) {
            in->c[0] = label_pos[in->c[0]];
        } else if (in->kind == INTERP_KIND(INDEX_op_brcond, TCG_TYPE_I32) ||
                   in->kind == INTERP_KIND(INDEX_op_brcond, TCG_TYPE_I64)) {
            in->c[1] = label_pos[in->c[1]];
        }
    }
    p->nb_insns = n;
    tb->tc_ptr = p;
    tb->tc_size = (uint32_t)bytes;
    free(cslot);
    free(label_pos);
    return 0;
}

void tcg_backend_free(TranslationBlock *tb)
{
    free((void *)tb->tc_ptr);
    tb->tc_ptr = NULL;
}

/*
 * fork(): hold interp_call_lock across it (tcg-fork.h):
 * the helper-call cache stays whole.
 */
void interp_gen_fork_prepare(void)
{
    pthread_mutex_lock(&interp_call_lock);
}

void interp_gen_fork_parent(void)
{
    pthread_mutex_unlock(&interp_call_lock);
}

void interp_gen_fork_child(void)
{
    pthread_mutex_init(&interp_call_lock, NULL);
}
