// TypeSniffer: decides a file's media type from its content, never its name (SPEC §3). Magic
// bytes decide the common cases without libmagic; libmagic is asked only for what they leave
// open (ZIP-based and OLE2 Office formats, unknown binaries). One TypeSniffer per thread: it owns
// a libmagic handle, which is not thread-safe.
#pragma once
#include <string>
#include <string_view>

struct magic_set;  // libmagic's handle type (magic_t)

namespace datasweep {

class TypeSniffer {
 public:
  TypeSniffer();
  ~TypeSniffer();
  TypeSniffer(const TypeSniffer&) = delete;
  TypeSniffer& operator=(const TypeSniffer&) = delete;

  // The media type of content whose first bytes are `head` (pass at least 8 KiB when available;
  // libmagic is given all of it). `size` is the full size, used for empty files.
  std::string Sniff(std::string_view head, uint64_t size);

  // Magic-bytes fast path only: "" when undecided.
  static std::string_view SniffMagic(std::string_view head);

 private:
  ::magic_set* magic_ = nullptr;
};

}  // namespace datasweep
