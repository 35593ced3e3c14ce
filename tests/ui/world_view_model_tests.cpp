// The world view model: rows, arrows, parent links and what each step highlights.
#include <doctest/doctest.h>

#include <algorithm>

#include "ui_fixture.h"
#include "view_models/narration.h"
#include "view_models/world_view_model.h"

using namespace kosim;
using namespace kosim::ui;

namespace {

struct Built {
    WorldView view;
    StepRecord record;
};

Built build_at(Timeline& timeline, std::size_t position, WorldViewOptions options = {}) {
    Built b;
    if (position > 0) b.record = timeline.record(position);
    const model::World world = timeline.state_at(position).world;
    b.view = build_world_view(world, b.record.changes, options);
    return b;
}

const HandleRow* row_for(const ProcessCard& card, HandleValue value, bool ghost = false) {
    for (const auto& row : card.rows)
        if (row.value == value && row.ghost == ghost) return &row;
    return nullptr;
}

const ObjectNode* node_named(const WorldView& view, const std::string& name) {
    for (const auto& node : view.objects)
        if (node.name == name) return &node;
    return nullptr;
}

}  // namespace

TEST_CASE("a created object gets a new row, a new node and an arrow between them") {
    Timeline timeline(ui_test::parse_or_fail(ui_test::scenario_text));
    const HandleValue h = ui_test::variable(timeline, 1, "Parent", "h");
    Built b = build_at(timeline, 1);
    REQUIRE(b.view.cards.size() == 1);
    const ProcessCard& parent = b.view.cards[0];
    CHECK(parent.name == "Parent");
    const HandleRow* row = row_for(parent, h);
    REQUIRE(row != nullptr);
    CHECK(row->value_text == to_hex(h));
    CHECK(row->type == "Event");
    CHECK(row->object_name == "ev");
    CHECK(row->inherit);
    CHECK_FALSE(row->protect);
    CHECK(row->origin_text == "created");
    CHECK(row->highlight == Highlight::New);

    const ObjectNode* node = node_named(b.view, "ev");
    REQUIRE(node != nullptr);
    CHECK(node->label == "Event 'ev'");
    CHECK(node->highlight == Highlight::New);
    CHECK(node->handle_count == 1);
    CHECK(node->usage_count == 1);

    const std::size_t row_index = static_cast<std::size_t>(row - parent.rows.data());
    const auto arrow = std::find_if(b.view.arrows.begin(), b.view.arrows.end(),
                                    [&](const Arrow& a) { return a.card == 0 && a.row == row_index; });
    REQUIRE(arrow != b.view.arrows.end());
    CHECK(b.view.objects[arrow->node].id == row->object);
    CHECK(arrow->highlight == Highlight::New);
}

TEST_CASE("inheritance adds the child's card, a parent link and a count going up with its old value") {
    Timeline timeline(ui_test::parse_or_fail(ui_test::scenario_text));
    const HandleValue h = ui_test::variable(timeline, 2, "Parent", "h");
    Built b = build_at(timeline, 2);
    REQUIRE(b.view.cards.size() == 2);
    const ProcessCard& child = b.view.cards[1];
    CHECK(child.name == "Child");
    CHECK(child.highlight == Highlight::New);
    CHECK(child.parent == b.view.cards[0].pid);
    REQUIRE(b.view.links.size() == 1);
    CHECK(b.view.links[0].parent_card == 0);
    CHECK(b.view.links[0].child_card == 1);

    // The inherited entry keeps the parent's value (the lecture notes: flagged entries only, same value).
    const HandleRow* inherited = row_for(child, h);
    REQUIRE(inherited != nullptr);
    CHECK(inherited->origin_text == "inherited from Parent " + to_hex(h));
    CHECK(inherited->highlight == Highlight::New);

    const ObjectNode* node = node_named(b.view, "ev");
    REQUIRE(node != nullptr);
    CHECK(node->usage_count == 2);
    REQUIRE(node->usage_count_before.has_value());
    CHECK(*node->usage_count_before == 1);
    CHECK(node->highlight == Highlight::CountUp);
}

TEST_CASE("CloseHandle leaves a ghost row and a count going down, and says so in both languages") {
    Timeline timeline(ui_test::parse_or_fail(ui_test::scenario_text));
    const HandleValue h = ui_test::variable(timeline, 3, "Parent", "h");
    Built b = build_at(timeline, 4);
    const ProcessCard& parent = b.view.cards[0];
    CHECK(row_for(parent, h) == nullptr);
    const HandleRow* ghost = row_for(parent, h, true);
    REQUIRE(ghost != nullptr);
    CHECK(ghost->highlight == Highlight::Closed);
    CHECK(ghost->type == "Event");

    const ObjectNode* node = node_named(b.view, "ev");
    REQUIRE(node != nullptr);
    CHECK(node->usage_count == 2);
    CHECK(node->usage_count_before == std::optional<std::uint32_t>(3));
    CHECK(node->handle_count_before == std::optional<std::uint32_t>(3));
    CHECK(node->highlight == Highlight::CountDown);

    const model::World world = timeline.state_at(4).world;
    const auto en = describe::change_sentences(timeline.program(), b.record, world, Language::English);
    const std::string expected = "CloseHandle(" + to_hex(h) + ") in Parent: Event 'ev' usage_count 3 -> 2, handle_count 3 -> 2";
    CHECK(std::find(en.begin(), en.end(), expected) != en.end());
    const auto ko = describe::change_sentences(timeline.program(), b.record, world, Language::Korean);
    const std::string expected_ko = "Parent에서 CloseHandle(" + to_hex(h) + "): 이벤트 'ev' 사용 계수 3 -> 2, 핸들 수 3 -> 2";
    CHECK(std::find(ko.begin(), ko.end(), expected_ko) != ko.end());
}

TEST_CASE("the selection and predict mode's hidden counts reach the view") {
    Timeline timeline(ui_test::parse_or_fail(ui_test::scenario_text));
    const HandleValue h = ui_test::variable(timeline, 1, "Parent", "h");
    Built plain = build_at(timeline, 1);
    const ObjectNode* node = node_named(plain.view, "ev");
    REQUIRE(node != nullptr);
    WorldViewOptions options;
    options.selection = Selection::entry(plain.view.cards[0].pid, h);
    options.hidden_counts = {node->id};
    Built b = build_at(timeline, 1, options);
    CHECK(row_for(b.view.cards[0], h)->selected);
    CHECK(node_named(b.view, "ev")->counts_hidden);
    CHECK_FALSE(node_named(b.view, "ev")->selected);
}

TEST_CASE("the start has no highlights and narrates the introduction") {
    Timeline timeline(ui_test::parse_or_fail(ui_test::scenario_text));
    Built b = build_at(timeline, 0);
    REQUIRE(b.view.cards.size() == 1);
    CHECK(b.view.cards[0].rows.empty());
    CHECK(b.view.cards[0].highlight == Highlight::None);
    CHECK(b.view.arrows.empty());
    const auto n = narrate_step(timeline.program(), 0, timeline.step_count(), nullptr, timeline.state_at(0).world, Language::English);
    CHECK(n.heading == "Step 0 of 4 - the start");
    CHECK(n.sentences.empty());
}

TEST_CASE("step narration follows the language, falling back to English") {
    Timeline timeline(ui_test::parse_or_fail(ui_test::scenario_text));
    const StepRecord record = timeline.record(1);
    const model::World world = timeline.state_at(1).world;
    const auto en = narrate_step(timeline.program(), 1, timeline.step_count(), &record, world, Language::English);
    const auto ko = narrate_step(timeline.program(), 1, timeline.step_count(), &record, world, Language::Korean);
    CHECK(en.text == "Parent creates an inheritable event.");
    CHECK(ko.text == "Parent가 상속 가능한 이벤트를 만든다.");
    CHECK(en.heading.starts_with("Step 1 of 4 - Parent: "));
    CHECK(ko.heading.starts_with("단계 1 / 4 - Parent: "));
    // The result has its own line, never lost at the end of a long call.
    CHECK(en.result.starts_with("-> 0x"));
    CHECK(en.heading.find("->") == std::string::npos);
    CHECK(pick(Language::Korean, "only english", "") == "only english");
}

TEST_CASE("a blocked reader points at the pipe end it waits on, and the write end still open is marked") {
    // The classic pipe bug: Parent keeps its write end, so Child's ReadFile never sees EOF.
    Timeline timeline(ui_test::parse_or_fail(
        "process Parent\n"
        "Parent: CreatePipe(&hRead, &hWrite, inherit=TRUE, 0)\n"
        "Parent: CreateProcess(\"Child\", &pi, bInheritHandles=TRUE)\n"
        "Child: in = handle(\"0x4\")\n"
        "Child: ReadFile(in, &chunk, 64)\n"));
    const Built waiting = build_at(timeline, timeline.step_count());
    REQUIRE(waiting.view.any_wait);
    const ProcessCard* child = waiting.view.find_card(0x108);
    const ProcessCard* parent = waiting.view.find_card(0x100);
    REQUIRE(child);
    REQUIRE(parent);
    REQUIRE(child->waits_on.has_value());
    const ObjectNode& read_end = waiting.view.objects[*child->waits_on];
    CHECK(read_end.id == row_for(*child, HandleValue{0x4})->object);
    CHECK_FALSE(parent->waits_on.has_value());
    // Every entry of the write end keeps the reader waiting: Parent's own and the one Child inherited.
    std::size_t keeping = 0;
    for (const ProcessCard* card : {parent, child})
        for (const HandleRow& row : card->rows) {
            if (row.keeps_wait) {
                ++keeping;
                CHECK(row.object != read_end.id);
            }
        }
    CHECK(keeping == 2);
    // Before the read, nobody waits: nothing is marked.
    const Built before = build_at(timeline, 3);   // after the handle() line, before ReadFile
    CHECK_FALSE(before.view.any_wait);
    for (const ProcessCard& card : before.view.cards)
        for (const HandleRow& row : card.rows) CHECK_FALSE(row.keeps_wait);
}
