/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Canonical x86 architectural state. KVM copies it in and out
 * (cpu_state_put/get); TCG will work on it directly.
 */
#ifndef CPU_X86_CPU_STATE_H
#define CPU_X86_CPU_STATE_H

#include <stdbool.h>
#include <stdint.h>

enum { R_EAX, R_ECX, R_EDX, R_EBX, R_ESP, R_EBP, R_ESI, R_EDI,
       R_R8, R_R9, R_R10, R_R11, R_R12, R_R13, R_R14, R_R15 };
enum { R_ES, R_CS, R_SS, R_DS, R_FS, R_GS, X86_NR_SEGS };

typedef struct X86Segment {
    uint64_t base;
    uint32_t limit;     /* byte granular (already scaled by G) */
    uint16_t selector;
    uint8_t type;       /* descriptor type field (4 bits) */
    bool present, dpl_valid;
    uint8_t dpl;
    bool s;             /* code/data (1) or system (0) */
    bool db, l, g, avl;
    bool unusable;
} X86Segment;

typedef struct X86Table {
    uint64_t base;
    uint16_t limit;
} X86Table;

/* Where a vCPU starts: the BSP runs at once, APs wait for INIT/SIPI. */
typedef enum X86MpState {
    X86_MP_RUNNABLE,
    X86_MP_WAIT_SIPI,
} X86MpState;

/* An x87 register: 64-bit significand (explicit integer bit), sign and
 * 15-bit exponent, padded to 16 bytes like an x86-64 long double. */
typedef struct X86FPReg {
    uint64_t mant;
    uint16_t exp;                   /* bit 15: sign */
    uint16_t pad[3];
} X86FPReg;

/* A vector register (XMM in bytes 0..15, YMM in 0..31). */
typedef union X86Vec {
    uint8_t b[32];
    uint16_t w[16];
    uint32_t l[8];
    uint64_t q[4];
    int8_t sb[32];
    int16_t sw[16];
    int32_t sl[8];
    int64_t sq[4];
    float s[8];
    double d[4];
} __attribute__((aligned(32))) X86Vec;

struct CPUArchState {
    uint64_t regs[16];
    uint64_t rip;
    uint64_t rflags;
    X86Segment segs[X86_NR_SEGS];
    X86Segment tr, ldt;
    X86Table gdt, idt;
    uint64_t cr0, cr2, cr3, cr4, cr8;
    uint64_t efer;
    uint64_t apic_base;
    X86MpState mp_state;

    /*
     * ---- TCG only (KVM never reads these) ----
     * Lazy condition codes (docs/x86.md): while TCG runs, the arithmetic
     * flags CF PF AF ZF SF OF of rflags are not kept in rflags but as the
     * last flag-setting operation (cc_op, X86CCOp in cpu/x86/cc.h) and its
     * operands; x86_cpu_get_eflags() computes the architectural value.
     * DF is kept as df (+1 or -1, the string-op step sign).
     */
    uint32_t cc_op;
    uint64_t cc_dst, cc_src, cc_src2;
    int64_t df;
    uint64_t fs_base, gs_base;      /* user mode: set by arch_prctl */
    uint64_t error_code;            /* #GP/#PF error code of the last fault */
    uint64_t fault_addr;            /* #PF: the address (CR2 for user mode) */

    /*
     * x87 / MMX / SSE (docs/x86.md). fpregs are the physical registers
     * R0..R7 in the 80-bit extended format (the layout of an x86 host's
     * long double in memory); ST(i) is fpregs[(fpstt + i) & 7]. MMX
     * register MMi is fpregs[i].mant (MMX instructions set TOP = 0 and
     * tag every register valid, EMMS tags them all empty).
     * cpu/x86/fpu-state.c converts to and from the FXSAVE image.
     */
    X86FPReg fpregs[8];
    uint32_t fpstt;                 /* TOP, 0..7 */
    uint16_t fpus;                  /* status word; its TOP field is fpstt */
    uint16_t fpuc;                  /* control word */
    uint8_t fptags[8];              /* by physical register: 1 = empty */
    uint16_t fpop;                  /* last x87 opcode (11 bits) */
    uint64_t fpip, fpdp;            /* last x87 instruction/data pointer */
    uint32_t mxcsr;
    /* XMM0..15; bytes 16..31 are the upper YMM halves (AVX) */
    X86Vec xmm[16];
    uint64_t xcr0;                  /* XCR0 as XGETBV reads it */
};


typedef struct CPUArchState X86CPUState;

/* rflags bits */
enum {
    X86_EFLAGS_CF = 1u << 0, X86_EFLAGS_PF = 1u << 2, X86_EFLAGS_AF = 1u << 4,
    X86_EFLAGS_ZF = 1u << 6, X86_EFLAGS_SF = 1u << 7, X86_EFLAGS_TF = 1u << 8,
    X86_EFLAGS_IF = 1u << 9, X86_EFLAGS_DF = 1u << 10, X86_EFLAGS_OF = 1u << 11,
    X86_EFLAGS_AC = 1u << 18, X86_EFLAGS_ID = 1u << 21,
};
#define X86_EFLAGS_ARITH (X86_EFLAGS_CF | X86_EFLAGS_PF | X86_EFLAGS_AF | \
                          X86_EFLAGS_ZF | X86_EFLAGS_SF | X86_EFLAGS_OF)

/* Power-on state (real mode at F000:FFF0, as after RESET). */
void x86_cpu_state_reset(X86CPUState *s, bool is_bsp);
/*
 * 32-bit flat protected mode with paging off, as the PVH boot ABI and
 * the Linux 32-bit boot protocol want: CS 0x10 execute/read, DS..SS 0x18
 * read/write, TR 0x20, all base 0 limit 4 GiB.
 */
void x86_cpu_state_set_flat32(X86CPUState *s, uint64_t entry);

#endif
