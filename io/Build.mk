lib-y += io/main-loop.o io/chardev.o
