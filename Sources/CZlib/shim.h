#ifndef TRUSTGRAPH_CZLIB_SHIM_H
#define TRUSTGRAPH_CZLIB_SHIM_H

#include <zlib.h>

/* inflateInit2 and deflateInit2 are macros, which Swift cannot call. Window bits
   of -15 mean raw deflate data, as a ZIP entry stores it (no zlib header). */
static inline int trustgraph_inflate_init_raw(z_stream *stream) {
    return inflateInit2(stream, -15);
}

static inline int trustgraph_deflate_init_raw(z_stream *stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
}

#endif
