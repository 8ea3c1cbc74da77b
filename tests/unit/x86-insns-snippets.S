/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Instruction snippets for test-x86-insns.c. Each runs natively and under
 * the TCG x86 front end from the same register state and ends in UD2; the
 * test compares registers, flags and memory. Every snippet has a record
 * in section x86t_table: code address, name, compared flags, kind (which
 * inputs the test varies) and operand width.
 *
 * Register conventions: rdi = A, rsi = B, rcx = count, rbx = pointer to
 * the test's memory buffer (middle of it), rsp = its stack.
 */
#include "x86-insns.inc"

    .text
/* ---- ALU, all sizes ---- */
.irp op, add, adc, sub, sbb, and, or, xor, cmp, test
SNIP \op\()b, F_ALL, K_BIN, 8
    \op\()b %sil, %dil
END
SNIP \op\()w, F_ALL, K_BIN, 16
    \op\()w %si, %di
END
SNIP \op\()l, F_ALL, K_BIN, 32
    \op\()l %esi, %edi
END
SNIP \op\()q, F_ALL, K_BIN, 64
    \op\()q %rsi, %rdi
END
SNIP \op\()_mem, F_ALL, K_BIN, 64
    movq %rdi, 8(%rbx)
    \op\()q %rsi, 8(%rbx)
    \op\()l 8(%rbx), %edx
    \op\()b $0x85, 9(%rbx)
    \op\()w $-3, %di
    \op\()q $0x7fff1234, %rsi
END
SNIP \op\()_hi, F_ALL, K_BIN, 8
    movq %rdi, %rax
    movq %rsi, %rdx
    \op\()b %dh, %ah
    \op\()b %al, %ch
END
.endr
.irp op, add, adc, sub, sbb, and, or, xor
SNIP lock_\op, F_ALL, K_BIN, 64
    movq %rdi, 8(%rbx)
    movq %rsi, 16(%rbx)
    lock \op\()q %rsi, 8(%rbx)
    lock \op\()l %edi, 16(%rbx)
    lock \op\()w $0x1234, 12(%rbx)
    lock \op\()b %sil, 20(%rbx)
    movq 8(%rbx), %r8
END
.endr

/* ---- unary ---- */
.irp op, inc, dec, neg, not
SNIP \op\()b, F_ALL, K_UN, 8
    \op\()b %dil
    \op\()b %ah
END
SNIP \op\()w, F_ALL, K_UN, 16
    \op\()w %di
END
SNIP \op\()l, F_ALL, K_UN, 32
    \op\()l %edi
END
SNIP \op\()q, F_ALL, K_UN, 64
    \op\()q %rdi
END
SNIP lock_\op, F_ALL, K_UN, 64
    movq %rdi, 8(%rbx)
    lock \op\()q 8(%rbx)
    lock \op\()w 10(%rbx)
    \op\()b 11(%rbx)
END
.endr

/* ---- multiply and divide ---- */
SNIP mulb, F_CO, K_BIN, 8
    movq %rdi, %rax
    mulb %sil
END
SNIP mulw2, F_CO, K_BIN, 16
    movq %rdi, %rax
    mulw %si
END
SNIP mull2, F_CO, K_BIN, 32
    movq %rdi, %rax
    mull %esi
END
SNIP mulq2, F_CO, K_BIN, 64
    movq %rdi, %rax
    mulq %rsi
END
SNIP imulb1, F_CO, K_BIN, 8
    movq %rdi, %rax
    imulb %sil
END
SNIP imulw1, F_CO, K_BIN, 16
    movq %rdi, %rax
    imulw %si
END
SNIP imull1, F_CO, K_BIN, 32
    movq %rdi, %rax
    imull %esi
END
SNIP imulq1, F_CO, K_BIN, 64
    movq %rdi, %rax
    imulq %rsi
END
SNIP imul2, F_CO, K_BIN, 64
    movq %rdi, %r8
    movq %rdi, %r9
    movq %rdi, %r10
    imulw %si, %r8w
    imull %esi, %r9d
    imulq %rsi, %r10
END
SNIP imul3w, F_CO, K_BIN, 16
    imulw $300, %di, %dx
END
SNIP imul3l, F_CO, K_BIN, 32
    imull $-7, %edi, %edx
END
SNIP imul3q, F_CO, K_BIN, 64
    imulq $0x12345, %rdi, %rdx
END
SNIP imul3q8, F_CO, K_BIN, 64
    imulq $-128, %rsi, %rdx
END
.irp op, div, idiv
SNIP \op\()b, 0, K_DIV, 8
    \op\()b %sil
END
SNIP \op\()w, 0, K_DIV, 16
    \op\()w %si
END
SNIP \op\()l, 0, K_DIV, 32
    \op\()l %esi
END
SNIP \op\()q, 0, K_DIV, 64
    \op\()q %rsi
END
SNIP \op\()_mem, 0, K_DIV, 64
    movq %rsi, 8(%rbx)
    \op\()q 8(%rbx)
END
.endr

/* ---- conditions: SETcc, CMOVcc, Jcc after each kind of flag producer */
.irp cc, o, no, b, ae, e, ne, be, a, s, ns, p, np, l, ge, le, g
SNIP cc_\cc, F_LOGIC, K_BIN, 64
    cmpq %rsi, %rdi
    set\cc %al
    cmov\cc %rsi, %r8
    addl %esi, %edi
    set\cc %ah
    cmov\cc\()l %esi, %r9d
    andw %si, %di
    set\cc %cl
    cmov\cc\()w %si, %r10w
    subb %sil, %dil
    set\cc %dl
    j\cc 1f
    incq %r11
1:  incq %rdi
    set\cc %r12b
    shlq $1, %rsi
    set\cc %r13b
    sarq %cl, %rdi
    set\cc %r14b
    cmpb %sil, %dil
    set\cc %dh
    cmpw %si, %di
    j\cc 2f
    btsq $3, %r15
2:  cmpl %esi, %edi
    j\cc 3f
    btsq $4, %r15
3:  testl %esi, %edi
    j\cc 4f
    btsq $5, %r15
4:  testq %rsi, %rsi
    j\cc 5f
    btsq $6, %r15
5:
END
.endr

/* ---- shifts and rotates by CL ---- */
.irp op, shl, shr, sar, rol, ror, rcl, rcr
SNIP \op\()b, F_ALL & ~F_AF, K_SHIFT, 8
    \op\()b %cl, %dil
END
SNIP \op\()w, F_ALL & ~F_AF, K_SHIFT, 16
    \op\()w %cl, %di
END
SNIP \op\()l, F_ALL & ~F_AF, K_SHIFT, 32
    \op\()l %cl, %edi
END
SNIP \op\()q, F_ALL & ~F_AF, K_SHIFT, 64
    \op\()q %cl, %rdi
END
SNIP \op\()_imm, F_CO, K_UN, 64
    \op\()q $1, %rdi
    \op\()l $5, %esi
    \op\()b $7, %dh
    \op\()w $15, %r8w
    \op\()q $63, %r9
    \op\()q %r10
    \op\()b $1, %ah
END
SNIP \op\()_mem, F_ALL & ~F_AF, K_SHIFT, 32
    movq %rdi, 8(%rbx)
    \op\()l %cl, 8(%rbx)
    movl 8(%rbx), %edi
END
.endr
SNIP shldw, F_ALL & ~F_AF, K_SHIFTD, 16
    shldw %cl, %si, %di
END
SNIP shldl, F_ALL & ~F_AF, K_SHIFTD, 32
    shldl %cl, %esi, %edi
END
SNIP shldq, F_ALL & ~F_AF, K_SHIFTD, 64
    shldq %cl, %rsi, %rdi
END
SNIP shrdw, F_ALL & ~F_AF, K_SHIFTD, 16
    shrdw %cl, %si, %di
END
SNIP shrdl, F_ALL & ~F_AF, K_SHIFTD, 32
    shrdl %cl, %esi, %edi
END
SNIP shrdq, F_ALL & ~F_AF, K_SHIFTD, 64
    shrdq %cl, %rsi, %rdi
END
SNIP shld_imm, F_CF | F_ZF | F_SF | F_PF | F_DF, K_BIN, 64
    shldq $1, %rsi, %rdi
    shrdl $7, %esi, %edx
    shldw $3, %si, %r8w
END

/* ---- bits ---- */
.irp op, bt, bts, btr, btc
SNIP \op\()q, F_CF | F_ZF, K_BIN, 64
    \op\()q %rsi, %rdi
    \op\()l $33, %edx
    \op\()w %si, %r8w
END
SNIP \op\()_mem, F_CF | F_ZF, K_BIN, 64
    movq %rdi, 8(%rbx)
    andq $255, %rsi
    subq $128, %rsi
    \op\()q %rsi, 8(%rbx)
    \op\()l $37, 16(%rbx)
    .ifnc \op,bt
    lock \op\()w %si, 24(%rbx)
    .else
    btw %si, 24(%rbx)
    .endif
END
.endr
.macro BITSCAN w, src, dst
SNIP bsf\w, F_ZF, K_BIN, 64
    bsf\w \src, \dst
END
SNIP bsr\w, F_ZF, K_BIN, 64
    bsr\w \src, \dst
END
SNIP tzcnt\w, F_ZF | F_CF, K_BIN, 64
    tzcnt\w \src, \dst
END
SNIP lzcnt\w, F_ZF | F_CF, K_BIN, 64
    lzcnt\w \src, \dst
END
SNIP popcnt\w, F_ALL, K_BIN, 64
    popcnt\w \src, \dst
END
.endm
BITSCAN w, %di, %si
BITSCAN l, %edi, %esi
BITSCAN q, %rdi, %rsi

/* ---- data movement ---- */
SNIP movs, F_ALL, K_BIN, 64
    movabsq $0x123456789abcdef0, %rax
    movb $5, %ah
    movw $-1, %di
    movl $-1, %r8d
    movb %dil, %sil
    movl %esi, %r9d
    movq $-2, %r10
    movzbl %sil, %r11d
    movzwq %si, %r12
    movsbq %dil, %r13
    movswl %di, %r14d
    movsbw %ah, %dx
    movslq %esi, %rdx
    movw %si, 8(%rbx)
    movzbl 9(%rbx), %ecx
    movsbq 8(%rbx), %rbp
END
SNIP cbw, F_ALL, K_BIN, 64
    movq %rdi, %rax
    cbtw
    movq %rax, %r8
    movq %rdi, %rax
    cwtl
    movq %rax, %r9
    movq %rdi, %rax
    cltq
    movq %rax, %r10
    movq %rdi, %rax
    cwtd
    cltd
    movq %rdx, %r11
    cqto
END
SNIP lea, F_ALL, K_BIN, 64
    leaq 0x10(%rdi,%rsi,4), %rax
    leal -8(%rdi), %ecx
    leaw (%rdi,%rdi,8), %dx
    leaq 0(%rip), %r8
    leaq -0x1000(,%rsi,2), %r9
    leal (%esi,%edi), %r10d
    leaq (%r12,%r13,8), %r11
    leaq 0x7fffffff(%rsp), %r14
END
SNIP xchg, F_ALL, K_BIN, 64
    xchgq %rdi, %rsi
    xchgl %edi, %eax
    xchgb %sil, %dl
    xchgw %r8w, %ax
    xchgl %r9d, %r9d
    xchgb %ch, %dh
    xchgq %rsi, 8(%rbx)
    nop
    pause
    nopl 0(%rax,%rax,1)
    nopw 0(%rax,%rax,1)
END
SNIP bswap, F_ALL, K_BIN, 64
    bswapq %rdi
    bswapl %esi
    bswapl %r9d
END
SNIP xadd, F_ALL, K_BIN, 64
    xaddq %rsi, %rdi
    xaddl %edi, %edx
    xaddb %sil, %al
    movq %rdi, 8(%rbx)
    lock xaddw %si, 8(%rbx)
END
SNIP cmpxchg_eq, F_ALL, K_BIN, 64
    movq %rdi, %rax
    cmpxchgq %rsi, %rdi
    movq %rsi, %rax
    cmpxchgl %edi, %esi
    movq %rdi, 8(%rbx)
    movq %rdi, %rax
    lock cmpxchgq %rsi, 8(%rbx)
END
SNIP cmpxchg_ne, F_ALL, K_BIN, 64
    cmpxchgq %rsi, %rdi
    cmpxchgl %edi, %esi
    cmpxchgb %sil, %dl
    movq %rsi, 8(%rbx)
    lock cmpxchgw %di, 8(%rbx)
END
SNIP cmpxchg8b, F_ZF | F_DF, K_BIN, 64
    movq %rdi, 8(%rbx)
    movq %rdi, %rax
    movq %rdi, %rdx
    shrq $32, %rdx
    movq %rsi, %rcx
    movq %rsi, %r8
    movq %rsi, %rbx
    movq %r8, %rcx
    leaq x86t_mem+256(%rip), %r9
    lock cmpxchg8b 8(%r9)
    lock cmpxchg8b 8(%r9)
END
SNIP cmpxchg16b, F_ZF | F_DF, K_BIN, 64
    leaq x86t_mem+256(%rip), %r9
    movq %rdi, 16(%r9)
    movq %rsi, 24(%r9)
    movq %rdi, %rax
    movq %rsi, %rdx
    movq %rsi, %rbx
    movq %rdi, %rcx
    lock cmpxchg16b 16(%r9)
    lock cmpxchg16b 16(%r9)
END

/* ---- stack and control ---- */
SNIP stack, F_ALL, K_BIN, 64
    pushq %rdi
    popq %rax
    pushw %si
    popw %dx
    pushq $-5
    popq %rcx
    pushq $0x12345678
    pushq 8(%rbx)
    popq 16(%rbx)
    popq %r8
    pushq %r15
    popq %r14
END
SNIP call_ret, F_ALL, K_BIN, 64
    call 1f
    jmp 2f
1:  addq %rsi, %rdi
    ret
2:  call 3f
3:  popq %rax
    leaq 4f(%rip), %rdx
    call *%rdx
    jmp 5f
4:  ret $8
5:  leaq 6f(%rip), %rcx
    pushq %rcx
    jmp *(%rsp)
6:  popq %rcx
END
SNIP enter_leave, F_ALL, K_BIN, 64
    movq %rsp, %rbp
    enter $24, $0
    movq %rdi, -8(%rbp)
    movq %rsp, %r8
    leave
END
SNIP loop, F_ALL, K_BIN, 64
    movl $5, %ecx
1:  addq %rdi, %rax
    loop 1b
    movl $7, %ecx
2:  cmpq %rsi, %rdi
    incq %rdi
    loope 2b
    movl $7, %ecx
3:  cmpq %rsi, %rdi
    decq %rdi
    loopne 3b
    movq %rcx, %r8
    xorl %ecx, %ecx
    jrcxz 4f
    incq %r9
4:  jecxz 5f
    incq %r9
5:
END
SNIP flags, F_ALL, K_UN, 64
    movq %rdi, %rax
    sahf
    lahf
    movq %rax, %r8
    stc
    setc %r9b
    cmc
    setc %r10b
    clc
    setc %r11b
    std
    pushfq
    popq %r12
    cld
    pushfq
    popq %r13
    andq $0xcd5, %rdi
    pushq %rdi
    popfq
    pushfq
    popq %r14
    andw $0xcd5, %si
    pushw %si
    popfw
END

/* ---- strings ---- */
SNIP strings, F_ALL, K_BIN, 64
    leaq 64(%rbx), %rsi
    leaq 128(%rbx), %rdi
    movl $5, %ecx
    rep movsb
    movl $3, %ecx
    movq $-1, %rax
    rep stosq
    leaq -64(%rbx), %rsi
    lodsq
    lodsb
    std
    lodsw
    stosl
    movsq
    cld
    xorl %ecx, %ecx
    rep movsb
END
SNIP repe_cmps, F_ALL, K_BIN, 64
    movq %rdi, 64(%rbx)
    movq %rdi, 128(%rbx)
    movq %rsi, 72(%rbx)
    movq %rdi, 136(%rbx)
    leaq 64(%rbx), %rsi
    leaq 128(%rbx), %rdi
    movl $16, %ecx
    repe cmpsb
    movq %rcx, %r8
    leaq 64(%rbx), %rsi
    leaq 128(%rbx), %rdi
    movl $4, %ecx
    repne cmpsw
END
SNIP scas, F_ALL, K_BIN, 64
    movq %rdi, 64(%rbx)
    movq %rsi, 72(%rbx)
    movq %rsi, %rax
    leaq 64(%rbx), %rdi
    movl $16, %ecx
    repne scasb
    movq %rcx, %r8
    movq %rdi, %r9
    leaq 64(%rbx), %rdi
    movl $4, %ecx
    repe scasl
    scasq
END
SNIP enter_nested, F_ALL, K_BIN, 64
    leaq 64(%rsp), %rbp
    enter $40, $1
    movq %rbp, %r8
    movq %rsp, %r9
    leave
    leaq 96(%rsp), %rbp
    enter $8, $4
    movq %rsp, %r10
    movq %rbp, %r11
    leave
    enter $0, $31
    movq %rsp, %r12
    leave
END
SNIP sreg_moffs, F_ALL, K_BIN, 64
    mov %fs, %eax
    mov %ss, %rdx
    mov %cs, %r8w
    mov %ds, %r9d
    movw %ss, 8(%rbx)
    movabs %fs:0x10, %rax
    movabs %fs:0x10, %al
    movabs %fs:0x10, %ax
END
SNIP fence_xlat, F_ALL, K_BIN, 64
    mfence
    lfence
    sfence
    clflush 8(%rbx)
    movq %rdi, %rax
    xlat
    movb $0x80, %al
    xlatb
    movq %rax, %r8
    leaq -128(%rbx), %rbx
    movb %sil, %al
    xlat
END
/* ---- BMI1, BMI2, MOVBE (VEX and the 0F 38 map) ---- */
SNIP andn, F_LOGIC & ~F_PF, K_BIN, 64
    andnl %esi, %edi, %r8d
    andnq %rsi, %rdi, %r9
    andnq 8(%rbx), %rdi, %r10
END
.irp op, blsr, blsmsk, blsi
SNIP \op, F_CF | F_ZF | F_SF | F_OF | F_DF, K_BIN, 64
    \op\()l %esi, %r8d
    \op\()q %rdi, %r9
    \op\()q %rsi, %rdi
END
.endr
SNIP bextr, F_CF | F_ZF | F_OF | F_DF, K_BIN, 64
    bextrl %esi, %edi, %r8d
    bextrq %rdi, %rsi, %r9
    bextrq %rsi, %rdi, %rdi
END
SNIP bzhi, F_CF | F_ZF | F_SF | F_OF | F_DF, K_BIN, 64
    bzhil %esi, %edi, %r8d
    bzhiq %rdi, %rsi, %r9
    bzhiq %rsi, %rdi, %rdi
END
SNIP pdep_pext, F_ALL, K_BIN, 64
    pdepl %esi, %edi, %r8d
    pdepq %rsi, %rdi, %r9
    pextl %esi, %edi, %r10d
    pextq %rsi, %rdi, %r11
    pextq 8(%rbx), %rdi, %r12
END
SNIP mulx, F_ALL, K_BIN, 64
    movq %rdi, %rdx
    mulxq %rsi, %r8, %r9
    mulxl %esi, %r10d, %r11d
    mulxq %rsi, %r12, %r12
END
SNIP shiftx, F_ALL, K_BIN, 64
    shlxq %rsi, %rdi, %r8
    shrxq %rsi, %rdi, %r9
    sarxq %rsi, %rdi, %r10
    shlxl %esi, %edi, %r11d
    shrxl %esi, %edi, %r12d
    sarxl %esi, %edi, %r13d
    rorxq $13, %rdi, %r14
    rorxl $31, %esi, %r15d
    rorxq $0, 8(%rbx), %rdx
END
SNIP adx, F_ALL, K_BIN, 64
    adcxq %rsi, %rdi
    adoxq %rdi, %rsi
    adcxl %esi, %r8d
    adoxl %edi, %r9d
    adcxq 8(%rbx), %r10
    adoxq %r10, %r11
END
SNIP movbe, F_ALL, K_BIN, 64
    movq %rdi, 8(%rbx)
    movbeq 8(%rbx), %r8
    movbel 12(%rbx), %r9d
    movbew 10(%rbx), %r10w
    movbeq %rsi, 16(%rbx)
    movbel %esi, 24(%rbx)
    movbew %si, 30(%rbx)
END
SNIP fs_load, F_ALL, K_BIN, 64
    movq %fs:0x10, %rax
    movq %fs:0, %rdx
END

/* ---- exceptions ---- */
SNIP de_after_add, F_ALL, K_BIN, 64
    movl $0, %ecx
    addq %rsi, %rdi
    divq %rcx                    /* #DE: the ADD's flags must survive */
END
SNIP de_after_cmp8, F_ALL, K_BIN, 64
    movl $0, %ecx
    cmpb %sil, %dil
    idivl %ecx
END
SNIP lock_reg, F_ALL, K_UN, 64
    incq %rdi
    .byte 0xf0, 0x01, 0xc0       /* lock add %eax, %eax: #UD */
    incq %rsi
END
SNIP hlt, F_ALL, K_UN, 64
    incq %rdi
    hlt
END
SNIP bad_lea, F_ALL, K_UN, 64
    incq %rdi
    .byte 0x48, 0x8d, 0xc0       /* lea %rax, %rax: #UD */
END

/* ---- TCG-only snippets (the host's answer differs by design) ---- */
    .globl x86t_cpuid, x86t_rdtsc, x86t_syscall, x86t_sse, x86t_toolong
    .globl x86t_longok, x86t_int3
x86t_cpuid:
    cpuid
    ud2
x86t_rdtsc:
    rdtsc
    ud2
x86t_syscall:
    syscall
    ud2
x86t_sse:
    incq %rdi
    vaddps %zmm0, %zmm1, %zmm2
    ud2
x86t_toolong:
    .byte 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66
    .byte 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x90
    ud2
x86t_longok:
    .byte 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66
    .byte 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x90
    ud2
x86t_int3:
    int3
    ud2
    .globl x86t_rep_fault, x86t_load_fault
x86t_rep_fault:
    incq %r8
    rep movsb
    ud2
x86t_load_fault:
    addq %rsi, %rdi
    movq (%rdx), %rax
    ud2
    .globl x86t_rdrand
x86t_rdrand:
    rdrand %rax
    rdseed %rdx
    xorl %ecx, %ecx
    rdrand %cx
    ud2
    .globl x86t_lock_loop
x86t_lock_loop:              /* rbx: counters, rsi = 1, ecx: iterations */
1:  lock incq (%rbx)
    lock addl $2, 8(%rbx)
    movl $1, %esi
    lock xaddq %rsi, 16(%rbx)
    movq 24(%rbx), %rax
2:  leaq 3(%rax), %rdx
    lock cmpxchgq %rdx, 24(%rbx)
    jne 2b
    lock btsq $0, 32(%rbx)
    lock btrq $0, 32(%rbx)
    decl %ecx
    jnz 1b
    ud2

/* ---- the native side: load the registers, run, come back from the
 * SIGILL/SIGFPE/SIGSEGV handler through x86t_native_resume ---- */
    .bss
    .balign 8
    .globl x86t_host_rsp
x86t_host_rsp: .quad 0
x86t_target: .quad 0
    .text
    .globl x86t_native_enter
x86t_native_enter:          /* rdi = const X86TRegs *in, rsi = code */
    pushq %rbx
    pushq %rbp
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    movq %rsp, x86t_host_rsp(%rip)
    movq %rsi, x86t_target(%rip)
    pushq 128(%rdi)
    popfq
    movq 0(%rdi), %rax
    movq 8(%rdi), %rcx
    movq 16(%rdi), %rdx
    movq 24(%rdi), %rbx
    movq 32(%rdi), %rsp
    movq 40(%rdi), %rbp
    movq 48(%rdi), %rsi
    movq 64(%rdi), %r8
    movq 72(%rdi), %r9
    movq 80(%rdi), %r10
    movq 88(%rdi), %r11
    movq 96(%rdi), %r12
    movq 104(%rdi), %r13
    movq 112(%rdi), %r14
    movq 120(%rdi), %r15
    movq 56(%rdi), %rdi
    jmp *x86t_target(%rip)

    .globl x86t_native_resume
x86t_native_resume:
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbp
    popq %rbx
    cld
    ret
