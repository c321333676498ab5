/* A firmware download kept across a reset (biotdm_posix_image.h). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "biotdm_posix_image.h"

/* Bytes of the stored prefix read back per call while it is hashed again. */
#define REHASH_BYTES 4096

int biotdm_posix_image_resuming(const biotdm_storage *st, const biotdm_manifest *m) {
    char sha256[64];
    return st->read(st->ctx, BIOTDM_SLOT_DOWNLOAD, sha256, sizeof sha256) == (int)sizeof sha256
            && memcmp(sha256, m->sha256, sizeof sha256) == 0;
}

/* Hashes the file's bytes into check from the start; 0 when they are a prefix of at most the image's size. */
static int rehash(int fd, biotdm_image_check *check) {
    static uint8_t buf[REHASH_BYTES];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) {
        if (biotdm_image_update(check, buf, (size_t)n) != BIOTDM_OK) {
            return -1;
        }
    }
    return n == 0 ? 0 : -1;
}

int biotdm_posix_image_open(const biotdm_storage *st, const char *part, const biotdm_manifest *m,
                            biotdm_image_check *check) {
    int fd = open(part, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        return -1;
    }
    biotdm_image_begin(check, m);
    if (biotdm_posix_image_resuming(st, m) && rehash(fd, check) == 0) {
        return fd; /* read(2) left the offset at the end of the prefix */
    }
    biotdm_image_begin(check, m);
    if (ftruncate(fd, 0) != 0 || lseek(fd, 0, SEEK_SET) != 0 || fsync(fd) != 0
            || st->write(st->ctx, BIOTDM_SLOT_DOWNLOAD, m->sha256, 64) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

int biotdm_posix_image_end(const biotdm_storage *st) {
    return st->write(st->ctx, BIOTDM_SLOT_DOWNLOAD, "", 0);
}
