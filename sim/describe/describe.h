// The one describer: how kosim names objects, entries, origins, access masks, counts, process
// states, calls and their outcomes, what a step changed and who waits on what in a deadlock, in
// English or Korean. The CLI, the GUI's view models and the trace all use it. Structured values
// (ObjectLabel, access_names, OutcomeParts) come first; text is made from them, never parsed back.
#pragma once

#include <string>
#include <vector>

#include "describe/catalogue.h"
#include "model/world.h"
#include "runner/runner.h"

namespace kosim::describe {

// An object as people name it: its kind, the name it was given (or its file's path), its id, and
// for a process or thread object the process it stands for.
struct ObjectLabel {
    model::ObjectKind kind = model::ObjectKind::Event;
    std::string name;        // the object's name or its file's path; "" when unnamed
    model::ObjectId id = 0;
    std::string process;     // Process and Thread objects: the process's name
    bool known = true;       // false: no object with this id is known here
};
ObjectLabel label_of(const model::World& world, const model::KernelObject& object);
// The live object `id`, or an unknown label when it is gone.
ObjectLabel label_of(const model::World& world, model::ObjectId id);
// An object the step destroyed, from its ObjectDestroyed change.
ObjectLabel label_of_destroyed(const model::World& world, const model::Change& destroyed);

// "Mailslot", "메일슬롯".
const char* kind_text(model::ObjectKind kind, Language language);
// "Mailslot '\\.\mailslot\demo'", "Process 'Child'", "Thread of 'Child'", "Pipe read end #7".
std::string label_text(const ObjectLabel& label, Language language);
// The same with a path cut to its last part ("Mailslot 'demo'"), for cards and nodes.
std::string short_label_text(const ObjectLabel& label, Language language);
// The name part alone, as a label shows it: "'demo'", "'Child'", "#7".
std::string label_name_text(const ObjectLabel& label, bool short_path = false);

// The process's name for a pid, or "pid 0x104".
std::string process_name(const model::World& world, model::Pid pid);
// A pid the one way kosim shows it: "0x104".
std::string pid_text(model::Pid pid);

// The named access rights that make up a mask (an exact constant such as PROCESS_ALL_ACCESS
// first, of the object's own kind: THREAD_ALL_ACCESS for a thread), or the mask in hex when names
// do not cover it; {"0"} for none.
std::vector<std::string> access_names(std::uint32_t access, model::ObjectKind kind);
// HANDLE_FLAG_INHERIT, HANDLE_FLAG_PROTECT_FROM_CLOSE; empty for none.
std::vector<std::string> handle_flag_names(std::uint32_t flags);
// Names joined with " | ", or "0".
std::string join_flags(const std::vector<std::string>& names);

// "created", "opened by name", "inherited from Parent 0x1C", "duplicated from Parent 0x8".
std::string origin_text(const model::Origin& origin, const model::World& world, Language language);
// The origin's verb only: "created", "opened", "inherited", "duplicated".
const char* origin_verb(model::Origin::How how, Language language);

// "running", "waiting", "exited".
const char* run_state_text(model::RunState state, Language language);
// A process's state in full: "running", "waiting in ReadFile on Pipe read end #7", "exited (code 0)".
std::string process_state_text(const model::Process& process, const model::World& world, Language language);
// One line of type-specific state: "2 messages queued", "5 bytes in the buffer", "signalled", "".
std::string object_state_line(const model::KernelObject& object, const model::World& world, Language language);
// "usage_count 1 -> 2, handle_count 1 -> 2" (only the counts that moved).
std::string counts_text(const model::Change& change, Language language);
// "a message queued (5 bytes)", "signalled", ...
std::string event_text(model::Change::Event event, std::uint64_t amount, Language language);

// A call's outcome in parts, so a view can lay them out: the call as written, what it returned
// (TRUE/FALSE for BOOL calls) and the last error it left.
struct OutcomeParts {
    std::string call;          // "Parent: CloseHandle(hSlot)"
    std::string result;        // "TRUE", "0x4", "" when the statement returns nothing
    std::string last_error;    // "ERROR_PIPE_BUSY (231)", "" when 0
    bool waits = false;        // the call blocked
};
OutcomeParts outcome_parts(const Statement& statement, const model::Outcome& outcome);
// "Parent: CloseHandle(hSlot)  -> TRUE", "...  (waits)".
std::string outcome_text(const Statement& statement, const model::Outcome& outcome, Language language);

// What one step changed, one sentence per change; an entry change carries its object's count
// change with it. `world` is the state after the step.
std::vector<std::string> change_sentences(const Program& program, const StepRecord& record, const model::World& world,
                                          Language language);

// The entries that keep a waiter's object from waking it: for a pipe end, who still holds the
// other end (the lesson of the forgotten write end). Empty otherwise.
std::vector<model::Holder> entries_keeping_wait(const model::World& world, const model::Wait& wait);
// What a blocked call waits on: one object's label, or (WaitForMultipleObjects) every label, in order.
std::string wait_targets_text(const model::World& world, const model::Wait& wait, Language language);
// "Child waits in ReadFile on Pipe read end #7; still open: Pipe write end #8 in Parent (0x8)".
std::string wait_sentence(const model::World& world, const WaitReport& wait, Language language);
// The same from the report alone, for a side that has no World (native): "Child waits in ReadFile".
std::string wait_sentence(const WaitReport& wait, Language language);

// The scenario's own text (say / say.ko) in the language asked for, falling back to the other.
const std::string& pick_language(const Narration& narration, Language language);

}  // namespace kosim::describe
