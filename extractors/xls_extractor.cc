// XlsExtractor: Excel 97-2003 (.xls, BIFF8) cells through libfreexl, every sheet in order, as
// OnCell(sheet name, row, col); dates as dd/mm/yyyy like the XLSX extractor. libfreexl opens
// only a path: a file on disk is opened as /proc/self/fd/N of the already open descriptor, and
// an in-memory member through an anonymous memfd (RAM, never the disk). Password-protected
// workbooks are `encrypted`. Note: libfreexl allocates the sheet's full declared cell grid.
#include <freexl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdio>
#include <memory>

#include "extractors/extractor.h"
#include "extractors/ole2_file.h"

namespace datasweep {
namespace {

// A path libfreexl can open for the bytes of `in`; the memfd is closed on destruction.
class PathForSource {
 public:
  explicit PathForSource(const ByteSource& in) {
    if (const std::string* m = in.Memory()) {
      memfd_ = ::memfd_create("datasweep-xls", MFD_CLOEXEC);
      if (memfd_ < 0) return;
      size_t done = 0;
      while (done < m->size()) {
        const ssize_t n = ::write(memfd_, m->data() + done, m->size() - done);
        if (n <= 0) return;
        done += n;
      }
      path_ = "/proc/self/fd/" + std::to_string(memfd_);
    } else if (in.Fd() >= 0) {
      path_ = "/proc/self/fd/" + std::to_string(in.Fd());
    }
  }
  ~PathForSource() {
    if (memfd_ >= 0) ::close(memfd_);
  }
  const std::string& path() const { return path_; }

 private:
  int memfd_ = -1;
  std::string path_;
};

std::string CellText(const FreeXL_CellValue& v) {
  char buf[64];
  switch (v.type) {
    case FREEXL_CELL_INT:
      return std::to_string(v.value.int_value);
    case FREEXL_CELL_DOUBLE:
      std::snprintf(buf, sizeof buf, "%.15g", v.value.double_value);
      return buf;
    case FREEXL_CELL_TEXT:
    case FREEXL_CELL_SST_TEXT:
    case FREEXL_CELL_TIME:
      return v.value.text_value ? v.value.text_value : "";
    case FREEXL_CELL_DATE:
    case FREEXL_CELL_DATETIME: {
      // "YYYY-MM-DD[ HH:MM:SS]" → "DD/MM/YYYY[ HH:MM:SS]"
      const std::string s = v.value.text_value ? v.value.text_value : "";
      if (s.size() < 10 || s[4] != '-' || s[7] != '-') return s;
      return s.substr(8, 2) + "/" + s.substr(5, 2) + "/" + s.substr(0, 4) + s.substr(10);
    }
    default:
      return "";
  }
}

class XlsExtractor final : public Extractor {
 public:
  std::string_view Name() const override { return "XlsExtractor"; }
  std::vector<std::string_view> MediaTypes() const override { return {"application/vnd.ms-excel"}; }
  Outcome Extract(const ByteSource& in, ExtractContext& ctx, TextSink& out) const override {
    return ExtractXls(in, ctx, out);
  }
};

}  // namespace

Outcome ExtractXls(const ByteSource& in, ExtractContext& ctx, TextSink& out) {
  if (in.Size() > ctx.Limits().max_member_bytes && in.Memory())
    return {ScanStatus::kPartial, "embedded workbook larger than the member limit"};
  PathForSource path(in);
  if (path.path().empty()) return {ScanStatus::kError, "cannot give libfreexl a path"};
  const void* h = nullptr;
  const int rc = freexl_open(path.path().c_str(), &h);
  if (rc != FREEXL_OK) {
    if (h) freexl_close(h);
    return {ScanStatus::kError,
            "libfreexl cannot read the workbook (code " + std::to_string(rc) + ")"};
  }
  std::unique_ptr<const void, int (*)(const void*)> handle(h, freexl_close);
  unsigned int info = 0;
  if (freexl_get_info(h, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK &&
      info == FREEXL_BIFF_OBFUSCATED)
    return {ScanStatus::kEncrypted, "password-protected workbook"};
  unsigned int sheets = 0;
  freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &sheets);
  Outcome outcome;
  for (unsigned short s = 0; s < sheets; ++s) {
    const char* name = nullptr;
    if (freexl_get_worksheet_name(h, s, &name) != FREEXL_OK ||
        freexl_select_active_worksheet(h, s) != FREEXL_OK) {
      outcome.Merge({ScanStatus::kPartial, "sheet " + std::to_string(s + 1) + " unreadable"});
      continue;
    }
    const std::string sheet = name ? name : "Sheet" + std::to_string(s + 1);
    unsigned int rows = 0;
    unsigned short cols = 0;
    if (freexl_worksheet_dimensions(h, &rows, &cols) != FREEXL_OK) continue;
    for (unsigned int r = 0; r < rows; ++r) {
      if ((r & 0x3FF) == 0 && ctx.Expired()) {
        outcome.Merge({ScanStatus::kPartial, "time limit reached"});
        return outcome;
      }
      for (unsigned short c = 0; c < cols; ++c) {
        FreeXL_CellValue v;
        if (freexl_get_cell_value(h, r, c, &v) != FREEXL_OK) continue;
        const std::string text = CellText(v);
        if (!text.empty() && !out.OnCell(CellRef{sheet, r, c}, text)) return outcome;
      }
    }
  }
  return outcome;
}

std::unique_ptr<Extractor> MakeXlsExtractor() { return std::make_unique<XlsExtractor>(); }

}  // namespace datasweep
