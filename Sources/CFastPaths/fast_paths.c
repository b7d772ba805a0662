// The header's functions are inline; this file gives the target a source.
#include "fast_paths.h"
