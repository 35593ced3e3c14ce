// What the user has selected and the language the narration is shown in: the inputs, besides the
// timeline and cursor, that every view model takes. Plain values, no ImGui.
#pragma once

#include <cstdint>
#include <string_view>

#include "describe/catalogue.h"
#include "model/handle_table.h"
#include "win32/handle_value.h"

namespace kosim::ui {

using kosim::Language;   // the catalogue's (sim/describe): the whole interface switches at once

// One of a process card, a handle entry in it, or a kernel object node.
struct Selection {
    enum class Kind : std::uint8_t { None, Process, Handle, Object };
    Kind kind = Kind::None;
    model::Pid pid = 0;          // Process, Handle
    HandleValue handle;          // Handle
    model::ObjectId object = 0;  // Object (and, for Handle, the object it names when known)

    static Selection none() { return {}; }
    static Selection process(model::Pid pid) { Selection s; s.kind = Kind::Process; s.pid = pid; return s; }
    static Selection entry(model::Pid pid, HandleValue h) { Selection s; s.kind = Kind::Handle; s.pid = pid; s.handle = h; return s; }
    static Selection object_node(model::ObjectId id) { Selection s; s.kind = Kind::Object; s.object = id; return s; }
    bool operator==(const Selection&) const = default;
};

// How a row, node or arrow relates to what the current step did.
enum class Highlight : std::uint8_t {
    None,
    New,        // created / added by this step
    Closed,     // removed or destroyed by this step (shown as a ghost)
    CountUp,    // a count went up
    CountDown,  // a count went down
    Changed,    // some other state changed (flags, queue, exit)
};

// Picks the English or the Korean text; falls back to the other one when the chosen one is empty.
std::string_view pick(Language language, std::string_view en, std::string_view ko);

}  // namespace kosim::ui
