/* The POSIX platform under the core: a key, the sequence and a batch kept in a directory across "resets". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "biotdm/persist.h"
#include "biotdm_posix.h"
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

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: biotdm_posix_tests <fresh directory>\n");
        return 2;
    }
    state_survives_reopening_the_directory(argv[1]);
    printf("%s: %d failed expectation(s)\n", harness_failures == 0 ? "PASSED" : "FAILED", harness_failures);
    return harness_failures == 0 ? 0 : 1;
}
