// Semaphores: a count between 0 and a maximum; signalled while the count is above 0; a release
// past the maximum fails with ERROR_TOO_MANY_POSTS and changes nothing (Microsoft Learn ReleaseSemaphore).
#include "model/internal.h"

namespace kosim::model {

// lInitialCount must be 0..lMaximumCount and lMaximumCount above 0, else ERROR_INVALID_PARAMETER
// (Microsoft Learn CreateSemaphoreA). LONG arguments arrive as numbers: negatives are huge.
template <> Outcome WorldAccess::operation<Call::CreateSemaphore>(Process& p, CallArgs<Call::CreateSemaphore> a, Attempt) {
    using P = Params<Call::CreateSemaphore>;
    std::uint64_t initial = a.number<P::lInitialCount>(), maximum = a.number<P::lMaximumCount>();
    if (maximum == 0 || maximum > 0x7FFFFFFF || initial > maximum) return fail(p, null_handle_value(), win32::ERROR_INVALID_PARAMETER);
    bool existed = false;
    SemaphoreObject state{static_cast<std::uint32_t>(initial), static_cast<std::uint32_t>(maximum)};
    Outcome out = create_named_sync(p, ObjectKind::Semaphore, a.flag<P::lpSemaphoreAttributes>(), a.string<P::lpName>(),
                                    state, &existed);
    if (!existed && out.result.number != 0 && initial > 0)
        set_signalled(object_of_new_handle(p, out.result.as_handle()), true, Change::Event::Released, initial);
    return out;
}

template <> Outcome WorldAccess::operation<Call::OpenSemaphore>(Process& p, CallArgs<Call::OpenSemaphore> a, Attempt) {
    using P = Params<Call::OpenSemaphore>;
    return open_named(p, ObjectKind::Semaphore, a.dword<P::dwDesiredAccess>(), a.flag<P::bInheritHandle>(), a.string<P::lpName>());
}

template <> Outcome WorldAccess::operation<Call::ReleaseSemaphore>(Process& p, CallArgs<Call::ReleaseSemaphore> a, Attempt) {
    using P = Params<Call::ReleaseSemaphore>;
    Resolved r = resolve(p, a.handle<P::hSemaphore>());
    if (!r.object || r.object->kind != ObjectKind::Semaphore) return fail(p, bool_value(false), win32::ERROR_INVALID_HANDLE);
    std::uint64_t n = a.number<P::lReleaseCount>();
    if (n == 0 || n > 0x7FFFFFFF) return fail(p, bool_value(false), win32::ERROR_INVALID_PARAMETER);
    // SEMAPHORE_MODIFY_STATE is needed (Microsoft Learn ReleaseSemaphore, hSemaphore).
    if (!has_access(r.access, win32::SEMAPHORE_MODIFY_STATE)) return fail(p, bool_value(false), win32::ERROR_ACCESS_DENIED);
    auto& s = std::get<SemaphoreObject>(r.object->state);
    if (s.count + n > s.maximum) return fail(p, bool_value(false), win32::ERROR_TOO_MANY_POSTS);
    std::uint32_t previous = s.count;
    s.count += static_cast<std::uint32_t>(n);
    set_signalled(*r.object, true, Change::Event::Released, n);
    return done(p, bool_value(true)).write<P::lpPreviousCount>(Value::integer(previous));
}

}  // namespace kosim::model
