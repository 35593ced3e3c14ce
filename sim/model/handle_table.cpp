// One process's handle table: value (index + 1) * 4, the lowest free slot reused, as Wine's
// server/handle.c allocates (alloc_entry scans from the lowest free index).
#include "model/handle_table.h"

#include <algorithm>

namespace kosim::model {

namespace {
// The slot a value names, or -1 for values no slot can hold (0..3, pseudo-handles, too large).
// The kernel ignores a handle's two low tag bits: ntdef.h, "Low order two bits of a handle are
// ignored by the system and available for use by application code as tag bits"
// (OBJ_HANDLE_TAGBITS; https://devblogs.microsoft.com/oldnewthing/20050121-00/?p=36633), so
// h | 1 and h | 3 name h's entry. insert_at stores only aligned values (see below).
std::ptrdiff_t slot_of(HandleValue value) {
    std::uint64_t untagged = value.raw & ~std::uint64_t{3};
    if (untagged == 0 || untagged > (std::uint64_t{1} << 32)) return -1;
    return static_cast<std::ptrdiff_t>(untagged / 4 - 1);
}
}  // namespace

const HandleEntry* HandleTable::find(HandleValue value) const {
    std::ptrdiff_t i = slot_of(value);
    return i < 0 ? nullptr : slots_.get(static_cast<std::size_t>(i));
}

HandleEntry* HandleTable::find(HandleValue value) {
    std::ptrdiff_t i = slot_of(value);
    return i < 0 ? nullptr : slots_.get_mut(static_cast<std::size_t>(i));
}

HandleValue HandleTable::insert(HandleEntry entry) {
    std::size_t i = lowest_free_;   // every slot below it is taken: no rescan from 0 (linear runs)
    while (slots_.get(i)) ++i;
    entry.value = HandleValue{(i + 1) * 4};
    slots_.put(i, entry);
    lowest_free_ = i + 1;
    return entry.value;
}

bool HandleTable::insert_at(HandleEntry entry) {
    std::ptrdiff_t i = slot_of(entry.value);
    if (i < 0 || entry.value.raw % 4 != 0) return false;   // an entry's own value carries no tag bits
    return slots_.put(static_cast<std::size_t>(i), entry);
}

bool HandleTable::erase(HandleValue value) {
    std::ptrdiff_t i = slot_of(value);
    if (i < 0 || !slots_.erase(static_cast<std::size_t>(i))) return false;
    lowest_free_ = std::min(lowest_free_, static_cast<std::size_t>(i));
    return true;
}

std::vector<HandleEntry> HandleTable::entries() const {
    std::vector<HandleEntry> out;
    out.reserve(slots_.size());
    slots_.for_each([&](const HandleEntry& e) { out.push_back(e); });
    return out;
}

}  // namespace kosim::model
