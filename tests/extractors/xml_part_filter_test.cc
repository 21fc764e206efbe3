#include "extractors/xml_part_filter.h"

#include <catch2/catch.hpp>
#include <string>

using datasweep::XmlPartFilter;

namespace {

// Runs `in` through a fresh filter, `step` bytes per Feed call.
std::string Filter(const std::string& in, size_t step, XmlPartFilter* f_out = nullptr) {
  XmlPartFilter f;
  std::string out;
  for (size_t i = 0; i < in.size(); i += step)
    f.Feed(in.data() + i, std::min(step, in.size() - i), out);
  f.Finish(out);
  if (f_out) *f_out = f;
  return out;
}

const std::string kDecl = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
const std::string kBody =
    "<w:document><w:body><w:p><w:t>NHS 943 476 5919</w:t></w:p></w:body></w:document>";

}  // namespace

TEST_CASE("a DOCTYPE in the prolog is removed, whatever its internal subset holds") {
  const std::string doctype =
      "<!DOCTYPE w:document SYSTEM \"x].dtd\" [\n"
      "  <!ENTITY lol \"lol\"> <!ENTITY a '>]'> <!-- a comment with ]> and \" -->\n"
      "  <?pi with ' and ]>?> <!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n"
      "]>\n";
  const std::string in = kDecl + "<!-- kept -->" + doctype + kBody;
  for (size_t step : {1, 2, 3, 7, 4096}) {
    INFO("step " << step);
    XmlPartFilter f;
    CHECK(Filter(in, step, &f) == kDecl + "<!-- kept -->\n" + kBody);
    CHECK(f.SkippedDoctype());
  }
}

TEST_CASE(
    "undeclared entity references are dropped; predefined, numeric, CDATA and comments kept") {
  const std::string in = kDecl +
                         "<a x=\"&amp;&ext;\">A &lt;b&gt; &quot;&apos; &#163;&#x20AC; &lol9; z" +
                         "<![CDATA[&lol; <b>]]><!-- &c; --><?pi &d;?>&amp</a>";
  const std::string want = kDecl + "<a x=\"&amp;\">A &lt;b&gt; &quot;&apos; &#163;&#x20AC;  z" +
                           "<![CDATA[&lol; <b>]]><!-- &c; --><?pi &d;?>&amp</a>";
  for (size_t step : {1, 5, 4096}) {
    INFO("step " << step);
    XmlPartFilter f;
    CHECK(Filter(in, step, &f) == want);
    CHECK(f.DroppedEntities() == 2);
    CHECK_FALSE(f.SkippedDoctype());
  }
}

TEST_CASE("a part without a DOCTYPE or references passes through byte for byte") {
  const std::string in = "\xEF\xBB\xBF" + kDecl + kBody + "<x a='1<'/>&";
  CHECK(Filter(in, 1) == in);
  CHECK(Filter(in, 4096) == in);
}

TEST_CASE("a DOCTYPE after the root element is left for libxml2 to reject") {
  const std::string in = "<a/><!DOCTYPE a [<!ENTITY e \"x\">]>";
  CHECK(Filter(in, 1) == in);
}

TEST_CASE("UTF-16 parts are passed through unchanged") {
  const std::string bom("\xFF\xFE<\0!\0D\0O\0C\0", 12);
  CHECK(Filter(bom, 1) == bom);
  const std::string no_bom("<\0!\0&\0x\0;\0", 10);
  CHECK(Filter(no_bom, 3) == no_bom);
}

TEST_CASE("an unterminated DOCTYPE swallows the rest and stays bounded") {
  XmlPartFilter f;
  std::string out;
  const std::string head = "<!DOCTYPE a [ <!ENTITY x \"";
  f.Feed(head.data(), head.size(), out);
  const std::string junk(1 << 20, '>');
  f.Feed(junk.data(), junk.size(), out);
  f.Finish(out);
  CHECK(out.empty());
  CHECK(f.SkippedDoctype());
}
