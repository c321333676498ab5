/* The POSIX platform (biotdm_posix.h). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "biotdm_posix.h"

static const char *const SLOT_FILES[] = {"key", "sequence", "batch", "certificate.der",
                                         "firmware-manifest", "firmware-download"};

int biotdm_posix_rng(void *ctx, uint8_t *out, size_t len) {
    (void)ctx;
    while (len > 0) {
        ssize_t n = getrandom(out, len, 0);
        if (n < 0 && errno != EINTR) {
            return -1;
        }
        if (n > 0) {
            out += n, len -= (size_t)n;
        }
    }
    return 0;
}

static int slot_path(const biotdm_posix_dir *d, biotdm_slot slot, const char *suffix, char *path, size_t cap) {
    int n;
    if ((unsigned)slot >= sizeof SLOT_FILES / sizeof SLOT_FILES[0]) {
        return -1;
    }
    n = snprintf(path, cap, "%s/%s%s", d->dir, SLOT_FILES[slot], suffix);
    return n < 0 || (size_t)n >= cap ? -1 : 0;
}

static int dir_read(void *ctx, biotdm_slot slot, void *buf, size_t len) {
    char path[256];
    size_t got = 0;
    int fd;
    if (slot_path(ctx, slot, "", path, sizeof path) != 0) {
        return -1;
    }
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return errno == ENOENT ? 0 : -1;
    }
    while (got < len) {
        ssize_t n = read(fd, (uint8_t *)buf + got, len - got);
        if (n <= 0) {
            break;
        }
        got += (size_t)n;
    }
    close(fd);
    return (int)got;
}

/* Writes a temporary file owner-only from its first byte, syncs it, and renames it over the slot's file. */
static int dir_write(void *ctx, biotdm_slot slot, const void *buf, size_t len) {
    char path[256], tmp[256];
    int fd, ok;
    if (slot_path(ctx, slot, "", path, sizeof path) != 0 || slot_path(ctx, slot, ".tmp", tmp, sizeof tmp) != 0) {
        return -1;
    }
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        return -1;
    }
    ok = write(fd, buf, len) == (ssize_t)len && fsync(fd) == 0;
    ok = close(fd) == 0 && ok;
    if (!ok || rename(tmp, path) != 0) {
        unlink(tmp);
        return -1;
    }
    return 0;
}

int biotdm_posix_storage(biotdm_storage *storage, biotdm_posix_dir *dir, const char *path) {
    if (strlen(path) >= sizeof dir->dir || (mkdir(path, 0700) != 0 && errno != EEXIST)) {
        return -1;
    }
    strcpy(dir->dir, path);
    storage->read = dir_read;
    storage->write = dir_write;
    storage->ctx = dir;
    return 0;
}

uint64_t biotdm_posix_clock(void *ctx) {
    struct timespec now;
    (void)ctx;
    if (clock_gettime(CLOCK_REALTIME, &now) != 0) {
        return 0;
    }
    return (uint64_t)now.tv_sec * 1000u + (uint64_t)now.tv_nsec / 1000000u;
}

int biotdm_posix_read_text(const char *path, char *buf, size_t cap) {
    FILE *f;
    size_t n;
    if (cap == 0 || (f = fopen(path, "r")) == NULL) {
        return -1;
    }
    n = fread(buf, 1, cap - 1, f);
    fclose(f);
    buf[n] = '\0';
    return n == cap - 1 ? -1 : 0;
}
