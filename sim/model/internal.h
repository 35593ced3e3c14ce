// The model's inside: WorldAccess is the one friend of World that the operation files share.
// Each call of program/calls.def is WorldAccess::operation<Call::X>, defined in
// sim/model/ops/<operation>.cpp and reading its arguments by name; lifetime.cpp owns
// references and destruction, handle_table.cpp the per-process tables.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "model/access.h"
#include "model/world.h"
#include "program/call_params.h"
#include "win32/constants.h"

namespace kosim::model {

// Whether an operation runs for the first time (invoke) or re-checks a blocked call (settle).
enum class Attempt : std::uint8_t { First, Retry };

// What a call that must wait asks for; invoke() turns it into Process::wait.
struct PendingWait {
    WaitReason reason = WaitReason::Object;
    ObjectId object = 0;
    std::string name;
    std::optional<std::uint64_t> timeout_ms;   // nullopt = forever
    std::vector<ObjectId> objects;              // WaitForMultipleObjects: every object, in lpHandles order
};

struct WorldAccess {
    World& world;

    // --- look-ups -----------------------------------------------------------------------------
    // nullptr when there is no such process / object: for ids that come from outside (a pid
    // argument, a link that may be cleared); check before use.
    Process* process(Pid pid);
    KernelObject* object(ObjectId id);
    // For ids the world's own invariants guarantee (a handle entry's object, the caller's pid, an
    // object just created): VERIFY it exists, then return it.
    Process& live_process(Pid pid) {
        Process* p = process(pid);
        KOSIM_VERIFY(p != nullptr);
        return *p;
    }
    KernelObject& live_object(ObjectId id) {
        KernelObject* o = object(id);
        KOSIM_VERIFY(o != nullptr);
        return *o;
    }
    // The object behind an entry the operation itself just added to p's table.
    KernelObject& object_of_new_handle(Process& p, HandleValue h) {
        HandleEntry* e = p.handles.find(h);
        KOSIM_VERIFY(e != nullptr);
        return live_object(e->object);
    }
    // The ids of the live objects `match` accepts, by id; reading them copies no shared chunk
    // (write through object(id) afterwards).
    template <typename F> std::vector<ObjectId> objects_where(F&& match) const {
        std::vector<ObjectId> ids;
        for (const KernelObject& o : world.objects_)
            if (match(o)) ids.push_back(o.id);
        return ids;
    }
    template <typename T> T* state_of(ObjectId id) {
        KernelObject* o = object(id);
        return o ? std::get_if<T>(&o->state) : nullptr;
    }

    // A handle value as the calling process sees it: pseudo-handles first, then its table.
    struct Resolved {
        KernelObject* object = nullptr;
        HandleEntry* entry = nullptr;          // nullptr for pseudo-handles
        std::uint32_t access = 0;
    };
    Resolved resolve(Process& p, HandleValue h);

    // --- lifetime (lifetime.cpp) --------------------------------------------------------------
    // A new object with handle_count = usage_count = 0; returns its id (pointers may move).
    ObjectId create_object(ObjectKind kind, std::string name, Pid creator, ObjectState state);
    // Registers an entry: handle_count + 1, usage_count + 1.
    HandleValue add_entry(Process& p, ObjectId id, std::uint32_t access, bool inherit, Origin origin);
    bool add_entry_at(Process& p, HandleValue value, ObjectId id, std::uint32_t access, bool inherit, Origin origin);
    void count_entry(Process& p, HandleValue value, ObjectId id, int delta);
    // Removes an entry: handle_count - 1, usage_count - 1; destroys the object at usage_count 0.
    void remove_entry(Process& p, HandleValue value);
    // A kernel reference (a running process on its own process/thread object): usage_count only.
    void add_reference(ObjectId id);
    void release_reference(ObjectId id);
    void destroy(ObjectId id);
    void set_signalled(KernelObject& o, bool signalled, Change::Event event, std::uint64_t amount = 0);
    // `by`: the process whose call moved the data (MessageQueued .. BytesRead), 0 for other events.
    void note_state(ObjectId id, Change::Event event, std::uint64_t amount, Pid by = 0);
    void note_file(const std::string& path, std::uint64_t size);
    void set_run_state(Process& p, RunState state);
    ChangeLog* change_log() const { return world.log_; }
    void log(Change change) {
        if (world.log_) world.log_->changes.push_back(std::move(change));
    }

    // Namespace keys: synchronisation objects share one case-sensitive namespace
    // (\BaseNamedObjects); mailslot names are file names, so case-insensitive.
    static std::string sync_key(std::string_view name);
    static std::string mailslot_key(std::string_view name);
    ObjectId find_name(const std::string& key) const;
    void bind_name(const std::string& key, ObjectId id);
    void unbind_name(ObjectId id);   // the object's name leaves the namespace, if it is there

    // --- results ------------------------------------------------------------------------------
    static Outcome done(const Process& p, Value result) {
        Outcome out;
        out.result = std::move(result);
        out.last_error = p.last_error;
        return out;
    }
    static Outcome fail(Process& p, Value result, std::uint32_t error) {
        p.last_error = error;
        return done(p, std::move(result));
    }
    Outcome block(PendingWait wait) {
        pending = std::move(wait);
        Outcome out;
        out.status = Outcome::Status::Blocked;
        return out;
    }
    PendingWait pending;

    // --- process exit (process_exit.cpp) ------------------------------------------------------
    void exit_process(Pid pid, std::uint32_t exit_code);
    Pid new_process(std::string name, Pid parent);

    // --- operations: one per row of program/calls.def, each defined in sim/model/ops/*.cpp as
    // WorldAccess::operation<Call::X>; `attempt` matters only to calls that may block ----------
    Outcome dispatch(Process& p, Call call, std::span<const Value> args, Attempt attempt);
    template <Call C> Outcome operation(Process& p, CallArgs<C> a, Attempt attempt);
    Outcome timed_out(Process& p, const Wait& wait);

    // Helpers shared by operations.
    Outcome create_named_sync(Process& p, ObjectKind kind, bool inherit, const std::string* name, ObjectState state,
                              bool* existed);
    Outcome open_named(Process& p, ObjectKind kind, std::uint32_t access, bool inherit, const std::string* name);
    Outcome set_event(Process& p, HandleValue h, bool signalled);
    Outcome open_mailslot_client(Process& p, std::string_view name, std::uint32_t access, bool inherit);
    Outcome open_named_pipe_client(Process& p, std::string_view name, std::uint32_t access, bool inherit);
    std::vector<ObjectId> pipe_instances(std::string_view name);
    Outcome read_named_pipe(Process& p, Resolved r, std::uint64_t want);
    Outcome write_named_pipe(Process& p, Resolved r, std::string_view data, Attempt attempt);
    // Pipe writes that wait for room (write_file.cpp): a writer that ends takes the unread rest of
    // its write out of the pipe (Wine kernel32/tests/pipe.c test_overlapped_transport).
    void discard_blocked_writes(Pid pid);
    std::uint64_t next_listen_order() const;   // named_pipe.cpp: instances serve clients in listen order
    void on_destroy(KernelObject& o);  // unlinks peers before the object goes
    // File mappings (ops/file_mapping.cpp): a process's views go when it exits.
    void unmap_all_views(Process& p);
    // Waitable timers (ops/timer.cpp): signals every set timer whose due time has come.
    void expire_timers();
};

// Every call's operation, declared from the table so world.cpp's dispatch sees them all.
#define KOSIM_CALL(name, returns, kind, doc) \
    template <> Outcome WorldAccess::operation<Call::name>(Process& p, CallArgs<Call::name> a, Attempt attempt);
#define KOSIM_PARAM(name, type, direction, required, default_value, alias)
#define KOSIM_END()
#include "program/calls.def"

// A wait's check (ops/wait.cpp): takes o for p if it is signalled (or a mutex p owns) and returns
// WAIT_OBJECT_0 or WAIT_ABANDONED; nullopt when p must wait.
std::optional<std::uint32_t> try_acquire(WorldAccess& w, Process& p, KernelObject& o);

inline bool is_infinite(std::uint64_t ms) { return ms >= win32::INFINITE; }

std::string upper(std::string_view text);
bool iequals_prefix(std::string_view text, std::string_view prefix);
inline constexpr std::string_view mailslot_prefix = "\\\\.\\mailslot\\";
inline constexpr std::string_view pipe_prefix = "\\\\.\\pipe\\";

// Whether access (as asked, or as granted after mapping) allows reading / writing data: ReadFile
// needs FILE_READ_DATA, WriteFile FILE_WRITE_DATA or FILE_APPEND_DATA (Microsoft Learn ReadFile,
// WriteFile: "The hFile parameter must have been created with read access / write access").
inline bool can_read(std::uint32_t access) { return access & (win32::GENERIC_READ | win32::GENERIC_ALL | win32::FILE_READ_DATA); }
inline bool can_write(std::uint32_t access) {
    return access & (win32::GENERIC_WRITE | win32::GENERIC_ALL | win32::FILE_WRITE_DATA | win32::FILE_APPEND_DATA);
}
// What CreateFile grants: dwDesiredAccess mapped for files, plus the SYNCHRONIZE and
// FILE_READ_ATTRIBUTES kernel32 always adds (ReactOS dll/win32/kernel32/client/file/create.c CreateFileW,
// Wine kernelbase CreateFileW: NtCreateFile(access | SYNCHRONIZE | FILE_READ_ATTRIBUTES)).
inline std::uint32_t create_file_access(std::uint32_t desired) {
    return map_access(ObjectKind::File, desired) | win32::SYNCHRONIZE | win32::FILE_READ_ATTRIBUTES;
}

// Files, pipe ends and mailslots: the kinds ReadFile and WriteFile work on (NtQueryObject's "File").
inline bool is_file_kind(ObjectKind kind) {
    return kind != ObjectKind::Process && kind != ObjectKind::Thread && kind != ObjectKind::Event &&
           kind != ObjectKind::Mutex && kind != ObjectKind::Semaphore && kind != ObjectKind::FileMapping &&
           kind != ObjectKind::Timer;
}

inline Value bool_value(bool b) { return Value::integer(b ? 1 : 0); }
inline Value null_handle_value() { return Value::handle(null_handle); }
inline Value invalid_handle() { return Value::handle(invalid_handle_value); }

}  // namespace kosim::model
