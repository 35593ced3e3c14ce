// The comparison: what counts as a mismatch, what a profile entry may explain, and what it may not.
#include <doctest/doctest.h>

#include "compare/compare.h"

using namespace kosim;
using namespace kosim::compare;

namespace {

trace::HandleObservation handle(std::string process, std::string variable, std::uint64_t value, std::string object,
                                std::uint32_t count, bool inherit = false) {
    trace::HandleObservation h;
    h.process = std::move(process);
    h.variable = std::move(variable);
    h.value = value;
    h.valid = true;
    h.inherit = inherit;
    h.object = std::move(object);
    h.handle_count = count;
    return h;
}

trace::Step call_step(std::size_t index, std::uint32_t line, Value result, std::uint32_t last_error = 0) {
    trace::Step s;
    s.index = index;
    s.kind = "statement";
    trace::CallOutcome c;
    c.statement = index - 1;
    c.line = line;
    c.process = "Parent";
    c.call = "CreateProcess";
    c.status = "completed";
    c.result = std::move(result);
    c.last_error = last_error;
    s.call = c;
    return s;
}

trace::Trace make(std::string platform, std::vector<trace::Step> steps) {
    trace::Trace t;
    t.platform = std::move(platform);
    t.scenario = "test";
    t.steps = std::move(steps);
    return t;
}

}  // namespace

TEST_CASE("identical traces pass") {
    auto step = call_step(1, 3, Value::boolean(true));
    Report r = compare_traces(make("model", {step}), make("wine-8.0", {step}), nullptr);
    CHECK(r.passed());
    CHECK(r.unexplained == 0);
}

TEST_CASE("handle values are compared by meaning, not by number") {
    auto m = call_step(1, 3, Value::handle(HandleValue{0x4}));
    auto n = call_step(1, 3, Value::handle(HandleValue{0x3C}));
    CHECK(compare_traces(make("model", {m}), make("wine-8.0", {n}), nullptr).passed());
    auto failed = call_step(1, 3, Value::handle(invalid_handle_value), 2);
    CHECK_FALSE(compare_traces(make("model", {m}), make("wine-8.0", {failed}), nullptr).passed());
}

TEST_CASE("last_error after a success is compared only when the model documents one") {
    auto m = call_step(1, 3, Value::boolean(true), 0);
    auto n = call_step(1, 3, Value::boolean(true), 6);   // Wine leaves ERROR_INVALID_HANDLE after CreateProcess
    CHECK(compare_traces(make("model", {m}), make("wine-8.0", {n}), nullptr).passed());
    auto mf = call_step(1, 3, Value::boolean(false), 6);
    auto nf = call_step(1, 3, Value::boolean(false), 109);
    Report r = compare_traces(make("model", {mf}), make("wine-8.0", {nf}), nullptr);
    REQUIRE(r.unexplained == 1);
    CHECK(r.steps[0].differences[0].field == "last_error");
}

TEST_CASE("handle counts are compared as changes since the object was first seen") {
    auto m1 = call_step(1, 3, Value::boolean(true));
    auto m2 = call_step(2, 4, Value::boolean(true));
    auto n1 = m1, n2 = m2;
    m1.handles = {handle("Parent", "pi.hProcess", 0x8, "#5", 1)};
    m2.handles = {handle("Parent", "pi.hProcess", 0x8, "#5", 2)};
    // Windows: csrss and the driver hold the process too, so the absolute count is higher.
    n1.handles = {handle("Parent", "pi.hProcess", 0x4C, "Parent:pi.hProcess", 3)};
    n2.handles = {handle("Parent", "pi.hProcess", 0x4C, "Parent:pi.hProcess", 4)};
    CHECK(compare_traces(make("model", {m1, m2}), make("windows-10.0.19045", {n1, n2}), nullptr).passed());

    n2.handles = {handle("Parent", "pi.hProcess", 0x4C, "Parent:pi.hProcess", 3)};
    Report r = compare_traces(make("model", {m1, m2}), make("windows-10.0.19045", {n1, n2}), nullptr);
    REQUIRE(r.unexplained == 1);
    CHECK(r.steps[1].differences[0].field == "handle_count");
    CHECK(r.steps[1].differences[0].model == "+1 (2)");
    CHECK(r.steps[1].differences[0].native == "+0 (3)");
}

TEST_CASE("inherit flags, validity, states and deadlocks are compared") {
    auto m = call_step(1, 3, Value::boolean(true));
    auto n = m;
    m.handles = {handle("Parent", "hRead", 0x4, "#1", 1, true)};
    n.handles = {handle("Parent", "hRead", 0x3C, "Parent:hRead", 1, false)};
    Report r = compare_traces(make("model", {m}), make("wine-8.0", {n}), nullptr);
    REQUIRE(r.unexplained == 1);
    CHECK(r.steps[0].differences[0].field == "inherit");

    auto md = make("model", {call_step(1, 3, Value::boolean(true))});
    md.deadlock = true;
    CHECK_FALSE(compare_traces(md, make("wine-8.0", {call_step(1, 3, Value::boolean(true))}), nullptr).passed());
}

TEST_CASE("a profile entry explains only the difference it names") {
    Profile profile{"test", "", {{"test.count", "", "result", "2", "1", "a documented platform difference"}}};
    auto m = call_step(1, 3, Value::integer(2));
    auto n = call_step(1, 3, Value::integer(1));
    Report r = compare_traces(make("model", {m}), make("wine-8.0", {n}), &profile);
    CHECK(r.passed());
    CHECK(r.explained == 1);
    CHECK(r.steps[0].differences[0].explained_by == "test.count");

    auto other = call_step(1, 3, Value::integer(3));
    Report r2 = compare_traces(make("model", {m}), make("wine-8.0", {other}), &profile);
    CHECK_FALSE(r2.passed());
}

TEST_CASE("every profile entry has an id, a field and a justification") {
    for (const Profile& profile : profiles())
        for (const ProfileEntry& entry : profile.entries) {
            CAPTURE(entry.id);
            CHECK_FALSE(entry.id.empty());
            CHECK_FALSE(entry.field.empty());
            CHECK(entry.justification.size() > 20);
        }
    CHECK(profile_for_platform("wine-8.0")->name == "wine8");
    CHECK(profile_for_platform("windows-10.0.19045")->name == "windows10+");
    CHECK(profile_for_platform("model") == nullptr);
}

TEST_CASE("the side-by-side rows flag mismatches") {
    auto m = call_step(1, 3, Value::boolean(true));
    auto n = call_step(1, 3, Value::boolean(false), 6);
    auto rows = side_by_side(compare_traces(make("model", {m, m}), make("wine-8.0", {n, m}), nullptr));
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].status == SideBySideRow::Status::Mismatch);
    CHECK_FALSE(rows[0].details.empty());
    CHECK(rows[1].status == SideBySideRow::Status::Same);
}

TEST_CASE("object identity is not judged through a variable whose handle was already closed") {
    // Issue 13: Wine opens hidden handles of its own, so a closed variable's value names another
    // object (or none) there than in the model.
    auto m1 = call_step(1, 3, Value::boolean(true));
    auto n1 = m1;
    m1.handles = {handle("P", "a", 0x4, "#1", 1), handle("P", "b", 0x8, "#2", 1)};
    n1.handles = {handle("P", "a", 0x40, "P:a", 1), handle("P", "b", 0x44, "P:b", 1)};
    auto m2 = call_step(2, 4, Value::boolean(true));
    auto n2 = m2;
    // a was closed, then a new handle c took its slot in the model; in Wine c got another value.
    m2.handles = {handle("P", "a", 0x4, "#3", 1), handle("P", "b", 0x8, "#2", 1), handle("P", "c", 0x4, "#3", 1)};
    n2.handles = {handle("P", "a", 0x40, "P:a", 1), handle("P", "b", 0x44, "P:b", 1), handle("P", "c", 0x48, "P:c", 1)};
    Report r = compare_traces(make("model", {m1, m2}), make("wine-8.0", {n1, n2}), nullptr);
    for (const StepComparison& step : r.steps)
        for (const Difference& d : step.differences) CHECK(d.field != "same_object");

    // Two current variables that differ in identity are still a mismatch.
    auto m3 = m1, n3 = n1;
    m3.handles[1].object = "#1";
    Report r3 = compare_traces(make("model", {m3}), make("wine-8.0", {n3}), nullptr);
    REQUIRE(r3.unexplained == 1);
    CHECK(r3.steps[0].differences[0].field == "same_object");
}

TEST_CASE("ERROR_ALREADY_EXISTS after a success is compared only after a call that creates by name") {
    // Issue 13: 183 left over from an earlier call was compared after CreatePipe.
    auto m = call_step(1, 3, Value::boolean(true), 183);
    m.call->call = "CreatePipe";
    auto n = call_step(1, 3, Value::boolean(true), 0);
    n.call->call = "CreatePipe";
    CHECK(compare_traces(make("model", {m}), make("wine-8.0", {n}), nullptr).passed());
    m.call->call = n.call->call = "CreateEvent";
    m.call->result = n.call->result = Value::handle(HandleValue{0x4});
    Report r = compare_traces(make("model", {m}), make("wine-8.0", {n}), nullptr);
    REQUIRE(r.unexplained == 1);
    CHECK(r.steps[0].differences[0].field == "last_error");
}

TEST_CASE("the Wine thread-handle profile entry explains a duplicate of pi.hThread, at any count") {
    // Issue 13: it matched only variables named *.hThread with exact counts.
    const Profile* wine = find_profile("wine8");
    REQUIRE(wine);
    auto thread = [](std::string variable, std::uint32_t count) {
        trace::HandleObservation h = handle("Parent", std::move(variable), 0x8, "#7", count);
        h.type = "Thread";
        return h;
    };
    auto m1 = call_step(1, 3, Value::boolean(true)), m2 = call_step(2, 4, Value::boolean(true));
    auto n1 = m1, n2 = m2;
    m1.handles = {thread("hDup", 2)};
    m2.handles = {thread("hDup", 2)};
    n1.handles = {thread("hDup", 3)};
    n2.handles = {thread("hDup", 2)};   // Wine's own handle went away when the thread ended
    Report r = compare_traces(make("model", {m1, m2}), make("wine-8.0", {n1, n2}), wine);
    CHECK(r.passed());
    CHECK(r.explained == 1);

    // Two fewer, or a process object, is not what the entry names.
    auto n2b = n2;
    n2b.handles = {thread("hDup", 1)};
    CHECK_FALSE(compare_traces(make("model", {m1, m2}), make("wine-8.0", {n1, n2b}), wine).passed());
    auto process = [&](trace::Step s) {
        s.handles[0].type = "Process";
        return s;
    };
    CHECK_FALSE(compare_traces(make("model", {process(m1), process(m2)}), make("wine-8.0", {process(n1), process(n2)}), wine)
                    .passed());
}

TEST_CASE("a closed variable stays out of the comparison when the model's reused slot names its object again") {
    // Random seed 53: hOpened10 (0x4) is closed, then the same named event is opened again; the model
    // hands out its lowest free slot, 0x4, so hOpened10 names the event again, while Wine gave a new
    // value and hOpened10 stays invalid there. The slot order is a known difference, not a finding.
    auto closed = [](trace::HandleObservation h) { h.valid = false; h.object.clear(); return h; };
    auto m1 = call_step(1, 3, Value::boolean(true)), m2 = call_step(2, 4, Value::boolean(true)), m3 = call_step(3, 5, Value::boolean(true));
    auto n1 = m1, n2 = m2, n3 = m3;
    m1.handles = {handle("A", "hOpened10", 0x4, "#3", 2)};
    n1.handles = {handle("A", "hOpened10", 0x44, "A:hOpened10", 2)};
    m2.handles = {closed(handle("A", "hOpened10", 0x4, "", 0))};
    n2.handles = {closed(handle("A", "hOpened10", 0x44, "", 0))};
    m3.handles = {handle("A", "hOpened10", 0x4, "#3", 2), handle("A", "hOpened11", 0x4, "#3", 2)};
    n3.handles = {closed(handle("A", "hOpened10", 0x44, "", 0)), handle("A", "hOpened11", 0x40, "A:hOpened11", 2)};
    Report r = compare_traces(make("model", {m1, m2, m3}), make("wine-8.0", {n1, n2, n3}), nullptr);
    CHECK(r.passed());

    // Given a new value, the variable is compared again.
    auto m4 = call_step(4, 6, Value::boolean(true));
    auto n4 = m4;
    m4.handles = {handle("A", "hOpened10", 0xC, "#4", 1)};
    n4.handles = {closed(handle("A", "hOpened10", 0x48, "", 0))};
    Report r4 = compare_traces(make("model", {m1, m2, m3, m4}), make("wine-8.0", {n1, n2, n3, n4}), nullptr);
    REQUIRE(r4.unexplained == 1);
    CHECK(r4.steps[3].differences[0].field == "valid");
}
