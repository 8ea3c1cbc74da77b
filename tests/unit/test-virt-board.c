/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The virt board put together, with fake harts: prepare + init as main
 * runs them, then the guest's view through the memory address space (ROM,
 * images and device tree in RAM, every device at its address), the
 * interrupt wiring from a device through the PLIC to a hart's line, the
 * harts' boot state, the finisher's requests, and reset. The hart, machine
 * request, chardev and main-loop timer functions are defined here (a link
 * seam) and recorded.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <libfdt.h>

#include "accel/accel.h"
#include "cpu/riscv/hart.h"
#include "io/chardev.h"
#include "io/main-loop.h"
#include "machines/virt/virt.h"

extern const MachineType virt_machine_type;

#define MAX_HARTS 4

/* ---- fake harts ------------------------------------------------------- */

typedef struct FakeHart {
    CPU cpu;
    CPURISCVState env;
    unsigned irq_level;          /* bit per RISCV_IRQ_* */
    RiscvTimeSource *time;
    void *time_opaque;
    RiscvSbiHandler *sbi;
    void *sbi_opaque;
    enum { NOT_RESET, RESET_M, RESET_S } how;
    uint64_t pc, a1;
    bool stopped;
} FakeHart;

static FakeHart harts[MAX_HARTS];

static FakeHart *fh(CPU *cpu)
{
    return (FakeHart *)cpu;   /* cpu is the first member */
}

CPU *riscv_hart_create(Machine *m, unsigned hartid)
{
    FakeHart *h = &harts[hartid];

    memset(h, 0, sizeof(*h));
    h->cpu.index = hartid;
    h->cpu.machine = m;
    h->cpu.arch = &h->env;
    return &h->cpu;
}

void riscv_hart_set_irq(CPU *cpu, unsigned irq, bool level)
{
    if (level) {
        fh(cpu)->irq_level |= 1u << irq;
    } else {
        fh(cpu)->irq_level &= ~(1u << irq);
    }
}

void riscv_hart_set_time_source(CPU *cpu, RiscvTimeSource *read_mtime,
                                void *opaque)
{
    fh(cpu)->time = read_mtime;
    fh(cpu)->time_opaque = opaque;
}

void riscv_hart_set_sbi_handler(CPU *cpu, RiscvSbiHandler *handler,
                                void *opaque)
{
    fh(cpu)->sbi = handler;
    fh(cpu)->sbi_opaque = opaque;
}

void riscv_hart_reset(CPU *cpu, unsigned hartid, uint64_t reset_pc,
                      uint64_t a1)
{
    assert_int_equal(hartid, cpu->index);
    fh(cpu)->how = RESET_M;
    fh(cpu)->pc = reset_pc;
    fh(cpu)->a1 = a1;
    fh(cpu)->stopped = false;
}

void riscv_hart_reset_to_supervisor(CPU *cpu, unsigned hartid, uint64_t pc,
                                    uint64_t fdt_addr)
{
    assert_int_equal(hartid, cpu->index);
    fh(cpu)->how = RESET_S;
    fh(cpu)->pc = pc;
    fh(cpu)->a1 = fdt_addr;
    fh(cpu)->stopped = false;
}

void riscv_hart_set_stimer(CPU *cpu, uint64_t deadline) {}
void riscv_hart_raise_ssip(CPU *cpu) {}
void riscv_hart_flush_tlb(CPU *cpu) {}

bool riscv_hart_stop(CPU *cpu)
{
    bool was_running = !fh(cpu)->stopped;

    fh(cpu)->stopped = true;
    return was_running;
}

bool riscv_hart_start(CPU *cpu, unsigned hartid, uint64_t pc, uint64_t opaque)
{
    if (!fh(cpu)->stopped) {
        return false;
    }
    riscv_hart_reset_to_supervisor(cpu, hartid, pc, opaque);
    return true;
}

int riscv_hart_hsm_status(CPU *cpu)
{
    return fh(cpu)->stopped ? RISCV_HSM_STOPPED : RISCV_HSM_STARTED;
}

/* ---- fake machine requests, chardev, timers ------------------------------ */

static ShutdownCause shutdown_cause;
static int shutdown_status;
static unsigned resets_requested;

void machine_request_shutdown(Machine *m, ShutdownCause cause, int status)
{
    shutdown_cause = cause;
    shutdown_status = status;
}

void machine_request_reset(Machine *m)
{
    resets_requested++;
}

static char uart_out[256];
static size_t uart_len;

size_t chardev_write_nonblock(Chardev *chr, const uint8_t *buf, size_t len)
{
    for (size_t i = 0; i < len && uart_len < sizeof(uart_out) - 1; i++) {
        uart_out[uart_len++] = buf[i];
    }
    return len;
}

void chardev_write(Chardev *chr, const uint8_t *buf, size_t len)
{
    chardev_write_nonblock(chr, buf, len);
}

void chardev_accept_input(Chardev *chr) {}
void chardev_set_frontend(Chardev *chr, const ChardevFrontend *fe) {}

struct MainLoopTimer {
    int dummy;
};
static struct MainLoopTimer timer_pool[64];
static unsigned timers_used;

MainLoopTimer *main_loop_timer_new(MainLoopTimerFn *fn, void *opaque)
{
    assert_true(timers_used < 64);
    return &timer_pool[timers_used++];
}
void main_loop_timer_mod(MainLoopTimer *t, int64_t deadline_ns) {}
void main_loop_timer_del(MainLoopTimer *t) {}
void main_loop_timer_free(MainLoopTimer *t) {}

/* ---- harness ----------------------------------------------------------- */

static const AccelOps fake_tcg = { .name = "tcg" };
static char dir[] = "/tmp/test-virt-board-XXXXXX";
static char kernel_path[128], initrd_path[128], bios_path[128];

static void write_file(const char *path, const void *data, size_t size)
{
    FILE *f = fopen(path, "wb");

    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, size, f), size);
    fclose(f);
}

static int group_setup(void **state)
{
    uint8_t image[8192] = { 0 };
    uint8_t initrd[5000];
    uint8_t bios[0x3000];

    assert_non_null(mkdtemp(dir));
    /* Image: code0 = "j ." (0x0000006f), text_offset 2 MiB, image_size */
    st32_le(image, 0x6f);
    st64_le(image + 8, 0x200000);
    st64_le(image + 16, 0x100000);
    memcpy(image + 56, "RSC\x05", 4);
    image[100] = 0xab;
    memset(initrd, 0x1d, sizeof(initrd));
    memset(bios, 0xb1, sizeof(bios));
    snprintf(kernel_path, sizeof(kernel_path), "%s/Image", dir);
    snprintf(initrd_path, sizeof(initrd_path), "%s/initrd", dir);
    snprintf(bios_path, sizeof(bios_path), "%s/fw.bin", dir);
    write_file(kernel_path, image, sizeof(image));
    write_file(initrd_path, initrd, sizeof(initrd));
    write_file(bios_path, bios, sizeof(bios));
    return 0;
}

static int group_teardown(void **state)
{
    unlink(kernel_path);
    unlink(initrd_path);
    unlink(bios_path);
    rmdir(dir);
    return 0;
}

/*
 * Each test builds a fresh machine; the old ones stay (boards have no
 * destructor, as in the emulator, where the machine lives until exit).
 */
#define MAX_MACHINES 16
static MachineOptions all_opts[MAX_MACHINES];
static Machine machines[MAX_MACHINES];
static unsigned nr_machines;
static Machine *mach;          /* the current one */
static MachineOptions *mopts;
static char fake_chr_storage;

static Machine *new_machine(void)
{
    assert_true(nr_machines < MAX_MACHINES);
    mopts = &all_opts[nr_machines];
    mach = &machines[nr_machines++];
    return mach;
}

static int build_board(unsigned smp, bool with_bios)
{
    Machine *m = new_machine();
    int ret;

    shutdown_cause = SHUTDOWN_NONE;
    resets_requested = 0;
    uart_len = 0;
    memset(uart_out, 0, sizeof(uart_out));
    mopts->ram_size = 128 * MiB;
    mopts->smp_cpus = smp;
    mopts->kernel = kernel_path;
    mopts->initrd = initrd_path;
    mopts->append = "console=ttyS0";
    mopts->bios = with_bios ? bios_path : NULL;
    m->type = &virt_machine_type;
    m->opts = mopts;
    m->accel = &fake_tcg;
    m->serials[0] = (Chardev *)&fake_chr_storage;

    ret = m->type->prepare(m);
    if (ret != 0) {
        return ret;
    }
    memory_region_init_container(&m->system_memory, "system", UINT64_MAX);
    address_space_init(&m->as_memory, &m->system_memory, "memory");
    memory_transaction_begin();
    ret = m->type->init(m);
    memory_transaction_commit();
    return ret;
}

static uint32_t rd32(uint64_t addr)
{
    uint32_t v = 0;

    assert_int_equal(address_space_read(&mach->as_memory, addr, &v, 4),
                     MEMTX_OK);
    return v;
}

static uint8_t rd8(uint64_t addr)
{
    uint8_t v = 0;

    assert_int_equal(address_space_read(&mach->as_memory, addr, &v, 1),
                     MEMTX_OK);
    return v;
}

static void wr32(uint64_t addr, uint32_t v)
{
    assert_int_equal(address_space_write(&mach->as_memory, addr, &v, 4),
                     MEMTX_OK);
}

static void wr8(uint64_t addr, uint8_t v)
{
    assert_int_equal(address_space_write(&mach->as_memory, addr, &v, 1),
                     MEMTX_OK);
}

/* ---- tests ------------------------------------------------------------- */

static void test_builtin_sbi_boot_state(void **state)
{
    uint64_t fdt_addr;
    uint64_t len = 65536;
    void *fdt;
    const fdt64_t *p;
    int chosen;

    assert_int_equal(build_board(3, false), 0);
    assert_int_equal(mach->nr_cpus, 3);
    /* hart 0 in S mode at the kernel, the others stopped */
    assert_int_equal(harts[0].how, RESET_S);
    assert_int_equal(harts[0].pc, 0x80200000);
    assert_false(harts[0].stopped);
    for (int i = 1; i < 3; i++) {
        assert_true(harts[i].stopped);
    }
    for (int i = 0; i < 3; i++) {
        assert_non_null(harts[i].sbi);
        assert_non_null(harts[i].time);
    }
    /* the kernel, the device tree and the initrd it names are in RAM */
    assert_int_equal(rd32(0x80200000), 0x6f);
    assert_int_equal(rd8(0x80200000 + 100), 0xab);
    fdt_addr = harts[0].a1;
    assert_int_equal(fdt_addr, 0x87e00000);
    fdt = address_space_map_ram(&mach->as_memory, fdt_addr, &len, false);
    assert_non_null(fdt);
    assert_int_equal(fdt_check_header(fdt), 0);
    chosen = fdt_path_offset(fdt, "/chosen");
    assert_true(chosen >= 0);
    assert_string_equal(fdt_getprop(fdt, chosen, "bootargs", NULL),
                        "console=ttyS0");
    p = fdt_getprop(fdt, chosen, "linux,initrd-start", NULL);
    assert_non_null(p);
    assert_int_equal(rd8(fdt64_ld(p)), 0x1d);
    assert_int_equal(rd8(fdt64_ld(p) + 4999), 0x1d);
    p = fdt_getprop(fdt, chosen, "linux,initrd-end", NULL);
    assert_true(fdt64_ld(p) <= fdt_addr);
    /* the ROM is there too (it is not used without -bios) */
    assert_int_equal(rd32(0x1000), 0x00000297);
}

static void test_bios_boot_state(void **state)
{
    assert_int_equal(build_board(2, true), 0);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(harts[i].how, RESET_M);
        assert_int_equal(harts[i].pc, 0x1000);
        assert_int_equal(harts[i].a1, 0x87e00000);
        assert_false(harts[i].stopped);
        assert_null(harts[i].sbi);
    }
    assert_int_equal(rd32(0x80000000), 0xb1b1b1b1);
    assert_int_equal(rd32(0x80200000), 0x6f);
    /* the ROM jumps to the firmware with the tree and fw_dynamic_info */
    assert_int_equal(rd32(0x1000 + 24), 0x80000000);
    assert_int_equal(rd32(0x1000 + 32), 0x87e00000);
    assert_int_equal(rd32(0x1000 + 56), 0x80200000);
}

static void test_devices_at_their_addresses(void **state)
{
    assert_int_equal(build_board(2, false), 0);
    /* virtio slots: magic, version 2, no device */
    for (int i = 0; i < 8; i++) {
        uint64_t base = 0x10001000 + 0x1000 * i;

        assert_int_equal(rd32(base), 0x74726976);
        assert_int_equal(rd32(base + 4), 2);
        assert_int_equal(rd32(base + 8), 0);
    }
    /* UART: LSR has THRE|TEMT; a THR byte reaches the chardev */
    assert_int_equal(rd8(0x10000005), 0x60);
    wr8(0x10000000, 'J');
    assert_string_equal(uart_out, "J");
    /* ACLINT: mtimecmp resets to all ones; the harts read its mtime */
    assert_int_equal(rd32(0x2004000), 0xffffffff);
    assert_true(harts[1].time(harts[1].time_opaque) < 10000000);
    /* msip of hart 1 drives its MSIP line */
    wr32(0x2000004, 1);
    assert_true(harts[1].irq_level & (1u << RISCV_IRQ_M_SOFT));
    assert_false(harts[0].irq_level & (1u << RISCV_IRQ_M_SOFT));
    /* mtimecmp 0 is in the past: MTIP of hart 0 */
    wr32(0x2004000, 0);
    wr32(0x2004004, 0);
    assert_true(harts[0].irq_level & (1u << RISCV_IRQ_M_TIMER));
    /* goldfish RTC: the host's time, in ns since 1970 (after 2020) */
    rd32(0x101000);
    assert_true(rd32(0x101004) > 0x16000000);
}

static void test_uart_interrupt_reaches_hart_through_plic(void **state)
{
    assert_int_equal(build_board(2, false), 0);
    /* PLIC: source 10 priority 1, enabled for hart 1's S context (3) */
    wr32(0xc000000 + 4 * 10, 1);
    wr32(0xc002000 + 0x80 * 3, 1u << 10);
    /* UART: THRE interrupt on, no OUT2 needed on this board */
    wr8(0x10000001, 0x02);
    assert_true(harts[1].irq_level & (1u << RISCV_IRQ_S_EXT));
    assert_false(harts[1].irq_level & (1u << RISCV_IRQ_M_EXT));
    assert_false(harts[0].irq_level & (1u << RISCV_IRQ_S_EXT));
    assert_int_equal(rd32(0xc200000 + 0x1000 * 3 + 4), 10);   /* claim */
    assert_false(harts[1].irq_level & (1u << RISCV_IRQ_S_EXT));
    wr8(0x10000001, 0);                                       /* handled */
    wr32(0xc200000 + 0x1000 * 3 + 4, 10);                     /* complete */
    assert_false(harts[1].irq_level & (1u << RISCV_IRQ_S_EXT));
}

static void test_finisher_and_reset(void **state)
{
    assert_int_equal(build_board(2, false), 0);
    wr32(0x100000, 0x7777);
    assert_int_equal(resets_requested, 1);
    wr32(0x100000, (3u << 16) | 0x3333);
    assert_int_equal(shutdown_cause, SHUTDOWN_EXIT_DEVICE);
    assert_int_equal(shutdown_status, 3);
    wr32(0x100000, 0x5555);
    assert_int_equal(shutdown_cause, SHUTDOWN_GUEST_POWEROFF);
    assert_int_equal(shutdown_status, 0);

    /* reset: RAM images rewritten, harts back to their boot state */
    wr32(0x80200000, 0);
    harts[1].stopped = false;
    harts[0].pc = 0;
    assert_int_equal(mach->type->reset(mach), 0);
    assert_int_equal(rd32(0x80200000), 0x6f);
    assert_int_equal(harts[0].pc, 0x80200000);
    assert_true(harts[1].stopped);
}

/* prepare alone, as main runs it first, with a kernel and RAM size */
static int prepare_only(const char *kernel, uint64_t ram_size)
{
    Machine *m = new_machine();

    mopts->ram_size = ram_size;
    mopts->smp_cpus = 1;
    mopts->kernel = kernel;
    m->type = &virt_machine_type;
    m->opts = mopts;
    return m->type->prepare(m);
}

static void test_prepare_errors(void **state)
{
    assert_int_equal(prepare_only(NULL, 128 * MiB), -EINVAL);  /* no boot */
    assert_int_equal(prepare_only(initrd_path, 128 * MiB), -ENOEXEC);
    assert_int_equal(prepare_only(kernel_path, 8 * MiB), -EINVAL);
    assert_int_equal(prepare_only(kernel_path, 128 * MiB), 0);
}

static void test_refuses_other_accelerators(void **state)
{
    static const AccelOps kvm = { .name = "kvm" };
    Machine *m = new_machine();

    mopts->ram_size = 128 * MiB;
    mopts->smp_cpus = 1;
    mopts->kernel = kernel_path;
    m->type = &virt_machine_type;
    m->opts = mopts;
    m->accel = &kvm;
    assert_int_equal(m->type->prepare(m), 0);
    assert_int_equal(m->type->init(m), -ENOTSUP);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtin_sbi_boot_state),
        cmocka_unit_test(test_bios_boot_state),
        cmocka_unit_test(test_devices_at_their_addresses),
        cmocka_unit_test(test_uart_interrupt_reaches_hart_through_plic),
        cmocka_unit_test(test_finisher_and_reset),
        cmocka_unit_test(test_prepare_errors),
        cmocka_unit_test(test_refuses_other_accelerators),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
