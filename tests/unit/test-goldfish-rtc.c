/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Goldfish RTC through an address space with fake host clocks: the
 * latched 64-bit time, setting it, the alarm (armed, fired by the faked
 * main-loop timer, a link seam), IRQ enable and clear.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "devices/goldfish-rtc.h"
#include "io/main-loop.h"

/* ---- fake main-loop timer ---------------------------------------------- */

struct MainLoopTimer {
    MainLoopTimerFn *fn;
    void *opaque;
    bool armed;
    int64_t deadline;
};

static struct MainLoopTimer the_timer;

MainLoopTimer *main_loop_timer_new(MainLoopTimerFn *fn, void *opaque)
{
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

#define BASE 0x101000ull
#define T0 0x1234567812345678ll   /* host realtime at start */

static int64_t wall, mono;
static int64_t fake_realtime(void) { return wall; }
static int64_t fake_monotonic(void) { return mono; }

static int irq_level;
static void irq_set(void *opaque, int n, int level)
{
    irq_level = level;
}

static GoldfishRtc rtc;
static MemoryRegion root;
static AddressSpace as;

static uint32_t rd(uint64_t off)
{
    uint32_t v = 0;

    assert_int_equal(address_space_read(&as, BASE + off, &v, 4), MEMTX_OK);
    return v;
}

static void wr(uint64_t off, uint32_t v)
{
    assert_int_equal(address_space_write(&as, BASE + off, &v, 4), MEMTX_OK);
}

static uint64_t read_time(void)
{
    uint64_t lo = rd(GOLDFISH_RTC_TIME_LOW);

    return ((uint64_t)rd(GOLDFISH_RTC_TIME_HIGH) << 32) | lo;
}

static void advance(int64_t ns)
{
    wall += ns;
    mono += ns;
    if (the_timer.armed && the_timer.deadline <= mono) {
        the_timer.armed = false;
        the_timer.fn(the_timer.opaque);
    }
}

static int setup(void **state)
{
    wall = T0;
    mono = 1000;
    irq_level = 0;
    goldfish_rtc_init(&rtc, irq_line_make(irq_set, NULL, 11), fake_realtime,
                      fake_monotonic);
    memory_region_init_container(&root, "root", UINT64_MAX);
    memory_region_add_subregion(&root, BASE, &rtc.mr);
    address_space_init(&as, &root, "test");
    return 0;
}

static int teardown(void **state)
{
    address_space_destroy(&as);
    memory_region_del_subregion(&root, &rtc.mr);
    goldfish_rtc_destroy(&rtc);
    memory_region_destroy(&root);
    return 0;
}

static void test_time_is_host_realtime_latched(void **state)
{
    uint32_t lo;

    assert_int_equal(read_time(), (uint64_t)T0);
    /* the high half is the one latched by the low read */
    lo = rd(GOLDFISH_RTC_TIME_LOW);
    wall += 0x100000000ll;
    assert_int_equal(rd(GOLDFISH_RTC_TIME_HIGH), (uint64_t)T0 >> 32);
    assert_int_equal(lo, (uint32_t)T0);
    advance(5);
    assert_int_equal(read_time(), (uint64_t)T0 + 0x100000000ll + 5);
}

static void test_set_time(void **state)
{
    wr(GOLDFISH_RTC_TIME_HIGH, 0x10);
    wr(GOLDFISH_RTC_TIME_LOW, 0x20);
    assert_int_equal(read_time(), 0x1000000020ull);
    advance(1000);
    assert_int_equal(read_time(), 0x1000000020ull + 1000);
    goldfish_rtc_reset(&rtc);
    assert_int_equal(read_time(), (uint64_t)wall);
}

static void test_alarm_fires_and_interrupts(void **state)
{
    uint64_t when = (uint64_t)T0 + 5000;

    wr(GOLDFISH_RTC_IRQ_ENABLED, 1);
    assert_int_equal(rd(GOLDFISH_RTC_IRQ_ENABLED), 1);
    wr(GOLDFISH_RTC_ALARM_HIGH, when >> 32);
    wr(GOLDFISH_RTC_ALARM_LOW, (uint32_t)when);
    assert_int_equal(rd(GOLDFISH_RTC_ALARM_STATUS), 1);
    assert_int_equal(rd(GOLDFISH_RTC_ALARM_LOW), (uint32_t)when);
    assert_int_equal(rd(GOLDFISH_RTC_ALARM_HIGH), when >> 32);
    assert_true(the_timer.armed);
    assert_int_equal(the_timer.deadline, mono + 5000);
    advance(4999);
    assert_int_equal(irq_level, 0);
    advance(1);
    assert_int_equal(irq_level, 1);
    assert_int_equal(rd(GOLDFISH_RTC_ALARM_STATUS), 0);
    wr(GOLDFISH_RTC_CLEAR_INTERRUPT, 1);
    assert_int_equal(irq_level, 0);
}

static void test_alarm_in_the_past_and_irq_enable(void **state)
{
    uint64_t when = (uint64_t)T0 - 1;

    wr(GOLDFISH_RTC_ALARM_HIGH, when >> 32);
    wr(GOLDFISH_RTC_ALARM_LOW, (uint32_t)when);
    /* fired at once, but the interrupt is disabled */
    assert_int_equal(rd(GOLDFISH_RTC_ALARM_STATUS), 0);
    assert_int_equal(irq_level, 0);
    wr(GOLDFISH_RTC_IRQ_ENABLED, 1);
    assert_int_equal(irq_level, 1);
    wr(GOLDFISH_RTC_IRQ_ENABLED, 0);
    assert_int_equal(irq_level, 0);
}

static void test_clear_alarm(void **state)
{
    uint64_t when = (uint64_t)T0 + 100;

    wr(GOLDFISH_RTC_IRQ_ENABLED, 1);
    wr(GOLDFISH_RTC_ALARM_HIGH, when >> 32);
    wr(GOLDFISH_RTC_ALARM_LOW, (uint32_t)when);
    wr(GOLDFISH_RTC_CLEAR_ALARM, 1);
    assert_int_equal(rd(GOLDFISH_RTC_ALARM_STATUS), 0);
    assert_false(the_timer.armed);
    advance(1000);
    assert_int_equal(irq_level, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_time_is_host_realtime_latched, setup, teardown),
        cmocka_unit_test_setup_teardown(test_set_time, setup, teardown),
        cmocka_unit_test_setup_teardown(test_alarm_fires_and_interrupts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_alarm_in_the_past_and_irq_enable, setup, teardown),
        cmocka_unit_test_setup_teardown(test_clear_alarm, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
