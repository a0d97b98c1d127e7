// Threads started elsewhere, and the cores this process may use.

#include "threads.h"

namespace {
struct DetachedStart {
    void (*body)(void *);
    void *context;
    ThreadPlacement placement;
};
void *run_detached(void *arg) {
    const std::unique_ptr<DetachedStart> start(static_cast<DetachedStart *>(arg));
    start->placement.release(pthread_self());  // started elsewhere; from now on free to move
    start->body(start->context);
    return nullptr;
}
}  // namespace


extern "C" int cx_thread_start_elsewhere(void (*body)(void *context), void *context) {
    auto start = std::unique_ptr<DetachedStart>(new (std::nothrow) DetachedStart{body, context, ThreadPlacement::awayFromCaller()});
    if (!start) return ENOMEM;
    pthread_t id;
    const int status = start->placement.start(&id, run_detached, start.get(), true);
    if (status == 0) start.release();
    return status;
}

extern "C" int cx_cpus_allowed(void) {
    cpu_set_t set;
    CPU_ZERO(&set);
    return sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : 0;
}
