/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Jump to an address with no memory behind it: KVM cannot fetch the
 * instruction (it would have to come from MMIO) and stops the vCPU with
 * an internal error. Janus must report it and exit 1, never hang.
 */
#include "lib/guest.h"

void guest_main(struct hvm_start_info *si)
{
    void (*nowhere)(void) = (void (*)(void))0xd0000000u;

    uart_puts("janus-kvm-test: jumping to unmapped memory\n");
    nowhere();
    guest_fail("executed code from unmapped memory");
}
