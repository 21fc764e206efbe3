#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "policy/policy.h"

namespace datasweep {

int RunPolicyCommand(int argc, char** argv) {
  const std::string sub = argc > 1 ? argv[1] : "";
  if (sub == "show") {
    std::cout << Policy::DefaultText();
    return kExitOk;
  }
  if (sub == "check" && argc == 3) {
    std::ifstream in(argv[2]);
    if (!in) {
      std::cerr << "datasweep: cannot read " << argv[2] << "\n";
      return kExitError;
    }
    std::stringstream text;
    text << in.rdbuf();
    Policy p;
    std::vector<PolicyError> errors;
    if (Policy::Parse(text.str(), &p, &errors)) {
      std::cout << argv[2] << ": OK\n";
      return kExitOk;
    }
    for (const auto& e : errors) std::cerr << argv[2] << ":" << e.line << ": " << e.message << "\n";
    return kExitError;
  }
  std::cerr << "usage: datasweep policy show | datasweep policy check FILE\n";
  return kExitError;
}

}  // namespace datasweep
