/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A machine: CPUs, memory and devices wired by a board, plus the options
 * the command line gave it. One Machine per process, but no global state
 * beyond the pointer main() holds.
 */
#ifndef MACHINES_MACHINE_H
#define MACHINES_MACHINE_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "cpu/cpu.h"
#include "memory/memory.h"

typedef struct AccelOps AccelOps;
typedef struct Chardev Chardev;

#define MACHINE_MAX_DEVICES 16
#define MACHINE_MAX_SERIALS 4

/* One -device option: the driver name and its key=value properties. */
typedef struct DeviceOptions {
    const char *driver;
    unsigned nr_props;
    struct { char *key; char *value; } props[16];
} DeviceOptions;

/* Everything the command line says about the machine. */
typedef struct MachineOptions {
    const char *machine_type;   /* -M, "pc" */
    const char *accel;          /* -accel name, NULL for the default */
    uint64_t ram_size;          /* -m, bytes */
    const char *ram_size_arg;   /* -m as given, for messages */
    unsigned smp_cpus;          /* -smp */
    const char *kernel;         /* -kernel */
    const char *initrd;         /* -initrd */
    const char *append;         /* -append */
    const char *bios;           /* -bios */
    const char *dtb;            /* -dtb: a device tree instead of the board's */
    const char *dumpdtb;        /* -M ...,dumpdtb=FILE: write the tree, exit */
    const char *cpu_model;      /* -cpu */
    bool nographic;             /* -nographic */
    bool no_reboot;             /* -no-reboot */
    bool no_shutdown;           /* -no-shutdown */
    bool nodefaults;            /* -nodefaults */
    unsigned nr_serials;
    const char *serials[MACHINE_MAX_SERIALS]; /* -serial specs */
    unsigned nr_devices;
    DeviceOptions devices[MACHINE_MAX_DEVICES]; /* -device */
} MachineOptions;

typedef enum ShutdownCause {
    SHUTDOWN_NONE,
    SHUTDOWN_GUEST_POWEROFF,   /* ACPI S5 or similar: exit 0 */
    SHUTDOWN_GUEST_RESET,      /* reboot: reset, or exit with -no-reboot */
    SHUTDOWN_HOST_QUIT,        /* C-a x, signal */
    SHUTDOWN_EXIT_DEVICE,      /* isa-debug-exit: status from the guest */
    SHUTDOWN_ERROR,            /* unrecoverable guest or accelerator error */
} ShutdownCause;

typedef struct MachineType MachineType;

typedef struct Machine {
    const MachineType *type;
    const MachineOptions *opts;
    const AccelOps *accel;
    void *accel_state;

    MemoryRegion system_memory;  /* root of the memory address space */
    MemoryRegion system_io;      /* root of the I/O port address space */
    AddressSpace as_memory;
    AddressSpace as_io;

    unsigned nr_cpus;
    CPU **cpus;

    Chardev *serials[MACHINE_MAX_SERIALS];

    void *board;                 /* board-private state */

    /* requests handled by the main loop (machine lock) */
    ShutdownCause shutdown_cause;
    int exit_status;
    bool reset_requested;
} Machine;

/*
 * Ask the main loop to end the machine with exit_status (poweroff, C-a x,
 * debug exit, error). Any thread holding the machine lock; the first
 * request wins.
 */
void machine_request_shutdown(Machine *m, ShutdownCause cause, int exit_status);
/* Ask for a guest reset (or exit when -no-reboot was given). Machine lock held. */
void machine_request_reset(Machine *m);
/* A shutdown or reset is waiting for the main loop: vCPUs must not run. */
bool machine_request_pending(Machine *m);
/*
 * For the main loop: the pending shutdown (SHUTDOWN_NONE if none) and its
 * exit status; returns whether a reset was requested (and clears that).
 */
bool machine_take_requests(Machine *m, ShutdownCause *cause, int *status);

/* A board: builds the machine, reloads it on reset. */
struct MachineType {
    const char *name;
    const char *desc;
    unsigned max_cpus;
    uint64_t default_ram_size;
    /* The board describes itself with a device tree: -dtb, dumpdtb= apply. */
    bool uses_fdt;
    /*
     * Check the options and read the boot images, before any accelerator
     * exists, so bad input fails fast and alone. May allocate m->board.
     * Returns 1 when the options asked for something that is now done
     * (dumpdtb=): main then exits 0 without running the machine.
     */
    int (*prepare)(Machine *m);
    /* Build RAM, devices, CPUs (after accel->machine_init) and load images. */
    int (*init)(Machine *m);
    /* Put every device and CPU back to its power-on state and reload. */
    int (*reset)(Machine *m);
};

/*
 * What differs between the janus-system-<arch> binaries. Each links one
 * machines/target-<arch>.c defining janus_target; the rest is shared.
 */
typedef struct TargetCpuModel {
    const char *name, *desc;
} TargetCpuModel;

typedef struct TargetInfo {
    const char *arch;                       /* "x86_64", "riscv64" */
    const MachineType *const *machines;     /* the default first */
    size_t nr_machines;
    const TargetCpuModel *cpu_models;       /* -cpu names, ended by { NULL } */
    /* accelerators this binary can run its boards with (-accel help) */
    const char *const *accels;              /* NULL-terminated */
    /* without -accel: this one, or NULL for accel_default()'s choice */
    const char *default_accel;
    /* the TCG front end of system mode, NULL if the target has none */
    const struct TCGTargetOps *tcg_ops;
} TargetInfo;

extern const TargetInfo janus_target;

const MachineType *machine_type_find(const char *name);
const MachineType *machine_type_default(void);
/* Print the -M help list to stdout. */
void machine_type_print_list(void);

#endif
