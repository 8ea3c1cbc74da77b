/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "system/cmdline.h"
#include "util/cutils.h"
#include "util/error.h"

#include "config.h"
#ifdef CONFIG_TCG
#include "accel/tcg/tcg-log.h"
#endif

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_RAM_SIZE (128 * MiB)   /* QEMU's default for pc */
/* A bound on what -smp can say at all; each machine type checks its own
 * limit (pc 255, virt 512) once the machine is known (system/main.c). */
#define MAX_CPUS 4096

typedef enum OptionId {
    OPT_HELP, OPT_VERSION, OPT_MACHINE, OPT_ACCEL, OPT_ENABLE_KVM, OPT_M,
    OPT_SMP, OPT_KERNEL, OPT_INITRD, OPT_APPEND, OPT_BIOS, OPT_CPU,
    OPT_NOGRAPHIC, OPT_DISPLAY, OPT_SERIAL, OPT_NO_REBOOT, OPT_NO_SHUTDOWN,
    OPT_DEVICE, OPT_NODEFAULTS, OPT_MONITOR, OPT_RTC, OPT_NAME, OPT_DTB,
    OPT_LOG_ITEMS, OPT_LOG_FILE,
} OptionId;

typedef struct Option {
    const char *name;
    OptionId id;
    bool has_arg;
} Option;

/* Every option we accept; anything else is refused (design contract 9). */
static const Option options[] = {
    { "h", OPT_HELP, false },
    { "help", OPT_HELP, false },
    { "version", OPT_VERSION, false },
    { "M", OPT_MACHINE, true },
    { "machine", OPT_MACHINE, true },
    { "accel", OPT_ACCEL, true },
    { "enable-kvm", OPT_ENABLE_KVM, false },
    { "m", OPT_M, true },
    { "smp", OPT_SMP, true },
    { "kernel", OPT_KERNEL, true },
    { "initrd", OPT_INITRD, true },
    { "append", OPT_APPEND, true },
    { "bios", OPT_BIOS, true },
    { "cpu", OPT_CPU, true },
    { "nographic", OPT_NOGRAPHIC, false },
    { "display", OPT_DISPLAY, true },
    { "serial", OPT_SERIAL, true },
    { "no-reboot", OPT_NO_REBOOT, false },
    { "no-shutdown", OPT_NO_SHUTDOWN, false },
    { "device", OPT_DEVICE, true },
    { "nodefaults", OPT_NODEFAULTS, false },
    { "monitor", OPT_MONITOR, true },
    { "rtc", OPT_RTC, true },
    { "name", OPT_NAME, true },
    { "dtb", OPT_DTB, true },
    { "d", OPT_LOG_ITEMS, true },
    { "D", OPT_LOG_FILE, true },
};

void cmdline_print_usage(const char *progname)
{
    printf("usage: %s [options]\n"
           "\n"
           "Standard options (QEMU syntax and meaning):\n"
           "-h or -help            display this help and exit\n"
           "-version               display version information and exit\n"
           "-machine [type=]name[,accel=kvm][,dumpdtb=file]  select the machine\n"
           "                       (-M help lists them); dumpdtb= writes the\n"
           "                       board's device tree to file and exits\n"
           "-accel kvm|tcg         select the accelerator (-accel help)\n"
           "-enable-kvm            same as -accel kvm\n"
           "-cpu model             select the CPU model (-cpu help lists them)\n"
           "-m [size=]megs[M|G]    guest RAM size (default 128M; suffixes K M G T)\n"
           "-smp [cpus=]n[,sockets=s][,cores=c][,threads=t][,maxcpus=n]\n"
           "                       number of virtual CPUs\n"
           "-nographic             no display; serial port on stdio (C-a h for help)\n"
           "-display none          no display\n"
           "-serial dev            redirect the next serial port: stdio, mon:stdio,\n"
           "                       file:PATH, unix:PATH[,server][,nowait], null, none\n"
           "-monitor none          no monitor (the monitor is not implemented yet)\n"
           "-nodefaults            create no default devices\n"
           "-device driver[,prop=value...]  add a device (-device help lists them)\n"
           "-rtc base=utc          the RTC starts at the host's UTC time\n"
           "-name string           name of the guest (accepted, unused)\n"
           "-no-reboot             exit instead of rebooting\n"
           "-no-shutdown           accepted for compatibility; the emulator exits on\n"
           "                       guest poweroff (there is no monitor to resume)\n"
           "\n"
           "Boot options:\n"
           "-kernel file           boot a Linux kernel directly (x86: bzImage or PVH\n"
           "                       ELF; riscv64: Image)\n"
           "-append cmdline        kernel command line\n"
           "-initrd file           initial ram disk\n"
           "-bios file             firmware image (x86: mapped below 4 GiB; riscv64 virt:\n"
           "                       loaded at the start of RAM, e.g. OpenSBI fw_jump)\n"
           "-dtb file              device tree blob for boards that use one (virt)\n"
           "\n"
           "Debug/Expert options:\n"
           "-d item1,...           log TCG translation: in_asm, op, op_opt, out_asm,\n"
           "                       exec, unimp\n"
           "-D logfile             write the -d log to logfile instead of stderr\n"
           "\n"
           "During emulation with -nographic, C-a h lists the escape keys.\n",
           progname);
}

static const Option *option_find(const char *arg)
{
    if (arg[0] != '-' || arg[1] == 0) {
        return NULL;
    }
    arg++;
    if (arg[0] == '-') {  /* QEMU accepts --option too */
        arg++;
    }
    for (size_t i = 0; i < ARRAY_SIZE(options); i++) {
        if (!strcmp(options[i].name, arg)) {
            return &options[i];
        }
    }
    return NULL;
}

int cmdline_parse_keyval(const char *optname, const char *str,
                         const char *implied_key,
                         int (*fn)(void *opaque, const char *key,
                                   const char *value),
                         void *opaque)
{
    size_t len = strlen(str);
    char *buf = xzalloc(len + 1);
    const char *p = str;
    bool first = true;
    int ret = 0;

    while (ret == 0) {
        /* Collect one element; ",," stands for a literal comma. */
        size_t n = 0;
        char *eq;
        const char *key, *value;

        while (*p) {
            if (*p == ',') {
                if (p[1] == ',') {
                    buf[n++] = ',';
                    p += 2;
                    continue;
                }
                break;
            }
            buf[n++] = *p++;
        }
        buf[n] = 0;
        eq = strchr(buf, '=');
        if (eq) {
            *eq = 0;
            key = buf;
            value = eq + 1;
        } else if (first && implied_key) {
            key = implied_key;
            value = buf;
        } else {
            /* QEMU treats a bare "flag" as flag=on. */
            key = buf;
            value = "on";
        }
        if (!*key || (!eq && !*buf && !(first && implied_key))) {
            error_report("-%s %s: empty parameter name", optname, str);
            ret = -EINVAL;
            break;
        }
        ret = fn(opaque, key, value);
        first = false;
        if (*p != ',') {
            break;
        }
        p++;
        if (!*p) {
            error_report("-%s %s: trailing comma", optname, str);
            ret = -EINVAL;
        }
    }
    free(buf);
    return ret;
}

/* ---- per-option parsers ------------------------------------------------ */

typedef struct ParseState {
    MachineOptions *opts;
    CmdlineAction *action;
    const char *optname;
    const char *arg;
    uint64_t smp_cpus, smp_sockets, smp_cores, smp_threads, smp_maxcpus;
    const char *log_file;     /* -D, opened once the line parsed */
} ParseState;

static int bad_param(ParseState *s, const char *key)
{
    error_report("-%s %s: invalid parameter '%s'", s->optname, s->arg, key);
    return -EINVAL;
}

static int machine_keyval(void *opaque, const char *key, const char *value)
{
    ParseState *s = opaque;

    if (!strcmp(key, "type")) {
        if (!strcmp(value, "help") || !strcmp(value, "?")) {
            *s->action = CMDLINE_MACHINE_HELP;
        }
        free((char *)s->opts->machine_type);
        s->opts->machine_type = xstrdup(value);
        return 0;
    }
    if (!strcmp(key, "accel")) {
        free((char *)s->opts->accel);
        s->opts->accel = xstrdup(value);
        return 0;
    }
    if (!strcmp(key, "dumpdtb")) {
        free((char *)s->opts->dumpdtb);
        s->opts->dumpdtb = xstrdup(value);
        return 0;
    }
    return bad_param(s, key);
}

static int accel_keyval(void *opaque, const char *key, const char *value)
{
    ParseState *s = opaque;

    if (!strcmp(key, "accel")) {
        if (!strcmp(value, "help") || !strcmp(value, "?")) {
            *s->action = CMDLINE_ACCEL_HELP;
        }
        free((char *)s->opts->accel);
        s->opts->accel = xstrdup(value);
        return 0;
    }
    return bad_param(s, key);
}

static int mem_keyval(void *opaque, const char *key, const char *value)
{
    ParseState *s = opaque;
    uint64_t size;

    if (!strcmp(key, "size")) {
        if (parse_size(value, MiB, &size) < 0 || size == 0) {
            error_report("-m %s: invalid RAM size '%s' (examples: 512, 512M, 2G)",
                         s->arg, value);
            return -EINVAL;
        }
        s->opts->ram_size = size;
        s->opts->ram_size_arg = s->arg;
        return 0;
    }
    if (!strcmp(key, "slots") || !strcmp(key, "maxmem")) {
        error_report("-m %s: memory hotplug ('%s') is not supported", s->arg,
                     key);
        return -EINVAL;
    }
    return bad_param(s, key);
}

static int smp_keyval(void *opaque, const char *key, const char *value)
{
    ParseState *s = opaque;
    uint64_t *field, v;

    if (!strcmp(key, "cpus")) {
        field = &s->smp_cpus;
    } else if (!strcmp(key, "sockets")) {
        field = &s->smp_sockets;
    } else if (!strcmp(key, "cores")) {
        field = &s->smp_cores;
    } else if (!strcmp(key, "threads")) {
        field = &s->smp_threads;
    } else if (!strcmp(key, "maxcpus")) {
        field = &s->smp_maxcpus;
    } else if (!strcmp(key, "dies") || !strcmp(key, "clusters")) {
        if (parse_uint(value, &v) < 0 || v != 1) {
            error_report("-smp %s: only %s=1 is supported", s->arg, key);
            return -EINVAL;
        }
        return 0;
    } else {
        return bad_param(s, key);
    }
    if (parse_uint(value, &v) < 0 || v == 0 || v > MAX_CPUS) {
        error_report("-smp %s: '%s' must be a number from 1 to %d", s->arg,
                     key, MAX_CPUS);
        return -EINVAL;
    }
    *field = v;
    return 0;
}

static int smp_finish(ParseState *s)
{
    uint64_t sockets = s->smp_sockets ? s->smp_sockets : 1;
    uint64_t cores = s->smp_cores ? s->smp_cores : 1;
    uint64_t threads = s->smp_threads ? s->smp_threads : 1;
    uint64_t topo = sockets * cores * threads;
    uint64_t cpus = s->smp_cpus;

    if (!cpus) {
        cpus = s->smp_maxcpus ? s->smp_maxcpus : topo;
    }
    if ((s->smp_sockets || s->smp_cores || s->smp_threads) && topo != cpus) {
        error_report("-smp %s: sockets (%" PRIu64 ") * cores (%" PRIu64
                     ") * threads (%" PRIu64 ") does not equal cpus (%" PRIu64
                     ")", s->arg, sockets, cores, threads, cpus);
        return -EINVAL;
    }
    if (s->smp_maxcpus && s->smp_maxcpus != cpus) {
        error_report("-smp %s: maxcpus different from cpus needs CPU hotplug, "
                     "which is not supported", s->arg);
        return -EINVAL;
    }
    if (cpus > MAX_CPUS) {
        error_report("-smp %s: at most %d CPUs are supported", s->arg,
                     MAX_CPUS);
        return -EINVAL;
    }
    s->opts->smp_cpus = cpus;
    return 0;
}

static int device_keyval(void *opaque, const char *key, const char *value)
{
    ParseState *s = opaque;
    DeviceOptions *dev = &s->opts->devices[s->opts->nr_devices];

    if (!strcmp(key, "driver")) {
        if (!strcmp(value, "help") || !strcmp(value, "?")) {
            *s->action = CMDLINE_DEVICE_HELP;
        }
        free((char *)dev->driver);
        dev->driver = xstrdup(value);
        return 0;
    }
    if (dev->nr_props >= ARRAY_SIZE(dev->props)) {
        error_report("-device %s: too many properties", s->arg);
        return -EINVAL;
    }
    dev->props[dev->nr_props].key = xstrdup(key);
    dev->props[dev->nr_props].value = xstrdup(value);
    dev->nr_props++;
    return 0;
}

static int rtc_keyval(void *opaque, const char *key, const char *value)
{
    ParseState *s = opaque;

    if (!strcmp(key, "base")) {
        if (strcmp(value, "utc")) {
            error_report("-rtc %s: only base=utc is supported", s->arg);
            return -EINVAL;
        }
        return 0;
    }
    if (!strcmp(key, "clock")) {
        if (strcmp(value, "host")) {
            error_report("-rtc %s: only clock=host is supported", s->arg);
            return -EINVAL;
        }
        return 0;
    }
    return bad_param(s, key);
}

static int parse_serial(ParseState *s)
{
    MachineOptions *o = s->opts;

    if (o->nr_serials >= MACHINE_MAX_SERIALS) {
        error_report("-serial %s: at most %d serial ports are supported",
                     s->arg, MACHINE_MAX_SERIALS);
        return -EINVAL;
    }
    /* The spec is checked when the backend is opened (chardev_new). */
    o->serials[o->nr_serials++] = s->arg;
    return 0;
}

/*
 * -d and -D set the TCG log (accel/tcg/tcg-log.h, the items and parser
 * janus-riscv64 uses too) directly: they are not machine options.
 */
static int parse_log_items(const char *arg)
{
#ifdef CONFIG_TCG
    unsigned mask;

    if (tcg_log_parse(arg, &mask) < 0) {
        return -EINVAL;
    }
    tcg_log_mask = mask;    /* the last -d wins, as in QEMU */
    return 0;
#else
    error_report("-d %s: logging is for TCG, which this build lacks", arg);
    return -EINVAL;
#endif
}

static int open_log_file(const char *path)
{
#ifdef CONFIG_TCG
    FILE *f = fopen(path, "w");

    if (!f) {
        error_report("-D %s: %s", path, strerror(errno));
        return -EINVAL;
    }
    setvbuf(f, NULL, _IOLBF, 0);   /* readable while the guest runs */
    if (tcg_log_file) {
        fclose(tcg_log_file);
    }
    tcg_log_file = f;
    return 0;
#else
    error_report("-D %s: logging is for TCG, which this build lacks", path);
    return -EINVAL;
#endif
}

static int parse_one(ParseState *s, const Option *opt)
{
    MachineOptions *o = s->opts;
    const char *arg = s->arg;

    switch (opt->id) {
    case OPT_HELP:
        *s->action = CMDLINE_HELP;
        return 0;
    case OPT_VERSION:
        *s->action = CMDLINE_VERSION;
        return 0;
    case OPT_MACHINE:
        return cmdline_parse_keyval(s->optname, arg, "type", machine_keyval, s);
    case OPT_ACCEL:
        return cmdline_parse_keyval(s->optname, arg, "accel", accel_keyval, s);
    case OPT_ENABLE_KVM:
        free((char *)o->accel);
        o->accel = xstrdup("kvm");
        return 0;
    case OPT_M:
        return cmdline_parse_keyval(s->optname, arg, "size", mem_keyval, s);
    case OPT_SMP: {
        int ret;
        s->smp_cpus = s->smp_sockets = s->smp_cores = 0;
        s->smp_threads = s->smp_maxcpus = 0;
        ret = cmdline_parse_keyval(s->optname, arg, "cpus", smp_keyval, s);
        return ret < 0 ? ret : smp_finish(s);
    }
    case OPT_KERNEL:
        o->kernel = arg;
        return 0;
    case OPT_INITRD:
        o->initrd = arg;
        return 0;
    case OPT_APPEND:
        o->append = arg;
        return 0;
    case OPT_BIOS:
        o->bios = arg;
        return 0;
    case OPT_CPU:
        if (!strcmp(arg, "help") || !strcmp(arg, "?")) {
            *s->action = CMDLINE_CPU_HELP;
        }
        o->cpu_model = arg;
        return 0;
    case OPT_NOGRAPHIC:
        o->nographic = true;
        return 0;
    case OPT_DISPLAY:
        if (strcmp(arg, "none")) {
            error_report("-display %s: there is no graphical display; only "
                         "'none' is supported", arg);
            return -EINVAL;
        }
        return 0;
    case OPT_SERIAL:
        return parse_serial(s);
    case OPT_NO_REBOOT:
        o->no_reboot = true;
        return 0;
    case OPT_NO_SHUTDOWN:
        o->no_shutdown = true;
        return 0;
    case OPT_DEVICE: {
        int ret;
        if (o->nr_devices >= MACHINE_MAX_DEVICES) {
            error_report("-device %s: at most %d -device options are supported",
                         arg, MACHINE_MAX_DEVICES);
            return -EINVAL;
        }
        memset(&o->devices[o->nr_devices], 0, sizeof(o->devices[0]));
        ret = cmdline_parse_keyval(s->optname, arg, "driver", device_keyval, s);
        if (ret < 0) {
            return ret;
        }
        if (!o->devices[o->nr_devices].driver) {
            error_report("-device %s: 'driver' is missing", arg);
            return -EINVAL;
        }
        o->nr_devices++;
        return 0;
    }
    case OPT_NODEFAULTS:
        o->nodefaults = true;
        return 0;
    case OPT_MONITOR:
        if (strcmp(arg, "none")) {
            error_report("-monitor %s: the monitor is not implemented yet; "
                         "only 'none' is accepted", arg);
            return -EINVAL;
        }
        return 0;
    case OPT_RTC:
        return cmdline_parse_keyval(s->optname, arg, "base", rtc_keyval, s);
    case OPT_NAME:
        return 0;
    case OPT_DTB:
        o->dtb = arg;
        return 0;
    case OPT_LOG_ITEMS:
        return parse_log_items(arg);
    case OPT_LOG_FILE:
        s->log_file = arg;
        return 0;
    }
    return 0;
}

void cmdline_options_free(MachineOptions *opts)
{
    /* nr_devices counts finished ones; a failed -device may be half built */
    for (unsigned i = 0; i < MACHINE_MAX_DEVICES; i++) {
        DeviceOptions *d = &opts->devices[i];

        free((char *)d->driver);
        for (unsigned j = 0; j < d->nr_props; j++) {
            free(d->props[j].key);
            free(d->props[j].value);
        }
    }
    free((char *)opts->machine_type);
    free((char *)opts->accel);
    free((char *)opts->dumpdtb);
    memset(opts, 0, sizeof(*opts));
}

int cmdline_parse(int argc, char **argv, MachineOptions *opts,
                  CmdlineAction *action)
{
    ParseState s = { .opts = opts, .action = action };

    memset(opts, 0, sizeof(*opts));
    opts->ram_size = DEFAULT_RAM_SIZE;
    opts->smp_cpus = 1;
    *action = CMDLINE_RUN;

    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const Option *opt = option_find(arg);
        int ret;

        if (arg[0] != '-') {
            /* QEMU takes a lone argument as a disk image (-hda). */
            error_report("%s: disk images are not supported yet", arg);
            return -EINVAL;
        }
        if (!opt) {
            error_report("%s: invalid option", arg);
            return -EINVAL;
        }
        s.optname = opt->name;
        s.arg = NULL;
        if (opt->has_arg) {
            if (i + 1 >= argc) {
                error_report("%s: requires an argument", arg);
                return -EINVAL;
            }
            s.arg = argv[++i];
        }
        ret = parse_one(&s, opt);
        if (ret < 0) {
            return ret;
        }
        if (*action != CMDLINE_RUN) {
            return 0;  /* help and version stop parsing, as in QEMU */
        }
    }

    if (s.log_file && open_log_file(s.log_file) < 0) {
        return -EINVAL;
    }
    if (!opts->kernel) {
        if (opts->append) {
            error_report("-append only allowed with -kernel option");
            return -EINVAL;
        }
        if (opts->initrd) {
            error_report("-initrd only allowed with -kernel option");
            return -EINVAL;
        }
    }
    return 0;
}
