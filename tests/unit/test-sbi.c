/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The built-in SBI's dispatch: registers in, registers out, and the hart,
 * machine and console calls it makes. Those calls are defined here (a
 * link seam) and recorded; no CPU runs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "devices/serial-16550.h"
#include "io/chardev.h"
#include "machines/virt/sbi.h"
#include "util/machine-lock.h"

#define NR_HARTS 3
#define RAM_BASE 0x80000000ull
#define RAM_SIZE (128ull << 20)

/* ---- recorded calls ---------------------------------------------------- */

static uint64_t stimer[NR_HARTS];
static unsigned stimer_calls;
static unsigned ssip[NR_HARTS];
static unsigned tlb_flushes[NR_HARTS];
static unsigned stops[NR_HARTS];
static struct { unsigned calls, hartid; uint64_t pc, opaque; } starts[NR_HARTS];
static ShutdownCause shutdown_cause;
static int shutdown_status;
static unsigned resets;
static char console_out[64];
static size_t console_len;
static int console_in = -1;
static bool lock_held;

void riscv_hart_set_stimer(CPU *cpu, uint64_t deadline)
{
    stimer[cpu->index] = deadline;
    stimer_calls++;
}

void riscv_hart_raise_ssip(CPU *cpu)
{
    ssip[cpu->index]++;
}

void riscv_hart_flush_tlb(CPU *cpu)
{
    tlb_flushes[cpu->index]++;
}

/* The harts' HSM states as hart.c keeps them: hart 0 runs at boot. */
static int hsm[NR_HARTS] = { RISCV_HSM_STARTED, RISCV_HSM_STOPPED,
                             RISCV_HSM_STOPPED };

bool riscv_hart_stop(CPU *cpu)
{
    if (hsm[cpu->index] != RISCV_HSM_STARTED) {
        return false;
    }
    hsm[cpu->index] = RISCV_HSM_STOPPED;
    stops[cpu->index]++;
    return true;
}

bool riscv_hart_start(CPU *cpu, unsigned hartid, uint64_t pc, uint64_t opaque)
{
    if (hsm[cpu->index] != RISCV_HSM_STOPPED) {
        return false;
    }
    /* the hart thread's side (start pending -> started) at once */
    hsm[cpu->index] = RISCV_HSM_STARTED;
    starts[cpu->index].calls++;
    starts[cpu->index].hartid = hartid;
    starts[cpu->index].pc = pc;
    starts[cpu->index].opaque = opaque;
    return true;
}

int riscv_hart_hsm_status(CPU *cpu)
{
    return hsm[cpu->index];
}

void machine_request_shutdown(Machine *m, ShutdownCause cause, int status)
{
    shutdown_cause = cause;
    shutdown_status = status;
}

void machine_request_reset(Machine *m)
{
    resets++;
}

void machine_lock(void)
{
    assert_false(lock_held);
    lock_held = true;
}

void machine_unlock(void)
{
    assert_true(lock_held);
    lock_held = false;
}

bool machine_lock_held(void)
{
    return lock_held;
}

static char fake_chr_storage, fake_uart_storage;
#define FAKE_CHR ((Chardev *)&fake_chr_storage)
#define FAKE_UART ((Serial16550 *)&fake_uart_storage)

void chardev_write(Chardev *chr, const uint8_t *buf, size_t len)
{
    assert_ptr_equal(chr, FAKE_CHR);
    assert_true(lock_held);
    for (size_t i = 0; i < len && console_len < sizeof(console_out) - 1; i++) {
        console_out[console_len++] = buf[i];
    }
}

int serial16550_console_getchar(Serial16550 *s)
{
    int c = console_in;

    assert_ptr_equal(s, FAKE_UART);
    assert_true(lock_held);
    console_in = -1;
    return c;
}

/* ---- harness ----------------------------------------------------------- */

static Machine machine;
static CPU cpus[NR_HARTS];
static CPU *harts[NR_HARTS];
static CPURISCVState env;
static RiscvSbi sbi;

enum { A0 = 10, A1, A2, A3, A4, A5, A6, A7 };

static int setup(void **state)
{
    memset(stimer, 0, sizeof(stimer));
    stimer_calls = 0;
    memset(ssip, 0, sizeof(ssip));
    memset(tlb_flushes, 0, sizeof(tlb_flushes));
    memset(stops, 0, sizeof(stops));
    memset(starts, 0, sizeof(starts));
    for (unsigned i = 0; i < NR_HARTS; i++) {
        hsm[i] = i == 0 ? RISCV_HSM_STARTED : RISCV_HSM_STOPPED;
    }
    shutdown_cause = SHUTDOWN_NONE;
    shutdown_status = -1;
    resets = 0;
    console_len = 0;
    memset(console_out, 0, sizeof(console_out));
    console_in = -1;
    for (unsigned i = 0; i < NR_HARTS; i++) {
        cpus[i].index = i;
        harts[i] = &cpus[i];
    }
    riscv_sbi_init(&sbi, &machine, harts, NR_HARTS, RAM_BASE, RAM_SIZE,
                   FAKE_UART, FAKE_CHR);
    return 0;
}

static int teardown(void **state)
{
    return 0;
}

/* One ECALL from hart: a0..a5 arguments; returns a0, *value gets a1. */
static int64_t ecall(unsigned hart, uint64_t eid, uint64_t fid,
                     uint64_t a0, uint64_t a1, uint64_t a2, uint64_t *value)
{
    memset(&env, 0, sizeof(env));
    env.gpr[A7] = eid;
    env.gpr[A6] = fid;
    env.gpr[A0] = a0;
    env.gpr[A1] = a1;
    env.gpr[A2] = a2;
    env.gpr[A5] = 0x5555;   /* must survive */
    riscv_sbi_ecall(&cpus[hart], &env, &sbi);
    assert_int_equal(env.gpr[A5], 0x5555);
    assert_false(lock_held);
    if (value) {
        *value = env.gpr[A1];
    }
    return (int64_t)env.gpr[A0];
}

/* ---- tests ------------------------------------------------------------- */

static void test_base(void **state)
{
    uint64_t v;

    assert_int_equal(ecall(0, SBI_EXT_BASE, 0, 0, 0, 0, &v), SBI_SUCCESS);
    assert_int_equal(v, 0x01000000);      /* v1.0 */
    assert_int_equal(ecall(0, SBI_EXT_BASE, 1, 0, 0, 0, &v), SBI_SUCCESS);
    assert_int_equal(v, SBI_IMPL_ID_JANUS);
    assert_int_equal(ecall(0, SBI_EXT_BASE, 2, 0, 0, 0, &v), SBI_SUCCESS);
    assert_int_equal(v, SBI_IMPL_VERSION);
    for (uint64_t fid = 4; fid <= 6; fid++) {
        v = 99;
        assert_int_equal(ecall(0, SBI_EXT_BASE, fid, 0, 0, 0, &v), SBI_SUCCESS);
        assert_int_equal(v, 0);
    }
    assert_int_equal(ecall(0, SBI_EXT_BASE, 7, 0, 0, 0, &v),
                     SBI_ERR_NOT_SUPPORTED);
}

static void test_probe_extension(void **state)
{
    static const uint64_t present[] = {
        SBI_EXT_BASE, SBI_EXT_TIME, SBI_EXT_IPI, SBI_EXT_RFENCE, SBI_EXT_HSM,
        SBI_EXT_SRST, 0x00, 0x01, 0x02, 0x08,
    };
    static const uint64_t absent[] = {
        0x4442434e /* DBCN */, 0x504d55 /* PMU */, 0x53555350 /* SUSP */,
        0x03, 0x04, 0x12345678,
    };
    uint64_t v;

    for (size_t i = 0; i < sizeof(present) / sizeof(present[0]); i++) {
        assert_int_equal(ecall(0, SBI_EXT_BASE, 3, present[i], 0, 0, &v), 0);
        assert_int_equal(v, 1);
    }
    for (size_t i = 0; i < sizeof(absent) / sizeof(absent[0]); i++) {
        assert_int_equal(ecall(0, SBI_EXT_BASE, 3, absent[i], 0, 0, &v), 0);
        assert_int_equal(v, 0);
    }
}

static void test_unknown_extension(void **state)
{
    uint64_t v = 7;

    assert_int_equal(ecall(1, 0x4442434e, 0, 0, 0, 0, &v),
                     SBI_ERR_NOT_SUPPORTED);
    assert_int_equal(v, 0);
    assert_int_equal(ecall(1, SBI_EXT_TIME, 1, 0, 0, 0, NULL),
                     SBI_ERR_NOT_SUPPORTED);
    assert_int_equal(ecall(1, SBI_EXT_IPI, 1, 0, 0, 0, NULL),
                     SBI_ERR_NOT_SUPPORTED);
    assert_int_equal(ecall(1, SBI_EXT_SRST, 1, 0, 0, 0, NULL),
                     SBI_ERR_NOT_SUPPORTED);
}

static void test_set_timer(void **state)
{
    assert_int_equal(ecall(2, SBI_EXT_TIME, 0, 123456789, 0, 0, NULL), 0);
    assert_int_equal(stimer[2], 123456789);
    assert_int_equal(stimer[0], 0);
    /* legacy set_timer, result in a0 only */
    assert_int_equal(ecall(1, 0x00, 0, UINT64_MAX, 0, 0, NULL), 0);
    assert_int_equal(stimer[1], UINT64_MAX);
    assert_int_equal(stimer_calls, 2);
}

static void test_send_ipi(void **state)
{
    assert_int_equal(ecall(0, SBI_EXT_IPI, 0, 0x5, 0, 0, NULL), 0);
    assert_int_equal(ssip[0], 1);
    assert_int_equal(ssip[1], 0);
    assert_int_equal(ssip[2], 1);
    /* mask relative to base 1: bit 1 is hart 2 */
    assert_int_equal(ecall(0, SBI_EXT_IPI, 0, 0x2, 1, 0, NULL), 0);
    assert_int_equal(ssip[2], 2);
    /* base -1: every hart */
    assert_int_equal(ecall(0, SBI_EXT_IPI, 0, 0, UINT64_MAX, 0, NULL), 0);
    assert_int_equal(ssip[0], 2);
    assert_int_equal(ssip[1], 1);
    assert_int_equal(ssip[2], 3);
    /* a hart that does not exist: nothing is sent */
    assert_int_equal(ecall(0, SBI_EXT_IPI, 0, 0x9, 0, 0, NULL),
                     SBI_ERR_INVALID_PARAM);
    assert_int_equal(ssip[0], 2);
}

static void test_rfence(void **state)
{
    assert_int_equal(ecall(0, SBI_EXT_RFENCE, 1, 0x6, 0, 0, NULL), 0);
    assert_int_equal(tlb_flushes[0], 0);
    assert_int_equal(tlb_flushes[1], 1);
    assert_int_equal(tlb_flushes[2], 1);
    assert_int_equal(ecall(0, SBI_EXT_RFENCE, 2, 0, UINT64_MAX, 0, NULL), 0);
    assert_int_equal(tlb_flushes[0], 1);
    assert_int_equal(tlb_flushes[2], 2);
    /* fence.i: validated, nothing to flush */
    assert_int_equal(ecall(0, SBI_EXT_RFENCE, 0, 0x7, 0, 0, NULL), 0);
    assert_int_equal(ecall(0, SBI_EXT_RFENCE, 0, 0x8, 0, 0, NULL),
                     SBI_ERR_INVALID_PARAM);
    assert_int_equal(tlb_flushes[1], 2);
    /* hypervisor fences: no H extension */
    assert_int_equal(ecall(0, SBI_EXT_RFENCE, 3, 1, 0, 0, NULL),
                     SBI_ERR_NOT_SUPPORTED);
}

static void test_hsm(void **state)
{
    uint64_t v;

    assert_int_equal(ecall(0, SBI_EXT_HSM, 2, 0, 0, 0, &v), 0);
    assert_int_equal(v, SBI_HSM_STARTED);
    assert_int_equal(ecall(0, SBI_EXT_HSM, 2, 1, 0, 0, &v), 0);
    assert_int_equal(v, SBI_HSM_STOPPED);
    assert_int_equal(ecall(0, SBI_EXT_HSM, 2, 3, 0, 0, &v),
                     SBI_ERR_INVALID_PARAM);

    /* start hart 1 at a RAM address with an opaque value */
    assert_int_equal(ecall(0, SBI_EXT_HSM, 0, 1, RAM_BASE + 0x1000, 0xabc,
                           NULL), 0);
    assert_int_equal(starts[1].calls, 1);
    assert_int_equal(starts[1].hartid, 1);
    assert_int_equal(starts[1].pc, RAM_BASE + 0x1000);
    assert_int_equal(starts[1].opaque, 0xabc);
    assert_int_equal(ecall(0, SBI_EXT_HSM, 2, 1, 0, 0, &v), 0);
    assert_int_equal(v, SBI_HSM_STARTED);
    /* again: already running */
    assert_int_equal(ecall(0, SBI_EXT_HSM, 0, 1, RAM_BASE, 0, NULL),
                     SBI_ERR_ALREADY_AVAILABLE);
    assert_int_equal(starts[1].calls, 1);
    /* outside RAM, or no such hart */
    assert_int_equal(ecall(0, SBI_EXT_HSM, 0, 2, 0x1000, 0, NULL),
                     SBI_ERR_INVALID_ADDRESS);
    assert_int_equal(ecall(0, SBI_EXT_HSM, 0, 2, RAM_BASE + RAM_SIZE, 0, NULL),
                     SBI_ERR_INVALID_ADDRESS);
    assert_int_equal(ecall(0, SBI_EXT_HSM, 0, 9, RAM_BASE, 0, NULL),
                     SBI_ERR_INVALID_PARAM);
    assert_int_equal(starts[2].calls, 0);

    /* hart 1 stops itself; then it can be started again */
    assert_int_equal(ecall(1, SBI_EXT_HSM, 1, 0, 0, 0, NULL), 0);
    assert_int_equal(stops[1], 1);
    assert_int_equal(ecall(0, SBI_EXT_HSM, 2, 1, 0, 0, &v), 0);
    assert_int_equal(v, SBI_HSM_STOPPED);
    assert_int_equal(ecall(0, SBI_EXT_HSM, 0, 1, RAM_BASE, 0, NULL), 0);
    assert_int_equal(starts[1].calls, 2);
    /* suspend is not offered (no idle states in the device tree) */
    assert_int_equal(ecall(0, SBI_EXT_HSM, 3, 0, 0, 0, NULL),
                     SBI_ERR_NOT_SUPPORTED);
    /* a hart that is not running cannot stop (the SBI state is the
     * hart's own, so the two cannot disagree) */
    assert_int_equal(ecall(2, SBI_EXT_HSM, 1, 0, 0, 0, NULL), SBI_ERR_FAILED);
    assert_int_equal(stops[2], 0);
    assert_int_equal(ecall(0, SBI_EXT_HSM, 2, 2, 0, 0, &v), 0);
    assert_int_equal(v, SBI_HSM_STOPPED);
}

static void test_srst(void **state)
{
    assert_int_equal(ecall(0, SBI_EXT_SRST, 0, 1, 0, 0, NULL), 0);
    assert_int_equal(resets, 1);
    assert_int_equal(ecall(0, SBI_EXT_SRST, 0, 2, 0, 0, NULL), 0);
    assert_int_equal(resets, 2);
    assert_int_equal(shutdown_cause, SHUTDOWN_NONE);
    assert_int_equal(ecall(0, SBI_EXT_SRST, 0, 3, 0, 0, NULL),
                     SBI_ERR_INVALID_PARAM);
    assert_int_equal(ecall(0, SBI_EXT_SRST, 0, 0xf0000000, 0, 0, NULL),
                     SBI_ERR_NOT_SUPPORTED);
    assert_int_equal(ecall(0, SBI_EXT_SRST, 0, 0, 0, 0, NULL), 0);
    assert_int_equal(shutdown_cause, SHUTDOWN_GUEST_POWEROFF);
    assert_int_equal(shutdown_status, 0);
}

static void test_legacy_console_and_shutdown(void **state)
{
    uint64_t a1;

    assert_int_equal(ecall(0, 0x01, 0, 'o', 0x77, 0, &a1), 0);
    assert_int_equal(a1, 0x77);          /* legacy calls leave a1 alone */
    assert_int_equal(ecall(0, 0x01, 0, 'k', 0, 0, NULL), 0);
    assert_string_equal(console_out, "ok");
    assert_int_equal(ecall(0, 0x02, 0, 0, 0, 0, NULL), -1);
    console_in = 'x';
    assert_int_equal(ecall(0, 0x02, 0, 0, 0, 0, NULL), 'x');
    assert_int_equal(ecall(0, 0x02, 0, 0, 0, 0, NULL), -1);
    /* a caller already holding the machine lock is not deadlocked */
    lock_held = true;
    memset(&env, 0, sizeof(env));
    env.gpr[A7] = 0x01;
    env.gpr[A0] = '!';
    riscv_sbi_ecall(&cpus[0], &env, &sbi);
    assert_true(lock_held);
    lock_held = false;
    assert_string_equal(console_out, "ok!");
    /* legacy IPI and fences are not offered */
    assert_int_equal(ecall(0, 0x04, 0, 0, 0, 0, NULL), SBI_ERR_NOT_SUPPORTED);
    assert_int_equal(ssip[0] + ssip[1] + ssip[2], 0);
    assert_int_equal(ecall(0, 0x08, 0, 0, 0, 0, NULL), 0);
    assert_int_equal(shutdown_cause, SHUTDOWN_GUEST_POWEROFF);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_base, setup, teardown),
        cmocka_unit_test_setup_teardown(test_probe_extension, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_extension, setup, teardown),
        cmocka_unit_test_setup_teardown(test_set_timer, setup, teardown),
        cmocka_unit_test_setup_teardown(test_send_ipi, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rfence, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hsm, setup, teardown),
        cmocka_unit_test_setup_teardown(test_srst, setup, teardown),
        cmocka_unit_test_setup_teardown(test_legacy_console_and_shutdown, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
