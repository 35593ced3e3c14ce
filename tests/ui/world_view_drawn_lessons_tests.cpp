// The lessons the world view draws beyond rows and nodes: pseudo-handle markers (05), a failed
// look-up as a ghost row (04), data in flight with its direction (08), and command lines and
// environment blocks on the cards (12), inheritance as copied entries (04), file contents and the
// bytes moved in and out of a file (03), each at the steps that have them and not at the others;
// and a row names only the variables that refer to its entry (not one whose handle was closed).
#include <doctest/doctest.h>

#include "scenario/builtin.h"
#include "ui_fixture.h"
#include "view_models/world_view_model.h"

using namespace kosim;
using namespace kosim::ui;

namespace {

struct Built {
    WorldView view;
    StepRecord record;
};

Built build_at(const Timeline& timeline, std::size_t position, bool environment = false) {
    Built b;
    if (position > 0) b.record = timeline.record(position);
    const RunState state = timeline.state_at(position);
    WorldViewOptions options;
    options.program = &timeline.program();
    options.record = position > 0 ? &b.record : nullptr;
    options.variables = &state.variables;
    options.closed_variables = &state.closed_variables;
    options.environment = environment;
    b.view = build_world_view(state.world, b.record.changes, options);
    options.variables = nullptr;   // `state` goes out of scope: the view keeps copies only
    options.closed_variables = nullptr;
    return b;
}

Timeline builtin(const std::string& name) {
    for (const auto& b : builtin_scenarios())
        if (b.name.starts_with(name)) return Timeline(ui_test::parse_or_fail(std::string(b.source)));
    FAIL("no built-in " << name);
    return Timeline(ui_test::parse_or_fail(ui_test::scenario_text));
}

const ProcessCard& card_named(const WorldView& view, const std::string& name) {
    for (const auto& card : view.cards)
        if (card.name == name) return card;
    FAIL("no card " << name);
    return view.cards.front();
}

}  // namespace

TEST_CASE("05: GetCurrentProcess and CloseHandle on it mark the card, and only at those steps") {
    const Timeline timeline = builtin("05");
    // Step 1: me = GetCurrentProcess(); step 2: CloseHandle(me); step 3: DuplicateHandle(GetCurrentProcess(), ...).
    const Built first = build_at(timeline, 1);
    REQUIRE(first.view.cards.size() == 1);
    CHECK(first.view.cards[0].markers == std::vector<std::string>{"-1: this process, no entry"});
    CHECK(first.view.cards[0].rows.empty());   // no entry appears for the pseudo-handle

    const Built closed = build_at(timeline, 2);
    CHECK(closed.view.cards[0].markers == std::vector<std::string>{"-1: this process, no entry; CloseHandle: no effect"});
    CHECK(closed.record.changes.empty());      // the no-op changed nothing

    const Built duplicated = build_at(timeline, 3);
    CHECK(duplicated.view.cards[0].markers == std::vector<std::string>{"-1: this process, no entry"});
    CHECK(duplicated.view.cards[0].rows.size() == 1);   // hSelf: the real entry DuplicateHandle made

    // The CreateProcess step uses no pseudo-handle: no marker.
    CHECK(build_at(timeline, 4).view.cards[0].markers.empty());
}

TEST_CASE("pseudo_handle_uses: GetCurrentThread is -2, and a value used twice is one use") {
    const Timeline timeline(ui_test::parse_or_fail(
        "process P\n"
        "P: t = GetCurrentThread()\n"
        "P: DuplicateHandle(GetCurrentProcess(), GetCurrentThread(), GetCurrentProcess(), &h, 0, FALSE, DUPLICATE_SAME_ACCESS)\n"));
    const Built thread = build_at(timeline, 1);
    CHECK(thread.view.cards[0].markers == std::vector<std::string>{"-2: this thread, no entry"});
    const StepRecord record = timeline.record(2);
    const auto uses = describe::pseudo_handle_uses(timeline.program(), record);
    REQUIRE(uses.size() == 2);
    CHECK(uses[0].value == current_process_pseudo);
    CHECK(uses[1].value == current_thread_pseudo);
    CHECK_FALSE(uses[0].closed);
}

TEST_CASE("04: the child's WriteFile on a value it did not inherit shows a ghost row with the error") {
    const Timeline timeline = builtin("04");
    // Step 5: Child: ok = WriteFile(Parent.hPrivate, "lost") -> FALSE, ERROR_INVALID_HANDLE.
    const HandleValue h_private = timeline.state_at(5).variables.at("Parent").at("hPrivate").as_handle();
    const Built b = build_at(timeline, 5);
    const ProcessCard& child = card_named(b.view, "Child");
    const HandleRow* ghost = nullptr;
    for (const auto& row : child.rows)
        if (row.failed_lookup) ghost = &row;
    REQUIRE(ghost != nullptr);
    CHECK(ghost->value == h_private);
    CHECK(ghost->ghost);
    CHECK(ghost->object_text == "no entry");
    CHECK(ghost->error == "ERROR_INVALID_HANDLE");
    // No arrow leaves a row with no object; the parent's table has no ghost.
    for (const auto& arrow : b.view.arrows) CHECK_FALSE(b.view.cards[arrow.card].rows[arrow.row].failed_lookup);
    for (const auto& row : card_named(b.view, "Parent").rows) CHECK_FALSE(row.failed_lookup);
    // The next step (a WriteFile that works) has none.
    for (const auto& row : card_named(build_at(timeline, 6).view, "Child").rows) CHECK_FALSE(row.failed_lookup);
}

TEST_CASE("data in flight: a write queues quoted bytes on the reader's node with an arrow from the writer, a read empties it") {
    const Timeline timeline(ui_test::parse_or_fail(
        "process P\n"
        "P: CreatePipe(&hRead, &hWrite, NULL, 0)\n"
        "P: WriteFile(hWrite, \"hello\")\n"
        "P: ReadFile(hRead, 5)\n"));
    const Built written = build_at(timeline, 2);
    const ObjectNode* reader = nullptr;
    for (const auto& node : written.view.objects)
        if (node.object.kind == model::ObjectKind::PipeReadEnd) reader = &node;
    REQUIRE(reader != nullptr);
    CHECK(reader->holds_data);
    CHECK(reader->data_line == "\"hello\" (5 bytes)");
    REQUIRE(written.view.flows.size() == 1);
    const FlowArrow& in = written.view.flows[0];
    CHECK(in.into_node);
    CHECK(in.text == "5 bytes");
    CHECK(&written.view.objects[in.node] == reader);
    const HandleValue h_write = timeline.state_at(2).variables.at("P").at("hWrite").as_handle();
    CHECK(written.view.cards[in.card].rows[in.row].value == h_write);   // from the write end's row

    const Built read = build_at(timeline, 3);
    REQUIRE(read.view.flows.size() == 1);
    CHECK_FALSE(read.view.flows[0].into_node);
    const HandleValue h_read = timeline.state_at(3).variables.at("P").at("hRead").as_handle();
    CHECK(read.view.cards[read.view.flows[0].card].rows[read.view.flows[0].row].value == h_read);
    for (const auto& node : read.view.objects)
        if (node.object.kind == model::ObjectKind::PipeReadEnd) CHECK(node.data_line.empty());
    CHECK(build_at(timeline, 1).view.flows.empty());
}

TEST_CASE("mailslot messages are listed one by one, control characters escaped") {
    const Timeline timeline(ui_test::parse_or_fail(
        "process P\n"
        "P: hSlot = CreateMailslot(\"\\\\\\\\.\\\\mailslot\\\\m\", 0, 0)\n"
        "P: h = CreateFile(\"\\\\\\\\.\\\\mailslot\\\\m\", GENERIC_WRITE, FILE_SHARE_READ, NULL, OPEN_EXISTING)\n"
        "P: WriteFile(h, \"a\\n\")\n"
        "P: WriteFile(h, \"bc\")\n"));
    const Built b = build_at(timeline, 4);
    const ObjectNode* slot = nullptr;
    for (const auto& node : b.view.objects)
        if (node.object.kind == model::ObjectKind::Mailslot) slot = &node;
    REQUIRE(slot != nullptr);
    CHECK(slot->data_line == "\"a\\n\" (2 bytes), \"bc\" (2 bytes)");
    REQUIRE(b.view.flows.size() == 1);
    CHECK(b.view.flows[0].text == "1 message");
}

TEST_CASE("12: command line and environment on the cards only when asked") {
    const Timeline timeline = builtin("12");
    const std::size_t last = timeline.step_count();
    for (const auto& card : build_at(timeline, last).view.cards) {
        CHECK_FALSE(card.show_environment);
        CHECK(card.command_line.empty());
    }
    const Built shown = build_at(timeline, last, true);
    const model::World world = timeline.state_at(last).world;
    bool some_variable = false;
    for (const auto& card : shown.view.cards) {
        CHECK(card.show_environment);
        CHECK(card.command_line.starts_with("command line: "));
        CHECK(card.environment.starts_with("environment: "));
        for (const auto& p : world.processes())
            if (p.pid == card.pid)
                for (const auto& [name, value] : p.environment) {
                    CHECK(card.environment.find(name + "=" + value) != std::string::npos);
                    some_variable = true;
                }
    }
    CHECK(some_variable);
}

namespace {

Call call_at(const Timeline& timeline, std::size_t step) {
    const StepRecord record = timeline.record(step);
    REQUIRE(record.statement < timeline.program().statements.size());
    return timeline.program().statements[record.statement].call;
}

std::size_t card_index_of(const WorldView& view, const std::string& name) {
    for (std::size_t i = 0; i < view.cards.size(); ++i)
        if (view.cards[i].name == name) return i;
    FAIL("no card " << name);
    return 0;
}

const ObjectNode* file_node(const WorldView& view) {
    for (const auto& node : view.objects)
        if (node.object.kind == model::ObjectKind::File) return &node;
    return nullptr;
}

}  // namespace

TEST_CASE("04: CreateProcess with bInheritHandles TRUE draws each inherited entry copied from the parent's row, at that step only") {
    const Timeline timeline = builtin("04");
    // Step 4: CreateProcess("Child", bInheritHandles=TRUE): only hShared is flagged.
    REQUIRE(call_at(timeline, 4) == Call::CreateProcess);
    // state_at returns a copy: keep it, or parent_vars dangles (the wasm build read freed memory here).
    const auto state = timeline.state_at(4);
    const auto& parent_vars = state.variables.at("Parent");
    const HandleValue h_shared = parent_vars.at("hShared").as_handle(), h_private = parent_vars.at("hPrivate").as_handle();
    const Built created = build_at(timeline, 4);
    REQUIRE(created.view.copies.size() == 1);
    const CopyArrow& copy = created.view.copies[0];
    CHECK(copy.parent_card == card_index_of(created.view, "Parent"));
    CHECK(copy.child_card == card_index_of(created.view, "Child"));
    const HandleRow& from = created.view.cards[copy.parent_card].rows[copy.parent_row];
    const HandleRow& to = created.view.cards[copy.child_card].rows[copy.child_row];
    CHECK(from.value == h_shared);
    CHECK(to.value == h_shared);             // the same value in both tables
    CHECK(to.object == from.object);         // one object behind both
    CHECK(to.inherited_copy);
    CHECK_FALSE(from.inherited_copy);
    CHECK(to.origin_verb == "inherited");
    for (const auto& row : created.view.cards[copy.parent_card].rows) CHECK_FALSE(row.inherited_copy);
    for (const auto& row : created.view.cards[copy.child_card].rows) CHECK(row.value != h_private);   // not flagged: not copied

    // The next step copies nothing, and the child's row is no longer marked a fresh copy.
    REQUIRE(call_at(timeline, 5) == Call::WriteFile);
    const Built next = build_at(timeline, 5);
    CHECK(next.view.copies.empty());
    for (const auto& row : card_named(next.view, "Child").rows) CHECK_FALSE(row.inherited_copy);

    // Step 9: SecondChild gets hPrivate (flag set since), not hShared (flag cleared); step 10 (FALSE) gets nothing.
    REQUIRE(call_at(timeline, 9) == Call::CreateProcess);
    const Built second = build_at(timeline, 9);
    REQUIRE(second.view.copies.size() == 1);
    CHECK(second.view.copies[0].child_card == card_index_of(second.view, "SecondChild"));
    CHECK(second.view.cards[second.view.copies[0].child_card].rows[second.view.copies[0].child_row].value == h_private);
    REQUIRE(call_at(timeline, 10) == Call::CreateProcess);
    CHECK(build_at(timeline, 10).view.copies.empty());
}

TEST_CASE("03: a file node shows its contents; WriteFile draws bytes into it and ReadFile out of it") {
    const Timeline timeline = builtin("03");
    std::size_t created = 0, written = 0, read = 0;
    for (std::size_t step = 1; step <= timeline.step_count(); ++step) {
        const StepRecord record = timeline.record(step);
        if (record.statement >= timeline.program().statements.size()) continue;
        const Statement& statement = timeline.program().statements[record.statement];
        const bool on_txt = !record.handle_arguments.empty() &&
                            timeline.state_at(step).variables.at(statement.process).count("hTxt") &&
                            record.handle_arguments[0].value == timeline.state_at(step).variables.at(statement.process).at("hTxt").as_handle();
        if (statement.call == Call::CreateFile && statement.result_var == "hTxt" && !created) created = step;
        if (statement.call == Call::WriteFile && on_txt) written = step;
        if (statement.call == Call::ReadFile && on_txt) read = step;
    }
    REQUIRE(created > 0);
    REQUIRE(written > created);
    REQUIRE(read > written);

    // Created empty: a data line with nothing on it, and no flow.
    const Built empty = build_at(timeline, created);
    REQUIRE(file_node(empty.view) != nullptr);
    CHECK(file_node(empty.view)->holds_data);
    CHECK(file_node(empty.view)->data_line.empty());
    CHECK(empty.view.flows.empty());

    // The handle value written as text: the contents quoted with their size, and an arrow into the file.
    const std::string text = to_hex(timeline.state_at(written).variables.at("Sender").at("hMailSlot").as_handle());
    const Built w = build_at(timeline, written);
    REQUIRE(file_node(w.view) != nullptr);
    CHECK(file_node(w.view)->data_line == "\"" + text + "\" (" + std::to_string(text.size()) + " bytes)");
    REQUIRE(w.view.flows.size() == 1);
    CHECK(w.view.flows[0].into_node);
    CHECK(&w.view.objects[w.view.flows[0].node] == file_node(w.view));
    CHECK(w.view.cards[w.view.flows[0].card].name == "Sender");
    CHECK(w.view.flows[0].text == std::to_string(text.size()) + " bytes");

    // The child reads it back: an arrow out of the file to the child's row; the contents stay.
    const Built r = build_at(timeline, read);
    REQUIRE(r.view.flows.size() == 1);
    CHECK_FALSE(r.view.flows[0].into_node);
    CHECK(r.view.cards[r.view.flows[0].card].name == "Child");
    CHECK(r.view.cards[r.view.flows[0].card].rows[r.view.flows[0].row].value ==
          timeline.state_at(read).variables.at("Child").at("hTxt").as_handle());
    CHECK(&r.view.objects[r.view.flows[0].node] == file_node(r.view));
    CHECK(file_node(r.view)->data_line == w.view.objects[w.view.flows[0].node].data_line);
}

TEST_CASE("a long file's contents are cut short on the node") {
    const Timeline timeline(ui_test::parse_or_fail(
        "process P\n"
        "P: h = CreateFile(\"long.txt\", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS)\n"
        "P: WriteFile(h, \"0123456789abcdefghij\")\n"));
    const Built b = build_at(timeline, 2);
    REQUIRE(file_node(b.view) != nullptr);
    CHECK(file_node(b.view)->data_line == "\"0123456789abcdef...\" (20 bytes)");
}

TEST_CASE("a row names only the variables that refer to its entry, not one whose handle was closed and whose value was reused") {
    const Timeline timeline(ui_test::parse_or_fail(
        "process P\n"
        "P: hFile2 = CreateFile(\"a.txt\", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS)\n"
        "P: CloseHandle(hFile2)\n"
        "P: CreateProcess(\"Child\", &pi)\n"
        "P: hFile2 = CreateFile(\"b.txt\", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS)\n"));
    const HandleValue first = timeline.state_at(1).variables.at("P").at("hFile2").as_handle();
    auto row_at = [](const WorldView& view, HandleValue value) -> const HandleRow* {
        for (const auto& row : card_named(view, "P").rows)
            if (row.value == value && !row.ghost) return &row;
        return nullptr;
    };
    REQUIRE(row_at(build_at(timeline, 1).view, first) != nullptr);
    CHECK(row_at(build_at(timeline, 1).view, first)->variables == std::vector<std::string>{"hFile2"});

    // The close step's ghost row still says which variable it was.
    const Built closed = build_at(timeline, 2);
    bool ghost_named = false;
    for (const auto& row : card_named(closed.view, "P").rows)
        if (row.ghost && row.value == first) ghost_named = row.variables == std::vector<std::string>{"hFile2"};
    CHECK(ghost_named);

    // pi.hProcess takes the freed value; hFile2 still holds the number but not this entry.
    const RunState after = timeline.state_at(3);
    REQUIRE(after.variables.at("P").at("pi.hProcess").as_handle() == first);
    REQUIRE(after.variables.at("P").at("hFile2").as_handle() == first);
    CHECK(after.closed_variables.at("P").count("hFile2") == 1);
    const Built reused = build_at(timeline, 3);
    REQUIRE(row_at(reused.view, first) != nullptr);
    CHECK(row_at(reused.view, first)->variables == std::vector<std::string>{"pi.hProcess"});

    // Set again, hFile2 names its new entry.
    const RunState last = timeline.state_at(4);
    const HandleValue second = last.variables.at("P").at("hFile2").as_handle();
    CHECK(second != first);
    CHECK(last.closed_variables.at("P").count("hFile2") == 0);
    const Built again = build_at(timeline, 4);
    REQUIRE(row_at(again.view, second) != nullptr);
    CHECK(row_at(again.view, second)->variables == std::vector<std::string>{"hFile2"});
    CHECK(row_at(again.view, first)->variables == std::vector<std::string>{"pi.hProcess"});
}
