/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vCPU creation and the copy of architectural state between cpu->arch
 * (X86CPUState) and KVM's registers, segments and MP state.
 */
#include "accel/kvm/kvm-internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cpu/x86/cpu-state.h"
#include "util/cutils.h"
#include "util/error.h"

#define MSR_IA32_TSC        0x10
#define MSR_IA32_MISC_ENABLE 0x1a0
#define MISC_ENABLE_FAST_STRING (1u << 0)

/* MSRs with a defined value at RESET that KVM does not set itself. */
static void kvm_vcpu_set_reset_msrs(KvmVcpu *v)
{
    static const struct { uint32_t index; uint64_t value; } reset_msrs[] = {
        { MSR_IA32_MISC_ENABLE, MISC_ENABLE_FAST_STRING },
        { MSR_IA32_TSC, 0 },
    };

    /* One at a time: a host may refuse one without refusing the rest. */
    for (size_t i = 0; i < ARRAY_SIZE(reset_msrs); i++) {
        struct {
            struct kvm_msrs hdr;
            struct kvm_msr_entry e;
        } msrs = {
            .hdr.nmsrs = 1,
            .e = { .index = reset_msrs[i].index, .data = reset_msrs[i].value },
        };

        if (ioctl(v->fd, KVM_SET_MSRS, &msrs) != 1) {
            warn_report_once("kvm: this host refuses to set MSR 0x%x at reset",
                             reset_msrs[i].index);
        }
    }
}

int kvm_cpu_create(CPU *cpu)
{
    Machine *m = cpu->machine;
    KvmState *s = kvm_state_of(m);
    KvmVcpu *v = xzalloc(sizeof(*v));
    unsigned nr_cpus = m->nr_cpus ? m->nr_cpus : 1;
    int ret;

    v->cpu = cpu;
    v->fd = ioctl(s->vm_fd, KVM_CREATE_VCPU, (unsigned long)cpu->index);
    if (v->fd < 0) {
        ret = -errno;
        error_report("kvm: cannot create vCPU %d: %s", cpu->index,
                     strerror(-ret));
        free(v);
        return ret;
    }
    v->run = mmap(NULL, s->vcpu_mmap_size, PROT_READ | PROT_WRITE, MAP_SHARED,
                  v->fd, 0);
    if (v->run == MAP_FAILED) {
        ret = -errno;
        error_report("kvm: cannot map kvm_run of vCPU %d: %s", cpu->index,
                     strerror(-ret));
        close(v->fd);
        free(v);
        return ret;
    }
    ret = kvm_vcpu_setup_cpuid(s, v, nr_cpus);
    if (ret < 0) {
        munmap(v->run, s->vcpu_mmap_size);
        close(v->fd);
        free(v);
        return ret;
    }
    kvm_vcpu_set_reset_msrs(v);
    v->have_reset_lapic = ioctl(v->fd, KVM_GET_LAPIC, &v->reset_lapic) == 0;
    cpu->accel_state = v;
    return 0;
}

static void segment_to_kvm(struct kvm_segment *k, const X86Segment *s)
{
    *k = (struct kvm_segment){
        .base = s->base,
        .limit = s->limit,
        .selector = s->selector,
        .type = s->type,
        .present = s->present,
        .dpl = s->dpl,
        .db = s->db,
        .s = s->s,
        .l = s->l,
        .g = s->g,
        .avl = s->avl,
        .unusable = s->unusable,
    };
}

static void segment_from_kvm(X86Segment *s, const struct kvm_segment *k)
{
    *s = (X86Segment){
        .base = k->base,
        .limit = k->limit,
        .selector = k->selector,
        .type = k->type,
        .present = k->present,
        .dpl_valid = true,
        .dpl = k->dpl,
        .s = k->s,
        .db = k->db,
        .l = k->l,
        .g = k->g,
        .avl = k->avl,
        .unusable = k->unusable,
    };
}

/* kvm_regs names the registers; cpu->arch indexes them in encoding order. */
#define KVM_GPR_LIST(X) \
    X(R_EAX, rax) X(R_ECX, rcx) X(R_EDX, rdx) X(R_EBX, rbx) \
    X(R_ESP, rsp) X(R_EBP, rbp) X(R_ESI, rsi) X(R_EDI, rdi) \
    X(R_R8, r8) X(R_R9, r9) X(R_R10, r10) X(R_R11, r11) \
    X(R_R12, r12) X(R_R13, r13) X(R_R14, r14) X(R_R15, r15)

static void sregs_segments(struct kvm_sregs *sr, struct kvm_segment **segs)
{
    segs[R_ES] = &sr->es;
    segs[R_CS] = &sr->cs;
    segs[R_SS] = &sr->ss;
    segs[R_DS] = &sr->ds;
    segs[R_FS] = &sr->fs;
    segs[R_GS] = &sr->gs;
}

static int vcpu_ioctl(KvmVcpu *v, unsigned long req, void *arg,
                      const char *what)
{
    if (ioctl(v->fd, req, arg) < 0) {
        int err = errno;
        error_report("kvm: %s on CPU %d failed: %s", what, v->cpu->index,
                     strerror(err));
        return -err;
    }
    return 0;
}

int kvm_cpu_state_put(CPU *cpu)
{
    KvmVcpu *v = cpu->accel_state;
    X86CPUState *a = cpu->arch;
    struct kvm_regs regs = { 0 };
    struct kvm_sregs sregs;
    struct kvm_segment *segs[X86_NR_SEGS];
    struct kvm_mp_state mp = {
        .mp_state = a->mp_state == X86_MP_WAIT_SIPI
                        ? KVM_MP_STATE_INIT_RECEIVED
                        : KVM_MP_STATE_RUNNABLE,
    };
    int ret;

    /* Start from KVM's sregs so the interrupt bitmap stays as it is. */
    ret = vcpu_ioctl(v, KVM_GET_SREGS, &sregs, "KVM_GET_SREGS");
    if (ret < 0) {
        return ret;
    }
    sregs_segments(&sregs, segs);
    for (int i = 0; i < X86_NR_SEGS; i++) {
        segment_to_kvm(segs[i], &a->segs[i]);
    }
    segment_to_kvm(&sregs.tr, &a->tr);
    segment_to_kvm(&sregs.ldt, &a->ldt);
    sregs.gdt = (struct kvm_dtable){ .base = a->gdt.base, .limit = a->gdt.limit };
    sregs.idt = (struct kvm_dtable){ .base = a->idt.base, .limit = a->idt.limit };
    sregs.cr0 = a->cr0;
    sregs.cr2 = a->cr2;
    sregs.cr3 = a->cr3;
    sregs.cr4 = a->cr4;
    sregs.cr8 = a->cr8;
    sregs.efer = a->efer;
    sregs.apic_base = a->apic_base;

#define PUT_GPR(idx, name) regs.name = a->regs[idx];
    KVM_GPR_LIST(PUT_GPR)
#undef PUT_GPR
    regs.rip = a->rip;
    regs.rflags = a->rflags;

    if ((ret = vcpu_ioctl(v, KVM_SET_SREGS, &sregs, "KVM_SET_SREGS")) < 0 ||
        (ret = vcpu_ioctl(v, KVM_SET_REGS, &regs, "KVM_SET_REGS")) < 0 ||
        (ret = vcpu_ioctl(v, KVM_SET_MP_STATE, &mp, "KVM_SET_MP_STATE")) < 0) {
        return ret;
    }
    cpu->arch_dirty = false;
    return 0;
}

int kvm_cpu_state_get(CPU *cpu)
{
    KvmVcpu *v = cpu->accel_state;
    X86CPUState *a = cpu->arch;
    struct kvm_regs regs;
    struct kvm_sregs sregs;
    struct kvm_segment *segs[X86_NR_SEGS];
    struct kvm_mp_state mp;
    int ret;

    if ((ret = vcpu_ioctl(v, KVM_GET_REGS, &regs, "KVM_GET_REGS")) < 0 ||
        (ret = vcpu_ioctl(v, KVM_GET_SREGS, &sregs, "KVM_GET_SREGS")) < 0 ||
        (ret = vcpu_ioctl(v, KVM_GET_MP_STATE, &mp, "KVM_GET_MP_STATE")) < 0) {
        return ret;
    }
#define GET_GPR(idx, name) a->regs[idx] = regs.name;
    KVM_GPR_LIST(GET_GPR)
#undef GET_GPR
    a->rip = regs.rip;
    a->rflags = regs.rflags;

    sregs_segments(&sregs, segs);
    for (int i = 0; i < X86_NR_SEGS; i++) {
        segment_from_kvm(&a->segs[i], segs[i]);
    }
    segment_from_kvm(&a->tr, &sregs.tr);
    segment_from_kvm(&a->ldt, &sregs.ldt);
    a->gdt = (X86Table){ .base = sregs.gdt.base, .limit = sregs.gdt.limit };
    a->idt = (X86Table){ .base = sregs.idt.base, .limit = sregs.idt.limit };
    a->cr0 = sregs.cr0;
    a->cr2 = sregs.cr2;
    a->cr3 = sregs.cr3;
    a->cr4 = sregs.cr4;
    a->cr8 = sregs.cr8;
    a->efer = sregs.efer;
    a->apic_base = sregs.apic_base;
    /*
     * X86MpState has no "halted": a halted vCPU reads back as runnable
     * (it re-executes nothing; HLT already retired, so it just runs on).
     */
    a->mp_state = mp.mp_state == KVM_MP_STATE_INIT_RECEIVED
                      ? X86_MP_WAIT_SIPI
                      : X86_MP_RUNNABLE;
    return 0;
}
