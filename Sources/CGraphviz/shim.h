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

/* The next attribute of one kind (AGRAPH, AGNODE, AGEDGE) declared in `graph`, after `previous` (NULL: the first). */
static inline Agsym_t *trustgraph_next_attribute(Agraph_t *graph, int kind, Agsym_t *previous) {
    return agnxtattr(graph, kind, previous);
}

/* Sets one object's value of a declared attribute (agxset takes `char *` and only reads it). */
static inline int trustgraph_set_value(void *object, Agsym_t *symbol, const char *value) {
    return agxset(object, symbol, (char *)value);
}

/* Sets the default of a declared attribute for every object of `kind` created later in `graph`. */
static inline void trustgraph_set_default(Agraph_t *graph, int kind, const char *name, const char *value) {
    agattr(graph, kind, (char *)name, (char *)value);
}

/* True when `value`, an attribute value of a graph read from DOT, was written as an HTML-like label <…>. */
static inline int trustgraph_is_html(const char *value) {
    return aghtmlstr((char *)value);
}

#endif
