#include "scanner/pipeline.h"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include <chrono>
#include <ctime>
#include <memory>

namespace datasweep {

Summary Pipeline::Run(const SweepOptions& options, const std::function<void(const Record&)>& write,
                      SweepProgress* progress) {
  SweepProgress local;
  SweepProgress& p = progress ? *progress : local;
  Summary summary;
  summary.roots = options.roots;
  summary.started = FormatTimestamp(std::time(nullptr));
  const auto t0 = std::chrono::steady_clock::now();

  Walker walker(options.roots, options.excludes);
  tbb::enumerable_thread_specific<std::unique_ptr<FileScanner>> scanners(
      [this] { return std::make_unique<FileScanner>(env_); });
  using Batch = std::vector<Record>;
  const int jobs = std::max(1, options.jobs);
  tbb::task_arena arena(jobs);
  arena.execute([&] {
    tbb::parallel_pipeline(
        static_cast<size_t>(jobs) * 4,
        tbb::make_filter<void, WalkEntry*>(
            tbb::filter_mode::serial_in_order,
            [&](tbb::flow_control& fc) -> WalkEntry* {
              auto e = std::make_unique<WalkEntry>();
              if (p.stop.load() || !walker.Next(e.get())) {
                fc.stop();
                return nullptr;
              }
              return e.release();
            }) &
            tbb::make_filter<WalkEntry*, Batch*>(
                tbb::filter_mode::parallel,
                [&](WalkEntry* raw) -> Batch* {
                  std::unique_ptr<WalkEntry> e(raw);
                  auto batch = std::make_unique<Batch>();
                  scanners.local()->Scan(*e, [&](Record&& r) { batch->push_back(std::move(r)); });
                  return batch.release();
                }) &
            tbb::make_filter<Batch*, void>(tbb::filter_mode::serial_out_of_order, [&](Batch* raw) {
              std::unique_ptr<Batch> batch(raw);
              for (const Record& r : *batch) {
                const bool top = r.depth == 0;
                summary.Add(r, top);
                if (top) {
                  p.files.fetch_add(1, std::memory_order_relaxed);
                  p.bytes.fetch_add(r.size, std::memory_order_relaxed);
                }
                write(r);
              }
            }));
  });
  summary.elapsed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  summary.finished = FormatTimestamp(std::time(nullptr));
  return summary;
}

}  // namespace datasweep
