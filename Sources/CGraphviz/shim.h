#ifndef TRUSTGRAPH_CGRAPHVIZ_SHIM_H
#define TRUSTGRAPH_CGRAPHVIZ_SHIM_H

#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>

/* agget takes its attribute name as `char *` although it never writes to it;
 * Swift only passes string literals and String values as `const char *`. */
static inline const char *trustgraph_attribute(void *object, const char *name) {
    return agget(object, (char *)name);
}

/* agsafeset takes `char *` name, value and default, and only reads them. */
static inline int trustgraph_set_attribute(void *object, const char *name, const char *value) {
    return agsafeset(object, (char *)name, (char *)value, (char *)"");
}

/* True when edges of `graph` declare the attribute `name` (agattr with a NULL value only looks it up). */
static inline int trustgraph_edges_declare(Agraph_t *graph, const char *name) {
    return agattr(graph, AGEDGE, (char *)name, NULL) != NULL;
}

#endif
