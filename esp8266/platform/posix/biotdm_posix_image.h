/*
 * A firmware download that survives a reset on the POSIX platform: the image's bytes go into a file as they arrive,
 * and the storage slot BIOTDM_SLOT_DOWNLOAD names the image (its SHA-256) they belong to. After a reset the stored
 * prefix is hashed again, so the download goes on with an HTTP Range request (RFC 9110, section 14.2) from the first
 * missing byte and the whole image is still checked against the manifest's size and SHA-256 at the end: a prefix
 * changed in storage makes the image FIRMWARE_IMAGE_HASH_MISMATCH like one changed on the way.
 */
#ifndef BIOTDM_POSIX_IMAGE_H
#define BIOTDM_POSIX_IMAGE_H

#include "biotdm/firmware.h"
#include "biotdm_platform.h"

/**
 * Opens part, the file the image a verified manifest m describes is downloaded into, and begins check for it.
 * When st's BIOTDM_SLOT_DOWNLOAD names m's SHA-256 and part holds at most m->size bytes, those bytes are the prefix
 * an earlier run left: they are hashed again into check (check->received is their length, the first byte still
 * to fetch) and the file is left open after them. Otherwise part is emptied (created owner-only when missing)
 * before the slot is set to m's SHA-256, so a reset between the two leaves nothing to resume from.
 * Returns a descriptor open for writing at check->received, or -1 when the file or the slot cannot be written.
 */
int biotdm_posix_image_open(const biotdm_storage *st, const char *part, const biotdm_manifest *m,
                            biotdm_image_check *check);

/**
 * Whether a download of the image m describes was under way when the device stopped: st's BIOTDM_SLOT_DOWNLOAD names
 * its SHA-256. The device then reports no state before DOWNLOADING again, since the gateway refuses a state before
 * the current one (FIRMWARE_UPDATE_INVALID_STATE). 1 or 0.
 */
int biotdm_posix_image_resuming(const biotdm_storage *st, const biotdm_manifest *m);

/**
 * Ends the download (the image installed, or refused and its file removed): empties BIOTDM_SLOT_DOWNLOAD, so a
 * later download of the same image starts at byte 0. Returns 0, or -1 when the slot cannot be written.
 */
int biotdm_posix_image_end(const biotdm_storage *st);

#endif
