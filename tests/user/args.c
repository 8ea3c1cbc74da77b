/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Echo argv, one environment variable and the auxv entries we define. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>

int main(int argc, char **argv)
{
    const char *v = getenv("JANUS_TEST_VAR");
    const unsigned char *rnd = (const unsigned char *)getauxval(AT_RANDOM);
    const char *plat = (const char *)getauxval(AT_PLATFORM);
    const char *execfn = (const char *)getauxval(AT_EXECFN);
    unsigned long hwcap = getauxval(AT_HWCAP);

    printf("argc=%d\n", argc);
    for (int i = 1; i < argc; i++) {
        printf("argv[%d]=%s\n", i, argv[i]);
    }
    printf("JANUS_TEST_VAR=%s\n", v ? v : "(unset)");
    printf("HOME=%s\n", getenv("HOME") ? "set" : "(unset)");
    printf("pagesz=%lu\n", getauxval(AT_PAGESZ));
    printf("hwcap_imafdc=%s\n",
           (hwcap & 0x112d) == 0x112d ? "yes" : "no");
    printf("platform=%s\n", plat ? plat : "(none)");
    printf("random=%s\n", rnd ? "yes" : "no");
    printf("execfn_matches=%s\n",
           execfn && !strcmp(execfn, argv[0]) ? "yes" : "no");
    printf("phdr=%s\n", getauxval(AT_PHDR) ? "yes" : "no");
    printf("stack_aligned=%s\n",
           ((unsigned long)__builtin_frame_address(0) & 15) == 0 ? "yes"
                                                                 : "no");
    return argc == 4 ? 0 : 3;
}
