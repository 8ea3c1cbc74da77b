/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * janus-<target> [options] PROGRAM [ARGS...]: run a Linux program of the
 * target (riscv64, x86_64) on this host. Options follow QEMU's user mode
 * (design contract 9).
 */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "accel/tcg/guest-mem.h"
#include "accel/tcg/tcg-fork.h"
#include "accel/tcg/tcg-log.h"
#include "target-cpu.h"
#include "user/cpu-loop.h"
#include "user/elfload.h"
#include "user/syscall.h"
#include "user/user-log.h"
#include "user/user-mmap.h"
#include "user/user-path.h"
#include "user/user-process.h"
#include "user/user-signal.h"
#include "util/cutils.h"
#include "util/error.h"

#define JANUS_VERSION "0.1.0"
#define DEFAULT_PREFIX TARGET_DEFAULT_PREFIX
#define DEFAULT_STACK_SIZE (8 * MiB)

extern char **environ;

typedef struct UserOptions {
    const char *prefix;
    const char *argv0;
    const char *log_file;
    uint64_t stack_size;
    unsigned log_mask;
    bool one_insn_per_tb;
    char **envp;          /* the guest's environment, built from ours */
    int envc;
} UserOptions;

static void usage(FILE *f)
{
    fprintf(f,
        "usage: " TARGET_PROGNAME " [options] program [arguments...]\n"
        "Run a " TARGET_NAME " Linux program.\n\n"
        "Options:\n"
        "-h                   print this help and exit\n"
        "-version             print the version and exit\n"
        "-L path              guest library prefix (QEMU_LD_PREFIX; default\n"
        "                     " DEFAULT_PREFIX " if it exists)\n"
        "-E var=value         set a variable in the guest environment\n"
        "-U var               remove a variable from the guest environment\n"
        "-0 argv0             argv[0] for the program (default: program)\n"
        "-s size              guest stack size (default 8M)\n"
        "-strace              log system calls\n"
        "-d item[,...]        log items (-d help lists them)\n"
        "-D logfile           write logs to logfile instead of stderr\n"
        "-one-insn-per-tb     translate one guest instruction per block\n"
        "-cpu model           CPU model (-cpu help lists them)\n");
}

static void env_unset(UserOptions *o, const char *name)
{
    size_t n = strlen(name);

    for (int i = 0; i < o->envc; i++) {
        if (!strncmp(o->envp[i], name, n) && o->envp[i][n] == '=') {
            free(o->envp[i]);
            memmove(&o->envp[i], &o->envp[i + 1],
                    (o->envc - i) * sizeof(char *));
            o->envc--;
            i--;
        }
    }
}

static void env_set(UserOptions *o, const char *assign)
{
    const char *eq = strchr(assign, '=');
    char *name = strndup(assign, eq - assign);

    env_unset(o, name);
    free(name);
    o->envp = xrealloc(o->envp, (o->envc + 2) * sizeof(char *));
    o->envp[o->envc++] = xstrdup(assign);
    o->envp[o->envc] = NULL;
}

static void env_init(UserOptions *o)
{
    int n = 0;

    while (environ[n]) {
        n++;
    }
    o->envp = xzalloc((n + 1) * sizeof(char *));
    for (int i = 0; i < n; i++) {
        o->envp[i] = xstrdup(environ[i]);
    }
    o->envc = n;
}

/*
 * A guest fork() is a host fork(), possibly while other guest threads
 * translate code, change mappings or signal dispositions: every internal
 * lock is taken before it (in lock order: mapping table, TCG's, signal
 * table) and released in the parent, re-initialised in the child.
 * user/threads.c resets its own thread table in the child.
 */
static void fork_prepare(void)
{
    user_mmap_fork_prepare();
    tcg_fork_prepare();
    user_signal_fork_prepare();
}

static void fork_parent(void)
{
    user_signal_fork_parent();
    tcg_fork_parent();
    user_mmap_fork_parent();
}

static void fork_child(void)
{
    user_signal_fork_child();
    tcg_fork_child();
    user_mmap_fork_child();
}

/* Maps our -d mask onto the TCG core's. */
static unsigned log_mask_to_tcg(unsigned m)
{
    return (m & USER_LOG_IN_ASM ? TCG_LOG_IN_ASM : 0) |
           (m & USER_LOG_OP ? TCG_LOG_OP : 0) |
           (m & USER_LOG_OP_OPT ? TCG_LOG_OP_OPT : 0) |
           (m & USER_LOG_OUT_ASM ? TCG_LOG_OUT_ASM : 0) |
           (m & USER_LOG_EXEC ? TCG_LOG_EXEC : 0) |
           (m & USER_LOG_UNIMP ? TCG_LOG_UNIMP : 0);
}

/* Parse options; returns the index of PROGRAM in argv, or -1 (exit 1) or
 * 0 (done: help or version printed). */
static int parse_options(int argc, char **argv, UserOptions *o)
{
    const char *env;
    int i;

    env = getenv("QEMU_LD_PREFIX");
    if (env && *env) {
        o->prefix = env;
    }
    if (getenv("QEMU_STRACE")) {
        o->log_mask |= USER_LOG_STRACE;
    }
    for (i = 1; i < argc && argv[i][0] == '-'; i++) {
        const char *opt = argv[i] + 1;
        const char *arg = NULL;
        static const char *const with_arg[] = {
            "L", "E", "U", "0", "s", "d", "D", "cpu",
        };
        bool needs_arg = false;

        if (!strcmp(argv[i], "--")) {
            i++;
            break;
        }
        if (opt[0] == '-') {
            opt++;      /* --option is -option, as in QEMU */
        }
        for (size_t k = 0; k < ARRAY_SIZE(with_arg); k++) {
            needs_arg |= !strcmp(opt, with_arg[k]);
        }
        if (needs_arg) {
            if (i + 1 >= argc) {
                error_report("option -%s needs an argument", opt);
                return -1;
            }
            arg = argv[++i];
        }
        if (!strcmp(opt, "h") || !strcmp(opt, "help")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(opt, "version")) {
            printf(TARGET_PROGNAME " version " JANUS_VERSION "\n");
            return 0;
        } else if (!strcmp(opt, "L")) {
            o->prefix = arg;
        } else if (!strcmp(opt, "E")) {
            if (!strchr(arg, '=') || arg[0] == '=') {
                error_report("-E %s: expected VAR=VALUE", arg);
                return -1;
            }
            env_set(o, arg);
        } else if (!strcmp(opt, "U")) {
            env_unset(o, arg);
        } else if (!strcmp(opt, "0")) {
            o->argv0 = arg;
        } else if (!strcmp(opt, "s")) {
            if (parse_size(arg, 1, &o->stack_size) < 0 ||
                o->stack_size < 64 * KiB || o->stack_size > 4 * GiB) {
                error_report("-s %s: invalid stack size (64K to 4G)", arg);
                return -1;
            }
        } else if (!strcmp(opt, "strace")) {
            o->log_mask |= USER_LOG_STRACE;
        } else if (!strcmp(opt, "d")) {
            unsigned m;

            if (!strcmp(arg, "help")) {
                user_log_list(stdout);
                return 0;
            }
            if (user_log_parse(arg, &m) < 0) {
                error_report("-d %s: unknown log item (-d help lists them)",
                             arg);
                return -1;
            }
            o->log_mask |= m;
        } else if (!strcmp(opt, "D")) {
            o->log_file = arg;
        } else if (!strcmp(opt, "one-insn-per-tb") ||
                   !strcmp(opt, "singlestep")) {
            o->one_insn_per_tb = true;
        } else if (!strcmp(opt, "cpu")) {
            if (!strcmp(arg, "help") || !strcmp(arg, "?")) {
                fputs(TARGET_CPU_HELP, stdout);
                return 0;
            }
            if (strcmp(arg, TARGET_CPU_MODEL) && strcmp(arg, "any") &&
                strcmp(arg, "max")) {
                error_report("-cpu %s: unknown CPU model (-cpu help lists "
                             "them)", arg);
                return -1;
            }
        } else {
            error_report("unknown option '%s' (-h for help)", argv[i]);
            return -1;
        }
    }
    if (i >= argc) {
        error_report("no program given (-h for help)");
        return -1;
    }
    return i;
}

int main(int argc, char **argv)
{
    /* static: what they point to lives until exit, reachable (LSan) */
    static UserOptions opts = { .stack_size = DEFAULT_STACK_SIZE };
    static UserImage image;
    char **guest_argv;
    UserLoadParams params;
    UserCpuOptions cpu_opts;
    struct stat st;
    int prog, ret;

    error_set_progname(TARGET_PROGNAME);
    env_init(&opts);
    prog = parse_options(argc, argv, &opts);
    if (prog <= 0) {
        return prog == 0 ? 0 : 1;
    }
    if (!opts.prefix && stat(DEFAULT_PREFIX, &st) == 0 &&
        S_ISDIR(st.st_mode)) {
        opts.prefix = DEFAULT_PREFIX;
    }
    user_path_set_prefix(opts.prefix);
    if (opts.log_file) {
        ret = user_log_set_file(opts.log_file);
        if (ret < 0) {
            error_report("-D %s: %s", opts.log_file, strerror(-ret));
            return 1;
        }
    }
    user_log_mask = opts.log_mask;
    tcg_log_mask = log_mask_to_tcg(opts.log_mask);
    tcg_log_file = user_log_file();

    /*
     * guest_base = 0: riscv64 user programs (Sv39/Sv48 user halves) and
     * x86-64 ones fit in the x86-64 47-bit user space, so guest pointers
     * are host pointers and system calls take them unchanged. The mapping
     * table in mmap.c keeps the guest off the emulator's own memory.
     */
    guest_base = 0;

    guest_argv = xzalloc((argc - prog + 1) * sizeof(char *));
    for (int i = prog; i < argc; i++) {
        guest_argv[i - prog] = argv[i];
    }
    if (opts.argv0) {
        guest_argv[0] = (char *)opts.argv0;
    }
    params = (UserLoadParams){
        .path = argv[prog],
        .argv = guest_argv,
        .envp = opts.envp,
        .stack_size = opts.stack_size,
    };
    if (user_elf_load(&params, &image) < 0) {
        free(guest_argv);
        return 1;
    }
    user_process_image = &image;
    user_syscall_init();
    user_signal_init();
    user_mmap_smc_init();
    guest_page_prot_hook = user_page_get_prot;
    pthread_atfork(fork_prepare, fork_parent, fork_child);

    cpu_opts = (UserCpuOptions){ .one_insn_per_tb = opts.one_insn_per_tb };
    ret = user_cpu_loop_run(&image, &cpu_opts);
    return ret < 0 ? 1 : 0;
}
