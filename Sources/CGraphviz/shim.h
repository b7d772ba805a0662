#ifndef TRUSTGRAPH_CGRAPHVIZ_SHIM_H
#define TRUSTGRAPH_CGRAPHVIZ_SHIM_H

#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>

#endif
