/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * LR/SC and AMO helpers. Guest memory is host memory at guest_base +
 * addr (user mode), so host __atomic builtins make these atomic against
 * every other guest thread. SC is a compare-and-swap against the value LR
 * saw: it fails if the reservation is for another address or the word
 * changed, which is the ABA-tolerant approximation every user-mode
 * translator makes (the ISA lets SC fail spuriously, not succeed wrongly
 * after a store of a different value; an intervening store of the same
 * value is indistinguishable here).
 *
 * In system mode the address is translated by the page walker and must
 * be RAM; the host atomic then works on the host mapping of that RAM.
 */
#include "accel/tcg/guest-mem.h"
#include "accel/tcg/tcg.h"   /* TranslationBlock typedef, needed by tcg-exec.h */
#include "accel/tcg/tcg-exec.h"
#include "cpu/riscv/helper.h"
#include "cpu/riscv/priv.h"

enum {
    AMO_ADD = 0x00, AMO_SWAP = 0x01, AMO_XOR = 0x04, AMO_OR = 0x08,
    AMO_AND = 0x0c, AMO_MIN = 0x10, AMO_MAX = 0x14, AMO_MINU = 0x18,
    AMO_MAXU = 0x1c,
};

static bool amo_is_word(uint32_t insn)
{
    return ((insn >> 12) & 7) == 2;
}

static void *amo_host_addr(CPURISCVState *env, uint64_t addr, bool word,
                           int excp)
{
    if (addr & (word ? 3 : 7)) {
        env->badaddr = addr;
        tcg_raise_exception(tcg_current_cpu(), excp, 0);
    }
    if (env->system) {
        /* LR checks as a load; SC and the AMOs as stores. */
        return riscv_cpu_atomic_host_addr(env, addr, word ? 4 : 8,
                                          excp != RISCV_EXCP_LOAD_ADDR_MIS);
    }
    return (void *)(uintptr_t)(guest_base + addr);
}

uint64_t helper_riscv_lr(CPURISCVState *env, uint32_t insn, uint64_t addr)
{
    bool word = amo_is_word(insn);
    void *p = amo_host_addr(env, addr, word, RISCV_EXCP_LOAD_ADDR_MIS);
    uint64_t val;

    if (word) {
        uint32_t v = __atomic_load_n((uint32_t *)p, __ATOMIC_SEQ_CST);

        env->load_val = v;
        val = (uint64_t)(int64_t)(int32_t)v;
    } else {
        val = __atomic_load_n((uint64_t *)p, __ATOMIC_SEQ_CST);
        env->load_val = val;
    }
    env->load_res = addr;
    return val;
}

uint64_t helper_riscv_sc(CPURISCVState *env, uint32_t insn, uint64_t addr,
                         uint64_t val)
{
    bool word = amo_is_word(insn);
    void *p = amo_host_addr(env, addr, word, RISCV_EXCP_STORE_AMO_ADDR_MIS);
    bool ok = false;

    if (env->load_res == addr) {
        if (word) {
            uint32_t expected = (uint32_t)env->load_val;

            ok = __atomic_compare_exchange_n((uint32_t *)p, &expected,
                                             (uint32_t)val, false,
                                             __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        } else {
            uint64_t expected = env->load_val;

            ok = __atomic_compare_exchange_n((uint64_t *)p, &expected, val,
                                             false, __ATOMIC_SEQ_CST,
                                             __ATOMIC_SEQ_CST);
        }
    }
    env->load_res = (uint64_t)-1;
    return ok ? 0 : 1;
}

static uint32_t amo_compute32(unsigned op, uint32_t old, uint32_t v)
{
    switch (op) {
    case AMO_MIN:
        return (int32_t)old < (int32_t)v ? old : v;
    case AMO_MAX:
        return (int32_t)old > (int32_t)v ? old : v;
    case AMO_MINU:
        return old < v ? old : v;
    default:
        return old > v ? old : v;
    }
}

static uint64_t amo_compute64(unsigned op, uint64_t old, uint64_t v)
{
    switch (op) {
    case AMO_MIN:
        return (int64_t)old < (int64_t)v ? old : v;
    case AMO_MAX:
        return (int64_t)old > (int64_t)v ? old : v;
    case AMO_MINU:
        return old < v ? old : v;
    default:
        return old > v ? old : v;
    }
}

static uint32_t amo_word(unsigned op, uint32_t *p, uint32_t v)
{
    uint32_t old;

    switch (op) {
    case AMO_SWAP:
        return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST);
    case AMO_ADD:
        return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST);
    case AMO_XOR:
        return __atomic_fetch_xor(p, v, __ATOMIC_SEQ_CST);
    case AMO_AND:
        return __atomic_fetch_and(p, v, __ATOMIC_SEQ_CST);
    case AMO_OR:
        return __atomic_fetch_or(p, v, __ATOMIC_SEQ_CST);
    default:
        old = __atomic_load_n(p, __ATOMIC_RELAXED);
        while (!__atomic_compare_exchange_n(p, &old, amo_compute32(op, old, v),
                                            true, __ATOMIC_SEQ_CST,
                                            __ATOMIC_RELAXED)) {
            /* old was refreshed; retry */
        }
        return old;
    }
}

static uint64_t amo_dword(unsigned op, uint64_t *p, uint64_t v)
{
    uint64_t old;

    switch (op) {
    case AMO_SWAP:
        return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST);
    case AMO_ADD:
        return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST);
    case AMO_XOR:
        return __atomic_fetch_xor(p, v, __ATOMIC_SEQ_CST);
    case AMO_AND:
        return __atomic_fetch_and(p, v, __ATOMIC_SEQ_CST);
    case AMO_OR:
        return __atomic_fetch_or(p, v, __ATOMIC_SEQ_CST);
    default:
        old = __atomic_load_n(p, __ATOMIC_RELAXED);
        while (!__atomic_compare_exchange_n(p, &old, amo_compute64(op, old, v),
                                            true, __ATOMIC_SEQ_CST,
                                            __ATOMIC_RELAXED)) {
            /* old was refreshed; retry */
        }
        return old;
    }
}

uint64_t helper_riscv_amo(CPURISCVState *env, uint32_t insn, uint64_t addr,
                          uint64_t val)
{
    bool word = amo_is_word(insn);
    unsigned op = insn >> 27;
    void *p = amo_host_addr(env, addr, word, RISCV_EXCP_STORE_AMO_ADDR_MIS);

    if (word) {
        return (uint64_t)(int64_t)(int32_t)amo_word(op, p, (uint32_t)val);
    }
    return amo_dword(op, p, val);
}

#define HELPER_ARGS4 (TCG_HELPER_TYPE(0, TCG_HELPER_I64) |                 \
                      TCG_HELPER_TYPE(1, TCG_HELPER_PTR) |                 \
                      TCG_HELPER_TYPE(2, TCG_HELPER_I32) |                 \
                      TCG_HELPER_TYPE(3, TCG_HELPER_I64) |                 \
                      TCG_HELPER_TYPE(4, TCG_HELPER_I64))

/* They may raise (flags 0: globals synced, pc exact). LR ignores rs2. */
const TCGHelperInfo helper_info_riscv_lr = {
    .func = (void *)helper_riscv_lr, .name = "riscv_lr",
    .typemask = TCG_HELPER_TYPE(0, TCG_HELPER_I64) |
                TCG_HELPER_TYPE(1, TCG_HELPER_PTR) |
                TCG_HELPER_TYPE(2, TCG_HELPER_I32) |
                TCG_HELPER_TYPE(3, TCG_HELPER_I64),
    .nb_args = 3,
};

const TCGHelperInfo helper_info_riscv_sc = {
    .func = (void *)helper_riscv_sc, .name = "riscv_sc",
    .typemask = HELPER_ARGS4, .nb_args = 4,
};

const TCGHelperInfo helper_info_riscv_amo = {
    .func = (void *)helper_riscv_amo, .name = "riscv_amo",
    .typemask = HELPER_ARGS4, .nb_args = 4,
};
