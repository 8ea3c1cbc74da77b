/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Snippets of the MMX / SSE integer group (cpu/x86/trans-sse-int.c) for
 * test-x86-insns.c: native CPU against TCG. Vector registers are loaded
 * from rdi (A) and rsi (B), results moved to GPRs or stored at (%rbx);
 * MMX snippets end with EMMS so the host's x87 stack is empty again.
 *
 * xmm0 = {A, B}, xmm1 = {B, ~A}; mm0 = A, mm1 = B.
 */
#include "x86-insns.inc"

.macro LOADX
    movq %rdi, %xmm0
    pinsrq $1, %rsi, %xmm0
    movq %rsi, %xmm1
    movq %rdi, %rax
    notq %rax
    pinsrq $1, %rax, %xmm1
.endm

/* xmm0 to rax:rdx, xmm2 to r8:r9 */
.macro OUTX
    movq %xmm0, %rax
    pextrq $1, %xmm0, %rdx
    movq %xmm2, %r8
    pextrq $1, %xmm2, %r9
.endm

/* the register form into xmm0, the (aligned) memory form into xmm2 */
.macro BINX op
    LOADX
    movdqa %xmm0, %xmm2
    movdqa %xmm1, 16(%rbx)
    \op %xmm1, %xmm0
    \op 16(%rbx), %xmm2
    OUTX
.endm

.macro BINM op
    movq %rdi, %mm0
    movq %rsi, %mm1
    movq %mm0, %mm2
    movq %rsi, 16(%rbx)
    \op %mm1, %mm0
    \op 16(%rbx), %mm2
    movq %mm0, %rax
    movq %mm2, %r8
    emms
.endm

    .text
/* ---- binary ops with MMX and XMM forms ---- */
.irp op, punpcklbw, punpcklwd, punpckldq, punpckhbw, punpckhwd, punpckhdq, \
    packsswb, packuswb, packssdw, pcmpgtb, pcmpgtw, pcmpgtd, \
    pcmpeqb, pcmpeqw, pcmpeqd, paddb, paddw, paddd, paddq, \
    psubb, psubw, psubd, psubq, paddsb, paddsw, psubsb, psubsw, \
    paddusb, paddusw, psubusb, psubusw, pmullw, pmulhw, pmulhuw, pmuludq, \
    pmaddwd, pminub, pmaxub, pminsw, pmaxsw, pavgb, pavgw, psadbw, \
    pand, pandn, por, pxor, \
    pshufb, phaddw, phaddd, phaddsw, phsubw, phsubd, phsubsw, pmaddubsw, \
    psignb, psignw, psignd, pmulhrsw, pabsb, pabsw, pabsd
SNIP x_\op, 0, K_BIN, 64
    BINX \op
END
SNIP m_\op, 0, K_BIN, 64
    BINM \op
END
.endr

/* ---- XMM only ---- */
.irp op, punpcklqdq, punpckhqdq, packusdw, pcmpeqq, pcmpgtq, pmuldq, \
    pmulld, pminsb, pminsd, pminuw, pminud, pmaxsb, pmaxsd, pmaxuw, \
    pmaxud, phminposuw, aesenc, aesenclast, aesdec, aesdeclast, aesimc
SNIP x_\op, 0, K_BIN, 64
    BINX \op
END
.endr

/* PMOVSX/PMOVZX: register and (narrow, unaligned) memory forms */
.irp op, pmovsxbw, pmovsxbd, pmovsxbq, pmovsxwd, pmovsxwq, pmovsxdq, \
    pmovzxbw, pmovzxbd, pmovzxbq, pmovzxwd, pmovzxwq, pmovzxdq
SNIP x_\op, 0, K_BIN, 64
    LOADX
    movdqa %xmm0, %xmm2
    movq %rsi, 17(%rbx)
    \op %xmm1, %xmm0
    \op 17(%rbx), %xmm2
    OUTX
END
.endr

/* PBLENDVB: the mask is xmm0 */
SNIP x_pblendvb, 0, K_BIN, 64
    LOADX
    movdqa %xmm0, %xmm3
    movdqa %xmm1, %xmm0
    movq %rdi, %xmm1
    pinsrq $1, %rdi, %xmm1
    pxor %xmm3, %xmm1
    movdqa %xmm1, 16(%rbx)
    movdqa %xmm3, %xmm2
    pblendvb %xmm0, %xmm1, %xmm3
    pblendvb %xmm0, 16(%rbx), %xmm2
    movdqa %xmm3, %xmm0
    OUTX
END

/* ---- shifts: count in rcx (register forms), immediates ---- */
.irp op, psrlw, psrld, psrlq, psraw, psrad, psllw, pslld, psllq
SNIP x_\op, 0, K_SHIFT, 64
    LOADX
    movdqa %xmm0, %xmm2
    movq %rcx, %xmm1
    pinsrq $1, %rdi, %xmm1
    movdqa %xmm1, 16(%rbx)
    \op %xmm1, %xmm0
    \op 16(%rbx), %xmm2
    OUTX
END
SNIP m_\op, 0, K_SHIFT, 64
    movq %rdi, %mm0
    movq %rcx, %mm1
    movq %mm0, %mm2
    movq %rcx, 16(%rbx)
    \op %mm1, %mm0
    \op 16(%rbx), %mm2
    movq %mm0, %rax
    movq %mm2, %r8
    emms
END
.endr

.irp op, psrlw, psrld, psrlq, psraw, psrad, psllw, pslld, psllq
SNIP xi_\op, 0, K_BIN, 64
    LOADX
    .set slot, 0
    .irp n, 0, 1, 7, 15, 16, 31, 32, 63, 64, 255
    movdqa %xmm0, %xmm2
    \op $\n, %xmm2
    movdqu %xmm2, -256+16*slot(%rbx)
    .set slot, slot + 1
    .endr
    movq %rdi, %mm0
    \op $3, %mm0
    movq %mm0, %rax
    movq %rdi, %mm1
    \op $33, %mm1
    movq %mm1, %rdx
    emms
END
.endr

.irp op, psrldq, pslldq
SNIP xi_\op, 0, K_BIN, 64
    LOADX
    .set slot, 0
    .irp n, 0, 1, 3, 7, 8, 9, 15, 16, 17, 255
    movdqa %xmm0, %xmm2
    \op $\n, %xmm2
    movdqu %xmm2, -256+16*slot(%rbx)
    .set slot, slot + 1
    .endr
    movq %xmm2, %rax
END
.endr

/* ---- immediate-operand ops ---- */
.macro IMMX op, n, slot
    movdqa %xmm0, %xmm2
    \op $\n, %xmm1, %xmm2
    movdqu %xmm2, -256+16*\slot(%rbx)
.endm
.macro IMMXM op, n, slot
    movdqa %xmm0, %xmm2
    \op $\n, 16(%rbx), %xmm2
    movdqu %xmm2, -256+16*\slot(%rbx)
.endm

SNIP x_pshuf, 0, K_BIN, 64
    LOADX
    movdqa %xmm1, 16(%rbx)
    .irp op, pshufd, pshufhw, pshuflw
    IMMX \op, 0x1b, 0
    IMMX \op, 0xe4, 1
    IMMX \op, 0x00, 2
    IMMXM \op, 0x9c, 3
    .endr
    movq %rdi, %mm0
    movq %rsi, %mm1
    pshufw $0x1b, %mm1, %mm0
    movq %mm0, %rax
    pshufw $0x72, 16(%rbx), %mm0
    movq %mm0, %rdx
    emms
    movq %xmm2, %r8
END

SNIP x_palignr, 0, K_BIN, 64
    LOADX
    movdqa %xmm1, 16(%rbx)
    .set slot, 0
    .irp n, 0, 1, 5, 8, 15, 16, 17, 24, 31, 32, 255
    IMMX palignr, \n, slot
    .set slot, slot + 1
    .endr
    IMMXM palignr, 3, 14
    movq %rdi, %mm0
    movq %rsi, %mm1
    palignr $3, %mm1, %mm0
    movq %mm0, %rax
    movq %rdi, %mm0
    palignr $9, %mm1, %mm0
    movq %mm0, %rdx
    movq %rdi, %mm0
    palignr $17, 16(%rbx), %mm0
    movq %mm0, %r8
    emms
END

SNIP x_pblendw, 0, K_BIN, 64
    LOADX
    movdqa %xmm1, 16(%rbx)
    IMMX pblendw, 0, 0
    IMMX pblendw, 0xff, 1
    IMMX pblendw, 0xa5, 2
    IMMXM pblendw, 0x3c, 3
END

SNIP x_mpsadbw, 0, K_BIN, 64
    LOADX
    movdqa %xmm1, 16(%rbx)
    .irp n, 0, 1, 2, 3, 4, 5, 6, 7
    IMMX mpsadbw, \n, \n
    .endr
    IMMXM mpsadbw, 6, 8
END

SNIP x_pclmulqdq, 0, K_BIN, 64
    LOADX
    movdqa %xmm1, 16(%rbx)
    IMMX pclmulqdq, 0x00, 0
    IMMX pclmulqdq, 0x01, 1
    IMMX pclmulqdq, 0x10, 2
    IMMX pclmulqdq, 0x11, 3
    IMMXM pclmulqdq, 0x01, 4
    movdqa %xmm0, %xmm2
    pclmulqdq $0x00, %xmm0, %xmm2       /* squares */
    movdqu %xmm2, -256+16*5(%rbx)
END

SNIP x_aeskeygenassist, 0, K_BIN, 64
    LOADX
    movdqa %xmm1, 16(%rbx)
    IMMX aeskeygenassist, 0x00, 0
    IMMX aeskeygenassist, 0x01, 1
    IMMX aeskeygenassist, 0x36, 2
    IMMXM aeskeygenassist, 0xff, 3
END

/* AES: a FIPS-197 round sequence on A:B with a fixed key schedule step */
SNIP x_aes_rounds, 0, K_BIN, 64
    LOADX
    aeskeygenassist $1, %xmm1, %xmm2
    pshufd $0xff, %xmm2, %xmm2
    pxor %xmm1, %xmm2
    aesenc %xmm2, %xmm0
    aesenc %xmm1, %xmm0
    aesenclast %xmm2, %xmm0
    movdqa %xmm0, %xmm3
    aesdec %xmm2, %xmm3
    aesimc %xmm3, %xmm3
    aesdeclast %xmm1, %xmm3
    movdqa %xmm3, %xmm2
    OUTX
END

/* ---- inline forms (trans-sse-int.c): the source register is the
 * destination, glibc's byte broadcast, more shuffle immediates ---- */
.irp op, punpcklbw, punpcklwd, punpckldq, punpcklqdq, punpckhbw, \
    punpckhwd, punpckhdq, punpckhqdq, pminub, pmaxub, pminsw, pmaxsw, \
    pcmpgtb, pcmpgtw, pcmpgtd, pcmpgtq, pcmpeqq, psubusb, psubusw, \
    paddusb, paddusw, pminsb, pmaxsb, pminsd, pmaxsd, pminuw, pmaxuw, \
    pminud, pmaxud
SNIP xs_\op, 0, K_BIN, 64
    LOADX
    movdqa %xmm0, %xmm2
    \op %xmm2, %xmm2
    \op %xmm0, %xmm1
    movdqa %xmm1, %xmm0
    OUTX
END
.endr

.irp op, punpcklbw, punpcklwd, punpckldq, punpckhbw, punpckhwd, \
    punpckhdq, pminub, pmaxub, pminsw, pmaxsw, pcmpgtb, pcmpgtw, \
    pcmpgtd, psubusb, psubusw, paddusb, paddusw
SNIP ms_\op, 0, K_BIN, 64
    movq %rdi, %mm0
    movq %rsi, %mm1
    \op %mm0, %mm0
    \op %mm0, %mm1
    movq %mm0, %rax
    movq %mm1, %rdx
    emms
END
.endr

/* strchr's broadcast of the byte in esi to every byte */
SNIP x_broadcast, 0, K_BIN, 64
    LOADX
    movd %esi, %xmm1
    punpcklbw %xmm1, %xmm1
    punpcklwd %xmm1, %xmm1
    pshufd $0, %xmm1, %xmm1
    movdqa %xmm1, %xmm2
    movd %edi, %xmm3
    punpcklbw %xmm3, %xmm3
    pshuflw $0, %xmm3, %xmm3
    punpcklqdq %xmm3, %xmm3
    movdqa %xmm3, %xmm0
    OUTX
END

SNIP x_pshufd_imms, 0, K_BIN, 64
    LOADX
    movdqa %xmm1, 16(%rbx)
    .set slot, 0
    .irp n, 0x44, 0xee, 0x4e, 0xb1, 0xff, 0x55, 0xaa, 0x0e, 0xe0, 0x27
    IMMX pshufd, \n, slot
    .set slot, slot + 1
    .endr
    IMMXM pshufd, 0x44, 10
    IMMXM pshuflw, 0xe4, 11
    IMMXM pshufhw, 0x00, 12
    movdqa %xmm0, %xmm2
    pshufd $0x39, %xmm2, %xmm2
    pshufhw $0x1b, %xmm2, %xmm2
    pshuflw $0x4e, %xmm2, %xmm2
    OUTX
END

SNIP x_palignr_same, 0, K_BIN, 64
    LOADX
    .set slot, 0
    .irp n, 0, 3, 8, 13, 16, 20, 31, 32
    movdqa %xmm0, %xmm2
    palignr $\n, %xmm2, %xmm2
    movdqu %xmm2, -256+16*slot(%rbx)
    .set slot, slot + 1
    .endr
    movq %rdi, %mm0
    palignr $6, %mm0, %mm0
    movq %mm0, %rax
    movq %rsi, %mm1
    palignr $16, %mm0, %mm1
    movq %mm1, %rdx
    emms
END

/* ---- PTEST ---- */
SNIP x_ptest, F_ALL, K_BIN, 64
    LOADX
    movdqa %xmm1, 16(%rbx)
    ptest %xmm1, %xmm0
    setz %al
    setc %ah
    movdqa %xmm0, %xmm2
    pand %xmm1, %xmm2
    ptest %xmm2, %xmm0
    setc %dl
    pxor %xmm2, %xmm2
    ptest %xmm0, %xmm2
    setz %dh
    ptest 16(%rbx), %xmm0
END

/* ---- moves ---- */
SNIP x_movd_movq, 0, K_BIN, 64
    LOADX
    movd %edi, %xmm2
    movq %xmm2, %rax
    pextrq $1, %xmm2, %rdx
    movq %rsi, %xmm2
    movd %xmm2, %r8d
    movq %xmm2, %r9
    movl %esi, 8(%rbx)
    movd 8(%rbx), %xmm3
    pextrq $1, %xmm3, %r10
    movq %xmm3, %r11
    movd %xmm0, 20(%rbx)
    movq %xmm1, 28(%rbx)
    movq %rdi, 40(%rbx)
    movq 40(%rbx), %xmm3         /* F3 0F 7E */
    movq %xmm3, %r12
    pextrq $1, %xmm3, %r13
    movdqa %xmm1, %xmm3
    movq %xmm0, %xmm3            /* F3 0F 7E reg: upper zeroed */
    pextrq $1, %xmm3, %r14
    movdqa %xmm1, %xmm3
    .byte 0x66, 0x0f, 0xd6, 0xc3 /* movq %xmm0, %xmm3 (66 0F D6) */
    pextrq $1, %xmm3, %r15
    movq %xmm1, 48(%rbx)         /* 66 0F D6 m64 */
    movq %rdi, %mm0
    movq %mm0, %rcx
    movd %esi, %mm1
    movd %mm1, 60(%rbx)
    movq %rsi, 64(%rbx)
    movq 64(%rbx), %mm2          /* 0F 6F */
    movq %mm2, 72(%rbx)          /* 0F 7F */
    movq %mm2, %mm3
    movd %mm3, %ebp
    movdq2q %xmm1, %mm4
    movq %mm4, 80(%rbx)
    movq2dq %mm0, %xmm3
    movdqu %xmm3, 88(%rbx)
    movntq %mm0, 104(%rbx)
    emms
END

SNIP x_movdq, 0, K_BIN, 64
    LOADX
    movdqa %xmm0, 16(%rbx)
    movdqu %xmm1, 33(%rbx)
    movdqa 16(%rbx), %xmm2
    movdqu 33(%rbx), %xmm3
    movdqa %xmm3, %xmm4
    movdqu %xmm4, %xmm5
    movdqu %xmm5, 64(%rbx)
    movdqa %xmm2, 80(%rbx)
    lddqu 35(%rbx), %xmm6
    movdqu %xmm6, 96(%rbx)
    movntdq %xmm0, 112(%rbx)
    movntdqa 16(%rbx), %xmm7
    movdqu %xmm7, 128(%rbx)
    movnti %rdi, 144(%rbx)
    movnti %esi, 153(%rbx)
    movq %xmm2, %rax
    pextrq $1, %xmm3, %rdx
END

/* legacy-SSE 16-byte memory operands must be aligned: #GP */
SNIP x_movdqa_gp, 0, K_BIN, 64
    LOADX
    movdqa %xmm0, 16(%rbx)
    movq %xmm1, %rax
    movdqa 8(%rbx), %xmm0
    movq %xmm0, %rdx
END
SNIP x_paddb_gp, 0, K_BIN, 64
    LOADX
    paddb %xmm1, %xmm0
    movq %xmm0, %rax
    paddb 4(%rbx), %xmm0
    movq %xmm0, %rdx
END
SNIP x_movdqa_st_gp, 0, K_BIN, 64
    LOADX
    movdqu %xmm0, 16(%rbx)
    movdqa %xmm1, 24(%rbx)
END

/* ---- insert, extract, mask ---- */
SNIP x_pinsr_pextr, 0, K_BIN, 64
    LOADX
    movdqa %xmm1, %xmm2
    pinsrw $0, %edi, %xmm2
    pinsrw $13, %esi, %xmm2
    movw %si, 8(%rbx)
    pinsrw $6, 8(%rbx), %xmm2
    pinsrb $5, %esi, %xmm2
    pinsrb $31, 9(%rbx), %xmm2
    pinsrb $1, %ebp, %xmm2            /* the low byte of ebp, not ch */
    pinsrd $2, %edi, %xmm2
    pinsrd $1, 8(%rbx), %xmm2
    movdqu %xmm2, 16(%rbx)
    pinsrq $0, %rsi, %xmm2
    pinsrq $1, 12(%rbx), %xmm2
    movdqu %xmm2, 32(%rbx)
    pextrw $3, %xmm0, %eax
    pextrw $9, %xmm1, %rdx
    pextrb $15, %xmm0, %ecx
    pextrb $4, %xmm1, 48(%rbx)
    pextrw $5, %xmm0, 50(%rbx)
    /* pextrw $2, %xmm0, %ebp in its 0F 3A form */
    .byte 0x66, 0x0f, 0x3a, 0x15, 0xc5, 0x02
    pextrd $3, %xmm1, %r8d
    pextrd $1, %xmm0, 52(%rbx)
    pextrq $0, %xmm1, 56(%rbx)
    movq %rdi, %mm0
    pinsrw $2, %esi, %mm0
    pinsrw $7, 8(%rbx), %mm0
    movq %mm0, %r9
    pextrw $1, %mm0, %r10d
    pextrw $6, %mm0, %r11d
    emms
END

SNIP x_pmovmskb, 0, K_BIN, 64
    LOADX
    pmovmskb %xmm0, %eax
    pmovmskb %xmm1, %rdx
    movq %rsi, %mm3
    pmovmskb %mm3, %r8d
    emms
END

SNIP x_maskmov, 0, K_BIN, 64
    LOADX
    movq %rbx, %rdi
    maskmovdqu %xmm1, %xmm0
    addq $32, %rdi
    maskmovdqu %xmm0, %xmm1
    movq %rsi, %mm0
    movdq2q %xmm1, %mm1
    addq $32, %rdi
    maskmovq %mm0, %mm1
    emms
END

SNIP m_emms, 0, K_BIN, 64
    movq %rdi, %mm5
    emms
    movq %mm5, %rax               /* reading after EMMS is allowed */
    emms
END

/* ---- CRC32 ---- */
SNIP crc32, 0, K_BIN, 64
    movq %rdi, %rax
    crc32b %sil, %eax
    movq %rdi, %rdx
    crc32w %si, %edx
    movq %rdi, %r8
    crc32l %esi, %r8d
    movq %rdi, %r9
    crc32q %rsi, %r9
    movq %rdi, %r10
    movq %rsi, 8(%rbx)
    crc32q 8(%rbx), %r10
    movq %rdi, %r11
    crc32b 9(%rbx), %r11
    movq %rsi, %rcx
    crc32b %ch, %ebp
    crc32l 12(%rbx), %r13d
END

/* ---- PCMPxSTRx: every imm8 mode, results hashed into r8 ---- */
.macro PCMP_HASH
    pushfq
    popq %r9
    andl $0x8d5, %r9d
    imulq $0x3b, %r8
    addq %r9, %r8
.endm

.macro PCMPI_ALL insn, lo, hi, mask
    .irp n, \lo, \lo+1, \lo+2, \lo+3, \lo+4, \lo+5, \lo+6, \lo+7, \
        \lo+8, \lo+9, \lo+10, \lo+11, \lo+12, \lo+13, \lo+14, \lo+15, \
        \lo+16, \lo+17, \lo+18, \lo+19, \lo+20, \lo+21, \lo+22, \lo+23, \
        \lo+24, \lo+25, \lo+26, \lo+27, \lo+28, \lo+29, \lo+30, \lo+31
    .if \mask
    movdqa %xmm6, %xmm0
    \insn $\n, %xmm1, %xmm0
    PCMP_HASH
    movq %xmm0, %r9
    addq %r9, %r8
    pextrq $1, %xmm0, %r9
    xorq %r9, %r8
    .else
    \insn $\n, %xmm1, %xmm0
    PCMP_HASH
    addq %rcx, %r8
    .endif
    .endr
.endm

/* a: xmm0 = {A, B} with some zero bytes, b: xmm1 = {B, A ^ B} */
.macro PCMP_LOAD
    movq %rdi, %xmm0
    pinsrq $1, %rsi, %xmm0
    movq %rsi, %xmm1
    movq %rdi, %rax
    xorq %rsi, %rax
    pinsrq $1, %rax, %xmm1
    movdqa %xmm0, %xmm6
    movl %edi, %eax
    andl $0x1f, %eax
    subl $8, %eax
    movl %esi, %edx
    andl $0x1f, %edx
    subl $4, %edx
    xorl %r8d, %r8d
.endm

.irp part, 0, 32, 64, 96
SNIP pcmpistri_\part, F_ALL, K_BIN, 64
    PCMP_LOAD
    PCMPI_ALL pcmpistri, \part, \part+31, 0
END
SNIP pcmpestri_\part, F_ALL, K_BIN, 64
    PCMP_LOAD
    PCMPI_ALL pcmpestri, \part, \part+31, 0
END
SNIP pcmpistrm_\part, F_ALL, K_BIN, 64
    PCMP_LOAD
    PCMPI_ALL pcmpistrm, \part, \part+31, 1
END
SNIP pcmpestrm_\part, F_ALL, K_BIN, 64
    PCMP_LOAD
    PCMPI_ALL pcmpestrm, \part, \part+31, 1
END
.endr

/* explicit lengths from the full rAX/rDX (REX.W), memory operand
 * (unaligned: PCMPxSTRx takes any address), the lengths' edge values */
SNIP pcmpestr_misc, F_ALL, K_BIN, 64
    PCMP_LOAD
    movq %rdi, %rax
    movq %rsi, %rdx
    .byte 0x66, 0x48, 0x0f, 0x3a, 0x61, 0xc1, 0x0c  /* pcmpestriq $12 */
    PCMP_HASH
    addq %rcx, %r8
    .byte 0x66, 0x48, 0x0f, 0x3a, 0x60, 0xc1, 0x44  /* pcmpestrmq $0x44 */
    PCMP_HASH
    movq %xmm0, %r9
    addq %r9, %r8
    movq %rdi, %rax                 /* 32-bit lengths: upper halves ignored */
    movq %rsi, %rdx
    pcmpestri $0x0c, %xmm1, %xmm6
    PCMP_HASH
    addq %rcx, %r8
    movdqu %xmm1, 3(%rbx)
    movl $-17, %eax
    movl $16, %edx
    pcmpestri $0x08, 3(%rbx), %xmm6
    PCMP_HASH
    addq %rcx, %r8
    movl $0x80000000, %eax
    movl $-2, %edx
    pcmpestri $0x39, 3(%rbx), %xmm6
    PCMP_HASH
    addq %rcx, %r8
    pcmpistrm $0x4c, 3(%rbx), %xmm6
    PCMP_HASH
    movq %xmm0, %r9
    addq %r9, %r8
    pextrq $1, %xmm0, %r10
END

/* imm8 after a RIP-relative operand: the address is relative to the
 * end of the instruction, imm8 included */
SNIP x_riprel_imm, F_ALL, K_BIN, 64
    LOADX
    movdqa %xmm0, %xmm2
    pshufd $0x1b, x86t_sse_int_data(%rip), %xmm2
    palignr $3, x86t_sse_int_data(%rip), %xmm2
    pblendw $0x35, x86t_sse_int_data(%rip), %xmm2
    mpsadbw $5, x86t_sse_int_data(%rip), %xmm2
    pinsrb $2, x86t_sse_int_data+5(%rip), %xmm2
    pinsrw $3, x86t_sse_int_data+7(%rip), %xmm2
    pinsrd $1, x86t_sse_int_data+9(%rip), %xmm2
    pinsrq $1, x86t_sse_int_data+3(%rip), %xmm0
    pclmulqdq $0x11, x86t_sse_int_data(%rip), %xmm0
    aeskeygenassist $0x1b, x86t_sse_int_data(%rip), %xmm3
    pxor %xmm3, %xmm0
    pcmpistri $0x0c, x86t_sse_int_data(%rip), %xmm1
    movq %rdi, %mm0
    pshufw $0x4e, x86t_sse_int_data(%rip), %mm0
    pinsrw $1, x86t_sse_int_data+1(%rip), %mm0
    palignr $5, x86t_sse_int_data(%rip), %mm0
    movq %mm0, %r10
    emms
    OUTX
END
    .section .rodata
    .balign 16
x86t_sse_int_data:
    .quad 0x00ff7f8001fe8000, 0x6c6c6568ff018000, 0x123456789abcdef0
    .text

/* xmm8-15 (REX.R/REX.B), and MMX ignoring REX.R/REX.B */
SNIP x_rex_regs, F_ALL, K_BIN, 64
    movq %rdi, %xmm8
    pinsrq $1, %rsi, %xmm8
    movq %rsi, %xmm13
    pinsrq $1, %rdi, %xmm13
    movdqa %xmm8, %xmm9
    paddb %xmm13, %xmm9
    pshufb %xmm8, %xmm13
    pinsrd $2, %edi, %xmm14
    movdqa %xmm13, %xmm14
    pinsrd $2, %r9d, %xmm14
    pblendw $0x5a, %xmm9, %xmm14
    movdqa %xmm8, %xmm0
    pblendvb %xmm0, %xmm14, %xmm9
    movdqa %xmm9, 16(%rbx)
    pmaxsw 16(%rbx), %xmm13
    pcmpistri $0x04, %xmm13, %xmm8
    pextrq $1, %xmm9, %r11
    movq %xmm13, %r10
    pextrw $7, %xmm14, %r12d
    movq %xmm14, %r13
    pmovmskb %xmm9, %r14d
    movq %r8, %mm3
    movq %rsi, %mm0
    .byte 0x45, 0x0f, 0xfc, 0xd8    /* paddb %mm0(+REX.B), %mm3(+REX.R) */
    movq %rdi, %mm0
    .byte 0x45, 0x0f, 0xfc, 0xd8
    movq %mm3, %r15
    emms
END

/* ---- encodings that are #UD ---- */
.macro UD name, bytes:vararg
SNIP ud_\name, 0, K_UN, 64
    incq %rdi
    .byte \bytes
    incq %rsi
END
.endm
UD psrldq_mm, 0x0f, 0x73, 0xd8, 0x01          /* 0F 73 /3: no MMX form */
UD psraq, 0x66, 0x0f, 0x73, 0xe0, 0x01        /* 0F 73 /4 */
UD psllw_mem, 0x66, 0x0f, 0x71, 0x30, 0x01    /* shift-imm groups: mod 3 */
UD ptest_np, 0x0f, 0x38, 0x17, 0xc1           /* SSE4.1 needs 66 */
UD pminsb_np, 0x0f, 0x38, 0x38, 0xc1
UD pextrb_np, 0x0f, 0x3a, 0x14, 0xc0, 0x01
UD movq_d6_np, 0x0f, 0xd6, 0xc1
UD pextrw_mem, 0x66, 0x0f, 0xc5, 0x03, 0x01   /* register form only */
UD pmovmskb_mem, 0x0f, 0xd7, 0x03
UD maskmovq_mem, 0x0f, 0xf7, 0x03
UD movntdq_reg, 0x66, 0x0f, 0xe7, 0xc1
UD lddqu_reg, 0xf2, 0x0f, 0xf0, 0xc1
UD movnti_reg, 0x0f, 0xc3, 0xc1
UD movq2dq_mem, 0xf3, 0x0f, 0xd6, 0x03
UD punpcklqdq_mm, 0x0f, 0x6c, 0xc1
UD crc32_f3, 0xf3, 0x0f, 0x38, 0xf1, 0xc1      /* MOVBE has no F3 form */
UD lock_paddb, 0xf0, 0x66, 0x0f, 0xfc, 0x03
