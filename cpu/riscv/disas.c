/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * RISC-V disassembler (see disas.h). 32-bit instructions are matched
 * against a (mask, match) table whose rows name the operand layout with
 * one letter per field; compressed instructions go through a switch on
 * quadrant and funct3, since their immediates are scattered differently
 * in almost every form.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cpu/riscv/disas.h"

static const char *const gpr_name[32] = {
    "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2",
    "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
    "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7",
    "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

static const char *const fpr_name[32] = {
    "ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7",
    "fs0", "fs1", "fa0", "fa1", "fa2", "fa3", "fa4", "fa5",
    "fa6", "fa7", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7",
    "fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11",
};

/* Rounding modes 5 and 6 are reserved. */
static const char *const rm_name[8] = {
    "rne", "rtz", "rdn", "rup", "rmm", NULL, NULL, "dyn",
};

static const struct {
    uint16_t num;
    const char *name;
} csr_names[] = {
    { 0x001, "fflags" }, { 0x002, "frm" }, { 0x003, "fcsr" },
    { 0xc00, "cycle" }, { 0xc01, "time" }, { 0xc02, "instret" },
    { 0x100, "sstatus" }, { 0x104, "sie" }, { 0x105, "stvec" },
    { 0x106, "scounteren" }, { 0x140, "sscratch" }, { 0x141, "sepc" },
    { 0x142, "scause" }, { 0x143, "stval" }, { 0x144, "sip" },
    { 0x180, "satp" },
    { 0x300, "mstatus" }, { 0x301, "misa" }, { 0x302, "medeleg" },
    { 0x303, "mideleg" }, { 0x304, "mie" }, { 0x305, "mtvec" },
    { 0x306, "mcounteren" }, { 0x340, "mscratch" }, { 0x341, "mepc" },
    { 0x342, "mcause" }, { 0x343, "mtval" }, { 0x344, "mip" },
    { 0xf11, "mvendorid" }, { 0xf12, "marchid" }, { 0xf13, "mimpid" },
    { 0xf14, "mhartid" },
};

/* Mask and match building blocks (32-bit forms). */
#define OP(x) ((uint32_t)(x))
#define FN3(x) ((uint32_t)(x) << 12)
#define FN7(x) ((uint32_t)(x) << 25)
#define FN6(x) ((uint32_t)(x) << 26)
#define FN5(x) ((uint32_t)(x) << 27)
#define RS2(x) ((uint32_t)(x) << 20)
#define FN12(x) ((uint32_t)(x) << 20)
#define FMT(x) ((uint32_t)(x) << 25)
#define K_OP 0x7fu
#define K_F3 (K_OP | FN3(7))
#define K_F7 (K_F3 | FN7(0x7f))
#define K_F6 (K_F3 | FN6(0x3f))
#define K_F12 (K_F3 | FN12(0xfff))
#define K_RS2 RS2(31)
#define K_RS1 (31u << 15)
#define K_RD (31u << 7)
#define K_ALL 0xffffffffu
/* FP ops: funct5 + fmt, rm free (K_FP) or fixed (K_FP3). */
#define K_FP (K_OP | FN7(0x7f))
#define K_FP3 (K_FP | FN3(7))
#define K_R4 (K_OP | FMT(3))
#define K_AMO (K_F3 | FN5(31))

/*
 * Operand letters:
 *   d s t   rd rs1 rs2 as integer registers
 *   D S T R rd rs1 rs2 rs3 as FP registers
 *   i       I-type immediate (decimal)     q  S-type immediate (decimal)
 *   b       B-type target address          a  J-type target address
 *   u       U-type immediate field (hex)   >  shift amount bits 25:20 (hex)
 *   <       shift amount bits 24:20 (hex)  c  CSR (name or hex)
 *   z       rs1 field as a CSR immediate (decimal)
 *   m       ",rm" unless rm is dynamic     n  ",rm" unless rm is 0 (RNE)
 *   P Q     FENCE predecessor / successor sets
 * Any other character is copied. A row with amo set appends .aq/.rl/.aqrl
 * to the mnemonic.
 */
typedef struct RVDisasRow {
    uint32_t mask, match;
    const char *name;
    const char *args;
    bool amo;
} RVDisasRow;

#define FP_S 0
#define FP_D 1

#define FP_OPS(sfx, fmt) \
    { K_FP, OP(0x53) | FN5(0x00) | FMT(fmt), "fadd." sfx, "D,S,Tm", false }, \
    { K_FP, OP(0x53) | FN5(0x01) | FMT(fmt), "fsub." sfx, "D,S,Tm", false }, \
    { K_FP, OP(0x53) | FN5(0x02) | FMT(fmt), "fmul." sfx, "D,S,Tm", false }, \
    { K_FP, OP(0x53) | FN5(0x03) | FMT(fmt), "fdiv." sfx, "D,S,Tm", false }, \
    { K_FP | K_RS2, OP(0x53) | FN5(0x0b) | FMT(fmt), "fsqrt." sfx, "D,Sm", \
      false }, \
    { K_FP3, OP(0x53) | FN5(0x04) | FMT(fmt) | FN3(0), "fsgnj." sfx, \
      "D,S,T", false }, \
    { K_FP3, OP(0x53) | FN5(0x04) | FMT(fmt) | FN3(1), "fsgnjn." sfx, \
      "D,S,T", false }, \
    { K_FP3, OP(0x53) | FN5(0x04) | FMT(fmt) | FN3(2), "fsgnjx." sfx, \
      "D,S,T", false }, \
    { K_FP3, OP(0x53) | FN5(0x05) | FMT(fmt) | FN3(0), "fmin." sfx, \
      "D,S,T", false }, \
    { K_FP3, OP(0x53) | FN5(0x05) | FMT(fmt) | FN3(1), "fmax." sfx, \
      "D,S,T", false }, \
    { K_FP3, OP(0x53) | FN5(0x14) | FMT(fmt) | FN3(2), "feq." sfx, \
      "d,S,T", false }, \
    { K_FP3, OP(0x53) | FN5(0x14) | FMT(fmt) | FN3(1), "flt." sfx, \
      "d,S,T", false }, \
    { K_FP3, OP(0x53) | FN5(0x14) | FMT(fmt) | FN3(0), "fle." sfx, \
      "d,S,T", false }, \
    { K_FP3 | K_RS2, OP(0x53) | FN5(0x1c) | FMT(fmt) | FN3(1), \
      "fclass." sfx, "d,S", false }, \
    { K_FP | K_RS2, OP(0x53) | FN5(0x18) | FMT(fmt) | RS2(0), \
      "fcvt.w." sfx, "d,Sm", false }, \
    { K_FP | K_RS2, OP(0x53) | FN5(0x18) | FMT(fmt) | RS2(1), \
      "fcvt.wu." sfx, "d,Sm", false }, \
    { K_FP | K_RS2, OP(0x53) | FN5(0x18) | FMT(fmt) | RS2(2), \
      "fcvt.l." sfx, "d,Sm", false }, \
    { K_FP | K_RS2, OP(0x53) | FN5(0x18) | FMT(fmt) | RS2(3), \
      "fcvt.lu." sfx, "d,Sm", false }, \
    { K_FP | K_RS2, OP(0x53) | FN5(0x1a) | FMT(fmt) | RS2(2), \
      "fcvt." sfx ".l", "D,sm", false }, \
    { K_FP | K_RS2, OP(0x53) | FN5(0x1a) | FMT(fmt) | RS2(3), \
      "fcvt." sfx ".lu", "D,sm", false }, \
    { K_R4, OP(0x43) | FMT(fmt), "fmadd." sfx, "D,S,T,Rm", false }, \
    { K_R4, OP(0x47) | FMT(fmt), "fmsub." sfx, "D,S,T,Rm", false }, \
    { K_R4, OP(0x4b) | FMT(fmt), "fnmsub." sfx, "D,S,T,Rm", false }, \
    { K_R4, OP(0x4f) | FMT(fmt), "fnmadd." sfx, "D,S,T,Rm", false }

#define AMO(f5, w, name) \
    { K_AMO, OP(0x2f) | FN3(w) | FN5(f5), name, "d,t,(s)", true }
#define AMO_WD(f5, name) AMO(f5, 2, name ".w"), AMO(f5, 3, name ".d")

static const RVDisasRow rv_rows[] = {
    /* RV64I */
    { K_OP, OP(0x37), "lui", "d,u", false },
    { K_OP, OP(0x17), "auipc", "d,u", false },
    { K_OP, OP(0x6f), "jal", "d,a", false },
    { K_F3, OP(0x67), "jalr", "d,i(s)", false },
    { K_F3, OP(0x63) | FN3(0), "beq", "s,t,b", false },
    { K_F3, OP(0x63) | FN3(1), "bne", "s,t,b", false },
    { K_F3, OP(0x63) | FN3(4), "blt", "s,t,b", false },
    { K_F3, OP(0x63) | FN3(5), "bge", "s,t,b", false },
    { K_F3, OP(0x63) | FN3(6), "bltu", "s,t,b", false },
    { K_F3, OP(0x63) | FN3(7), "bgeu", "s,t,b", false },
    { K_F3, OP(0x03) | FN3(0), "lb", "d,i(s)", false },
    { K_F3, OP(0x03) | FN3(1), "lh", "d,i(s)", false },
    { K_F3, OP(0x03) | FN3(2), "lw", "d,i(s)", false },
    { K_F3, OP(0x03) | FN3(3), "ld", "d,i(s)", false },
    { K_F3, OP(0x03) | FN3(4), "lbu", "d,i(s)", false },
    { K_F3, OP(0x03) | FN3(5), "lhu", "d,i(s)", false },
    { K_F3, OP(0x03) | FN3(6), "lwu", "d,i(s)", false },
    { K_F3, OP(0x23) | FN3(0), "sb", "t,q(s)", false },
    { K_F3, OP(0x23) | FN3(1), "sh", "t,q(s)", false },
    { K_F3, OP(0x23) | FN3(2), "sw", "t,q(s)", false },
    { K_F3, OP(0x23) | FN3(3), "sd", "t,q(s)", false },
    { K_F3, OP(0x13) | FN3(0), "addi", "d,s,i", false },
    { K_F3, OP(0x13) | FN3(2), "slti", "d,s,i", false },
    { K_F3, OP(0x13) | FN3(3), "sltiu", "d,s,i", false },
    { K_F3, OP(0x13) | FN3(4), "xori", "d,s,i", false },
    { K_F3, OP(0x13) | FN3(6), "ori", "d,s,i", false },
    { K_F3, OP(0x13) | FN3(7), "andi", "d,s,i", false },
    { K_F6, OP(0x13) | FN3(1) | FN6(0x00), "slli", "d,s,>", false },
    { K_F6, OP(0x13) | FN3(5) | FN6(0x00), "srli", "d,s,>", false },
    { K_F6, OP(0x13) | FN3(5) | FN6(0x10), "srai", "d,s,>", false },
    { K_F7, OP(0x33) | FN3(0) | FN7(0x00), "add", "d,s,t", false },
    { K_F7, OP(0x33) | FN3(0) | FN7(0x20), "sub", "d,s,t", false },
    { K_F7, OP(0x33) | FN3(1) | FN7(0x00), "sll", "d,s,t", false },
    { K_F7, OP(0x33) | FN3(2) | FN7(0x00), "slt", "d,s,t", false },
    { K_F7, OP(0x33) | FN3(3) | FN7(0x00), "sltu", "d,s,t", false },
    { K_F7, OP(0x33) | FN3(4) | FN7(0x00), "xor", "d,s,t", false },
    { K_F7, OP(0x33) | FN3(5) | FN7(0x00), "srl", "d,s,t", false },
    { K_F7, OP(0x33) | FN3(5) | FN7(0x20), "sra", "d,s,t", false },
    { K_F7, OP(0x33) | FN3(6) | FN7(0x00), "or", "d,s,t", false },
    { K_F7, OP(0x33) | FN3(7) | FN7(0x00), "and", "d,s,t", false },
    { K_F3, OP(0x1b) | FN3(0), "addiw", "d,s,i", false },
    { K_F7, OP(0x1b) | FN3(1) | FN7(0x00), "slliw", "d,s,<", false },
    { K_F7, OP(0x1b) | FN3(5) | FN7(0x00), "srliw", "d,s,<", false },
    { K_F7, OP(0x1b) | FN3(5) | FN7(0x20), "sraiw", "d,s,<", false },
    { K_F7, OP(0x3b) | FN3(0) | FN7(0x00), "addw", "d,s,t", false },
    { K_F7, OP(0x3b) | FN3(0) | FN7(0x20), "subw", "d,s,t", false },
    { K_F7, OP(0x3b) | FN3(1) | FN7(0x00), "sllw", "d,s,t", false },
    { K_F7, OP(0x3b) | FN3(5) | FN7(0x00), "srlw", "d,s,t", false },
    { K_F7, OP(0x3b) | FN3(5) | FN7(0x20), "sraw", "d,s,t", false },
    /* FENCE: fm and the register fields must be zero except for TSO. */
    { K_ALL, 0x8330000fu, "fence.tso", "", false },
    { 0xf00fffffu, OP(0x0f), "fence", "P,Q", false },
    { K_ALL, OP(0x0f) | FN3(1), "fence.i", "", false },
    /* SYSTEM */
    { K_ALL, OP(0x73), "ecall", "", false },
    { K_ALL, OP(0x73) | FN12(1), "ebreak", "", false },
    { K_ALL, OP(0x73) | FN12(0x102), "sret", "", false },
    { K_ALL, OP(0x73) | FN12(0x302), "mret", "", false },
    { K_ALL, OP(0x73) | FN12(0x105), "wfi", "", false },
    { K_F7 | K_RD, OP(0x73) | FN7(0x09), "sfence.vma", "s,t", false },
    /* Zicsr */
    { K_F3, OP(0x73) | FN3(1), "csrrw", "d,c,s", false },
    { K_F3, OP(0x73) | FN3(2), "csrrs", "d,c,s", false },
    { K_F3, OP(0x73) | FN3(3), "csrrc", "d,c,s", false },
    { K_F3, OP(0x73) | FN3(5), "csrrwi", "d,c,z", false },
    { K_F3, OP(0x73) | FN3(6), "csrrsi", "d,c,z", false },
    { K_F3, OP(0x73) | FN3(7), "csrrci", "d,c,z", false },
    /* RV64M */
    { K_F7, OP(0x33) | FN3(0) | FN7(1), "mul", "d,s,t", false },
    { K_F7, OP(0x33) | FN3(1) | FN7(1), "mulh", "d,s,t", false },
    { K_F7, OP(0x33) | FN3(2) | FN7(1), "mulhsu", "d,s,t", false },
    { K_F7, OP(0x33) | FN3(3) | FN7(1), "mulhu", "d,s,t", false },
    { K_F7, OP(0x33) | FN3(4) | FN7(1), "div", "d,s,t", false },
    { K_F7, OP(0x33) | FN3(5) | FN7(1), "divu", "d,s,t", false },
    { K_F7, OP(0x33) | FN3(6) | FN7(1), "rem", "d,s,t", false },
    { K_F7, OP(0x33) | FN3(7) | FN7(1), "remu", "d,s,t", false },
    { K_F7, OP(0x3b) | FN3(0) | FN7(1), "mulw", "d,s,t", false },
    { K_F7, OP(0x3b) | FN3(4) | FN7(1), "divw", "d,s,t", false },
    { K_F7, OP(0x3b) | FN3(5) | FN7(1), "divuw", "d,s,t", false },
    { K_F7, OP(0x3b) | FN3(6) | FN7(1), "remw", "d,s,t", false },
    { K_F7, OP(0x3b) | FN3(7) | FN7(1), "remuw", "d,s,t", false },
    /* RV64A */
    { K_AMO | K_RS2, OP(0x2f) | FN3(2) | FN5(0x02), "lr.w", "d,(s)", true },
    { K_AMO | K_RS2, OP(0x2f) | FN3(3) | FN5(0x02), "lr.d", "d,(s)", true },
    AMO_WD(0x03, "sc"),
    AMO_WD(0x01, "amoswap"),
    AMO_WD(0x00, "amoadd"),
    AMO_WD(0x04, "amoxor"),
    AMO_WD(0x0c, "amoand"),
    AMO_WD(0x08, "amoor"),
    AMO_WD(0x10, "amomin"),
    AMO_WD(0x14, "amomax"),
    AMO_WD(0x18, "amominu"),
    AMO_WD(0x1c, "amomaxu"),
    /* Zba */
    { K_F7, OP(0x33) | FN3(2) | FN7(0x10), "sh1add", "d,s,t", false },
    { K_F7, OP(0x33) | FN3(4) | FN7(0x10), "sh2add", "d,s,t", false },
    { K_F7, OP(0x33) | FN3(6) | FN7(0x10), "sh3add", "d,s,t", false },
    { K_F7, OP(0x3b) | FN3(0) | FN7(0x04), "add.uw", "d,s,t", false },
    { K_F7, OP(0x3b) | FN3(2) | FN7(0x10), "sh1add.uw", "d,s,t", false },
    { K_F7, OP(0x3b) | FN3(4) | FN7(0x10), "sh2add.uw", "d,s,t", false },
    { K_F7, OP(0x3b) | FN3(6) | FN7(0x10), "sh3add.uw", "d,s,t", false },
    { K_F6, OP(0x1b) | FN3(1) | FN6(0x02), "slli.uw", "d,s,>", false },
    /* Zbb */
    { K_F7, OP(0x33) | FN3(7) | FN7(0x20), "andn", "d,s,t", false },
    { K_F7, OP(0x33) | FN3(6) | FN7(0x20), "orn", "d,s,t", false },
    { K_F7, OP(0x33) | FN3(4) | FN7(0x20), "xnor", "d,s,t", false },
    { K_F12, OP(0x13) | FN3(1) | FN12(0x600), "clz", "d,s", false },
    { K_F12, OP(0x13) | FN3(1) | FN12(0x601), "ctz", "d,s", false },
    { K_F12, OP(0x13) | FN3(1) | FN12(0x602), "cpop", "d,s", false },
    { K_F12, OP(0x13) | FN3(1) | FN12(0x604), "sext.b", "d,s", false },
    { K_F12, OP(0x13) | FN3(1) | FN12(0x605), "sext.h", "d,s", false },
    { K_F12, OP(0x1b) | FN3(1) | FN12(0x600), "clzw", "d,s", false },
    { K_F12, OP(0x1b) | FN3(1) | FN12(0x601), "ctzw", "d,s", false },
    { K_F12, OP(0x1b) | FN3(1) | FN12(0x602), "cpopw", "d,s", false },
    { K_F7, OP(0x33) | FN3(6) | FN7(0x05), "max", "d,s,t", false },
    { K_F7, OP(0x33) | FN3(7) | FN7(0x05), "maxu", "d,s,t", false },
    { K_F7, OP(0x33) | FN3(4) | FN7(0x05), "min", "d,s,t", false },
    { K_F7, OP(0x33) | FN3(5) | FN7(0x05), "minu", "d,s,t", false },
    { K_F7 | K_RS2, OP(0x3b) | FN3(4) | FN7(0x04), "zext.h", "d,s", false },
    { K_F7, OP(0x33) | FN3(1) | FN7(0x30), "rol", "d,s,t", false },
    { K_F7, OP(0x33) | FN3(5) | FN7(0x30), "ror", "d,s,t", false },
    { K_F7, OP(0x3b) | FN3(1) | FN7(0x30), "rolw", "d,s,t", false },
    { K_F7, OP(0x3b) | FN3(5) | FN7(0x30), "rorw", "d,s,t", false },
    { K_F12, OP(0x13) | FN3(5) | FN12(0x287), "orc.b", "d,s", false },
    { K_F12, OP(0x13) | FN3(5) | FN12(0x6b8), "rev8", "d,s", false },
    { K_F6, OP(0x13) | FN3(5) | FN6(0x18), "rori", "d,s,>", false },
    { K_F7, OP(0x1b) | FN3(5) | FN7(0x30), "roriw", "d,s,<", false },
    /* Zbs */
    { K_F7, OP(0x33) | FN3(1) | FN7(0x24), "bclr", "d,s,t", false },
    { K_F7, OP(0x33) | FN3(5) | FN7(0x24), "bext", "d,s,t", false },
    { K_F7, OP(0x33) | FN3(1) | FN7(0x34), "binv", "d,s,t", false },
    { K_F7, OP(0x33) | FN3(1) | FN7(0x14), "bset", "d,s,t", false },
    { K_F6, OP(0x13) | FN3(1) | FN6(0x12), "bclri", "d,s,>", false },
    { K_F6, OP(0x13) | FN3(5) | FN6(0x12), "bexti", "d,s,>", false },
    { K_F6, OP(0x13) | FN3(1) | FN6(0x1a), "binvi", "d,s,>", false },
    { K_F6, OP(0x13) | FN3(1) | FN6(0x0a), "bseti", "d,s,>", false },
    /* RV64F / RV64D */
    { K_F3, OP(0x07) | FN3(2), "flw", "D,i(s)", false },
    { K_F3, OP(0x07) | FN3(3), "fld", "D,i(s)", false },
    { K_F3, OP(0x27) | FN3(2), "fsw", "T,q(s)", false },
    { K_F3, OP(0x27) | FN3(3), "fsd", "T,q(s)", false },
    FP_OPS("s", FP_S),
    FP_OPS("d", FP_D),
    { K_FP | K_RS2, OP(0x53) | FN5(0x1a) | FMT(FP_S) | RS2(0), "fcvt.s.w",
      "D,sm", false },
    { K_FP | K_RS2, OP(0x53) | FN5(0x1a) | FMT(FP_S) | RS2(1), "fcvt.s.wu",
      "D,sm", false },
    /* Exact conversions: objdump shows their rm only when it is not 0. */
    { K_FP | K_RS2, OP(0x53) | FN5(0x1a) | FMT(FP_D) | RS2(0), "fcvt.d.w",
      "D,sn", false },
    { K_FP | K_RS2, OP(0x53) | FN5(0x1a) | FMT(FP_D) | RS2(1), "fcvt.d.wu",
      "D,sn", false },
    { K_FP | K_RS2, OP(0x53) | FN5(0x08) | FMT(FP_S) | RS2(1), "fcvt.s.d",
      "D,Sm", false },
    { K_FP | K_RS2, OP(0x53) | FN5(0x08) | FMT(FP_D) | RS2(0), "fcvt.d.s",
      "D,Sn", false },
    { K_FP3 | K_RS2, OP(0x53) | FN5(0x1c) | FMT(FP_S), "fmv.x.w", "d,S",
      false },
    { K_FP3 | K_RS2, OP(0x53) | FN5(0x1e) | FMT(FP_S), "fmv.w.x", "D,s",
      false },
    { K_FP3 | K_RS2, OP(0x53) | FN5(0x1c) | FMT(FP_D), "fmv.x.d", "d,S",
      false },
    { K_FP3 | K_RS2, OP(0x53) | FN5(0x1e) | FMT(FP_D), "fmv.d.x", "D,s",
      false },
};

/* A bounded string builder: output past the end is dropped. */
typedef struct RVOut {
    char *buf;
    size_t size, len;
} RVOut;

static void __attribute__((format(printf, 2, 3)))
out_printf(RVOut *o, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (o->len + 1 >= o->size) {
        return;
    }
    va_start(ap, fmt);
    n = vsnprintf(o->buf + o->len, o->size - o->len, fmt, ap);
    va_end(ap);
    if (n > 0) {
        o->len += (size_t)n;
        if (o->len >= o->size) {
            o->len = o->size - 1;
        }
    }
}

static int64_t sext(uint64_t v, unsigned bits)
{
    return (int64_t)(v << (64 - bits)) >> (64 - bits);
}

static uint32_t field(uint32_t insn, unsigned hi, unsigned lo)
{
    return (insn >> lo) & ((1u << (hi - lo + 1)) - 1);
}

static void out_csr(RVOut *o, unsigned csr)
{
    for (size_t i = 0; i < sizeof(csr_names) / sizeof(csr_names[0]); i++) {
        if (csr_names[i].num == csr) {
            out_printf(o, "%s", csr_names[i].name);
            return;
        }
    }
    out_printf(o, "0x%x", csr);
}

static void out_fence_set(RVOut *o, unsigned set)
{
    static const char bits_name[] = "iorw";

    if (!set) {
        out_printf(o, "0");
        return;
    }
    for (int i = 0; i < 4; i++) {
        if (set & (8u >> i)) {
            out_printf(o, "%c", bits_name[i]);
        }
    }
}

/* Whether the row's rounding-mode field holds a valid mode. */
static bool rm_valid(const RVDisasRow *row, uint32_t insn)
{
    if (!strchr(row->args, 'm') && !strchr(row->args, 'n')) {
        return true;
    }
    return rm_name[field(insn, 14, 12)] != NULL;
}

static void disas32(uint64_t pc, uint32_t insn, RVOut *o)
{
    const RVDisasRow *row = NULL;

    for (size_t i = 0; i < sizeof(rv_rows) / sizeof(rv_rows[0]); i++) {
        if ((insn & rv_rows[i].mask) == rv_rows[i].match &&
            rm_valid(&rv_rows[i], insn)) {
            row = &rv_rows[i];
            break;
        }
    }
    if (!row) {
        out_printf(o, ".word\t0x%08" PRIx32, insn);
        return;
    }
    out_printf(o, "%s", row->name);
    if (row->amo) {
        static const char *const order[4] = { "", ".rl", ".aq", ".aqrl" };

        out_printf(o, "%s", order[field(insn, 26, 25)]);
    }
    if (*row->args) {
        out_printf(o, "\t");
    }
    for (const char *p = row->args; *p; p++) {
        unsigned rd = field(insn, 11, 7), rs1 = field(insn, 19, 15);
        unsigned rs2 = field(insn, 24, 20), rm = field(insn, 14, 12);

        switch (*p) {
        case 'd': out_printf(o, "%s", gpr_name[rd]); break;
        case 's': out_printf(o, "%s", gpr_name[rs1]); break;
        case 't': out_printf(o, "%s", gpr_name[rs2]); break;
        case 'D': out_printf(o, "%s", fpr_name[rd]); break;
        case 'S': out_printf(o, "%s", fpr_name[rs1]); break;
        case 'T': out_printf(o, "%s", fpr_name[rs2]); break;
        case 'R': out_printf(o, "%s", fpr_name[field(insn, 31, 27)]); break;
        case 'i':
            out_printf(o, "%" PRId64, sext(insn >> 20, 12));
            break;
        case 'q':
            out_printf(o, "%" PRId64,
                       sext(field(insn, 31, 25) << 5 | rd, 12));
            break;
        case 'b':
            out_printf(o, "0x%" PRIx64, pc + (uint64_t)sext(
                           field(insn, 31, 31) << 12 | field(insn, 7, 7) << 11 |
                           field(insn, 30, 25) << 5 | field(insn, 11, 8) << 1,
                           13));
            break;
        case 'a':
            out_printf(o, "0x%" PRIx64, pc + (uint64_t)sext(
                           field(insn, 31, 31) << 20 |
                           field(insn, 19, 12) << 12 |
                           field(insn, 20, 20) << 11 |
                           field(insn, 30, 21) << 1, 21));
            break;
        case 'u': out_printf(o, "0x%x", insn >> 12); break;
        case '>': out_printf(o, "0x%x", field(insn, 25, 20)); break;
        case '<': out_printf(o, "0x%x", rs2); break;
        case 'c': out_csr(o, insn >> 20); break;
        case 'z': out_printf(o, "%u", rs1); break;
        case 'm':
            if (rm != 7) {
                out_printf(o, ",%s", rm_name[rm]);
            }
            break;
        case 'n':
            if (rm != 0) {
                out_printf(o, ",%s", rm_name[rm]);
            }
            break;
        case 'P': out_fence_set(o, field(insn, 27, 24)); break;
        case 'Q': out_fence_set(o, field(insn, 23, 20)); break;
        default: out_printf(o, "%c", *p); break;
        }
    }
}

/* ---- compressed ---- */

/* The 3-bit register fields name x8..x15 / f8..f15. */
static unsigned creg(uint16_t insn, unsigned lo)
{
    return 8 + field(insn, lo + 2, lo);
}

/* CI-form 6-bit immediate: imm[5] at bit 12, imm[4:0] at bits 6:2. */
static uint32_t ci_imm6(uint16_t insn)
{
    return field(insn, 12, 12) << 5 | field(insn, 6, 2);
}

static uint64_t cj_target(uint64_t pc, uint16_t insn)
{
    uint32_t off = field(insn, 12, 12) << 11 | field(insn, 11, 11) << 4 |
                   field(insn, 10, 9) << 8 | field(insn, 8, 8) << 10 |
                   field(insn, 7, 7) << 6 | field(insn, 6, 6) << 7 |
                   field(insn, 5, 3) << 1 | field(insn, 2, 2) << 5;

    return pc + (uint64_t)sext(off, 12);
}

static uint64_t cb_target(uint64_t pc, uint16_t insn)
{
    uint32_t off = field(insn, 12, 12) << 8 | field(insn, 11, 10) << 3 |
                   field(insn, 6, 5) << 6 | field(insn, 4, 3) << 1 |
                   field(insn, 2, 2) << 5;

    return pc + (uint64_t)sext(off, 9);
}

/* uimm of C.LD/C.SD/C.FLD/C.FSD and of C.LW/C.SW. */
static uint32_t cl_d_off(uint16_t insn)
{
    return field(insn, 12, 10) << 3 | field(insn, 6, 5) << 6;
}

static uint32_t cl_w_off(uint16_t insn)
{
    return field(insn, 12, 10) << 3 | field(insn, 6, 6) << 2 |
           field(insn, 5, 5) << 6;
}

/* Returns false for an encoding RV64C reserves or leaves undefined. */
static bool disas16(uint64_t pc, uint16_t insn, RVOut *o)
{
    unsigned f3 = field(insn, 15, 13);
    unsigned rd = field(insn, 11, 7), rs2 = field(insn, 6, 2);
    unsigned rdp = creg(insn, 2), rs1p = creg(insn, 7);

    switch ((insn & 3) << 3 | f3) {
    case 000: {     /* quadrant 0 */
        uint32_t imm = field(insn, 12, 11) << 4 | field(insn, 10, 7) << 6 |
                       field(insn, 6, 6) << 2 | field(insn, 5, 5) << 3;

        if (!imm) {
            return false;
        }
        out_printf(o, "c.addi4spn\t%s,sp,%u", gpr_name[rdp], imm);
        return true;
    }
    case 001:
        out_printf(o, "c.fld\t%s,%u(%s)", fpr_name[rdp], cl_d_off(insn),
                   gpr_name[rs1p]);
        return true;
    case 002:
        out_printf(o, "c.lw\t%s,%u(%s)", gpr_name[rdp], cl_w_off(insn),
                   gpr_name[rs1p]);
        return true;
    case 003:
        out_printf(o, "c.ld\t%s,%u(%s)", gpr_name[rdp], cl_d_off(insn),
                   gpr_name[rs1p]);
        return true;
    case 005:
        out_printf(o, "c.fsd\t%s,%u(%s)", fpr_name[rdp], cl_d_off(insn),
                   gpr_name[rs1p]);
        return true;
    case 006:
        out_printf(o, "c.sw\t%s,%u(%s)", gpr_name[rdp], cl_w_off(insn),
                   gpr_name[rs1p]);
        return true;
    case 007:
        out_printf(o, "c.sd\t%s,%u(%s)", gpr_name[rdp], cl_d_off(insn),
                   gpr_name[rs1p]);
        return true;
    case 010:       /* quadrant 1; objdump shows C.NOP as c.addi zero,0 */
        out_printf(o, "c.addi\t%s,%" PRId64, gpr_name[rd],
                   sext(ci_imm6(insn), 6));
        return true;
    case 011:
        if (!rd) {
            return false;
        }
        out_printf(o, "c.addiw\t%s,%" PRId64, gpr_name[rd],
                   sext(ci_imm6(insn), 6));
        return true;
    case 012:
        out_printf(o, "c.li\t%s,%" PRId64, gpr_name[rd],
                   sext(ci_imm6(insn), 6));
        return true;
    case 013:
        if (rd == 2) {
            uint32_t imm = field(insn, 12, 12) << 9 | field(insn, 6, 6) << 4 |
                           field(insn, 5, 5) << 6 | field(insn, 4, 3) << 7 |
                           field(insn, 2, 2) << 5;

            if (!imm) {
                return false;
            }
            out_printf(o, "c.addi16sp\tsp,%" PRId64, sext(imm, 10));
            return true;
        }
        if (!ci_imm6(insn)) {
            return false;
        }
        out_printf(o, "c.lui\t%s,0x%" PRIx64, gpr_name[rd],
                   (uint64_t)sext(ci_imm6(insn), 6) & 0xfffff);
        return true;
    case 014: {
        unsigned op = field(insn, 11, 10);
        static const char *const arith[8] = {
            "c.sub", "c.xor", "c.or", "c.and", "c.subw", "c.addw", NULL, NULL,
        };

        if (op == 0 || op == 1) {
            out_printf(o, "%s\t%s,0x%x", op ? "c.srai" : "c.srli",
                       gpr_name[rs1p], ci_imm6(insn));
            return true;
        }
        if (op == 2) {
            out_printf(o, "c.andi\t%s,%" PRId64, gpr_name[rs1p],
                       sext(ci_imm6(insn), 6));
            return true;
        }
        op = field(insn, 12, 12) << 2 | field(insn, 6, 5);
        if (!arith[op]) {
            return false;
        }
        out_printf(o, "%s\t%s,%s", arith[op], gpr_name[rs1p],
                   gpr_name[rdp]);
        return true;
    }
    case 015:
        out_printf(o, "c.j\t0x%" PRIx64, cj_target(pc, insn));
        return true;
    case 016:
    case 017:
        out_printf(o, "%s\t%s,0x%" PRIx64, f3 == 6 ? "c.beqz" : "c.bnez",
                   gpr_name[rs1p], cb_target(pc, insn));
        return true;
    case 020:       /* quadrant 2 */
        out_printf(o, "c.slli\t%s,0x%x", gpr_name[rd], ci_imm6(insn));
        return true;
    case 021:
        out_printf(o, "c.fldsp\t%s,%u(sp)", fpr_name[rd],
                   field(insn, 12, 12) << 5 | field(insn, 6, 5) << 3 |
                   field(insn, 4, 2) << 6);
        return true;
    case 022:
    case 023:
        if (!rd) {
            return false;
        }
        if (f3 == 2) {
            out_printf(o, "c.lwsp\t%s,%u(sp)", gpr_name[rd],
                       field(insn, 12, 12) << 5 | field(insn, 6, 4) << 2 |
                       field(insn, 3, 2) << 6);
        } else {
            out_printf(o, "c.ldsp\t%s,%u(sp)", gpr_name[rd],
                       field(insn, 12, 12) << 5 | field(insn, 6, 5) << 3 |
                       field(insn, 4, 2) << 6);
        }
        return true;
    case 024:
        if (!field(insn, 12, 12)) {
            if (rs2) {
                out_printf(o, "c.mv\t%s,%s", gpr_name[rd], gpr_name[rs2]);
                return true;
            }
            if (!rd) {
                return false;
            }
            out_printf(o, "c.jr\t%s", gpr_name[rd]);
            return true;
        }
        if (rs2) {
            out_printf(o, "c.add\t%s,%s", gpr_name[rd], gpr_name[rs2]);
        } else if (rd) {
            out_printf(o, "c.jalr\t%s", gpr_name[rd]);
        } else {
            out_printf(o, "c.ebreak");
        }
        return true;
    case 025:
        out_printf(o, "c.fsdsp\t%s,%u(sp)", fpr_name[rs2],
                   field(insn, 12, 10) << 3 | field(insn, 9, 7) << 6);
        return true;
    case 026:
        out_printf(o, "c.swsp\t%s,%u(sp)", gpr_name[rs2],
                   field(insn, 12, 9) << 2 | field(insn, 8, 7) << 6);
        return true;
    case 027:
        out_printf(o, "c.sdsp\t%s,%u(sp)", gpr_name[rs2],
                   field(insn, 12, 10) << 3 | field(insn, 9, 7) << 6);
        return true;
    default:
        return false;
    }
}

size_t riscv_disas_insn(uint64_t pc, const uint8_t *bytes, size_t avail,
                        char *buf, size_t size)
{
    RVOut o = { .buf = buf, .size = size, .len = 0 };
    uint16_t lo;

    if (size) {
        buf[0] = '\0';
    }
    if (avail < 2) {
        out_printf(&o, "(%zu byte%s: no instruction)", avail,
                   avail == 1 ? "" : "s");
        return 0;
    }
    lo = (uint16_t)(bytes[0] | bytes[1] << 8);
    if ((lo & 3) != 3) {
        if (!disas16(pc, lo, &o)) {
            o.len = 0;
            if (size) {
                buf[0] = '\0';
            }
            out_printf(&o, ".short\t0x%04x", lo);
        }
        return 2;
    }
    if (avail < 4) {
        out_printf(&o, "(32-bit instruction cut short: 0x%04x)", lo);
        return 0;
    }
    disas32(pc, (uint32_t)lo | (uint32_t)(bytes[2] | bytes[3] << 8) << 16,
            &o);
    return 4;
}
