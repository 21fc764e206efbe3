// Location rules (SPEC §4): what a file's class, type and place say about it being misplaced.
// Each violation cites the policy clause it enforces. Rules are pure functions of FileFacts.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "classifiers/verdict.h"
#include "policy/location.h"

namespace datasweep {

enum class Severity { kNone = 0, kLow = 1, kMedium = 2, kHigh = 3, kCritical = 4 };
std::string_view ToString(Severity s);
std::optional<Severity> SeverityFromString(std::string_view s);

struct Violation {
  std::string rule;  // stable id: "local-drive-personal-data"
  Severity severity = Severity::kMedium;
  std::string message;  // what to do, in words a teacher understands
  std::string source;   // "002 §12.2"
};

// Everything a rule may look at. Filled by the scanner from the record.
struct FileFacts {
  std::string display_path;
  std::string media_type;
  DataClass data_class = DataClass::kUnrestricted;
  bool inspected = true;   // status complete or partial: content was seen
  bool encrypted = false;  // status encrypted
  bool has_credential = false;
  bool is_email = false;  // .eml/.msg/.pst/.ost/.mbox content
  bool is_photo = false;
  bool is_executable = false;
  bool members_uninspectable = false;  // a container member was encrypted or unreadable
  DataClass attachment_class = DataClass::kUnrestricted;  // e-mails: highest class of attachments
  std::optional<int64_t> email_date;                      // seconds since the epoch, when known
  int64_t now = 0;
};

struct RuleSetting {
  std::string id;
  bool enabled = true;
  std::optional<Severity> severity;  // overrides the rule's default
};

// The rule set, immutable once built from the policy; shared by all threads.
class LocationRules {
 public:
  explicit LocationRules(std::vector<RuleSetting> settings = {});
  std::vector<Violation> Evaluate(const FileFacts& facts, const Location& where) const;
  // Every rule id with its description and clause (for SARIF rules and `policy show`).
  struct RuleInfo {
    std::string_view id, description, source;
    Severity default_severity;
  };
  static const std::vector<RuleInfo>& Catalogue();

 private:
  bool Enabled(std::string_view id) const;
  Severity SeverityOf(std::string_view id, Severity fallback) const;
  std::vector<RuleSetting> settings_;
};

}  // namespace datasweep
