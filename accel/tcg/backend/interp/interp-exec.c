/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The interpreter's executor: runs a TB's InterpProg on a frame of temp
 * values, following direct chains (jmp_dest) and goto_ptr lookups without
 * returning to the exec loop, and testing cpu->exit_request at every TB
 * entry, chained entries included: that test is the TB prologue of design
 * contract 4 for this back end.
 *
 * Globals are read and written in env memory directly, so guest state is
 * always exact in env at every helper call, fault and exit.
 */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "accel/tcg/backend/interp/interp.h"
#include "accel/tcg/guest-mem.h"
#include "accel/tcg/tcg-eval.h"
#include "accel/tcg/tcg-internal.h"
#include "util/error.h"

static __thread uint64_t *interp_frame;
static __thread size_t interp_frame_bytes;

static uint64_t *interp_frame_get(size_t bytes)
{
    if (bytes > interp_frame_bytes) {
        free(interp_frame);
        interp_frame_bytes = bytes < 4096 ? 4096 : bytes * 2;
        interp_frame = malloc(interp_frame_bytes);
        if (!interp_frame) {
            fatal_internal("tcg: out of memory for an interpreter frame");
        }
    }
    return interp_frame;
}

static inline uint32_t ld32(const void *p)
{
    uint32_t v;

    memcpy(&v, p, sizeof(v));
    return v;
}

static inline uint64_t ld64(const void *p)
{
    uint64_t v;

    memcpy(&v, p, sizeof(v));
    return v;
}

static inline void st32(void *p, uint32_t v)
{
    memcpy(p, &v, sizeof(v));
}

static inline void st64(void *p, uint64_t v)
{
    memcpy(p, &v, sizeof(v));
}

/* Host memory access of size 1 << sz at p; loads zero-extend. */
static inline uint64_t host_load(const void *p, unsigned sz)
{
    switch (sz) {
    case 0: return *(const uint8_t *)p;
    case 1: { uint16_t v; memcpy(&v, p, 2); return v; }
    case 2: return ld32(p);
    default: return ld64(p);
    }
}

static inline void host_store(void *p, unsigned sz, uint64_t v)
{
    switch (sz) {
    case 0: *(uint8_t *)p = (uint8_t)v; break;
    case 1: { uint16_t w = (uint16_t)v; memcpy(p, &w, 2); break; }
    case 2: st32(p, (uint32_t)v); break;
    default: st64(p, v); break;
    }
}

static inline uint64_t bswap_sz(uint64_t v, unsigned sz)
{
    switch (sz) {
    case 1: return __builtin_bswap16((uint16_t)v);
    case 2: return __builtin_bswap32((uint32_t)v);
    case 3: return __builtin_bswap64(v);
    default: return v;
    }
}

static inline uint64_t sext_sz(uint64_t v, unsigned sz)
{
    unsigned sh = 64 - (8u << sz);

    return sz == 3 ? v : (uint64_t)((int64_t)(v << sh) >> sh);
}

static void interp_check_align(TCGVcpu *v, uint64_t addr, unsigned mop,
                               bool is_store)
{
    unsigned size = 1u << (mop & MO_SIZE);

    if ((mop & MO_ALIGN) && (addr & (size - 1)) &&
        v->pub.ops->do_unaligned_access) {
        /* host_pc 1: "restore from the current insn_start" */
        v->pub.ops->do_unaligned_access(v->cpu->arch, addr, mop, is_store, 1);
    }
}

static void interp_call(const InterpInsn *in, char *const *bases)
{
    const InterpCall *c = (const InterpCall *)(uintptr_t)in->c[0];
    void *avals[6];
    ffi_arg ret = 0;
    unsigned i;

    for (i = 0; i < in->nb_iargs; i++) {
        int32_t a = in->r[in->nb_oargs + i];

        avals[i] = bases[a & 3] + (a >> 2);
    }
    ffi_call((ffi_cif *)&c->cif, FFI_FN(c->info->func), &ret, avals);
    if (in->nb_oargs) {
        void *d = bases[in->r[0] & 3] + (in->r[0] >> 2);

        if (c->ret_i32) {
            st32(d, (uint32_t)ret);
        } else {
            st64(d, (uint64_t)ret);
        }
    }
}

#define K(op, t) INTERP_KIND(INDEX_op_##op, TCG_TYPE_##t)
#define P(i) ((void *)(bases[in->r[i] & 3] + (in->r[i] >> 2)))
#define R32(i) ld32(P(i))
#define R64(i) ld64(P(i))
#define W32(i, v) st32(P(i), (uint32_t)(v))
#define W64(i, v) st64(P(i), (uint64_t)(v))

#define BIN(op)                                                             \
    case K(op, I32):                                                        \
        W32(0, tcg_eval_i32(INDEX_op_##op, R32(1), R32(2)));                \
        break;                                                              \
    case K(op, I64):                                                        \
        W64(0, tcg_eval_i64(INDEX_op_##op, R64(1), R64(2)));                \
        break;
#define UN(op)                                                              \
    case K(op, I32):                                                        \
        W32(0, tcg_eval_i32(INDEX_op_##op, R32(1), 0));                     \
        break;                                                              \
    case K(op, I64):                                                        \
        W64(0, tcg_eval_i64(INDEX_op_##op, R64(1), 0));                     \
        break;
#define LD(op, sz, sign)                                                    \
    case K(op, I32):                                                        \
    case K(op, I64): {                                                      \
        uint64_t v_ = host_load((char *)(uintptr_t)R64(1) + in->c[0], sz);  \
        if (sign) {                                                         \
            v_ = sext_sz(v_, sz);                                           \
        }                                                                   \
        if (in->kind & 1) {                                                 \
            W64(0, v_);                                                     \
        } else {                                                            \
            W32(0, v_);                                                     \
        }                                                                   \
        break;                                                              \
    }
#define ST(op, sz)                                                          \
    case K(op, I32):                                                        \
    case K(op, I64):                                                        \
        host_store((char *)(uintptr_t)R64(1) + in->c[0], sz,                \
                   (in->kind & 1) ? R64(0) : R32(0));                       \
        break;

uintptr_t tcg_backend_exec(TCGVcpu *v, TranslationBlock *tb)
{
    CPU *cpu = v->cpu;
    CPUArchState *env = cpu->arch;
    const TCGTargetOps *ops = v->pub.ops;
    const InterpProg *prog;
    const InterpInsn *in;
    char *bases[4];
    bool chained = false;
    uint64_t *frame;

enter:
    if (atomic_load_explicit(&cpu->exit_request, memory_order_acquire)) {
        /* a chained entry skipped the pc store after goto_tb */
        if (chained && ops->set_pc) {
            ops->set_pc(env, tb->pc);
        }
        return TB_EXIT_REQUESTED;
    }
    prog = tb->tc_ptr;
    frame = interp_frame_get(prog->frame_bytes);
    frame[0] = (uint64_t)(uintptr_t)env;   /* temp 0 is the fixed env */
    bases[INTERP_BASE_FRAME] = (char *)frame;
    bases[INTERP_BASE_ENV] = (char *)env;
    bases[INTERP_BASE_CONST] = (char *)prog->consts;
    bases[3] = NULL;
    in = prog->insns;
    /* until the first insn_start, a fault restores the TB's start */
    v->insn_data[0] = tb->pc;
    v->insn_data[1] = 0;

    for (;; in++) {
        switch (in->kind) {
        case K(insn_start, I64):
            v->insn_data[0] = in->c[0];
            v->insn_data[1] = in->c[1];
            break;
        case K(mb, I64):
            atomic_thread_fence(memory_order_seq_cst);
            break;
        case K(br, I64):
            in = &prog->insns[in->c[0]] - 1;
            break;
        case K(brcond, I32):
            if (tcg_eval_cond((TCGCond)in->c[0], TCG_TYPE_I32, R32(0),
                              R32(1))) {
                in = &prog->insns[in->c[1]] - 1;
            }
            break;
        case K(brcond, I64):
            if (tcg_eval_cond((TCGCond)in->c[0], TCG_TYPE_I64, R64(0),
                              R64(1))) {
                in = &prog->insns[in->c[1]] - 1;
            }
            break;
        case K(mov, I32):
            W32(0, R32(1));
            break;
        case K(mov, I64):
            W64(0, R64(1));
            break;
        case K(setcond, I32):
            W32(0, tcg_eval_cond((TCGCond)in->c[0], TCG_TYPE_I32, R32(1),
                                 R32(2)));
            break;
        case K(setcond, I64):
            W64(0, tcg_eval_cond((TCGCond)in->c[0], TCG_TYPE_I64, R64(1),
                                 R64(2)));
            break;
        case K(movcond, I32):
            W32(0, tcg_eval_cond((TCGCond)in->c[0], TCG_TYPE_I32, R32(1),
                                 R32(2)) ? R32(3) : R32(4));
            break;
        case K(movcond, I64):
            W64(0, tcg_eval_cond((TCGCond)in->c[0], TCG_TYPE_I64, R64(1),
                                 R64(2)) ? R64(3) : R64(4));
            break;
        BIN(add) BIN(sub) BIN(mul) BIN(and) BIN(or) BIN(xor)
        BIN(andc) BIN(orc) BIN(eqv) BIN(nand) BIN(nor)
        BIN(shl) BIN(shr) BIN(sar) BIN(rotl) BIN(rotr)
        BIN(div) BIN(divu) BIN(rem) BIN(remu) BIN(mulsh) BIN(muluh)
        BIN(clz) BIN(ctz)
        UN(neg) UN(not) UN(ctpop) UN(bswap16) UN(bswap32) UN(bswap64)
        UN(ext8s) UN(ext8u) UN(ext16s) UN(ext16u) UN(ext32s) UN(ext32u)
        case K(extract, I32):
            W32(0, tcg_eval_extract(R32(1), (unsigned)in->c[0],
                                    (unsigned)in->c[1], false));
            break;
        case K(extract, I64):
            W64(0, tcg_eval_extract(R64(1), (unsigned)in->c[0],
                                    (unsigned)in->c[1], false));
            break;
        case K(sextract, I32):
            W32(0, tcg_eval_extract(R32(1), (unsigned)in->c[0],
                                    (unsigned)in->c[1], true));
            break;
        case K(sextract, I64):
            W64(0, tcg_eval_extract(R64(1), (unsigned)in->c[0],
                                    (unsigned)in->c[1], true));
            break;
        case K(deposit, I32):
            W32(0, tcg_eval_deposit(R32(1), R32(2), (unsigned)in->c[0],
                                    (unsigned)in->c[1]));
            break;
        case K(deposit, I64):
            W64(0, tcg_eval_deposit(R64(1), R64(2), (unsigned)in->c[0],
                                    (unsigned)in->c[1]));
            break;
        case K(ext_i32_i64, I64):
            W64(0, (int64_t)(int32_t)R32(1));
            break;
        case K(extu_i32_i64, I64):
            W64(0, R32(1));
            break;
        case K(extrl_i64_i32, I32):
            W32(0, R64(1));
            break;
        case K(extrh_i64_i32, I32):
            W32(0, R64(1) >> 32);
            break;
        LD(ld8u, 0, false) LD(ld8s, 0, true) LD(ld16u, 1, false)
        LD(ld16s, 1, true) LD(ld32u, 2, false) LD(ld32s, 2, true)
        case K(ld, I32):
            W32(0, ld32((char *)(uintptr_t)R64(1) + in->c[0]));
            break;
        case K(ld, I64):
            W64(0, ld64((char *)(uintptr_t)R64(1) + in->c[0]));
            break;
        ST(st8, 0) ST(st16, 1) ST(st32, 2)
        case K(st, I32):
            st32((char *)(uintptr_t)R64(1) + in->c[0], R32(0));
            break;
        case K(st, I64):
            st64((char *)(uintptr_t)R64(1) + in->c[0], R64(0));
            break;
        case K(guest_ld, I32):
        case K(guest_ld, I64): {
            unsigned mop = (unsigned)in->c[0], sz = mop & MO_SIZE;
            uint64_t addr = R64(1), val;

            interp_check_align(v, addr, mop, false);
            val = host_load((void *)(guest_base + (uintptr_t)addr), sz);
            if (mop & MO_BSWAP) {
                val = bswap_sz(val, sz);
            }
            if (mop & MO_SIGN) {
                val = sext_sz(val, sz);
            }
            if (in->kind & 1) {
                W64(0, val);
            } else {
                W32(0, val);
            }
            break;
        }
        case K(guest_st, I32):
        case K(guest_st, I64): {
            unsigned mop = (unsigned)in->c[0], sz = mop & MO_SIZE;
            uint64_t addr = R64(1);
            uint64_t val = (in->kind & 1) ? R64(0) : R32(0);

            interp_check_align(v, addr, mop, true);
            if (mop & MO_BSWAP) {
                val = bswap_sz(val, sz);
            }
            host_store((void *)(guest_base + (uintptr_t)addr), sz, val);
            break;
        }
        case K(call, I64):
            interp_call(in, bases);
            break;
        case K(goto_tb, I64): {
            TranslationBlock *next = __atomic_load_n(
                &tb->jmp_dest[in->c[0] & 1], __ATOMIC_ACQUIRE);

            if (next) {
                atomic_fetch_add_explicit(&tcg_stats.chained_entries, 1,
                                          memory_order_relaxed);
                tb = next;
                chained = true;
                goto enter;
            }
            break;
        }
        case K(exit_tb, I64):
            return (uintptr_t)in->c[0];
        case K(lookup_goto_ptr, I64): {
            /* what the x86-64 back end inlines: the jump cache with the
             * key known at translation time, then the helper */
            TranslationBlock *next = tb_jmp_cache_probe(
                v, R64(0), (uint32_t)in->c[0], (uint32_t)(in->c[0] >> 32));

            if (!next) {
                next = tcg_lookup_tb_ptr(env);
            }
            if (!next) {
                return 0;
            }
            tb = next;
            chained = true;
            goto enter;
        }
        case K(goto_ptr, I64): {
            TranslationBlock *next = (TranslationBlock *)(uintptr_t)R64(0);

            if (!next) {
                return 0;
            }
            tb = next;
            chained = true;
            goto enter;
        }
        default:
            fatal_internal("tcg interpreter: unknown op kind %u", in->kind);
        }
    }
}
