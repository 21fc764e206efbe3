// ImageExtractor: JPEG, PNG, GIF, TIFF, HEIC/HEIF, WebP, BMP. No text (no OCR in v1); the
// image is typed and, for the photo rules, marked photo=yes when EXIF names a camera, or when a
// JPEG/HEIC is at least 640x480 (phone and camera output; icons and logos are smaller).
// camera=<make model> when EXIF says. Only the first 256 KiB are read: EXIF and the frame
// header live there.
#include <algorithm>
#include <memory>
#include <optional>

#include "extractors/extractor.h"

namespace datasweep {
namespace {

constexpr uint64_t kHeadBytes = 256 * 1024;
constexpr uint32_t kPhotoMinWidth = 640, kPhotoMinHeight = 480;

struct ImageFacts {
  uint32_t width = 0, height = 0;
  std::string make, model;
};

uint32_t Be16(std::string_view s, size_t i) {
  return static_cast<unsigned char>(s[i]) << 8 | static_cast<unsigned char>(s[i + 1]);
}
uint32_t Be32(std::string_view s, size_t i) { return Be16(s, i) << 16 | Be16(s, i + 2); }

// Reads IFD0 of a TIFF structure (EXIF payload or a TIFF file) for Make, Model and size.
void ParseTiff(std::string_view t, ImageFacts& f) {
  if (t.size() < 8) return;
  const bool le = t.substr(0, 2) == "II";
  if (!le && t.substr(0, 2) != "MM") return;
  const auto u16 = [&](size_t i) -> uint32_t {
    if (i + 2 > t.size()) return 0;
    return le ? (static_cast<unsigned char>(t[i]) | static_cast<unsigned char>(t[i + 1]) << 8)
              : Be16(t, i);
  };
  const auto u32 = [&](size_t i) -> uint32_t {
    if (i + 4 > t.size()) return 0;
    return le ? (u16(i) | u16(i + 2) << 16) : Be32(t, i);
  };
  if (u16(2) != 42) return;
  const size_t ifd = u32(4);
  const uint32_t n = u16(ifd);
  for (uint32_t k = 0; k < n && k < 512; ++k) {
    const size_t e = ifd + 2 + k * 12;
    if (e + 12 > t.size()) break;
    const uint32_t tag = u16(e), type = u16(e + 2), count = u32(e + 4);
    if ((tag == 0x010F || tag == 0x0110) && type == 2) {
      const size_t at = count <= 4 ? e + 8 : u32(e + 8);
      if (at >= t.size() || count > 256) continue;
      std::string v(t.substr(at, std::min<size_t>(count, t.size() - at)));
      v = v.substr(0, v.find('\0'));
      while (!v.empty() && v.back() == ' ') v.pop_back();
      (tag == 0x010F ? f.make : f.model) = v;
    } else if (tag == 0x0100 || tag == 0x0101) {
      const uint32_t v = type == 3 ? u16(e + 8) : u32(e + 8);
      (tag == 0x0100 ? f.width : f.height) = v;
    }
  }
}

void ParseJpeg(std::string_view h, ImageFacts& f) {
  size_t i = 2;
  while (i + 4 <= h.size() && static_cast<unsigned char>(h[i]) == 0xFF) {
    const unsigned char marker = h[i + 1];
    if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
      i += 2;
      continue;
    }
    const uint32_t len = Be16(h, i + 2);
    if (len < 2) return;
    const std::string_view seg = h.substr(i + 4, std::min<size_t>(len - 2, h.size() - i - 4));
    if (marker == 0xE1 && seg.substr(0, 6) == std::string_view("Exif\0\0", 6)) {
      ParseTiff(seg.substr(6), f);
    } else if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 &&
               marker != 0xCC && seg.size() >= 5) {
      f.height = Be16(seg, 1);
      f.width = Be16(seg, 3);
      return;  // the frame header comes after the metadata segments
    } else if (marker == 0xDA) {
      return;
    }
    i += 2 + len;
  }
}

// HEIF: the ispe (image spatial extent) property and an Exif item, found by their markers.
void ParseHeif(std::string_view h, ImageFacts& f) {
  if (const size_t p = h.find("ispe"); p != std::string_view::npos && p + 16 <= h.size()) {
    f.width = Be32(h, p + 8);
    f.height = Be32(h, p + 12);
  }
  if (const size_t x = h.find(std::string_view("Exif\0\0", 6)); x != std::string_view::npos)
    ParseTiff(h.substr(x + 6), f);
}

class ImageExtractor final : public Extractor {
 public:
  std::string_view Name() const override { return "ImageExtractor"; }
  std::vector<std::string_view> MediaTypes() const override {
    return {"image/jpeg", "image/png",  "image/gif", "image/tiff",    "image/heic",
            "image/heif", "image/webp", "image/bmp", "image/x-ms-bmp"};
  }
  Outcome Extract(const ByteSource& in, ExtractContext&, TextSink& out) const override {
    std::string head;
    if (!in.ReadPrefix(head, kHeadBytes)) return {ScanStatus::kError, "read error"};
    ImageFacts f;
    bool photo_format = false;
    if (head.starts_with("\xFF\xD8\xFF")) {
      ParseJpeg(head, f);
      photo_format = true;
    } else if (head.starts_with("\x89PNG") && head.size() >= 24) {
      f.width = Be32(head, 16);
      f.height = Be32(head, 20);
      if (const size_t x = head.find("eXIf"); x != std::string::npos)
        ParseTiff(head.substr(x + 4), f);
    } else if (head.starts_with("GIF8") && head.size() >= 10) {
      f.width = static_cast<unsigned char>(head[6]) | static_cast<unsigned char>(head[7]) << 8;
      f.height = static_cast<unsigned char>(head[8]) | static_cast<unsigned char>(head[9]) << 8;
    } else if (head.starts_with("II*") || head.starts_with("MM\0*")) {
      ParseTiff(head, f);
    } else if (head.size() >= 12 && head.substr(4, 4) == "ftyp") {
      ParseHeif(head, f);
      photo_format = true;
    }
    if (f.width && f.height)
      out.OnAttribute("dimensions", std::to_string(f.width) + "x" + std::to_string(f.height));
    const bool camera = !f.make.empty() || !f.model.empty();
    if (camera) {
      std::string name = f.model;
      if (!f.make.empty() && name.find(f.make) == std::string::npos)
        name = f.make + (name.empty() ? "" : " " + name);
      out.OnAttribute("camera", name);
    }
    const bool big = std::max(f.width, f.height) >= kPhotoMinWidth &&
                     std::min(f.width, f.height) >= kPhotoMinHeight;
    if (camera || (photo_format && big)) out.OnAttribute("photo", "yes");
    return {};
  }
};

}  // namespace

std::unique_ptr<Extractor> MakeImageExtractor() { return std::make_unique<ImageExtractor>(); }

}  // namespace datasweep
