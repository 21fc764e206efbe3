// isolated_task_group is a oneTBB preview feature (present in every 2021 release); it is the
// only task group whose wait runs nothing but its own tasks.
#define TBB_PREVIEW_ISOLATED_TASK_GROUP 1
#include "scanner/scan_threads.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>
#include <tbb/task_group.h>

#include <memory>

namespace datasweep {
namespace {

void ForEach(size_t count, const std::function<void(size_t)>& body) {
  tbb::parallel_for(tbb::blocked_range<size_t>(0, count, 1),
                    [&](const tbb::blocked_range<size_t>& r) {
                      for (size_t i = r.begin(); i != r.end(); ++i) body(i);
                    });
}

}  // namespace

ContentAnalyzer::ParallelFor ArenaParallelFor() {
  return [](size_t count, const std::function<void(size_t)>& body) {
    tbb::this_task_arena::isolate([&] { ForEach(count, body); });
  };
}

ContentAnalyzer::Background ArenaBackground() {
  return [](size_t count, std::function<void(size_t)> body) -> std::function<void()> {
    auto group = std::make_shared<tbb::isolated_task_group>();
    // No isolate inside: the batch's tasks carry the group's isolation, so its wait can run them.
    group->run([count, body = std::move(body)] { ForEach(count, body); });
    return [group] { group->wait(); };
  };
}

}  // namespace datasweep
