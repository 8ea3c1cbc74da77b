/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Files and directories in the directory given as argv[1]. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHECK(cond)                                                       \
    do {                                                                  \
        if (!(cond)) {                                                    \
            printf("FAIL line %d: %s (errno %d)\n", __LINE__, #cond, errno); \
            return 1;                                                     \
        }                                                                 \
    } while (0)

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    char path[4096], path2[4096], buf[64];
    struct stat st;
    char *names[16];
    int n = 0, fd;
    DIR *d;
    struct dirent *e;

    CHECK(argc == 2);
    CHECK(chdir(argv[1]) == 0);
    snprintf(path, sizeof(path), "%s/a.txt", argv[1]);
    fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0640);
    CHECK(fd >= 0);
    CHECK(write(fd, "hello file\n", 11) == 11);
    CHECK(close(fd) == 0);
    CHECK(stat(path, &st) == 0);
    printf("size=%lld mode=%o regular=%d\n", (long long)st.st_size,
           st.st_mode & 0777, S_ISREG(st.st_mode));
    fd = open("a.txt", O_RDONLY);
    CHECK(fd >= 0);
    CHECK(fstat(fd, &st) == 0 && st.st_size == 11);
    memset(buf, 0, sizeof(buf));
    CHECK(read(fd, buf, sizeof(buf)) == 11);
    printf("read=%s", buf);
    CHECK(lseek(fd, 6, SEEK_SET) == 6);
    CHECK(pread(fd, buf, 4, 6) == 4);
    printf("pread=%.4s\n", buf);
    close(fd);
    CHECK(mkdir("sub", 0755) == 0);
    CHECK(stat("sub", &st) == 0 && S_ISDIR(st.st_mode));
    snprintf(path2, sizeof(path2), "%s/sub/b.txt", argv[1]);
    CHECK(rename(path, path2) == 0);
    CHECK(access(path, F_OK) < 0 && errno == ENOENT);
    CHECK(symlink("sub/b.txt", "link") == 0);
    CHECK(readlink("link", buf, sizeof(buf)) == 9);
    buf[9] = 0;
    printf("readlink=%s\n", buf);
    CHECK(getcwd(path, sizeof(path)) != NULL);
    d = opendir(".");
    CHECK(d != NULL);
    while ((e = readdir(d)) && n < 16) {
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof(names[0]), cmp);
    printf("dir:");
    for (int i = 0; i < n; i++) {
        printf(" %s", names[i]);
    }
    printf("\n");
    CHECK(unlink("link") == 0);
    CHECK(unlink("sub/b.txt") == 0);
    CHECK(rmdir("sub") == 0);
    CHECK(stat("sub", &st) < 0 && errno == ENOENT);
    printf("done\n");
    return 0;
}
