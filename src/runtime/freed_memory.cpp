#include "sgw/runtime/freed_memory.h"

#include <malloc.h>

namespace sgw::runtime {

void releaseFreedMemory() {
  ::malloc_trim(0);
}

} // namespace sgw::runtime
