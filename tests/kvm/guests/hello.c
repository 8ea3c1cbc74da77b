/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * PVH hello: boots through the Xen PHYS32_ENTRY note, checks start_info
 * and the CPUID KVM gives (hypervisor bit, KVM signature, APIC ID 0),
 * prints a marker over COM1 and exits through isa-debug-exit. With
 * lines=N on the command line it first prints N numbered lines (bulk
 * output for the serial back-pressure test).
 */
#include "lib/guest.h"

void guest_main(struct hvm_start_info *si)
{
    uint32_t r[4];
    char sig[13];

    uart_puts("janus-kvm-test: hello from a PVH guest\n");
    guest_check(si->magic == HVM_START_MAGIC);
    guest_check(si->version >= 1);

    cpuid(1, 0, r);
    guest_check(r[2] & (1u << 31)); /* hypervisor present */
    guest_check((r[1] >> 24) == 0); /* BSP APIC ID */

    cpuid(0x40000000, 0, r);
    memcpy(sig, &r[1], 4);
    memcpy(sig + 4, &r[2], 4);
    memcpy(sig + 8, &r[3], 4);
    sig[12] = 0;
    uart_puts("hypervisor signature: ");
    uart_puts(sig);
    uart_puts("\n");
    guest_check(!memcmp(sig, "KVMKVMKVM\0\0\0", 12));

    for (uint32_t i = 0, n = cmdline_get_uint(si, "lines", 0); i < n; i++) {
        uart_puts("bulk line ");
        uart_put_dec(i);
        uart_puts(" ..................................................\n");
    }
    guest_pass();
}
