#include "scanner/walk_ahead.h"

#include <vector>

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
  // Entries are handed over in batches: a hand-over per file would cost the consumer a futex
  // wake-up per file whenever it keeps up with the walk. A batch goes when it is full or has
  // waited kMaxDelay, so a slow walk (a share over a slow link) still feeds the scan promptly.
  std::vector<std::unique_ptr<WalkEntry>> batch;
  auto last_handover = Clock::now();
  auto hand_over = [&]() -> bool {
    std::unique_lock<std::mutex> lock(mutex_);
    not_full_.wait(lock, [this] { return stopped_ || queue_.size() < capacity_; });
    if (stopped_) return false;
    const bool was_empty = queue_.empty();
    for (auto& e : batch) queue_.push_back(std::move(e));
    batch.clear();
    lock.unlock();
    if (was_empty) not_empty_.notify_one();
    last_handover = Clock::now();
    return true;
  };
  try {
    for (;;) {
      auto e = std::make_unique<WalkEntry>();
      if (!walker_.Next(e.get())) break;
      batch.push_back(std::move(e));
      if ((batch.size() >= kBatch || Clock::now() - last_handover >= kMaxDelay) && !hand_over())
        return;
    }
    if (!batch.empty() && !hand_over()) return;
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
  // Wake the walker only when it may be waiting on a full queue.
  if (queue_.size() + 1 == capacity_) not_full_.notify_one();
  return e;
}

}  // namespace datasweep
