/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Shared by the x86 front-end unit tests that run guest code under TCG
 * (test-x86-insns.c, test-x86-sse-int.c, test-x86-x87.c): one vCPU with
 * x86_64_tcg_ops, made once, and a group of tests run under the
 * interpreter and then, where it can run, the x86-64 back end.
 */
#ifndef TESTS_UNIT_X86_TCG_TEST_H
#define TESTS_UNIT_X86_TCG_TEST_H

#include <stdbool.h>
#include <stdio.h>
#include <cmocka.h>

#include "accel/tcg/tcg-internal.h"
#include "cpu/x86/cpu.h"

/* The test's vCPU (made by the first setup) and what to do once then. */
static CPU *x86_tcg_test_cpu;
static X86CPUState *x86_tcg_test_env;
static void (*x86_tcg_test_created)(void);

static int x86_tcg_test_setup(TCGBackendKind k)
{
    static bool done;

    if (!done) {
        done = true;
        x86_tcg_test_cpu->arch = x86_tcg_test_env;
        if (tcg_cpu_init(x86_tcg_test_cpu, &x86_64_tcg_ops) < 0) {
            return -1;
        }
        if (x86_tcg_test_created) {
            x86_tcg_test_created();
        }
    }
    return tcg_backend_select(k);
}

static int x86_tcg_test_setup_interp(void **state)
{
    (void)state;
    return x86_tcg_test_setup(TCG_BACKEND_INTERP);
}

static int x86_tcg_test_setup_x86(void **state)
{
    (void)state;
    return x86_tcg_test_setup(TCG_BACKEND_X86_64);
}

/*
 * Run tests (an array) as group "name (interp)" and "name (x86_64)" on
 * vCPU cpu with state env; created (may be NULL) runs once the vCPU
 * exists.
 */
#define x86_tcg_test_run_both(name, tests, cpu, env, created) \
    x86_tcg_test_run_both_n((name), (tests), \
                            sizeof(tests) / sizeof((tests)[0]), \
                            (cpu), (env), (created))

static int x86_tcg_test_run_both_n(const char *name,
                                   const struct CMUnitTest *tests, size_t n,
                                   CPU *cpu, X86CPUState *env,
                                   void (*created)(void))
{
    char group[128];
    int r;

    x86_tcg_test_cpu = cpu;
    x86_tcg_test_env = env;
    x86_tcg_test_created = created;
    snprintf(group, sizeof(group), "%s (interp)", name);
    r = _cmocka_run_group_tests(group, tests, n, x86_tcg_test_setup_interp,
                                NULL);
    if (tcg_x86_available()) {
        snprintf(group, sizeof(group), "%s (x86_64)", name);
        r |= _cmocka_run_group_tests(group, tests, n,
                                     x86_tcg_test_setup_x86, NULL);
    } else {
        printf("%s: x86_64 back end unavailable: SKIPPED for it\n", name);
    }
    return r;
}

#endif
