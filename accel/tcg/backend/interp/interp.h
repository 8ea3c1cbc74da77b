/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The interpreter back end's program format, shared by its generator and
 * executor. A program is the TB's optimised op list with every temp
 * resolved to a place: a frame slot (EBB/TB temps and env), a field of env
 * (globals, read and written in place), or the program's constant pool.
 */
#ifndef ACCEL_TCG_BACKEND_INTERP_INTERP_H
#define ACCEL_TCG_BACKEND_INTERP_INTERP_H

#include <ffi.h>
#include <stdint.h>

#include "accel/tcg/tcg.h"

/* Operand = byte offset << 2 | base. */
enum { INTERP_BASE_FRAME, INTERP_BASE_ENV, INTERP_BASE_CONST };

#define INTERP_KIND(opc, type) ((unsigned)(opc) << 1 | (unsigned)(type))

typedef struct InterpInsn {
    uint16_t kind;       /* INTERP_KIND(opc, type) */
    uint8_t nb_oargs, nb_iargs;
    int32_t r[7];        /* operands: outputs then inputs */
    uint64_t c[2];       /* constant args; branch targets as insn index */
} InterpInsn;

/* One prepared libffi call interface per TCGHelperInfo, made once. */
typedef struct InterpCall {
    const TCGHelperInfo *info;
    ffi_cif cif;
    ffi_type *arg_types[6];
    bool ret_i32;
    struct InterpCall *next;
} InterpCall;

typedef struct InterpProg {
    uint32_t nb_insns;
    uint32_t frame_bytes;
    const uint64_t *consts;
    InterpInsn insns[];
} InterpProg;

#endif
