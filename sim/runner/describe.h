// Plain-English text for objects, changes and steps: what `kosim run` prints and what reports use.
#pragma once

#include <string>

#include "model/world.h"
#include "runner/runner.h"

namespace kosim {

// "Mailslot '\\.\mailslot\demo'", "Process Child", "Pipe read end #7".
std::string describe_object(const model::World& world, model::ObjectId id);
// One change as a sentence; `before` names objects the step destroyed.
std::string describe_change(const model::World& before, const model::World& after, const model::Change& change);
// "Receiver: hSlot = CreateMailslot(...)" plus " -> 0x4" and the last error when the call set one.
std::string describe_outcome(const Statement& statement, const model::Outcome& outcome);
// "\"The mailslot ...\"" in the language asked for, falling back to the other.
const std::string& pick_language(const Narration& narration, bool korean);

}  // namespace kosim
