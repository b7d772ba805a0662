#ifndef TRUSTGRAPH_CFASTPATHS_H
#define TRUSTGRAPH_CFASTPATHS_H

// The C the core library calls: the CSV reader's and hash lookups' fast
// paths, and the allocator and memory-limit settings of the process.
#include "fast_paths.h"
#include "memory_limit.h"

#endif
