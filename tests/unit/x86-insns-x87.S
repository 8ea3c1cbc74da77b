/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * x87 snippets for test-x86-insns.c (conventions: x86-insns-snippets.S).
 * Each starts from FNINIT and a control word, takes its operands from
 * rdi/rsi through memory (as doubles, floats, integers, or rdi:si as an
 * 80-bit value), and ends with FNSTSW AX and FNSAVE (control, status,
 * the full tag word, FIP/FOP/FDP and all eight registers) into the
 * compared buffer; FNSAVE also leaves the host's x87 unit initialized.
 * Nothing is left to the host's earlier state: FNINIT does not clear
 * the registers, so X87_START zeroes them first.
 * Control words: 037f nearest/64-bit, 0c7f chop, 047f down, 087f up,
 * 027f 53-bit, 007f 24-bit precision; 0360 unmasks every exception but
 * precision, 0340 every one.
 */
#include "x86-insns.inc"

.macro X87_START cw=0x037f
    fninit
    /* the registers' stale contents show in FNSAVE: make them zero, as
     * the emulated CPU's are after reset */
    .rept 8
    fldz
    .endr
    fninit
    movw $\cw, -2(%rbx)
    fldcw -2(%rbx)
    movq %rdi, (%rbx)
    movq %rsi, 8(%rbx)
.endm

/* one instruction, its status word folded into rcx, flags cleared (so
 * that an unmasked exception does not stop the next step) */
.macro STEP insn:vararg
    \insn
    fnstsw %ax
    shlq $5, %rcx
    xorq %rax, %rcx
    fnclex
.endm

.macro X87_END
    fnstsw %ax
    fnsave 128(%rbx)
    ud2
.endm

    .text

/* ---- arithmetic, every form, every rounding and precision control ---- */
.macro X87_ARITH op, cw
SNIP x87_\op\()_\cw, 0, K_BIN, 64
    X87_START \cw
    fldl (%rbx)
    fldl 8(%rbx)
    STEP f\op %st(1), %st
    STEP f\op %st, %st(1)
    STEP f\op\()l (%rbx)
    STEP f\op\()s 8(%rbx)
    STEP fi\op\()l 8(%rbx)
    STEP fi\op\()s (%rbx)
    fld %st(1)
    STEP f\op\()p %st, %st(2)
    STEP f\op\()p
    X87_END
.endm
.irp cw, 0x037f, 0x0c7f, 0x047f, 0x087f, 0x027f, 0x007f, 0x0360, 0x0340
.irp op, add, sub, subr, mul, div, divr
    X87_ARITH \op, \cw
.endr
.endr

/* 64-bit integers: full significands, so rounding at each precision */
.macro X87_INTARITH op, cw
SNIP x87_int_\op\()_\cw, 0, K_BIN, 64
    X87_START \cw
    fildq (%rbx)
    fildq 8(%rbx)
    f\op %st(1), %st
    fld %st(0)
    fstpl 16(%rbx)
    fld %st(0)
    fstps 24(%rbx)
    fld %st(0)
    fistpq 32(%rbx)
    fildl 8(%rbx)
    f\op\()p
    fildl (%rbx)
    f\op\()p %st, %st(1)
    X87_END
.endm
.irp cw, 0x037f, 0x0c7f, 0x047f, 0x087f, 0x027f, 0x007f
.irp op, add, sub, mul, div
    X87_INTARITH \op, \cw
.endr
.endr

/* 80-bit operands rdi:si (unnormals, pseudo-denormals, pseudo-NaN/inf) */
.irp op, add, mul, div, sqrt, rndint, scale, xtract, prem, prem1
SNIP x87_ext_\op, 0, K_BIN, 64
    X87_START
    movq %rsi, 16(%rbx)
    movw %di, 24(%rbx)
    fldt (%rbx)
    fldt 8(%rbx)
    fldl 16(%rbx)
    .ifc \op,sqrt
    fsqrt
    fxch %st(2)
    fsqrt
    .else
    .ifc \op,rndint
    frndint
    fxch %st(2)
    frndint
    .else
    .ifc \op,scale
    fscale
    fxch %st(2)
    fscale
    .else
    .ifc \op,xtract
    fxtract
    fxch %st(3)
    fxtract
    .else
    .ifc \op,prem
    fprem
    fxch %st(2)
    fprem
    .else
    .ifc \op,prem1
    fprem1
    fxch %st(2)
    fprem1
    .else
    f\op %st(1), %st
    f\op %st(2), %st
    .endif
    .endif
    .endif
    .endif
    .endif
    .endif
    X87_END
.endr

/* ---- loads and stores of every format ---- */
.irp cw, 0x037f, 0x0c7f, 0x047f, 0x087f, 0x027f, 0x007f, 0x0360, 0x0340
SNIP x87_ldst_\cw, 0, K_BIN, 64
    X87_START \cw
    STEP fldl (%rbx)
    STEP fsts 16(%rbx)
    STEP fstl 24(%rbx)
    STEP fstpt 32(%rbx)
    STEP flds 8(%rbx)
    STEP fst %st(3)
    STEP fldt 32(%rbx)
    STEP fstps 44(%rbx)
    STEP fstpl 48(%rbx)
    STEP fildq (%rbx)
    STEP fistl 56(%rbx)
    STEP fists 60(%rbx)
    STEP fistpq 64(%rbx)
    STEP fildl 8(%rbx)
    STEP filds 12(%rbx)
    STEP fstp %st(1)
    STEP fldl 8(%rbx)
    STEP fistl 72(%rbx)
    STEP fists 76(%rbx)
    STEP fistpll 80(%rbx)
    STEP fldl (%rbx)
    STEP fisttpl 88(%rbx)
    STEP fldl (%rbx)
    STEP fisttps 92(%rbx)
    STEP fldl 8(%rbx)
    STEP fisttpll 96(%rbx)
    STEP fldt (%rbx)
    STEP fstpt 104(%rbx)
    STEP fldl 8(%rbx)
    STEP fistpl 116(%rbx)
    STEP fildq 8(%rbx)
    STEP fistpl 120(%rbx)
    X87_END
.endr

/* BCD: FBLD of rdi:si as 10 bytes, FBSTP of doubles, chop and nearest */
.irp cw, 0x037f, 0x0c7f, 0x0360, 0x0340
SNIP x87_bcd_\cw, 0, K_BIN, 64
    X87_START \cw
    fbld (%rbx)
    fld %st(0)
    fbstp 16(%rbx)
    fnclex
    fldl (%rbx)
    fbstp 32(%rbx)
    fnclex
    fildq 8(%rbx)
    fbstp 48(%rbx)
    X87_END
.endr

/* ---- constants, under each rounding control ---- */
.irp cw, 0x037f, 0x0c7f, 0x047f, 0x087f, 0x007f
SNIP x87_const_\cw, 0, K_UN, 64
    X87_START \cw
    fld1
    fldl2t
    fldl2e
    fldpi
    fldlg2
    fldln2
    fldz
    fldl (%rbx)
    X87_END
.endr

/* ---- comparisons ---- */
.irp cw, 0x037f, 0x0360
SNIP x87_fcom_\cw, 0, K_BIN, 64
    X87_START \cw
    fldl (%rbx)
    fldl 8(%rbx)
    fcom %st(1)
    fnstsw 16(%rbx)
    fucom %st(1)
    fnstsw 18(%rbx)
    fnclex
    fcoml (%rbx)
    fnstsw 20(%rbx)
    fcoms 8(%rbx)
    fnstsw 22(%rbx)
    fnclex
    ficoml 8(%rbx)
    fnstsw 24(%rbx)
    ficoms (%rbx)
    fnstsw 26(%rbx)
    fnclex
    fld %st(0)
    fcomp %st(2)
    fnstsw 28(%rbx)
    fnclex
    fld %st(0)
    fucomp %st(2)
    fnstsw 30(%rbx)
    fnclex
    fld %st(0)
    fcompl 8(%rbx)
    fld %st(0)
    fcomps (%rbx)
    fld %st(0)
    ficompl (%rbx)
    fld %st(0)
    ficomps 8(%rbx)
    fnstsw 32(%rbx)
    fnclex
    fld %st(1)
    fld %st(1)
    fcompp
    fnstsw 34(%rbx)
    fnclex
    fld %st(1)
    fld %st(1)
    fucompp
    fnstsw 36(%rbx)
    fnclex
    ftst
    fnstsw 38(%rbx)
    X87_END
.endr

.irp cw, 0x037f, 0x0360
SNIP x87_fcomi_\cw, F_ALL, K_BIN, 64
    X87_START \cw
    fldl (%rbx)
    fldl 8(%rbx)
    fcomi %st(1), %st
    setb 16(%rbx)
    sete 17(%rbx)
    setp 18(%rbx)
    fucomi %st(1), %st
    pushfq
    popq 24(%rbx)
    fnclex
    fld %st(0)
    fcomip %st(2), %st
    pushfq
    popq 32(%rbx)
    fnclex
    fld %st(1)
    fucomip %st(1), %st
    X87_END
.endr

/* FXAM of doubles, floats and raw 80-bit values, and of an empty ST0 */
SNIP x87_fxam, 0, K_BIN, 64
    X87_START
    fxam
    fnstsw 16(%rbx)
    fldl (%rbx)
    fxam
    fnstsw 18(%rbx)
    flds 8(%rbx)
    fxam
    fnstsw 20(%rbx)
    movw %si, 8(%rbx)
    fldt (%rbx)
    fxam
    fnstsw 22(%rbx)
    fchs
    fxam
    fnstsw 24(%rbx)
    fabs
    fxam
    fnstsw 26(%rbx)
    fldt (%rbx)
    fchs
    X87_END

/* FCMOVcc after a CMP of rdi, rsi */
SNIP x87_fcmov, F_ALL, K_BIN, 64
    X87_START
    fldz
    fld1
    cmpq %rsi, %rdi
    fcmovb %st(1), %st
    fstps 16(%rbx)
    fld1
    fcmove %st(1), %st
    fstps 20(%rbx)
    fld1
    fcmovbe %st(1), %st
    fstps 24(%rbx)
    fld1
    fcmovu %st(1), %st
    fstps 28(%rbx)
    fld1
    fcmovnb %st(1), %st
    fstps 32(%rbx)
    fld1
    fcmovne %st(1), %st
    fstps 36(%rbx)
    fld1
    fcmovnbe %st(1), %st
    fstps 40(%rbx)
    fld1
    fcmovnu %st(1), %st
    fstps 44(%rbx)
    testb $4, %dil
    fld1
    fcmovu %st(1), %st
    fstps 48(%rbx)
    X87_END

/* ---- sign, absolute value, transcendental, each rounding control ---- */
.irp cw, 0x037f, 0x0c7f, 0x047f, 0x087f, 0x027f, 0x0360, 0x0340
SNIP x87_unary_\cw, 0, K_BIN, 64
    X87_START \cw
    fldl (%rbx)
    fchs
    fld %st(0)
    fabs
    fld %st(0)
    fsqrt
    fld %st(1)
    frndint
    fnstsw 16(%rbx)
    fnclex
    fldl 8(%rbx)
    fld %st(0)
    fsqrt
    fnstsw 18(%rbx)
    X87_END

SNIP x87_trans_\cw, 0, K_BIN, 64
    X87_START \cw
    fldl (%rbx)
    fsin
    fnstsw 16(%rbx)
    fldl (%rbx)
    fcos
    fnstsw 18(%rbx)
    fldl 8(%rbx)
    fsincos
    fnstsw 20(%rbx)
    fldl 8(%rbx)
    fptan
    fnstsw 22(%rbx)
    fnsave -128(%rbx)
    fldcw -2(%rbx)
    fldl (%rbx)
    fldl 8(%rbx)
    fpatan
    fldl (%rbx)
    fldl 8(%rbx)
    fyl2x
    fldl (%rbx)
    fldl 8(%rbx)
    fyl2xp1
    fnstsw 24(%rbx)
    fldl (%rbx)
    f2xm1
    fildq 8(%rbx)
    fsin
    X87_END

SNIP x87_scale_\cw, 0, K_BIN, 64
    X87_START \cw
    filds 8(%rbx)
    fldl (%rbx)
    fscale
    fnstsw 16(%rbx)
    fldl (%rbx)
    fxtract
    fnstsw 18(%rbx)
    fldl 8(%rbx)
    fldl (%rbx)
    fprem
    fnstsw 20(%rbx)
    fldl 8(%rbx)
    fldl (%rbx)
    fprem1
    X87_END
.endr

/* 64-bit integers as FPREM operands: partial remainders (C2) */
SNIP x87_prem_int, 0, K_BIN, 64
    X87_START
    fildq 8(%rbx)
    fildq (%rbx)
    fprem
    fnstsw 16(%rbx)
    fildq 8(%rbx)
    fildq (%rbx)
    fprem1
    fnstsw 18(%rbx)
    fildl (%rbx)
    fldpi
    fscale
    fsin
    X87_END

/* ---- the stack: exchange, TOP, free, overflow and underflow ---- */
.irp cw, 0x037f, 0x0360
SNIP x87_stack_\cw, 0, K_UN, 64
    X87_START \cw
    fldl (%rbx)
    fld1
    fldz
    fxch %st(2)
    fxch
    fincstp
    fdecstp
    fdecstp
    ffree %st(2)
    fnop
    fstpl 16(%rbx)
    fnstsw 24(%rbx)
    fnclex
    fld %st(3)
    fst %st(5)
    fstp %st(6)
    ffreep %st(0)
    fnstsw 26(%rbx)
    fnclex
    fnstenv 32(%rbx)
    fldcw -2(%rbx)
    fldl 8(%rbx)
    fldl (%rbx)
    fldl 8(%rbx)
    fldl (%rbx)
    fldl 8(%rbx)
    fldl (%rbx)
    fldl 8(%rbx)
    fldl (%rbx)
    fnstsw 60(%rbx)
    fnclex
    fldpi
    fnstsw 62(%rbx)
    fnclex
    fld %st(3)
    fnstsw 64(%rbx)
    X87_END

SNIP x87_underflow_\cw, 0, K_UN, 64
    X87_START \cw
    fldl (%rbx)
    fadd %st(1), %st
    fnstsw 16(%rbx)
    fnclex
    fstpl 24(%rbx)
    fnclex
    fstl 32(%rbx)
    fnclex
    fistl 40(%rbx)
    fnclex
    fsts 44(%rbx)
    fnclex
    fstpt 48(%rbx)
    fnclex
    fbstp 64(%rbx)
    fnclex
    fxch %st(3)
    fnclex
    fcom %st(1)
    fnclex
    fsin
    fnclex
    fsincos
    fnclex
    fxam
    fnstsw 18(%rbx)
    fnclex
    fucomi %st(2), %st
    fnclex
    fchs
    fnstsw 20(%rbx)
    X87_END
.endr

/* the undocumented aliases hardware executes */
SNIP x87_aliases, 0, K_BIN, 64
    X87_START
    fldl (%rbx)
    fldl 8(%rbx)
    fldz
    .byte 0xd9, 0xd9        /* FSTP1 st(1) */
    .byte 0xdc, 0xd1        /* FCOM2 */
    fnstsw 16(%rbx)
    .byte 0xdc, 0xd9        /* FCOMP3 */
    fnstsw 18(%rbx)
    fld1
    .byte 0xdd, 0xc9        /* FXCH4 */
    .byte 0xdf, 0xc9        /* FXCH7 */
    fldz
    .byte 0xde, 0xd1        /* FCOMP5 */
    fnstsw 20(%rbx)
    fld1
    .byte 0xdf, 0xd1        /* FSTP8 */
    fld1
    .byte 0xdf, 0xd9        /* FSTP9 */
    fldpi
    .byte 0xdf, 0xc0        /* FFREEP */
    .byte 0xdb, 0xe0        /* FNENI, FNDISI, FNSETPM: no-ops */
    .byte 0xdb, 0xe1
    .byte 0xdb, 0xe4
    X87_END

/* ---- control: control word, environment, save/restore ---- */
SNIP x87_env, 0, K_BIN, 64
    X87_START
    fldl (%rbx)
    fld1
    fnstcw 16(%rbx)
    movw %si, 18(%rbx)
    fldcw 18(%rbx)
    fnstcw 20(%rbx)
    fldl 8(%rbx)
    fdivs (%rbx)
    fnstenv 24(%rbx)
    fnstcw 52(%rbx)
    fnclex
    fldz
    fstps 56(%rbx)
    fldenv 24(%rbx)
    fnstsw 60(%rbx)
    fnclex
    fnsave 128(%rbx)
    movw %di, 128(%rbx)
    movw $0x0800, 132(%rbx)
    movw %si, 136(%rbx)
    movq %rdi, 156(%rbx)
    frstor 128(%rbx)
    fnstenv 64(%rbx)
    fnclex
    data16 fnstenv 92(%rbx)
    fnclex
    fldpi
    data16 fnsave 112(%rbx)
    fld1
    data16 frstor 112(%rbx)
    fldz
    data16 fldenv 92(%rbx)
    fninit
    fldl 8(%rbx)
    X87_END

/* the environment's tag word is computed from the registers */
SNIP x87_tags, 0, K_BIN, 64
    X87_START
    fldz
    fld1
    fldl (%rbx)
    fldl 8(%rbx)
    movw %si, 8(%rbx)
    fldt (%rbx)
    flds 12(%rbx)
    fnstenv 16(%rbx)
    X87_END

/* unmasked exceptions: ES set, #MF at the next waiting instruction */
SNIP x87_mf_fwait, 0, K_BIN, 64
    X87_START 0x0360
    fldl (%rbx)
    fdivl 8(%rbx)
    fnstsw %ax
    movq %rax, %rcx
    fnstenv 16(%rbx)
    fldcw -2(%rbx)
    fwait
    fnsave 128(%rbx)
    ud2

SNIP x87_mf_next, 0, K_BIN, 64
    X87_START 0x0360
    fldl (%rbx)
    fstps 16(%rbx)
    fnstsw %ax
    movq %rax, %rcx
    fldl 8(%rbx)
    fnsave 128(%rbx)
    ud2

SNIP x87_mf_fnclex, 0, K_BIN, 64
    X87_START 0x0360
    fldl (%rbx)
    fistps 16(%rbx)
    fnstsw 20(%rbx)
    fnclex
    fldl 8(%rbx)
    fistl 24(%rbx)
    fnstsw 28(%rbx)
    fnclex
    fldl 8(%rbx)
    fstpl 32(%rbx)
    fnstsw 40(%rbx)
    fnclex
    fnstcw 42(%rbx)
    X87_END

/* FLDCW unmasking an exception whose flag is set */
SNIP x87_mf_fldcw, 0, K_UN, 64
    X87_START
    fldz
    fldz
    fdivr %st, %st(1)
    fnstsw 16(%rbx)
    movw $0x0360, 18(%rbx)
    fldcw 18(%rbx)
    fnstsw 20(%rbx)
    fld1
    X87_END

/* FNINIT, FINIT (FWAIT then FNINIT) and FNCLEX */
SNIP x87_init, 0, K_UN, 64
    X87_START 0x0c7f
    fldl (%rbx)
    fldz
    fdivr %st, %st(1)
    fnstsw 16(%rbx)
    fnclex
    fnstsw 18(%rbx)
    fldl (%rbx)
    finit
    fnstenv 24(%rbx)
    fldl (%rbx)
    X87_END

/* FLDENV of any control word with any flags: what is pending is decided
 * by the flags and masks, not by the ES bit that was stored */
SNIP x87_mf_fldenv, 0, K_BIN, 64
    X87_START
    fnstenv 16(%rbx)
    movw %di, 16(%rbx)
    movw %si, 20(%rbx)
    fldenv 16(%rbx)
    fnstsw 48(%rbx)
    fnstcw 50(%rbx)
    fld1
    fnstsw 52(%rbx)
    fwait
    X87_END

/* which instructions wait: with an unmasked exception pending, the FN
 * forms run, the others raise #MF (each snippet ends at its one) */
.macro X87_WAIT name, insn:vararg
SNIP x87_wait_\name, 0, K_UN, 64
    X87_START 0x0360
    fldl (%rbx)
    fnsave 128(%rbx)
    fldcw -2(%rbx)
    fldz
    fldz
    fdivrp
    \insn
    fnstsw %ax
    X87_END
.endm
X87_WAIT fnop, fnop
X87_WAIT fneni, .byte 0xdb, 0xe0
X87_WAIT fndisi, .byte 0xdb, 0xe1
X87_WAIT fnsetpm, .byte 0xdb, 0xe4
X87_WAIT fnclex, fnclex
X87_WAIT fninit, fninit
X87_WAIT fldcw, fldcw -2(%rbx)
X87_WAIT ffree, ffree %st(2)
X87_WAIT fnstcw, fnstcw 16(%rbx)
X87_WAIT fnstenv, fnstenv 16(%rbx)
X87_WAIT fnsave, fnsave 16(%rbx)
X87_WAIT frstor, frstor 128(%rbx)
X87_WAIT fldenv, fldenv 128(%rbx)
X87_WAIT fxch, fxch
X87_WAIT fdecstp, fdecstp
X87_WAIT fld, fldl (%rbx)
X87_WAIT fstp, fstpl 16(%rbx)
X87_WAIT fucomi, fucomi %st(1), %st
X87_WAIT fcmovb, fcmovb %st(1), %st
X87_WAIT fnstsw, fnstsw 16(%rbx)

/* FDP is the effective address without the segment base (an unmasked
 * denormal operand makes this host record it); RIP-relative operands */
SNIP x87_fdp_seg, 0, K_UN, 64
    X87_START 0x0360
    movq %fs:0, %rcx
    fldl %fs:0
    fnstenv 16(%rbx)
    fnclex
    fldl x87_denormal(%rip)
    fnstenv 48(%rbx)
    fnclex
    fldl (%rbx)
    fnstenv 80(%rbx)
    X87_END

    .section .rodata
    .balign 8
x87_denormal: .quad 0x000fedcba9876543
    .text

/* ordinary fractions (ratios of the inputs as integers) through the
 * transcendental and rounding instructions */
.irp cw, 0x037f, 0x0c7f, 0x047f, 0x087f, 0x027f, 0x007f
SNIP x87_ratio_\cw, 0, K_BIN, 64
    X87_START \cw
    fildl (%rbx)
    fildl 8(%rbx)
    fdivrp
    fld %st(0)
    fsin
    fld %st(1)
    fcos
    fld %st(2)
    fptan
    fld %st(4)
    fld1
    fpatan
    fld %st(5)
    fabs
    fyl2x
    fld %st(5)
    f2xm1
    fnstsw 16(%rbx)
    fnsave 24(%rbx)
    fldcw -2(%rbx)
    fildl 12(%rbx)
    fildl (%rbx)
    fdivp
    fld %st(0)
    frndint
    fld %st(1)
    fsqrt
    fld %st(2)
    fld1
    fscale
    fld1
    fld %st(4)
    fprem1
    fld1
    fld %st(6)
    fyl2xp1
    X87_END
.endr

/* a fault on the operand: #PF at the instruction, nothing done */
SNIP x87_fault_load, 0, K_UN, 64
    X87_START
    fld1
    xorl %ecx, %ecx
    fldl 8(%rcx)
    X87_END

SNIP x87_fault_store, 0, K_UN, 64
    X87_START
    fldl (%rbx)
    fstl 16(%rbx)
    leaq x87_denormal(%rip), %rcx
    fstpl (%rcx)
    X87_END

SNIP x87_fault_fnsave, 0, K_UN, 64
    X87_START
    fldl (%rbx)
    xorl %ecx, %ecx
    fnsave 64(%rcx)
    X87_END

/* prefixes x87 ignores or uses: REX.B/REX.X in the address, REX.W and
 * REX.B on register forms, 66 on forms other than the environment ones */
SNIP x87_prefixes, 0, K_BIN, 64
    X87_START 0x0360
    movq %rbx, %r8
    movq $1, %r9
    fldl 8(%r8)
    fldl 8(%r8,%r9,8)
    rex.W fldl (%rbx)
    .byte 0x41, 0xd9, 0xc1          /* REX.B fld %st(1) */
    .byte 0x48, 0xde, 0xc1          /* REX.W faddp */
    data16 fstl 16(%r8)
    fnstenv 32(%r8,%r9,4)
    data16 fnstcw 64(%rbx)
    data16 fnstsw 66(%rbx)
    rex.W fnstenv 72(%rbx)
    .byte 0xf3, 0xd9, 0xfa           /* rep fsqrt */
    X87_END
