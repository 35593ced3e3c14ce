// Semaphores: a count between 0 and a maximum; signalled while the count is above 0; a release
// past the maximum fails with ERROR_TOO_MANY_POSTS and changes nothing (Microsoft Learn ReleaseSemaphore).
#include "model/internal.h"

namespace kosim::model {

// lInitialCount must be 0..lMaximumCount and lMaximumCount above 0, else ERROR_INVALID_PARAMETER
// (Microsoft Learn CreateSemaphoreA). LONG arguments arrive as numbers: negatives are huge.
Outcome WorldAccess::create_semaphore(Process& p, Args a) {
    std::uint64_t initial = arg_number(a, 1), maximum = arg_number(a, 2);
    if (maximum == 0 || maximum > 0x7FFFFFFF || initial > maximum) return fail(p, null_handle_value(), win32::ERROR_INVALID_PARAMETER);
    bool existed = false;
    SemaphoreObject state{static_cast<std::uint32_t>(initial), static_cast<std::uint32_t>(maximum)};
    Outcome out = create_named_sync(p, ObjectKind::Semaphore, arg_bool(a, 0), a[3], state, &existed);
    if (!existed && out.result.number != 0 && initial > 0)
        set_signalled(*object(p.handles.find(out.result.as_handle())->object), true, Change::Event::Released, initial);
    return out;
}

Outcome WorldAccess::release_semaphore(Process& p, Args a) {
    Resolved r = resolve(p, arg_handle(a, 0));
    if (!r.object || r.object->kind != ObjectKind::Semaphore) return fail(p, bool_value(false), win32::ERROR_INVALID_HANDLE);
    std::uint64_t n = arg_number(a, 1);
    if (n == 0 || n > 0x7FFFFFFF) return fail(p, bool_value(false), win32::ERROR_INVALID_PARAMETER);
    auto& s = std::get<SemaphoreObject>(r.object->state);
    if (s.count + n > s.maximum) return fail(p, bool_value(false), win32::ERROR_TOO_MANY_POSTS);
    std::uint32_t previous = s.count;
    s.count += static_cast<std::uint32_t>(n);
    set_signalled(*r.object, true, Change::Event::Released, n);
    Outcome out = done(p, bool_value(true));
    out.outputs.push_back({2, Value::integer(previous)});
    return out;
}

}  // namespace kosim::model
