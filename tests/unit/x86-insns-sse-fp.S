/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Snippets of the sse_fp group (SSE/SSE2/SSE3/SSE4.1 floating point,
 * MXCSR, FXSAVE/XSAVE), conventions of x86-insns-snippets.S. Operands:
 * xmm0/xmm1 come from tables of edge-case floats (x86t_sse_ftab) or
 * doubles (x86t_sse_dtab), indexed by a hash of rdi/rsi, so every pair
 * of NaNs (quiet, signalling, with payloads), infinities, denormals,
 * signed zeros, huge and tiny values meets; xmm2/xmm3 hold the raw bits
 * of rdi and rsi. Each arithmetic form runs under round-to-nearest,
 * down, up, toward zero and FTZ+DAZ (LDMXCSR), and stores its results
 * and the MXCSR it ends with (the sticky flags) to memory at rbx.
 */
#include "x86-insns.inc"

/* the raw operands: {rdi, rsi} at -32(%rbx), {rsi, rdi} at -16(%rbx) */
.macro HASH reg, out
    movq \reg, \out
    shrq $32, \out
    xorq \reg, \out
    movabsq $0x8571e33599f0c373, %rdx
    imulq %rdx, \out
    shrq $59, \out
    shlq $4, \out
.endm

.macro LOADOPS tab
    movq %rdi, -32(%rbx)
    movq %rsi, -24(%rbx)
    movq %rsi, -16(%rbx)
    movq %rdi, -8(%rbx)
    movups -32(%rbx), %xmm2
    movups -16(%rbx), %xmm3
    HASH %rdi, %rax
    HASH %rsi, %rcx
    leaq \tab(%rip), %rdx
    movaps (%rdx,%rax), %xmm0
    movaps (%rdx,%rcx), %xmm1
.endm

.macro SETCSR mode
    movl $\mode, -36(%rbx)
    ldmxcsr -36(%rbx)
.endm

.macro SAVE
    movups %xmm0, (%rbx)
    movups %xmm2, 16(%rbx)
    movups %xmm1, 32(%rbx)
    movups %xmm3, 48(%rbx)
    stmxcsr 64(%rbx)
.endm

/* insn on table operands (register source) and raw ones (memory source) */
.macro FBIN name, insn, tab, mode
SNIP \name, 0, K_BIN, 64
    LOADOPS \tab
    SETCSR \mode
    \insn %xmm1, %xmm0
    \insn -16(%rbx), %xmm2
    \insn %xmm0, %xmm3
    SAVE
END
.endm

.macro FBINI name, insn, imm, tab, mode
SNIP \name, 0, K_BIN, 64
    LOADOPS \tab
    SETCSR \mode
    \insn $\imm, %xmm1, %xmm0
    \insn $\imm, -16(%rbx), %xmm2
    \insn $\imm, %xmm0, %xmm3
    SAVE
END
.endm

/* the five MXCSR settings: nearest, down, up, zero, FTZ+DAZ */
.macro FMODES name, insn, tab
    FBIN \name\()_rn, \insn, \tab, 0x1f80
    FBIN \name\()_rd, \insn, \tab, 0x3f80
    FBIN \name\()_ru, \insn, \tab, 0x5f80
    FBIN \name\()_rz, \insn, \tab, 0x7f80
    FBIN \name\()_fd, \insn, \tab, 0x9fc0
.endm

.macro FMODES2 name, insn, tab
    FBIN \name\()_rn, \insn, \tab, 0x1f80
    FBIN \name\()_rz, \insn, \tab, 0x7fbf
    FBIN \name\()_fd, \insn, \tab, 0x9fc0
.endm

    .text
/* ---- arithmetic ---- */
.irp op, add, sub, mul, div, min, max, sqrt
    FMODES \op\()ps, \op\()ps, x86t_sse_ftab
    FMODES \op\()ss, \op\()ss, x86t_sse_ftab
    FMODES \op\()pd, \op\()pd, x86t_sse_dtab
    FMODES \op\()sd, \op\()sd, x86t_sse_dtab
.endr
.irp op, rcpps, rcpss, rsqrtps, rsqrtss, addsubps, haddps, hsubps
    FMODES2 \op, \op, x86t_sse_ftab
.endr
.irp op, addsubpd, haddpd, hsubpd
    FMODES2 \op, \op, x86t_sse_dtab
.endr

/* ---- conversions between float formats and packed integers ---- */
.irp op, cvtps2pd, cvtss2sd, cvtdq2ps, cvtps2dq, cvttps2dq
    FMODES \op, \op, x86t_sse_ftab
.endr
.irp op, cvtpd2ps, cvtsd2ss, cvttpd2dq, cvtpd2dq, cvtdq2pd
    FMODES \op, \op, x86t_sse_dtab
.endr

/* ---- compares, rounding, dot products ---- */
.irp imm, 0, 1, 2, 3, 4, 5, 6, 7
    FBINI cmpps\imm, cmpps, \imm, x86t_sse_ftab, 0x1f80
    FBINI cmpss\imm, cmpss, \imm, x86t_sse_ftab, 0x1f80
    FBINI cmppd\imm, cmppd, \imm, x86t_sse_dtab, 0x1f80
    FBINI cmpsd\imm, cmpsd, \imm, x86t_sse_dtab, 0x9fc0
.endr
.irp imm, 0, 1, 2, 3, 4, 8, 9, 10, 11, 12
    FBINI roundps\imm, roundps, \imm, x86t_sse_ftab, 0x3f80
    FBINI roundss\imm, roundss, \imm, x86t_sse_ftab, 0x5f80
    FBINI roundpd\imm, roundpd, \imm, x86t_sse_dtab, 0x7f80
    FBINI roundsd\imm, roundsd, \imm, x86t_sse_dtab, 0x9fc0
.endr
.irp imm, 0x00, 0xff, 0xf1, 0x3c, 0xa5, 0x5e
    FBINI dpps\imm, dpps, \imm, x86t_sse_ftab, 0x1f80
    FBINI dpps_rz\imm, dpps, \imm, x86t_sse_ftab, 0x7f80
.endr
.irp imm, 0x33, 0x31, 0x12, 0xff, 0x20
    FBINI dppd\imm, dppd, \imm, x86t_sse_dtab, 0x1f80
    FBINI dppd_rd\imm, dppd, \imm, x86t_sse_dtab, 0x3f80
.endr
/* the imm8 after a RIP-relative displacement */
SNIP round_rip, 0, K_BIN, 64
    LOADOPS x86t_sse_ftab
    roundps $1, x86t_sse_ftab+48(%rip), %xmm0
    roundsd $2, x86t_sse_dtab+16(%rip), %xmm1
    cmpps $1, x86t_sse_ftab+64(%rip), %xmm2
    shufps $0x1b, x86t_sse_ftab+80(%rip), %xmm3
    SAVE
END

/* ---- scalar conversions with general registers ---- */
.macro CVTSI name, mode
SNIP cvtsi2s_\name, 0, K_BIN, 64
    LOADOPS x86t_sse_ftab
    SETCSR \mode
    cvtsi2ssl %edi, %xmm0
    cvtsi2ssq %rsi, %xmm1
    cvtsi2sdl %esi, %xmm2
    cvtsi2sdq %rdi, %xmm3
    SAVE
    cvtsi2ssl -16(%rbx), %xmm0
    cvtsi2sdq -32(%rbx), %xmm1
    movups %xmm0, 80(%rbx)
    movups %xmm1, 96(%rbx)
END
.endm
    CVTSI rn, 0x1f80
    CVTSI rd, 0x3f80
    CVTSI ru, 0x5f80
    CVTSI rz, 0x7f80

.macro CVT2SI name, tab, s, mode
SNIP cvt2si_\name, 0, K_BIN, 64
    LOADOPS \tab
    SETCSR \mode
    cvt\s\()2si %xmm0, %eax
    cvt\s\()2si %xmm1, %rcx
    cvtt\s\()2si %xmm0, %edx
    cvtt\s\()2si %xmm1, %r8
    cvt\s\()2si %xmm2, %r9
    cvtt\s\()2si -16(%rbx), %r10d
    cvt\s\()2si -16(%rbx), %r11
    cvtt\s\()2si %xmm3, %r12
    stmxcsr 64(%rbx)
END
.endm
    CVT2SI ss_rn, x86t_sse_ftab, ss, 0x1f80
    CVT2SI ss_rd, x86t_sse_ftab, ss, 0x3f80
    CVT2SI ss_ru, x86t_sse_ftab, ss, 0x5f80
    CVT2SI ss_fd, x86t_sse_ftab, ss, 0x9fc0
    CVT2SI sd_rn, x86t_sse_dtab, sd, 0x1f80
    CVT2SI sd_rd, x86t_sse_dtab, sd, 0x3f80
    CVT2SI sd_rz, x86t_sse_dtab, sd, 0x7f80
    CVT2SI sd_fd, x86t_sse_dtab, sd, 0x9fc0

/* ---- compares into EFLAGS ---- */
.irp op, comiss, ucomiss, comisd, ucomisd
SNIP \op, F_ALL, K_BIN, 64
    .ifc \op, comiss
    LOADOPS x86t_sse_ftab
    .endif
    .ifc \op, ucomiss
    LOADOPS x86t_sse_ftab
    .endif
    .ifc \op, comisd
    LOADOPS x86t_sse_dtab
    .endif
    .ifc \op, ucomisd
    LOADOPS x86t_sse_dtab
    .endif
    SETCSR 0x1f80
    \op %xmm2, %xmm3
    pushfq
    popq %r8
    \op -16(%rbx), %xmm0
    pushfq
    popq %r9
    \op %xmm1, %xmm0
    stmxcsr 64(%rbx)
END
.endr

/* ---- bitwise, moves, shuffles, blends ---- */
.irp op, andps, andnps, orps, xorps, andpd, andnpd, orpd, xorpd, \
    unpcklps, unpckhps, unpcklpd, unpckhpd
SNIP \op, 0, K_BIN, 64
    LOADOPS x86t_sse_ftab
    \op %xmm1, %xmm0
    \op -16(%rbx), %xmm2
    \op %xmm3, %xmm3
    SAVE
END
.endr
.irp imm, 0x00, 0x1b, 0xe4, 0x4e, 0xb1, 0x93
SNIP shufps\imm, 0, K_BIN, 64
    LOADOPS x86t_sse_ftab
    shufps $\imm, %xmm1, %xmm0
    shufps $\imm, -16(%rbx), %xmm2
    shufpd $(\imm & 3), %xmm1, %xmm3
    shufpd $(\imm >> 6), -32(%rbx), %xmm1
    SAVE
END
SNIP blendps\imm, 0, K_BIN, 64
    LOADOPS x86t_sse_ftab
    blendps $(\imm & 15), %xmm1, %xmm0
    blendps $(\imm >> 4), -16(%rbx), %xmm2
    blendpd $(\imm & 3), %xmm1, %xmm3
    blendpd $(\imm >> 6), -32(%rbx), %xmm1
    SAVE
END
SNIP insertps\imm, 0, K_BIN, 64
    LOADOPS x86t_sse_ftab
    insertps $\imm, %xmm1, %xmm0
    insertps $\imm, -16(%rbx), %xmm2
    extractps $(\imm & 3), %xmm1, %eax
    extractps $(\imm >> 6), %xmm3, %rcx
    extractps $(\imm >> 4), %xmm0, -40(%rbx)
    SAVE
END
.endr
SNIP blendv, 0, K_BIN, 64
    LOADOPS x86t_sse_ftab
    movaps %xmm0, %xmm4
    movaps %xmm2, %xmm0
    blendvps %xmm0, %xmm4, %xmm1
    blendvps %xmm0, -16(%rbx), %xmm3
    movaps %xmm3, %xmm0
    blendvpd %xmm0, %xmm4, %xmm2
    movups %xmm4, 80(%rbx)
    SAVE
END
SNIP movmsk, 0, K_BIN, 64
    LOADOPS x86t_sse_ftab
    movmskps %xmm0, %eax
    movmskps %xmm2, %rcx
    movmskpd %xmm3, %edx
    movmskpd %xmm1, %r8
END
SNIP moves, 0, K_BIN, 64
    LOADOPS x86t_sse_ftab
    movaps %xmm0, %xmm4
    movss %xmm2, %xmm4          /* merge */
    movsd %xmm3, %xmm0
    movss -12(%rbx), %xmm5      /* upper part cleared */
    movsd -20(%rbx), %xmm6
    movups %xmm4, 80(%rbx)
    movupd %xmm5, 96(%rbx)
    movaps %xmm6, 112(%rbx)
    movapd %xmm0, 128(%rbx)
    movss %xmm1, 3(%rbx)
    movsd %xmm2, 21(%rbx)
    movups -27(%rbx), %xmm7
    movupd -7(%rbx), %xmm8
    movaps -32(%rbx), %xmm9
    movapd -16(%rbx), %xmm10
    movntps %xmm7, 144(%rbx)
    movntpd %xmm8, 160(%rbx)
    movaps %xmm9, %xmm11
    movupd %xmm10, %xmm12
    movups %xmm11, 176(%rbx)
    movups %xmm12, 192(%rbx)
    SAVE
END
SNIP moves_half, 0, K_BIN, 64
    LOADOPS x86t_sse_ftab
    movaps %xmm0, %xmm4
    movhlps %xmm2, %xmm4
    movlhps %xmm3, %xmm0
    movlps -32(%rbx), %xmm1
    movhps -16(%rbx), %xmm2
    movlpd -24(%rbx), %xmm3
    movhpd -8(%rbx), %xmm3
    movlps %xmm4, 80(%rbx)
    movhps %xmm4, 88(%rbx)
    movlpd %xmm0, 100(%rbx)
    movhpd %xmm1, 108(%rbx)
    movsldup %xmm1, %xmm5
    movshdup -16(%rbx), %xmm6
    movddup %xmm2, %xmm7
    movddup -24(%rbx), %xmm8
    movups %xmm5, 128(%rbx)
    movups %xmm6, 144(%rbx)
    movups %xmm7, 160(%rbx)
    movups %xmm8, 176(%rbx)
    movshdup %xmm3, %xmm9
    movsldup -32(%rbx), %xmm10
    movups %xmm9, 192(%rbx)
    movups %xmm10, 208(%rbx)
    SAVE
END

/* ---- encodings: prefix precedence, store forms, ignored imm8 bits ---- */
SNIP sse_prefixes, 0, K_BIN, 64
    LOADOPS x86t_sse_ftab
    .byte 0x66, 0xf3, 0x0f, 0x58, 0xc1  /* F3 wins over 66: ADDSS */
    .byte 0xf3, 0x66, 0x0f, 0x59, 0xd3
    .byte 0xf2, 0xf3, 0x0f, 0x5c, 0xcb  /* the last of F2/F3 */
    .byte 0xf3, 0xf2, 0x0f, 0x5e, 0xd8
    movaps %xmm3, %xmm4                 /* the merge targets' upper parts */
    movaps %xmm1, %xmm5
    {store} movss %xmm2, %xmm4
    {store} movsd %xmm3, %xmm5
    {store} movups %xmm0, %xmm6
    {store} movaps %xmm1, %xmm7
    {store} movupd %xmm3, %xmm8
    {store} movapd %xmm2, %xmm9
    .byte 0x0f, 0xc2, 0xe1, 0x0d        /* CMPPS imm8 0x0d: bits 3+ unused */
    .byte 0x66, 0x0f, 0x3a, 0x08, 0xe9, 0xf2   /* ROUNDPS imm8 0xf2 */
    .byte 0xf2, 0x0f, 0xc2, 0xf2, 0xfe  /* CMPSD imm8 0xfe */
    movups %xmm4, 80(%rbx)
    movups %xmm5, 96(%rbx)
    movups %xmm6, 112(%rbx)
    movups %xmm7, 128(%rbx)
    movups %xmm8, 144(%rbx)
    movups %xmm9, 160(%rbx)
    SAVE
END

/* undefined encodings: #UD at the instruction */
.macro UD name, bytes:vararg
SNIP ud_\name, 0, K_UN, 64
    xorl %ecx, %ecx
    .byte \bytes
END
.endm
    UD movlps_reg, 0x0f, 0x13, 0xc1
    UD movhps_reg, 0x66, 0x0f, 0x17, 0xc1
    UD movlpd_reg, 0x66, 0x0f, 0x12, 0xc1
    UD f2_0f16, 0xf2, 0x0f, 0x16, 0xc1
    UD f3_0f2b, 0xf3, 0x0f, 0x2b, 0x03
    UD movntps_reg, 0x0f, 0x2b, 0xc1
    UD xgetbv_66, 0x66, 0x0f, 0x01, 0xd0
    UD hadd_none, 0x0f, 0x7c, 0xc1
    UD hadd_f3, 0xf3, 0x0f, 0x7c, 0xc1
    UD addsub_none, 0x0f, 0xd0, 0xc1
    UD cvtpd2dq_none, 0x0f, 0xe6, 0xc1
    UD movmsk_mem, 0x0f, 0x50, 0x03
    UD blendv_none, 0x0f, 0x38, 0x14, 0xc1
    UD round_none, 0x0f, 0x3a, 0x08, 0xc1, 0x00
    UD movaps_f2, 0xf2, 0x0f, 0x28, 0xc1
    UD rsqrt_66, 0x66, 0x0f, 0x52, 0xc1
    UD cvt_f2_5b, 0xf2, 0x0f, 0x5b, 0xc1
    UD comis_f3, 0xf3, 0x0f, 0x2f, 0xc1
    UD andps_f3, 0xf3, 0x0f, 0x54, 0xc1
    UD fxsave_reg, 0x0f, 0xae, 0xc0
    UD lock_addps, 0xf0, 0x0f, 0x58, 0xc1
    UD lock_movaps, 0xf0, 0x0f, 0x29, 0x03

/* ---- MMX forms: the registers are read back through FXSAVE after an
 * FXRSTOR of a known image (the stack pattern with sane control words;
 * FIP canonical, as CPUs canonicalize it at their own address width) */
.macro FXIMAGE off
    movl $0x037f, \off(%rsp)            /* FCW */
    movl $0x5b00, \off+2(%rsp)          /* FSW: TOP 3, C3 C1 C0 */
    movq $0x12345678, \off+8(%rsp)      /* FIP */
    movl $0x1f80, \off+24(%rsp)         /* MXCSR */
.endm
SNIP cvtpi, 0, K_BIN, 64
    FXIMAGE -1536
    fxrstor64 -1536(%rsp)
    LOADOPS x86t_sse_ftab
    cvtps2pi %xmm0, %mm1
    cvttps2pi -16(%rbx), %mm2
    cvtpi2ps -32(%rbx), %xmm1
    cvtpi2pd -16(%rbx), %xmm3
    fxsave64 -1024(%rsp)
END
SNIP cvtpi_mm, 0, K_BIN, 64
    FXIMAGE -1536
    fxrstor64 -1536(%rsp)
    LOADOPS x86t_sse_dtab
    cvtpd2pi %xmm0, %mm3
    cvttpd2pi -16(%rbx), %mm7
    cvtpi2ps %mm3, %xmm1
    cvtpi2pd %mm7, %xmm2
    fxsave64 -1024(%rsp)
END
SNIP cvtpi_mm_rz, 0, K_BIN, 64
    FXIMAGE -1536
    movl $0x7f80, -1536+24(%rsp)
    fxrstor -1536(%rsp)
    LOADOPS x86t_sse_ftab
    cvtps2pi %xmm1, %mm0
    cvtpi2ps %mm0, %xmm0
    cvtpd2pi %xmm2, %mm5
    cvtpi2pd %mm5, %xmm2
    fxsave -1024(%rsp)
END

/* ---- MXCSR ---- */
SNIP mxcsr, 0, K_BIN, 64
    movl %edi, -40(%rbx)
    andl $0xffff, -40(%rbx)
    orl $0x1f80, -40(%rbx)
    ldmxcsr -40(%rbx)
    stmxcsr (%rbx)
    movl %esi, -40(%rbx)
    ldmxcsr -40(%rbx)                   /* #GP on reserved bits */
    stmxcsr 4(%rbx)
END

/* ---- faults: alignment, unmasked exceptions ---- */
SNIP align_gp, 0, K_BIN, 64
    LOADOPS x86t_sse_ftab
    andl $15, %edi
    addps -16(%rbx), %xmm0
    movups %xmm0, (%rbx)
    leaq -32(%rbx,%rdi), %rcx
    movss (%rcx), %xmm2                 /* scalar: any alignment */
    addss (%rcx), %xmm2
    movups %xmm2, 16(%rbx)
    addps (%rcx), %xmm1                 /* #GP unless aligned */
    movups %xmm1, 32(%rbx)
    movaps (%rcx), %xmm3
    movups %xmm3, 48(%rbx)
END
SNIP align_gp_store, 0, K_BIN, 64
    LOADOPS x86t_sse_ftab
    andl $15, %esi
    leaq -32(%rbx,%rsi), %rcx
    movups %xmm0, (%rcx)
    movntps %xmm1, (%rcx)
END
.irp mode, 0x1f00, 0x1d80, 0x1e80, 0x1780, 0x0f80, 0x1b80
SNIP xm\mode, 0, K_BIN, 64
    LOADOPS x86t_sse_ftab
    SETCSR 0x1f80
    addps %xmm1, %xmm0                  /* flags from a masked run */
    stmxcsr (%rbx)
    LOADOPS x86t_sse_ftab
    SETCSR \mode
    divps %xmm1, %xmm0                  /* #XM if an unmasked one arises */
    SAVE
    LOADOPS x86t_sse_dtab
    SETCSR \mode
    mulsd %xmm1, %xmm0
    SAVE
    comisd %xmm1, %xmm0
    stmxcsr 4(%rbx)
    cvttsd2si %xmm1, %eax
    stmxcsr 8(%rbx)
END
.endr

/*
 * The specialised helpers' fast mode (sse-fp-helper.c): flags gathered
 * in the host's MXCSR over a chain of scalar, packed, compare and
 * convert instructions, a change of rounding mode with no STMXCSR in
 * between, then STMXCSR; and the switch fast -> precise -> fast: the
 * gathered flags kept through an LDMXCSR that unmasks one exception
 * (the run may #XM there), then masked again.
 */
.macro FASTCHAIN
    addsd %xmm1, %xmm0
    mulsd %xmm0, %xmm1
    divsd %xmm2, %xmm1
    subsd -16(%rbx), %xmm0
    sqrtsd %xmm3, %xmm2
    minsd %xmm1, %xmm3
    maxsd %xmm0, %xmm2
    ucomisd %xmm1, %xmm0
    pushfq
    popq %rax
    comisd %xmm2, %xmm3
    pushfq
    popq %rcx
    cvttsd2si %xmm0, %rdx
    cvtsd2si %xmm1, %r8d
    cvtsi2sdq %rdx, %xmm3
    cvtsi2ssl %r8d, %xmm2
    cvtsd2ss %xmm0, %xmm1
    cvtss2sd %xmm2, %xmm3
    addss %xmm2, %xmm1
    mulpd %xmm2, %xmm0
    addpd -32(%rbx), %xmm1
    divps %xmm0, %xmm3
    sqrtpd %xmm1, %xmm2
.endm

.macro FASTSAVE off
    movups %xmm0, \off(%rbx)
    movups %xmm1, \off+16(%rbx)
    movups %xmm2, \off+32(%rbx)
    movups %xmm3, \off+48(%rbx)
.endm

.irp mode, 0x1f80, 0x3f80, 0x9fc0
SNIP fastchain\mode, 0, K_BIN, 64
    LOADOPS x86t_sse_dtab
    SETCSR \mode
    FASTCHAIN
    FASTSAVE 0
    SETCSR 0x7f80                       /* flags so far stay sticky */
    FASTCHAIN
    FASTSAVE 64
    stmxcsr 128(%rbx)
    movq %rax, 136(%rbx)
    movq %rcx, 144(%rbx)
END
.endr

.irp mode, 0x1f00, 0x1e80, 0x1d80, 0x1b80, 0x1780, 0x0f80
SNIP fast_precise\mode, 0, K_BIN, 64
    LOADOPS x86t_sse_dtab
    SETCSR 0x1f80
    FASTCHAIN
    FASTSAVE 0
    stmxcsr 64(%rbx)
    movl 64(%rbx), %r9d
    andl $(\mode | 0x3f), %r9d          /* unmask one, keep the flags */
    movl %r9d, -40(%rbx)
    ldmxcsr -40(%rbx)
    LOADOPS x86t_sse_dtab
    FASTCHAIN                           /* may #XM */
    FASTSAVE 68
    stmxcsr 132(%rbx)
    orl $0x1f80, 132(%rbx)
    ldmxcsr 132(%rbx)                   /* masked again: fast */
    FASTCHAIN
    FASTSAVE 136
    stmxcsr 200(%rbx)
END
.endr

/* ---- state save and restore ---- */
SNIP fxsave, 0, K_BIN, 64
    FXIMAGE -1536
    fxrstor64 -1536(%rsp)
    LOADOPS x86t_sse_ftab
    addps %xmm1, %xmm0
    fxsave64 -1024(%rsp)
    fxsave -512(%rsp)
    movl %edi, -1024+24(%rsp)
    andl $0x1ffff, -1024+24(%rsp)
    fxrstor -1024(%rsp)                 /* #GP on reserved MXCSR bits */
    fxsave -1536(%rsp)
END
SNIP fxsave_align, 0, K_BIN, 64
    FXIMAGE -1536
    fxrstor64 -1536(%rsp)
    andl $15, %edi
    leaq -1024(%rsp,%rdi), %rcx
    fxsave64 (%rcx)
    movl $0x037f, 0(%rcx)
    fxrstor64 (%rcx)
END
.macro XHEADER off, bv
    movq $\bv, \off+512(%rsp)
    movq $0, \off+520(%rsp)
    movq $0, \off+528(%rsp)
.endm
.irp bv, 0, 1, 2, 3
SNIP xsave\bv, 0, K_BIN, 64
    FXIMAGE -1536
    XHEADER -1536, \bv
    movl $3, %eax
    xorl %edx, %edx
    xrstor64 -1536(%rsp)
    fxsave64 -896(%rsp)
    LOADOPS x86t_sse_ftab
    XHEADER -960, 0
    movl $3, %eax
    xorl %edx, %edx
    xsave64 -960(%rsp)
    andl $3, %edi
    movl %edi, %eax
    xsave -1536(%rsp)
    movl %esi, %eax
    andl $3, %eax
    xrstor -960(%rsp)
    fxsave64 -384(%rsp)
END
.endr
SNIP xrstor_checks, 0, K_BIN, 64
    FXIMAGE -1536
    XHEADER -1536, 3
    movabsq $0x1000000000000f0f, %rax
    andq %rdi, %rax
    movq %rax, -1536+512+8(%rsp)        /* XCOMP_BV, then bytes 16..23 */
    movq %rsi, %rax
    andq $0x0f, %rax
    movq %rax, -1536+512+16(%rsp)
    movl $3, %eax
    xorl %edx, %edx
    xrstor64 -1536(%rsp)
    fxsave64 -896(%rsp)
    movq $0x103, -1536+512(%rsp)        /* XSTATE_BV beyond XCR0 */
    movl $3, %eax
    xrstor64 -1536(%rsp)
END
SNIP xgetbv, 0, K_BIN, 64
    xorl %ecx, %ecx
    xgetbv
    andl $3, %eax
    movl %edx, %r8d
    movl %eax, %r9d
    movl %edi, %ecx
    andl $6, %ecx
    orl $2, %ecx
    xgetbv                              /* XCR2..7: #GP */
END

/* ---- tables, 16-byte entries ---- */
    .section .rodata
    .balign 16
x86t_sse_ftab:
    .long 0x00000000, 0x00800000, 0xcf000000, 0xcf000001
    .long 0x80000000, 0x7f7fffff, 0x5f000000, 0x4effffff
    .long 0x3f800000, 0x7f800000, 0x3dcccccd, 0x0b800000
    .long 0xbf800000, 0xff800000, 0x3eaaaaab, 0x33800000
    .long 0x3fc00000, 0x7fc00000, 0x3f800001, 0xc0400000
    .long 0x40200000, 0x7fc12345, 0x4b800001, 0x447a0000
    .long 0xc0200000, 0x7f800001, 0xbf000000, 0x80800000
    .long 0x3f000000, 0xff812345, 0x40600000, 0x00000000
    .long 0x40400000, 0xffc00000, 0x3effffff, 0x80000000
    .long 0x000116c2, 0x501502f9, 0x7e967699, 0x3f800000
    .long 0x80000001, 0x4f000000, 0x00400000, 0xbf800000
    .long 0x00800000, 0xcf000000, 0xcf000001, 0x3fc00000
    .long 0x7f7fffff, 0x5f000000, 0x4effffff, 0x40200000
    .long 0x7f800000, 0x3dcccccd, 0x0b800000, 0xc0200000
    .long 0xff800000, 0x3eaaaaab, 0x33800000, 0x3f000000
    .long 0x7fc00000, 0x3f800001, 0xc0400000, 0x40400000
    .long 0x7fc12345, 0x4b800001, 0x447a0000, 0x000116c2
    .long 0x7f800001, 0xbf000000, 0x80800000, 0x80000001
    .long 0xff812345, 0x40600000, 0x00000000, 0x00800000
    .long 0xffc00000, 0x3effffff, 0x80000000, 0x7f7fffff
    .long 0x501502f9, 0x7e967699, 0x3f800000, 0x7f800000
    .long 0x4f000000, 0x00400000, 0xbf800000, 0xff800000
    .long 0xcf000000, 0xcf000001, 0x3fc00000, 0x7fc00000
    .long 0x5f000000, 0x4effffff, 0x40200000, 0x7fc12345
    .long 0x3dcccccd, 0x0b800000, 0xc0200000, 0x7f800001
    .long 0x3eaaaaab, 0x33800000, 0x3f000000, 0xff812345
    .long 0x3f800001, 0xc0400000, 0x40400000, 0xffc00000
    .long 0x4b800001, 0x447a0000, 0x000116c2, 0x501502f9
    .long 0xbf000000, 0x80800000, 0x80000001, 0x4f000000
    .long 0x40600000, 0x00000000, 0x00800000, 0xcf000000
    .long 0x3effffff, 0x80000000, 0x7f7fffff, 0x5f000000
    .long 0x7e967699, 0x3f800000, 0x7f800000, 0x3dcccccd
x86t_sse_dtab:
    .quad 0x0000000000000000, 0x7ff0000000000000
    .quad 0x8000000000000000, 0xfff0000000000000
    .quad 0x3ff0000000000000, 0x7ff8000000000000
    .quad 0xbff0000000000000, 0x7ff8000012345678
    .quad 0x3ff8000000000000, 0x7ff0000000000001
    .quad 0x4004000000000000, 0xfff0000000012345
    .quad 0xc004000000000000, 0xfff8000000000000
    .quad 0x3fe0000000000000, 0x41e0000000000000
    .quad 0x4008000000000000, 0xc1e0000000000000
    .quad 0x0000000000012345, 0x43e0000000000000
    .quad 0x8000000000000001, 0xc3e0000000000001
    .quad 0x0010000000000000, 0x3fb999999999999a
    .quad 0x7fefffffffffffff, 0x3fd5555555555555
    .quad 0x7ff0000000000000, 0x3ff0000000000001
    .quad 0xfff0000000000000, 0x4340000000000001
    .quad 0x7ff8000000000000, 0xbfe0000000000000
    .quad 0x7ff8000012345678, 0x400c000000000000
    .quad 0x7ff0000000000001, 0x3fdfffffffffffff
    .quad 0xfff0000000012345, 0x47efffffe0000000
    .quad 0xfff8000000000000, 0x36a0000000000000
    .quad 0x41e0000000000000, 0x41dfffffffc00000
    .quad 0xc1e0000000000000, 0xc1e0000000200000
    .quad 0x43e0000000000000, 0x3810000000000000
    .quad 0xc3e0000000000001, 0x47f0000000000000
    .quad 0x3fb999999999999a, 0x380fffffffffffff
    .quad 0x3fd5555555555555, 0x3e70000000000000
    .quad 0x3ff0000000000001, 0x408f400000000000
    .quad 0x4340000000000001, 0x0000000000000000
    .quad 0xbfe0000000000000, 0x8000000000000000
    .quad 0x400c000000000000, 0x3ff0000000000000
    .quad 0x3fdfffffffffffff, 0xbff0000000000000
    .quad 0x47efffffe0000000, 0x3ff8000000000000

