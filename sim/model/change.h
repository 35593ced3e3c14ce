// What one step changed, recorded as the model mutates; the timeline keeps it and the GUI
// highlights it ("Mailslot 'demo' usage_count 2 -> 1").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/handle_table.h"
#include "win32/handle_value.h"

namespace kosim::model {

enum class RunState : std::uint8_t;
enum class ObjectKind : std::uint8_t;

struct Change {
    enum class Kind : std::uint8_t {
        ObjectCreated,        // object
        ObjectDestroyed,      // object, object_kind, pid = the process a Process/Thread object stands for, detail = name or path
        EntryAdded,           // pid, handle, object
        EntryRemoved,         // pid, handle, object
        EntryFlagsChanged,    // pid, handle, object, before/after = HANDLE_FLAG_* bits
        CountsChanged,        // object, before/after = handle_count, usage_before/usage_after = usage_count
        ProcessCreated,       // pid
        ProcessStateChanged,  // pid, before/after = RunState
        ObjectStateChanged,   // object, event, amount; pid = the writer or reader for the data events (0 otherwise)
        EnvironmentChanged,   // pid, detail = variable name
        FileChanged,          // detail = path, amount = new size
        StdHandleChanged,     // pid, handle = new value, amount = STD_*_HANDLE
    };
    enum class Event : std::uint8_t {
        None, MessageQueued, MessageRead, BytesWritten, BytesRead, Signalled, Reset,
        Connected, Disconnected, Acquired, Released, Abandoned,
    };
    Kind kind = Kind::ObjectCreated;
    Pid pid = 0;
    HandleValue handle;
    ObjectId object = 0;
    std::uint32_t before = 0, after = 0;
    std::uint32_t usage_before = 0, usage_after = 0;
    Event event = Event::None;
    std::uint64_t amount = 0;
    ObjectKind object_kind{};   // ObjectDestroyed: the kind of the object that no longer exists
    std::string detail;
};

struct ChangeLog {
    std::vector<Change> changes;
    void clear() { changes.clear(); }
    // Merges the CountsChanged rows of each object into one (first before, last after) and drops
    // those that ended where they began; keeps every other row in order.
    void coalesce();
};

}  // namespace kosim::model
