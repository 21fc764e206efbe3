// WorkerEnvironment: what a parser worker's environment holds (scanner/worker_pool.h).
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "scanner/worker_pool.h"

namespace {

std::vector<std::string> EnvFor(std::vector<const char*> parent) {
  parent.push_back(nullptr);
  return datasweep::WorkerEnvironment(parent.data());
}

bool Has(const std::vector<std::string>& env, const std::string& entry) {
  return std::find(env.begin(), env.end(), entry) != env.end();
}

}  // namespace

TEST_CASE("a worker inherits the environment and gets a larger malloc cache", "[worker_pool]") {
  const auto env = EnvFor({"PATH=/usr/bin", "LANG=C"});
  REQUIRE(env.size() == 3);
  CHECK(Has(env, "PATH=/usr/bin"));
  CHECK(Has(env, "LANG=C"));
  CHECK(Has(env, "GLIBC_TUNABLES=glibc.malloc.tcache_count=2000"));
}

TEST_CASE("the user's glibc tunables are kept and extended", "[worker_pool]") {
  const auto env = EnvFor({"GLIBC_TUNABLES=glibc.malloc.arena_max=2", "HOME=/root"});
  REQUIRE(env.size() == 2);
  CHECK(Has(env, "GLIBC_TUNABLES=glibc.malloc.arena_max=2:glibc.malloc.tcache_count=2000"));
  CHECK(Has(env, "HOME=/root"));
  CHECK(Has(EnvFor({"GLIBC_TUNABLES="}), "GLIBC_TUNABLES=glibc.malloc.tcache_count=2000"));
}

TEST_CASE("a tcache size the user chose is not overridden", "[worker_pool]") {
  const auto env = EnvFor({"GLIBC_TUNABLES=glibc.malloc.tcache_count=16"});
  REQUIRE(env.size() == 1);
  CHECK(env[0] == "GLIBC_TUNABLES=glibc.malloc.tcache_count=16");
}
