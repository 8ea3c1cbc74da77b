/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The KVM kick and the generic vCPU thread loop, on a machine built by
 * hand: 1 MiB of RAM, one vCPU in flat 32-bit protected mode at CPL3
 * (which this host's KVM runs natively even where CPL0 is emulated).
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "accel/accel.h"
#include "accel/kvm/kvm.h"
#include "cpu/x86/cpu-state.h"
#include "machines/machine.h"
#include "util/cutils.h"
#include "util/machine-lock.h"

#define RAM_SIZE (1 * MiB)
#define CODE_ADDR 0x1000
#define KICK_BOUND_NS (50 * 1000 * 1000)

typedef struct TestVm {
    Machine m;
    MemoryRegion ram;
    MemoryRegion port;
    CPU cpu;
    CPU *cpus[1];
    X86CPUState arch;
    _Atomic uint32_t port_writes;
    _Atomic uint32_t port_value;
} TestVm;

static char skip_reason[128];

/* Every test starts here: the VM, or a skip with the reason. */
static TestVm *test_vm_or_skip(void **state)
{
    if (!*state) {
        printf("SKIPPED: %s\n", skip_reason);
        skip();
    }
    return *state;
}

static uint64_t test_port_read(void *opaque, uint64_t offset, unsigned size)
{
    return 0;
}

static void test_port_write(void *opaque, uint64_t offset, uint64_t value,
                            unsigned size)
{
    TestVm *vm = opaque;

    atomic_store(&vm->port_value, (uint32_t)value);
    atomic_fetch_add(&vm->port_writes, 1);
}

static const MemoryRegionOps test_port_ops = {
    .read = test_port_read,
    .write = test_port_write,
    .valid_min = 1,
    .valid_max = 4,
};

/* Ring 3 segments in flat 32-bit mode; IOPL 3 so `out` needs no bitmap. */
static void arch_set_flat32_cpl3(X86CPUState *a, uint64_t entry)
{
    x86_cpu_state_reset(a, true);
    x86_cpu_state_set_flat32(a, entry);
    for (int i = 0; i < X86_NR_SEGS; i++) {
        a->segs[i].dpl = 3;
        a->segs[i].selector |= 3;
    }
    a->rflags = 0x3002;
}

static int test_vm_setup(void **state)
{
    int fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
    TestVm *vm;
    Machine *m;

    *state = NULL;
    if (fd < 0) {
        snprintf(skip_reason, sizeof(skip_reason),
                 "/dev/kvm not available: %s", strerror(errno));
        return 0;
    }
    close(fd);
    vm = xzalloc(sizeof(*vm));
    m = &vm->m;

    m->accel = &kvm_accel_ops;
    memory_region_init_container(&m->system_memory, "system", UINT64_MAX);
    memory_region_init_container(&m->system_io, "io", 0x10000);
    address_space_init(&m->as_memory, &m->system_memory, "memory");
    address_space_init(&m->as_io, &m->system_io, "I/O");
    assert_int_equal(kvm_accel_ops.machine_init(m), 0);
    assert_int_equal(memory_region_init_ram(&vm->ram, "ram", RAM_SIZE), 0);
    assert_int_equal(memory_region_add_subregion(&m->system_memory, 0,
                                                 &vm->ram), 0);
    memory_region_init_io(&vm->port, "test-port", 4, &test_port_ops, vm);
    assert_int_equal(memory_region_add_subregion(&m->system_io, 0x80,
                                                 &vm->port), 0);

    vm->cpu.index = 0;
    vm->cpu.machine = m;
    vm->cpu.accel = &kvm_accel_ops;
    vm->cpu.arch = &vm->arch;
    vm->cpus[0] = &vm->cpu;
    m->cpus = vm->cpus;
    m->nr_cpus = 1;
    assert_int_equal(kvm_accel_ops.cpu_create(&vm->cpu), 0);
    *state = vm;
    return 0;
}

static int test_vm_teardown(void **state)
{
    TestVm *vm = *state;

    if (!vm) {
        return 0;
    }
    /* The vCPU fd and its mapping go with the process; the VM is freed. */
    kvm_accel_ops.machine_destroy(&vm->m);
    return 0;
}

static void test_vm_load(TestVm *vm, const uint8_t *code, size_t len)
{
    memcpy((uint8_t *)vm->ram.ram + CODE_ADDR, code, len);
    arch_set_flat32_cpl3(&vm->arch, CODE_ADDR);
    assert_int_equal(kvm_accel_ops.cpu_state_put(&vm->cpu), 0);
    assert_false(vm->cpu.arch_dirty);
}

typedef struct RunThread {
    CPU *cpu;
    pthread_t thread;
    CPUExit exit;
    int64_t returned_ns;
} RunThread;

static void *run_thread_fn(void *opaque)
{
    RunThread *t = opaque;

    t->exit = t->cpu->accel->cpu_run(t->cpu);
    t->returned_ns = clock_monotonic_ns();
    return NULL;
}

static void run_thread_start(RunThread *t, CPU *cpu)
{
    t->cpu = cpu;
    t->returned_ns = 0;
    assert_int_equal(pthread_create(&t->thread, NULL, run_thread_fn, t), 0);
    cpu->thread = t->thread;
    cpu->thread_running = true;
}

/* Join with a generous deadline so a lost kick fails instead of hanging. */
static void run_thread_join(RunThread *t)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += 5;
    if (pthread_timedjoin_np(t->thread, NULL, &ts) != 0) {
        fail_msg("cpu_run did not return within 5 s of the kick");
    }
    t->cpu->thread_running = false;
}

static void sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

    nanosleep(&ts, NULL);
}

/* jmp . */
static const uint8_t spin_code[] = { 0xeb, 0xfe };

static void test_kick_cpl3_spin(void **state)
{
    TestVm *vm = test_vm_or_skip(state);
    RunThread t;
    int64_t kicked_ns;

    test_vm_load(vm, spin_code, sizeof(spin_code));
    run_thread_start(&t, &vm->cpu);
    sleep_ms(100);
    assert_int_equal(t.returned_ns, 0); /* still spinning in the guest */
    kicked_ns = clock_monotonic_ns();
    cpu_kick(&vm->cpu);
    run_thread_join(&t);
    assert_int_equal(t.exit, CPU_EXIT_KICK);
    assert_true(t.returned_ns - kicked_ns < KICK_BOUND_NS);
    assert_int_equal(atomic_load(&vm->cpu.exit_request), 0);
    printf("kick latency: %ld us\n", (long)(t.returned_ns - kicked_ns) / 1000);
}

/* A kick before cpu_run is not lost: cpu_run returns at once. */
static void test_kick_before_run(void **state)
{
    TestVm *vm = test_vm_or_skip(state);
    RunThread t;

    test_vm_load(vm, spin_code, sizeof(spin_code));
    atomic_store(&vm->cpu.exit_request, 1);
    run_thread_start(&t, &vm->cpu);
    run_thread_join(&t);
    assert_int_equal(t.exit, CPU_EXIT_KICK);
}

/* Many kicks in a row, each answered (no stale immediate_exit sticks). */
static void test_kick_repeated(void **state)
{
    TestVm *vm = test_vm_or_skip(state);

    test_vm_load(vm, spin_code, sizeof(spin_code));
    for (int i = 0; i < 20; i++) {
        RunThread t;

        run_thread_start(&t, &vm->cpu);
        sleep_ms(i % 3);
        cpu_kick(&vm->cpu);
        run_thread_join(&t);
        assert_int_equal(t.exit, CPU_EXIT_KICK);
    }
}

/*
 * mov $0x5a, %al; out %al, $0x80; mov $0x12345678, %eax; out %eax, $0x80;
 * jmp .  The writes reach the port region through as_io; the guest state
 * read back after the kick shows EAX and RIP at the spin.
 */
static const uint8_t pio_code[] = {
    0xb0, 0x5a, 0xe6, 0x80,
    0xb8, 0x78, 0x56, 0x34, 0x12, 0xe7, 0x80,
    0xeb, 0xfe,
};

static void test_pio_dispatch_and_state_get(void **state)
{
    TestVm *vm = test_vm_or_skip(state);
    RunThread t;

    atomic_store(&vm->port_writes, 0);
    test_vm_load(vm, pio_code, sizeof(pio_code));
    run_thread_start(&t, &vm->cpu);
    for (int i = 0; i < 100 && atomic_load(&vm->port_writes) < 2; i++) {
        sleep_ms(10);
    }
    cpu_kick(&vm->cpu);
    run_thread_join(&t);
    assert_int_equal(t.exit, CPU_EXIT_KICK);
    assert_int_equal(atomic_load(&vm->port_writes), 2);
    assert_int_equal(atomic_load(&vm->port_value), 0x12345678);

    assert_int_equal(kvm_accel_ops.cpu_state_get(&vm->cpu), 0);
    assert_int_equal(vm->arch.regs[R_EAX], 0x12345678);
    assert_int_equal(vm->arch.rip, CODE_ADDR + sizeof(pio_code) - 2);
    assert_int_equal(vm->arch.segs[R_CS].dpl, 3);
    assert_int_equal(vm->arch.segs[R_CS].selector, 0x13);
}

/* The generic thread loop: park every vCPU, resume, then quit. */
static void test_thread_stop_resume_quit(void **state)
{
    TestVm *vm = test_vm_or_skip(state);
    CPU *cpu = &vm->cpu;

    x86_cpu_state_reset(&vm->arch, true);
    memcpy((uint8_t *)vm->ram.ram + CODE_ADDR, spin_code, sizeof(spin_code));
    arch_set_flat32_cpl3(&vm->arch, CODE_ADDR);
    cpu->arch_dirty = true; /* the thread puts it before the first run */

    machine_lock();
    assert_int_equal(cpu_thread_start(cpu), 0);
    machine_unlock();
    sleep_ms(50);

    machine_lock();
    assert_false(cpu->arch_dirty);
    cpus_stop_all(&vm->m);
    assert_true(cpu->stopped);
    cpus_resume_all(&vm->m);
    machine_unlock();
    sleep_ms(20);

    machine_lock();
    assert_false(cpu->stop_request);
    cpus_quit_all(&vm->m);
    assert_false(cpu->thread_running);
    machine_unlock();
    cpu->quit_request = false;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kick_cpl3_spin),
        cmocka_unit_test(test_kick_before_run),
        cmocka_unit_test(test_kick_repeated),
        cmocka_unit_test(test_pio_dispatch_and_state_get),
        cmocka_unit_test(test_thread_stop_resume_quit),
    };

    return cmocka_run_group_tests(tests, test_vm_setup, test_vm_teardown);
}
