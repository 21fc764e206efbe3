#include "policy/location.h"

#include <array>

namespace datasweep {
namespace {
constexpr std::array<std::string_view, 5> kKinds = {"unknown", "local", "removable", "share",
                                                    "email-store"};

std::string TrimSlashes(std::string_view p) {
  std::string s(p);
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

bool PrefixMatches(std::string_view prefix, std::string_view path) {
  if (prefix == "/") return true;
  if (!path.starts_with(prefix)) return false;
  return path.size() == prefix.size() || path[prefix.size()] == '/' || path[prefix.size()] == '!';
}
}  // namespace

std::string_view ToString(LocationKind k) { return kKinds[static_cast<int>(k)]; }

std::optional<LocationKind> LocationKindFromString(std::string_view s) {
  for (size_t i = 1; i < kKinds.size(); ++i)
    if (kKinds[i] == s) return static_cast<LocationKind>(i);
  return std::nullopt;
}

std::optional<Location> ParseLocationArg(std::string_view arg, std::string* error) {
  const size_t eq = arg.rfind(
      '=', arg.find(',') == std::string_view::npos ? std::string_view::npos : arg.find(','));
  // PATH may itself contain '='; KIND and flags never do except drive=. Split at the last '='
  // before the first comma.
  if (eq == std::string_view::npos || eq == 0) {
    *error = "expected PATH=KIND[,flags], got '" + std::string(arg) + "'";
    return std::nullopt;
  }
  Location loc;
  loc.prefix = TrimSlashes(arg.substr(0, eq));
  loc.origin = "command line";
  std::string_view rest = arg.substr(eq + 1);
  bool first = true;
  while (true) {
    const size_t comma = rest.find(',');
    const std::string_view item = rest.substr(0, comma);
    if (first) {
      const auto kind = LocationKindFromString(item);
      if (!kind) {
        *error = "unknown location kind '" + std::string(item) +
                 "' (use local, removable, share or email-store)";
        return std::nullopt;
      }
      loc.kind = *kind;
      first = false;
    } else if (item == "encrypted") {
      loc.encrypted = true;
    } else if (item == "secure") {
      loc.secure = true;
    } else if (item == "pupil-accessible") {
      loc.pupil_accessible = true;
    } else if (item.starts_with("drive=")) {
      loc.drive = std::string(item.substr(6));
      if (loc.drive.size() == 1) loc.drive += ':';
      if (loc.drive.size() != 2 || loc.drive[1] != ':' ||
          !std::isalpha(static_cast<unsigned char>(loc.drive[0]))) {
        *error = "drive must look like C: (got '" + std::string(item.substr(6)) + "')";
        return std::nullopt;
      }
      loc.drive[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(loc.drive[0])));
    } else {
      *error = "unknown location flag '" + std::string(item) +
               "' (flags: encrypted, secure, pupil-accessible, drive=X:)";
      return std::nullopt;
    }
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return loc;
}

void LocationTable::Add(Location location) {
  location.prefix = TrimSlashes(location.prefix);
  for (auto& l : locations_)
    if (l.prefix == location.prefix) {
      l = std::move(location);
      return;
    }
  locations_.push_back(std::move(location));
}

const Location& LocationTable::Find(std::string_view path) const {
  const Location* best = &unknown_;
  size_t best_len = 0;
  for (const auto& l : locations_)
    if (PrefixMatches(l.prefix, path) && (l.prefix.size() > best_len || best == &unknown_)) {
      best = &l;
      best_len = l.prefix.size();
    }
  return *best;
}

std::string LocationTable::DisplayPath(std::string_view path) const {
  const Location& l = Find(path);
  if (l.drive.empty()) return std::string(path);
  std::string rest(path.substr(l.prefix == "/" ? 0 : l.prefix.size()));
  // Only the part on the disk turns into backslashes; archive members keep "!/a/b".
  const size_t bang = rest.find("!/");
  for (size_t i = 0; i < std::min(bang, rest.size()); ++i)
    if (rest[i] == '/') rest[i] = '\\';
  if (rest.empty() || rest[0] != '\\') rest.insert(rest.begin(), '\\');
  return l.drive + rest;
}

}  // namespace datasweep
