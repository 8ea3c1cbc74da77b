/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A system-mode riscv64 hart for unit tests: real CPURISCVState and CPU,
 * a Machine holding only an address space with RAM_SIZE bytes of RAM at
 * RAM_BASE, no accelerator and no soft MMU. Tests call the page walker,
 * trap and CSR functions of cpu/riscv/priv.h directly.
 */
#ifndef TESTS_UNIT_TEST_RISCV_HART_H
#define TESTS_UNIT_TEST_RISCV_HART_H

#include <stdlib.h>
#include <string.h>

#include "accel/tcg/tcg-internal.h"

#include "cpu/riscv/hart.h"
#include "io/main-loop.h"
#include "cpu/riscv/priv.h"
#include "machines/machine.h"
#include "memory/memory.h"

#define RAM_BASE 0x80000000ull
#define RAM_SIZE (8ull << 20)

static Machine test_machine;
static MemoryRegion test_ram;
static CPU test_cpu;
static CPURISCVState test_env;
static uint64_t test_mtime = 1000;

static uint64_t test_read_mtime(void *opaque)
{
    return *(uint64_t *)opaque;
}

static int hart_setup(void **state)
{
    memset(&test_machine, 0, sizeof(test_machine));
    memset(&test_cpu, 0, sizeof(test_cpu));
    memset(&test_env, 0, sizeof(test_env));
    memory_region_init_container(&test_machine.system_memory, "system",
                                 UINT64_MAX);
    if (memory_region_init_ram(&test_ram, "ram", RAM_SIZE) < 0 ||
        memory_region_add_subregion(&test_machine.system_memory, RAM_BASE,
                                    &test_ram) < 0) {
        return -1;
    }
    address_space_init(&test_machine.as_memory, &test_machine.system_memory,
                       "memory");
    test_cpu.machine = &test_machine;
    test_cpu.arch = &test_env;
    test_env.wiring.cpu = &test_cpu;
    test_mtime = 1000;
    riscv_hart_set_time_source(&test_cpu, test_read_mtime, &test_mtime);
    riscv_hart_reset(&test_cpu, 0, RAM_BASE, 0);
    return 0;
}

static int hart_teardown(void **state)
{
    if (test_cpu.accel_state) {     /* a test ran translated code */
        tb_cache_unregister_cpu(test_cpu.accel_state);
        free(test_cpu.accel_state);
        test_cpu.accel_state = NULL;
    }
    if (test_env.wiring.stimecmp_timer) {
        main_loop_timer_free(test_env.wiring.stimecmp_timer);
    }
    address_space_destroy(&test_machine.as_memory);
    memory_region_del_subregion(&test_machine.system_memory, &test_ram);
    memory_region_destroy(&test_ram);
    memory_region_destroy(&test_machine.system_memory);
    return 0;
}

/* Host view of guest physical RAM. */
static inline uint64_t *ram_u64(uint64_t paddr)
{
    return (uint64_t *)((uint8_t *)test_ram.ram + (paddr - RAM_BASE));
}

#endif
