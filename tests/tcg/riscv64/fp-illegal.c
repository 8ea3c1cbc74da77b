/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Reserved rounding modes: an FP instruction with rm 5 or 6, or with
 * rm 7 (dynamic) while frm holds 5, 6 or 7, is an illegal instruction.
 * Each case runs in a forked child that must die of SIGILL (no handler:
 * the default action), and a valid case must survive.
 */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fp.h"

static void case_run(int c)
{
    double x = 1.0;
    float y = 1.0f;
    uint64_t r;

    switch (c) {
    case 0: /* fadd.d ft0, ft0, ft0, rm 5 */
        __asm__ volatile(".insn r 0x53, 5, 0x01, ft0, ft0, ft0");
        break;
    case 1: /* fmul.s ft0, ft0, ft0, rm 6 */
        __asm__ volatile(".insn r 0x53, 6, 0x08, ft0, ft0, ft0");
        break;
    case 2: /* fmadd.d ft0, ft0, ft0, ft0, rm 5 */
        __asm__ volatile(".insn r4 0x43, 5, 1, ft0, ft0, ft0, ft0");
        break;
    case 3: /* fcvt.w.d a0, ft0, rm 6 */
        __asm__ volatile(".insn r 0x53, 6, 0x61, a0, ft0, x0" ::: "a0");
        break;
    case 4: /* fcvt.d.w ft0, a0, rm 5 (exact, but the field is still checked) */
        __asm__ volatile(".insn r 0x53, 5, 0x69, ft0, a0, x0");
        break;
    case 5:
        __asm__ volatile("fsrmi 5\n\tfadd.d %0, %0, %0, dyn" : "+f"(x));
        break;
    case 6:
        __asm__ volatile("fsrmi 6\n\tfsqrt.s %0, %0, dyn" : "+f"(y));
        break;
    case 7:
        __asm__ volatile("fsrmi 7\n\tfcvt.l.d %0, %1, dyn" : "=r"(r) : "f"(x));
        break;
    case 8:
        __asm__ volatile("fsrmi 7\n\tfcvt.s.d %0, %1, dyn" : "=f"(y) : "f"(x));
        break;
    default: /* valid: dynamic rm with frm = RMM, static rm 4 */
        __asm__ volatile("fsrmi 4\n\tfadd.d %0, %0, %0, dyn\n\t"
                         "fadd.d %0, %0, %0, rmm" : "+f"(x));
        break;
    }
}

static int case_status(int c)
{
    int status = -1;
    pid_t pid;

    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        case_run(c);
        _exit(0);
    }
    if (pid < 0 || waitpid(pid, &status, 0) != pid) {
        return -1;
    }
    return status;
}

int main(void)
{
    for (int c = 0; c < 9; c++) {
        int st = case_status(c);

        CHECK(WIFSIGNALED(st) ? WTERMSIG(st) : 1000 + st, SIGILL);
    }
    CHECK(case_status(9), 0);
    check_group("reserved rounding modes");
    return check_finish();
}
