// The world view as data: one card per process with its handle-table rows, one node per kernel
// object with its handle_count and usage_count, an arrow from every entry to its object, and what
// the current step changed (new, closed, counts up or down, with the value before).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "describe/describe.h"
#include "describe/handle_uses.h"
#include "model/world.h"
#include "program/value.h"
#include "view_models/selection.h"

namespace kosim::ui {

struct HandleRow {
    HandleValue value;
    std::string value_text;          // "0x1C"
    std::vector<std::string> variables;   // the scenario's variables holding this value ("hSlot", "pi.hProcess")
    model::ObjectId object = 0;
    std::string type;                // "Mailslot", in the view's language
    std::string object_name;         // "\\.\mailslot\demo", or "" for unnamed objects
    std::string object_text;         // "Mailslot 'demo'": the object as the row shows it (short path)
    std::vector<std::string> access; // the access rights by name ({"GENERIC_WRITE"}), or {"0x40000000"}
    std::string access_text;         // the same joined with " | ", for tooltips
    bool inherit = false;            // HANDLE_FLAG_INHERIT
    bool protect = false;            // HANDLE_FLAG_PROTECT_FROM_CLOSE
    std::string origin_verb;         // "created", "inherited", ... ("closed" for a ghost)
    std::string origin_text;         // "created", "inherited from Parent 0x1C", ...
    Highlight highlight = Highlight::None;
    bool ghost = false;              // closed by this step: no longer in the table
    bool keeps_wait = false;         // the entry that keeps a waiting reader waiting (the pipe bug's write end)
    bool failed_lookup = false;      // a ghost: this step looked the value up here and found no entry
    bool inherited_copy = false;     // this step's CreateProcess copied it from the parent's entry of the same value
    std::string error;               // failed_lookup: GetLastError() by name ("ERROR_INVALID_HANDLE")
    bool selected = false;
};

struct ProcessCard {
    model::Pid pid = 0;
    std::string name;                // the scenario's name
    std::string title;               // "Parent (pid 0x100)"
    std::string state_text;          // "running", "waiting in ReadFile", "exited (code 0)"
    model::Pid parent = 0;
    bool exited = false;
    bool still_referenced = false;   // exited, but a handle to its process object remains
    Highlight highlight = Highlight::None;
    bool selected = false;
    std::vector<HandleRow> rows;     // value order; ghosts of closed entries at their place
    std::optional<std::size_t> waits_on;   // the node (index into objects) its blocked call waits on
    std::vector<std::string> markers;      // this step's pseudo-handles: "-1: this process, no entry"
    bool show_environment = false;         // View > Environment and command line
    std::string command_line;              // "command line: child.exe 0x4" (when shown)
    std::string environment;               // "environment: A=1; B=2" (when shown)
};

struct ObjectNode {
    model::ObjectId id = 0;
    std::string kind;                // "Mailslot", in the view's language
    std::string name;                // "" for unnamed objects
    std::string label;               // "Mailslot '\\.\mailslot\demo'" or "Pipe read end #7"
    std::string title;               // the node's first line: the label with a path cut short
    describe::ObjectLabel object;    // the same, structured (the layout words it)
    std::uint32_t handle_count = 0;
    std::uint32_t usage_count = 0;
    std::optional<std::uint32_t> handle_count_before;   // set when this step changed it
    std::optional<std::uint32_t> usage_count_before;
    bool counts_hidden = false;      // predict mode: the student has not answered yet
    std::string state_line;          // "2 messages", "5 bytes", "signalled", ...
    std::string data_line;           // the data in flight: "\"hello\" (5 bytes)"; "" for objects that hold none
    bool holds_data = false;         // a mailslot, pipe read end, named pipe server or file (its node has a data line)
    Highlight highlight = Highlight::None;
    bool ghost = false;              // destroyed by this step
    bool selected = false;
};

struct Arrow {
    std::size_t card = 0;            // index into cards
    std::size_t row = 0;             // index into that card's rows
    std::size_t node = 0;            // index into objects
    Highlight highlight = Highlight::None;
};

// Data moved by this step: from the writer's row into the node that now queues it, or from that
// node to the reader's row (the writer -> reader direction of a pipe or mailslot).
struct FlowArrow {
    std::size_t card = 0;            // the writer's or reader's card
    std::size_t row = 0;             // the row of the handle it used
    std::size_t node = 0;            // where the data is queued
    bool into_node = true;           // written (row -> node) or read (node -> row)
    std::string text;                // "5 bytes", "1 message"
};

// An entry copied by inheritance (CreateProcess with bInheritHandles TRUE): from the parent's row
// to the child's new row of the same value, drawn only at that step.
struct CopyArrow {
    std::size_t parent_card = 0, parent_row = 0;
    std::size_t child_card = 0, child_row = 0;
};

struct ParentLink {
    std::size_t parent_card = 0;
    std::size_t child_card = 0;
};

struct WorldView {
    std::vector<ProcessCard> cards;        // in pid order
    std::vector<ObjectNode> objects;       // held by entries or changed first, then kernel-only; each in id order
    std::vector<Arrow> arrows;
    std::vector<FlowArrow> flows;
    std::vector<CopyArrow> copies;
    std::vector<ParentLink> links;
    bool any_wait = false;                 // some card waits on a node (the legend then explains it)
    std::size_t total_rows = 0;            // rows built (of the scope's cards when scoped)
    const ObjectNode* find_object(model::ObjectId id) const;
    const ProcessCard* find_card(model::Pid pid) const;
};

// The cards and nodes a scoped view builds (world_scope.h computes it for a huge world).
struct WorldScope {
    std::set<model::Pid> cards;
    std::set<model::ObjectId> nodes;
};

// The scenario's variables: process name -> variable name -> value (RunState::variables).
using Variables = std::map<std::string, std::map<std::string, Value>>;
// Per process, the variables whose entry was closed since they were set (RunState::closed_variables).
using ClosedVariables = std::map<std::string, std::set<std::string>>;

struct WorldViewOptions {
    Selection selection;
    std::set<model::ObjectId> hidden_counts;   // predict mode: these objects show "?"
    Language language = Language::English;
    const Variables* variables = nullptr;      // to name each row's value
    const ClosedVariables* closed_variables = nullptr;   // not named on live rows: they held an entry since closed
    const Program* program = nullptr;          // with record: this step's pseudo-handles and failed look-ups
    const StepRecord* record = nullptr;
    bool environment = false;                  // environment block and command line on the cards
    const WorldScope* scope = nullptr;         // null: every card and node; else only these
};

// The names of one process's variables that hold `value` (fields of records as "pi.hProcess"),
// leaving out those in `closed` (their entry was closed: a new entry at the value is not theirs).
std::vector<std::string> variable_names(const std::map<std::string, Value>& variables, HandleValue value,
                                        const std::set<std::string>* closed = nullptr);
// A process card's title, "Parent (pid 0x100)": drawn by the panel and measured by the layout.
std::string card_title(const model::Process& process);
// One row of a card for a live entry; `variables` are its process's (may be null).
HandleRow make_handle_row(const model::HandleEntry& entry, const model::World& world, Language language,
                          const std::map<std::string, Value>* variables = nullptr,
                          const std::set<std::string>* closed_variables = nullptr);

// "-1: this process, no entry" (and "; CloseHandle: no effect" when the step closed it).
std::string pseudo_marker_text(const describe::PseudoHandleUse& use, Language language);
// A failed look-up's ghost row: the value, "no entry", the error.
HandleRow failed_lookup_row(HandleValue value, std::uint32_t error, Language language,
                            const std::map<std::string, Value>* variables = nullptr);
// The data an object holds for its reader: "\"hello\" (5 bytes)", messages one by one, a file's
// contents; "" when empty. `holds` says whether the object kind carries data at all.
std::string data_line_text(const model::KernelObject& object, const model::World& world, Language language, bool* holds = nullptr);
// "command line: ..." and "environment: A=1; B=2" for a process card.
std::string command_line_text(const model::Process& process, Language language);
std::string environment_text(const model::Process& process, Language language);

// Builds the view of `world` (the state after the current step) given that step's changes.
WorldView build_world_view(const model::World& world, std::span<const model::Change> changes,
                           const WorldViewOptions& options = {});

}  // namespace kosim::ui
