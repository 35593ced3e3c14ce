// The inspector: everything about the selected process, handle entry or kernel object, including
// type-specific state (pipe buffer, mailslot queue, file contents, environment block, exit code,
// what a process waits on) and "who holds this object": every entry and kernel reference behind
// its usage_count, with their origins.
#pragma once

#include <string>
#include <vector>

#include "runner/runner.h"
#include "view_models/selection.h"
#include "view_models/world_view_model.h"

namespace kosim::ui {

struct InspectorProperty {
    std::string key;
    std::string value;
};

struct HolderRow {
    std::string who;                 // "Parent" or "running thread of Child"
    std::string handle;              // "0x1C", or "" for a kernel reference
    std::string origin;              // "inherited from Parent 0x1C", "kernel reference"
    Selection select;                // what clicking the row selects
};

struct InspectorSection {
    std::string title;               // "Message queue (2)", "Environment block", "Pipe buffer"
    std::vector<std::string> lines;
};

struct InspectorView {
    std::string title;               // "Process Parent", "Handle 0x1C in Parent", "Mailslot 'demo'"
    std::vector<InspectorProperty> properties;
    std::vector<InspectorSection> sections;
    std::vector<HolderRow> holders;  // for an object (or the object a handle names)
    std::string holders_sum;         // "2 entries + 1 kernel reference = usage_count 3"
    std::vector<HandleRow> table;    // a process's whole handle table
    bool empty = true;
};

// `state` gives the world and the scenario variables after the current step.
InspectorView build_inspector(const RunState& state, const Selection& selection, Language language = Language::English);

// Bytes as a readable C-like string: printable ASCII kept, others escaped ("hi\n\x01").
std::string printable(std::string_view bytes, std::size_t limit = 200);

}  // namespace kosim::ui
