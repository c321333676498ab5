/*
 * What the device keeps across a reset through platform storage: its batch sequence number, reserved in blocks so
 * that storage is written once per BIOTDM_SEQ_BLOCK batches and no number is ever used twice, and the pending
 * batch of readings, so readings taken before a reset or a lost answer are sent (with the same seq) afterwards.
 */
#ifndef BIOTDM_PERSIST_H
#define BIOTDM_PERSIST_H

#include "biotdm/biotdm.h"

/** The sequence number state: next to hand out, and the bound recorded in storage (numbers below it are used). */
typedef struct {
    uint64_t next;
    uint64_t reserved;
    const biotdm_storage *storage;
} biotdm_sequence;

/**
 * Opens the sequence from storage: after a reset it continues at the recorded bound, skipping the numbers of the
 * block that was reserved but perhaps not used. BIOTDM_ERR_STORAGE when the record cannot be read or is damaged.
 */
int biotdm_sequence_open(biotdm_sequence *s, const biotdm_storage *storage);

/**
 * Hands out the next number, first recording a new block in storage when the reserved one is used up (so the
 * number is persisted before anything is signed with it). BIOTDM_ERR_STORAGE, BIOTDM_ERR_EXHAUSTED at 2^63 - 1.
 */
int biotdm_sequence_take(biotdm_sequence *s, uint64_t *seq);

/**
 * The pending batch, stored by value. Readings are added until it is sealed: sealing takes a sequence number and
 * the batch time once, so a batch re-sent after a reset or a lost answer has the same canonical text, which the
 * gateway answers with its original acknowledgement.
 */
typedef struct {
    uint32_t magic;
    uint16_t count;
    uint8_t sealed;
    uint8_t reserved;
    uint64_t seq;
    uint64_t ts;
    biotdm_reading readings[BIOTDM_BATCH_MAX];
} biotdm_batch;

/** Restores the pending batch from storage, or starts an empty one. BIOTDM_ERR_STORAGE on a damaged record. */
int biotdm_batch_restore(biotdm_batch *b, const biotdm_storage *storage);

/** Adds a reading and persists the batch. BIOTDM_ERR_FULL when full or sealed, BIOTDM_ERR_STORAGE. */
int biotdm_batch_add(biotdm_batch *b, const biotdm_reading *r, const biotdm_storage *storage);

/**
 * Seals the batch with the next sequence number and ts (epoch ms) and persists it; a sealed batch stays as it is.
 * BIOTDM_ERR_ARGUMENT when empty or ts is 0, errors of biotdm_sequence_take, BIOTDM_ERR_STORAGE.
 */
int biotdm_batch_seal(biotdm_batch *b, biotdm_sequence *s, uint64_t ts, const biotdm_storage *storage);

/** Empties the batch once the gateway acknowledged it, and persists that. BIOTDM_ERR_STORAGE. */
int biotdm_batch_clear(biotdm_batch *b, const biotdm_storage *storage);

#endif
