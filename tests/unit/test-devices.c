/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The small PC devices (i8042, isa-debug-exit, port-sink) and the -device
 * table and property helpers.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "devices/device.h"
#include "devices/i8042.h"
#include "devices/isa-debug-exit.h"
#include "devices/port-sink.h"
#include "util/cutils.h"

typedef struct LineRecorder {
    int level;
    unsigned rises;
} LineRecorder;

static void line_record(void *opaque, int n, int level)
{
    LineRecorder *r = opaque;

    if (level && !r->level) {
        r->rises++;
    }
    r->level = level;
}

static uint8_t mr_read(MemoryRegion *mr, uint64_t off)
{
    return mr->ops->read(mr->opaque, off, 1);
}

static void mr_write(MemoryRegion *mr, uint64_t off, uint64_t val,
                     unsigned size)
{
    mr->ops->write(mr->opaque, off, val, size);
}

/* ---- i8042 -------------------------------------------------------------- */

static I8042 kbc;
static LineRecorder kbd_irq, aux_irq, reset_line;

static int setup_i8042(void **state)
{
    memset(&kbd_irq, 0, sizeof(kbd_irq));
    memset(&aux_irq, 0, sizeof(aux_irq));
    memset(&reset_line, 0, sizeof(reset_line));
    i8042_init(&kbc, irq_line_make(line_record, &kbd_irq, 1),
               irq_line_make(line_record, &aux_irq, 12),
               irq_line_make(line_record, &reset_line, 0));
    return 0;
}

static uint8_t kbc_status(void)
{
    return mr_read(&kbc.cmd_mr, 0);
}

static void kbc_cmd(uint8_t cmd)
{
    mr_write(&kbc.cmd_mr, 0, cmd, 1);
}

static uint8_t kbc_data(void)
{
    return mr_read(&kbc.data_mr, 0);
}

static void kbc_put(uint8_t val)
{
    mr_write(&kbc.data_mr, 0, val, 1);
}

static void test_i8042_status_idle(void **state)
{
    uint8_t st = kbc_status();

    assert_int_equal(st & 0x01, 0);      /* no data: Linux's flush ends */
    assert_int_equal(st & 0x02, 0);      /* never busy */
    assert_int_equal(st & 0x04, 0x04);   /* system flag */
}

static void test_i8042_self_tests(void **state)
{
    kbc_cmd(0xaa);
    assert_int_equal(kbc_status() & 0x01, 0x01);
    assert_int_equal(kbc_status() & 0x08, 0x08); /* last write: command */
    assert_int_equal(kbc_data(), 0x55);
    assert_int_equal(kbc_status() & 0x01, 0);
    kbc_cmd(0xab);
    assert_int_equal(kbc_data(), 0x00);
    kbc_cmd(0xa9);
    assert_int_equal(kbc_data(), 0x00);
}

static void test_i8042_command_byte(void **state)
{
    kbc_cmd(0x20);
    assert_int_equal(kbc_data(), 0x45);
    kbc_cmd(0x60);
    kbc_put(0x47);
    assert_int_equal(kbc_status() & 0x01, 0); /* no keyboard reply */
    kbc_cmd(0x20);
    assert_int_equal(kbc_data(), 0x47);
    kbc_cmd(0xa7);                       /* AUX off */
    kbc_cmd(0xad);                       /* KBD off */
    kbc_cmd(0x20);
    assert_int_equal(kbc_data(), 0x77);
    kbc_cmd(0xa8);
    kbc_cmd(0xae);
    kbc_cmd(0x20);
    assert_int_equal(kbc_data(), 0x47);
}

static void test_i8042_aux_loop_irq(void **state)
{
    kbc_cmd(0x60);
    kbc_put(0x47);                       /* KBD and AUX interrupts on */
    kbc_cmd(0xd3);
    kbc_put(0x5a);
    assert_int_equal(kbc_status() & 0x21, 0x21); /* OBF + AUX data */
    assert_int_equal(aux_irq.level, 1);
    assert_int_equal(kbd_irq.level, 0);
    assert_int_equal(kbc_data(), 0x5a);
    assert_int_equal(aux_irq.level, 0);
}

static void test_i8042_no_keyboard(void **state)
{
    kbc_put(0xf2);                       /* keyboard GET ID */
    assert_int_equal(kbc_status() & 0x61, 0x41); /* OBF + timeout, KBD */
    assert_int_equal(kbd_irq.level, 1);  /* CTR 0x45 has KBDINT */
    assert_int_equal(kbc_data(), 0xfe);
    assert_int_equal(kbd_irq.level, 0);
    assert_int_equal(kbc_status() & 0x41, 0);
    /* The same for the mouse, through 0xd4. */
    kbc_cmd(0xd4);
    kbc_put(0xf2);
    assert_int_equal(kbc_status() & 0x61, 0x61);
    assert_int_equal(kbc_data(), 0xfe);
}

static void test_i8042_reset_pulse(void **state)
{
    kbc_cmd(0xfe);
    assert_int_equal(reset_line.rises, 1);
    assert_int_equal(reset_line.level, 0); /* a pulse, not a level */
    kbc_cmd(0xff);                       /* pulses nothing */
    assert_int_equal(reset_line.rises, 1);
    kbc_cmd(0xd1);
    kbc_put(0x03);                       /* reset bit high: no reset */
    assert_int_equal(reset_line.rises, 1);
    kbc_cmd(0xd0);
    assert_int_equal(kbc_data() & 0x03, 0x03);
    kbc_cmd(0xd1);
    kbc_put(0x02);                       /* bit 0 low: reset */
    assert_int_equal(reset_line.rises, 2);
}

static void test_i8042_reset_state(void **state)
{
    kbc_cmd(0x60);
    kbc_put(0x00);
    kbc_put(0xf2);
    i8042_reset(&kbc);
    assert_int_equal(kbc_status() & 0x01, 0);
    kbc_cmd(0x20);
    assert_int_equal(kbc_data(), 0x45);
}

/* ---- isa-debug-exit ----------------------------------------------------- */

static int exit_calls, exit_status;

static void exit_record(void *opaque, int status)
{
    assert_ptr_equal(opaque, &exit_calls);
    exit_calls++;
    exit_status = status;
}

static void test_debug_exit_status(void **state)
{
    assert_int_equal(isa_debug_exit_status(0), 1);
    assert_int_equal(isa_debug_exit_status(1), 3);
    assert_int_equal(isa_debug_exit_status(0x10), 0x21);
    assert_int_equal(isa_debug_exit_status(0x7f) & 0xff, 0xff);
}

static void test_debug_exit_write(void **state)
{
    IsaDebugExit d;

    exit_calls = 0;
    isa_debug_exit_init(&d, 4, exit_record, &exit_calls);
    assert_int_equal(d.mr.size, 4);
    mr_write(&d.mr, 0, 0x31, 1);
    assert_int_equal(exit_calls, 1);
    assert_int_equal(exit_status, 0x63);
    mr_write(&d.mr, 0, 0x1234, 2);
    assert_int_equal(exit_status, 0x2469);
}

/* ---- port-sink ---------------------------------------------------------- */

static void test_port_sink(void **state)
{
    PortSink ps;

    port_sink_init(&ps, "post", 1, 0xff);
    mr_write(&ps.mr, 0, 0x12, 1);
    assert_int_equal(mr_read(&ps.mr, 0), 0xff);
    assert_int_equal(ps.mr.ops->read(ps.mr.opaque, 0, 2), 0xffff);
    port_sink_init(&ps, "zero", 1, 0x00);
    assert_int_equal(mr_read(&ps.mr, 0), 0x00);
}

/* ---- -device ------------------------------------------------------------ */

static DeviceOptions make_opts(const char *driver, const char *k1,
                               const char *v1, const char *k2, const char *v2)
{
    DeviceOptions o;

    memset(&o, 0, sizeof(o));
    o.driver = driver;
    if (k1) {
        o.props[o.nr_props].key = (char *)k1;
        o.props[o.nr_props++].value = (char *)v1;
    }
    if (k2) {
        o.props[o.nr_props].key = (char *)k2;
        o.props[o.nr_props++].value = (char *)v2;
    }
    return o;
}

static void test_opt_uint(void **state)
{
    DeviceOptions o = make_opts("isa-debug-exit", "iobase", "0xf4",
                                "iosize", "bad");
    uint64_t v = 0;

    assert_int_equal(device_opt_uint(&o, "iobase", 7, &v), 0);
    assert_int_equal(v, 0xf4);
    assert_int_equal(device_opt_uint(&o, "absent", 7, &v), 0);
    assert_int_equal(v, 7);
    assert_int_equal(device_opt_uint(&o, "iosize", 7, &v), -EINVAL);
    o = make_opts("x", "n", "-1", NULL, NULL);
    assert_int_equal(device_opt_uint(&o, "n", 0, &v), -EINVAL);
    o = make_opts("x", "n", "", NULL, NULL);
    assert_int_equal(device_opt_uint(&o, "n", 0, &v), -EINVAL);
}

static void test_opts_check_known(void **state)
{
    static const char *const known[] = { "iobase", "iosize", NULL };
    DeviceOptions o = make_opts("isa-debug-exit", "iobase", "1", "id", "d0");

    assert_int_equal(device_opts_check_known(&o, known), 0);
    o = make_opts("isa-debug-exit", "iosize", "1", "foo", "1");
    assert_int_equal(device_opts_check_known(&o, known), -EINVAL);
}

static void test_device_table(void **state)
{
    const DeviceType *dt = device_type_find("isa-debug-exit");

    assert_non_null(dt);
    assert_string_equal(dt->name, "isa-debug-exit");
    assert_non_null(dt->desc);
    assert_null(device_type_find("isa-debug-exi"));
    assert_null(device_type_find("no-such-device"));
}

static Machine machine;

static int setup_machine(void **state)
{
    memset(&machine, 0, sizeof(machine));
    memory_region_init_container(&machine.system_io, "io", 0x10000);
    return 0;
}

/* Devices live as long as the machine; here that ends with the test. */
static int teardown_machine(void **state)
{
    while (machine.system_io.nr_children) {
        MemoryRegion *mr = machine.system_io.children[0];

        memory_region_del_subregion(&machine.system_io, mr);
        memory_region_destroy(mr);
        free(container_of(mr, IsaDebugExit, mr));
    }
    memory_region_destroy(&machine.system_io);
    return 0;
}

static int realize(const char *k1, const char *v1, const char *k2,
                   const char *v2)
{
    DeviceOptions o = make_opts("isa-debug-exit", k1, v1, k2, v2);

    return device_type_find("isa-debug-exit")->realize(&machine, &o);
}

static void test_realize_bad_options(void **state)
{
    assert_int_equal(realize("foo", "1", NULL, NULL), -EINVAL);
    assert_int_equal(realize("iobase", "0x10000", NULL, NULL), -EINVAL);
    assert_int_equal(realize("iobase", "0xfffe", "iosize", "4"), -EINVAL);
    assert_int_equal(realize("iosize", "0", NULL, NULL), -EINVAL);
    assert_int_equal(realize("iobase", "zz", NULL, NULL), -EINVAL);
    assert_int_equal(machine.system_io.nr_children, 0);
}

static void test_realize_defaults_and_exit(void **state)
{
    MemoryRegion *mr;

    assert_int_equal(realize(NULL, NULL, NULL, NULL), 0);
    assert_int_equal(machine.system_io.nr_children, 1);
    mr = machine.system_io.children[0];
    assert_int_equal(mr->addr, 0x501);
    assert_int_equal(mr->size, 2);
    /* The same ports again are taken. */
    assert_true(realize(NULL, NULL, NULL, NULL) < 0);
    mr_write(mr, 0, 0x10, 1);
    assert_int_equal(machine.shutdown_cause, SHUTDOWN_EXIT_DEVICE);
    assert_int_equal(machine.exit_status, 0x21);
}

static void test_realize_iobase(void **state)
{
    MemoryRegion *mr;

    assert_int_equal(realize("iobase", "0xf4", "iosize", "0x04"), 0);
    mr = machine.system_io.children[0];
    assert_int_equal(mr->addr, 0xf4);
    assert_int_equal(mr->size, 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_i8042_status_idle, setup_i8042),
        cmocka_unit_test_setup(test_i8042_self_tests, setup_i8042),
        cmocka_unit_test_setup(test_i8042_command_byte, setup_i8042),
        cmocka_unit_test_setup(test_i8042_aux_loop_irq, setup_i8042),
        cmocka_unit_test_setup(test_i8042_no_keyboard, setup_i8042),
        cmocka_unit_test_setup(test_i8042_reset_pulse, setup_i8042),
        cmocka_unit_test_setup(test_i8042_reset_state, setup_i8042),
        cmocka_unit_test(test_debug_exit_status),
        cmocka_unit_test(test_debug_exit_write),
        cmocka_unit_test(test_port_sink),
        cmocka_unit_test(test_opt_uint),
        cmocka_unit_test(test_opts_check_known),
        cmocka_unit_test(test_device_table),
        cmocka_unit_test_setup_teardown(test_realize_bad_options, setup_machine,
                                        teardown_machine),
        cmocka_unit_test_setup_teardown(test_realize_defaults_and_exit, setup_machine,
                                        teardown_machine),
        cmocka_unit_test_setup_teardown(test_realize_iobase, setup_machine,
                                        teardown_machine),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
