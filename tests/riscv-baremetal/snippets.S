/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Small pieces of code the tests run at a given privilege with run_at():
 * each takes a0 and returns a0 through ra. The trapping instruction is
 * always the first one, so xepc can be compared with the symbol.
 */
#include "magic.h"

    .option norvc

/* ---- the U page: U mode may run these (and S and M, under Bare) ---- */
    .section .user.text, "ax"
    .globl u_return
u_return:               /* where every run_at() function returns to */
    li a7, MAGIC_RETURN_ASM
    ecall
1:  j 1b

    .globl u_ecall
u_ecall:
    ecall
    ret

    .globl u_ebreak
u_ebreak:
    ebreak
    ret

    .globl u_cebreak
u_cebreak:
    .option rvc
    c.ebreak
    .option norvc
    ret

    .globl u_illegal
u_illegal:
    .word 0x0000700b
    ret

    .globl u_read_mstatus
u_read_mstatus:
    csrr a0, mstatus
    ret

    .globl u_read_sstatus
u_read_sstatus:
    csrr a0, sstatus
    ret

    .globl u_wfi
u_wfi:
    wfi
    ret

    .globl u_load
u_load:
    ld a0, 0(a0)
    ret

    .globl u_store
u_store:
    sd a0, 0(a0)
    ret

    .globl u_amo_load
u_amo_load:
    amoadd.d a0, zero, (a0)
    ret

    .globl u_spin
u_spin:                 /* count a0 down to 0, return 0 */
    addi a0, a0, -1
    bnez a0, u_spin
    ret

    .globl u_ret42
u_ret42:
    li a0, 42
    ret

    .globl u_read_cycle
u_read_cycle:
    csrr a0, cycle
    ret

    .globl u_csrw_cycle
u_csrw_cycle:
    csrw cycle, zero
    ret

    .globl u_csrw_mhartid
u_csrw_mhartid:
    csrw mhartid, zero
    ret

    .globl u_csrs_mvendorid_x0
u_csrs_mvendorid_x0:
    csrrs a0, mvendorid, zero    /* no write: legal on a read-only CSR */
    ret

    /* JALR clears bit 0 of the target: an odd target is not misaligned. */
    .globl u_jalr_odd
u_jalr_odd:
    auipc t0, 0
    addi t0, t0, 16 + 1
    jalr zero, 0(t0)
    li a0, 1              /* skipped */
    li a0, 7              /* u_jalr_odd + 16 */
    ret

/* ---- S-mode pieces ---- */
    .text
    .globl s_sret_to
s_sret_to:              /* sret to a0 (SPP/SPIE set up by M beforehand) */
    csrw sepc, a0
    sret

    .globl s_sret
s_sret:
    sret
    ret

    .globl s_read_sstatus_return
s_read_sstatus_return:  /* an sret target: report sstatus to M */
    csrr a0, sstatus
    li a7, MAGIC_RETURN_ASM
    ecall
1:  j 1b

    .globl s_write_sie
s_write_sie:            /* write a0 to sie, return what sie reads */
    csrw sie, a0
    csrr a0, sie
    ret

    .globl s_write_sstatus_ecall
s_write_sstatus_ecall:  /* write a0 to sstatus, then trap to M */
    csrw sstatus, a0
    ecall
    ret

    .globl s_read_satp
s_read_satp:
    csrr a0, satp
    ret

    .globl s_sfence
s_sfence:
    sfence.vma
    ret

    .globl s_read_stimecmp
s_read_stimecmp:
    csrr a0, 0x14d
    ret

    .globl s_wfi
s_wfi:
    wfi
    li a0, 1
    ret

    .globl s_spin_until_irq
s_spin_until_irq:       /* SIE on, spin a0 times; an S interrupt ends the run */
    csrsi sstatus, 2
1:  addi a0, a0, -1
    bnez a0, 1b
    li a0, 0
    ret

/* M-mode loads with MPRV = 1 and MPP = S (resp. U); a0 = address. A
 * fault leaves MPRV set (the test clears it). */
    .globl m_mprv_load_s
m_mprv_load_s:
    li t0, 3 << 11
    csrc mstatus, t0
    li t0, 1 << 11
    j 1f
    .globl m_mprv_load_u
m_mprv_load_u:
    li t0, 3 << 11
    csrc mstatus, t0
    li t0, 0
1:  li t1, 1 << 17
    or t0, t0, t1
    csrs mstatus, t0
    ld a0, 0(a0)
    csrc mstatus, t1
    ret

/* ---- vectored mtvec: 16 entries, each notes its number then joins the
 * common entry (which reads mcause like in direct mode) ---- */
.macro VEC_STUB n
vec_stub_\n:
    csrrw sp, mscratch, sp
    sd t0, -8(sp)
    sd t1, -16(sp)
    li t0, 1000 + \n
    la t1, vector_hit
    sd t0, 0(t1)
    ld t0, -8(sp)
    ld t1, -16(sp)
    csrrw sp, mscratch, sp
    j m_trap_entry
.endm

    .balign 256
    .globl m_vector_table
m_vector_table:
    .irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
    j vec_stub_\n
    .endr
    .irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
    VEC_STUB \n
    .endr

    .data
    .balign 8
    .globl vector_hit
vector_hit:
    .dword 0
