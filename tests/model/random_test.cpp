// Randomized sequences of every call over several processes: the invariants hold after every call,
// and a World copied mid-run replays the same calls to the same results. Also the change log.
#include <random>
#include <sstream>

#include "helpers.h"

using namespace kosim;
using namespace kosim::model;
using namespace kosim::model::test;

namespace {

struct Step {
    Pid pid;
    Call call;
    std::vector<Value> args;
};

// A random but plausible call: handle values from the low range, a few names, small sizes.
Step random_step(std::mt19937& rng, const World& w) {
    std::vector<Pid> running;
    for (const Process& p : w.processes())
        if (p.state == RunState::Running) running.push_back(p.pid);
    auto pick = [&](std::uint64_t n) { return std::uniform_int_distribution<std::uint64_t>(0, n - 1)(rng); };
    Step s{running.empty() ? 0 : running[pick(running.size())], static_cast<Call>(pick(call_count)), {}};
    static const char* names[] = {"a", "b", "\\\\.\\mailslot\\m", "\\\\.\\pipe\\p", "file", "\\\\.\\pipe\\q"};
    const CallInfo& info = call_info(s.call);
    for (const Param& param : info.params) {
        Value v;
        if (param.direction == Direction::Out) {
            s.args.push_back(Value::none());
            continue;
        }
        switch (param.type) {
        case ParamType::Handle: {
            std::uint64_t r = pick(12);
            v = r == 0 ? Value::handle(current_process_pseudo) : r == 1 ? Value::handle(current_thread_pseudo) : Value::handle(HandleValue{4 * r - 4});
            break;
        }
        case ParamType::Address:
            v = Value::integer(pick(2) ? 0x10000000 : pick(0x20000000));   // the model's first view, or anywhere
            break;
        case ParamType::Dword:
        case ParamType::Bool:
        case ParamType::SecurityAttributes: {
            static const std::uint64_t dwords[] = {0, 1, 2, 3, 4, 5, 10, 100, INFINITE, GENERIC_READ, GENERIC_WRITE, GENERIC_READ | GENERIC_WRITE,
                                                   STD_OUTPUT_HANDLE, PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE, 0x100, 0x108};
            v = Value::integer(param.type == ParamType::Dword ? dwords[pick(std::size(dwords))] : pick(2));
            if (param.name == "nNumberOfBytesToWrite") v = Value::integer(~std::uint64_t{0});
            if (param.name == "dwCreationDisposition") v = Value::integer(1 + pick(5));
            if (param.name == "dwMilliseconds" || param.name == "nTimeOut" || param.name == "lReadTimeout")
                v = Value::integer(pick(3) == 0 ? INFINITE : pick(40));
            break;
        }
        case ParamType::String:
        case ParamType::OptionalString:
            if (param.type == ParamType::OptionalString && pick(3) == 0) break;
            if (param.name == "lpBuffer") v = Value::string(std::string(pick(6), 'x'));
            else if (param.name == "lpApplicationName") v = Value::string("child");
            else if (param.name == "lpEnvironment") v = Value::string(std::string("K=v\0\0", 5));
            else v = Value::string(names[pick(std::size(names))]);
            break;
        case ParamType::HandleList: {
            std::vector<Value> handles;
            for (std::uint64_t i = 0, n = pick(5); i < n; ++i) handles.push_back(Value::handle(HandleValue{4 * pick(10)}));
            v = Value::list(std::move(handles));
            break;
        }
        }
        s.args.push_back(std::move(v));
    }
    return s;
}

std::string describe(const Outcome& o) {
    std::ostringstream out;
    out << (o.status == Outcome::Status::Blocked ? "blocked " : "") << o.result << " e" << o.last_error;
    for (const auto& [i, v] : o.outputs) out << " " << i << "=" << v;
    return out.str();
}

std::string digest(const World& w) {
    std::ostringstream out;
    out << "t" << w.now_ms();
    for (const Process& p : w.processes()) {
        out << "|P" << p.pid << to_string(p.state) << p.exit_code << "e" << p.last_error;
        p.handles.for_each([&](const HandleEntry& e) { out << " " << e.value.raw << ">" << e.object << (e.inherit ? "i" : "") << (e.protect_from_close ? "p" : ""); });
    }
    for (const KernelObject* o : w.objects()) out << "|O" << o->id << kind_name(o->kind) << o->handle_count << "/" << o->usage_count << (o->signalled ? "s" : "");
    for (const auto& [path, data] : w.files()) out << "|F" << path << "=" << data;
    return out.str();
}

// Runs one step like the runner: invoke, then settle; sometimes let time pass. Returns a transcript line.
std::string run(World& w, const Step& s) {
    std::string line;
    if (s.pid == 0) return "none";
    line = describe(w.invoke(s.pid, s.call, s.args));
    for (const Completion& c : w.settle()) line += " | " + std::to_string(c.pid) + ":" + describe(c.outcome);
    if (auto d = w.next_deadline())
        for (const Completion& c : w.advance_clock(*d)) line += " | t" + std::to_string(c.pid) + ":" + describe(c.outcome);
    for (const Completion& c : w.settle()) line += " | " + std::to_string(c.pid) + ":" + describe(c.outcome);
    return line;
}

}  // namespace

// Two thousand random call sequences (200,000 calls) keep every counting and linking rule, checked
// after every call.
TEST_CASE("random call sequences keep the world's invariants after every call") {
    for (std::uint32_t seed = 1; seed <= 2000; ++seed) {
        std::mt19937 rng(seed);
        World w;
        ChangeLog log;
        w.set_change_log(&log);
        w.add_process("A");
        w.add_process("B");
        w.add_process("C");
        for (int i = 0; i < 100; ++i) {
            Step s = random_step(rng, w);
            CAPTURE(seed);
            CAPTURE(i);
            CAPTURE(call_info(s.call).name);
            run(w, s);
            auto broken = w.check_invariants();
            REQUIRE_MESSAGE(broken.empty(), (broken.empty() ? "" : broken.front()));
            // usage_count is explained by holders() for every object.
            for (const KernelObject* o : w.objects()) REQUIRE(w.holders(o->id).size() == o->usage_count);
            log.coalesce();
            log.clear();
        }
    }
}

// The timeline copies World for checkpoints: a copy replays the same calls to the same results.
TEST_CASE("a World copied mid-run replays the same calls to identical results") {
    for (std::uint32_t seed = 100; seed < 120; ++seed) {
        std::mt19937 rng(seed);
        World w;
        w.add_process("A");
        w.add_process("B");
        for (int i = 0; i < 150; ++i) run(w, random_step(rng, w));
        World copy = w;
        REQUIRE(digest(copy) == digest(w));
        std::mt19937 rng_copy = rng;
        std::vector<std::string> original, replayed;
        for (int i = 0; i < 150; ++i) {
            Step s = random_step(rng, w);
            Step t = random_step(rng_copy, copy);
            REQUIRE(s.pid == t.pid);
            REQUIRE(s.call == t.call);
            original.push_back(run(w, s));
            replayed.push_back(run(copy, t));
        }
        CHECK(original == replayed);
        CHECK(digest(copy) == digest(w));
    }
}

// ChangeLog records each mutation; coalesce merges CountsChanged per object and drops no-op rows.
TEST_CASE("the change log records entries, counts and destruction, and coalesce merges counts") {
    World w;
    ChangeLog log;
    Pid a = w.add_process("A");
    w.set_change_log(&log);
    auto args = make_args(Call::CreateEvent, {{"bManualReset", I(0)}, {"bInitialState", I(0)}, {"lpName", S("e")}});
    Value h = w.invoke(a, Call::CreateEvent, args).result;
    ObjectId id = w.object_of(a, h.as_handle())->id;
    auto dup = make_args(Call::DuplicateHandle, {{"hSourceProcessHandle", H(current_process_pseudo)}, {"hSourceHandle", H(h)},
                                                 {"hTargetProcessHandle", H(current_process_pseudo)}});
    Value copy = output(w.invoke(a, Call::DuplicateHandle, dup), Call::DuplicateHandle, "lpTargetHandle");
    auto has = [&](Change::Kind kind) {
        for (const Change& c : log.changes)
            if (c.kind == kind) return true;
        return false;
    };
    CHECK(has(Change::Kind::ObjectCreated));
    CHECK(has(Change::Kind::EntryAdded));
    log.coalesce();
    int counts = 0;
    for (const Change& c : log.changes)
        if (c.kind == Change::Kind::CountsChanged) {
            ++counts;
            CHECK(c.object == id);
            CHECK(c.before == 0);
            CHECK(c.after == 2);
            CHECK(c.usage_after == 2);
        }
    CHECK(counts == 1);
    log.clear();
    // Close both: counts 2 -> 0 in one row, then the destruction with kind and name.
    w.invoke(a, Call::CloseHandle, make_args(Call::CloseHandle, {{"hObject", H(h)}}));
    w.invoke(a, Call::CloseHandle, make_args(Call::CloseHandle, {{"hObject", H(copy)}}));
    log.coalesce();
    REQUIRE(log.changes.size() == 4);
    CHECK(log.changes[0].kind == Change::Kind::EntryRemoved);
    CHECK(log.changes[1].kind == Change::Kind::CountsChanged);
    CHECK(log.changes[1].usage_before == 2);
    CHECK(log.changes[1].usage_after == 0);
    CHECK(log.changes[2].kind == Change::Kind::EntryRemoved);
    CHECK(log.changes[3].kind == Change::Kind::ObjectDestroyed);
    CHECK(log.changes[3].object_kind == model::ObjectKind::Event);   // structured: kind and name, no label to parse
    CHECK(log.changes[3].detail == "e");
    // A row pair that ends where it began is dropped.
    ChangeLog manual;
    Change up;
    up.kind = Change::Kind::CountsChanged;
    up.object = 9;
    up.before = 1;
    up.after = 2;
    up.usage_before = 1;
    up.usage_after = 2;
    Change down = up;
    down.before = 2;
    down.after = 1;
    down.usage_before = 2;
    down.usage_after = 1;
    manual.changes = {up, down};
    manual.coalesce();
    CHECK(manual.changes.empty());
}
