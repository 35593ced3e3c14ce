// Waitable timers: signalled when their due time comes on the model's virtual clock; a
// synchronization timer releases one waiter and resets, a notification (manual-reset) timer stays
// signalled until it is set again (Microsoft Learn "Waitable Timer Objects").
#include "model/internal.h"

namespace kosim::model {

template <> Outcome WorldAccess::operation<Call::CreateWaitableTimer>(Process& p, CallArgs<Call::CreateWaitableTimer> a, Attempt) {
    using P = Params<Call::CreateWaitableTimer>;
    // A new timer is inactive and not signalled; names share the events' namespace (Microsoft Learn
    // CreateWaitableTimerA: "The timer object is initially inactive"; ERROR_ALREADY_EXISTS for an
    // existing one, ERROR_INVALID_HANDLE for another type's name).
    bool existed = false;
    return create_named_sync(p, ObjectKind::Timer, a.flag<P::lpTimerAttributes>(), a.string<P::lpTimerName>(),
                             TimerObject{a.flag<P::bManualReset>(), std::nullopt, 0}, &existed);
}

template <> Outcome WorldAccess::operation<Call::SetWaitableTimer>(Process& p, CallArgs<Call::SetWaitableTimer> a, Attempt) {
    using P = Params<Call::SetWaitableTimer>;
    Resolved r = resolve(p, a.handle<P::hTimer>());
    if (!r.object || r.object->kind != ObjectKind::Timer) return fail(p, bool_value(false), win32::ERROR_INVALID_HANDLE);
    // TIMER_MODIFY_STATE is needed (Microsoft Learn SetWaitableTimer, hTimer).
    if (!has_access(r.access, win32::TIMER_MODIFY_STATE)) return fail(p, bool_value(false), win32::ERROR_ACCESS_DENIED);
    // lPeriod is a LONG: "If lPeriod is less than zero, the function fails" (ERROR_INVALID_PARAMETER).
    const std::uint64_t period = a.number<P::lPeriod>();
    if (period > 0x7FFFFFFF) return fail(p, bool_value(false), win32::ERROR_INVALID_PARAMETER);
    // lpDueTime: negative is relative, in 100 ns units; positive is an absolute FILETIME. The model's
    // clock starts at 0 and knows no dates, so an absolute time counts as already past (model choice):
    // "If the due time is in the past, the timer is signaled immediately" (Wine server/timer.c set_timer).
    const auto due = static_cast<std::int64_t>(a.number<P::lpDueTime>());
    std::uint64_t delay_ms = 0;
    if (due < 0) delay_ms = (static_cast<std::uint64_t>(-(due + 1)) + 1 + 9999) / 10000;   // rounded up to whole ms
    auto& t = std::get<TimerObject>(r.object->state);
    // Setting a timer resets its signalled state (Wine server/timer.c set_timer: "signaled = 0";
    // Microsoft Learn SetWaitableTimer: an active timer "is stopped, then it is reactivated").
    if (r.object->signalled) set_signalled(*r.object, false, Change::Event::Reset);
    t.due_ms = world.now_ms_ + delay_ms;
    t.period_ms = static_cast<std::uint32_t>(period);
    const Pid pid = p.pid;
    expire_timers();   // a due time of now signals at once
    return done(live_process(pid), bool_value(true));
}

template <> Outcome WorldAccess::operation<Call::CancelWaitableTimer>(Process& p, CallArgs<Call::CancelWaitableTimer> a, Attempt) {
    Resolved r = resolve(p, a.handle<Params<Call::CancelWaitableTimer>::hTimer>());
    if (!r.object || r.object->kind != ObjectKind::Timer) return fail(p, bool_value(false), win32::ERROR_INVALID_HANDLE);
    if (!has_access(r.access, win32::TIMER_MODIFY_STATE)) return fail(p, bool_value(false), win32::ERROR_ACCESS_DENIED);
    // Deactivates the timer; "CancelWaitableTimer does not change the signaled state of the timer"
    // (Microsoft Learn CancelWaitableTimer).
    std::get<TimerObject>(r.object->state).due_ms.reset();
    return done(p, bool_value(true));
}

void WorldAccess::expire_timers() {
    // The due timers' ids by a read-only scan first (copy-on-write slots allow no writing iteration).
    const auto due = objects_where([&](const KernelObject& o) {
        const auto* t = std::get_if<TimerObject>(&o.state);
        return t && t->due_ms && *t->due_ms <= world.now_ms_;
    });
    for (const ObjectId id : due) {
        KernelObject& o = live_object(id);
        auto* t = &std::get<TimerObject>(o.state);
        // A periodic timer is set again for its next period after now; a one-shot one goes inactive.
        if (t->period_ms) {
            const std::uint64_t missed = (world.now_ms_ - *t->due_ms) / t->period_ms + 1;
            t->due_ms = *t->due_ms + missed * t->period_ms;
        } else {
            t->due_ms.reset();
        }
        set_signalled(o, true, Change::Event::Signalled);
    }
}

}  // namespace kosim::model
