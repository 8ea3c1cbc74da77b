/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * x86-insns: runs groups of x86-64 instruction forms over edge-case
 * operands and prints one line per case. Usage:
 *   x86-insns GROUP...   run these groups (`all`: every group this CPU has)
 *   x86-insns --list     print the groups whose CPUID features this CPU has
 * A group whose feature is missing prints "skipped: no FEATURE" and exits 2,
 * so a comparison only runs groups both CPUs (real and emulated) report.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <cpuid.h>
#include <signal.h>

#include "x86-insns.h"

unsigned long case_count;

static char strbuf[8][64];
static unsigned strbuf_next;

static char *scratch(void)
{
    return strbuf[strbuf_next++ % 8];
}

const char *flags_str(uint64_t fl, uint32_t undefined)
{
    static const struct { uint32_t bit; char name; } order[] = {
        { F_CF, 'C' }, { F_PF, 'P' }, { F_AF, 'A' },
        { F_ZF, 'Z' }, { F_SF, 'S' }, { F_OF, 'O' },
    };
    char *s = scratch();
    for (unsigned i = 0; i < 6; i++) {
        s[i] = (undefined & order[i].bit) ? '?'
             : (fl & order[i].bit) ? order[i].name : '-';
    }
    s[6] = 0;
    return s;
}

const char *hexw(uint64_t v, unsigned width)
{
    char *s = scratch();
    snprintf(s, 64, "%0*llx", (int)(width / 4),
             (unsigned long long)(v & width_mask(width)));
    return s;
}

const char *hex128(const V128 *v)
{
    char *s = scratch();
    snprintf(s, 64, "%016llx_%016llx", (unsigned long long)v->q[1],
             (unsigned long long)v->q[0]);
    return s;
}

void out(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
    case_count++;
}

const char *fmt(const char *f, ...)
{
    static char buf[8][128];
    static unsigned next;
    char *s = buf[next++ % 8];
    va_list ap;
    va_start(ap, f);
    vsnprintf(s, 128, f, ap);
    va_end(ap);
    return s;
}

static const char *sig_name(int sig)
{
    switch (sig) {
    case SIGFPE: return "SIGFPE";
    case SIGILL: return "SIGILL";
    case SIGSEGV: return "SIGSEGV";
    case SIGBUS: return "SIGBUS";
    case SIGTRAP: return "SIGTRAP";
    default: return "SIG?";
    }
}

static GprFn current_gpr_fn;

static void gpr_trampoline(void *g)
{
    current_gpr_fn(g);
}

static void put_regs(char *line, size_t size, const struct gpr *g,
                     unsigned regs, int out)
{
    size_t n = strlen(line);
    static const char names[] = "abcd";
    const uint64_t v[4] = { g->a, g->b, g->c, g->d };
    for (unsigned i = 0; i < 4; i++) {
        if (!(regs & (1u << i))) {
            continue;
        }
        if (i == 0 && out && (regs & R_A_UNDEF)) {
            n += snprintf(line + n, size - n, " a=?");
        } else {
            n += snprintf(line + n, size - n, " %c=%016llx", names[i],
                          (unsigned long long)v[i]);
        }
    }
    if (regs & (R_M | R_M4)) {
        n += snprintf(line + n, size - n, " m=%016llx",
                      (unsigned long long)g->m[0]);
    }
    if (regs & R_M4) {
        for (unsigned i = 1; i < 4; i++) {
            n += snprintf(line + n, size - n, ":%016llx",
                          (unsigned long long)g->m[i]);
        }
    }
}

void gpr_case(const char *name, GprFn fn, const struct gpr *in,
              unsigned regs, uint32_t undef)
{
    struct gpr g = *in;
    char line[640];
    int code, sig;
    uint64_t rip, addr;

    snprintf(line, sizeof(line), "%s", name);
    put_regs(line, sizeof(line), in, regs, 0);
    if (regs & R_FL) {
        size_t n = strlen(line);
        snprintf(line + n, sizeof(line) - n, " fl=%s", flags_str(in->fl, 0));
    }
    strcat(line, " ->");
    current_gpr_fn = fn;
    sig = run_trapping(gpr_trampoline, &g, &code, &rip, &addr);
    if (sig) {
        size_t n = strlen(line);
        snprintf(line + n, sizeof(line) - n, " %s code=%d at fn+%#llx",
                 sig_name(sig), code,
                 (unsigned long long)(rip - (uint64_t)(uintptr_t)fn));
    } else {
        put_regs(line, sizeof(line), &g, regs, 1);
        if (regs & R_FL) {
            size_t n = strlen(line);
            snprintf(line + n, sizeof(line) - n, " fl=%s",
                     flags_str(g.fl, undef));
        }
    }
    out("%s", line);
}

char width_suffix(unsigned width)
{
    return width == 8 ? 'b' : width == 16 ? 'w' : width == 32 ? 'l' : 'q';
}

uint64_t width_mask(unsigned width)
{
    return width >= 64 ? ~0ull : (1ull << width) - 1;
}

/* Per width: 0, 1, a nibble carry, the signed max/min, all ones, two
 * patterns (one with the sign bit set). */
uint64_t edge_value(unsigned i, unsigned width)
{
    uint64_t m = width_mask(width), sign = 1ull << (width - 1), v;
    switch (i) {
    case 0: v = 0; break;
    case 1: v = 1; break;
    case 2: v = 0x0f; break;
    case 3: v = sign - 1; break;
    case 4: v = sign; break;
    case 5: v = m; break;
    case 6: v = 0x123456789abcdef1ull & m; break;
    default: v = (0xfedcba9876543219ull & m) | sign; break;
    }
    return (UPPER_JUNK & ~m) | v;
}

int cpu_has(enum feature f)
{
    unsigned a, b, c, d, max;
    max = __get_cpuid_max(0, 0);
    switch (f) {
    case FEAT_NONE:
        return 1;
    case FEAT_CX16: case FEAT_POPCNT: case FEAT_MOVBE:
    case FEAT_SSSE3: case FEAT_SSE41: case FEAT_SSE42:
        __cpuid(1, a, b, c, d);
        return !!(c & (f == FEAT_CX16 ? bit_CMPXCHG16B
                       : f == FEAT_POPCNT ? bit_POPCNT
                       : f == FEAT_MOVBE ? bit_MOVBE
                       : f == FEAT_SSSE3 ? bit_SSSE3
                       : f == FEAT_SSE41 ? bit_SSE4_1 : bit_SSE4_2));
    case FEAT_LZCNT:
        if (__get_cpuid_max(0x80000000, 0) < 0x80000001) {
            return 0;
        }
        __cpuid(0x80000001, a, b, c, d);
        return !!(c & bit_LZCNT);
    case FEAT_BMI1: case FEAT_BMI2: case FEAT_ADX:
        if (max < 7) {
            return 0;
        }
        __cpuid_count(7, 0, a, b, c, d);
        return !!(b & (f == FEAT_BMI1 ? bit_BMI
                       : f == FEAT_BMI2 ? bit_BMI2 : bit_ADX));
    }
    return 0;
}

static void group_int(void)
{
    group_alu();
    group_shift();
    group_muldiv();
    group_bits();
    group_misc();
    group_string();
}

static const struct group {
    const char *name;
    enum feature feature;
    const char *feature_name;
    void (*run)(void);
} groups[] = {
    { "int", FEAT_NONE, "", group_int },
    { "cx16", FEAT_CX16, "cx16", group_cx16 },
    { "popcnt", FEAT_POPCNT, "popcnt", group_popcnt },
    { "lzcnt", FEAT_LZCNT, "lzcnt", group_lzcnt },
    { "movbe", FEAT_MOVBE, "movbe", group_movbe },
    { "bmi1", FEAT_BMI1, "bmi1", group_bmi1 },
    { "bmi2", FEAT_BMI2, "bmi2", group_bmi2 },
    { "adx", FEAT_ADX, "adx", group_adx },
    { "mmx", FEAT_NONE, "", group_mmx },
    { "sse", FEAT_NONE, "", group_sse },
    { "sse-int", FEAT_NONE, "", group_sse_int },
    { "ssse3", FEAT_SSSE3, "ssse3", group_ssse3 },
    { "sse4.1", FEAT_SSE41, "sse4.1", group_sse41 },
    { "sse4.2", FEAT_SSE42, "sse4.2", group_sse42 },
    { "x87", FEAT_NONE, "", group_x87 },
    { "faults", FEAT_NONE, "", group_faults },
};
#define N_GROUPS (sizeof(groups) / sizeof(groups[0]))

static int run_group(const struct group *g)
{
    if (!cpu_has(g->feature)) {
        printf("== %s: skipped: no %s\n", g->name, g->feature_name);
        return 2;
    }
    unsigned long before = case_count;
    printf("== %s\n", g->name);
    g->run();
    printf("== %s: %lu cases\n", g->name, case_count - before);
    return 0;
}

int main(int argc, char **argv)
{
    int status = 0;

    setvbuf(stdout, NULL, _IOFBF, 1 << 16);
    if (argc < 2) {
        fprintf(stderr, "usage: %s --list | all | GROUP...\n", argv[0]);
        return 1;
    }
    for (int i = 1; i < argc; i++) {
        int found = 0;
        if (!strcmp(argv[i], "--list")) {
            for (unsigned k = 0; k < N_GROUPS; k++) {
                if (cpu_has(groups[k].feature)) {
                    printf("%s\n", groups[k].name);
                }
            }
            continue;
        }
        for (unsigned k = 0; k < N_GROUPS; k++) {
            if (!strcmp(argv[i], "all")) {
                found = 1;
                if (cpu_has(groups[k].feature)) {
                    run_group(&groups[k]);
                }
            } else if (!strcmp(argv[i], groups[k].name)) {
                found = 1;
                if (run_group(&groups[k])) {
                    status = 2;
                }
            }
        }
        if (!found) {
            fprintf(stderr, "%s: unknown group '%s'\n", argv[0], argv[i]);
            return 1;
        }
    }
    fflush(stdout);
    return status;
}
