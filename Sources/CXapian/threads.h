// Threads that start away from the calling thread's core (threads.cpp, counting.cpp).
#pragma once

#include "internal.h"

// Where new threads start: on the allowed cores other than the calling thread's, when there are any (see
// SteeredThreads).
struct ThreadPlacement {
    cpu_set_t allowed, elsewhere;
    bool steer = false;

    static ThreadPlacement awayFromCaller() {
        ThreadPlacement p;
        CPU_ZERO(&p.allowed);
        const int here = sched_getcpu();
        p.steer = sched_getaffinity(0, sizeof p.allowed, &p.allowed) == 0 && here >= 0 && here < CPU_SETSIZE &&
                  CPU_ISSET(here, &p.allowed) && CPU_COUNT(&p.allowed) > 1;
        p.elsewhere = p.allowed;
        if (p.steer) CPU_CLR(here, &p.elsewhere);
        return p;
    }

    // pthread_create, placed elsewhere when it can be (else anywhere); 0 or an errno.
    int start(pthread_t *id, void *(*run)(void *), void *arg, bool detached) const {
        int status = EINVAL;
        for (const bool placed : {true, false}) {
            if (placed && !steer) continue;
            pthread_attr_t attr;
            if (pthread_attr_init(&attr) != 0) continue;
            if ((!detached || pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED) == 0) &&
                (!placed || pthread_attr_setaffinity_np(&attr, sizeof elsewhere, &elsewhere) == 0))
                status = pthread_create(id, &attr, run, arg);
            pthread_attr_destroy(&attr);
            if (status == 0) break;
        }
        return status;
    }

    // Lets thread `id` run on any allowed core again.
    void release(pthread_t id) const {
        if (steer) pthread_setaffinity_np(id, sizeof allowed, &allowed);
    }
};

// Threads started on the cores other than the calling thread's. Linux tends to queue a new thread on its parent's
// core, where the two then take turns until a load balance moves one (often a few ms: at 1M passages on 2 cores,
// the page and the count each ran at half speed in about half the searches, the other core idle). Joined at the
// latest on destruction. Not thread-safe: owned by the thread that starts them.
class SteeredThreads {
  public:
    SteeredThreads() = default;
    SteeredThreads(const SteeredThreads &) = delete;
    SteeredThreads &operator=(const SteeredThreads &) = delete;
    ~SteeredThreads() { join(); }

    // Runs `body` (which must not throw) on a new thread, or, when no thread can be started, on this one, now.
    void start(std::function<void()> body) {
        bodies_.push_back(std::make_unique<std::function<void()>>(std::move(body)));
        threads_.reserve(bodies_.size());
        pthread_t id;
        if (placement_.start(&id, run, bodies_.back().get(), false) == 0)
            threads_.push_back(id);
        else
            (*bodies_.back())();
    }

    // Lets the threads run on any allowed core: the calling thread's too, once it waits for them.
    void unsteer() {
        for (pthread_t id : threads_) placement_.release(id);
    }

    void join() {
        for (pthread_t id : threads_) pthread_join(id, nullptr);
        threads_.clear();
    }

  private:
    static void *run(void *body) {
        (*static_cast<std::function<void()> *>(body))();
        return nullptr;
    }
    ThreadPlacement placement_ = ThreadPlacement::awayFromCaller();
    std::vector<std::unique_ptr<std::function<void()>>> bodies_;
    std::vector<pthread_t> threads_;
};
