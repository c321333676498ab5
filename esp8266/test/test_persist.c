/* The sequence number and the pending batch across resets, on an in-memory storage that can fail. */
#include <string.h>

#include "biotdm/persist.h"
#include "harness.h"

typedef struct {
    uint8_t slots[4][sizeof(biotdm_batch)];
    size_t lengths[4];
    int writes;
    int failing;
} memory_storage;

static int memory_read(void *ctx, biotdm_slot slot, void *buf, size_t len) {
    memory_storage *m = ctx;
    size_t n = m->lengths[slot] < len ? m->lengths[slot] : len;
    memcpy(buf, m->slots[slot], n);
    return (int)n;
}

static int memory_write(void *ctx, biotdm_slot slot, const void *buf, size_t len) {
    memory_storage *m = ctx;
    if (m->failing || len > sizeof m->slots[slot]) {
        return -1;
    }
    memcpy(m->slots[slot], buf, len);
    m->lengths[slot] = len;
    m->writes++;
    return 0;
}

static memory_storage memory;
static const biotdm_storage storage = {memory_read, memory_write, &memory};

static void sequence_never_repeats_across_resets_and_writes_once_per_block(void) {
    biotdm_sequence s;
    uint64_t seq, highest = 0;
    int reset, i;
    memset(&memory, 0, sizeof memory);
    for (reset = 0; reset < 3; reset++) {
        CHECK(biotdm_sequence_open(&s, &storage) == BIOTDM_OK);
        for (i = 0; i < BIOTDM_SEQ_BLOCK + 1; i++) {
            CHECK(biotdm_sequence_take(&s, &seq) == BIOTDM_OK);
            CHECK((reset == 0 && i == 0) || seq > highest);
            highest = seq;
        }
    }
    CHECK(memory.writes == 3 * 2);
    CHECK(highest - (uint64_t)(3 * (BIOTDM_SEQ_BLOCK + 1)) < 3 * BIOTDM_SEQ_BLOCK);
}

static void sequence_is_not_handed_out_when_storage_fails(void) {
    biotdm_sequence s;
    uint64_t seq = 99;
    memset(&memory, 0, sizeof memory);
    CHECK(biotdm_sequence_open(&s, &storage) == BIOTDM_OK);
    memory.failing = 1;
    CHECK(biotdm_sequence_take(&s, &seq) == BIOTDM_ERR_STORAGE);
    CHECK(seq == 99);
    memory.failing = 0;
    memory.slots[BIOTDM_SLOT_SEQUENCE][0] = 1;
    memory.lengths[BIOTDM_SLOT_SEQUENCE] = 16;
    CHECK(biotdm_sequence_open(&s, &storage) == BIOTDM_ERR_STORAGE);
}

static void pending_batch_survives_a_reset_with_its_seq(void) {
    static biotdm_batch b, after;
    biotdm_sequence s;
    biotdm_reading r;
    memset(&memory, 0, sizeof memory);
    CHECK(biotdm_sequence_open(&s, &storage) == BIOTDM_OK);
    CHECK(biotdm_batch_restore(&b, &storage) == BIOTDM_OK && b.count == 0);
    CHECK(biotdm_reading_set(&r, "humidity", BIOTDM_NUMBER, "45.93", "%RH", 1, 1700000000000ULL) == BIOTDM_OK);
    CHECK(biotdm_batch_add(&b, &r, &storage) == BIOTDM_OK);
    CHECK(biotdm_batch_seal(&b, &s, 1700000005000ULL, &storage) == BIOTDM_OK);
    CHECK(biotdm_batch_add(&b, &r, &storage) == BIOTDM_ERR_FULL);
    CHECK(biotdm_batch_restore(&after, &storage) == BIOTDM_OK);
    CHECK(after.count == 1 && after.sealed && after.seq == b.seq && after.ts == 1700000005000ULL);
    CHECK(strcmp(after.readings[0].value, "45.93") == 0);
    CHECK(biotdm_batch_seal(&after, &s, 1800000000000ULL, &storage) == BIOTDM_OK && after.seq == b.seq);
    CHECK(biotdm_batch_clear(&after, &storage) == BIOTDM_OK);
    CHECK(biotdm_batch_restore(&b, &storage) == BIOTDM_OK && b.count == 0 && !b.sealed);
}

static void batch_holds_at_most_its_bound(void) {
    static biotdm_batch b;
    biotdm_reading r;
    int i;
    memset(&memory, 0, sizeof memory);
    biotdm_batch_restore(&b, &storage);
    biotdm_reading_set(&r, "door", BIOTDM_STRING, "OPEN", NULL, 0, 0);
    for (i = 0; i < BIOTDM_BATCH_MAX; i++) {
        CHECK(biotdm_batch_add(&b, &r, &storage) == BIOTDM_OK);
    }
    CHECK(biotdm_batch_add(&b, &r, &storage) == BIOTDM_ERR_FULL);
}

void test_sequence(void) {
    sequence_never_repeats_across_resets_and_writes_once_per_block();
    sequence_is_not_handed_out_when_storage_fails();
}

void test_batch(void) {
    pending_batch_survives_a_reset_with_its_seq();
    batch_holds_at_most_its_bound();
}
