/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * RISC-V disassembler for -d in_asm (Debian's capstone 4 has no RISC-V).
 * Covers what the front end decodes: RV64IMAFDC, Zicsr, Zifencei, Zba,
 * Zbb, Zbs and the privileged SRET/MRET/WFI/SFENCE.VMA. The text follows
 * `objdump -d -M no-aliases` (canonical mnemonics, ABI register names,
 * compressed instructions under their c. names), except that branch and
 * jump targets are printed as absolute 0x addresses without symbols.
 */
#ifndef CPU_RISCV_DISAS_H
#define CPU_RISCV_DISAS_H

#include <stddef.h>
#include <stdint.h>

/*
 * Disassemble the instruction at guest address pc whose first avail bytes
 * are bytes[] (little endian). Writes "mnemonic\toperands" to buf (always
 * NUL-terminated when size > 0) and returns the instruction's length: 2
 * or 4, or 0 when avail is too short for it (buf then says so). Unknown
 * encodings print as ".short 0x...." or ".word 0x........".
 */
size_t riscv_disas_insn(uint64_t pc, const uint8_t *bytes, size_t avail,
                        char *buf, size_t size);

#endif
