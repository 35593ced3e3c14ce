// Waitable timers on the virtual clock (Microsoft Learn "Waitable Timer Objects", SetWaitableTimer).
#include "helpers.h"

using namespace kosim;
using namespace kosim::model;
using namespace kosim::model::test;

namespace {

Outcome set_timer(Machine& m, Pid pid, const Value& timer, std::int64_t due, std::int64_t period = 0) {
    return m.call(pid, Call::SetWaitableTimer,
                  {{"hTimer", H(timer)}, {"lpDueTime", I(static_cast<std::uint64_t>(due))}, {"lPeriod", I(static_cast<std::uint64_t>(period))}});
}
std::uint64_t wait(Machine& m, Pid pid, const Value& h) {
    return m.call(pid, Call::WaitForSingleObject, {{"hHandle", H(h)}, {"dwMilliseconds", I(0)}}).result.number;
}

}  // namespace

TEST_CASE("a relative due time signals the timer when the virtual clock gets there and wakes its waiter") {
    Machine m;
    Pid a = m.process("A");
    Outcome timer = m.call(a, Call::CreateWaitableTimer, {{"bManualReset", I(1)}});
    REQUIRE(ok(timer));
    CHECK(m.world.entry(a, timer.result.as_handle())->access == TIMER_ALL_ACCESS);
    CHECK(wait(m, a, timer.result) == WAIT_TIMEOUT);
    CHECK(set_timer(m, a, timer.result, -250000).result.number == 1);   // 25 ms
    CHECK(std::get<TimerObject>(m.object_of(a, timer.result).state).due_ms == 25);
    CHECK(blocked(m.call(a, Call::WaitForSingleObject, {{"hHandle", H(timer.result)}})));
    CHECK(m.world.next_deadline() == 25);
    auto done = m.advance(25);
    REQUIRE(done.size() == 1);
    CHECK(done[0].outcome.result.number == WAIT_OBJECT_0);
    CHECK(wait(m, a, timer.result) == WAIT_OBJECT_0);   // a notification timer stays signalled
    CHECK_FALSE(std::get<TimerObject>(m.object_of(a, timer.result).state).due_ms.has_value());
}

TEST_CASE("synchronization timers reset on a wait; Set resets, Cancel keeps the signal; periods repeat") {
    Machine m;
    Pid a = m.process("A");
    Outcome sync = m.call(a, Call::CreateWaitableTimer, {{"bManualReset", I(0)}});
    set_timer(m, a, sync.result, 0);   // an absolute time in the past: at once
    CHECK(wait(m, a, sync.result) == WAIT_OBJECT_0);
    CHECK(wait(m, a, sync.result) == WAIT_TIMEOUT);
    Outcome manual = m.call(a, Call::CreateWaitableTimer, {{"bManualReset", I(1)}});
    set_timer(m, a, manual.result, 0);
    CHECK(m.call(a, Call::CancelWaitableTimer, {{"hTimer", H(manual.result)}}).result.number == 1);
    CHECK(wait(m, a, manual.result) == WAIT_OBJECT_0);
    set_timer(m, a, manual.result, -100000000);
    CHECK(wait(m, a, manual.result) == WAIT_TIMEOUT);
    CHECK(set_timer(m, a, manual.result, -10000, -1).last_error == ERROR_INVALID_PARAMETER);
    // A periodic timer: due at 10 ms, then every 30 ms; advancing past several periods signals once
    // and sets the next due time after now.
    Outcome periodic = m.call(a, Call::CreateWaitableTimer, {{"bManualReset", I(0)}});
    set_timer(m, a, periodic.result, -100000, 30);
    m.advance(m.world.now_ms() + 75);
    CHECK(wait(m, a, periodic.result) == WAIT_OBJECT_0);
    CHECK(std::get<TimerObject>(m.object_of(a, periodic.result).state).due_ms == 100);
    Outcome event = m.call(a, Call::CreateEvent, {{"bManualReset", I(0)}, {"bInitialState", I(0)}});
    CHECK(m.call(a, Call::SetWaitableTimer, {{"hTimer", H(event.result)}, {"lpDueTime", I(0)}}).last_error == ERROR_INVALID_HANDLE);
}
