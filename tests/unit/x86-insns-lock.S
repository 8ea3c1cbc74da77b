/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * LOCK / CMPXCHG snippets for test-x86-insns.c (conventions:
 * x86-insns-snippets.S): the specialised per-operation helpers and the
 * branchless rAX update of CMPXCHG m. rAX carries upper bits a 32-bit
 * write would clear, so an equal CMPXCHG m32 must leave them.
 */
#include "x86-insns.inc"

SNIP lock_cmpxchgl_eq_upper, F_ALL, K_BIN, 64
    movq %rdi, 8(%rbx)
    movabsq $0xdead000000000000, %rax
    movl %edi, %ecx
    orq %rcx, %rax
    lock cmpxchgl %esi, 8(%rbx)
END
SNIP lock_cmpxchgl_ne_upper, F_ALL, K_BIN, 64
    movq %rdi, 8(%rbx)
    movabsq $0xdead000000000000, %rax
    movl %esi, %ecx
    notl %ecx
    orq %rcx, %rax
    lock cmpxchgl %esi, 8(%rbx)
END
SNIP lock_cmpxchg_bwq, F_ALL, K_BIN, 64
    movq %rdi, 8(%rbx)
    movq %rdi, %rax
    lock cmpxchgb %sil, 8(%rbx)
    lock cmpxchgw %si, 10(%rbx)
    movq %rsi, %rax
    lock cmpxchgq %rdi, 16(%rbx)
END
SNIP lock_alu_sizes, F_ALL, K_BIN, 64
    movq %rdi, 8(%rbx)
    movq %rsi, 16(%rbx)
    lock addb %sil, 8(%rbx)
    lock subw %si, 10(%rbx)
    lock orl %esi, 12(%rbx)
    lock andq %rdi, 16(%rbx)
    lock xorl %edi, 20(%rbx)
    stc
    lock adcw %di, 16(%rbx)
    stc
    lock sbbb %sil, 9(%rbx)
    lock negl 8(%rbx)
    lock notw 12(%rbx)
    lock incb 18(%rbx)
    lock decq 8(%rbx)
    movq %rsi, %rcx
    lock xaddl %ecx, 12(%rbx)
    xchgw %cx, 14(%rbx)
END
