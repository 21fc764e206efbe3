// XlsxExtractor: Excel 2007+ (XLSX/XLSM/XLTX). Every worksheet, in workbook order, streams
// through XmlPart; each non-empty cell becomes OnCell(sheet name, row, col) with its position
// from the `r` attribute ("B2" → row 1, col 1). Shared strings, inline strings, formula string
// results, booleans and numbers are resolved; numbers in a date format are written as
// dd/mm/yyyy (as a UK Excel shows them) so birth dates are visible to the detectors.
#include <cmath>
#include <cstdio>
#include <ctime>
#include <map>
#include <memory>
#include <vector>

#include "extractors/extractor.h"
#include "extractors/office_zip.h"
#include "extractors/text_buffer.h"
#include "extractors/xml_part.h"

namespace datasweep {
namespace {

struct SheetRef {
  std::string name;
  std::string rid;
  std::string part;
};

struct Workbook {
  std::vector<SheetRef> sheets;
  bool date1904 = false;
  std::vector<bool> date_styles;  // by cellXfs index
  std::vector<std::string> strings;
  uint64_t strings_bytes = 0;
  bool strings_overflow = false;
};

std::unique_ptr<XmlPart> OpenPart(ZipArchive& zip, const std::string& name,
                                  const ExtractContext& ctx, std::string& error) {
  return XmlPart::Open(zip, name, PartCap(ctx), ctx.Limits().max_ratio, error);
}

void ReadWorkbook(ZipArchive& zip, const ExtractContext& ctx, Workbook& wb, Outcome& outcome) {
  std::string error;
  auto xml = OpenPart(zip, "xl/workbook.xml", ctx, error);
  if (!xml) return;
  while (xml->Next()) {
    if (!xml->IsElement()) continue;
    if (xml->LocalName() == "sheet") {
      wb.sheets.push_back({xml->Attr("name").value_or(""), xml->Attr("r:id").value_or(""), ""});
    } else if (xml->LocalName() == "workbookPr") {
      const auto d = xml->Attr("date1904");
      wb.date1904 = d && (*d == "1" || *d == "true");
    }
  }
  NotePartProblem(xml->Problem(), outcome);
}

// Relationship ids → part names ("worksheets/sheet1.xml" → "xl/worksheets/sheet1.xml").
std::map<std::string, std::string> ReadRels(ZipArchive& zip, const ExtractContext& ctx) {
  std::map<std::string, std::string> rels;
  std::string error;
  auto xml = OpenPart(zip, "xl/_rels/workbook.xml.rels", ctx, error);
  if (!xml) return rels;
  while (xml->Next()) {
    if (!xml->IsElement() || xml->LocalName() != "Relationship") continue;
    std::string target = xml->Attr("Target").value_or("");
    if (target.starts_with("/"))
      target.erase(0, 1);
    else
      target = "xl/" + target;
    rels[xml->Attr("Id").value_or("")] = target;
  }
  return rels;
}

// A number format shows a date when its code has d/m/y outside quotes, escapes and [colour]s.
bool IsDateFormatCode(std::string_view code) {
  bool quoted = false, bracket = false;
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"')
      quoted = !quoted;
    else if (quoted)
      continue;
    else if (c == '\\' || c == '_' || c == '*')
      ++i;
    else if (c == '[')
      bracket = true;
    else if (c == ']')
      bracket = false;
    else if (!bracket && (c == 'd' || c == 'D' || c == 'y' || c == 'Y'))
      return true;
  }
  return false;
}

bool IsBuiltinDateFormat(int id) {
  return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

void ReadStyles(ZipArchive& zip, const ExtractContext& ctx, Workbook& wb) {
  std::string error;
  auto xml = OpenPart(zip, "xl/styles.xml", ctx, error);
  if (!xml) return;
  std::map<int, bool> custom;
  bool in_xfs = false;
  while (xml->Next()) {
    const std::string_view name = xml->LocalName();
    if (xml->IsEnd() && name == "cellXfs") in_xfs = false;
    if (!xml->IsElement()) continue;
    if (name == "numFmt") {
      custom[std::atoi(xml->Attr("numFmtId").value_or("0").c_str())] =
          IsDateFormatCode(xml->Attr("formatCode").value_or(""));
    } else if (name == "cellXfs") {
      in_xfs = !xml->IsEmptyElement();
    } else if (in_xfs && name == "xf") {
      const int id = std::atoi(xml->Attr("numFmtId").value_or("0").c_str());
      const auto it = custom.find(id);
      wb.date_styles.push_back(it != custom.end() ? it->second : IsBuiltinDateFormat(id));
    }
  }
}

// Shared strings are kept (for cell lookup) up to max_member_bytes of text; strings past that
// are still sent as prose so that nothing in the file goes unread.
bool ReadSharedStrings(ZipArchive& zip, ExtractContext& ctx, TextSink& out, Workbook& wb,
                       Outcome& outcome) {
  std::string error;
  auto xml = OpenPart(zip, "xl/sharedStrings.xml", ctx, error);
  if (!xml) return true;
  TextBuffer overflow(out, "sharedStrings");
  std::string si;
  int phonetic_depth = -1;
  bool in_t = false;
  uint64_t nodes = 0;
  while (xml->Next()) {
    if ((++nodes & 0xFFFF) == 0 && ctx.Expired()) {
      outcome.Merge({ScanStatus::kPartial, "time limit reached"});
      return false;
    }
    const std::string_view name = xml->LocalName();
    if (xml->IsElement()) {
      if (name == "si")
        si.clear();
      else if (name == "rPh" && !xml->IsEmptyElement())
        phonetic_depth = xml->Depth();
      else if (name == "t" && phonetic_depth < 0)
        in_t = !xml->IsEmptyElement();
    } else if (xml->IsEnd()) {
      if (name == "t")
        in_t = false;
      else if (name == "rPh")
        phonetic_depth = -1;
      else if (name == "si") {
        if (wb.strings_bytes + si.size() <= ctx.Limits().max_member_bytes) {
          wb.strings_bytes += si.size();
          wb.strings.push_back(si);
        } else {
          wb.strings_overflow = true;
          overflow.Append(si);
          overflow.Append('\n');
          if (overflow.stopped()) return false;
        }
      }
    } else if (in_t && xml->IsText()) {
      si.append(xml->Value());
    }
  }
  NotePartProblem(xml->Problem(), outcome);
  if (wb.strings_overflow)
    outcome.Merge({ScanStatus::kPartial,
                   "shared string table over max_member_bytes: later strings scanned as text "
                   "without their cell positions"});
  return overflow.Flush();
}

// "AB12" → col 27, row 11 (0-based). False when `ref` is not a cell reference.
bool ParseCellRef(std::string_view ref, uint32_t& row, uint32_t& col) {
  size_t i = 0;
  uint64_t c = 0, r = 0;
  while (i < ref.size() && std::isalpha(static_cast<unsigned char>(ref[i])))
    c = c * 26 + (std::toupper(static_cast<unsigned char>(ref[i++])) - 'A' + 1);
  const size_t letters = i;
  while (i < ref.size() && std::isdigit(static_cast<unsigned char>(ref[i])))
    r = r * 10 + (ref[i++] - '0');
  if (letters == 0 || letters > 3 || i != ref.size() || r == 0 || r > (1u << 20)) return false;
  row = r - 1;
  col = c - 1;
  return true;
}

// Excel serial day number → dd/mm/yyyy (with hh:mm when there is a time of day).
std::string SerialToDate(double serial, bool date1904) {
  if (!(serial >= 0 && serial < 2958466)) return {};
  // 1899-12-30 absorbs Excel's phantom 29 Feb 1900 for every serial after it.
  const double base = date1904 ? 24107.0 : 25569.0;  // days from the base to 1970-01-01
  const double days = std::floor(serial);
  const time_t t = static_cast<time_t>((days - base) * 86400.0);
  struct tm tm;
  gmtime_r(&t, &tm);
  char buf[64];
  const int minutes = static_cast<int>(std::lround((serial - days) * 1440.0));
  if (minutes > 0 && minutes < 1440)
    std::snprintf(buf, sizeof buf, "%02d/%02d/%04d %02d:%02d", tm.tm_mday, tm.tm_mon + 1,
                  tm.tm_year + 1900, minutes / 60, minutes % 60);
  else
    std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", tm.tm_mday, tm.tm_mon + 1, tm.tm_year + 1900);
  return buf;
}

struct CellState {
  std::string type;
  int style = 0;
  std::string value;        // <v>
  std::string inline_text;  // <is>
  bool has_ref = false;
  uint32_t row = 0, col = 0;
};

// Streams one worksheet, emitting a cell at each </c>.
class SheetReader {
 public:
  SheetReader(const Workbook& wb, const std::string& sheet, TextSink& out)
      : wb_(wb), sheet_(sheet), out_(out) {}

  Outcome Run(XmlPart& xml, ExtractContext& ctx) {
    Outcome outcome;
    uint64_t nodes = 0;
    while (!stopped_ && xml.Next()) {
      if ((++nodes & 0xFFFF) == 0 && ctx.Expired()) {
        outcome.Merge({ScanStatus::kPartial, "time limit reached"});
        break;
      }
      if (xml.IsElement())
        OnStart(xml);
      else if (xml.IsEnd())
        OnEnd(xml.LocalName());
      else if (capture_ && xml.IsText())
        capture_->append(xml.Value());
    }
    NotePartProblem(xml.Problem(), outcome);
    return outcome;
  }
  bool stopped() const { return stopped_; }

 private:
  void OnStart(XmlPart& xml) {
    const std::string_view name = xml.LocalName();
    if (name == "row") {
      const auto r = xml.Attr("r");
      // Without `r` rows follow on from the previous one (UINT32_MAX + 1 wraps to row 0).
      row_ = r ? static_cast<uint32_t>(std::max(1L, std::atol(r->c_str())) - 1) : row_ + 1;
      col_ = UINT32_MAX;
    } else if (name == "c") {
      cell_ = CellState{};
      cell_.type = xml.Attr("t").value_or("");
      cell_.style = std::atoi(xml.Attr("s").value_or("0").c_str());
      const auto r = xml.Attr("r");
      uint32_t row, col;
      if (r && ParseCellRef(*r, row, col)) {
        cell_.row = row;
        cell_.col = col;
      } else {
        cell_.row = row_;
        cell_.col = col_ + 1;
      }
      row_ = cell_.row;
      col_ = cell_.col;
      if (xml.IsEmptyElement()) cell_ = CellState{};
    } else if (name == "v" && !xml.IsEmptyElement()) {
      capture_ = &cell_.value;
    } else if (name == "rPh" && !xml.IsEmptyElement()) {
      in_phonetic_ = true;
    } else if (name == "t" && !xml.IsEmptyElement() && !in_phonetic_) {
      capture_ = &cell_.inline_text;
    }
  }

  void OnEnd(std::string_view name) {
    if (name == "v" || name == "t")
      capture_ = nullptr;
    else if (name == "rPh")
      in_phonetic_ = false;
    else if (name == "c")
      Emit();
  }

  void Emit() {
    std::string text = Resolve();
    if (text.empty()) return;
    if (!out_.OnCell(CellRef{sheet_, cell_.row, cell_.col}, text)) stopped_ = true;
  }

  std::string Resolve() const {
    const std::string& t = cell_.type;
    if (t == "s") {
      const long i = std::atol(cell_.value.c_str());
      return i >= 0 && static_cast<size_t>(i) < wb_.strings.size() ? wb_.strings[i] : "";
    }
    if (t == "inlineStr") return cell_.inline_text;
    if (t == "b") return cell_.value == "1" ? "TRUE" : cell_.value.empty() ? "" : "FALSE";
    if ((t.empty() || t == "n") && !cell_.value.empty() && cell_.style >= 0 &&
        static_cast<size_t>(cell_.style) < wb_.date_styles.size() && wb_.date_styles[cell_.style]) {
      std::string d = SerialToDate(std::atof(cell_.value.c_str()), wb_.date1904);
      if (!d.empty()) return d;
    }
    return cell_.value;
  }

  const Workbook& wb_;
  const std::string& sheet_;
  TextSink& out_;
  CellState cell_;
  std::string* capture_ = nullptr;
  bool in_phonetic_ = false;
  uint32_t row_ = UINT32_MAX, col_ = UINT32_MAX;
  bool stopped_ = false;
};

class XlsxExtractor final : public Extractor {
 public:
  std::string_view Name() const override { return "XlsxExtractor"; }
  std::vector<std::string_view> MediaTypes() const override {
    return {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.template",
            "application/vnd.ms-excel.sheet.macroEnabled.12",
            "application/vnd.ms-excel.template.macroEnabled.12"};
  }
  Outcome Extract(const ByteSource& in, ExtractContext& ctx, TextSink& out) const override {
    return ExtractOfficeSource(OfficeKind::kXlsx, in, ctx, out);
  }
};

}  // namespace

Outcome ExtractXlsx(ZipArchive& zip, ExtractContext& ctx, TextSink& out) {
  Outcome outcome;
  Workbook wb;
  ReadWorkbook(zip, ctx, wb, outcome);
  const auto rels = ReadRels(zip, ctx);
  for (SheetRef& s : wb.sheets) {
    const auto it = rels.find(s.rid);
    if (it != rels.end()) s.part = it->second;
  }
  if (wb.sheets.empty()) return {ScanStatus::kError, "workbook lists no sheets"};
  ReadStyles(zip, ctx, wb);
  if (!ReadSharedStrings(zip, ctx, out, wb, outcome)) return outcome;
  for (const SheetRef& s : wb.sheets) {
    if (ctx.Expired()) {
      outcome.Merge({ScanStatus::kPartial, "time limit reached"});
      break;
    }
    std::string error;
    auto xml = s.part.empty() ? nullptr : OpenPart(zip, s.part, ctx, error);
    if (!xml) {
      // Chart sheets have no cells; a missing worksheet part is damage.
      if (!s.part.starts_with("xl/chartsheets/"))
        outcome.Merge({ScanStatus::kPartial, "sheet '" + s.name + "' unreadable: " + error});
      continue;
    }
    SheetReader reader(wb, s.name, out);
    outcome.Merge(reader.Run(*xml, ctx));
    if (reader.stopped()) return outcome;
  }
  ScanOfficeEmbeddings(zip, "xl/embeddings/", ctx, outcome);
  return outcome;
}

std::unique_ptr<Extractor> MakeXlsxExtractor() { return std::make_unique<XlsxExtractor>(); }

}  // namespace datasweep
