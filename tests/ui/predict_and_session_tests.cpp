// Predict-mode scoring and the session's intent handling: stepping past the ends, seeking,
// reloading a file that changed (keeping the step) or became invalid (diagnostics, no crash).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "ui_fixture.h"
#include "view_models/expectations_view_model.h"
#include "view_models/inspector_view_model.h"
#include "view_models/predict.h"
#include "view_models/session.h"
#include "view_models/source_view_model.h"

using namespace kosim;
using namespace kosim::ui;

namespace {

Intent make(Intent::Kind kind) { Intent i; i.kind = kind; return i; }
Intent seek_to(std::size_t step) { Intent i; i.kind = Intent::Kind::Seek; i.step = step; return i; }

struct TempFile {
    std::filesystem::path path;
    explicit TempFile(const std::string& name) : path(std::filesystem::temp_directory_path() / name) {}
    ~TempFile() { std::error_code ec; std::filesystem::remove(path, ec); }
    void write(const std::string& text) const { std::ofstream(path, std::ios::binary) << text; }
};

// Predict mode on at step 2, then Forward: the session asks about step 3 (the duplicate).
void ask_about_step_3(Session& session) {
    REQUIRE(session.open_text(ui_test::scenario_text, "ui-test.kos"));
    Intent on;
    on.kind = Intent::Kind::SetPredictMode;
    on.flag = true;
    session.apply(on);
    session.apply(seek_to(2));
    session.apply(make(Intent::Kind::Forward));
}

}  // namespace

TEST_CASE("prediction items are the counts the next step changes, scored right or wrong") {
    Timeline timeline(ui_test::parse_or_fail(ui_test::scenario_text));
    const model::World before = timeline.state_at(2).world;
    const StepRecord next = timeline.record(3);   // DuplicateHandle: the event 2 -> 3
    const model::World after = timeline.state_at(3).world;
    auto items = prediction_items(next.changes, before, after);
    REQUIRE(items.size() == 2);
    CHECK(describe::label_text(items[0].label, Language::English) == "Event 'ev'");
    CHECK(items[0].count == PredictionItem::Count::UsageCount);
    CHECK(items[0].before == 2);
    CHECK(items[0].truth == 3);
    CHECK(items[1].count == PredictionItem::Count::HandleCount);
    CHECK(hidden_objects(items).size() == 1);

    items[0].guess = 3;   // right
    items[1].guess = 2;   // wrong
    PredictionScore s = score(items);
    CHECK(s.right == 1);
    CHECK(s.wrong == 1);
    CHECK(s.unanswered == 0);
    REQUIRE(s.verdicts.size() == 2);
    CHECK(s.verdicts[0] == Verdict::Right);
    CHECK(s.verdicts[1] == Verdict::Wrong);
    items[1].guess.reset();
    CHECK(score(items).unanswered == 1);
}

TEST_CASE("transport intents stop at both ends and seeking clamps") {
    Session session;
    REQUIRE(session.open_text(ui_test::scenario_text, "ui-test.kos"));
    REQUIRE(session.step_count() == 4);
    session.apply(make(Intent::Kind::Back));
    CHECK(session.position() == 0);
    session.apply(make(Intent::Kind::Forward));
    CHECK(session.position() == 1);
    REQUIRE(session.snapshot() != nullptr);
    CHECK(session.snapshot()->record.has_value());
    session.apply(make(Intent::Kind::Last));
    CHECK(session.position() == 4);
    session.apply(make(Intent::Kind::Forward));
    CHECK(session.position() == 4);
    session.apply(seek_to(99));
    CHECK(session.position() == 4);
    session.apply(make(Intent::Kind::First));
    CHECK(session.position() == 0);
    CHECK_FALSE(session.snapshot()->record.has_value());

    Intent line;
    line.kind = Intent::Kind::SeekLine;
    line.line = 8;   // CloseHandle
    session.apply(line);
    CHECK(session.position() == 4);
    line.line = 3;   // a say line: no statement, nothing happens
    session.apply(line);
    CHECK(session.position() == 4);
}

TEST_CASE("playing advances by speed and stops at the end") {
    Session session;
    REQUIRE(session.open_text(ui_test::scenario_text, "ui-test.kos"));
    Intent speed;
    speed.kind = Intent::Kind::SetSpeed;
    speed.speed = 2.0f;
    session.apply(speed);
    session.apply(make(Intent::Kind::TogglePlay));
    CHECK(session.playing());
    CHECK(session.tick(0.5));   // 2 steps/s * 0.5 s = one step
    CHECK(session.position() == 1);
    session.tick(10.0);
    CHECK(session.position() == 4);
    CHECK_FALSE(session.playing());
}

TEST_CASE("predict mode asks before the step, then reveals and scores") {
    Session session;
    ask_about_step_3(session);
    REQUIRE(session.prediction().has_value());
    CHECK(session.position() == 2);            // not applied yet
    CHECK_FALSE(session.prediction()->revealed);
    CHECK(session.prediction()->step == 3);
    CHECK(session.prediction()->call == "Parent: DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &h2)");
    Intent guess;
    guess.kind = Intent::Kind::SetGuess;
    guess.index = 0;
    guess.guess = 3;
    session.apply(guess);
    guess.index = 1;
    guess.guess = 7;
    session.apply(guess);
    session.apply(make(Intent::Kind::Reveal));
    CHECK(session.position() == 3);
    REQUIRE(session.prediction().has_value());
    CHECK(session.prediction()->revealed);
    CHECK(session.prediction()->result.right == 1);
    CHECK(session.prediction()->result.wrong == 1);
    CHECK(session.predictions_right() == 1);
    CHECK(session.predictions_total() == 2);
    // Moving on clears the revealed answers.
    session.apply(make(Intent::Kind::Back));
    CHECK_FALSE(session.prediction().has_value());
}

TEST_CASE("predict mode: a question left blank is neither right nor wrong and does not count against the score") {
    Session session;
    ask_about_step_3(session);
    REQUIRE(session.prediction().has_value());
    REQUIRE(session.prediction()->items.size() == 2);
    Intent guess;
    guess.kind = Intent::Kind::SetGuess;
    guess.index = 0;
    guess.guess = session.prediction()->items[0].truth;   // one right, the other left blank
    session.apply(guess);
    session.apply(make(Intent::Kind::Reveal));
    REQUIRE(session.prediction().has_value());
    CHECK(session.prediction()->result.right == 1);
    CHECK(session.prediction()->result.wrong == 0);
    CHECK(session.prediction()->result.unanswered == 1);
    CHECK(session.predictions_right() == 1);
    CHECK(session.predictions_total() == 1);   // 1 of 1 answered right, not 1 of 2
}

TEST_CASE("reload keeps the step, survives a now-invalid file, and comes back to the step") {
    TempFile file("kosim-ui-reload-test.kos");
    file.write(ui_test::scenario_text);
    Session session;
    REQUIRE(session.open(file.path.string()));
    CHECK(session.watched_path() == file.path.string());
    session.apply(seek_to(3));

    file.write(std::string(ui_test::scenario_text) + "Parent: CloseHandle(h2)\n");
    session.apply(make(Intent::Kind::Reload));
    REQUIRE(session.valid());
    CHECK(session.step_count() == 5);
    CHECK(session.position() == 3);

    file.write("process Parent\nParent: h = CreateEvnt(NULL, TRUE, FALSE)\n");
    session.apply(make(Intent::Kind::Reload));
    CHECK_FALSE(session.valid());
    CHECK(session.snapshot() == nullptr);
    REQUIRE_FALSE(session.scenario().parsed.diagnostics.empty());
    // Intents on an invalid scenario do nothing rather than crash.
    session.apply(make(Intent::Kind::Forward));
    session.apply(make(Intent::Kind::Last));
    session.apply(make(Intent::Kind::TogglePlay));
    CHECK_FALSE(session.playing());
    CHECK(session.position() == 0);
    const SourceView source = build_source_view(session.scenario().source, session.scenario().file_name,
                                                session.scenario().parsed.diagnostics, session.timeline(), 0);
    REQUIRE(source.lines.size() == 2);
    CHECK(source.lines[1].mark == SourceLine::Mark::Error);
    CHECK(source.error_count >= 1);
    REQUIRE_FALSE(source.diagnostics.empty());
    CHECK(source.diagnostics[0].find("CreateEvnt") != std::string::npos);

    file.write(ui_test::scenario_text);
    session.apply(make(Intent::Kind::Reload));
    REQUIRE(session.valid());
    CHECK(session.position() == 3);
}

TEST_CASE("a missing file is an error the session reports, not a crash") {
    Session session;
    CHECK_FALSE(session.open("/nonexistent/kosim/nothing.kos"));
    CHECK_FALSE(session.valid());
    CHECK_FALSE(session.load_error().empty());
}

TEST_CASE("the source view marks the current and next statements and expectation results") {
    Timeline timeline(ui_test::parse_or_fail(ui_test::scenario_text));
    SourceView view = build_source_view(timeline.program().source, "ui-test.kos", {}, &timeline, 3);
    REQUIRE(view.lines.size() == 9);
    REQUIRE(view.current_line.has_value());
    CHECK(*view.current_line == 5);               // line 6: DuplicateHandle
    CHECK(view.lines[5].current);
    CHECK(view.lines[7].next);                    // line 8: CloseHandle
    CHECK(view.lines[6].mark == SourceLine::Mark::ExpectPassed);
    CHECK(view.lines[8].mark == SourceLine::Mark::None);   // not checked yet
    CHECK(view.lines[1].seek_step == std::optional<std::size_t>(1));
    CHECK_FALSE(view.lines[2].seek_step.has_value());      // say line
}

TEST_CASE("the expectations view counts what passed so far") {
    Timeline timeline(ui_test::parse_or_fail(ui_test::scenario_text));
    ExpectationsView early = build_expectations_view(timeline, 2);
    CHECK(early.pending == 2);
    CHECK(early.passed == 0);
    ExpectationsView late = build_expectations_view(timeline, 4);
    CHECK(late.passed == 2);
    CHECK(late.failed == 0);
    REQUIRE(late.rows.size() == 2);
    CHECK(late.rows[0].line == 7);
    CHECK(late.rows[0].step == 3);
}

TEST_CASE("the inspector says who holds an object and why its usage_count is what it is") {
    Timeline timeline(ui_test::parse_or_fail(ui_test::scenario_text));
    const RunState state = timeline.state_at(3);
    const HandleValue h = ui_test::variable(timeline, 3, "Parent", "h");
    const model::Pid parent = state.pids.at("Parent");
    const auto* object = state.world.object_of(parent, h);
    REQUIRE(object != nullptr);
    InspectorView view = build_inspector(state, Selection::object_node(object->id));
    CHECK(view.title == "Event 'ev'");
    REQUIRE(view.holders.size() == 3);
    CHECK(view.holders_sum == "3 entries + 0 kernel references = usage_count 3");
    int inherited = 0, duplicated = 0;
    for (const auto& holder : view.holders) {
        if (holder.origin.starts_with("inherited from Parent")) ++inherited;
        if (holder.origin.starts_with("duplicated from Parent")) ++duplicated;
    }
    CHECK(inherited == 1);
    CHECK(duplicated == 1);

    InspectorView process = build_inspector(state, Selection::process(parent));
    CHECK(process.title == "Process Parent");
    CHECK(process.table.size() == state.world.process(parent)->handles.size());
}
