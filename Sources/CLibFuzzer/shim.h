#ifndef COLLIDER_CLIBFUZZER_SHIM_H
#define COLLIDER_CLIBFUZZER_SHIM_H

#include <stddef.h>
#include <stdint.h>

// libFuzzer's driver, for an executable that keeps its own `main`: SwiftPM links every
// executable with `main` aliased to the module's entry point, so libFuzzer's `main` cannot be
// used. Defined by the runtime that `-sanitize=fuzzer` links; nothing to link otherwise.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
