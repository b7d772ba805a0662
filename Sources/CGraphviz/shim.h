#ifndef TRUSTGRAPH_CGRAPHVIZ_SHIM_H
#define TRUSTGRAPH_CGRAPHVIZ_SHIM_H

#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>

/* agget takes its attribute name as `char *` although it never writes to it;
 * Swift only passes string literals and String values as `const char *`. */
static inline const char *trustgraph_attribute(void *object, const char *name) {
    return agget(object, (char *)name);
}

#endif
