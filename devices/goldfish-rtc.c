/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Goldfish RTC. The time is the host's UTC clock plus an offset the guest
 * sets by writing TIME_HIGH then TIME_LOW (the low write commits). An
 * alarm is armed by writing ALARM_HIGH then ALARM_LOW; when the time
 * reaches it, the alarm disarms and the interrupt becomes pending, driving
 * the line while IRQ_ENABLED is set, until CLEAR_INTERRUPT.
 */
#include "devices/goldfish-rtc.h"

#include <time.h>

#include "io/main-loop.h"
#include "util/cutils.h"

static uint64_t rtc_now(const GoldfishRtc *s)
{
    return (uint64_t)s->realtime_ns() + (uint64_t)s->offset_ns;
}

static void rtc_update_irq(GoldfishRtc *s)
{
    irq_line_set(&s->irq, s->irq_pending && s->irq_enabled);
}

/* Fire the alarm if its time has come, else wait for it on the host. */
static void rtc_check_alarm(GoldfishRtc *s)
{
    uint64_t now;
    uint64_t wait;

    if (!s->alarm_armed) {
        main_loop_timer_del(s->timer);
        return;
    }
    now = rtc_now(s);
    if (s->alarm <= now) {
        s->alarm_armed = false;
        s->irq_pending = true;
        main_loop_timer_del(s->timer);
        rtc_update_irq(s);
        return;
    }
    wait = s->alarm - now;
    if (wait > (uint64_t)INT64_MAX / 2) {
        main_loop_timer_del(s->timer);   /* centuries away */
        return;
    }
    main_loop_timer_mod(s->timer, s->monotonic_ns() + (int64_t)wait);
}

void goldfish_rtc_timer_expired(void *opaque)
{
    rtc_check_alarm(opaque);
}

static uint64_t rtc_read(void *opaque, uint64_t offset, unsigned size)
{
    GoldfishRtc *s = opaque;
    uint64_t now;

    switch (offset) {
    case GOLDFISH_RTC_TIME_LOW:
        now = rtc_now(s);
        s->time_high = now >> 32;
        return (uint32_t)now;
    case GOLDFISH_RTC_TIME_HIGH:
        return s->time_high;
    case GOLDFISH_RTC_ALARM_LOW:
        return (uint32_t)s->alarm;
    case GOLDFISH_RTC_ALARM_HIGH:
        return s->alarm >> 32;
    case GOLDFISH_RTC_IRQ_ENABLED:
        return s->irq_enabled;
    case GOLDFISH_RTC_ALARM_STATUS:
        return s->alarm_armed;
    default:
        return 0;
    }
}

static void rtc_write(void *opaque, uint64_t offset, uint64_t value,
                      unsigned size)
{
    GoldfishRtc *s = opaque;
    uint32_t val = value;

    switch (offset) {
    case GOLDFISH_RTC_TIME_LOW: {
        uint64_t t = ((uint64_t)s->set_high << 32) | val;

        s->offset_ns = (int64_t)(t - (uint64_t)s->realtime_ns());
        rtc_check_alarm(s);
        break;
    }
    case GOLDFISH_RTC_TIME_HIGH:
        s->set_high = val;
        break;
    case GOLDFISH_RTC_ALARM_LOW:
        s->alarm = (s->alarm & 0xffffffff00000000ull) | val;
        s->alarm_armed = true;
        rtc_check_alarm(s);
        break;
    case GOLDFISH_RTC_ALARM_HIGH:
        s->alarm = ((uint64_t)val << 32) | (uint32_t)s->alarm;
        break;
    case GOLDFISH_RTC_IRQ_ENABLED:
        s->irq_enabled = val & 1;
        rtc_update_irq(s);
        break;
    case GOLDFISH_RTC_CLEAR_ALARM:
        s->alarm_armed = false;
        main_loop_timer_del(s->timer);
        break;
    case GOLDFISH_RTC_CLEAR_INTERRUPT:
        s->irq_pending = false;
        rtc_update_irq(s);
        break;
    default:
        break;
    }
}

static const MemoryRegionOps rtc_ops = {
    .read = rtc_read,
    .write = rtc_write,
    .valid_min = 4,
    .valid_max = 4,
    .aligned = true,
};

void goldfish_rtc_reset(GoldfishRtc *s)
{
    main_loop_timer_del(s->timer);
    s->offset_ns = 0;
    s->time_high = 0;
    s->set_high = 0;
    s->alarm = 0;
    s->alarm_armed = false;
    s->irq_enabled = false;
    s->irq_pending = false;
    irq_line_set(&s->irq, 0);
}

void goldfish_rtc_init(GoldfishRtc *s, IRQLine irq,
                       int64_t (*realtime_ns)(void),
                       int64_t (*monotonic_ns)(void))
{
    s->irq = irq;
    s->realtime_ns = realtime_ns ? realtime_ns : clock_realtime_ns;
    s->monotonic_ns = monotonic_ns ? monotonic_ns : clock_monotonic_ns;
    s->timer = main_loop_timer_new(goldfish_rtc_timer_expired, s);
    memory_region_init_io(&s->mr, "goldfish.rtc", GOLDFISH_RTC_SIZE, &rtc_ops,
                          s);
    goldfish_rtc_reset(s);
}

void goldfish_rtc_destroy(GoldfishRtc *s)
{
    main_loop_timer_free(s->timer);
    memory_region_destroy(&s->mr);
}
