/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Two harts (-smp 2): hart 1 sleeps in WFI until hart 0 sends it an MSIP
 * through the ACLINT, then both add to shared counters 100000 times each,
 * once with AMOADD.W and once with LR.W/SC.W loops: no update may be lost.
 */
#include "runtime.h"

#define ITERATIONS 100000u
#define TIMEOUT_TICKS 200000000ul   /* 20 s at 10 MHz */

static volatile uint32_t amo_counter, lrsc_counter, go, done;
static volatile uint64_t probe, peer_mip;
static volatile uint64_t peer_hartid = ~0ul, peer_msip_pending = ~0ul;

static void add_amo(volatile uint32_t *p)
{
    for (unsigned i = 0; i < ITERATIONS; i++) {
        __asm__ volatile("amoadd.w zero, %1, (%0)"
                         :: "r"(p), "r"(1) : "memory");
    }
}

static void add_lrsc(volatile uint32_t *p)
{
    for (unsigned i = 0; i < ITERATIONS; i++) {
        uint32_t tmp, fail;

        __asm__ volatile("1: lr.w %0, (%2)\n\t"
                         "addiw %0, %0, 1\n\t"
                         "sc.w %1, %0, (%2)\n\t"
                         "bnez %1, 1b"
                         : "=&r"(tmp), "=&r"(fail) : "r"(p) : "memory");
    }
}

static void peer(uint64_t id)
{
    peer_msip_pending = csr_read(mip) & (1ul << IRQ_M_SOFT);
    mmio_write32(ACLINT_MSIP(id), 0);
    __asm__ volatile("fence rw, rw" ::: "memory");
    peer_hartid = id;
    while (!go) {
    }
    add_amo(&amo_counter);
    add_lrsc(&lrsc_counter);
    __asm__ volatile("amoadd.w zero, %1, (%0)"
                     :: "r"(&done), "r"(1) : "memory");
    /* Report mip once hart 0 has armed this hart's mtimecmp. */
    while (probe != 1) {
    }
    peer_mip = csr_read(mip);
    __asm__ volatile("fence rw, rw" ::: "memory");
    probe = 2;
}

static int wait_until(volatile uint64_t *p, uint64_t v)
{
    uint64_t deadline = read_mtime() + TIMEOUT_TICKS;

    while (*p != v) {
        if (read_mtime() > deadline) {
            return 0;
        }
    }
    return 1;
}

int main(void)
{
    uint64_t deadline;

    puts_("riscv-baremetal multihart\n");
    check("hart 0 runs the test", hartid(), 0);
    /* Hart 1 had no reason to leave WFI's loop yet. */
    for (volatile int i = 0; i < 100000; i++) {
    }
    check("hart 1 idle before the IPI", peer_hartid, ~0ul);

    secondary_entry = peer;
    __asm__ volatile("fence rw, rw" ::: "memory");
    mmio_write32(ACLINT_MSIP(1), 1);
    check_true("hart 1 woke on its MSIP", wait_until(&peer_hartid, 1));
    check("hart 1 saw mip.MSIP", peer_msip_pending, 1ul << IRQ_M_SOFT);
    check("hart 1 cleared its msip", mmio_read32(ACLINT_MSIP(1)), 0);
    check("hart 0's msip untouched", mmio_read32(ACLINT_MSIP(0)), 0);

    go = 1;
    add_amo(&amo_counter);
    add_lrsc(&lrsc_counter);
    deadline = read_mtime() + TIMEOUT_TICKS;
    while (done != 1 && read_mtime() < deadline) {
    }
    check("hart 1 finished", done, 1);
    check("amoadd.w count", amo_counter, 2 * ITERATIONS);
    check("lr.w/sc.w count", lrsc_counter, 2 * ITERATIONS);

    /* Each hart has its own mtimecmp. */
    mmio_write64(ACLINT_MTIMECMP(0), ~0ul);
    mmio_write64(ACLINT_MTIMECMP(1), 0);
    __asm__ volatile("fence rw, rw" ::: "memory");
    probe = 1;
    check_true("hart 1 answered", wait_until(&probe, 2));
    check("hart 1's mtimecmp = 0: its MTIP set", peer_mip & (1ul << 7),
          1ul << 7);
    check("hart 0's MTIP still clear", csr_read(mip) & (1ul << 7), 0);
    mmio_write64(ACLINT_MTIMECMP(1), ~0ul);
    finish();
}
