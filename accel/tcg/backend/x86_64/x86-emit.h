/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * x86-64 instruction encoding: REX, ModRM and SIB for the handful of
 * instruction forms the code generator uses. Bytes go to the writable
 * view of the code buffer; addresses (branch targets) are those of the
 * executable view, so rel32 displacements are computed against rx.
 */
#ifndef ACCEL_TCG_BACKEND_X86_64_X86_EMIT_H
#define ACCEL_TCG_BACKEND_X86_64_X86_EMIT_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

enum {
    X86_RAX, X86_RCX, X86_RDX, X86_RBX, X86_RSP, X86_RBP, X86_RSI, X86_RDI,
    X86_R8, X86_R9, X86_R10, X86_R11, X86_R12, X86_R13, X86_R14, X86_R15,
};

/* Opcode flags above the opcode byte. */
enum {
    P_0F = 0x100,     /* two-byte opcode 0F xx */
    P_66 = 0x200,     /* operand-size prefix */
    P_F3 = 0x400,     /* F3 prefix (popcnt) */
    P_REXW = 0x800,   /* 64-bit operand size */
    P_BYTE = 0x1000,  /* byte register operand: force REX for sil/dil */
};

/* x86 condition codes (low nibble of Jcc/SETcc/CMOVcc). */
enum {
    X86_CC_B = 2, X86_CC_AE = 3, X86_CC_E = 4, X86_CC_NE = 5, X86_CC_BE = 6,
    X86_CC_A = 7, X86_CC_L = 0xc, X86_CC_GE = 0xd, X86_CC_LE = 0xe,
    X86_CC_G = 0xf,
};

typedef struct X86Emit {
    uint8_t *p;          /* next byte (writable view) */
    uint8_t *start;      /* start of this TB (writable view) */
    uint8_t *end;        /* limit (writable view) */
    uintptr_t rx_start;  /* address of start in the executable view */
    bool overflow;
} X86Emit;

static inline uintptr_t x86_rx_here(const X86Emit *e)
{
    return e->rx_start + (uintptr_t)(e->p - e->start);
}

static inline void x86_emit8(X86Emit *e, unsigned v)
{
    if (e->p >= e->end) {
        e->overflow = true;
        return;
    }
    *e->p++ = (uint8_t)v;
}

static inline void x86_emit32(X86Emit *e, uint32_t v)
{
    if (e->p + 4 > e->end) {
        e->overflow = true;
        return;
    }
    memcpy(e->p, &v, 4);
    e->p += 4;
}

static inline void x86_emit64(X86Emit *e, uint64_t v)
{
    x86_emit32(e, (uint32_t)v);
    x86_emit32(e, (uint32_t)(v >> 32));
}

/* Prefixes, REX and opcode bytes; reg/index/rm give the REX extension
 * bits (pass 0 where unused). */
static inline void x86_emit_opc(X86Emit *e, unsigned opc, int reg, int index,
                                int rm)
{
    unsigned rex = 0;

    if (opc & P_66) {
        x86_emit8(e, 0x66);
    }
    if (opc & P_F3) {
        x86_emit8(e, 0xf3);
    }
    if (opc & P_REXW) {
        rex |= 8;
    }
    rex |= (unsigned)((reg >> 3) & 1) << 2;
    rex |= (unsigned)((index >> 3) & 1) << 1;
    rex |= (unsigned)((rm >> 3) & 1);
    if (rex || ((opc & P_BYTE) && ((reg & 7) >= 4 || (rm & 7) >= 4))) {
        x86_emit8(e, 0x40 | rex);
    }
    if (opc & P_0F) {
        x86_emit8(e, 0x0f);
    }
    x86_emit8(e, opc & 0xff);
}

/* opc reg, rm (register direct). */
static inline void x86_emit_rr(X86Emit *e, unsigned opc, int reg, int rm)
{
    x86_emit_opc(e, opc, reg, 0, rm);
    x86_emit8(e, 0xc0 | (reg & 7) << 3 | (rm & 7));
}

/* opc reg, [base + (index << scale) + disp] (index < 0: none; never
 * rsp). */
static inline void x86_emit_mem_sib(X86Emit *e, unsigned opc, int reg,
                                    int base, int index, unsigned scale,
                                    int32_t disp)
{
    unsigned mod;

    x86_emit_opc(e, opc, reg, index < 0 ? 0 : index, base);
    if (disp == 0 && (base & 7) != X86_RBP) {
        mod = 0;
    } else if (disp == (int8_t)disp) {
        mod = 0x40;
    } else {
        mod = 0x80;
    }
    if (index >= 0 || (base & 7) == X86_RSP) {
        x86_emit8(e, mod | (reg & 7) << 3 | 4);
        x86_emit8(e, (index >= 0 ? (scale & 3) << 6 | (index & 7) << 3
                                 : 4 << 3) | (base & 7));
    } else {
        x86_emit8(e, mod | (reg & 7) << 3 | (base & 7));
    }
    if (mod == 0x40) {
        x86_emit8(e, (uint8_t)disp);
    } else if (mod == 0x80) {
        x86_emit32(e, (uint32_t)disp);
    }
}

/* opc reg, [base + index + disp] (index < 0: none). */
static inline void x86_emit_mem(X86Emit *e, unsigned opc, int reg, int base,
                                int index, int32_t disp)
{
    x86_emit_mem_sib(e, opc, reg, base, index, 0, disp);
}

/* mov reg, imm (64 bits when w), shortest form. */
static inline void x86_emit_movi(X86Emit *e, bool w, int reg, uint64_t v)
{
    if (!w || v == (uint32_t)v) {
        if (v == 0) {
            x86_emit_rr(e, 0x31, reg, reg);        /* xor r32, r32 */
            return;
        }
        x86_emit_opc(e, 0xb8 + (reg & 7), 0, 0, reg);
        x86_emit32(e, (uint32_t)v);
    } else if ((int64_t)v == (int32_t)v) {
        x86_emit_rr(e, P_REXW | 0xc7, 0, reg);
        x86_emit32(e, (uint32_t)v);
    } else {
        x86_emit_opc(e, P_REXW | (0xb8 + (reg & 7)), 0, 0, reg);
        x86_emit64(e, v);
    }
}

/* Group-2 shift/rotate of rm by imm8 (ext: 0 rol, 1 ror, 4 shl, 5 shr,
 * 7 sar). */
static inline void x86_emit_shifti(X86Emit *e, unsigned w, int ext, int rm,
                                   unsigned n)
{
    if (n == 0) {
        return;
    }
    x86_emit_rr(e, w | 0xc1, ext, rm);
    x86_emit8(e, n);
}

/* A jump or Jcc with a rel32 to fill in later; returns the field. */
static inline uint8_t *x86_emit_jmp32(X86Emit *e, int cc)
{
    if (cc < 0) {
        x86_emit8(e, 0xe9);
    } else {
        x86_emit8(e, 0x0f);
        x86_emit8(e, 0x80 + cc);
    }
    x86_emit32(e, 0);
    return e->overflow ? NULL : e->p - 4;
}

/* Point the rel32 field at (writable address) target. */
static inline void x86_patch_rel32(uint8_t *field, const uint8_t *target)
{
    int32_t d;

    if (field) {
        d = (int32_t)(target - (field + 4));
        memcpy(field, &d, 4);
    }
}

#endif
