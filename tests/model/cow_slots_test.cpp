// Copy-on-write slots (model/cow_slots.h): copies share chunks until one of them writes, so the
// timeline's checkpoints of a large world cost pointers, not objects.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "helpers.h"
#include "model/cow_slots.h"

using namespace kosim;
using namespace kosim::model::test;
using model::CowSlots;

TEST_CASE("cow slots: put, get, erase and iterate in slot order, with gaps") {
    CowSlots<std::string, 4> slots;
    CHECK(slots.put(0, "a"));
    CHECK(slots.put(5, "f"));
    CHECK_FALSE(slots.put(5, "again"));   // taken
    CHECK(slots.size() == 2);
    CHECK(slots.slot_end() == 6);
    CHECK(*slots.get(5) == "f");
    CHECK(slots.get(3) == nullptr);
    CHECK(slots.get(100) == nullptr);
    std::vector<std::string> seen;
    for (const std::string& s : slots) seen.push_back(s);
    CHECK(seen == std::vector<std::string>{"a", "f"});
    // Erasing the last slot trims the trailing free ones; an emptied chunk is let go.
    CHECK(slots.erase(5));
    CHECK_FALSE(slots.erase(5));
    CHECK(slots.slot_end() == 1);
    CHECK(slots.chunk_count() == 1);
    CHECK(slots.erase(0));
    CHECK(slots.size() == 0);
    CHECK(slots.slot_end() == 0);
    CHECK(slots.begin() == slots.end());
}

TEST_CASE("cow slots: a copy shares every chunk until one side writes, then copies only that chunk") {
    CowSlots<int, 8> original;
    for (int i = 0; i < 64; ++i) original.put(static_cast<std::size_t>(i), i);
    CowSlots<int, 8> copy = original;
    const std::size_t before = model::cow_slots_copied;
    *copy.get_mut(10) = -10;
    CHECK(model::cow_slots_copied - before == 8);   // one chunk of 8, not 64 slots
    CHECK(*original.get(10) == 10);                 // the original still sees its own value
    CHECK(*copy.get(10) == -10);
    CHECK(original.get(11) != copy.get(11));        // the written chunk is the copy's own now
    CHECK(original.get(40) == copy.get(40));        // the others are still shared
    *copy.get_mut(11) = -11;                        // its own chunk: no further copy
    CHECK(model::cow_slots_copied - before == 8);
    // Reading never copies.
    int sum = 0;
    copy.for_each([&](int v) { sum += v; });
    for (const int v : original) sum -= v;
    CHECK(sum == -2 * (10 + 11));
    CHECK(model::cow_slots_copied - before == 8);
}

TEST_CASE("a world's copy shares its objects and handle entries: one call copies the chunks it writes") {
    Machine m;
    const model::Pid pid = m.process("P");
    for (int i = 0; i < 1000; ++i) REQUIRE(m.call(pid, Call::CreateEvent, {{"bManualReset", I(1)}, {"bInitialState", I(0)}}).result.number != 0);
    model::World& world = m.world;
    const model::World checkpoint = world;
    const std::size_t before = model::cow_slots_copied;
    // SetEvent on the 500th event writes one object; its handle's chunk is only read.
    const model::HandleEntry* entry = world.entry(pid, HandleValue{500 * 4});
    REQUIRE(entry != nullptr);
    const model::ObjectId id = entry->object;
    REQUIRE(m.call(pid, Call::SetEvent, {{"hEvent", H(HandleValue{500 * 4})}}).result.number == 1);
    CHECK(model::cow_slots_copied - before <= 2 * 64);
    CHECK(world.object(id)->signalled);
    CHECK_FALSE(checkpoint.object(id)->signalled);   // the checkpoint keeps the state it had
    CHECK(checkpoint.check_invariants().empty());
    CHECK(world.check_invariants().empty());
}

TEST_CASE("cow slots: sparse slots (ids only grow) iterate and shrink past empty chunks") {
    CowSlots<int, 4> slots;
    REQUIRE(slots.put(1, 10));
    REQUIRE(slots.put(4001, 20));   // chunk 1000, with 999 empty chunks between
    REQUIRE(slots.put(4003, 30));
    std::vector<int> seen;
    for (const int& v : slots) seen.push_back(v);
    CHECK(seen == std::vector<int>{10, 20, 30});
    REQUIRE(slots.erase(4003));
    CHECK(slots.slot_end() == 4002);   // down to the highest live slot, inside its chunk
    REQUIRE(slots.erase(4001));
    CHECK(slots.slot_end() == 2);      // past the empty chunks at once
    CHECK(slots.chunk_count() == 1);   // a copy then costs one pointer
    seen.clear();
    for (const int& v : slots) seen.push_back(v);
    CHECK(seen == std::vector<int>{10});
    REQUIRE(slots.erase(1));
    CHECK(slots.slot_end() == 0);
    CHECK(slots.begin() == slots.end());
}
