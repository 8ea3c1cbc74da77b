/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The virt board's device tree, with the nodes and properties Linux's
 * bindings ask for (Documentation/devicetree/bindings: riscv/cpus,
 * interrupt-controller/sifive,plic-1.0.0 and riscv,cpu-intc,
 * timer/sifive,clint, serial/8250, power/reset/syscon-poweroff and
 * syscon-reboot, rtc/trivial-rtc for goldfish, virtio/mmio).
 */
#include "machines/virt/virt.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "devices/goldfish-rtc.h"
#include "devices/riscv-aclint.h"
#include "devices/sifive-test.h"
#include "devices/virtio-mmio.h"
#include "util/error.h"

/* libfdt calls with the first error kept, so the builder reads straight. */
typedef struct FdtBuilder {
    void *fdt;
    int err;
} FdtBuilder;

static void fb_check(FdtBuilder *b, int ret)
{
    if (ret < 0 && !b->err) {
        b->err = ret;
    }
}

static int fb_node(FdtBuilder *b, int parent, const char *name)
{
    int off;

    if (b->err) {
        return -1;
    }
    off = fdt_add_subnode(b->fdt, parent, name);
    fb_check(b, off);
    return off;
}

static void fb_u32(FdtBuilder *b, int node, const char *name, uint32_t v)
{
    if (!b->err) {
        fb_check(b, fdt_setprop_u32(b->fdt, node, name, v));
    }
}

static void fb_u64(FdtBuilder *b, int node, const char *name, uint64_t v)
{
    if (!b->err) {
        fb_check(b, fdt_setprop_u64(b->fdt, node, name, v));
    }
}

static void fb_str(FdtBuilder *b, int node, const char *name, const char *v)
{
    if (!b->err) {
        fb_check(b, fdt_setprop_string(b->fdt, node, name, v));
    }
}

/* A string list: the strings back to back, each NUL terminated. */
static void fb_strlist(FdtBuilder *b, int node, const char *name,
                       const char *list, size_t len)
{
    if (!b->err) {
        fb_check(b, fdt_setprop(b->fdt, node, name, list, len));
    }
}

static void fb_empty(FdtBuilder *b, int node, const char *name)
{
    if (!b->err) {
        fb_check(b, fdt_setprop_empty(b->fdt, node, name));
    }
}

static void fb_cells(FdtBuilder *b, int node, const char *name,
                     const uint32_t *cells, size_t n)
{
    fdt32_t *be;

    if (b->err) {
        return;
    }
    be = malloc(sizeof(*be) * (n ? n : 1));
    if (!be) {
        b->err = -FDT_ERR_NOSPACE;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        be[i] = cpu_to_fdt32(cells[i]);
    }
    fb_check(b, fdt_setprop(b->fdt, node, name, be, sizeof(*be) * n));
    free(be);
}

/* reg = <addr size> with 2 address and 2 size cells. */
static void fb_reg(FdtBuilder *b, int node, uint64_t addr, uint64_t size)
{
    const uint32_t cells[4] = { addr >> 32, (uint32_t)addr, size >> 32,
                                (uint32_t)size };

    fb_cells(b, node, "reg", cells, 4);
}

static int fb_node_at(FdtBuilder *b, int parent, const char *what,
                      uint64_t addr)
{
    char name[64];

    snprintf(name, sizeof(name), "%s@%" PRIx64, what, addr);
    return fb_node(b, parent, name);
}

/* Phandles: per hart the cpu and its interrupt controller, then the rest. */
#define PHANDLE_CPU(h) (1 + 2 * (h))
#define PHANDLE_INTC(h) (2 + 2 * (h))
#define PHANDLE_PLIC(n) (1 + 2 * (n))
#define PHANDLE_TEST(n) (2 + 2 * (n))

static void vfdt_add_cpus(FdtBuilder *b, const VirtFdtConfig *c)
{
    static const char cpu_compat[] = "riscv";
    int cpus = fb_node(b, 0, "cpus");
    int map, cluster;

    fb_u32(b, cpus, "#address-cells", 1);
    fb_u32(b, cpus, "#size-cells", 0);
    fb_u32(b, cpus, "timebase-frequency", VIRT_TIMEBASE_HZ);
    /* Added first, so it ends up after the cpu nodes (libfdt prepends). */
    map = fb_node(b, cpus, "cpu-map");
    cluster = fb_node(b, map, "cluster0");
    for (unsigned h = c->nr_harts; h-- > 0;) {
        char name[32];
        int core;

        snprintf(name, sizeof(name), "core%u", h);
        core = fb_node(b, cluster, name);
        fb_u32(b, core, "cpu", PHANDLE_CPU(h));
    }
    for (unsigned h = c->nr_harts; h-- > 0;) {
        /* Unit addresses are hex, as reg: hart 10 is cpu@a. */
        int cpu = fb_node_at(b, cpus, "cpu", h);
        int intc;

        fb_u32(b, cpu, "phandle", PHANDLE_CPU(h));
        fb_str(b, cpu, "device_type", "cpu");
        fb_u32(b, cpu, "reg", h);
        fb_str(b, cpu, "status", "okay");
        fb_str(b, cpu, "compatible", cpu_compat);
        fb_str(b, cpu, "riscv,isa", VIRT_ISA);
        fb_str(b, cpu, "mmu-type", VIRT_MMU_TYPE);
        intc = fb_node(b, cpu, "interrupt-controller");
        fb_u32(b, intc, "#address-cells", 0);
        fb_u32(b, intc, "#interrupt-cells", 1);
        fb_empty(b, intc, "interrupt-controller");
        fb_str(b, intc, "compatible", "riscv,cpu-intc");
        fb_u32(b, intc, "phandle", PHANDLE_INTC(h));
    }
}

/* interrupts-extended = <&intc(h) irq_a &intc(h) irq_b> for every hart. */
static void vfdt_per_hart_irqs(FdtBuilder *b, int node, unsigned nr_harts,
                              uint32_t irq_a, uint32_t irq_b)
{
    uint32_t *cells = xzalloc(sizeof(uint32_t) * 4 * nr_harts);

    for (unsigned h = 0; h < nr_harts; h++) {
        cells[4 * h] = PHANDLE_INTC(h);
        cells[4 * h + 1] = irq_a;
        cells[4 * h + 2] = PHANDLE_INTC(h);
        cells[4 * h + 3] = irq_b;
    }
    fb_cells(b, node, "interrupts-extended", cells, 4 * nr_harts);
    free(cells);
}

static void vfdt_add_soc(FdtBuilder *b, const VirtFdtConfig *c)
{
    static const char clint_compat[] = "sifive,clint0\0riscv,clint0";
    static const char plic_compat[] = "sifive,plic-1.0.0\0riscv,plic0";
    static const char test_compat[] = "sifive,test1\0sifive,test0\0syscon";
    unsigned n = c->nr_harts;
    int soc = fb_node(b, 0, "soc");
    int node;

    fb_u32(b, soc, "#address-cells", 2);
    fb_u32(b, soc, "#size-cells", 2);
    fb_str(b, soc, "compatible", "simple-bus");
    fb_empty(b, soc, "ranges");

    /* In reverse address order: libfdt puts each new node first. */
    for (int i = VIRT_VIRTIO_COUNT - 1; i >= 0; i--) {
        uint64_t addr = VIRT_VIRTIO_BASE + (uint64_t)i * VIRTIO_MMIO_SLOT_SIZE;

        node = fb_node_at(b, soc, "virtio_mmio", addr);
        fb_str(b, node, "compatible", "virtio,mmio");
        fb_reg(b, node, addr, VIRTIO_MMIO_SLOT_SIZE);
        fb_u32(b, node, "interrupt-parent", PHANDLE_PLIC(n));
        fb_u32(b, node, "interrupts", VIRT_VIRTIO_IRQ + i);
    }

    node = fb_node_at(b, soc, "serial", VIRT_UART0_BASE);
    fb_str(b, node, "compatible", "ns16550a");
    fb_reg(b, node, VIRT_UART0_BASE, VIRT_UART0_SIZE);
    fb_u32(b, node, "clock-frequency", VIRT_UART_CLOCK_HZ);
    fb_u32(b, node, "interrupt-parent", PHANDLE_PLIC(n));
    fb_u32(b, node, "interrupts", VIRT_UART0_IRQ);

    node = fb_node_at(b, soc, "plic", VIRT_PLIC_BASE);
    fb_strlist(b, node, "compatible", plic_compat, sizeof(plic_compat));
    fb_reg(b, node, VIRT_PLIC_BASE, VIRT_PLIC_SIZE);
    fb_u32(b, node, "#address-cells", 0);
    fb_u32(b, node, "#interrupt-cells", 1);
    fb_empty(b, node, "interrupt-controller");
    fb_u32(b, node, "riscv,ndev", VIRT_PLIC_NUM_SOURCES - 1);
    /* Context 2h is hart h's M mode (MEIP, 11), 2h+1 its S mode (SEIP, 9). */
    vfdt_per_hart_irqs(b, node, n, 11, 9);
    fb_u32(b, node, "phandle", PHANDLE_PLIC(n));

    node = fb_node_at(b, soc, "clint", VIRT_CLINT_BASE);
    fb_strlist(b, node, "compatible", clint_compat, sizeof(clint_compat));
    fb_reg(b, node, VIRT_CLINT_BASE, RISCV_ACLINT_SIZE);
    /* Per hart: MSIP (3) and MTIP (7). */
    vfdt_per_hart_irqs(b, node, n, 3, 7);

    node = fb_node_at(b, soc, "rtc", VIRT_RTC_BASE);
    fb_str(b, node, "compatible", "google,goldfish-rtc");
    fb_reg(b, node, VIRT_RTC_BASE, GOLDFISH_RTC_SIZE);
    fb_u32(b, node, "interrupt-parent", PHANDLE_PLIC(n));
    fb_u32(b, node, "interrupts", VIRT_RTC_IRQ);

    node = fb_node_at(b, soc, "test", VIRT_TEST_BASE);
    fb_strlist(b, node, "compatible", test_compat, sizeof(test_compat));
    fb_reg(b, node, VIRT_TEST_BASE, SIFIVE_TEST_SIZE);
    fb_u32(b, node, "phandle", PHANDLE_TEST(n));
}

static void vfdt_add_syscon_actions(FdtBuilder *b, unsigned nr_harts)
{
    int node = fb_node(b, 0, "reboot");

    fb_str(b, node, "compatible", "syscon-reboot");
    fb_u32(b, node, "regmap", PHANDLE_TEST(nr_harts));
    fb_u32(b, node, "offset", 0);
    fb_u32(b, node, "value", SIFIVE_TEST_RESET);

    node = fb_node(b, 0, "poweroff");
    fb_str(b, node, "compatible", "syscon-poweroff");
    fb_u32(b, node, "regmap", PHANDLE_TEST(nr_harts));
    fb_u32(b, node, "offset", 0);
    fb_u32(b, node, "value", SIFIVE_TEST_PASS);
}

/* /chosen: bootargs and the initrd; stdout-path only for our own tree. */
static void vfdt_set_chosen(FdtBuilder *b, const VirtFdtConfig *c,
                           bool own_tree)
{
    int chosen;

    if (b->err) {
        return;
    }
    chosen = fdt_path_offset(b->fdt, "/chosen");
    if (chosen == -FDT_ERR_NOTFOUND) {
        chosen = fb_node(b, 0, "chosen");
    } else {
        fb_check(b, chosen);
    }
    if (own_tree) {
        char path[64];

        snprintf(path, sizeof(path), "/soc/serial@%llx", VIRT_UART0_BASE);
        fb_str(b, chosen, "stdout-path", path);
    }
    if (c->bootargs) {
        fb_str(b, chosen, "bootargs", c->bootargs);
    }
    if (c->has_initrd) {
        fb_u64(b, chosen, "linux,initrd-start", c->initrd_start);
        fb_u64(b, chosen, "linux,initrd-end", c->initrd_end);
    }
}

static int vfdt_finish(FdtBuilder *b, void **fdt, size_t *size)
{
    if (!b->err) {
        fb_check(b, fdt_pack(b->fdt));
    }
    if (b->err) {
        error_report("device tree: %s", fdt_strerror(b->err));
        free(b->fdt);
        return -EINVAL;
    }
    *fdt = b->fdt;
    *size = fdt_totalsize(b->fdt);
    return 0;
}

static size_t vfdt_budget(const VirtFdtConfig *c)
{
    size_t args = c->bootargs ? strlen(c->bootargs) : 0;

    return 16384 + 1024 * (size_t)c->nr_harts + args;
}

int virt_fdt_build(const VirtFdtConfig *c, void **fdt, size_t *size)
{
    static const char root_compat[] = "riscv-virtio";
    size_t bufsize = vfdt_budget(c);
    FdtBuilder b = { .fdt = xzalloc(bufsize) };
    int mem;

    fb_check(&b, fdt_create_empty_tree(b.fdt, bufsize));
    fb_u32(&b, 0, "#address-cells", 2);
    fb_u32(&b, 0, "#size-cells", 2);
    fb_str(&b, 0, "compatible", root_compat);
    fb_str(&b, 0, "model", "riscv-virtio,qemu");

    vfdt_add_syscon_actions(&b, c->nr_harts);
    vfdt_add_soc(&b, c);
    vfdt_add_cpus(&b, c);
    mem = fb_node_at(&b, 0, "memory", VIRT_DRAM_BASE);
    fb_str(&b, mem, "device_type", "memory");
    fb_reg(&b, mem, VIRT_DRAM_BASE, c->ram_size);
    vfdt_set_chosen(&b, c, true);
    return vfdt_finish(&b, fdt, size);
}

int virt_fdt_from_user(const char *name, const void *blob, size_t blob_size,
                       const VirtFdtConfig *c, void **fdt, size_t *size)
{
    size_t bufsize;
    FdtBuilder b = { 0 };
    int ret;

    if (blob_size < sizeof(struct fdt_header) ||
        (ret = fdt_check_header(blob)) < 0 || fdt_totalsize(blob) > blob_size) {
        error_report("-dtb %s: not a flattened device tree blob", name);
        return -EINVAL;
    }
    bufsize = fdt_totalsize(blob) + vfdt_budget(c);
    b.fdt = xzalloc(bufsize);
    ret = fdt_open_into(blob, b.fdt, bufsize);
    if (ret < 0) {
        error_report("-dtb %s: %s", name, fdt_strerror(ret));
        free(b.fdt);
        return -EINVAL;
    }
    vfdt_set_chosen(&b, c, false);
    return vfdt_finish(&b, fdt, size);
}

int virt_fdt_set_initrd(void *fdt, uint64_t start, uint64_t end)
{
    int chosen = fdt_path_offset(fdt, "/chosen");
    int ret;

    if (chosen < 0) {
        return -ENOENT;
    }
    ret = fdt_setprop_inplace_u64(fdt, chosen, "linux,initrd-start", start);
    if (ret == 0) {
        ret = fdt_setprop_inplace_u64(fdt, chosen, "linux,initrd-end", end);
    }
    return ret < 0 ? -EINVAL : 0;
}
