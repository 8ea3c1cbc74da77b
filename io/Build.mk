# SPDX-License-Identifier: GPL-2.0-or-later
lib-y += io/main-loop.o io/chardev.o io/chardev-stdio.o io/chardev-mux.o \
	io/chardev-file.o io/chardev-socket.o
