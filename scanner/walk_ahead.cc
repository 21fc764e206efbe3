#include "scanner/walk_ahead.h"

namespace datasweep {

WalkAhead::WalkAhead(Walker& walker, size_t capacity)
    : walker_(walker), capacity_(capacity), thread_([this] { Run(); }) {}

WalkAhead::~WalkAhead() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopped_ = true;
  }
  not_full_.notify_all();
  thread_.join();
}

void WalkAhead::Run() {
  try {
    for (;;) {
      auto e = std::make_unique<WalkEntry>();
      if (!walker_.Next(e.get())) break;
      std::unique_lock<std::mutex> lock(mutex_);
      not_full_.wait(lock, [this] { return stopped_ || queue_.size() < capacity_; });
      if (stopped_) return;
      queue_.push_back(std::move(e));
      // Waking the consumer for every entry would cost a futex call per file: only when it may
      // be waiting on an empty queue.
      if (queue_.size() == 1) not_empty_.notify_one();
    }
  } catch (...) {
    std::lock_guard<std::mutex> lock(mutex_);
    error_ = std::current_exception();
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    done_ = true;
  }
  not_empty_.notify_one();
}

std::unique_ptr<WalkEntry> WalkAhead::Next() {
  std::unique_lock<std::mutex> lock(mutex_);
  not_empty_.wait(lock, [this] { return done_ || !queue_.empty(); });
  if (queue_.empty()) {
    if (error_) std::rethrow_exception(error_);
    return nullptr;
  }
  auto e = std::move(queue_.front());
  queue_.pop_front();
  // Likewise: wake the walker only when it may be waiting on a full queue.
  if (queue_.size() + 1 == capacity_) not_full_.notify_one();
  return e;
}

}  // namespace datasweep
