/* SPDX-License-Identifier: GPL-2.0-or-later */
/* write(2) to stdout, argv and the exit status (argv[1] if given). */
#include "sys.h"

int test_main(long *sp)
{
    long argc = sp[0];
    char **argv = (char **)&sp[1];
    int status = 0;

    put("hello from x86-64\n");
    put("argc=");
    put_dec(argc);
    put("\n");
    for (long i = 1; i < argc; i++) {
        put(argv[i]);
        put("\n");
    }
    if (argc > 1) {
        for (const char *p = argv[1]; *p >= '0' && *p <= '9'; p++) {
            status = status * 10 + (*p - '0');
        }
    }
    return status;
}
