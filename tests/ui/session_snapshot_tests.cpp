// The session's snapshot after any walk of the transport is the state and step record a fresh
// seek gives, whether it was computed or swapped back in from the step before.
#include <doctest/doctest.h>

#include <string>

#include "ui_fixture.h"
#include "view_models/session.h"
#include "view_models/source_view_model.h"
#include "view_models/world_view_model.h"

using namespace kosim;
using namespace kosim::ui;

namespace {

Intent make(Intent::Kind kind) { Intent i; i.kind = kind; return i; }

// Everything the world view shows of a state and its step, as one text.
std::string fingerprint(const RunState& state, const StepRecord* record) {
    static const std::vector<model::Change> none;
    WorldViewOptions options;
    options.variables = &state.variables;
    const WorldView view = build_world_view(state.world, record ? std::span<const model::Change>(record->changes) : std::span<const model::Change>(none), options);
    std::string text;
    for (const auto& card : view.cards) {
        text += card.title + " " + card.state_text + " " + std::to_string(static_cast<int>(card.highlight)) + "\n";
        for (const auto& row : card.rows) {
            text += "  " + row.value_text + " " + row.object_text + " " + row.origin_text + " " + std::to_string(static_cast<int>(row.highlight));
            for (const auto& name : row.variables) text += " " + name;
            text += "\n";
        }
    }
    for (const auto& node : view.objects)
        text += node.label + " " + std::to_string(node.handle_count) + "/" + std::to_string(node.usage_count) + " " + node.state_line + " " +
                std::to_string(static_cast<int>(node.highlight)) + "\n";
    return text;
}

void check_matches_fresh_seek(const Session& session, const std::string& source) {
    Timeline fresh(ui_test::parse_or_fail(source));
    const std::size_t position = session.position();
    CAPTURE(position);
    REQUIRE(session.snapshot() != nullptr);
    CHECK(session.snapshot()->position == position);
    const std::optional<StepRecord> record = position > 0 ? std::optional<StepRecord>(fresh.record(position)) : std::nullopt;
    REQUIRE(session.snapshot()->record.has_value() == record.has_value());
    if (record) CHECK(session.snapshot()->record->statement == record->statement);
    CHECK(fingerprint(session.snapshot()->state, session.snapshot()->record ? &*session.snapshot()->record : nullptr) ==
          fingerprint(fresh.state_at(position), record ? &*record : nullptr));
}

}  // namespace

TEST_CASE("back and forth, the snapshot is the step's own, computed or swapped back in") {
    Session session;
    REQUIRE(session.open_text(ui_test::scenario_text, "ui-test.kos"));
    const Intent::Kind walk[] = {Intent::Kind::Forward, Intent::Kind::Forward, Intent::Kind::Back, Intent::Kind::Forward,
                                 Intent::Kind::Back,    Intent::Kind::Back,    Intent::Kind::Last, Intent::Kind::Back,
                                 Intent::Kind::Forward, Intent::Kind::First,   Intent::Kind::Forward, Intent::Kind::Back};
    for (Intent::Kind kind : walk) {
        session.apply(make(kind));
        check_matches_fresh_seek(session, ui_test::scenario_text);
    }
}

TEST_CASE("after the text changes, a step back is of the new run, not the snapshot of the old one") {
    Session session;
    REQUIRE(session.open_text(ui_test::scenario_text, "ui-test.kos"));
    session.apply(make(Intent::Kind::Forward));
    session.apply(make(Intent::Kind::Forward));   // the old run's step 1 is the one before
    // The same steps, another event name: the cursor stays at step 2 of the new run.
    std::string edited = ui_test::scenario_text;
    edited.replace(edited.find("\"ev\""), 4, "\"other\"");
    Intent set_editing = make(Intent::Kind::SetEditing);
    set_editing.flag = true;
    session.apply(set_editing);
    Intent edit = make(Intent::Kind::EditText);
    edit.text = edited;
    session.apply(edit);
    REQUIRE(session.flush_edit());
    REQUIRE(session.position() == 2);
    session.apply(make(Intent::Kind::Back));
    check_matches_fresh_seek(session, edited);
    CHECK(session.snapshot()->state.world.processes().front().handles.size() > 0);
    session.apply(make(Intent::Kind::Forward));
    check_matches_fresh_seek(session, edited);
}

namespace {

std::string source_text(const SourceView& view) {
    std::string text = view.current_line ? std::to_string(*view.current_line) : std::string("-");
    for (const auto& line : view.lines)
        text += "\n" + std::to_string(line.number) + (line.current ? " C" : "") + (line.next ? " N" : "") + " m" +
                std::to_string(static_cast<int>(line.mark)) + " " + line.note + " s" + (line.seek_step ? std::to_string(*line.seek_step) : "-") +
                " " + line.text;
    for (const auto& d : view.diagnostics) text += "\n" + d;
    return text;
}

}  // namespace

TEST_CASE("the source view kept between steps is the one built afresh at every step") {
    Session session;
    REQUIRE(session.open_text(ui_test::scenario_text, "ui-test.kos"));
    SourceViewCache cache;
    const Intent::Kind walk[] = {Intent::Kind::Forward, Intent::Kind::Forward, Intent::Kind::Forward, Intent::Kind::Back,
                                 Intent::Kind::Last,    Intent::Kind::First,   Intent::Kind::Last,    Intent::Kind::Back};
    CHECK(source_text(cache.refresh(session)) == source_text(build_source_view(session)));
    for (Intent::Kind kind : walk) {
        session.apply(make(kind));
        CAPTURE(session.position());
        CHECK(source_text(cache.refresh(session)) == source_text(build_source_view(session)));
    }
    // Expectations were marked on the way (the walk reached the end).
    CHECK(source_text(cache.view()).find(" m3 ") != std::string::npos);
    // Another text: built whole again.
    std::string edited = ui_test::scenario_text;
    edited.replace(edited.find("expect usage(h) == 3"), 20, "expect usage(h) == 9");
    Intent set_editing = make(Intent::Kind::SetEditing);
    set_editing.flag = true;
    session.apply(set_editing);
    Intent edit = make(Intent::Kind::EditText);
    edit.text = edited;
    session.apply(edit);
    REQUIRE(session.flush_edit());
    session.apply(make(Intent::Kind::Last));
    CHECK(source_text(cache.refresh(session)) == source_text(build_source_view(session)));
    CHECK(source_text(cache.view()).find(" m4 ") != std::string::npos);   // the expectation now fails
}

// Issue 12: the window's runs have the command line's memory budget (kosim gui --max-memory): the
// session records every run with the options it was given, so an over-budget run ends with the
// located error step the timeline makes, here with a fake heap probe that grows 1 KiB a step.
TEST_CASE("the session records its runs with the memory budget it was given, every run") {
    Session session;
    std::size_t probe_calls = 0;
    TimelineOptions options;
    options.max_memory = 4096;
    options.memory_in_use = [&probe_calls] { return 1024 * probe_calls++; };
    session.set_timeline_options(options);
    REQUIRE(session.open("03-worked-example"));
    const Timeline* first = session.timeline();
    REQUIRE(first != nullptr);
    REQUIRE(first->error_steps().size() == 1);
    const StepRecord cut = first->record(first->error_steps().front());
    CHECK(cut.error.find("memory budget of 4096 bytes") != std::string::npos);
    const std::size_t budgeted_steps = first->step_count();
    CHECK(budgeted_steps < 10);

    // A reload runs again under the same budget (the probe starts over from the run's own start).
    REQUIRE(session.reload());
    REQUIRE(session.timeline() != nullptr);
    CHECK(session.timeline()->error_steps().size() == 1);

    // Without a budget the same lesson runs to its end.
    Session unbudgeted;
    REQUIRE(unbudgeted.open("03-worked-example"));
    CHECK(unbudgeted.timeline()->error_steps().empty());
    CHECK(unbudgeted.step_count() > budgeted_steps);
}
