// Access to data files compiled into the binary by cmake/embed.cmake.
#pragma once
#include <string_view>

#define DATASWEEP_RESOURCE(name)                                                 \
  extern "C" const char ds_res_##name[], ds_res_##name##_end[];                  \
  inline std::string_view Resource_##name() {                                    \
    return std::string_view(ds_res_##name, ds_res_##name##_end - ds_res_##name); \
  }
