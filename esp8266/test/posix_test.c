/*
 * The POSIX platform under the core: a key, the sequence and a batch kept in a directory across "resets", and a
 * firmware download interrupted by one and resumed from its stored prefix.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "biotdm/persist.h"
#include "biotdm_posix.h"
#include "biotdm_posix_image.h"
#include "harness.h"

int harness_failures;

void harness_check(int ok, const char *file, int line, const char *text, const char *name) {
    if (!ok) {
        harness_failures++;
        printf("FAIL %s:%d: %s %s\n", file, line, text, name == NULL ? "" : name);
    }
}

static void state_survives_reopening_the_directory(const char *dir) {
    biotdm_posix_dir d;
    biotdm_storage st;
    biotdm_key key, again;
    biotdm_sequence seq;
    static biotdm_batch batch;
    biotdm_reading r;
    uint64_t first, second;
    struct stat info;
    char path[300];
    CHECK(biotdm_posix_storage(&st, &d, dir) == 0);
    CHECK(biotdm_key_generate(&key, biotdm_posix_rng, NULL) == BIOTDM_OK);
    CHECK(st.write(st.ctx, BIOTDM_SLOT_KEY, key.secret, 32) == 0);
    snprintf(path, sizeof path, "%s/key", dir);
    CHECK(stat(path, &info) == 0 && (info.st_mode & 0777) == 0600);
    CHECK(biotdm_sequence_open(&seq, &st) == BIOTDM_OK && biotdm_sequence_take(&seq, &first) == BIOTDM_OK);
    CHECK(biotdm_batch_restore(&batch, &st) == BIOTDM_OK);
    CHECK(biotdm_reading_set(&r, "temperature", BIOTDM_NUMBER, "27.97", "C", 0, 0) == BIOTDM_OK);
    CHECK(biotdm_batch_add(&batch, &r, &st) == BIOTDM_OK);

    CHECK(biotdm_posix_storage(&st, &d, dir) == 0); /* a new process */
    CHECK(st.read(st.ctx, BIOTDM_SLOT_KEY, again.secret, 32) == 32);
    CHECK(biotdm_key_from_secret(&again, again.secret) == BIOTDM_OK && memcmp(again.pub, key.pub, 65) == 0);
    CHECK(biotdm_sequence_open(&seq, &st) == BIOTDM_OK && biotdm_sequence_take(&seq, &second) == BIOTDM_OK);
    CHECK(second > first);
    CHECK(biotdm_batch_restore(&batch, &st) == BIOTDM_OK && batch.count == 1);
    CHECK(biotdm_posix_clock(NULL) > 1700000000000ULL);
}

/* An image of 10 000 bytes (two full 4 KiB Range chunks and a short one) and the manifest fields that check it. */
#define IMAGE_BYTES 10000
static uint8_t image[IMAGE_BYTES];

static void image_manifest(biotdm_manifest *m) {
    br_sha256_context sha;
    uint8_t hash[32];
    size_t i;
    for (i = 0; i < sizeof image; i++) {
        image[i] = (uint8_t)(i * 7 + i / 251);
    }
    memset(m, 0, sizeof *m);
    m->size = sizeof image;
    br_sha256_init(&sha);
    br_sha256_update(&sha, image, sizeof image);
    br_sha256_out(&sha, hash);
    for (i = 0; i < sizeof hash; i++) {
        snprintf(m->sha256 + 2 * i, 3, "%02x", hash[i]);
    }
}

/* What the device does with the Range answer for bytes from..to-1: appends them to the file and hashes them. */
static int receive(int fd, biotdm_image_check *check, size_t from, size_t to) {
    if (write(fd, image + from, to - from) != (ssize_t)(to - from)) {
        return -1;
    }
    return biotdm_image_update(check, image + from, to - from);
}

static void image_download_resumes_after_a_reset(const biotdm_storage *st, const char *part) {
    biotdm_manifest m;
    biotdm_image_check check;
    uint8_t stored[IMAGE_BYTES];
    int fd;
    image_manifest(&m);
    CHECK((fd = biotdm_posix_image_open(st, part, &m, &check)) >= 0 && check.received == 0);
    CHECK(receive(fd, &check, 0, 4096) == BIOTDM_OK && receive(fd, &check, 4096, 6000) == BIOTDM_OK);
    close(fd); /* the reset: the process ends in the middle of the second chunk */

    CHECK(biotdm_posix_image_resuming(st, &m));
    CHECK((fd = biotdm_posix_image_open(st, part, &m, &check)) >= 0);
    CHECK(check.received == 6000); /* the next Range request asks for bytes=6000- */
    CHECK(receive(fd, &check, 6000, sizeof image) == BIOTDM_OK && biotdm_image_finish(&check) == BIOTDM_OK);
    close(fd);
    CHECK((fd = open(part, O_RDONLY)) >= 0 && read(fd, stored, sizeof stored) == (ssize_t)sizeof stored);
    CHECK(memcmp(stored, image, sizeof image) == 0);
    close(fd);

    CHECK(biotdm_posix_image_end(st) == 0 && !biotdm_posix_image_resuming(st, &m)); /* installed */
    CHECK((fd = biotdm_posix_image_open(st, part, &m, &check)) >= 0 && check.received == 0);
    close(fd);
}

static void prefix_changed_in_storage_is_refused_as_hash_mismatch(const biotdm_storage *st, const char *part) {
    biotdm_manifest m;
    biotdm_image_check check;
    int fd;
    image_manifest(&m);
    unlink(part);
    CHECK((fd = biotdm_posix_image_open(st, part, &m, &check)) >= 0 && receive(fd, &check, 0, 5000) == BIOTDM_OK);
    CHECK(pwrite(fd, "\x01", 1, 100) == 1); /* a byte of the stored prefix changed while the device was off */
    close(fd);

    CHECK((fd = biotdm_posix_image_open(st, part, &m, &check)) >= 0 && check.received == 5000);
    CHECK(receive(fd, &check, 5000, sizeof image) == BIOTDM_OK);
    CHECK(biotdm_image_finish(&check) == BIOTDM_ERR_FIRMWARE_IMAGE_HASH_MISMATCH);
    close(fd);
}

static void prefix_of_another_image_is_discarded(const biotdm_storage *st, const char *part) {
    biotdm_manifest m, other;
    biotdm_image_check check;
    struct stat info;
    int fd;
    image_manifest(&m);
    other = m;
    other.sha256[0] = other.sha256[0] == '0' ? '1' : '0';
    unlink(part);
    CHECK((fd = biotdm_posix_image_open(st, part, &m, &check)) >= 0 && receive(fd, &check, 0, 3000) == BIOTDM_OK);
    close(fd);

    CHECK((fd = biotdm_posix_image_open(st, part, &other, &check)) >= 0 && check.received == 0);
    CHECK(!biotdm_posix_image_resuming(st, &m) && biotdm_posix_image_resuming(st, &other));
    CHECK(fstat(fd, &info) == 0 && info.st_size == 0 && (info.st_mode & 0777) == 0600);
    close(fd);
    CHECK((fd = biotdm_posix_image_open(st, part, &m, &check)) >= 0 && check.received == 0); /* slot now names other */
    close(fd);
}

static void firmware_downloads_across_resets(const char *dir) {
    biotdm_posix_dir d;
    biotdm_storage st;
    char part[300];
    CHECK(biotdm_posix_storage(&st, &d, dir) == 0);
    snprintf(part, sizeof part, "%s/firmware.part", dir);
    image_download_resumes_after_a_reset(&st, part);
    prefix_changed_in_storage_is_refused_as_hash_mismatch(&st, part);
    prefix_of_another_image_is_discarded(&st, part);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: biotdm_posix_tests <fresh directory>\n");
        return 2;
    }
    state_survives_reopening_the_directory(argv[1]);
    firmware_downloads_across_resets(argv[1]);
    printf("%s: %d failed expectation(s)\n", harness_failures == 0 ? "PASSED" : "FAILED", harness_failures);
    return harness_failures == 0 ? 0 : 1;
}
