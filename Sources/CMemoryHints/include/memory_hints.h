#ifndef TRUSTGRAPH_MEMORY_HINTS_H
#define TRUSTGRAPH_MEMORY_HINTS_H

/// Asks the processor to start loading the cache line at `address` for a
/// read soon; it never faults and has no other effect. Hash lookups of
/// millions of ids issue this a few rows ahead of the probe, so their cache
/// misses overlap with parsing instead of stalling it.
static inline void trustgraph_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
