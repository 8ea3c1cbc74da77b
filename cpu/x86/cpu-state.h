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
};

typedef struct CPUArchState X86CPUState;

/* Power-on state (real mode at F000:FFF0, as after RESET). */
void x86_cpu_state_reset(X86CPUState *s, bool is_bsp);
/*
 * 32-bit flat protected mode with paging off, as the PVH boot ABI and
 * the Linux 32-bit boot protocol want: CS 0x10 execute/read, DS..SS 0x18
 * read/write, TR 0x20, all base 0 limit 4 GiB.
 */
void x86_cpu_state_set_flat32(X86CPUState *s, uint64_t entry);

#endif
