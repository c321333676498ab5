/* The sequence number and pending batch kept across a reset (protocol/telemetry-v1.md, "Sequence rules"). */
#include <string.h>

#include "biotdm/persist.h"
#include "text.h"

/* A record's tag: "BT" and the structure's size, so a firmware with other config.h bounds starts afresh. */
#define BATCH_MAGIC (0x42540000UL ^ (uint32_t)sizeof(biotdm_batch))

/* The sequence record: the bound and its complement, so a damaged record is told from a valid one. */
typedef struct {
    uint64_t bound;
    uint64_t check;
} sequence_record;

int biotdm_sequence_open(biotdm_sequence *s, const biotdm_storage *storage) {
    sequence_record rec;
    int n = storage->read(storage->ctx, BIOTDM_SLOT_SEQUENCE, &rec, sizeof rec);
    s->storage = storage;
    if (n == 0) {
        s->next = s->reserved = 0;
        return BIOTDM_OK;
    }
    if (n != (int)sizeof rec || rec.check != ~rec.bound || rec.bound > BIOTDM_MAX_INT63) {
        return BIOTDM_ERR_STORAGE;
    }
    s->next = s->reserved = rec.bound;
    return BIOTDM_OK;
}

int biotdm_sequence_take(biotdm_sequence *s, uint64_t *seq) {
    if (s->next == BIOTDM_MAX_INT63) {
        return BIOTDM_ERR_EXHAUSTED;
    }
    if (s->next >= s->reserved) {
        sequence_record rec;
        uint64_t room = BIOTDM_MAX_INT63 - s->next;
        rec.bound = s->next + (room < BIOTDM_SEQ_BLOCK ? room : BIOTDM_SEQ_BLOCK);
        rec.check = ~rec.bound;
        if (s->storage->write(s->storage->ctx, BIOTDM_SLOT_SEQUENCE, &rec, sizeof rec) != 0) {
            return BIOTDM_ERR_STORAGE;
        }
        s->reserved = rec.bound;
    }
    *seq = s->next++;
    return BIOTDM_OK;
}

static int save(const biotdm_batch *b, const biotdm_storage *storage) {
    return storage->write(storage->ctx, BIOTDM_SLOT_BATCH, b, sizeof *b) == 0 ? BIOTDM_OK : BIOTDM_ERR_STORAGE;
}

static void empty(biotdm_batch *b) {
    memset(b, 0, sizeof *b);
    b->magic = BATCH_MAGIC;
}

int biotdm_batch_restore(biotdm_batch *b, const biotdm_storage *storage) {
    int n = storage->read(storage->ctx, BIOTDM_SLOT_BATCH, b, sizeof *b);
    if (n == 0 || (n == (int)sizeof *b && b->magic != BATCH_MAGIC)) {
        empty(b);
        return BIOTDM_OK;
    }
    if (n != (int)sizeof *b || b->count > BIOTDM_BATCH_MAX || b->sealed > 1) {
        empty(b);
        return BIOTDM_ERR_STORAGE;
    }
    return BIOTDM_OK;
}

int biotdm_batch_add(biotdm_batch *b, const biotdm_reading *r, const biotdm_storage *storage) {
    if (b->sealed || b->count >= BIOTDM_BATCH_MAX) {
        return BIOTDM_ERR_FULL;
    }
    b->readings[b->count++] = *r;
    return save(b, storage);
}

int biotdm_batch_seal(biotdm_batch *b, biotdm_sequence *s, uint64_t ts, const biotdm_storage *storage) {
    int status;
    if (b->sealed) {
        return BIOTDM_OK;
    }
    if (b->count == 0 || ts == 0 || ts > BIOTDM_MAX_INT63) {
        return BIOTDM_ERR_ARGUMENT;
    }
    status = biotdm_sequence_take(s, &b->seq);
    if (status != BIOTDM_OK) {
        return status;
    }
    b->ts = ts;
    b->sealed = 1;
    return save(b, storage);
}

int biotdm_batch_clear(biotdm_batch *b, const biotdm_storage *storage) {
    empty(b);
    return save(b, storage);
}
