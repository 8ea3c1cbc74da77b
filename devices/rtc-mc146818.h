/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * MC146818 CMOS real-time clock (PC ports 0x70 index, 0x71 data; IRQ 8).
 * Time registers follow the host's UTC clock plus an offset the guest sets
 * by writing them; bytes 0x0e-0x7f are plain CMOS storage the board fills
 * the way a PC BIOS would.
 */
#ifndef DEVICES_RTC_MC146818_H
#define DEVICES_RTC_MC146818_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/irq.h"
#include "io/main-loop.h"
#include "memory/memory.h"

#define RTC_MC146818_CMOS_SIZE 128

/* Well-known CMOS bytes a PC board presets. */
#define RTC_CMOS_BASE_MEM_LO 0x15    /* base memory in KiB (640) */
#define RTC_CMOS_BASE_MEM_HI 0x16
#define RTC_CMOS_EXT_MEM_LO 0x17     /* memory 1M-64M in KiB */
#define RTC_CMOS_EXT_MEM_HI 0x18
#define RTC_CMOS_EXT_MEM2_LO 0x30    /* same, second copy */
#define RTC_CMOS_EXT_MEM2_HI 0x31
#define RTC_CMOS_CENTURY 0x32        /* BCD (or binary with register B.DM) */
#define RTC_CMOS_MEM_16M_LO 0x34     /* memory 16M-4G in 64 KiB units */
#define RTC_CMOS_MEM_16M_HI 0x35
#define RTC_CMOS_HIGH_MEM_LO 0x5b    /* memory above 4G in 64 KiB units */
#define RTC_CMOS_HIGH_MEM_MID 0x5c
#define RTC_CMOS_HIGH_MEM_HI 0x5d

typedef struct RtcMc146818 {
    MemoryRegion mr;
    IRQLine irq;
    bool irq_level;

    uint8_t index;                       /* last write to port 0x70 */
    uint8_t cmos[RTC_MC146818_CMOS_SIZE]; /* A-D at 0x0a-0x0d, storage above */

    int64_t offset_ns;       /* guest time minus host CLOCK_REALTIME */
    uint8_t frozen[10];      /* time registers while B.SET holds them */
    int64_t last_update_ns;  /* guest time when flags were last brought up to date */
    int64_t last_tick;       /* periodic ticks counted so far (monotonic) */
    MainLoopTimer *timer;    /* created when an interrupt is first enabled */
} RtcMc146818;

/*
 * Create the RTC at I/O port base (2 ports) in io, driving irq. Returns
 * NULL after an error report if the ports are taken.
 */
RtcMc146818 *rtc_mc146818_create(MemoryRegion *io, uint64_t base, IRQLine irq);
/* Initialise in place without mapping (region ready in rtc->mr). */
void rtc_mc146818_init(RtcMc146818 *rtc, IRQLine irq);
/*
 * Reset as the chip's RESET pin does: interrupt enables and flags clear,
 * IRQ low. Time and CMOS contents survive (they are battery backed).
 */
void rtc_mc146818_reset(RtcMc146818 *rtc);
/* Preset a CMOS storage byte (index 0x0e-0x7f), as firmware would. */
void rtc_mc146818_set_cmos(RtcMc146818 *rtc, unsigned index, uint8_t value);
/*
 * Bring flags up to date and raise the IRQ if due; the timer callback.
 * Exposed so tests can step the device without a main loop.
 */
void rtc_mc146818_update(RtcMc146818 *rtc);

#endif
