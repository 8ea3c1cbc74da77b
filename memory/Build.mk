lib-y += memory/memory.o
