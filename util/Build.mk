lib-y += util/error.o util/machine-lock.o util/cutils.o
