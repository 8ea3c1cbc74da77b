/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * MC146818 RTC through its ports. The main-loop timer functions the RTC
 * calls are defined here (a link seam: io/main-loop.o is then not pulled
 * from the archive), so the test sees what the device arms and fires the
 * "timer" itself with rtc_mc146818_update().
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "devices/rtc-mc146818.h"
#include "util/cutils.h"

/* ---- fake main-loop timers -------------------------------------------- */

struct MainLoopTimer {
    MainLoopTimerFn *fn;
    void *opaque;
    bool armed;
    int64_t deadline;
};

static struct MainLoopTimer the_timer;
static unsigned timers_created;

MainLoopTimer *main_loop_timer_new(MainLoopTimerFn *fn, void *opaque)
{
    timers_created++;
    the_timer.fn = fn;
    the_timer.opaque = opaque;
    the_timer.armed = false;
    return &the_timer;
}

void main_loop_timer_mod(MainLoopTimer *t, int64_t deadline_ns)
{
    t->armed = true;
    t->deadline = deadline_ns;
}

void main_loop_timer_del(MainLoopTimer *t)
{
    t->armed = false;
}

void main_loop_timer_free(MainLoopTimer *t)
{
    t->armed = false;
}

/* ---- harness ----------------------------------------------------------- */

static int irq_level;
static unsigned irq_rises;
static RtcMc146818 rtc;

static void irq_record(void *opaque, int n, int level)
{
    if (level && !irq_level) {
        irq_rises++;
    }
    irq_level = level;
}

static uint8_t cmos_read(uint8_t index)
{
    rtc.mr.ops->write(rtc.mr.opaque, 0, index, 1);
    return rtc.mr.ops->read(rtc.mr.opaque, 1, 1);
}

static void cmos_write(uint8_t index, uint8_t val)
{
    rtc.mr.ops->write(rtc.mr.opaque, 0, index, 1);
    rtc.mr.ops->write(rtc.mr.opaque, 1, val, 1);
}

static unsigned bcd(unsigned v)
{
    return ((v / 10) << 4) | (v % 10);
}

static int setup(void **state)
{
    memset(&the_timer, 0, sizeof(the_timer));
    timers_created = 0;
    irq_level = 0;
    irq_rises = 0;
    rtc_mc146818_init(&rtc, irq_line_make(irq_record, NULL, 8));
    return 0;
}

typedef struct RtcRegs {
    uint8_t sec, min, hour, wday, mday, mon, year;
} RtcRegs;

/*
 * Read the time registers and the host's UTC time at the same second
 * (retrying across a second boundary).
 */
static time_t realtime_sec(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    return ts.tv_sec;
}

static void read_time(RtcRegs *r, struct tm *host)
{
    for (int tries = 0; tries < 5; tries++) {
        /* the clock the device reads: time() is the coarse clock, which
         * can still say the last second for a few ms after the tick */
        time_t before = realtime_sec(), after;

        r->sec = cmos_read(0);
        r->min = cmos_read(2);
        r->hour = cmos_read(4);
        r->wday = cmos_read(6);
        r->mday = cmos_read(7);
        r->mon = cmos_read(8);
        r->year = cmos_read(9);
        after = realtime_sec();
        if (before == after) {
            gmtime_r(&before, host);
            return;
        }
    }
    fail_msg("clock kept crossing seconds");
}

/* ---- tests ------------------------------------------------------------- */

static void test_initial_registers(void **state)
{
    assert_int_equal(cmos_read(0x0a) & 0x7f, 0x26);
    assert_int_equal(cmos_read(0x0b), 0x02);
    assert_int_equal(cmos_read(0x0d), 0x80);
    cmos_write(0x0d, 0x00);              /* read-only */
    assert_int_equal(cmos_read(0x0d), 0x80);
    /* The index port is write-only. */
    assert_int_equal(rtc.mr.ops->read(rtc.mr.opaque, 0, 1), 0xff);
}

static void test_time_bcd(void **state)
{
    RtcRegs r;
    struct tm h;

    read_time(&r, &h);
    assert_int_equal(r.sec, bcd(h.tm_sec));
    assert_int_equal(r.min, bcd(h.tm_min));
    assert_int_equal(r.hour, bcd(h.tm_hour));
    assert_int_equal(r.wday, bcd(h.tm_wday + 1));
    assert_int_equal(r.mday, bcd(h.tm_mday));
    assert_int_equal(r.mon, bcd(h.tm_mon + 1));
    assert_int_equal(r.year, bcd(h.tm_year % 100));
    assert_int_equal(cmos_read(0x32), bcd((h.tm_year + 1900) / 100));
}

static void test_time_binary(void **state)
{
    RtcRegs r;
    struct tm h;

    cmos_write(0x0b, 0x06);              /* binary, 24h */
    read_time(&r, &h);
    assert_int_equal(r.sec, h.tm_sec);
    assert_int_equal(r.min, h.tm_min);
    assert_int_equal(r.hour, h.tm_hour);
    assert_int_equal(r.mday, h.tm_mday);
    assert_int_equal(r.mon, h.tm_mon + 1);
    assert_int_equal(r.year, h.tm_year % 100);
}

static void test_time_12h(void **state)
{
    RtcRegs r;
    struct tm h;
    unsigned h12;

    cmos_write(0x0b, 0x00);              /* BCD, 12h */
    read_time(&r, &h);
    h12 = h.tm_hour % 12 ? h.tm_hour % 12 : 12;
    assert_int_equal(r.hour, bcd(h12) | (h.tm_hour >= 12 ? 0x80 : 0));
    cmos_write(0x0b, 0x04);              /* binary, 12h */
    read_time(&r, &h);
    h12 = h.tm_hour % 12 ? h.tm_hour % 12 : 12;
    assert_int_equal(r.hour, h12 | (h.tm_hour >= 12 ? 0x80 : 0));
}

static void test_guest_sets_time(void **state)
{
    uint8_t sec;

    /* Linux's way: SET, write every field, release SET. */
    cmos_write(0x0b, 0x82);
    cmos_write(0, 0x58);
    cmos_write(2, 0x59);
    cmos_write(4, 0x23);
    cmos_write(7, 0x29);
    cmos_write(8, 0x02);
    cmos_write(9, 0x24);
    cmos_write(0x32, 0x20);
    /* Held while SET is up. */
    assert_int_equal(cmos_read(0), 0x58);
    cmos_write(0x0b, 0x02);
    sec = cmos_read(0);
    assert_true(sec == 0x58 || sec == 0x59);
    assert_int_equal(cmos_read(2), 0x59);
    assert_int_equal(cmos_read(4), 0x23);
    assert_int_equal(cmos_read(7), 0x29);
    assert_int_equal(cmos_read(8), 0x02);
    assert_int_equal(cmos_read(9), 0x24);
    assert_int_equal(cmos_read(6), 0x05); /* 2024-02-29 was a Thursday */

    /* 12h PM decoding on write: 11 PM is 23:00. */
    cmos_write(0x0b, 0x80);
    cmos_write(0, 0x00);
    cmos_write(4, 0x91);
    cmos_write(0x0b, 0x00);
    cmos_write(0x0b, 0x02);
    assert_int_equal(cmos_read(4), 0x23);

    /* A single write while running moves just that field. */
    cmos_write(9, 0x28);
    assert_int_equal(cmos_read(9), 0x28);
    assert_int_equal(cmos_read(7), 0x29);
    assert_int_equal(cmos_read(8), 0x02);
    assert_int_equal(cmos_read(0x32), 0x20);
}

static void test_cmos_storage(void **state)
{
    cmos_write(0x40, 0x5a);
    assert_int_equal(cmos_read(0x40), 0x5a);
    /* Bit 7 of the index is the NMI mask, not part of the address. */
    assert_int_equal(cmos_read(0x80 | 0x40), 0x5a);
    rtc_mc146818_set_cmos(&rtc, RTC_CMOS_EXT_MEM_LO, 0x00);
    rtc_mc146818_set_cmos(&rtc, RTC_CMOS_EXT_MEM_HI, 0xfc);
    assert_int_equal(cmos_read(0x17), 0x00);
    assert_int_equal(cmos_read(0x18), 0xfc);
    /* Storage survives a reset (battery backed). */
    rtc_mc146818_reset(&rtc);
    assert_int_equal(cmos_read(0x18), 0xfc);
}

static void test_periodic_irq_and_reg_c(void **state)
{
    struct timespec ts = { 0, 2 * 1000 * 1000 };

    cmos_write(0x0a, 0x23);              /* 8192 Hz */
    cmos_read(0x0c);
    cmos_write(0x0b, 0x42);              /* PIE */
    assert_int_equal(timers_created, 1);
    assert_true(the_timer.armed);
    assert_true(the_timer.deadline > clock_monotonic_ns() - 1000000);
    nanosleep(&ts, NULL);
    rtc_mc146818_update(&rtc);           /* the timer fires */
    assert_int_equal(irq_level, 1);
    /* While the line is up nothing can change: no wakeups. */
    assert_false(the_timer.armed);
    assert_int_equal(cmos_read(0x0c) & 0xc0, 0xc0); /* IRQF + PF */
    assert_int_equal(irq_level, 0);
    assert_true(the_timer.armed);
    /* Turning the interrupt off stops the timer. */
    cmos_write(0x0b, 0x02);
    assert_false(the_timer.armed);
}

static void test_flags_without_enable_raise_no_irq(void **state)
{
    struct timespec ts = { 0, 2 * 1000 * 1000 };
    uint8_t c;

    cmos_write(0x0a, 0x23);
    cmos_read(0x0c);
    nanosleep(&ts, NULL);
    c = cmos_read(0x0c);
    assert_int_equal(c & 0xc0, 0x40);    /* PF without IRQF */
    assert_int_equal(irq_level, 0);
    assert_int_equal(timers_created, 0);
}

static void test_update_and_alarm(void **state)
{
    uint8_t c;

    cmos_write(0x01, 0xc0);              /* alarm: any second */
    cmos_write(0x03, 0xc0);
    cmos_write(0x05, 0xc0);
    cmos_write(0x0a, 0x20);              /* no periodic rate */
    cmos_read(0x0c);
    cmos_write(0x0b, 0x32);              /* AIE + UIE */
    assert_true(the_timer.armed);
    assert_true(the_timer.deadline <=
                clock_monotonic_ns() + 1000 * 1000 * 1000LL);
    /* Pretend the timer fired two seconds later. */
    rtc.last_update_ns -= 2 * 1000 * 1000 * 1000LL;
    rtc_mc146818_update(&rtc);
    assert_int_equal(irq_level, 1);
    c = cmos_read(0x0c);
    assert_int_equal(c & 0xf0, 0xb0);    /* IRQF AF UF */
    assert_int_equal(irq_level, 0);
}

static void test_alarm_mismatch(void **state)
{
    RtcRegs r;
    struct tm h;
    uint8_t c;

    read_time(&r, &h);
    cmos_write(0x05, bcd((h.tm_hour + 12) % 24)); /* half a day away */
    cmos_write(0x03, 0xc0);
    cmos_write(0x01, 0xc0);
    cmos_read(0x0c);
    rtc.last_update_ns -= 2 * 1000 * 1000 * 1000LL;
    c = cmos_read(0x0c);
    assert_int_equal(c & 0x30, 0x10);    /* UF only */
}

static void test_enable_with_pending_flag(void **state)
{
    cmos_write(0x0a, 0x20);
    cmos_read(0x0c);
    rtc.last_update_ns -= 2 * 1000 * 1000 * 1000LL;
    rtc_mc146818_update(&rtc);           /* UF latched, UIE off */
    assert_int_equal(irq_level, 0);
    cmos_write(0x0b, 0x12);
    assert_int_equal(irq_level, 1);
    rtc_mc146818_reset(&rtc);
    assert_int_equal(irq_level, 0);
    assert_int_equal(cmos_read(0x0b), 0x02);
}

static void test_read_c_before_timer(void **state)
{
    cmos_write(0x0a, 0x20);
    cmos_read(0x0c);
    cmos_write(0x0b, 0x12);              /* UIE */
    rtc.last_update_ns -= 2 * 1000 * 1000 * 1000LL;
    /* The guest polls C before the timer fired: flags, no IRQ glitch. */
    assert_int_equal(cmos_read(0x0c) & 0xf0, 0x90);
    assert_int_equal(irq_rises, 0);
    assert_int_equal(irq_level, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_initial_registers, setup),
        cmocka_unit_test_setup(test_time_bcd, setup),
        cmocka_unit_test_setup(test_time_binary, setup),
        cmocka_unit_test_setup(test_time_12h, setup),
        cmocka_unit_test_setup(test_guest_sets_time, setup),
        cmocka_unit_test_setup(test_cmos_storage, setup),
        cmocka_unit_test_setup(test_periodic_irq_and_reg_c, setup),
        cmocka_unit_test_setup(test_flags_without_enable_raise_no_irq, setup),
        cmocka_unit_test_setup(test_update_and_alarm, setup),
        cmocka_unit_test_setup(test_alarm_mismatch, setup),
        cmocka_unit_test_setup(test_enable_with_pending_flag, setup),
        cmocka_unit_test_setup(test_read_c_before_timer, setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
