#ifndef TRUSTGRAPH_FAST_PATHS_H
#define TRUSTGRAPH_FAST_PATHS_H

#include <stdint.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// Asks the processor to start loading the cache line at `address` for a
/// read soon; it never faults and has no other effect. Hash lookups of
/// millions of ids issue this a few rows ahead of the probe, so their cache
/// misses overlap with parsing instead of stalling it.
static inline void trustgraph_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

/// Classifies the 16 bytes at `bytes` for the CSV reader: bit k of the
/// result's bits 0–15 is set when byte k is a comma, of bits 16–31 when it
/// is a line feed, of bits 32–47 when it is a quote or not ASCII.
static inline uint64_t trustgraph_classify16(const void *bytes) {
#if defined(__SSE2__)
    __m128i v = _mm_loadu_si128((const __m128i *)bytes);
    uint64_t commas = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(',')));
    uint64_t newlines = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')));
    uint64_t special = (uint32_t)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), v));
    return commas | (newlines << 16) | (special << 32);
#else
    const unsigned char *p = (const unsigned char *)bytes;
    uint64_t result = 0;
    for (int k = 0; k < 16; k++) {
        if (p[k] == ',') result |= (uint64_t)1 << k;
        if (p[k] == '\n') result |= (uint64_t)1 << (16 + k);
        if (p[k] == '"' || p[k] >= 0x80) result |= (uint64_t)1 << (32 + k);
    }
    return result;
#endif
}

/// Keeps freed memory in the process for reuse (see MemoryReuse.swift):
/// blocks up to 32 MB (glibc's largest threshold) come from the heap, which
/// is never trimmed. Returns 1 when the C library took the settings.
static inline int trustgraph_keep_freed_memory(void) {
#if defined(__GLIBC__)
    return mallopt(M_MMAP_THRESHOLD, 32 << 20) && mallopt(M_TRIM_THRESHOLD, 0x7fffffff) && mallopt(M_TOP_PAD, 64 << 20);
#else
    return 0;
#endif
}

#endif
