/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Triple fault: with an empty IDT, #UD (ud2) cannot be delivered, nor
 * the #GP and #DF that follow, and the CPU shuts down. (ud2 rather than
 * int3: KVM's instruction emulator, which runs CPL0 code on kvm_pvm, has
 * no protected-mode INT n.) With -no-reboot Janus exits with status 0,
 * as QEMU does; without it the guest would reset.
 */
#include "lib/guest.h"

void guest_main(struct hvm_start_info *si)
{
    static const struct {
        uint16_t limit;
        uint32_t base;
    } __attribute__((packed)) empty_idt = { 0, 0 };

    uart_puts("janus-kvm-test: triple fault now\n");
    __asm__ volatile("lidt %0; ud2" : : "m"(empty_idt));
    guest_fail("survived a triple fault");
}
