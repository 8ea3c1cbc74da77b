/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A 64 KiB -bios image that stays in real mode: the CPU starts at
 * F000:FFF0 (4 GiB - 16), jumps to F000:0000 in the ISA alias below
 * 1 MiB, prints over COM1, checks that writing its own ROM changes
 * nothing, and exits through isa-debug-exit (0x10 pass -> status 33,
 * 0x11 fail -> 35).
 */
    .code16
    .text
start:
    cli
    mov %cs, %ax
    mov %ax, %ds
    mov $msg_hello, %si
    call puts

    /* ROM is read-only: the write exits as MMIO and is dropped. */
    movb rom_byte, %al
    movb $0x00, rom_byte
    cmpb rom_byte, %al
    jne fail
    mov $msg_rom, %si
    call puts

    mov $msg_pass, %si
    call puts
    mov $0x10, %eax
    jmp exit
fail:
    mov $msg_fail, %si
    call puts
    mov $0x11, %eax
exit:
    mov $0xf4, %dx
    outl %eax, %dx
1:  hlt
    jmp 1b

/* Print the NUL-terminated string at DS:SI on COM1 (THR ready assumed). */
puts:
    mov $0x3f8, %dx
2:  lodsb
    test %al, %al
    jz 3f
    outb %al, %dx
    jmp 2b
3:  ret

msg_hello: .asciz "janus-kvm-test: hello from real mode\r\n"
msg_rom:   .asciz "ROM write ignored\r\n"
msg_pass:  .asciz "PASS\r\n"
msg_fail:  .asciz "FAIL: ROM changed\r\n"
rom_byte:  .byte 0xa5

    .org 0xfff0
reset_vector:
    ljmp $0xf000, $start
    .org 0x10000
    .section .note.GNU-stack, "", @progbits
