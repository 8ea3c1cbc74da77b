/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SMP bring-up with -smp 2: the BSP sends INIT, SIPI, SIPI through its
 * LAPIC's ICR; the AP starts in real mode at the trampoline below 1 MiB
 * and writes a flag and its APIC ID; the BSP sees both. Also checks the
 * CPUID topology KVM was given (logical count 2, HTT).
 */
#include "lib/guest.h"

#define TRAMPOLINE_ADDR 0x8000
#define AP_FLAG ((volatile uint32_t *)0x9000)
#define AP_APIC_ID ((volatile uint32_t *)0x9004)
#define AP_STARTED 0xa5a5a5a5u

extern const char smp_trampoline_start[], smp_trampoline_end[];

static void icr_send(uint8_t dest, uint32_t lo)
{
    lapic_write(LAPIC_ICR_HI, (uint32_t)dest << 24);
    lapic_write(LAPIC_ICR_LO, lo);
}

static int ap_wait(unsigned spins)
{
    for (unsigned i = 0; i < spins; i++) {
        if (*AP_FLAG == AP_STARTED) {
            return 1;
        }
        __asm__ volatile("pause");
    }
    return 0;
}

void guest_main(struct hvm_start_info *si)
{
    uint32_t r[4];

    uart_puts("janus-kvm-test: smp\n");
    cpuid(1, 0, r);
    guest_check(((r[1] >> 16) & 0xff) == 2); /* logical processors */
    guest_check(r[3] & (1u << 28));          /* HTT */
    guest_check((r[1] >> 24) == 0);

    memcpy((void *)TRAMPOLINE_ADDR, smp_trampoline_start,
           smp_trampoline_end - smp_trampoline_start);
    *AP_FLAG = 0;
    *AP_APIC_ID = 0xffffffffu;
    lapic_enable();

    icr_send(1, 0x4500);                         /* INIT, assert */
    icr_send(1, 0x4600 | (TRAMPOLINE_ADDR >> 12)); /* SIPI */
    if (!ap_wait(20000)) {
        icr_send(1, 0x4600 | (TRAMPOLINE_ADDR >> 12)); /* second SIPI */
    }
    if (!ap_wait(2000000)) {
        guest_fail("the AP did not start");
    }
    uart_puts("AP started, APIC ID ");
    uart_put_dec(*AP_APIC_ID);
    uart_puts("\n");
    guest_check(*AP_APIC_ID == 1);
    guest_pass();
}
