/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The x87 helper of the x86 front end (x87-helper.c). Every x87
 * instruction is one call: the translator names the encoding (a slot of
 * the host instruction table, below) and the helper runs that very
 * instruction on the host's x87 unit over the guest's x87 state, so
 * results, rounding, C0-C3, tags, stack faults and exception flags are
 * the hardware's own (docs/x86.md, "x87").
 */
#ifndef CPU_X86_HELPER_X87_H
#define CPU_X86_HELPER_X87_H

#include <stdbool.h>
#include <stdint.h>

#include "accel/tcg/tcg.h"
#include "cpu/x86/cpu-state.h"

/*
 * op argument of helper_x86_x87: the slot in bits 0..9, the guest's
 * 11-bit opcode (FOP: low 3 bits of D8..DF << 8 | ModRM) in bits 16..26,
 * X87_OP_FWAIT for 9B.
 * Slots: register forms (ModRM >= C0) are (opcode & 7) << 6 | (ModRM &
 * 63); memory forms X87_SLOT_MEM + ((opcode & 7) << 3 | reg); the
 * operand-size (66) forms of FLDENV, FNSTENV, FRSTOR, FNSAVE (16-bit
 * layouts) X87_SLOT_ENV16 + 0..3.
 */
enum {
    X87_SLOT_MEM = 512,
    X87_SLOT_ENV16 = 576,
    X87_NR_SLOTS = 580,
    X87_OP_FWAIT = 1u << 28,
};

/* Status word bits. */
enum {
    X87_FSW_IE = 1u << 0, X87_FSW_SF = 1u << 6, X87_FSW_ES = 1u << 7,
    X87_FSW_C1 = 1u << 9, X87_FSW_B = 1u << 15,
};

/* The slot of a register form, of a memory form (reg = ModRM.reg & 7),
 * and whether the encoding exists (false: #UD). */
static inline unsigned x87_slot_reg(int opcode, int modrm)
{
    return (unsigned)((opcode & 7) << 6 | (modrm & 63));
}

static inline unsigned x87_slot_mem(int opcode, int reg)
{
    return X87_SLOT_MEM + (unsigned)((opcode & 7) << 3 | (reg & 7));
}

bool x87_reg_form_valid(int opcode, int modrm);
bool x87_mem_form_valid(int opcode, int reg);

/*
 * Run one x87 instruction: op as above, pc its address (FIP), addr the
 * linear address of its memory operand and ea the effective address
 * (FDP), flags the guest's arithmetic rflags (FCMOVcc reads them).
 * Returns FNSTSW AX's status word, FCOMI/FUCOMI(P)'s rflags (only
 * CF PF AF ZF SF OF), else 0. Raises #MF first when a waiting
 * instruction finds an unmasked exception pending (ES), #PF from the
 * memory access (env unchanged then).
 */
uint64_t helper_x86_x87(X86CPUState *env, uint32_t op, uint64_t pc,
                        uint64_t addr, uint64_t ea, uint64_t flags);

extern const TCGHelperInfo helper_info_x86_x87;

#endif
