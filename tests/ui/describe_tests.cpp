// The describer (sim/describe): the words every view and `kosim run` share, built from
// structured values, in English and Korean.
#include <doctest/doctest.h>

#include <algorithm>

#include "describe/describe.h"
#include "scenario/builtin.h"
#include "ui_fixture.h"
#include "win32/constants.h"

using namespace kosim;

namespace {

std::shared_ptr<const Program> builtin(std::string_view name) {
    return ui_test::parse_or_fail(std::string(find_builtin_scenario(name)->source));
}

bool contains(const std::vector<std::string>& sentences, const std::string& part) {
    return std::any_of(sentences.begin(), sentences.end(), [&](const std::string& s) { return s.find(part) != std::string::npos; });
}

}  // namespace

TEST_CASE("access rights are named for their own kind of object, as a list") {
    using K = model::ObjectKind;
    CHECK(describe::access_names(win32::THREAD_ALL_ACCESS, K::Thread) == std::vector<std::string>{"THREAD_ALL_ACCESS"});
    CHECK(describe::access_names(win32::PROCESS_ALL_ACCESS, K::Process) == std::vector<std::string>{"PROCESS_ALL_ACCESS"});
    CHECK(describe::access_names(win32::GENERIC_READ | win32::GENERIC_WRITE, K::File) ==
          std::vector<std::string>{"GENERIC_READ", "GENERIC_WRITE"});
    CHECK(describe::access_names(0x40000001u, K::Event) == std::vector<std::string>{"0x40000001"});
    // A duplex named pipe end: read before write, as Win32 code writes them (it read WRITE|READ).
    CHECK(describe::access_names(win32::FILE_GENERIC_READ | win32::FILE_GENERIC_WRITE, K::File) ==
          std::vector<std::string>{"FILE_GENERIC_READ", "FILE_GENERIC_WRITE"});
    // Sets before the single rights left over: CreatePipe's read end.
    CHECK(describe::access_names(0x120189u, K::File) == std::vector<std::string>{"FILE_GENERIC_READ", "FILE_WRITE_ATTRIBUTES"});
    CHECK(describe::join_flags(describe::handle_flag_names(win32::HANDLE_FLAG_INHERIT | win32::HANDLE_FLAG_PROTECT_FROM_CLOSE)) ==
          "HANDLE_FLAG_INHERIT | HANDLE_FLAG_PROTECT_FROM_CLOSE");
    CHECK(describe::join_flags({}) == "0");
}

TEST_CASE("an object the step destroyed is named from its structured change, owner included") {
    Timeline timeline(builtin("07-process-lifetime"));
    bool seen = false;
    for (std::size_t step = 1; step <= timeline.step_count() && !seen; ++step) {
        const StepRecord record = timeline.record(step);
        const model::World& world = timeline.state_at(step).world;
        for (const model::Change& c : record.changes) {
            if (c.kind != model::Change::Kind::ObjectDestroyed || c.object_kind != model::ObjectKind::Process) continue;
            const describe::ObjectLabel label = describe::label_of_destroyed(world, c);
            CHECK(label.process == "Child");
            CHECK(describe::label_text(label, Language::English) == "Process 'Child'");
            CHECK(describe::label_text(label, Language::Korean) == "프로세스 'Child'");
            const auto sentences = describe::change_sentences(timeline.program(), record, world, Language::English);
            CHECK(contains(sentences, "Process 'Child' destroyed (usage_count reached 0)"));
            seen = true;
        }
    }
    CHECK(seen);
}

TEST_CASE("an outcome comes in parts: the call, TRUE/FALSE or INVALID_HANDLE_VALUE, and the last error") {
    Timeline timeline(builtin("10-named-pipe"));
    const Program& program = timeline.program();
    bool busy = false;
    for (std::size_t step = 1; step <= timeline.step_count(); ++step) {
        const StepRecord record = timeline.record(step);
        if (record.kind != StepRecord::Kind::Statement || record.outcome.status != model::Outcome::Status::Completed ||
            record.outcome.last_error != win32::ERROR_PIPE_BUSY)
            continue;
        const auto parts = describe::outcome_parts(program.statements[record.statement], record.outcome);
        CHECK(parts.call.starts_with("Latecomer: hBusy = CreateFile("));
        CHECK(parts.result == "INVALID_HANDLE_VALUE");
        CHECK(parts.last_error == "ERROR_PIPE_BUSY (231)");
        CHECK_FALSE(parts.waits);
        busy = true;
    }
    CHECK(busy);
}

TEST_CASE("the deadlock sentence names the entry that keeps the reader waiting, in both languages") {
    Timeline timeline(builtin("09-pipe-eof-bug"));
    REQUIRE(timeline.deadlock_step().has_value());
    const StepRecord record = timeline.record(*timeline.deadlock_step());
    const model::World& world = timeline.state_at(*timeline.deadlock_step()).world;
    const WaitReport* child = nullptr;
    for (const WaitReport& w : record.waits)
        if (w.process == "Child") child = &w;
    REQUIRE(child != nullptr);
    const auto keeping = describe::entries_keeping_wait(world, child->wait);
    REQUIRE(keeping.size() == 1);
    CHECK(describe::process_name(world, keeping[0].pid) == "Parent");
    const std::string en = describe::wait_sentence(world, *child, Language::English);
    const std::string ko = describe::wait_sentence(world, *child, Language::Korean);
    const std::string handle = to_hex(keeping[0].handle);
    CHECK(en.starts_with("Child waits in ReadFile on Pipe read end #"));
    CHECK(en.ends_with("still open: Pipe write end #4 in Parent (" + handle + ")"));
    CHECK(ko.starts_with("Child: ReadFile에서 익명 파이프 읽기 끝 #"));
    CHECK(ko.ends_with("아직 열려 있는 익명 파이프 쓰기 끝 #4: Parent (" + handle + ")"));
    // Without a world (the native side) it says what the report alone knows.
    CHECK(describe::wait_sentence(*child, Language::English) == "Child waits in ReadFile");
    CHECK(describe::wait_sentence(*child, Language::Korean) == "Child: ReadFile에서 대기 중");
}

TEST_CASE("origins and process states read the same in the CLI, the GUI and the trace") {
    Timeline timeline(builtin("09-pipe-eof-bug"));
    const model::World& world = timeline.state_at(3).world;
    const model::Process* child = world.find_process("Child");
    REQUIRE(child != nullptr);
    const model::HandleEntry* entry = nullptr;
    child->handles.for_each([&](const model::HandleEntry& e) { if (!entry) entry = &e; });
    REQUIRE(entry != nullptr);
    const std::string from = to_hex(entry->origin.from_handle);
    CHECK(describe::origin_text(entry->origin, world, Language::English) == "inherited from Parent " + from);
    CHECK(describe::origin_text(entry->origin, world, Language::Korean) == "Parent " + from + "에서 상속");
    CHECK(std::string(describe::origin_verb(entry->origin.how, Language::Korean)) == "상속");
    CHECK(describe::process_state_text(*child, world, Language::English) == "running");
    CHECK(describe::process_name(world, 0x9999) == "pid 0x9999");
}
