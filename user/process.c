/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "user/user-process.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "user/user-log.h"

UserImage *user_process_image;

void user_process_exit(int status)
{
    fflush(stdout);
    fflush(user_log_file());
    /* _exit: the guest's atexit work was done by the guest's libc; ours
     * (the translator's buffers) need no teardown. */
    _exit(status);
}
