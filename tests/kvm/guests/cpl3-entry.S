/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Ring transitions and the ring-3 loop of the CPL3 guest. Ring 0 runs
 * 32-bit code in IA-32e compatibility mode; ring 3 runs a 64-bit loop
 * (kvm_pvm runs only 64-bit user code natively). Into ring 3 with
 * SYSEXIT (REX.W) rather than IRET: KVM's instruction emulator, which
 * runs guest CPL0 code on hosts like kvm_pvm, has no protected-mode IRET,
 * but does have SYSEXIT. Back to ring 0 with a deliberate #UD, whose
 * 64-bit handler returns to 32-bit code with a same-ring far return.
 */
#define KERNEL_CS32 0x08
#define KERNEL_DS   0x10
#define KERNEL_CS64 0x48

    .text
    .code32

/* void enter_user64(uint32_t iterations, void *user_stack): no return */
    .globl enter_user64
enter_user64:
    mov 4(%esp), %edi       /* the loop count, kept across SYSEXIT */
    mov 8(%esp), %ecx       /* SYSEXIT: RSP = RCX */
    ljmp $KERNEL_CS64, $1f
    .code64
1:  lea user_loop64(%rip), %rdx /* SYSEXIT: RIP = RDX */
    pushfq
    orq $0x3000, (%rsp)     /* IOPL 3 */
    popfq
    .byte 0x48, 0x0f, 0x35  /* sysexit with REX.W: to 64-bit ring 3 */

/* Ring 3: EDI steps of x = x * 1664525 + 1013904223 from x = 1, then ud2. */
user_loop64:
    mov $1, %eax
    test %edi, %edi
    jz 3f
2:  imul $1664525, %eax, %eax
    add $1013904223, %eax
    dec %edi
    jnz 2b
3:  ud2

/* #UD from ring 3 (ud2 with the result in EAX). */
    .globl ud_handler64
ud_handler64:
    mov %eax, trap_result(%rip)
    mov 8(%rsp), %rax       /* the interrupted CS */
    mov %eax, trap_cs(%rip)
    pushq $KERNEL_CS32
    lea ud_back32(%rip), %rax
    push %rax
    lretq

/* Any other exception: fail at once (status 35). */
    .globl fault_handler64
fault_handler64:
    mov $0x11, %eax
    mov $0xf4, %dx
    out %eax, %dx
1:  hlt
    jmp 1b

    .code32
ud_back32:
    mov $KERNEL_DS, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    push trap_cs
    push trap_result
    call syscall_entry
2:  hlt
    jmp 2b

    .bss
    .globl trap_result, trap_cs
trap_result: .long 0
trap_cs:     .long 0

    .section .note.GNU-stack, "", @progbits
