// Turns a crash at the memory limit into a message (see memory_limit.h).
#define _GNU_SOURCE
#include "memory_limit.h"
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

// SIGABRT: Swift's runtime aborts when an allocation is refused; SIGILL and SIGTRAP: a trap
// instruction (ud2 on x86-64, brk on arm64) where a failure traps instead; SIGSEGV, SIGBUS: a
// fault on the way (writing the runtime's own message without memory once faulted).
static const int fatal_signals[] = {SIGABRT, SIGSEGV, SIGBUS, SIGILL, SIGTRAP};
#define FATAL_SIGNAL_COUNT (sizeof fatal_signals / sizeof fatal_signals[0])
static struct sigaction previous_actions[FATAL_SIGNAL_COUNT];
static trustgraph_memory_limit_report report_at_limit;
static long page_size;
static int installed;

// The page size, read once when the library loads (sysconf is not async-signal-safe).
__attribute__((constructor)) static void read_page_size(void) { page_size = sysconf(_SC_PAGESIZE); }

long long trustgraph_address_space_in_use(void) {
    int fd = open("/proc/self/statm", O_RDONLY);
    if (fd < 0) return -1;
    char buffer[128];
    ssize_t n = read(fd, buffer, sizeof buffer);
    close(fd);
    if (n <= 0) return -1;
    long long pages = 0;
    for (ssize_t i = 0; i < n && buffer[i] >= '0' && buffer[i] <= '9'; i++) pages = pages * 10 + (buffer[i] - '0');
    return pages * (page_size > 0 ? page_size : 4096);
}

static void on_fatal_signal(int signal_number, siginfo_t *info, void *context) {
    (void)context;
    struct rlimit limit;
    if (getrlimit(RLIMIT_AS, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
        long long used = trustgraph_address_space_in_use(), cap = (long long)limit.rlim_cur, left = cap - used;
        // Little left: under 128 MB, or under a quarter of the limit up to 1 GB (a refused
        // doubling of a large array leaves that much).
        if (used > 0 && (left < (128LL << 20) || (left < cap / 4 && left < (1LL << 30)))) report_at_limit(used, cap);
    }
    // Any other crash: back to the handler that was there before. A fault comes back
    // when its instruction runs again; a raised signal (abort) is raised again, and
    // delivered when this handler returns.
    for (unsigned i = 0; i < FATAL_SIGNAL_COUNT; i++) {
        if (fatal_signals[i] == signal_number) sigaction(signal_number, &previous_actions[i], NULL);
    }
    if (info == NULL || info->si_code <= 0) raise(signal_number);
}

int trustgraph_report_crashes_at_memory_limit(trustgraph_memory_limit_report report) {
    struct rlimit limit;
    if (installed || getrlimit(RLIMIT_AS, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return installed;
    installed = 1;
    report_at_limit = report;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_fatal_signal;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK;  // on the alternate stack, when the runtime set one
    sigemptyset(&action.sa_mask);
    for (unsigned i = 0; i < FATAL_SIGNAL_COUNT; i++) sigaction(fatal_signals[i], &action, &previous_actions[i]);
    return 1;
}
