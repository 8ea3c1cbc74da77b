/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The meaning of every value op, in one place: the optimiser folds
 * constants with these functions and the interpreter executes with them,
 * so the two can never disagree about an edge case (shift counts, division
 * by zero, rotate by 0). Private to accel/tcg.
 *
 * Values travel as uint64_t. For TCG_TYPE_I32 the inputs' low 32 bits are
 * used and the result is returned zero-extended.
 */
#ifndef ACCEL_TCG_TCG_EVAL_H
#define ACCEL_TCG_TCG_EVAL_H

#include <stdbool.h>
#include <stdint.h>

#include "accel/tcg/tcg.h"

static inline uint64_t tcg_eval_bswap16(uint64_t a)
{
    return (uint64_t)__builtin_bswap16((uint16_t)a);
}

/* Field [pos, pos + len) of a (width bits), zero- or sign-extended. */
static inline uint64_t tcg_eval_extract(uint64_t a, unsigned pos,
                                        unsigned len, bool sign)
{
    uint64_t v = a << (64 - pos - len);

    return sign ? (uint64_t)((int64_t)v >> (64 - len)) : v >> (64 - len);
}

static inline uint64_t tcg_eval_deposit(uint64_t a, uint64_t b, unsigned pos,
                                        unsigned len)
{
    uint64_t mask = (len >= 64 ? ~0ull : (1ull << len) - 1) << pos;

    return (a & ~mask) | ((b << pos) & mask);
}

static inline __attribute__((always_inline)) uint64_t
tcg_eval_i64(TCGOpcode opc, uint64_t a, uint64_t b)
{
    unsigned sh = (unsigned)b & 63;

    switch (opc) {
    case INDEX_op_mov: return a;
    case INDEX_op_add: return a + b;
    case INDEX_op_sub: return a - b;
    case INDEX_op_mul: return a * b;
    case INDEX_op_and: return a & b;
    case INDEX_op_or: return a | b;
    case INDEX_op_xor: return a ^ b;
    case INDEX_op_andc: return a & ~b;
    case INDEX_op_orc: return a | ~b;
    case INDEX_op_eqv: return ~(a ^ b);
    case INDEX_op_nand: return ~(a & b);
    case INDEX_op_nor: return ~(a | b);
    case INDEX_op_shl: return a << sh;
    case INDEX_op_shr: return a >> sh;
    case INDEX_op_sar: return (uint64_t)((int64_t)a >> sh);
    case INDEX_op_rotl: return sh ? (a << sh) | (a >> (64 - sh)) : a;
    case INDEX_op_rotr: return sh ? (a >> sh) | (a << (64 - sh)) : a;
    /* Division by zero and overflow are undefined in the IR; give a
     * harmless value rather than trap the host. */
    case INDEX_op_div:
        if (b == 0) {
            return 0;
        }
        if ((int64_t)b == -1) {
            return -a;
        }
        return (uint64_t)((int64_t)a / (int64_t)b);
    case INDEX_op_rem:
        if (b == 0) {
            return a;
        }
        if ((int64_t)b == -1) {
            return 0;
        }
        return (uint64_t)((int64_t)a % (int64_t)b);
    case INDEX_op_divu: return b ? a / b : 0;
    case INDEX_op_remu: return b ? a % b : a;
    case INDEX_op_mulsh:
        return (uint64_t)(((__int128)(int64_t)a * (int64_t)b) >> 64);
    case INDEX_op_muluh:
        return (uint64_t)(((unsigned __int128)a * b) >> 64);
    case INDEX_op_clz: return a ? (uint64_t)__builtin_clzll(a) : b;
    case INDEX_op_ctz: return a ? (uint64_t)__builtin_ctzll(a) : b;
    case INDEX_op_neg: return -a;
    case INDEX_op_not: return ~a;
    case INDEX_op_ctpop: return (uint64_t)__builtin_popcountll(a);
    case INDEX_op_bswap16: return tcg_eval_bswap16(a);
    case INDEX_op_bswap32: return __builtin_bswap32((uint32_t)a);
    case INDEX_op_bswap64: return __builtin_bswap64(a);
    case INDEX_op_ext8s: return (uint64_t)(int64_t)(int8_t)a;
    case INDEX_op_ext8u: return (uint8_t)a;
    case INDEX_op_ext16s: return (uint64_t)(int64_t)(int16_t)a;
    case INDEX_op_ext16u: return (uint16_t)a;
    case INDEX_op_ext32s: return (uint64_t)(int64_t)(int32_t)a;
    case INDEX_op_ext32u: return (uint32_t)a;
    default: return 0;
    }
}

static inline __attribute__((always_inline)) uint64_t
tcg_eval_i32(TCGOpcode opc, uint32_t a, uint32_t b)
{
    unsigned sh = b & 31;

    switch (opc) {
    case INDEX_op_shl: return (uint32_t)(a << sh);
    case INDEX_op_shr: return a >> sh;
    case INDEX_op_sar: return (uint32_t)((int32_t)a >> sh);
    case INDEX_op_rotl: return sh ? (uint32_t)((a << sh) | (a >> (32 - sh))) : a;
    case INDEX_op_rotr: return sh ? (uint32_t)((a >> sh) | (a << (32 - sh))) : a;
    case INDEX_op_div:
        if (b == 0) {
            return 0;
        }
        if ((int32_t)b == -1) {
            return (uint32_t)-a;
        }
        return (uint32_t)((int32_t)a / (int32_t)b);
    case INDEX_op_rem:
        if (b == 0) {
            return a;
        }
        if ((int32_t)b == -1) {
            return 0;
        }
        return (uint32_t)((int32_t)a % (int32_t)b);
    case INDEX_op_divu: return b ? a / b : 0;
    case INDEX_op_remu: return b ? a % b : a;
    case INDEX_op_mulsh:
        return (uint32_t)(((int64_t)(int32_t)a * (int32_t)b) >> 32);
    case INDEX_op_muluh:
        return (uint32_t)(((uint64_t)a * b) >> 32);
    case INDEX_op_clz: return a ? (uint64_t)__builtin_clz(a) : b;
    case INDEX_op_ctz: return a ? (uint64_t)__builtin_ctz(a) : b;
    case INDEX_op_ctpop: return (uint64_t)__builtin_popcount(a);
    case INDEX_op_ext8s: return (uint32_t)(int32_t)(int8_t)a;
    case INDEX_op_ext16s: return (uint32_t)(int32_t)(int16_t)a;
    default:
        /* Everything else has the same low 32 bits at either width. */
        return (uint32_t)tcg_eval_i64(opc, a, b);
    }
}

static inline uint64_t tcg_eval(TCGOpcode opc, TCGType type, uint64_t a,
                                uint64_t b)
{
    return type == TCG_TYPE_I32 ? tcg_eval_i32(opc, (uint32_t)a, (uint32_t)b)
                                : tcg_eval_i64(opc, a, b);
}

static inline bool tcg_eval_cond(TCGCond c, TCGType type, uint64_t a,
                                 uint64_t b)
{
    if (type == TCG_TYPE_I32) {
        a = (uint64_t)(int64_t)(int32_t)a;
        b = (uint64_t)(int64_t)(int32_t)b;
        /* Sign-extending both keeps signed and unsigned order intact. */
    }
    switch (c) {
    case TCG_COND_NEVER: return false;
    case TCG_COND_ALWAYS: return true;
    case TCG_COND_EQ: return a == b;
    case TCG_COND_NE: return a != b;
    case TCG_COND_LT: return (int64_t)a < (int64_t)b;
    case TCG_COND_GE: return (int64_t)a >= (int64_t)b;
    case TCG_COND_LE: return (int64_t)a <= (int64_t)b;
    case TCG_COND_GT: return (int64_t)a > (int64_t)b;
    case TCG_COND_LTU: return a < b;
    case TCG_COND_GEU: return a >= b;
    case TCG_COND_LEU: return a <= b;
    case TCG_COND_GTU: return a > b;
    }
    return false;
}

#endif
