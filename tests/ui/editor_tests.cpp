// The editor without a window: edits run after a pause and keep the cursor's step, a text with
// errors keeps the last run that worked and marks its lines, Save and Save as write files, and no
// edit is lost to Open, Reload or Quit without asking.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "ui_fixture.h"
#include "view_models/carry_step.h"
#include "view_models/layout.h"
#include "view_models/layout_report.h"
#include "view_models/session.h"
#include "view_models/source_view_model.h"

using namespace kosim;
using namespace kosim::ui;

namespace {

Intent make(Intent::Kind kind) { Intent i; i.kind = kind; return i; }
Intent seek_to(std::size_t step) { Intent i; i.kind = Intent::Kind::Seek; i.step = step; return i; }
Intent edit(std::string text) { Intent i; i.kind = Intent::Kind::EditText; i.text = std::move(text); return i; }
Intent editing(bool on) { Intent i; i.kind = Intent::Kind::SetEditing; i.flag = on; return i; }
Intent answer(Intent::Choice choice, std::string path = {}) { Intent i; i.kind = Intent::Kind::Answer; i.answer = choice; i.path = std::move(path); return i; }
Intent save_as(std::string path, bool replace = false) { Intent i; i.kind = Intent::Kind::SaveAs; i.path = std::move(path); i.flag = replace; return i; }
Intent open(std::string path) { Intent i; i.kind = Intent::Kind::Open; i.path = std::move(path); return i; }

std::string replaced(std::string text, std::string_view from, std::string_view to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

std::string read(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// A folder of its own under the temporary folder, removed with everything in it.
struct TempFolder {
    std::filesystem::path path;
    explicit TempFolder(const std::string& name) : path(std::filesystem::temp_directory_path() / name) {
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~TempFolder() { std::error_code ec; std::filesystem::remove_all(path, ec); }
    std::filesystem::path write(const std::string& name, const std::string& text) const {
        std::ofstream(path / name, std::ios::binary) << text;
        return path / name;
    }
};

// usage_count of the event the fixture's Parent holds as `h`, after `position` steps.
std::uint32_t event_usage(const Session& session) {
    const Snapshot* snap = session.snapshot();
    REQUIRE(snap != nullptr);
    const auto parent = snap->state.pids.at("Parent");
    const auto& vars = snap->state.variables.at("Parent");
    const auto* object = snap->state.world.object_of(parent, vars.at("h").as_handle());
    REQUIRE(object != nullptr);
    return object->usage_count;
}

const std::string inherit_true = "bInheritHandles=TRUE";
const std::string inherit_false = "bInheritHandles=FALSE";

}  // namespace

TEST_CASE("map_line follows a line through an edit of one stretch of lines") {
    const std::string before = "a\nb\nc\nd\ne\n";
    SUBCASE("a line edited in place keeps its number, and so do the others") {
        const std::string after = "a\nb\nC!\nd\ne\n";
        CHECK(map_line(before, after, 3) == std::optional<std::uint32_t>(3));
        CHECK(map_line(before, after, 1) == std::optional<std::uint32_t>(1));
        CHECK(map_line(before, after, 5) == std::optional<std::uint32_t>(5));
    }
    SUBCASE("lines inserted above move the lines below") {
        const std::string after = "a\nnew 1\nnew 2\nb\nc\nd\ne\n";
        CHECK(map_line(before, after, 1) == std::optional<std::uint32_t>(1));
        CHECK(map_line(before, after, 2) == std::optional<std::uint32_t>(4));
        CHECK(map_line(before, after, 5) == std::optional<std::uint32_t>(7));
    }
    SUBCASE("a deleted line maps to nothing, the lines after it move up") {
        const std::string after = "a\nb\nd\ne\n";
        CHECK_FALSE(map_line(before, after, 3).has_value());
        CHECK(map_line(before, after, 4) == std::optional<std::uint32_t>(3));
    }
    SUBCASE("two edits apart: lines kept between them are followed, a changed line keeps its place") {
        const std::string after = "new\na\nb\nC!\nd\ne\n";
        CHECK(map_line(before, after, 2) == std::optional<std::uint32_t>(3));
        CHECK(map_line(before, after, 3) == std::optional<std::uint32_t>(4));
        CHECK(map_line(before, after, 4) == std::optional<std::uint32_t>(5));
    }
    SUBCASE("kept lines between changed ones are found where they are now") {
        const std::string after = "a\nx\nc\nd\ny\nb2\ne\n";
        CHECK(map_line(before, after, 3) == std::optional<std::uint32_t>(3));
        CHECK(map_line(before, after, 2) == std::optional<std::uint32_t>(2));   // b -> x: one line for one
        CHECK(map_line(before, after, 5) == std::optional<std::uint32_t>(7));
    }
    SUBCASE("a line past the end maps to nothing") {
        CHECK_FALSE(map_line(before, before, 99).has_value());
        CHECK_FALSE(map_line(before, before, 0).has_value());
    }
}

TEST_CASE("carry_step keeps the statement's step through an edit, where the statement still runs") {
    Timeline old_run(ui_test::parse_or_fail(ui_test::scenario_text));
    SUBCASE("arguments changed in place: the same step") {
        Timeline new_run(ui_test::parse_or_fail(replaced(ui_test::scenario_text, inherit_true, inherit_false)));
        CHECK(carry_step(old_run, 2, new_run) == std::optional<std::size_t>(2));
        CHECK(carry_step(old_run, 0, new_run) == std::optional<std::size_t>(0));
    }
    SUBCASE("a statement added above: the step moves with its statement") {
        Timeline new_run(ui_test::parse_or_fail(replaced(ui_test::scenario_text, "Parent: CreateProcess",
                                                         "Parent: h3 = CreateEvent(NULL, TRUE, FALSE, \"more\")\nParent: CreateProcess")));
        CHECK(carry_step(old_run, 3, new_run) == std::optional<std::size_t>(4));   // DuplicateHandle: step 3 -> 4
        CHECK(carry_step(old_run, 1, new_run) == std::optional<std::size_t>(1));
    }
    SUBCASE("the statement deleted: nothing to carry") {
        Timeline new_run(ui_test::parse_or_fail(replaced(ui_test::scenario_text, "Parent: CloseHandle(h)\nexpect usage(h2) == 2\n", "")));
        CHECK_FALSE(carry_step(old_run, 4, new_run).has_value());
        CHECK(carry_step(old_run, 3, new_run) == std::optional<std::size_t>(3));
    }
}

TEST_CASE("an edit runs once the typing pauses, keeps the cursor's step and changes the run") {
    Session session;
    REQUIRE(session.open_text(ui_test::scenario_text, "ui-test.kos"));
    session.apply(editing(true));
    CHECK(session.editing());
    session.apply(seek_to(2));   // CreateProcess: the child inherits the event, usage 2
    CHECK(event_usage(session) == 2);
    const std::uint64_t revision = session.text_revision();

    session.apply(edit(replaced(ui_test::scenario_text, inherit_true, inherit_false)));
    CHECK(session.modified());
    CHECK(session.edit_pending());
    CHECK_FALSE(session.tick(Session::edit_delay / 3));   // still typing: the run is the old one
    CHECK(event_usage(session) == 2);
    CHECK(session.tick(Session::edit_delay));
    CHECK_FALSE(session.edit_pending());
    REQUIRE(session.valid());
    CHECK_FALSE(session.run_is_stale());
    CHECK(session.position() == 2);                        // the cursor stayed on CreateProcess
    CHECK(event_usage(session) == 1);                      // nothing inherited now
    CHECK(session.scenario().source.find(inherit_false) != std::string::npos);
    CHECK(session.text_revision() == revision);            // the editor keeps its own buffer
    CHECK(session.modified());
    // The expectation written for TRUE now fails, and says so on its line.
    session.apply(make(Intent::Kind::Last));
    const SourceView view = build_source_view(session);
    CHECK(view.lines[6].mark == SourceLine::Mark::ExpectFailed);
    CHECK(header_title(session).find("modified") != std::string::npos);
}

TEST_CASE("an edit with errors keeps the last run that worked and marks the error at its line and column") {
    Session session;
    REQUIRE(session.open_text(ui_test::scenario_text, "ui-test.kos"));
    session.apply(editing(true));
    session.apply(seek_to(3));
    const std::string broken = replaced(ui_test::scenario_text, "CloseHandle(h)", "CloseHandel(h)");
    session.apply(edit(broken));
    REQUIRE(session.flush_edit());
    CHECK(session.valid());                // the last run that worked stays on screen ...
    CHECK(session.run_is_stale());         // ... and says it is of an earlier text
    CHECK(session.position() == 3);
    CHECK(session.step_count() == 4);
    CHECK(session.scenario().source == broken);
    REQUIRE_FALSE(session.scenario().parsed.diagnostics.empty());
    // Stepping the old run still works while the text is being fixed.
    session.apply(make(Intent::Kind::Forward));
    CHECK(session.position() == 4);

    const SourceView view = build_source_view(session);
    REQUIRE(view.lines.size() == 9);
    CHECK(view.error_count >= 1);
    CHECK(view.lines[7].mark == SourceLine::Mark::Error);
    CHECK(view.lines[7].column == 9);      // "Parent: CloseHandel": the call's name
    CHECK(view.lines[7].length == std::string("CloseHandel").size());
    CHECK(view.lines[7].note.find("did you mean 'CloseHandle'") != std::string::npos);
    // The old run's current statement, marked where its line is in this text; its steps are not this text's.
    CHECK(view.current_line == std::optional<std::size_t>(7));
    CHECK_FALSE(view.lines[7].seek_step.has_value());
    // Lines added above the step's statement move its mark with it.
    session.apply(edit("# a comment\n" + broken));
    REQUIRE(session.flush_edit());
    CHECK(build_source_view(session).current_line == std::optional<std::size_t>(8));

    // Fixed: the edit runs and the cursor stays on its statement.
    session.apply(edit(ui_test::scenario_text));
    REQUIRE(session.flush_edit());
    CHECK_FALSE(session.run_is_stale());
    CHECK(session.position() == 4);
    CHECK_FALSE(session.modified());       // back to the text as loaded
    CHECK(build_source_view(session).current_line == std::optional<std::size_t>(7));
}

TEST_CASE("an edit with errors and no earlier run shows the diagnostics, and runs once fixed") {
    Session session;
    const std::string broken = replaced(ui_test::scenario_text, "CloseHandle(h)", "CloseHandle(h");
    CHECK_FALSE(session.open_text(broken, "ui-test.kos"));
    CHECK(session.can_edit());
    session.apply(editing(true));
    CHECK(session.editing());
    session.apply(edit(ui_test::scenario_text));
    CHECK(session.flush_edit());
    REQUIRE(session.valid());
    CHECK(session.step_count() == 4);
}

TEST_CASE("Save writes the file; a built-in asks for a path and Save as writes there") {
    TempFolder folder("kosim-ui-editor-save");
    SUBCASE("a file") {
        const auto path = folder.write("demo.kos", ui_test::scenario_text);
        Session session;
        REQUIRE(session.open(path.string()));
        CHECK(session.can_save());
        const std::string edited = replaced(ui_test::scenario_text, inherit_true, inherit_false);
        session.apply(edit(edited));
        session.apply(make(Intent::Kind::Save));   // runs the waiting edit first
        CHECK(session.save_status().outcome == SaveStatus::Outcome::Saved);
        CHECK(read(path) == edited);
        CHECK_FALSE(session.modified());
        CHECK_FALSE(session.edit_pending());
        // The watcher then sees the file changed: nothing new, so nothing is asked and the run stays.
        const std::uint64_t revision = session.text_revision();
        session.apply(make(Intent::Kind::Reload));
        CHECK_FALSE(session.unsaved_question().has_value());
        CHECK(session.text_revision() == revision);
    }
    SUBCASE("a built-in") {
        Session session;
        REQUIRE(session.open("02-creation-vs-inheritance"));
        CHECK(session.can_edit());
        CHECK_FALSE(session.can_save());
        const std::string edited = replaced(session.scenario().source, inherit_true, inherit_false);
        session.apply(edit(edited));
        session.apply(make(Intent::Kind::Save));
        CHECK(session.save_status().outcome == SaveStatus::Outcome::NeedsPath);
        CHECK(session.modified());
        const auto target = folder.path / "mine.kos";
        session.apply(save_as(target.string()));
        REQUIRE(session.save_status().outcome == SaveStatus::Outcome::Saved);
        CHECK(read(target) == edited);
        CHECK(session.watched_path() == target.string());   // from now on it is that file
        CHECK(session.can_save());
        CHECK_FALSE(session.modified());
        CHECK(session.scenario().file_name == target.string());
    }
    SUBCASE("Save as asks before replacing a file, and says why a write failed") {
        const auto existing = folder.write("taken.kos", "# someone else's\n");
        Session session;
        REQUIRE(session.open_text(ui_test::scenario_text, "ui-test.kos"));
        session.apply(save_as(existing.string()));
        CHECK(session.save_status().outcome == SaveStatus::Outcome::Exists);
        CHECK(read(existing) == "# someone else's\n");
        session.apply(save_as(existing.string(), true));
        CHECK(session.save_status().outcome == SaveStatus::Outcome::Saved);
        CHECK(read(existing) == ui_test::scenario_text);

        const auto nowhere = folder.path / "no-such-folder" / "x.kos";
        session.apply(save_as(nowhere.string()));
        CHECK(session.save_status().outcome == SaveStatus::Outcome::Failed);
        CHECK(session.save_status().message.find("no-such-folder") != std::string::npos);
        CHECK(session.save_status().message.find("No such file or directory") != std::string::npos);
        session.apply(save_as(folder.path.string()));
        CHECK(session.save_status().outcome == SaveStatus::Outcome::Failed);
    }
}

TEST_CASE("unsaved edits are never lost: Open, Reload and Quit ask first") {
    TempFolder folder("kosim-ui-editor-unsaved");
    const auto path = folder.write("demo.kos", ui_test::scenario_text);
    Session session;
    REQUIRE(session.open(path.string()));
    session.apply(seek_to(2));
    const std::string edited = replaced(ui_test::scenario_text, inherit_true, inherit_false);
    session.apply(edit(edited));

    SUBCASE("Open: cancel keeps the edits, discard opens the other scenario") {
        session.apply(open("01-handle-table-basics"));
        REQUIRE(session.unsaved_question().has_value());
        CHECK(session.unsaved_question()->action == UnsavedQuestion::Action::Open);
        CHECK(session.name() == path.string());   // not opened yet
        session.apply(answer(Intent::Choice::Cancel));
        CHECK_FALSE(session.unsaved_question().has_value());
        CHECK(session.text() == edited);
        CHECK(session.modified());
        session.apply(open("01-handle-table-basics"));
        session.apply(answer(Intent::Choice::Discard));
        CHECK(session.scenario().file_name == "builtin:01-handle-table-basics");
        CHECK_FALSE(session.modified());
        CHECK(read(path) == ui_test::scenario_text);   // the file was not touched
    }
    SUBCASE("Quit: save, then close") {
        session.apply(make(Intent::Kind::Quit));
        REQUIRE(session.unsaved_question().has_value());
        CHECK_FALSE(session.quit_confirmed());
        session.apply(answer(Intent::Choice::Save));
        CHECK(session.quit_confirmed());
        CHECK(read(path) == edited);
    }
    SUBCASE("Reload: the file changed on disk under the edits") {
        folder.write("demo.kos", std::string(ui_test::scenario_text) + "Parent: CloseHandle(h2)\n");
        session.apply(make(Intent::Kind::Reload));
        REQUIRE(session.unsaved_question().has_value());
        CHECK(session.unsaved_question()->action == UnsavedQuestion::Action::Reload);
        CHECK(session.text() == edited);
        session.apply(answer(Intent::Choice::Discard));
        CHECK(session.step_count() == 5);
        CHECK_FALSE(session.modified());
        CHECK(session.position() == 2);
    }
    SUBCASE("Discard unsaved edits (Revert) reads the file again and keeps the step") {
        const std::uint64_t revision = session.text_revision();
        session.apply(make(Intent::Kind::Revert));
        CHECK_FALSE(session.modified());
        CHECK(session.text() == ui_test::scenario_text);
        CHECK(session.text_revision() != revision);   // the editor reloads its buffer
        CHECK(session.position() == 2);
        CHECK(event_usage(session) == 2);
    }
    SUBCASE("without edits nothing is asked") {
        session.apply(make(Intent::Kind::Revert));
        session.apply(make(Intent::Kind::Quit));
        CHECK_FALSE(session.unsaved_question().has_value());
        CHECK(session.quit_confirmed());
    }
}

TEST_CASE("a scenario that could not be read cannot be edited, and edits to it are ignored") {
    Session session;
    CHECK_FALSE(session.open("/nonexistent/kosim/nothing.kos"));
    CHECK_FALSE(session.can_edit());
    session.apply(editing(true));
    CHECK_FALSE(session.editing());
    session.apply(edit("process P\n"));
    CHECK_FALSE(session.edit_pending());
    CHECK_FALSE(session.modified());
}

TEST_CASE("editing gives the source the whole left column, wider; the world keeps the rest") {
    FixedMetrics metrics;
    ScreenInputs in;
    const ScreenLayout reading = layout_screen(in, metrics);
    in.editing = true;
    const ScreenLayout editing_layout = layout_screen(in, metrics);
    CHECK(editing_layout.source.w > reading.source.w * 1.5f);
    CHECK(editing_layout.world.w < reading.world.w);
    CHECK(editing_layout.world.x == doctest::Approx(editing_layout.source.right() + (reading.world.x - reading.source.right())));
    CHECK(editing_layout.inspector.w == reading.inspector.w);
    // The whole column is the text; expectation results are marked in it.
    CHECK(editing_layout.expectations.h == 0);
    CHECK(editing_layout.source.h > reading.source.h);
    CHECK(reading.expectations.h > 0);
}

TEST_CASE("a statement typed above the cursor's moves the cursor with its statement, not its step number") {
    Session session;
    REQUIRE(session.open_text(ui_test::scenario_text, "ui-test.kos"));
    session.apply(seek_to(3));   // DuplicateHandle
    session.apply(edit(replaced(ui_test::scenario_text, "Parent: CreateProcess",
                                "Parent: h3 = CreateEvent(NULL, TRUE, FALSE, \"more\")\nParent: CreateProcess")));
    REQUIRE(session.flush_edit());
    CHECK(session.step_count() == 5);
    CHECK(session.position() == 4);
    REQUIRE(session.snapshot()->record.has_value());
    CHECK(session.snapshot()->record->kind == StepRecord::Kind::Statement);
    CHECK(to_source(session.timeline()->program().statements[session.snapshot()->record->statement]) ==
          "Parent: DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &h2)");
}
