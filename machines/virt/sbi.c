/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Built-in SBI, v1.0 calling convention: a7 extension ID, a6 function ID,
 * arguments a0-a5; the result is the pair a0 (error) / a1 (value). The
 * legacy extensions (0x00-0x0f) return only a0. Runs on the calling
 * hart's thread without the machine lock: hart-side effects go through
 * hart.h (any thread), device state is touched with the lock taken.
 */
#include "machines/virt/sbi.h"

#include <stdlib.h>

#include "devices/serial-16550.h"
#include "io/chardev.h"
#include "util/cutils.h"
#include "util/machine-lock.h"

enum { REG_A0 = 10, REG_A1, REG_A2, REG_A3, REG_A4, REG_A5, REG_A6, REG_A7 };

typedef struct SbiRet {
    int64_t error;
    uint64_t value;
} SbiRet;

static SbiRet sbi_ret(int64_t error, uint64_t value)
{
    return (SbiRet){ .error = error, .value = value };
}

static bool sbi_extension_present(uint64_t eid)
{
    switch (eid) {
    case SBI_EXT_LEGACY_SET_TIMER:
    case SBI_EXT_LEGACY_CONSOLE_PUTCHAR:
    case SBI_EXT_LEGACY_CONSOLE_GETCHAR:
    case SBI_EXT_LEGACY_SHUTDOWN:
    case SBI_EXT_BASE:
    case SBI_EXT_TIME:
    case SBI_EXT_IPI:
    case SBI_EXT_RFENCE:
    case SBI_EXT_HSM:
    case SBI_EXT_SRST:
        return true;
    default:
        return false;
    }
}

static SbiRet sbi_base(uint64_t fid, uint64_t a0)
{
    switch (fid) {
    case 0: /* get_spec_version */
        return sbi_ret(SBI_SUCCESS, SBI_SPEC_VERSION);
    case 1: /* get_impl_id */
        return sbi_ret(SBI_SUCCESS, SBI_IMPL_ID_JANUS);
    case 2: /* get_impl_version */
        return sbi_ret(SBI_SUCCESS, SBI_IMPL_VERSION);
    case 3: /* probe_extension: 1 present, 0 absent */
        return sbi_ret(SBI_SUCCESS, sbi_extension_present(a0));
    case 4: /* get_mvendorid */
    case 5: /* get_marchid */
    case 6: /* get_mimpid */
        /* The harts report 0 in these CSRs: not a commercial design. */
        return sbi_ret(SBI_SUCCESS, 0);
    default:
        return sbi_ret(SBI_ERR_NOT_SUPPORTED, 0);
    }
}

/*
 * The harts a (hart_mask, hart_mask_base) pair names, as a callback per
 * hart; base -1 means every hart. An id without a hart is invalid.
 */
static SbiRet sbi_for_each_hart(RiscvSbi *sbi, uint64_t mask, uint64_t base,
                                void (*fn)(CPU *cpu))
{
    if (base == UINT64_MAX) {
        for (unsigned i = 0; i < sbi->nr_harts; i++) {
            fn(sbi->harts[i]);
        }
        return sbi_ret(SBI_SUCCESS, 0);
    }
    /* Check the whole mask before acting on any hart. */
    for (unsigned bit = 0; bit < 64; bit++) {
        if ((mask >> bit) & 1) {
            if (base + bit < base || base + bit >= sbi->nr_harts) {
                return sbi_ret(SBI_ERR_INVALID_PARAM, 0);
            }
        }
    }
    for (unsigned bit = 0; bit < 64; bit++) {
        if ((mask >> bit) & 1) {
            fn(sbi->harts[base + bit]);
        }
    }
    return sbi_ret(SBI_SUCCESS, 0);
}

/*
 * remote_fence_i needs no action on the targets: translated code is kept
 * coherent with guest stores by the translator's self-modifying-code
 * detection, which every hart shares, so a FENCE.I on any hart is a no-op.
 */
static void sbi_fence_i_nothing(CPU *cpu)
{
}

static SbiRet sbi_rfence(RiscvSbi *sbi, uint64_t fid, const uint64_t *a)
{
    switch (fid) {
    case 0: /* remote_fence_i */
        return sbi_for_each_hart(sbi, a[0], a[1], sbi_fence_i_nothing);
    case 1: /* remote_sfence_vma(start, size): all of it is a superset */
    case 2: /* remote_sfence_vma_asid(start, size, asid) */
        return sbi_for_each_hart(sbi, a[0], a[1], riscv_hart_flush_tlb);
    default:
        /* 3-6 are the hypervisor fences: no H extension. */
        return sbi_ret(SBI_ERR_NOT_SUPPORTED, 0);
    }
}

/* hart_get_status reports the hart's own state as it is. */
_Static_assert((int)SBI_HSM_STARTED == (int)RISCV_HSM_STARTED &&
               (int)SBI_HSM_STOPPED == (int)RISCV_HSM_STOPPED &&
               (int)SBI_HSM_START_PENDING == (int)RISCV_HSM_START_PENDING,
               "SBI HSM states are the hart's");

static SbiRet sbi_hsm(RiscvSbi *sbi, CPU *cpu, uint64_t fid, const uint64_t *a)
{
    uint64_t hartid = a[0];

    switch (fid) {
    case 0: /* hart_start(hartid, start_addr, opaque) */
        if (hartid >= sbi->nr_harts) {
            return sbi_ret(SBI_ERR_INVALID_PARAM, 0);
        }
        if (a[1] < sbi->ram_base || a[1] - sbi->ram_base >= sbi->ram_size) {
            return sbi_ret(SBI_ERR_INVALID_ADDRESS, 0);
        }
        if (!riscv_hart_start(sbi->harts[hartid], hartid, a[1], a[2])) {
            return sbi_ret(SBI_ERR_ALREADY_AVAILABLE, 0);
        }
        return sbi_ret(SBI_SUCCESS, 0);
    case 1: /* hart_stop(): the calling hart */
        if (!riscv_hart_stop(cpu)) {
            return sbi_ret(SBI_ERR_FAILED, 0);
        }
        return sbi_ret(SBI_SUCCESS, 0);
    case 2: /* hart_get_status(hartid) */
        if (hartid >= sbi->nr_harts) {
            return sbi_ret(SBI_ERR_INVALID_PARAM, 0);
        }
        return sbi_ret(SBI_SUCCESS,
                       (uint64_t)riscv_hart_hsm_status(sbi->harts[hartid]));
    default:
        /*
         * hart_suspend: Linux only calls it for idle states the device
         * tree lists, and this board lists none.
         */
        return sbi_ret(SBI_ERR_NOT_SUPPORTED, 0);
    }
}

static SbiRet sbi_srst(RiscvSbi *sbi, uint64_t fid, uint64_t type)
{
    if (fid != 0) {
        return sbi_ret(SBI_ERR_NOT_SUPPORTED, 0);
    }
    /*
     * On success the call does not return: the request stops every hart
     * (this one at once, through its kick) before the guest runs again.
     */
    switch (type) {
    case 0: /* shutdown */
        machine_lock();
        machine_request_shutdown(sbi->machine, SHUTDOWN_GUEST_POWEROFF, 0);
        machine_unlock();
        return sbi_ret(SBI_SUCCESS, 0);
    case 1: /* cold reboot */
    case 2: /* warm reboot: the same on this board */
        machine_lock();
        machine_request_reset(sbi->machine);
        machine_unlock();
        return sbi_ret(SBI_SUCCESS, 0);
    default:
        return sbi_ret(type >= 0xf0000000u && type <= 0xffffffffu ?
                       SBI_ERR_NOT_SUPPORTED : SBI_ERR_INVALID_PARAM, 0);
    }
}

/* The console belongs to the machine lock; take it unless already held. */
static bool sbi_lock(void)
{
    if (machine_lock_held()) {
        return false;
    }
    machine_lock();
    return true;
}

static void sbi_unlock(bool taken)
{
    if (taken) {
        machine_unlock();
    }
}

static void sbi_console_putchar(RiscvSbi *sbi, uint8_t c)
{
    if (sbi->console_chr) {
        bool taken = sbi_lock();

        chardev_write(sbi->console_chr, &c, 1);
        sbi_unlock(taken);
    }
}

static int sbi_console_getchar(RiscvSbi *sbi)
{
    int c = -1;

    if (sbi->console) {
        bool taken = sbi_lock();

        c = serial16550_console_getchar(sbi->console);
        sbi_unlock(taken);
    }
    return c;
}

/* The legacy (v0.1) calls: the result is a0 alone. */
static bool sbi_legacy(RiscvSbi *sbi, CPU *cpu, uint64_t eid, uint64_t a0,
                       int64_t *ret)
{
    switch (eid) {
    case SBI_EXT_LEGACY_SET_TIMER:
        riscv_hart_set_stimer(cpu, a0);
        *ret = 0;
        return true;
    case SBI_EXT_LEGACY_CONSOLE_PUTCHAR:
        sbi_console_putchar(sbi, a0);
        *ret = 0;
        return true;
    case SBI_EXT_LEGACY_CONSOLE_GETCHAR:
        *ret = sbi_console_getchar(sbi);
        return true;
    case SBI_EXT_LEGACY_SHUTDOWN:
        machine_request_shutdown(sbi->machine, SHUTDOWN_GUEST_POWEROFF, 0);
        *ret = 0;
        return true;
    default:
        if (eid <= 0x0f) {
            /* clear_ipi, send_ipi, remote fences: superseded in v0.2 */
            *ret = SBI_ERR_NOT_SUPPORTED;
            return true;
        }
        return false;
    }
}

void riscv_sbi_ecall(CPU *cpu, CPURISCVState *env, void *opaque)
{
    RiscvSbi *sbi = opaque;
    uint64_t eid = env->gpr[REG_A7];
    uint64_t fid = env->gpr[REG_A6];
    const uint64_t *a = &env->gpr[REG_A0];
    int64_t legacy;
    SbiRet r;

    if (sbi_legacy(sbi, cpu, eid, a[0], &legacy)) {
        env->gpr[REG_A0] = legacy;
        return;
    }
    switch (eid) {
    case SBI_EXT_BASE:
        r = sbi_base(fid, a[0]);
        break;
    case SBI_EXT_TIME:
        if (fid == 0) {
            riscv_hart_set_stimer(cpu, a[0]);
            r = sbi_ret(SBI_SUCCESS, 0);
        } else {
            r = sbi_ret(SBI_ERR_NOT_SUPPORTED, 0);
        }
        break;
    case SBI_EXT_IPI:
        r = fid == 0 ? sbi_for_each_hart(sbi, a[0], a[1], riscv_hart_raise_ssip)
                     : sbi_ret(SBI_ERR_NOT_SUPPORTED, 0);
        break;
    case SBI_EXT_RFENCE:
        r = sbi_rfence(sbi, fid, a);
        break;
    case SBI_EXT_HSM:
        r = sbi_hsm(sbi, cpu, fid, a);
        break;
    case SBI_EXT_SRST:
        r = sbi_srst(sbi, fid, a[0]);
        break;
    default:
        r = sbi_ret(SBI_ERR_NOT_SUPPORTED, 0);
        break;
    }
    env->gpr[REG_A0] = (uint64_t)r.error;
    env->gpr[REG_A1] = r.value;
}

void riscv_sbi_init(RiscvSbi *sbi, Machine *m, CPU **harts, unsigned nr_harts,
                    uint64_t ram_base, uint64_t ram_size,
                    Serial16550 *console, Chardev *console_chr)
{
    sbi->machine = m;
    sbi->harts = harts;
    sbi->nr_harts = nr_harts;
    sbi->ram_base = ram_base;
    sbi->ram_size = ram_size;
    sbi->console = console;
    sbi->console_chr = console_chr;
}
