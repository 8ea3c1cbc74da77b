/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Process-wide linux-user state the syscall families share: the loaded
 * image (for /proc/self/exe) and how to leave.
 */
#ifndef USER_USER_PROCESS_H
#define USER_USER_PROCESS_H

#include "user/elfload.h"

/* The running program; set by main before the first instruction. */
extern UserImage *user_process_image;

/* Flush the logs and end the process with status (exit_group, fatal
 * guest signal). Never returns. */
void user_process_exit(int status) __attribute__((noreturn));

#endif
