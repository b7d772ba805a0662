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
/// result's bits 0–15 is set when byte k is the delimiter (`,` `;` or TAB),
/// of bits 16–31 when it is a line feed, of bits 32–47 when it is a quote or
/// not ASCII.
static inline __attribute__((always_inline)) uint64_t trustgraph_classify16(const void *bytes, unsigned char delimiter) {
#if defined(__SSE2__)
    __m128i v = _mm_loadu_si128((const __m128i *)bytes);
    uint64_t commas = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)delimiter)));
    uint64_t newlines = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')));
    uint64_t special = (uint32_t)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), v));
    return commas | (newlines << 16) | (special << 32);
#else
    const unsigned char *p = (const unsigned char *)bytes;
    uint64_t result = 0;
    for (int k = 0; k < 16; k++) {
        if (p[k] == delimiter) result |= (uint64_t)1 << k;
        if (p[k] == '\n') result |= (uint64_t)1 << (16 + k);
        if (p[k] == '"' || p[k] >= 0x80) result |= (uint64_t)1 << (32 + k);
    }
    return result;
#endif
}

/// One cell of a CSV record: bytes `start..<end` of the file, or of the
/// reader's scratch memory when `unescaped` (a quoted cell that held `""`).
typedef struct {
    long start;
    long end;
    _Bool unescaped;
} trustgraph_field;

/// Reads the record at `position` of `base[0..<end]`, cells separated by
/// `delimiter`, if it is plain: no
/// quote, only ASCII, no cell that starts or ends with a byte <= 32, at most
/// `capacity` cells (a CR before the line feed ends the line, not the cell).
/// Writes its cells to `fields` and their number to `count`, and returns the
/// offset after its line feed (`end + 1` for a last line without one); -1
/// when the record is not plain, having read nothing the caller keeps. This
/// is the CSV reader's path for nearly every record of a large file; the
/// general reader gives the same cells for a plain record.
static inline __attribute__((always_inline))
long trustgraph_plain_record_with(const unsigned char *base, long position, long end,
                                  unsigned char delimiter, trustgraph_field *fields, long capacity,
                                  long *count) {
    long n = 0, start = position, block = position;
#define TRUSTGRAPH_END_CELL(at, newline)                                                   \
    do {                                                                                   \
        if (n == capacity) return -1;                                                      \
        long last = (at);                                                                  \
        if ((newline) && last > start && base[last - 1] == 13) last--;                     \
        if (last > start && (base[start] <= 32 || base[last - 1] <= 32)) return -1;        \
        fields[n].start = start;                                                           \
        fields[n].end = last;                                                              \
        fields[n].unescaped = 0;                                                           \
        n++;                                                                               \
        start = (at) + 1;                                                                  \
    } while (0)
    // Sixteen bytes at a time: delimiters, line feeds and stop bytes as bit masks.
    while (block + 16 <= end) {
        uint64_t classes = trustgraph_classify16(base + block, delimiter);
        uint32_t special = (uint32_t)(classes >> 32) & 0xFFFF;
        uint32_t newlines = (uint32_t)(classes >> 16) & 0xFFFF;
        // A stop byte before the block's first line feed (or anywhere, without one): not plain.
        if (special & ((newlines & (0u - newlines)) - 1)) return -1;
        uint32_t marks = ((uint32_t)classes & 0xFFFF) | newlines;
        while (marks) {
            uint32_t bit = marks & (0u - marks);
            marks &= marks - 1;
            long at = block + __builtin_ctz(bit);
            if (newlines & bit) {
                TRUSTGRAPH_END_CELL(at, 1);
                *count = n;
                return start;
            }
            TRUSTGRAPH_END_CELL(at, 0);
        }
        block += 16;
    }
    // Fewer than sixteen bytes left: byte by byte.
    long p = start;
    for (;;) {
        unsigned char c = 10;
        while (p < end) {
            c = base[p];
            if (c == delimiter || c == 10 || c == '"' || c >= 0x80) break;
            p++;
        }
        if (p == end) c = 10;
        if (c == '"' || c >= 0x80) return -1;
        TRUSTGRAPH_END_CELL(p, c == 10);
        p++;
        if (c == 10) break;
    }
#undef TRUSTGRAPH_END_CELL
    *count = n;
    return start;
}

/// `trustgraph_plain_record_with`, compiled once for the comma (nearly every
/// file) and once for any other delimiter, so the comma's loop compares with
/// a constant as it did before other delimiters were read.
static inline long trustgraph_plain_record(const unsigned char *base, long position, long end,
                                           unsigned char delimiter, trustgraph_field *fields, long capacity,
                                           long *count) {
    if (delimiter == ',') return trustgraph_plain_record_with(base, position, end, ',', fields, capacity, count);
    return trustgraph_plain_record_with(base, position, end, delimiter, fields, capacity, count);
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
