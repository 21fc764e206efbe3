// String forms of the classifier enums, as they appear in JSON and the policy file.
#include <array>

#include "classifiers/detector.h"
#include "classifiers/verdict.h"

namespace datasweep {
namespace {

template <size_t N>
int IndexOf(const std::array<std::string_view, N>& names, std::string_view s) {
  for (size_t i = 0; i < N; ++i)
    if (names[i] == s) return static_cast<int>(i);
  return -1;
}

constexpr std::array<std::string_view, 3> kConfidence = {"low", "medium", "high"};
constexpr std::array<std::string_view, 10> kKinds = {
    "name",       "address",          "phone",     "e-mail",     "date of birth",
    "identifier", "special category", "financial", "credential", "assessment result"};
constexpr std::array<std::string_view, 3> kClasses = {"UNRESTRICTED", "PROTECTED", "RESTRICTED"};

}  // namespace

std::string_view ToString(Confidence c) { return kConfidence[static_cast<int>(c)]; }
std::optional<Confidence> ConfidenceFromString(std::string_view s) {
  const int i = IndexOf(kConfidence, s);
  return i < 0 ? std::nullopt : std::optional<Confidence>(static_cast<Confidence>(i));
}
std::string_view ToString(DetailKind k) { return kKinds[static_cast<int>(k)]; }
std::string_view ToString(DataClass c) { return kClasses[static_cast<int>(c)]; }
std::optional<DataClass> DataClassFromString(std::string_view s) {
  const int i = IndexOf(kClasses, s);
  return i < 0 ? std::nullopt : std::optional<DataClass>(static_cast<DataClass>(i));
}

}  // namespace datasweep
