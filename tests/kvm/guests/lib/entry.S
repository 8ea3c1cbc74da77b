/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * PVH entry: the board enters here in flat 32-bit protected mode, paging
 * off, %ebx = struct hvm_start_info. Set a stack and call guest_main.
 */
    .section .note.Xen, "a", @note
    .balign 4
    .long 4                 /* name size ("Xen\0") */
    .long 4                 /* desc size */
    .long 18                /* XEN_ELFNOTE_PHYS32_ENTRY */
    .asciz "Xen"
    .balign 4
    .long _start

    .text
    .code32
    .globl _start
_start:
    cli
    mov $stack_top, %esp
    push %ebx
    call guest_main
    push $guest_main_returned
    call guest_fail

    .section .rodata
guest_main_returned:
    .asciz "guest_main returned"

    .bss
    .balign 16
    .skip 16384
    .globl stack_top
stack_top:
    .section .note.GNU-stack, "", @progbits
