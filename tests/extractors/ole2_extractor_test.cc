#include <gsf/gsf-outfile-msole.h>
#include <gsf/gsf-outfile.h>
#include <gsf/gsf-output-memory.h>
#include <gsf/gsf-utils.h>

#include <catch2/catch.hpp>

#include "tests/extractors/harness.h"

using namespace datasweep;
using namespace datasweep::testing;

namespace {

// Builds a compound file in memory with libgsf's writer (Debian has no .msg/.doc generator).
class OleWriter {
 public:
  OleWriter() {
    gsf_init();
    mem_ = gsf_output_memory_new();
    root_ = gsf_outfile_msole_new(mem_);
  }
  GsfOutfile* root() { return root_; }
  GsfOutfile* Dir(GsfOutfile* parent, const char* name) {
    GsfOutput* d = gsf_outfile_new_child(parent, name, TRUE);
    open_.push_back(d);
    return GSF_OUTFILE(d);
  }
  void Stream(GsfOutfile* dir, const char* name, const std::string& data) {
    GsfOutput* s = gsf_outfile_new_child(dir, name, FALSE);
    gsf_output_write(s, data.size(), reinterpret_cast<const guint8*>(data.data()));
    gsf_output_close(s);
    g_object_unref(s);
  }
  std::string Finish() {
    for (auto it = open_.rbegin(); it != open_.rend(); ++it) {
      gsf_output_close(*it);
      g_object_unref(*it);
    }
    gsf_output_close(GSF_OUTPUT(root_));
    g_object_unref(root_);
    const auto* bytes = gsf_output_memory_get_bytes(GSF_OUTPUT_MEMORY(mem_));
    std::string out(reinterpret_cast<const char*>(bytes), gsf_output_size(mem_));
    g_object_unref(mem_);
    return out;
  }

 private:
  GsfOutput* mem_;
  GsfOutfile* root_;
  std::vector<GsfOutput*> open_;
};

std::string Utf16(const std::string& ascii) {
  std::string out;
  for (char c : ascii) {
    out.push_back(c);
    out.push_back('\0');
  }
  return out;
}

void Put32(std::string& s, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) s[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}

std::string CsvOfPupils() {
  std::string csv = "Legal Surname,Forename,UPN\r\n";
  for (const auto& p : Pupils()) csv += p[0] + "," + p[1] + "," + p[2] + "\r\n";
  return csv;
}

std::string MakeMsg() {
  const auto pupils = Pupils();
  OleWriter w;
  w.Stream(w.root(), "__substg1.0_0037001F", Utf16("Medical note for " + pupils[6][1]));
  w.Stream(w.root(), "__substg1.0_0C1A001F", Utf16("Zoe Teacher"));
  w.Stream(w.root(), "__substg1.0_5D01001F", Utf16("zoe.teacher@example.sch.uk"));
  w.Stream(w.root(), "__substg1.0_0E04001F", Utf16("Head of Year"));
  w.Stream(w.root(), "__substg1.0_1000001F",
           Utf16("Please note " + pupils[6][1] + " " + pupils[6][0] + " (UPN " + pupils[6][2] +
                 ") has asthma.\r\n"));
  std::string props(48, '\0');
  Put32(props, 32, 0x00390040);
  const uint64_t ft = (1704187800ULL + 11644473600ULL) * 10000000ULL;  // 2024-01-02T09:30:00Z
  Put32(props, 40, static_cast<uint32_t>(ft));
  Put32(props, 44, static_cast<uint32_t>(ft >> 32));
  w.Stream(w.root(), "__properties_version1.0", props);
  GsfOutfile* recip = w.Dir(w.root(), "__recip_version1.0_#00000000");
  w.Stream(recip, "__substg1.0_3001001F", Utf16("Head of Year"));
  w.Stream(recip, "__substg1.0_39FE001F", Utf16("hoy@example.sch.uk"));
  GsfOutfile* att = w.Dir(w.root(), "__attach_version1.0_#00000000");
  w.Stream(att, "__substg1.0_3707001F", Utf16("class list.csv"));
  w.Stream(att, "__substg1.0_37010102", CsvOfPupils());
  return w.Finish();
}

// A Word 97 document: FIB + two text pieces (one CP-1252, one UTF-16) + the CLX in 1Table.
std::string MakeDoc(bool encrypted) {
  const auto pupils = Pupils();
  const std::string piece1 = "Pupil record\r";
  const std::string piece2 = "UPN: " + pupils[8][2] + "\r\x13 HYPERLINK \"x\" \x14link\x15" +
                             "Name\x07" + pupils[8][0] + "\x07\x07";
  std::string word(0x800, '\0');
  word[0] = '\xEC';
  word[1] = '\xA5';
  word[2] = '\xC1';
  word[0x0A] = 0;
  word[0x0B] = static_cast<char>(0x02 | (encrypted ? 0x01 : 0));  // fWhichTblStm (+ fEncrypted)
  word.replace(0x400, piece1.size(), piece1);
  const std::string u = Utf16(piece2);
  word.replace(0x600, u.size(), u);
  std::string clx(1 + 4 + 3 * 4 + 2 * 8, '\0');
  clx[0] = 0x02;
  Put32(clx, 1, 3 * 4 + 2 * 8);
  Put32(clx, 5, 0);
  Put32(clx, 9, piece1.size());
  Put32(clx, 13, piece1.size() + piece2.size());
  Put32(clx, 17 + 2, (0x400 * 2) | 0x40000000);
  Put32(clx, 25 + 2, 0x600);
  Put32(word, 0x1A2, 0);
  Put32(word, 0x1A6, clx.size());
  OleWriter w;
  w.Stream(w.root(), "WordDocument", word);
  w.Stream(w.root(), "1Table", clx);
  return w.Finish();
}

}  // namespace

TEST_CASE("msg: headers, UTF-16 body, date, recipients and attachment member") {
  Harness h;
  const Record& r = h.ScanMemory(MakeMsg(), "note.msg");
  CHECK(r.mime == "application/vnd.ms-outlook");
  CHECK(r.outcome.status == ScanStatus::kComplete);
  const auto pupils = Pupils();
  CHECK(r.HasText("From: Zoe Teacher <zoe.teacher@example.sch.uk>\n"));
  CHECK(r.HasText("Subject: Medical note for " + pupils[6][1] + "\n"));
  CHECK(r.HasText("Recipient: Head of Year <hoy@example.sch.uk>\n"));
  CHECK(r.text_at.at("body").find("(UPN " + pupils[6][2] + ") has asthma.") != std::string::npos);
  CHECK(r.attrs.at("email_date") == "2024-01-02T09:30:00Z");
  const Record* att = h.Find("note.msg!/class list.csv");
  REQUIRE(att);
  CHECK(att->HasContent(pupils[29][2]));
}

TEST_CASE("doc: text through the piece table, fields and cell marks handled") {
  Harness h;
  const Record& r = h.ScanMemory(MakeDoc(false), "record.doc", &ExtractorNamed("DocExtractor"));
  CHECK(r.outcome.status == ScanStatus::kComplete);
  const auto pupils = Pupils();
  CHECK(r.text == "Pupil record\nUPN: " + pupils[8][2] + "\nlinkName\t" + pupils[8][0] + "\t\t");
  // The generic compound-file extractor routes by stream names to the same code.
  Harness h2;
  const Record& g = h2.ScanMemory(MakeDoc(false), "x.doc", &ExtractorNamed("Ole2Extractor"));
  CHECK(g.HasText(pupils[8][2]));
}

TEST_CASE("doc: encrypted flag means encrypted, garbage is an error") {
  Harness h;
  const Record& r = h.ScanMemory(MakeDoc(true), "locked.doc", &ExtractorNamed("DocExtractor"));
  CHECK(r.outcome.status == ScanStatus::kEncrypted);
  const Record& bad =
      h.ScanMemory(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(600, 'x'),
                   "bad.doc", &ExtractorNamed("DocExtractor"));
  CHECK(bad.outcome.status == ScanStatus::kError);
}

TEST_CASE("ole2: an EncryptedPackage stream is a password-protected Office file") {
  OleWriter w;
  w.Stream(w.root(), "EncryptionInfo", std::string(64, '\1'));
  w.Stream(w.root(), "EncryptedPackage", std::string(4096, '\2'));
  Harness h;
  const Record& r = h.ScanMemory(w.Finish(), "locked.xlsx", &ExtractorNamed("Ole2Extractor"));
  CHECK(r.outcome.status == ScanStatus::kEncrypted);
}

TEST_CASE("xls: cells of every sheet via libfreexl, from a file and from memory") {
  const auto pupils = Pupils();
  Harness h;
  const Record& r = h.ScanFile(Fixture("class_list.xls"));
  CHECK(r.mime == "application/vnd.ms-excel");
  CHECK(r.outcome.status == ScanStatus::kComplete);
  REQUIRE(r.At("Cover", 0, 0));
  CHECK(r.At("Cover", 0, 0)->text == "Staff contact sheet");
  REQUIRE(r.At("Pupils", 0, 2));
  CHECK(r.At("Pupils", 0, 2)->text == "UPN");
  REQUIRE(r.At("Pupils", 30, 2));
  CHECK(r.At("Pupils", 30, 2)->text == pupils[29][2]);
  REQUIRE(r.At("Pupils", 30, 3));
  CHECK(r.At("Pupils", 30, 3)->text == pupils[29][3]);  // a date cell → dd/mm/yyyy

  std::ifstream in(Fixture("class_list.xls"), std::ios::binary);
  std::string data((std::istreambuf_iterator<char>(in)), {});
  Harness m;
  const Record& mr = m.ScanMemory(data, "member.xls");
  REQUIRE(mr.At("Pupils", 5, 2));
  CHECK(mr.At("Pupils", 5, 2)->text == pupils[4][2]);
}

TEST_CASE("pst: reported unsupported with the reason, whichever type name it arrives under") {
  const std::string pst = std::string("!BDN") + std::string(508, '\0');
  Harness h;
  const Record& r = h.ScanMemory(pst, "mail.pst");
  CHECK(r.outcome.status == ScanStatus::kUnsupported);
  CHECK_THAT(r.outcome.reason, Catch::Contains("PST"));
  const Record& m = h.ScanMemory(pst, "mail2.pst", &ExtractorNamed("MsgExtractor"));
  CHECK(m.outcome.status == ScanStatus::kUnsupported);
  CHECK(m.attrs.at("mail_store") == "pst");
}
