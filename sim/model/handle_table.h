// One process's handle table: values (index + 1) * 4, the lowest free slot reused (as Wine's
// server/handle.c does); per-handle flags live in the entry, not the object.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "model/cow_slots.h"
#include "win32/handle_value.h"

namespace kosim::model {

using Pid = std::uint32_t;
using ObjectId = std::uint32_t;  // 0 = none

// Where an entry came from, so "why is this usage count 3?" has an answer.
struct Origin {
    enum class How : std::uint8_t { Created, Opened, Inherited, Duplicated };
    How how = How::Created;
    Pid from_pid = 0;            // Inherited / Duplicated: the source process
    HandleValue from_handle;     // Inherited / Duplicated: the source entry's value
};

struct HandleEntry {
    HandleValue value;
    ObjectId object = 0;
    std::uint32_t access = 0;
    bool inherit = false;              // HANDLE_FLAG_INHERIT
    bool protect_from_close = false;   // HANDLE_FLAG_PROTECT_FROM_CLOSE
    Origin origin;
};

class HandleTable {
public:
    const HandleEntry* find(HandleValue value) const;
    HandleEntry* find(HandleValue value);
    // Stores the entry at the lowest free value and returns that value.
    HandleValue insert(HandleEntry entry);
    // Stores the entry at exactly entry.value (inheritance keeps values); false if taken or invalid.
    bool insert_at(HandleEntry entry);
    bool erase(HandleValue value);
    std::size_t size() const { return slots_.size(); }
    std::size_t chunk_count() const { return slots_.chunk_count(); }
    // Entries in value order.
    std::vector<HandleEntry> entries() const;
    template <typename F> void for_each(F&& f) const { slots_.for_each(f); }

private:
    CowSlots<HandleEntry> slots_;                    // slot i holds value (i + 1) * 4; copies share chunks
    std::size_t lowest_free_ = 0;                    // no free slot below this index
};

}  // namespace kosim::model
