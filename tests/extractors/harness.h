// Test harness for extractor tests: a recording TextSink, a fake ExtractContext that recurses
// into members through ExtractorRegistry::Default() and TypeSniffer (as the scanner does, with
// `outer!/inner` paths), and the generated format fixtures (corpus/formats/make_formats.py, run
// once per build directory; the generator writes to a temporary directory that is renamed into
// place, so parallel test processes never see half a fixture set).
#pragma once
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "extractors/byte_source.h"
#include "extractors/extractor.h"
#include "extractors/extractor_registry.h"
#include "extractors/type_sniffer.h"

namespace datasweep::testing {

inline std::string FixtureDir() {
  static const std::string dir = [] {
    const std::string d = std::string(DATASWEEP_BUILD_DIR) + "/fixtures/formats";
    struct stat st;
    if (::stat((d + "/pupils.tsv").c_str(), &st) == 0) return d;
    ::mkdir((std::string(DATASWEEP_BUILD_DIR) + "/fixtures").c_str(), 0755);
    const std::string tmp = d + ".tmp." + std::to_string(::getpid());
    // Debian's python3 has the generator's modules even when another python3 is first on PATH.
    const char* python = ::access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
    const std::string cmd = std::string(python) + " '" + DATASWEEP_SOURCE_DIR +
                            "/corpus/formats/make_formats.py' '" + tmp + "'";
    if (std::system(cmd.c_str()) != 0)
      throw std::runtime_error("fixture generation failed: " + cmd);
    if (::rename(tmp.c_str(), d.c_str()) != 0) std::system(("rm -rf '" + tmp + "'").c_str());
    return d;
  }();
  return dir;
}

inline std::string Fixture(const std::string& name) { return FixtureDir() + "/" + name; }

// Expected rows of the generated class list: surname, forename, UPN, DOB, postcode.
inline std::vector<std::vector<std::string>> Pupils() {
  std::vector<std::vector<std::string>> rows;
  std::ifstream in(Fixture("pupils.tsv"));
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> cells;
    std::stringstream ss(line);
    for (std::string c; std::getline(ss, c, '\t');) cells.push_back(c);
    rows.push_back(cells);
  }
  return rows;
}

struct Cell {
  std::string sheet;
  uint32_t row, col;
  std::string text;
};

// What one file or member produced.
struct Record {
  std::string path;
  std::string mime;
  Outcome outcome;
  uint64_t size = 0;
  bool truncated = false;
  std::string text;
  std::vector<std::string> wheres;
  std::map<std::string, std::string> text_at;  // text by `where`
  std::vector<Cell> cells;
  std::map<std::string, std::string> attrs;

  const Cell* At(const std::string& sheet, uint32_t row, uint32_t col) const {
    for (const Cell& c : cells)
      if (c.sheet == sheet && c.row == row && c.col == col) return &c;
    return nullptr;
  }
  bool HasText(const std::string& s) const { return text.find(s) != std::string::npos; }
  bool HasCellText(const std::string& s) const {
    for (const Cell& c : cells)
      if (c.text.find(s) != std::string::npos) return true;
    return false;
  }
  // In prose or in a table cell: CSV members arrive as cells, other text as prose.
  bool HasContent(const std::string& s) const { return HasText(s) || HasCellText(s); }
  bool HasWhere(const std::string& w) const {
    for (const auto& x : wheres)
      if (x == w) return true;
    return false;
  }
};

class RecordingSink final : public TextSink {
 public:
  explicit RecordingSink(Record& r) : r_(r) {}
  bool OnText(std::string_view utf8, std::string_view where) override {
    r_.text.append(utf8);
    r_.text_at[std::string(where)].append(utf8);
    if (r_.wheres.empty() || r_.wheres.back() != where) r_.wheres.emplace_back(where);
    return true;
  }
  bool OnCell(const CellRef& cell, std::string_view utf8) override {
    r_.cells.push_back({std::string(cell.sheet), cell.row, cell.col, std::string(utf8)});
    return true;
  }
  void OnAttribute(std::string_view key, std::string_view value) override {
    r_.attrs[std::string(key)] = std::string(value);
  }

 private:
  Record& r_;
};

// Scans a file or member and, through the context, every member beneath it.
class Harness {
 public:
  ScanLimits limits;
  std::vector<Record> records;  // in completion order, members before their container
  bool expired = false;
  // The context's ForEach; unset: in order on this thread (ExtractContext's default).
  std::function<void(size_t, const std::function<void(size_t)>&)> for_each;

  // Scans `path` with the extractor for its sniffed type (or `extractor` when given).
  const Record& ScanFile(const std::string& path, const Extractor* extractor = nullptr) {
    auto src = FileByteSource::Open(path);
    if (!src) throw std::runtime_error("cannot open " + path);
    const std::string name = path.substr(path.rfind('/') + 1);
    return Records(Scan(*src, name, 0, extractor));
  }
  const Record& ScanMemory(std::string data, const std::string& name,
                           const Extractor* extractor = nullptr) {
    MemoryByteSource src(std::move(data));
    return Records(Scan(src, name, 0, extractor));
  }
  const Record* Find(const std::string& path) const {
    for (const Record& r : records)
      if (r.path == path) return &r;
    return nullptr;
  }
  uint64_t inflated = 0;

 private:
  class Context final : public ExtractContext {
   public:
    Context(Harness& h, std::string path, uint32_t depth) : h_(h), path_(path), depth_(depth) {}
    const ScanLimits& Limits() const override { return h_.limits; }
    uint32_t Depth() const override { return depth_; }
    bool Expired() const override { return h_.expired; }
    void ForEach(size_t count, const std::function<void(size_t)>& body) override {
      if (h_.for_each)
        h_.for_each(count, body);
      else
        ExtractContext::ForEach(count, body);
    }
    uint64_t InflateBudget() const override {
      return h_.inflated >= h_.limits.max_total_inflated
                 ? 0
                 : h_.limits.max_total_inflated - h_.inflated;
    }
    bool ScanEmbedded(EmbeddedMember member) override {
      if (depth_ + 1 > h_.limits.max_depth) return false;
      h_.inflated += member.data.size();
      const bool truncated = member.truncated;
      MemoryByteSource src(std::move(member.data));
      const size_t i = h_.Scan(src, path_ + "!/" + member.name, depth_ + 1, nullptr);
      h_.records[i].truncated = truncated;
      if (truncated) h_.records[i].outcome.Merge({ScanStatus::kPartial, "member truncated"});
      return true;
    }
    void ReportMember(std::string_view name, uint64_t size, const Outcome& outcome) override {
      Record r;
      r.path = path_ + "!/" + std::string(name);
      r.size = size;
      r.outcome = outcome;
      h_.records.push_back(r);
    }

   private:
    Harness& h_;
    std::string path_;
    uint32_t depth_;
  };

  const Record& Records(size_t i) const { return records[i]; }

  size_t Scan(const ByteSource& src, const std::string& path, uint32_t depth,
              const Extractor* extractor) {
    Record r;
    r.path = path;
    r.size = src.Size();
    std::string head;
    src.ReadPrefix(head, 64 * 1024);
    r.mime = sniffer_.Sniff(head, src.Size());
    if (!extractor) extractor = ExtractorRegistry::Default().Find(r.mime);
    if (!extractor) {
      r.outcome = {ScanStatus::kUnsupported, "no extractor for " + r.mime};
    } else {
      Context ctx(*this, path, depth);
      RecordingSink sink(r);
      r.outcome = extractor->Extract(src, ctx, sink);
    }
    records.push_back(std::move(r));
    return records.size() - 1;
  }

  TypeSniffer sniffer_;
};

// A PDF whose objects are `objects` (object k + 1 is objects[k]; object 1 the catalog), with a
// correct cross-reference table.
inline std::string PdfFromObjects(const std::vector<std::string>& objects) {
  std::string pdf = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t k = 0; k < objects.size(); ++k) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(k + 1) + " 0 obj\n" + objects[k] + "\nendobj\n";
  }
  const size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t off : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

inline const Extractor& ExtractorNamed(std::string_view name) {
  for (const auto& e : ExtractorRegistry::Default().All())
    if (e->Name() == name) return *e;
  throw std::runtime_error("no extractor " + std::string(name));
}

}  // namespace datasweep::testing
