// The lessons the world view draws beyond rows and nodes: pseudo-handle markers (05), a failed
// look-up as a ghost row (04), data in flight with its direction (08), and command lines and
// environment blocks on the cards (12), each at the steps that have them and not at the others.
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
    options.environment = environment;
    b.view = build_world_view(state.world, b.record.changes, options);
    options.variables = nullptr;   // `state` goes out of scope: the view keeps copies only
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
