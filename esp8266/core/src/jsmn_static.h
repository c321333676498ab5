/*
 * jsmn 1.1.0 (Debian's libjsmn-dev, header-only, no allocation) as the core uses it: each including file gets its
 * own static copy, in strict mode (primitives and escapes checked), with the header's own conversion warnings
 * silenced. Included by manifest.c and json.c.
 */
#ifndef BIOTDM_JSMN_STATIC_H
#define BIOTDM_JSMN_STATIC_H

#define JSMN_STATIC
#define JSMN_STRICT
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wsign-compare"
#endif
#include <jsmn.h>
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

#endif
