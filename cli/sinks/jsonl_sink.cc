// JSON Lines (SPEC §5): one object per file or member, then one summary object. The contract
// every other format and every test builds on.
#include "cli/record_sink.h"

namespace datasweep {
namespace {

class JsonlSink final : public RecordSink {
 public:
  explicit JsonlSink(std::ostream& out) : out_(out) {}
  void Write(const Record& r) override {
    out_ << ToJson(r).dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
  }
  void Finish(const Summary& s) override {
    out_ << ToJson(s).dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
  }

 private:
  std::ostream& out_;
};

}  // namespace

std::unique_ptr<RecordSink> MakeJsonlSink(std::ostream& out, const SinkOptions&) {
  return std::make_unique<JsonlSink>(out);
}

}  // namespace datasweep
