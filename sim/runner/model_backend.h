// The model as the scheduler's backend: every call goes straight to the World, inline, so the
// model path has no virtual call and no copy beyond what World::invoke does itself.
#pragma once

#include "runner/backend.h"

namespace kosim {

class ModelBackend {
public:
    explicit ModelBackend(model::World& world) : world_(world) {}

    model::Pid start_process(const std::string& name) { return world_.add_process(name); }
    model::Pid find_process(const std::string& name) const {
        const model::Process* p = world_.find_process(name);
        return p ? p->pid : 0;
    }
    ProcessState process_state(model::Pid pid) const {
        const model::Process* p = world_.process(pid);
        if (!p) return ProcessState::Unknown;
        switch (p->state) {
        // A thread suspended (CREATE_SUSPENDED, SuspendThread) runs no statement until resumed.
        case model::RunState::Running: return p->suspend_count > 0 ? ProcessState::Suspended : ProcessState::Running;
        case model::RunState::Waiting: return ProcessState::Waiting;
        case model::RunState::Exited: return ProcessState::Exited;
        }
        return ProcessState::Unknown;
    }
    model::Outcome invoke(model::Pid pid, Call call, std::span<const Value> args) {
        world_.set_last_error(pid, last_error_sentinel);
        return world_.invoke(pid, call, args);
    }
    std::vector<model::Completion> settle() { return world_.settle(); }
    std::optional<std::uint64_t> next_deadline() const { return world_.next_deadline(); }
    std::vector<model::Completion> advance_clock(std::uint64_t ms) { return world_.advance_clock(ms); }
    std::uint64_t now_ms() const { return world_.now_ms(); }
    bool any_waiting() const {
        for (const model::Process& p : world_.processes())
            if (p.state == model::RunState::Waiting) return true;
        return false;
    }
    std::vector<WaitReport> waits() const;
    std::uint32_t last_error(model::Pid pid) const {
        const model::Process* p = world_.process(pid);
        return p ? p->last_error : 0;
    }
    Value pure_call(model::Pid pid, Call call, const std::vector<Value>& args) const;
    std::optional<Value> observe(Builtin builtin, model::Pid pid, const std::vector<Value>& args, ObserveError& error) const;

private:
    model::World& world_;
};

static_assert(Backend<ModelBackend>);

}  // namespace kosim
