// The TBB forms of ContentAnalyzer's ParallelFor and Background: the prose windows and table
// rows of one large file are scanned by whichever threads of the calling thread's task arena
// are free. Used by the sweep (its arena of -j threads) and by a parser worker (an arena of
// the sweep's -j threads of its own), so one large spreadsheet or PDF no longer leaves a core
// idle while its parser runs.
#pragma once
#include "classifiers/content_analyzer.h"

namespace datasweep {

// Runs the batch in isolation: a thread waiting for it never picks up another file meanwhile.
ContentAnalyzer::ParallelFor ArenaParallelFor();
// Starts the batch in an isolated task group and returns its wait: the thread that waits
// helps with the batch and with nothing else.
ContentAnalyzer::Background ArenaBackground();

}  // namespace datasweep
