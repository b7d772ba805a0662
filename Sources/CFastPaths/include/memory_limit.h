#ifndef TRUSTGRAPH_MEMORY_LIMIT_H
#define TRUSTGRAPH_MEMORY_LIMIT_H

/// Told, from a signal handler, that the process is crashing with its address
/// space nearly used up under its limit: `used` and `limit` in bytes. Must not
/// return, allocate or lock (see OutOfMemory.swift).
typedef void (*trustgraph_memory_limit_report)(long long used, long long limit);

/// When the process runs under a finite address-space limit (`ulimit -v`),
/// installs handlers for SIGABRT, SIGSEGV, SIGBUS, SIGILL and SIGTRAP that call
/// `report` when little of the limit is left (under 128 MB, or under a quarter
/// of it up to 1 GB): Swift's runtime stops the process (abort, or a trap)
/// when an allocation is refused, and this turns that into a message. Any
/// other crash goes on to the handler that was there before (Swift's
/// backtracer) as if there were no handler. Returns 1 when installed (once:
/// later calls change nothing), 0 when there is no limit (nothing installed).
int trustgraph_report_crashes_at_memory_limit(trustgraph_memory_limit_report report);

/// The bytes of address space the process uses (/proc/self/statm), or -1.
/// Async-signal-safe.
long long trustgraph_address_space_in_use(void);

#endif
