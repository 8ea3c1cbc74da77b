/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Goldfish RTC (Android emulator's goldfish platform, "google,goldfish-rtc"):
 * a 64-bit nanosecond count since the Unix epoch, read low half first
 * (which latches the high half), settable, with one alarm that raises the
 * interrupt line when the time reaches it.
 */
#ifndef DEVICES_GOLDFISH_RTC_H
#define DEVICES_GOLDFISH_RTC_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/irq.h"
#include "memory/memory.h"

#define GOLDFISH_RTC_SIZE 0x1000

enum {
    GOLDFISH_RTC_TIME_LOW = 0x00,
    GOLDFISH_RTC_TIME_HIGH = 0x04,
    GOLDFISH_RTC_ALARM_LOW = 0x08,
    GOLDFISH_RTC_ALARM_HIGH = 0x0c,
    GOLDFISH_RTC_IRQ_ENABLED = 0x10,
    GOLDFISH_RTC_CLEAR_ALARM = 0x14,
    GOLDFISH_RTC_ALARM_STATUS = 0x18,
    GOLDFISH_RTC_CLEAR_INTERRUPT = 0x1c,
};

typedef struct MainLoopTimer MainLoopTimer;

typedef struct GoldfishRtc {
    MemoryRegion mr;
    IRQLine irq;
    /* host clocks in ns; CLOCK_REALTIME / CLOCK_MONOTONIC, tests replace */
    int64_t (*realtime_ns)(void);
    int64_t (*monotonic_ns)(void);
    int64_t offset_ns;        /* guest time = host realtime + offset */
    uint32_t time_high;       /* latched by a TIME_LOW read */
    uint32_t set_high;        /* TIME_HIGH written, used by TIME_LOW write */
    uint64_t alarm;
    bool alarm_armed;
    bool irq_enabled;
    bool irq_pending;         /* the alarm fired, not cleared yet */
    MainLoopTimer *timer;
} GoldfishRtc;

/* Initialise unmapped (s->mr is ready); NULL clocks mean the host's. */
void goldfish_rtc_init(GoldfishRtc *s, IRQLine irq,
                       int64_t (*realtime_ns)(void),
                       int64_t (*monotonic_ns)(void));
/* Power-on state: host time, no alarm, interrupt disabled and low. */
void goldfish_rtc_reset(GoldfishRtc *s);
void goldfish_rtc_destroy(GoldfishRtc *s);
/* The alarm timer's callback (exposed for tests). */
void goldfish_rtc_timer_expired(void *opaque);

#endif
