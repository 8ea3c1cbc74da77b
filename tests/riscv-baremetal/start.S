/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Entry, trap entry points and the run_at() harness of the bare-metal
 * tests. Every hart enters at _start in M mode with a0 = hartid.
 */
#define STACK_BLOCK 32768
#define MAX_HARTS 4
#define FRAME 256
#include "magic.h"

    .section .text.init, "ax"
    .globl _start
_start:
    csrw mie, zero
    la t0, m_trap_entry
    csrw mtvec, t0
    /* One PMP entry over everything, or S and U may touch nothing. */
    li t0, -1
    srli t0, t0, 10
    csrw pmpaddr0, t0
    li t0, 0x1f            /* NAPOT, R W X */
    csrw pmpcfg0, t0
    li t0, MAX_HARTS
    bgeu a0, t0, park_forever
    /* Per hart: main stack top at +16K, M trap stack at +24K, S at +32K. */
    la t0, __stacks_start
    li t1, STACK_BLOCK
    mul t1, t1, a0
    add t0, t0, t1
    li t1, 16384
    add sp, t0, t1
    li t1, 24576
    add t2, t0, t1
    csrw mscratch, t2
    li t1, 32768
    add t2, t0, t1
    csrw sscratch, t2
    mv s0, a0
    bnez a0, secondary_park
    /* Hart 0 clears .bss and runs the test. */
    la t0, __bss_start
    la t1, __bss_end
1:  bgeu t0, t1, 2f
    sd zero, 0(t0)
    addi t0, t0, 8
    j 1b
2:  la t0, s_trap_entry
    csrw stvec, t0
    call main
    call finish

    /* Other harts sleep until an MSIP and secondary_entry say otherwise. */
secondary_park:
    la t0, s_trap_entry
    csrw stvec, t0
    li t0, 8               /* mie.MSIE: WFI wakes on MSIP; MIE stays 0 */
    csrw mie, t0
3:  wfi
    la t0, secondary_entry
    ld t1, 0(t0)
    beqz t1, 3b
    fence rw, rw
    mv a0, s0
    jalr t1
    j 3b

park_forever:
    wfi
    j park_forever

/* Save x1..x31 (sp is the interrupted one, from the scratch CSR). */
.macro SAVE_REGS scratch
    csrrw sp, \scratch, sp
    addi sp, sp, -FRAME
    sd x1, 1*8(sp)
    sd x3, 3*8(sp)
    sd x4, 4*8(sp)
    sd x5, 5*8(sp)
    sd x6, 6*8(sp)
    sd x7, 7*8(sp)
    sd x8, 8*8(sp)
    sd x9, 9*8(sp)
    sd x10, 10*8(sp)
    sd x11, 11*8(sp)
    sd x12, 12*8(sp)
    sd x13, 13*8(sp)
    sd x14, 14*8(sp)
    sd x15, 15*8(sp)
    sd x16, 16*8(sp)
    sd x17, 17*8(sp)
    sd x18, 18*8(sp)
    sd x19, 19*8(sp)
    sd x20, 20*8(sp)
    sd x21, 21*8(sp)
    sd x22, 22*8(sp)
    sd x23, 23*8(sp)
    sd x24, 24*8(sp)
    sd x25, 25*8(sp)
    sd x26, 26*8(sp)
    sd x27, 27*8(sp)
    sd x28, 28*8(sp)
    sd x29, 29*8(sp)
    sd x30, 30*8(sp)
    sd x31, 31*8(sp)
    csrr t0, \scratch
    sd t0, 2*8(sp)
    addi t0, sp, FRAME
    csrw \scratch, t0
.endm

/* Restore x1..x31 from the frame at sp (sp last). */
.macro RESTORE_REGS
    ld x1, 1*8(sp)
    ld x3, 3*8(sp)
    ld x4, 4*8(sp)
    ld x5, 5*8(sp)
    ld x6, 6*8(sp)
    ld x7, 7*8(sp)
    ld x8, 8*8(sp)
    ld x9, 9*8(sp)
    ld x10, 10*8(sp)
    ld x11, 11*8(sp)
    ld x12, 12*8(sp)
    ld x13, 13*8(sp)
    ld x14, 14*8(sp)
    ld x15, 15*8(sp)
    ld x16, 16*8(sp)
    ld x17, 17*8(sp)
    ld x18, 18*8(sp)
    ld x19, 19*8(sp)
    ld x20, 20*8(sp)
    ld x21, 21*8(sp)
    ld x22, 22*8(sp)
    ld x23, 23*8(sp)
    ld x24, 24*8(sp)
    ld x25, 25*8(sp)
    ld x26, 26*8(sp)
    ld x27, 27*8(sp)
    ld x28, 28*8(sp)
    ld x29, 29*8(sp)
    ld x30, 30*8(sp)
    ld x31, 31*8(sp)
    ld x2, 2*8(sp)
.endm

    .text
    .balign 4
    .globl m_trap_entry
m_trap_entry:
    SAVE_REGS mscratch
    mv a0, sp
    call m_trap_c
    bnez a0, end_run
    RESTORE_REGS
    mret

    .balign 4
    .globl s_trap_entry
s_trap_entry:
    SAVE_REGS sscratch
    mv a0, sp
    call s_trap_c
    bnez a0, 1f
    RESTORE_REGS
    sret
    /* Ending the run from S: hand over to M, which ends it. */
1:  li a7, MAGIC_S_END_ASM
    ecall
2:  j 2b

/*
 * End the current run_at(): back to its caller in M mode with a0 =
 * run_result (set by m_trap_c). The trap stack was already given back to
 * mscratch by SAVE_REGS.
 */
end_run:
    la t0, run_ctx
    ld ra, 0(t0)
    ld sp, 8(t0)
    ld s0, 16(t0)
    ld s1, 24(t0)
    ld s2, 32(t0)
    ld s3, 40(t0)
    ld s4, 48(t0)
    ld s5, 56(t0)
    ld s6, 64(t0)
    ld s7, 72(t0)
    ld s8, 80(t0)
    ld s9, 88(t0)
    ld s10, 96(t0)
    ld s11, 104(t0)
    ld t1, 112(t0)         /* sscratch as it was when the run started */
    csrw sscratch, t1
    la t0, run_result
    ld a0, 0(t0)
    ret

/* uint64_t run_at_ret(int prv, uint64_t fn, uint64_t arg, uint64_t ret_pc) */
    .globl run_at_ret
run_at_ret:
    la t0, run_ctx
    sd ra, 0(t0)
    sd sp, 8(t0)
    sd s0, 16(t0)
    sd s1, 24(t0)
    sd s2, 32(t0)
    sd s3, 40(t0)
    sd s4, 48(t0)
    sd s5, 56(t0)
    sd s6, 64(t0)
    sd s7, 72(t0)
    sd s8, 80(t0)
    sd s9, 88(t0)
    sd s10, 96(t0)
    sd s11, 104(t0)
    csrr t1, sscratch
    sd t1, 112(t0)
    li t1, 3 << 11
    csrc mstatus, t1
    andi a0, a0, 3
    slli a0, a0, 11
    csrs mstatus, a0
    csrw mepc, a1
    mv a0, a2
    mv ra, a3
    li a7, 0
    bnez ra, 1f
    la ra, u_return
1:  mret

    .globl run_at
run_at:
    li a3, 0
    j run_at_ret

    .data
    .balign 8
run_ctx:
    .fill 16, 8, 0
    .globl run_result
run_result:
    .dword 0
    .globl secondary_entry
secondary_entry:
    .dword 0
