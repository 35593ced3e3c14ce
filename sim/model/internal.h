// The model's inside: WorldAccess is the one friend of World that the operation files share.
// Each Win32 operation is a member defined in sim/model/ops/<operation>.cpp; lifetime.cpp owns
// references and destruction, handle_table.cpp the per-process tables.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "model/world.h"
#include "win32/constants.h"

namespace kosim::model {

using Args = std::span<const Value>;

// Whether an operation runs for the first time (invoke) or re-checks a blocked call (settle).
enum class Attempt : std::uint8_t { First, Retry };

// What a call that must wait asks for; invoke() turns it into Process::wait.
struct PendingWait {
    WaitReason reason = WaitReason::Object;
    ObjectId object = 0;
    std::string name;
    std::optional<std::uint64_t> timeout_ms;   // nullopt = forever
};

struct WorldAccess {
    World& world;

    // --- look-ups -----------------------------------------------------------------------------
    Process* process(Pid pid);
    KernelObject* object(ObjectId id);
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
    void note_state(ObjectId id, Change::Event event, std::uint64_t amount);
    void note_file(const std::string& path, std::uint64_t size);
    void set_run_state(Process& p, RunState state);
    bool world_log() const { return world.log_ != nullptr; }
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

    // --- operations (ops/*.cpp); `attempt` matters only to calls that may block ---------------
    Outcome dispatch(Process& p, Call call, Args args, Attempt attempt);
    Outcome timed_out(Process& p, const Wait& wait);

    Outcome close_handle(Process& p, Args a);
    Outcome duplicate_handle(Process& p, Args a);
    Outcome get_handle_information(Process& p, Args a);
    Outcome set_handle_information(Process& p, Args a);
    Outcome get_std_handle(Process& p, Args a);
    Outcome set_std_handle(Process& p, Args a);
    Outcome create_process(Process& p, Args a);
    Outcome open_process(Process& p, Args a);
    Outcome exit_process_call(Process& p, Args a);
    Outcome terminate_process(Process& p, Args a);
    Outcome get_exit_code_process(Process& p, Args a);
    Outcome wait_for_single_object(Process& p, Args a, Attempt attempt);
    Outcome sleep(Process& p, Args a, Attempt attempt);
    Outcome set_environment_variable(Process& p, Args a);
    Outcome get_environment_variable(Process& p, Args a);
    Outcome create_file(Process& p, Args a);
    Outcome read_file(Process& p, Args a, Attempt attempt);
    Outcome write_file(Process& p, Args a, Attempt attempt);
    Outcome create_mailslot(Process& p, Args a);
    Outcome get_mailslot_info(Process& p, Args a);
    Outcome set_mailslot_info(Process& p, Args a);
    Outcome create_pipe(Process& p, Args a);
    Outcome create_named_pipe(Process& p, Args a);
    Outcome connect_named_pipe(Process& p, Args a, Attempt attempt);
    Outcome disconnect_named_pipe(Process& p, Args a);
    Outcome wait_named_pipe(Process& p, Args a, Attempt attempt);
    Outcome peek_named_pipe(Process& p, Args a);
    Outcome set_named_pipe_handle_state(Process& p, Args a);
    Outcome create_event(Process& p, Args a);
    Outcome open_named(Process& p, Args a, ObjectKind kind);
    Outcome set_event(Process& p, Args a, bool signalled);
    Outcome create_mutex(Process& p, Args a);
    Outcome release_mutex(Process& p, Args a);
    Outcome create_semaphore(Process& p, Args a);
    Outcome release_semaphore(Process& p, Args a);

    // Helpers shared by the I/O operations.
    Outcome create_named_sync(Process& p, ObjectKind kind, bool inherit, const Value& name, ObjectState state,
                              bool* existed);
    Outcome open_mailslot_client(Process& p, std::string_view name, std::uint32_t access, bool inherit);
    Outcome open_named_pipe_client(Process& p, std::string_view name, std::uint32_t access, bool inherit);
    std::vector<ObjectId> pipe_instances(std::string_view name);
    Outcome read_named_pipe(Process& p, Resolved r, Args a, Attempt attempt);
    Outcome write_named_pipe(Process& p, Resolved r, std::string_view data, Args a);
    void on_destroy(KernelObject& o);  // unlinks peers before the object goes
};

// Argument readers: absent values read as 0 / NULL.
inline std::uint64_t arg_number(Args a, std::size_t i) { return i < a.size() ? a[i].number : 0; }
inline std::uint32_t arg_dword(Args a, std::size_t i) { return static_cast<std::uint32_t>(arg_number(a, i)); }
inline bool arg_bool(Args a, std::size_t i) { return arg_number(a, i) != 0; }
inline HandleValue arg_handle(Args a, std::size_t i) { return HandleValue{arg_number(a, i)}; }
inline const std::string* arg_string(Args a, std::size_t i) {
    return i < a.size() && a[i].kind == Value::Kind::String ? &a[i].text : nullptr;
}
inline bool is_infinite(std::uint64_t ms) { return ms >= win32::INFINITE; }

std::string upper(std::string_view text);
bool iequals_prefix(std::string_view text, std::string_view prefix);
inline constexpr std::string_view mailslot_prefix = "\\\\.\\mailslot\\";
inline constexpr std::string_view pipe_prefix = "\\\\.\\pipe\\";

// Whether granted access allows reading / writing data (generic or specific rights).
inline bool can_read(std::uint32_t access) { return access & (win32::GENERIC_READ | win32::GENERIC_ALL | 0x1u); }
inline bool can_write(std::uint32_t access) { return access & (win32::GENERIC_WRITE | win32::GENERIC_ALL | 0x2u); }

inline Value bool_value(bool b) { return Value::integer(b ? 1 : 0); }
inline Value null_handle_value() { return Value::handle(null_handle); }
inline Value invalid_handle() { return Value::handle(invalid_handle_value); }

}  // namespace kosim::model
