// Whether this binary was built with AddressSanitizer (GCC defines __SANITIZE_ADDRESS__, clang
// answers __has_feature). Code whose behaviour the sanitizers change asks here, in one place.
#pragma once

namespace datasweep {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kSanitizerBuild = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kSanitizerBuild = true;
#else
inline constexpr bool kSanitizerBuild = false;
#endif
#else
inline constexpr bool kSanitizerBuild = false;
#endif

}  // namespace datasweep
