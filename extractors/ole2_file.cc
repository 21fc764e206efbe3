#include "extractors/ole2_file.h"

#include <gsf/gsf-infile-msole.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-input-memory.h>
#include <gsf/gsf-input.h>
#include <gsf/gsf-utils.h>
#include <sys/mman.h>

#include <mutex>

namespace datasweep {

void GObjectUnref::operator()(void* p) const {
  if (p) g_object_unref(p);
}

std::unique_ptr<Ole2File> Ole2File::Open(const ByteSource& in, std::string& error) {
  static std::once_flag once;
  std::call_once(once, [] { gsf_init(); });
  std::unique_ptr<Ole2File> f(new Ole2File);
  const guint8* data = nullptr;
  uint64_t size = 0;
  if (const std::string* m = in.Memory()) {
    data = reinterpret_cast<const guint8*>(m->data());
    size = m->size();
  } else if (in.Fd() >= 0 && in.Size() > 0) {
    void* p = ::mmap(nullptr, in.Size(), PROT_READ, MAP_PRIVATE, in.Fd(), 0);
    if (p == MAP_FAILED) {
      error = "cannot map the file";
      return nullptr;
    }
    f->map_ = p;
    f->map_size_ = in.Size();
    data = static_cast<const guint8*>(p);
    size = in.Size();
  }
  if (!data) {
    error = "empty compound file";
    return nullptr;
  }
  f->input_ = gsf_input_memory_new(data, size, FALSE);
  GError* err = nullptr;
  f->root_ = f->input_ ? gsf_infile_msole_new(f->input_, &err) : nullptr;
  if (!f->root_) {
    error = err && err->message ? err->message : "not an OLE2 compound file";
    if (err) g_error_free(err);
    return nullptr;
  }
  return f;
}

Ole2File::~Ole2File() {
  if (root_) g_object_unref(root_);
  if (input_) g_object_unref(input_);
  if (map_) ::munmap(map_, map_size_);
}

std::vector<std::string> Ole2File::Children(GsfInfile* dir) {
  std::vector<std::string> names;
  const int n = gsf_infile_num_children(dir);
  for (int i = 0; i < n; ++i)
    if (const char* name = gsf_infile_name_by_index(dir, i)) names.emplace_back(name);
  return names;
}

GsfInputPtr Ole2File::Child(GsfInfile* dir, const std::string& name) {
  return GsfInputPtr(gsf_infile_child_by_name(dir, name.c_str()));
}

bool Ole2File::IsStorage(GsfInput* input) {
  return input && GSF_IS_INFILE(input) && gsf_infile_num_children(GSF_INFILE(input)) >= 0;
}

std::optional<std::string> Ole2File::ReadStream(GsfInfile* dir, const std::string& name,
                                                uint64_t cap, bool* truncated) {
  GsfInputPtr s = Child(dir, name);
  if (!s || IsStorage(s.get())) return std::nullopt;
  const uint64_t size = gsf_input_size(s.get());
  const uint64_t n = std::min(size, cap);
  if (truncated) *truncated = size > cap;
  std::string out;
  if (!ReadAt(s.get(), 0, n, out)) return std::nullopt;
  return out;
}

bool Ole2File::ReadAt(GsfInput* stream, uint64_t offset, size_t n, std::string& out) {
  out.resize(n);
  if (n == 0) return true;
  if (offset + n > static_cast<uint64_t>(gsf_input_size(stream))) return false;
  if (gsf_input_seek(stream, offset, G_SEEK_SET)) return false;
  size_t got = 0;
  while (got < n) {
    const size_t chunk = std::min<size_t>(n - got, 1 << 20);
    if (!gsf_input_read(stream, chunk, reinterpret_cast<guint8*>(out.data() + got))) return false;
    got += chunk;
  }
  return true;
}

}  // namespace datasweep
