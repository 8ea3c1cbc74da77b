/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * janus-system-*: parse the command line, build the machine, run the vCPU
 * threads and the main loop until the guest or the user ends it.
 */
#include "accel/accel.h"
#include "devices/device.h"
#include "io/chardev.h"
#include "io/chardev-stdio.h"
#include "io/main-loop.h"
#include "machines/machine.h"
#include "system/cmdline.h"
#include "util/cutils.h"
#include "util/error.h"
#include "util/machine-lock.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysinfo.h>

#define JANUS_VERSION "0.1.0"

static bool cpu_model_known(const char *name)
{
    for (const TargetCpuModel *c = janus_target.cpu_models; c->name; c++) {
        if (!strcmp(c->name, name)) {
            return true;
        }
    }
    return false;
}

static int check_ram_size(const MachineOptions *opts, const char *arg_hint)
{
    struct sysinfo si;
    uint64_t host;

    if (sysinfo(&si) < 0) {
        return 0;
    }
    host = ((uint64_t)si.totalram + si.totalswap) * si.mem_unit;
    if (opts->ram_size > host) {
        error_report("-m %s: the host has only %" PRIu64 " MiB of memory",
                     arg_hint, host / MiB);
        return -ENOMEM;
    }
    return 0;
}

static int open_serials(Machine *m, const MachineOptions *opts)
{
    unsigned n = opts->nr_serials;
    const char *specs[MACHINE_MAX_SERIALS];

    memcpy(specs, opts->serials, sizeof(specs));
    if (n == 0 && !opts->nodefaults) {
        /*
         * There is no graphical display, so the first serial port goes to
         * stdio with the escape keys, as QEMU does with -nographic.
         */
        specs[0] = "mon:stdio";
        n = 1;
    }
    for (unsigned i = 0; i < n; i++) {
        if (!strcmp(specs[i], "none")) {
            continue;
        }
        m->serials[i] = chardev_new(specs[i]);
        if (!m->serials[i]) {
            return -EINVAL;
        }
    }
    return 0;
}

static bool target_has_accel(const char *name)
{
    for (const char *const *a = janus_target.accels; *a; a++) {
        if (!strcmp(*a, name)) {
            return true;
        }
    }
    return false;
}

static int choose_accel(Machine *m, const MachineOptions *opts)
{
    const char *name = opts->accel ? opts->accel : janus_target.default_accel;
    static AccelTarget accel_target;

    accel_target.name = janus_target.arch;
    accel_target.kvm = target_has_accel("kvm");
    accel_target.tcg_ops = janus_target.tcg_ops;
    accel_set_target(&accel_target);

    if (name) {
        if (!target_has_accel(name)) {
            error_report("-accel %s: not an accelerator of %s "
                         "(-accel help lists them)", name,
                         error_get_progname());
            return -EINVAL;
        }
        m->accel = accel_find(name);
        return m->accel ? 0 : -EINVAL;
    }
    m->accel = accel_default();
    if (!m->accel) {
        error_report("no accelerator can run this guest here: KVM on this "
                     "host cannot run guest kernels natively and TCG is not "
                     "available for this target yet; use -accel kvm to run "
                     "with KVM anyway");
        return -ENODEV;
    }
    return 0;
}

static int create_devices(Machine *m, const MachineOptions *opts)
{
    for (unsigned i = 0; i < opts->nr_devices; i++) {
        const DeviceOptions *d = &opts->devices[i];
        /* main checked every driver name before the machine existed */
        const DeviceType *dt = device_type_find(d->driver);
        int ret = dt->realize(m, d);
        if (ret < 0) {
            return ret;
        }
    }
    return 0;
}

/* C-a x and SIGINT/SIGTERM/SIGHUP on stdio end the machine, status 0. */
static void quit_from_host(void *opaque)
{
    machine_request_shutdown(opaque, SHUTDOWN_HOST_QUIT, 0);
}

/* Runs in the main loop each time it wakes: act on guest requests. */
static void handle_requests(void *opaque)
{
    Machine *m = opaque;
    ShutdownCause cause;
    int status;
    bool reset = machine_take_requests(m, &cause, &status);

    if (cause == SHUTDOWN_NONE && reset) {
        if (m->opts->no_reboot) {
            machine_request_shutdown(m, SHUTDOWN_GUEST_RESET, 0);
            cause = SHUTDOWN_GUEST_RESET;
        } else {
            cpus_stop_all(m);
            if (m->type->reset(m) < 0) {
                machine_request_shutdown(m, SHUTDOWN_ERROR, 1);
                cause = SHUTDOWN_ERROR;
            } else {
                cpus_resume_all(m);
            }
        }
    }
    if (cause != SHUTDOWN_NONE) {
        main_loop_quit();
    }
}

static int machine_build(Machine *m, const MachineOptions *opts)
{
    int ret;

    memory_region_init_container(&m->system_memory, "system", UINT64_MAX);
    memory_region_init_container(&m->system_io, "io", 0x10000);
    address_space_init(&m->as_memory, &m->system_memory, "memory");
    address_space_init(&m->as_io, &m->system_io, "I/O");

    ret = m->accel->machine_init(m);
    if (ret < 0) {
        return ret;
    }
    memory_transaction_begin();
    ret = m->type->init(m);
    if (ret == 0) {
        ret = create_devices(m, opts);
    }
    memory_transaction_commit();
    return ret;
}

int main(int argc, char **argv)
{
    static MachineOptions opts;
    static Machine machine;
    Machine *m = &machine;
    CmdlineAction action;
    const char *mtype;
    ShutdownCause cause;
    int status, ret;

    error_set_progname(argv[0]);
    if (cmdline_parse(argc, argv, &opts, &action) < 0) {
        return 1;
    }
    switch (action) {
    case CMDLINE_HELP:
        cmdline_print_usage(error_get_progname());
        return 0;
    case CMDLINE_VERSION:
        printf("Janus emulator version " JANUS_VERSION "\n"
               "Copyright (c) the Janus developers; "
               "license GPL-2.0-or-later\n");
        return 0;
    case CMDLINE_MACHINE_HELP:
        machine_type_print_list();
        return 0;
    case CMDLINE_DEVICE_HELP:
        device_type_print_list();
        return 0;
    case CMDLINE_ACCEL_HELP:
        printf("Accelerators supported in this binary:\n");
        for (const char *const *a = janus_target.accels; *a; a++) {
            printf("%s\n", *a);
        }
        return 0;
    case CMDLINE_CPU_HELP:
        printf("Available CPUs:\n");
        for (const TargetCpuModel *c = janus_target.cpu_models; c->name; c++) {
            printf("%-5s %s\n", c->name, c->desc);
        }
        return 0;
    case CMDLINE_RUN:
        break;
    }

    mtype = opts.machine_type;
    m->type = mtype ? machine_type_find(mtype) : machine_type_default();
    if (!m->type) {
        error_report("-machine %s: unsupported machine type "
                     "(-machine help lists them)", mtype);
        return 1;
    }
    if (opts.smp_cpus > m->type->max_cpus) {
        error_report("-smp %u: machine '%s' supports at most %u CPUs",
                     opts.smp_cpus, m->type->name, m->type->max_cpus);
        return 1;
    }
    if (opts.cpu_model && !cpu_model_known(opts.cpu_model)) {
        error_report("-cpu %s: unknown CPU model (-cpu help lists them)",
                     opts.cpu_model);
        return 1;
    }
    if (!m->type->uses_fdt && (opts.dtb || opts.dumpdtb)) {
        error_report("%s: machine '%s' has no device tree",
                     opts.dtb ? "-dtb" : "-machine dumpdtb", m->type->name);
        return 1;
    }
    if (opts.no_shutdown) {
        warn_report("-no-shutdown: ignored: without a monitor to resume the "
                    "guest, the emulator exits on guest poweroff");
    }
    if (check_ram_size(&opts, opts.ram_size_arg ? opts.ram_size_arg : "128M") < 0) {
        return 1;
    }
    m->opts = &opts;
    ret = m->type->prepare(m);
    if (ret != 0) {
        return ret < 0 ? 1 : 0;   /* > 0: done (dumpdtb=) */
    }
    for (unsigned i = 0; i < opts.nr_devices; i++) {
        if (!device_type_find(opts.devices[i].driver)) {
            error_report("-device %s: '%s' is not a valid device model name "
                         "(-device help lists them)", opts.devices[i].driver,
                         opts.devices[i].driver);
            return 1;
        }
    }
    if (main_loop_init() < 0) {
        return 1;
    }
    chardev_stdio_set_quit_handler(quit_from_host, m);
    if (open_serials(m, &opts) < 0 || choose_accel(m, &opts) < 0) {
        chardev_cleanup();
        return 1;
    }

    machine_lock();
    if (machine_build(m, &opts) < 0) {
        machine_unlock();
        chardev_cleanup();
        return 1;
    }
    main_loop_set_wakeup_hook(handle_requests, m);
    for (unsigned i = 0; i < m->nr_cpus; i++) {
        if (cpu_thread_start(m->cpus[i]) < 0) {
            machine_request_shutdown(m, SHUTDOWN_ERROR, 1);
            break;
        }
    }
    machine_unlock();

    main_loop_run();

    machine_lock();
    cpus_quit_all(m);
    machine_take_requests(m, &cause, &status);
    machine_unlock();
    chardev_cleanup();
    fflush(stdout);
    return status;
}
