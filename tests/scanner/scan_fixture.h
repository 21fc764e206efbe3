// Helpers for end-to-end tests: a scratch folder, and the datasweep binary run on it.
#pragma once
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

namespace datasweep::testing {

class ScratchDir {
 public:
  ScratchDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / ("datasweep-test-" + std::to_string(rd()));
    std::filesystem::create_directories(path_);
    ::chmod(path_.c_str(), 0755);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all, ec);
    for (auto it = std::filesystem::recursive_directory_iterator(
             path_, std::filesystem::directory_options::skip_permission_denied, ec);
         it != std::filesystem::recursive_directory_iterator(); it.increment(ec))
      std::filesystem::permissions(it->path(), std::filesystem::perms::owner_all,
                                   std::filesystem::perm_options::add, ec);
    std::filesystem::remove_all(path_, ec);
  }
  std::string Path(const std::string& rel = "") const {
    return rel.empty() ? path_.string() : (path_ / rel).string();
  }
  std::string Write(const std::string& rel, const std::string& content) const {
    const auto p = path_ / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }

 private:
  std::filesystem::path path_;
};

struct RunResult {
  int exit_code = -1;
  std::string out;
};

// Runs `datasweep ARGS` through the shell (args are already quoted by the caller), stdout captured.
inline RunResult RunDatasweep(const std::string& args, const std::string& prefix = "") {
  RunResult r;
  const std::string cmd =
      prefix + " '" + std::string(DATASWEEP_BINARY) + "' " + args + " 2>/dev/null";
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int status = ::pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

inline std::vector<nlohmann::json> ParseJsonl(const std::string& text) {
  std::vector<nlohmann::json> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    if (end > pos) out.push_back(nlohmann::json::parse(text.substr(pos, end - pos)));
    pos = end + 1;
  }
  return out;
}

inline const nlohmann::json* RecordFor(const std::vector<nlohmann::json>& recs,
                                       const std::string& suffix) {
  for (const auto& r : recs)
    if (r["type"] == "file" && r["real_path"].get<std::string>().ends_with(suffix)) return &r;
  return nullptr;
}

}  // namespace datasweep::testing
