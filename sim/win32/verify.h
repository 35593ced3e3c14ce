// KOSIM_VERIFY(condition): an invariant the code relies on (SerenityOS's VERIFY). On in debug and
// sanitizer builds, where a broken one prints its file, line and expression and aborts; compiled
// but not evaluated in release builds (NDEBUG), so the model keeps its speed. Expected failures
// (bad handles, missing names) are Win32 errors, never VERIFY.
#pragma once

#if !defined(KOSIM_VERIFY_ENABLED)
#if !defined(NDEBUG) || defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_UNDEFINED__)
#define KOSIM_VERIFY_ENABLED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(undefined_behavior_sanitizer)
#define KOSIM_VERIFY_ENABLED 1
#endif
#endif
#endif
#if !defined(KOSIM_VERIFY_ENABLED)
#define KOSIM_VERIFY_ENABLED 0
#endif

namespace kosim {
// Reports a broken invariant and aborts (the default), or calls the handler a test installed.
[[noreturn]] void verify_failed(const char* expression, const char* file, int line);
using VerifyHandler = void (*)(const char* expression, const char* file, int line);
// Replaces what verify_failed does before it aborts (tests throw from it); returns the previous one.
VerifyHandler set_verify_handler(VerifyHandler handler);
}  // namespace kosim

#if KOSIM_VERIFY_ENABLED
#define KOSIM_VERIFY(condition) \
    ((condition) ? static_cast<void>(0) : ::kosim::verify_failed(#condition, __FILE__, __LINE__))
#else
#define KOSIM_VERIFY(condition) static_cast<void>(sizeof(static_cast<bool>(condition)))
#endif
