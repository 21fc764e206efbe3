#include "cli/record_sink.h"

#define DATASWEEP_SINK(name, factory) \
  std::unique_ptr<datasweep::RecordSink> factory(std::ostream&, const datasweep::SinkOptions&);
namespace datasweep {
#include "cli/sink_list.inc"
}
#undef DATASWEEP_SINK

namespace datasweep {

std::unique_ptr<RecordSink> MakeSink(std::string_view format, std::ostream& out,
                                     const SinkOptions& options) {
#define DATASWEEP_SINK(name, factory) \
  if (format == name) return factory(out, options);
#include "cli/sink_list.inc"
#undef DATASWEEP_SINK
  return nullptr;
}

std::string_view KnownFormats() {
  static const std::string names = [] {
    std::string s;
#define DATASWEEP_SINK(name, factory) s += std::string(s.empty() ? "" : ", ") + name;
#include "cli/sink_list.inc"
#undef DATASWEEP_SINK
    return s;
  }();
  return names;
}

}  // namespace datasweep
