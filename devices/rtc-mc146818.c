/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * MC146818 real-time clock, modelled from the Motorola data sheet.
 *
 * Time is never ticked register by register: the time registers are
 * computed on each read from CLOCK_REALTIME plus offset_ns (UTC, like
 * QEMU's default -rtc base=utc). Writing a time register moves offset_ns.
 * The interrupt flags of register C are brought up to date lazily (on a
 * read of C and from a main-loop timer that only runs while an interrupt
 * is enabled and not already pending), so an idle guest costs no wakeups.
 */
#include "devices/rtc-mc146818.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/cutils.h"
#include "util/error.h"

#define NS_PER_SEC 1000000000LL

enum {
    RTC_SECONDS = 0,
    RTC_SECONDS_ALARM = 1,
    RTC_MINUTES = 2,
    RTC_MINUTES_ALARM = 3,
    RTC_HOURS = 4,
    RTC_HOURS_ALARM = 5,
    RTC_DAY_OF_WEEK = 6,
    RTC_DAY_OF_MONTH = 7,
    RTC_MONTH = 8,
    RTC_YEAR = 9,
    RTC_REG_A = 10,
    RTC_REG_B = 11,
    RTC_REG_C = 12,
    RTC_REG_D = 13,
};

#define REG_A_UIP 0x80
#define REG_A_DV_MASK 0x70
#define REG_A_RS_MASK 0x0f
#define REG_B_SET 0x80
#define REG_B_PIE 0x40
#define REG_B_AIE 0x20
#define REG_B_UIE 0x10
#define REG_B_SQWE 0x08
#define REG_B_DM_BINARY 0x04
#define REG_B_24H 0x02
#define REG_C_IRQF 0x80
#define REG_C_PF 0x40
#define REG_C_AF 0x20
#define REG_C_UF 0x10
#define REG_D_VRT 0x80

#define ALARM_DONT_CARE 0xc0
/* UIP rises this long before each update (data sheet: 244 us). */
#define UIP_WINDOW_NS 244000

static int64_t rtc_guest_ns(const RtcMc146818 *rtc)
{
    return clock_realtime_ns() + rtc->offset_ns;
}

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;

    return (a % b && (a < 0) != (b < 0)) ? q - 1 : q;
}

static bool rtc_binary(const RtcMc146818 *rtc)
{
    return rtc->cmos[RTC_REG_B] & REG_B_DM_BINARY;
}

static uint8_t rtc_encode(const RtcMc146818 *rtc, unsigned v)
{
    return rtc_binary(rtc) ? v : ((v / 10) << 4) | (v % 10);
}

static unsigned rtc_decode(const RtcMc146818 *rtc, uint8_t v)
{
    return rtc_binary(rtc) ? v : (v >> 4) * 10 + (v & 0x0f);
}

static uint8_t rtc_encode_hour(const RtcMc146818 *rtc, unsigned hour)
{
    unsigned h12;

    if (rtc->cmos[RTC_REG_B] & REG_B_24H) {
        return rtc_encode(rtc, hour);
    }
    h12 = hour % 12 ? hour % 12 : 12;
    return rtc_encode(rtc, h12) | (hour >= 12 ? 0x80 : 0);
}

static unsigned rtc_decode_hour(const RtcMc146818 *rtc, uint8_t v)
{
    if (rtc->cmos[RTC_REG_B] & REG_B_24H) {
        return rtc_decode(rtc, v);
    }
    return rtc_decode(rtc, v & 0x7f) % 12 + ((v & 0x80) ? 12 : 0);
}

/* The divider chain runs unless register A holds it in reset (DV=11x). */
static bool rtc_divider_running(const RtcMc146818 *rtc)
{
    return (rtc->cmos[RTC_REG_A] & 0x60) != 0x60;
}

/* Once-a-second updates also stop while B.SET is held. */
static bool rtc_running(const RtcMc146818 *rtc)
{
    return rtc_divider_running(rtc) && !(rtc->cmos[RTC_REG_B] & REG_B_SET);
}

/* Format guest time t (seconds since the epoch) into registers 0-9. */
static void rtc_time_to_regs(const RtcMc146818 *rtc, int64_t t, uint8_t *regs)
{
    time_t tt = t;
    struct tm tm;

    gmtime_r(&tt, &tm);
    regs[RTC_SECONDS] = rtc_encode(rtc, tm.tm_sec);
    regs[RTC_MINUTES] = rtc_encode(rtc, tm.tm_min);
    regs[RTC_HOURS] = rtc_encode_hour(rtc, tm.tm_hour);
    regs[RTC_DAY_OF_WEEK] = rtc_encode(rtc, tm.tm_wday + 1); /* Sunday = 1 */
    regs[RTC_DAY_OF_MONTH] = rtc_encode(rtc, tm.tm_mday);
    regs[RTC_MONTH] = rtc_encode(rtc, tm.tm_mon + 1);
    regs[RTC_YEAR] = rtc_encode(rtc, tm.tm_year % 100);
    /* The alarm registers are storage, not time. */
    regs[RTC_SECONDS_ALARM] = rtc->cmos[RTC_SECONDS_ALARM];
    regs[RTC_MINUTES_ALARM] = rtc->cmos[RTC_MINUTES_ALARM];
    regs[RTC_HOURS_ALARM] = rtc->cmos[RTC_HOURS_ALARM];
}

/*
 * Registers 0-9 back to seconds since the epoch. The century comes from
 * CMOS byte 0x32; the day of week is ignored (it follows from the date).
 */
static int64_t rtc_regs_to_time(RtcMc146818 *rtc, const uint8_t *regs)
{
    struct tm tm = { 0 };
    unsigned yy = rtc_decode(rtc, regs[RTC_YEAR]) % 100;
    unsigned century = rtc_decode(rtc, rtc->cmos[RTC_CMOS_CENTURY]);

    if (century < 19 || century > 99) {
        century = yy < 70 ? 20 : 19;
    }
    tm.tm_sec = rtc_decode(rtc, regs[RTC_SECONDS]);
    tm.tm_min = rtc_decode(rtc, regs[RTC_MINUTES]);
    tm.tm_hour = rtc_decode_hour(rtc, regs[RTC_HOURS]);
    tm.tm_mday = rtc_decode(rtc, regs[RTC_DAY_OF_MONTH]);
    tm.tm_mon = (int)rtc_decode(rtc, regs[RTC_MONTH]) - 1;
    tm.tm_year = century * 100 + yy - 1900;
    return timegm(&tm);
}

static bool rtc_alarm_field_matches(uint8_t alarm, unsigned value,
                                    unsigned decoded_alarm)
{
    return (alarm & ALARM_DONT_CARE) == ALARM_DONT_CARE ||
           decoded_alarm == value;
}

static bool rtc_alarm_matches(const RtcMc146818 *rtc, int64_t t)
{
    int64_t tod = t - floor_div(t, 86400) * 86400;
    uint8_t as = rtc->cmos[RTC_SECONDS_ALARM];
    uint8_t am = rtc->cmos[RTC_MINUTES_ALARM];
    uint8_t ah = rtc->cmos[RTC_HOURS_ALARM];

    return rtc_alarm_field_matches(as, tod % 60, rtc_decode(rtc, as)) &&
           rtc_alarm_field_matches(am, tod / 60 % 60, rtc_decode(rtc, am)) &&
           rtc_alarm_field_matches(ah, tod / 3600, rtc_decode_hour(rtc, ah));
}

/* Periodic interrupt period from register A's rate bits; 0 = off. */
static int64_t rtc_period_ns(const RtcMc146818 *rtc)
{
    unsigned rs = rtc->cmos[RTC_REG_A] & REG_A_RS_MASK;
    unsigned shift;

    if (!rs) {
        return 0;
    }
    /* Rates 1 and 2 repeat rates 8 and 9 on a 32.768 kHz time base. */
    shift = rs <= 2 ? rs + 6 : rs - 1;
    return ((int64_t)NS_PER_SEC << shift) / 32768;
}

static void rtc_update_irq(RtcMc146818 *rtc)
{
    uint8_t *c = &rtc->cmos[RTC_REG_C];
    bool level;

    if (*c & rtc->cmos[RTC_REG_B] & (REG_C_PF | REG_C_AF | REG_C_UF)) {
        *c |= REG_C_IRQF;
    }
    level = *c & REG_C_IRQF;
    if (level != rtc->irq_level) {
        rtc->irq_level = level;
        irq_line_set(&rtc->irq, level);
    }
}

/* Set the C flags for every update and periodic tick since the last call. */
static void rtc_update_flags(RtcMc146818 *rtc)
{
    int64_t now = rtc_guest_ns(rtc);
    int64_t period = rtc_period_ns(rtc);

    if (rtc_running(rtc)) {
        int64_t from = floor_div(rtc->last_update_ns, NS_PER_SEC) + 1;
        int64_t to = floor_div(now, NS_PER_SEC);

        if (to >= from) {
            rtc->cmos[RTC_REG_C] |= REG_C_UF;
            /* A day of updates covers every alarm time there is. */
            for (int64_t t = MAX(from, to - 86399); t <= to; t++) {
                if (rtc_alarm_matches(rtc, t)) {
                    rtc->cmos[RTC_REG_C] |= REG_C_AF;
                    break;
                }
            }
        }
    }
    if (period && rtc_divider_running(rtc)) {
        int64_t tick = clock_monotonic_ns() / period;

        if (tick != rtc->last_tick) {
            rtc->cmos[RTC_REG_C] |= REG_C_PF;
            rtc->last_tick = tick;
        }
    }
    rtc->last_update_ns = now;
}

static void rtc_timer_cb(void *opaque);

/*
 * Arm the timer for the next event that could raise the IRQ: only while
 * an interrupt is enabled and the line is not already up (once it is up
 * nothing changes until the guest reads C).
 */
static void rtc_schedule(RtcMc146818 *rtc)
{
    uint8_t b = rtc->cmos[RTC_REG_B];
    int64_t mono = clock_monotonic_ns();
    int64_t deadline = INT64_MAX;
    int64_t period = rtc_period_ns(rtc);

    if (rtc->irq_level) {
        if (rtc->timer) {
            main_loop_timer_del(rtc->timer);
        }
        return;
    }
    if ((b & REG_B_PIE) && period && rtc_divider_running(rtc)) {
        deadline = (mono / period + 1) * period;
    }
    if ((b & (REG_B_UIE | REG_B_AIE)) && rtc_running(rtc)) {
        int64_t now = rtc_guest_ns(rtc);
        int64_t left = NS_PER_SEC - (now - floor_div(now, NS_PER_SEC) *
                                              NS_PER_SEC);

        deadline = MIN(deadline, mono + left);
    }
    if (deadline == INT64_MAX) {
        if (rtc->timer) {
            main_loop_timer_del(rtc->timer);
        }
        return;
    }
    if (!rtc->timer) {
        rtc->timer = main_loop_timer_new(rtc_timer_cb, rtc);
    }
    main_loop_timer_mod(rtc->timer, deadline);
}

void rtc_mc146818_update(RtcMc146818 *rtc)
{
    rtc_update_flags(rtc);
    rtc_update_irq(rtc);
    rtc_schedule(rtc);
}

static void rtc_timer_cb(void *opaque)
{
    rtc_mc146818_update(opaque);
}

/* Move guest time so that it reads t seconds now, keeping ns phase. */
static void rtc_set_time(RtcMc146818 *rtc, int64_t t, int64_t subsec_ns)
{
    time_t tt = t;
    struct tm tm;

    rtc->offset_ns = t * NS_PER_SEC + subsec_ns - clock_realtime_ns();
    /* No updates were missed or skipped by the jump. */
    rtc->last_update_ns = rtc_guest_ns(rtc);
    gmtime_r(&tt, &tm);
    rtc->cmos[RTC_CMOS_CENTURY] = rtc_encode(rtc, (tm.tm_year + 1900) / 100);
}

static uint8_t rtc_read_time_reg(RtcMc146818 *rtc, unsigned reg)
{
    uint8_t regs[10];

    if (rtc->cmos[RTC_REG_B] & REG_B_SET) {
        return rtc->frozen[reg];
    }
    rtc_time_to_regs(rtc, floor_div(rtc_guest_ns(rtc), NS_PER_SEC), regs);
    return regs[reg];
}

static void rtc_write_time_reg(RtcMc146818 *rtc, unsigned reg, uint8_t val)
{
    uint8_t regs[10];
    int64_t now, t;

    if (rtc->cmos[RTC_REG_B] & REG_B_SET) {
        /* Held until SET clears, then loaded as one consistent time. */
        rtc->frozen[reg] = val;
        return;
    }
    if (reg == RTC_DAY_OF_WEEK) {
        return; /* derived from the date; see the file comment in docs */
    }
    now = rtc_guest_ns(rtc);
    t = floor_div(now, NS_PER_SEC);
    rtc_time_to_regs(rtc, t, regs);
    regs[reg] = val;
    rtc_set_time(rtc, rtc_regs_to_time(rtc, regs), now - t * NS_PER_SEC);
}

static void rtc_write_reg_b(RtcMc146818 *rtc, uint8_t val)
{
    uint8_t old = rtc->cmos[RTC_REG_B];

    rtc_update_flags(rtc);
    if (val & REG_B_SET) {
        val &= ~REG_B_UIE; /* setting SET clears UIE (data sheet) */
    }
    rtc->cmos[RTC_REG_B] = val;
    if (!(old & REG_B_SET) && (val & REG_B_SET)) {
        rtc_time_to_regs(rtc, floor_div(rtc_guest_ns(rtc), NS_PER_SEC),
                         rtc->frozen);
    } else if ((old & REG_B_SET) && !(val & REG_B_SET)) {
        /* The first update comes one second after SET is released. */
        rtc_set_time(rtc, rtc_regs_to_time(rtc, rtc->frozen), 0);
    }
    rtc_update_irq(rtc);
    rtc_schedule(rtc);
}

static uint64_t rtc_read(void *opaque, uint64_t offset, unsigned size)
{
    RtcMc146818 *rtc = opaque;
    unsigned reg = rtc->index;
    uint8_t val;

    if (offset == 0) {
        return 0xff; /* the index register is write-only */
    }
    switch (reg) {
    case RTC_SECONDS:
    case RTC_MINUTES:
    case RTC_HOURS:
    case RTC_DAY_OF_WEEK:
    case RTC_DAY_OF_MONTH:
    case RTC_MONTH:
    case RTC_YEAR:
        return rtc_read_time_reg(rtc, reg);
    case RTC_REG_A: {
        val = rtc->cmos[RTC_REG_A];
        if (rtc_running(rtc)) {
            int64_t now = rtc_guest_ns(rtc);
            int64_t subsec = now - floor_div(now, NS_PER_SEC) * NS_PER_SEC;

            if (subsec >= NS_PER_SEC - UIP_WINDOW_NS) {
                val |= REG_A_UIP;
            }
        }
        return val;
    }
    case RTC_REG_C:
        rtc_update_flags(rtc);
        /* IRQF as the chip would show it, without pulsing the line now. */
        val = rtc->cmos[RTC_REG_C];
        if (val & rtc->cmos[RTC_REG_B] & (REG_C_PF | REG_C_AF | REG_C_UF)) {
            val |= REG_C_IRQF;
        }
        /* Reading C acknowledges everything and drops the IRQ. */
        rtc->cmos[RTC_REG_C] = 0;
        rtc_update_irq(rtc);
        rtc_schedule(rtc);
        return val;
    case RTC_REG_D:
        return REG_D_VRT; /* the battery is always good */
    default:
        return rtc->cmos[reg];
    }
}

static void rtc_write(void *opaque, uint64_t offset, uint64_t value,
                      unsigned size)
{
    RtcMc146818 *rtc = opaque;
    uint8_t val = value;

    if (offset == 0) {
        /* Bit 7 is the PC's NMI mask, not part of the index. */
        rtc->index = val & 0x7f;
        return;
    }
    switch (rtc->index) {
    case RTC_SECONDS:
    case RTC_MINUTES:
    case RTC_HOURS:
    case RTC_DAY_OF_WEEK:
    case RTC_DAY_OF_MONTH:
    case RTC_MONTH:
    case RTC_YEAR:
        rtc_write_time_reg(rtc, rtc->index, val);
        break;
    case RTC_REG_A:
        rtc_update_flags(rtc);
        rtc->cmos[RTC_REG_A] = val & ~REG_A_UIP;
        /* Count periodic ticks afresh at the new rate. */
        if (rtc_period_ns(rtc)) {
            rtc->last_tick = clock_monotonic_ns() / rtc_period_ns(rtc);
        }
        rtc_schedule(rtc);
        break;
    case RTC_REG_B:
        rtc_write_reg_b(rtc, val);
        break;
    case RTC_REG_C:
    case RTC_REG_D:
        break; /* read-only */
    default:
        /* Alarm registers and CMOS storage. */
        rtc->cmos[rtc->index] = val;
        if (rtc->index == RTC_SECONDS_ALARM ||
            rtc->index == RTC_MINUTES_ALARM ||
            rtc->index == RTC_HOURS_ALARM) {
            rtc_schedule(rtc);
        }
        break;
    }
}

static const MemoryRegionOps rtc_ops = {
    .read = rtc_read,
    .write = rtc_write,
    .valid_min = 1,
    .valid_max = 4,
    .impl_min = 1,
    .impl_max = 1,
};

void rtc_mc146818_reset(RtcMc146818 *rtc)
{
    rtc->cmos[RTC_REG_B] &= ~(REG_B_PIE | REG_B_AIE | REG_B_UIE | REG_B_SQWE);
    rtc->cmos[RTC_REG_C] = 0;
    rtc->irq_level = false;
    irq_line_set(&rtc->irq, 0);
    rtc->last_update_ns = rtc_guest_ns(rtc);
    if (rtc->timer) {
        main_loop_timer_del(rtc->timer);
    }
}

void rtc_mc146818_set_cmos(RtcMc146818 *rtc, unsigned index, uint8_t value)
{
    if (index < 0x0e || index >= RTC_MC146818_CMOS_SIZE) {
        fatal_internal("rtc: CMOS index 0x%x is not storage", index);
    }
    rtc->cmos[index] = value;
}

void rtc_mc146818_init(RtcMc146818 *rtc, IRQLine irq)
{
    time_t now;
    struct tm tm;

    memset(rtc, 0, sizeof(*rtc));
    rtc->irq = irq;
    /* 32.768 kHz time base, 1024 Hz periodic rate, as a PC BIOS leaves it. */
    rtc->cmos[RTC_REG_A] = 0x26;
    rtc->cmos[RTC_REG_B] = REG_B_24H;   /* BCD, 24-hour */
    rtc->cmos[RTC_REG_D] = REG_D_VRT;
    now = clock_realtime_ns() / NS_PER_SEC;
    gmtime_r(&now, &tm);
    rtc->cmos[RTC_CMOS_CENTURY] = rtc_encode(rtc, (tm.tm_year + 1900) / 100);
    rtc->last_tick = clock_monotonic_ns() / rtc_period_ns(rtc);
    memory_region_init_io(&rtc->mr, "rtc", 2, &rtc_ops, rtc);
    rtc_mc146818_reset(rtc);
}

RtcMc146818 *rtc_mc146818_create(MemoryRegion *io, uint64_t base, IRQLine irq)
{
    RtcMc146818 *rtc = xzalloc(sizeof(*rtc));
    int ret;

    rtc_mc146818_init(rtc, irq);
    ret = memory_region_add_subregion(io, base, &rtc->mr);
    if (ret < 0) {
        error_report("rtc: cannot map ports 0x%" PRIx64 "-0x%" PRIx64 ": %s",
                     base, base + 1, strerror(-ret));
        memory_region_destroy(&rtc->mr);
        free(rtc);
        return NULL;
    }
    return rtc;
}
