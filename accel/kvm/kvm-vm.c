/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The KVM VM: /dev/kvm and VM fds, the in-kernel interrupt controllers
 * (PIC + IOAPIC + LAPIC, PIT) and the memory listener that keeps memslots
 * in step with the memory address space.
 */
#include "accel/kvm/kvm-internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "util/cutils.h"
#include "util/error.h"

/*
 * Where KVM puts the real-mode TSS (3 pages) and the EPT identity map (1
 * page) it needs on Intel: just below the 64 KiB BIOS window at 4G-64K
 * and clear of the IOAPIC/LAPIC, as on other PC VMMs.
 */
#define KVM_TSS_ADDR          0xfffbd000u
#define KVM_IDENTITY_MAP_ADDR 0xfffbc000u

static int kvm_check_extension(int fd, long cap)
{
    int ret = ioctl(fd, KVM_CHECK_EXTENSION, cap);
    return ret < 0 ? 0 : ret;
}

static int kvm_open_device(KvmState *s)
{
    int ver;

    s->kvm_fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
    if (s->kvm_fd < 0) {
        int err = errno;
        error_report("-accel kvm: could not open /dev/kvm: %s", strerror(err));
        return -err;
    }
    ver = ioctl(s->kvm_fd, KVM_GET_API_VERSION, 0);
    if (ver != KVM_API_VERSION) {
        error_report("-accel kvm: KVM API version %d not supported", ver);
        return -EINVAL;
    }
    return 0;
}

static int kvm_require(KvmState *s, long cap, const char *what)
{
    if (!kvm_check_extension(s->kvm_fd, cap)) {
        error_report("-accel kvm: this host's KVM lacks %s", what);
        return -ENOSYS;
    }
    return 0;
}

static int kvm_vm_ioctl_report(KvmState *s, unsigned long req, void *arg,
                               const char *what)
{
    if (ioctl(s->vm_fd, req, arg) < 0) {
        int err = errno;
        error_report("-accel kvm: %s failed: %s", what, strerror(err));
        return -err;
    }
    return 0;
}

/*
 * GSI routing as on a PC with an IOAPIC: ISA IRQ n (KVM GSI n, n < 16)
 * drives PIC pin n and IOAPIC pin n, except the PIT's IRQ 0, which is
 * wired to IOAPIC pin 2 (the MADT's interrupt source override) and PIC
 * pin 0; IRQ 2 is the PIC cascade and has no IOAPIC route. GSI 16-23 go to
 * IOAPIC pins 16-23. KVM's built-in default maps IRQ 0 to IOAPIC pin 0,
 * where no PC guest looks for the timer.
 */
static int kvm_setup_gsi_routing(KvmState *s)
{
    struct {
        struct kvm_irq_routing hdr;
        struct kvm_irq_routing_entry e[48];
    } r = { 0 };
    unsigned n = 0;

    for (unsigned gsi = 0; gsi < 24; gsi++) {
        if (gsi < 16 && gsi != 2) {
            r.e[n++] = (struct kvm_irq_routing_entry){
                .gsi = gsi,
                .type = KVM_IRQ_ROUTING_IRQCHIP,
                .u.irqchip = { .irqchip = gsi < 8 ? KVM_IRQCHIP_PIC_MASTER
                                                  : KVM_IRQCHIP_PIC_SLAVE,
                               .pin = gsi % 8 },
            };
        }
        if (gsi != 2) {
            r.e[n++] = (struct kvm_irq_routing_entry){
                .gsi = gsi,
                .type = KVM_IRQ_ROUTING_IRQCHIP,
                .u.irqchip = { .irqchip = KVM_IRQCHIP_IOAPIC,
                               .pin = gsi == 0 ? 2 : gsi },
            };
        }
    }
    r.hdr.nr = n;
    return kvm_vm_ioctl_report(s, KVM_SET_GSI_ROUTING, &r, "KVM_SET_GSI_ROUTING");
}

/* Save the power-on irqchip and PIT state so a reset can restore it. */
static void kvm_save_reset_state(KvmState *s)
{
    s->reset_pic[0].chip_id = KVM_IRQCHIP_PIC_MASTER;
    s->reset_pic[1].chip_id = KVM_IRQCHIP_PIC_SLAVE;
    s->reset_ioapic.chip_id = KVM_IRQCHIP_IOAPIC;
    s->have_reset_state =
        ioctl(s->vm_fd, KVM_GET_IRQCHIP, &s->reset_pic[0]) == 0 &&
        ioctl(s->vm_fd, KVM_GET_IRQCHIP, &s->reset_pic[1]) == 0 &&
        ioctl(s->vm_fd, KVM_GET_IRQCHIP, &s->reset_ioapic) == 0 &&
        ioctl(s->vm_fd, KVM_GET_PIT2, &s->reset_pit) == 0;
}

static int kvm_vm_create(KvmState *s)
{
    struct kvm_pit_config pit = { .flags = KVM_PIT_SPEAKER_DUMMY };
    uint64_t ident = KVM_IDENTITY_MAP_ADDR;
    int ret;

    if ((ret = kvm_require(s, KVM_CAP_USER_MEMORY, "user memory")) < 0 ||
        (ret = kvm_require(s, KVM_CAP_IMMEDIATE_EXIT, "immediate_exit")) < 0 ||
        (ret = kvm_require(s, KVM_CAP_IRQCHIP, "an in-kernel irqchip")) < 0 ||
        (ret = kvm_require(s, KVM_CAP_PIT2, "an in-kernel PIT")) < 0) {
        return ret;
    }
    s->vcpu_mmap_size = ioctl(s->kvm_fd, KVM_GET_VCPU_MMAP_SIZE, 0);
    if (s->vcpu_mmap_size < (int)sizeof(struct kvm_run)) {
        error_report("-accel kvm: bad vCPU mmap size %d", s->vcpu_mmap_size);
        return -EINVAL;
    }
    s->readonly_mem = kvm_check_extension(s->kvm_fd, KVM_CAP_READONLY_MEM);
    s->nr_slots = kvm_check_extension(s->kvm_fd, KVM_CAP_NR_MEMSLOTS);
    if (s->nr_slots == 0) {
        s->nr_slots = 32; /* the oldest API guarantees at least this */
    }
    s->slots = xzalloc(s->nr_slots * sizeof(*s->slots));

    do {
        s->vm_fd = ioctl(s->kvm_fd, KVM_CREATE_VM, 0);
    } while (s->vm_fd < 0 && errno == EINTR);
    if (s->vm_fd < 0) {
        int err = errno;
        error_report("-accel kvm: KVM_CREATE_VM failed: %s", strerror(err));
        return -err;
    }
    if (kvm_check_extension(s->kvm_fd, KVM_CAP_SET_TSS_ADDR) &&
        ioctl(s->vm_fd, KVM_SET_TSS_ADDR, (unsigned long)KVM_TSS_ADDR) < 0) {
        int err = errno;
        error_report("-accel kvm: KVM_SET_TSS_ADDR failed: %s", strerror(err));
        return -err;
    }
    if (kvm_check_extension(s->kvm_fd, KVM_CAP_SET_IDENTITY_MAP_ADDR) &&
        (ret = kvm_vm_ioctl_report(s, KVM_SET_IDENTITY_MAP_ADDR, &ident,
                                   "KVM_SET_IDENTITY_MAP_ADDR")) < 0) {
        return ret;
    }
    if ((ret = kvm_vm_ioctl_report(s, KVM_CREATE_IRQCHIP, NULL,
                                   "KVM_CREATE_IRQCHIP")) < 0 ||
        (ret = kvm_vm_ioctl_report(s, KVM_CREATE_PIT2, &pit,
                                   "KVM_CREATE_PIT2")) < 0) {
        return ret;
    }
    if (kvm_check_extension(s->kvm_fd, KVM_CAP_IRQ_ROUTING) &&
        (ret = kvm_setup_gsi_routing(s)) < 0) {
        return ret;
    }
    kvm_save_reset_state(s);
    return 0;
}

int kvm_machine_init(Machine *m)
{
    KvmState *s = xzalloc(sizeof(*s));
    int ret;

    s->machine = m;
    s->kvm_fd = -1;
    s->vm_fd = -1;
    m->accel_state = s;

    ret = kvm_open_device(s);
    if (ret == 0) {
        ret = kvm_vm_create(s);
    }
    if (ret < 0) {
        kvm_machine_destroy(m);
        return ret;
    }
    if (kvm_host_kind() == KVM_HOST_EMULATED_CPL0) {
        warn_report_once("this host's KVM emulates guest kernel (CPL0) code "
                         "in software; guest kernels will be very slow");
    }
    /* Before any vCPU thread exists, so all later threads inherit the mask. */
    kvm_kick_signal_init();

    s->listener.ops = &kvm_memory_listener_ops;
    s->listener.opaque = m;
    memory_listener_register(&m->as_memory, &s->listener);
    return 0;
}

void kvm_machine_destroy(Machine *m)
{
    KvmState *s = m->accel_state;

    if (!s) {
        return;
    }
    if (s->listener.ops) {
        memory_listener_unregister(&m->as_memory, &s->listener);
    }
    kvm_memslots_destroy(s);
    free(s->supported_cpuid);
    if (s->vm_fd >= 0) {
        close(s->vm_fd);
    }
    if (s->kvm_fd >= 0) {
        close(s->kvm_fd);
    }
    free(s);
    m->accel_state = NULL;
}

void kvm_irqchip_set_line(Machine *m, int gsi, int level)
{
    KvmState *s = m->accel_state;
    struct kvm_irq_level irq = { .irq = gsi, .level = level };

    /*
     * With the in-kernel irqchip GSI 0-15 reach both the PIC and the
     * IOAPIC and 16-23 the IOAPIC only (KVM's default routing).
     */
    if (ioctl(s->vm_fd, KVM_IRQ_LINE, &irq) < 0) {
        error_report("kvm: KVM_IRQ_LINE gsi %d level %d failed: %s", gsi,
                     level, strerror(errno));
    }
}

void kvm_machine_reset(Machine *m)
{
    KvmState *s = m->accel_state;

    if (!s || !s->have_reset_state) {
        return;
    }
    if (ioctl(s->vm_fd, KVM_SET_IRQCHIP, &s->reset_pic[0]) < 0 ||
        ioctl(s->vm_fd, KVM_SET_IRQCHIP, &s->reset_pic[1]) < 0 ||
        ioctl(s->vm_fd, KVM_SET_IRQCHIP, &s->reset_ioapic) < 0 ||
        ioctl(s->vm_fd, KVM_SET_PIT2, &s->reset_pit) < 0) {
        error_report("kvm: cannot reset the in-kernel irqchip: %s",
                     strerror(errno));
        return;
    }
    for (unsigned i = 0; i < m->nr_cpus; i++) {
        KvmVcpu *v = m->cpus[i]->accel_state;

        if (v && v->have_reset_lapic &&
            ioctl(v->fd, KVM_SET_LAPIC, &v->reset_lapic) < 0) {
            error_report("kvm: cannot reset the LAPIC of CPU %u: %s", i,
                         strerror(errno));
            return;
        }
    }
}
