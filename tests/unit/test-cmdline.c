/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests for the system emulator's QEMU-style command line. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <string.h>

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "accel/tcg/tcg-log.h"
#include "system/cmdline.h"
#include "util/cutils.h"

static MachineOptions opts;
static CmdlineAction action;

#define PARSE(...)                                                      \
    ({                                                                  \
        char *argv_[] = { "janus-system-x86_64", __VA_ARGS__, NULL };   \
        cmdline_options_free(&opts);                                    \
        cmdline_parse(ARRAY_SIZE(argv_) - 1, argv_, &opts, &action);    \
    })

static void test_defaults(void **state)
{
    char *argv[] = { "janus-system-x86_64", NULL };

    cmdline_options_free(&opts);
    assert_int_equal(cmdline_parse(1, argv, &opts, &action), 0);
    assert_int_equal(action, CMDLINE_RUN);
    assert_int_equal(opts.ram_size, 128 * MiB);
    assert_int_equal(opts.smp_cpus, 1);
    assert_null(opts.kernel);
    assert_null(opts.accel);
}

static void test_memory_sizes(void **state)
{
    assert_int_equal(PARSE("-m", "512"), 0);
    assert_int_equal(opts.ram_size, 512 * MiB);
    assert_int_equal(PARSE("-m", "1G"), 0);
    assert_int_equal(opts.ram_size, GiB);
    assert_int_equal(PARSE("-m", "size=2g"), 0);
    assert_int_equal(opts.ram_size, 2 * GiB);
    assert_int_equal(PARSE("-m", "1.5G"), 0);
    assert_int_equal(opts.ram_size, 3 * GiB / 2);
    assert_int_equal(PARSE("--m", "64M"), 0);
    assert_int_equal(opts.ram_size, 64 * MiB);
    assert_int_equal(PARSE("-m", "lots"), -EINVAL);
    assert_int_equal(PARSE("-m", "0"), -EINVAL);
    assert_int_equal(PARSE("-m", "-5"), -EINVAL);
    assert_int_equal(PARSE("-m", "1X"), -EINVAL);
    assert_int_equal(PARSE("-m", "99999999999999999999"), -EINVAL);
    assert_int_equal(PARSE("-m", "1G,maxmem=4G"), -EINVAL);
    assert_int_equal(PARSE("-m", "1G,bogus=1"), -EINVAL);
}

static void test_smp(void **state)
{
    assert_int_equal(PARSE("-smp", "4"), 0);
    assert_int_equal(opts.smp_cpus, 4);
    assert_int_equal(PARSE("-smp", "cpus=2"), 0);
    assert_int_equal(opts.smp_cpus, 2);
    assert_int_equal(PARSE("-smp", "sockets=2,cores=2,threads=2"), 0);
    assert_int_equal(opts.smp_cpus, 8);
    assert_int_equal(PARSE("-smp", "4,sockets=1,cores=4"), 0);
    assert_int_equal(opts.smp_cpus, 4);
    assert_int_equal(PARSE("-smp", "4,maxcpus=4"), 0);
    assert_int_equal(PARSE("-smp", "0"), -EINVAL);
    assert_int_equal(PARSE("-smp", "abc"), -EINVAL);
    assert_int_equal(PARSE("-smp", "4,sockets=3"), -EINVAL);
    assert_int_equal(PARSE("-smp", "2,maxcpus=4"), -EINVAL);
    assert_int_equal(PARSE("-smp", "100000"), -EINVAL);
}

static void test_boot_options(void **state)
{
    assert_int_equal(PARSE("-kernel", "bz", "-append", "console=ttyS0 a,b",
                           "-initrd", "rd"), 0);
    assert_string_equal(opts.kernel, "bz");
    assert_string_equal(opts.append, "console=ttyS0 a,b");
    assert_string_equal(opts.initrd, "rd");
    assert_int_equal(PARSE("-append", "x"), -EINVAL);
    assert_int_equal(PARSE("-initrd", "x"), -EINVAL);
    assert_int_equal(PARSE("-kernel"), -EINVAL);
}

static void test_machine_and_accel(void **state)
{
    assert_int_equal(PARSE("-M", "pc", "-accel", "kvm"), 0);
    assert_string_equal(opts.machine_type, "pc");
    assert_string_equal(opts.accel, "kvm");
    assert_int_equal(PARSE("-machine", "type=pc,accel=tcg"), 0);
    assert_string_equal(opts.machine_type, "pc");
    assert_string_equal(opts.accel, "tcg");
    assert_int_equal(PARSE("-enable-kvm"), 0);
    assert_string_equal(opts.accel, "kvm");
    assert_int_equal(PARSE("-accel", "accel=kvm"), 0);
    assert_string_equal(opts.accel, "kvm");
    assert_int_equal(PARSE("-machine", "pc,usb=on"), -EINVAL);
    assert_int_equal(PARSE("-M", "help"), 0);
    assert_int_equal(action, CMDLINE_MACHINE_HELP);
    assert_int_equal(PARSE("-accel", "help"), 0);
    assert_int_equal(action, CMDLINE_ACCEL_HELP);
}

static void test_devices(void **state)
{
    assert_int_equal(PARSE("-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
                           "-device", "foo"), 0);
    assert_int_equal(opts.nr_devices, 2);
    assert_string_equal(opts.devices[0].driver, "isa-debug-exit");
    assert_int_equal(opts.devices[0].nr_props, 2);
    assert_string_equal(opts.devices[0].props[0].key, "iobase");
    assert_string_equal(opts.devices[0].props[0].value, "0xf4");
    assert_string_equal(opts.devices[0].props[1].key, "iosize");
    assert_string_equal(opts.devices[1].driver, "foo");
    assert_int_equal(PARSE("-device", "driver=x,a=b,,c"), 0);
    assert_string_equal(opts.devices[0].driver, "x");
    assert_string_equal(opts.devices[0].props[0].value, "b,c");
    assert_int_equal(PARSE("-device", "x,"), -EINVAL);
    assert_int_equal(PARSE("-device", "x,=3"), -EINVAL);
    assert_int_equal(PARSE("-device", "help"), 0);
    assert_int_equal(action, CMDLINE_DEVICE_HELP);
}

static void test_misc(void **state)
{
    assert_int_equal(PARSE("-nographic", "-no-reboot", "-serial", "stdio",
                           "-serial", "file:/tmp/x", "-display", "none",
                           "-monitor", "none", "-rtc", "base=utc",
                           "-name", "g", "-cpu", "host"), 0);
    assert_true(opts.nographic);
    assert_true(opts.no_reboot);
    assert_int_equal(opts.nr_serials, 2);
    assert_string_equal(opts.serials[1], "file:/tmp/x");
    assert_string_equal(opts.cpu_model, "host");
    assert_int_equal(PARSE("-frobnicate"), -EINVAL);
    assert_int_equal(PARSE("disk.img"), -EINVAL);
    assert_int_equal(PARSE("-display", "gtk"), -EINVAL);
    assert_int_equal(PARSE("-monitor", "stdio"), -EINVAL);
    assert_int_equal(PARSE("-rtc", "base=localtime"), -EINVAL);
    assert_int_equal(PARSE("-serial", "a", "-serial", "b", "-serial", "c",
                           "-serial", "d", "-serial", "e"), -EINVAL);
    assert_int_equal(PARSE("-h"), 0);
    assert_int_equal(action, CMDLINE_HELP);
    assert_int_equal(PARSE("-version", "-frobnicate"), 0);
    assert_int_equal(action, CMDLINE_VERSION);
}

/* -d/-D set the TCG log with the items janus-riscv64 parses too. */
static void test_log_options(void **state)
{
    char path[] = "/tmp/janus-cmdline-log-XXXXXX";
    int fd = mkstemp(path);

    assert_true(fd >= 0);
    close(fd);
    tcg_log_mask = 0;
    assert_int_equal(PARSE("-d", "in_asm,out_asm"), 0);
    assert_int_equal(tcg_log_mask, TCG_LOG_IN_ASM | TCG_LOG_OUT_ASM);
    assert_int_equal(PARSE("-d", "op", "-d", "exec"), 0);
    assert_int_equal(tcg_log_mask, TCG_LOG_EXEC);      /* the last wins */
    assert_int_equal(PARSE("-d", "in_asm,frob"), -EINVAL);
    assert_int_equal(PARSE("-d"), -EINVAL);            /* needs an argument */
    assert_int_equal(PARSE("-D", "/nonexistent-dir/log"), -EINVAL);
    assert_null(tcg_log_file);
    assert_int_equal(PARSE("-D", path, "-d", "in_asm"), 0);
    assert_non_null(tcg_log_file);
    fputs("x\n", tcg_log_stream());
    fclose(tcg_log_file);
    tcg_log_file = NULL;
    tcg_log_mask = 0;
    {
        FILE *f = fopen(path, "r");
        char line[8] = "";

        assert_non_null(f);
        assert_non_null(fgets(line, sizeof(line), f));
        assert_string_equal(line, "x\n");
        fclose(f);
    }
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_memory_sizes),
        cmocka_unit_test(test_smp),
        cmocka_unit_test(test_boot_options),
        cmocka_unit_test(test_machine_and_accel),
        cmocka_unit_test(test_devices),
        cmocka_unit_test(test_misc),
        cmocka_unit_test(test_log_options),
    };
    int failed = cmocka_run_group_tests_name("cmdline", tests, NULL, NULL);

    cmdline_options_free(&opts);
    return failed;
}
