#include "scanner/pipeline.h"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>
#include <time.h>

#include <chrono>
#include <ctime>
#include <memory>

#include "scanner/scan_threads.h"
#include "scanner/walk_ahead.h"

namespace datasweep {
namespace {

// How far the walk may run ahead of the scan: enough to keep it busy while the first files
// wait (on the state's index, or on a slow extractor), small enough to be a few MB at most.
constexpr size_t kWalkAhead = 4096;

// One walked entry on its way through the pipeline with the records it produced.
struct Batch {
  std::unique_ptr<WalkEntry> entry;
  std::vector<Record> records;
  bool reused = false;
  int64_t scan_started_ns = 0;
  uintptr_t hint = 0;  // from RecordCache::Lookup to Done
};

// The clock file timestamps are taken from (the kernel's coarse clock): a file whose ctime is
// not before this instant may still change within the same tick without changing its ctime.
int64_t CoarseNowNs() {
  timespec ts{};
  clock_gettime(CLOCK_REALTIME_COARSE, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

}  // namespace

Summary Pipeline::Run(const SweepOptions& options, const std::function<void(const Record&)>& write,
                      SweepProgress* progress) {
  SweepProgress local;
  SweepProgress& p = progress ? *progress : local;
  Summary summary;
  summary.roots = options.roots;
  summary.started = FormatTimestamp(std::time(nullptr));
  const auto t0 = std::chrono::steady_clock::now();

  Walker walker(options.roots, options.excludes);
  WalkAhead ahead(walker, kWalkAhead);
  std::string folder;  // last folder announced to `p` (walk stage only)
  // A large file's prose windows and table rows are scanned by whichever of the sweep's
  // threads are free, a full batch while the file's own thread reads the next.
  ScanEnvironment env = env_;
  env.parallel_for = ArenaParallelFor();
  env.background = ArenaBackground();
  tbb::enumerable_thread_specific<std::unique_ptr<FileScanner>> scanners(
      [&env] { return std::make_unique<FileScanner>(env); });
  RecordCache* const cache = options.cache;
  const int jobs = std::max(1, options.jobs);
  tbb::task_arena arena(jobs);
  arena.execute([&] {
    tbb::parallel_pipeline(
        static_cast<size_t>(jobs) * 4,
        tbb::make_filter<void, WalkEntry*>(tbb::filter_mode::serial_in_order,
                                           [&](tbb::flow_control& fc) -> WalkEntry* {
                                             std::unique_ptr<WalkEntry> e;
                                             if (p.stop.load() || !(e = ahead.Next())) {
                                               fc.stop();
                                               return nullptr;
                                             }
                                             const std::string_view parent =
                                                 std::string_view(e->path).substr(
                                                     0, e->path.rfind('/') + 1);
                                             if (parent != folder) {
                                               folder.assign(parent);
                                               p.SetFolder(folder);
                                             }
                                             return e.release();
                                           }) &
            tbb::make_filter<WalkEntry*, Batch*>(
                tbb::filter_mode::parallel,
                [&](WalkEntry* raw) -> Batch* {
                  auto batch = std::make_unique<Batch>();
                  batch->entry.reset(raw);
                  if (cache && cache->Lookup(*batch->entry, &batch->records, &batch->hint)) {
                    batch->reused = true;
                    return batch.release();
                  }
                  batch->records.clear();
                  if (cache) batch->scan_started_ns = CoarseNowNs();
                  scanners.local()->Scan(
                      *batch->entry, [&](Record&& r) { batch->records.push_back(std::move(r)); });
                  return batch.release();
                }) &
            tbb::make_filter<Batch*, void>(tbb::filter_mode::serial_out_of_order, [&](Batch* raw) {
              std::unique_ptr<Batch> batch(raw);
              if (batch->reused) p.reused.fetch_add(1, std::memory_order_relaxed);
              for (const Record& r : batch->records) {
                const bool top = r.depth == 0;
                summary.Add(r, top);
                if (top) {
                  p.files.fetch_add(1, std::memory_order_relaxed);
                  p.bytes.fetch_add(r.size, std::memory_order_relaxed);
                }
                write(r);
              }
              if (cache)
                cache->Done(*batch->entry, batch->records, batch->reused, batch->scan_started_ns,
                            batch->hint);
            }));
  });
  summary.elapsed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  summary.finished = FormatTimestamp(std::time(nullptr));
  return summary;
}

}  // namespace datasweep
