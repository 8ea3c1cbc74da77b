/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The AP's first code, copied by the BSP to 0x8000 (SIPI vector 0x08). It
 * runs in real mode at 0800:0000: it stores its CPUID APIC ID at 0x9004
 * and the "started" flag at 0x9000, then halts for good.
 */
    .section .rodata
    .globl smp_trampoline_start, smp_trampoline_end
    .code16
smp_trampoline_start:
    cli
    xor %ax, %ax
    mov %ax, %ds
    mov $1, %eax
    cpuid
    shr $24, %ebx
    mov %ebx, 0x9004
    movl $0xa5a5a5a5, 0x9000
1:  hlt
    jmp 1b
smp_trampoline_end:
    .code32
    .section .note.GNU-stack, "", @progbits
