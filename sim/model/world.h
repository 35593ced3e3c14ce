// The simulated machine: processes with their own handle tables, kernel objects with handle_count
// and usage_count, the object namespace and an in-memory file system, on a virtual clock.
// Pure C++: no ImGui, no windows.h, no POSIX. Deterministic: the same calls give the same world.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "model/change.h"
#include "model/cow_slots.h"
#include "model/handle_table.h"
#include "program/call_params.h"
#include "program/calls.h"
#include "program/value.h"
#include "win32/handle_value.h"

namespace kosim::model {

enum class ObjectKind : std::uint8_t {
    Process, Thread,
    Mailslot,          // the server end, made by CreateMailslot
    MailslotClient,    // a writer, made by CreateFile("\\.\mailslot\name"): a separate object
    PipeReadEnd, PipeWriteEnd,            // CreatePipe: two objects joined by one buffer
    NamedPipeServer,   // one instance, made by CreateNamedPipe
    NamedPipeClient,   // made by CreateFile("\\.\pipe\name")
    File, Event, Mutex, Semaphore,
    FileMapping,       // CreateFileMapping: a section (NtQueryObject's "Section")
    Timer,             // CreateWaitableTimer
};
std::string_view kind_name(ObjectKind kind);        // "Mailslot", "Pipe write end", ... (for students)
std::string_view win32_type_name(ObjectKind kind);  // "File", "Process", "Event", "Mutant", ... (NtQueryObject's)

struct ProcessObject { Pid pid = 0; };
struct ThreadObject { Pid pid = 0; std::uint32_t tid = 0; };
struct MailslotObject {
    std::uint32_t max_message_size = 0;   // 0 = any size
    std::uint32_t read_timeout = 0;       // milliseconds, MAILSLOT_WAIT_FOREVER
    std::deque<std::string> messages;     // whole messages, oldest first
};
struct MailslotClientObject { ObjectId mailslot = 0; };   // 0 once the mailslot is destroyed
// A WriteFile that waits for room. Its data is already queued, so readers and PeekNamedPipe see it;
// it completes once the bytes from the reader's position to its end fit the buffer (Wine
// kernel32/tests/pipe.c test_blocking_rw, which passes on Windows).
struct PipeWrite {
    Pid pid = 0;                          // the writer (one thread per process)
    std::uint64_t end = 0;                // stream position just after its data
    std::uint64_t size = 0;               // its length
};
// One direction of a pipe: bytes ever written and read (stream positions), and the waiting writes.
struct PipeFlow {
    std::uint64_t written = 0;
    std::uint64_t read = 0;
    std::vector<PipeWrite> blocked;       // oldest first
};
struct PipeEndObject {
    ObjectId peer = 0;                    // the other end; 0 once it is destroyed
    std::string buffer;                   // the read end holds the bytes in flight
    std::uint32_t capacity = 0;           // nSize (0 = the system default)
    PipeFlow flow;                        // the read end's: writes waiting for room
};
struct NamedPipeServerObject {
    std::string pipe_name;                // \\.\pipe\name as created
    std::uint32_t open_mode = 0;          // PIPE_ACCESS_*
    std::uint32_t pipe_mode = 0;          // PIPE_TYPE_* | PIPE_READMODE_* | PIPE_WAIT
    std::uint32_t max_instances = 1;
    std::uint32_t default_timeout = 0;
    enum class State : std::uint8_t { Listening, Connected, Disconnected, Closing } state = State::Listening;
    ObjectId client = 0;                  // the connected client end
    std::deque<std::string> to_server;    // written by the client (messages, or one byte run in byte mode)
    std::deque<std::string> to_client;    // written by the server
    std::uint32_t out_buffer_size = 0;    // nOutBufferSize: bounds what the server's writes queue
    std::uint32_t in_buffer_size = 0;     // nInBufferSize: bounds what the client's writes queue
    std::uint64_t listen_order = 0;       // when it last started listening: clients take the earliest
    Pid client_pid = 0;                   // the process whose CreateFile connected (0: none since listening)
    PipeFlow to_server_flow, to_client_flow;
};
struct NamedPipeClientObject {
    ObjectId server = 0;                  // 0 once the server end is gone
    std::uint32_t read_mode = 0;          // PIPE_READMODE_* | PIPE_NOWAIT set by SetNamedPipeHandleState
    std::uint32_t pipe_type = 0;          // the pipe's PIPE_TYPE_*, kept after the server end is gone
    bool disconnected = false;            // the server called DisconnectNamedPipe: I/O fails with ERROR_PIPE_NOT_CONNECTED
    std::deque<std::string> unread;       // what the server wrote before its end was destroyed (still readable)
};
struct FileObject {
    std::string path;                     // the key in World::files() (upper-cased)
    std::uint64_t position = 0;
    std::uint32_t access = 0;             // dwDesiredAccess of the CreateFile that opened it
    std::uint32_t share_mode = 0;         // dwShareMode of that CreateFile
    bool null_device = false;             // CreateFile("NUL"): \Device\Null, no file behind it
};
struct EventObject { bool manual_reset = false; };
struct MutexObject { Pid owner = 0; std::uint32_t recursion = 0; bool abandoned = false; };
struct SemaphoreObject { std::uint32_t count = 0; std::uint32_t maximum = 0; };
struct TimerObject {
    bool manual_reset = false;            // a notification timer; FALSE: a synchronization timer
    std::optional<std::uint64_t> due_ms;  // virtual time of the next expiry while the timer is set
    std::uint32_t period_ms = 0;          // lPeriod; 0 = once
};
struct FileMappingObject {
    std::uint32_t protect = 0;            // flProtect's PAGE_* value
    std::uint64_t size = 0;               // the maximum size in bytes
    ObjectId file = 0;                    // the File object it maps (a kernel reference on it); 0 for the paging file
};

using ObjectState = std::variant<ProcessObject, ThreadObject, MailslotObject, MailslotClientObject, PipeEndObject,
                                 NamedPipeServerObject, NamedPipeClientObject, FileObject, EventObject, MutexObject,
                                 SemaphoreObject, FileMappingObject, TimerObject>;

struct KernelObject {
    ObjectId id = 0;                      // never reused within a world
    ObjectKind kind = ObjectKind::Event;
    std::string name;                     // "" for unnamed objects
    std::uint32_t handle_count = 0;       // entries in all handle tables (Windows' HandleCount)
    std::uint32_t usage_count = 0;        // handle_count + kernel references (the textbook's count)
    bool signalled = false;
    Pid creator = 0;
    ObjectState state;
};

// The process a Process or Thread object belongs to; 0 for every other kind.
Pid owner_pid(const KernelObject& object);

// Why a usage_count is what it is: one row per handle entry or kernel reference.
struct Holder {
    // MappedView: a view of a file mapping in pid's address space; MappingFile: a file mapping's
    // reference to the file it maps (`mapping` names it).
    enum class Kind : std::uint8_t { Entry, RunningProcess, RunningThread, MappedView, MappingFile };
    Kind kind = Kind::Entry;
    Pid pid = 0;                          // the process whose entry, view, or the running process/thread
    HandleValue handle;                   // Entry only
    Origin origin;                        // Entry only
    std::uint64_t address = 0;            // MappedView only: the view's base address
    ObjectId mapping = 0;                 // MappingFile only
};

// A view MapViewOfFile made: it holds a reference to its mapping (usage_count) with no handle
// (Microsoft Learn CreateFileMapping: "Mapped views of a file mapping object maintain internal
// references to the object").
struct MappedView {
    std::uint64_t address = 0;            // the base address MapViewOfFile returned
    ObjectId mapping = 0;
    std::uint64_t offset = 0;
    std::uint64_t size = 0;
    std::uint32_t access = 0;             // dwDesiredAccess (FILE_MAP_*)
};

enum class RunState : std::uint8_t { Running, Waiting, Exited };
std::string_view to_string(RunState state);  // "running", "waiting", "exited"

enum class WaitReason : std::uint8_t {
    ReadEmpty,        // ReadFile on an empty pipe or mailslot
    WriteFull,        // WriteFile on a full pipe
    Connect,          // ConnectNamedPipe waiting for a client
    PipeInstance,     // WaitNamedPipe waiting for a listening instance
    Object,           // WaitForSingleObject, WaitForMultipleObjects
    Sleep,            // Sleep
};
std::string_view to_string(WaitReason reason);

// A blocked call: completes when another step makes it ready or at its deadline.
struct Wait {
    Call call = Call::WaitForSingleObject;
    std::vector<Value> args;              // as invoke() got them
    WaitReason reason = WaitReason::Object;
    ObjectId object = 0;                  // what it waits on (0 for Sleep and WaitNamedPipe)
    std::vector<ObjectId> objects;        // WaitForMultipleObjects: all it waits on (object is the first)
    std::string name;                     // WaitNamedPipe's pipe name
    std::optional<std::uint64_t> deadline_ms;
};

struct Process {
    Pid pid = 0;
    std::string name;                     // the scenario's name for it
    Pid parent = 0;                       // 0 for the processes a scenario declares
    RunState state = RunState::Running;
    std::uint32_t exit_code = 259;        // STILL_ACTIVE while running
    ObjectId process_object = 0;
    ObjectId thread_object = 0;
    std::uint32_t tid = 0;
    HandleTable handles;
    std::vector<std::pair<std::string, std::string>> environment;  // in insertion order, names case-insensitive
    std::string command_line;
    HandleValue std_input, std_output, std_error;
    std::uint32_t startup_flags = 0;      // STARTUPINFO.dwFlags its creator passed (GetStartupInfo)
    HandleValue startup_std_input, startup_std_output, startup_std_error;   // STARTUPINFO.hStd*, as passed
    std::uint32_t suspend_count = 0;      // its one thread's: CREATE_SUSPENDED, SuspendThread; runs no statement while > 0
    std::optional<Wait> wait;
    std::uint32_t last_error = 0;
    std::vector<MappedView> views;        // by address; unmapped when the process exits
};

// What invoke() returns: a completed call's result, or that the caller now waits.
struct Outcome {
    enum class Status : std::uint8_t { Completed, Blocked };
    Status status = Status::Completed;
    Value result;                                   // the Win32 return value (None for VOID)
    std::uint32_t last_error = 0;                   // GetLastError() after the call
    OutputValues outputs;                           // Out parameter index -> value written

    // Records the value the call wrote to Out parameter P (a Params<Call::X> tag).
    template <class P> Outcome& write(Value value) & {
        write_output<P>(outputs, std::move(value));
        return *this;
    }
    template <class P> Outcome&& write(Value value) && {
        write_output<P>(outputs, std::move(value));
        return std::move(*this);
    }
};

// A blocked call that finished during settle() or advance_clock().
struct Completion {
    Pid pid = 0;
    Outcome outcome;
};

class World {
public:
    World() = default;

    // A process that exists at the start (`process NAME`): running, empty table and environment.
    Pid add_process(std::string name);

    // Makes one Win32 call as process `pid`. `args` is indexed like call_info(call).params, with
    // defaults already applied to absent In parameters and None for Out parameters.
    Outcome invoke(Pid pid, Call call, std::span<const Value> args);
    // SetLastError as the runner does before every call (its sentinel); no change is recorded.
    void set_last_error(Pid pid, std::uint32_t error);

    // Completes every blocked call that another step made ready, repeatedly, in pid order.
    std::vector<Completion> settle();

    // The earliest time-out among waiting processes, if any.
    std::optional<std::uint64_t> next_deadline() const;
    // Moves the virtual clock to `ms` (>= now) and fails the waits whose time-out elapsed.
    std::vector<Completion> advance_clock(std::uint64_t ms);
    std::uint64_t now_ms() const { return now_ms_; }

    // Lookup. Pointers stay valid until the next mutating call.
    const Process* process(Pid pid) const;
    const Process* find_process(std::string_view name) const;   // the newest process with that name
    std::span<const Process> processes() const { return processes_; }
    const KernelObject* object(ObjectId id) const;              // nullptr once destroyed
    std::size_t object_chunk_count() const { return objects_.chunk_count(); }   // what a copy copies (cow_slots.h)
    std::vector<const KernelObject*> objects() const;           // live objects by id
    const HandleEntry* entry(Pid pid, HandleValue handle) const;
    const KernelObject* object_of(Pid pid, HandleValue handle) const;
    std::vector<Holder> holders(ObjectId id) const;              // sums to usage_count
    const std::map<std::string, std::string>& files() const { return files_; }
    // The object a name refers to in the namespace (events, mutexes, semaphores: case-sensitive;
    // mailslots "\\.\mailslot\x": case-insensitive), or nullptr.
    const KernelObject* find_named(std::string_view name) const;

    // Recording: while set, every mutation appends to the log (not owned).
    void set_change_log(ChangeLog* log) { log_ = log; }
    // The entries that left a table since forget_removed_entries(), with or without a change log:
    // the runner marks the variables that held them as closed.
    struct RemovedEntry { Pid pid = 0; HandleValue handle; };
    std::span<const RemovedEntry> removed_entries() const { return removed_entries_; }
    void forget_removed_entries() { removed_entries_.clear(); }

    // Broken rules, one sentence each; empty when the world is consistent.
    std::vector<std::string> check_invariants() const;

private:
    // Implementation state; sim/model/*.cpp own it. Copyable: the timeline keeps checkpoints.
    friend struct WorldAccess;
    std::vector<Process> processes_;               // by pid (pids only grow); exited processes stay
    CowSlots<KernelObject> objects_;               // live objects, slot id - 1 (ids only grow); copies share chunks
    std::map<std::string, ObjectId> names_;        // namespace key (see lifetime.cpp) -> named object
    std::map<std::string, std::string> files_;     // upper-cased path -> contents
    std::uint64_t now_ms_ = 0;
    ObjectId next_object_id_ = 1;
    Pid next_pid_ = 0x100;
    std::uint32_t next_tid_ = 0x104;
    std::size_t waiting_count_ = 0;                // processes in RunState::Waiting: settle() and the clock skip the scan at 0
    ChangeLog* log_ = nullptr;
    std::vector<RemovedEntry> removed_entries_;    // since forget_removed_entries(): one step's, for the runner
};

}  // namespace kosim::model
