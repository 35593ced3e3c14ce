// A fake native side for the runner's tests: an AgentLink whose "agents" answer the agent protocol
// (agent.cpp: call, poll, expire, observe, std, resume) from a model World instead of real Win32.
// Like real agents it only reports what a process could see: a call that waits is "blocked" and
// learnt of again by polling; a timed call ends only when the backend says its time-out expired.
#pragma once

#include <map>
#include <string>

#include "agent_backend.h"
#include "wire.h"

namespace kosim::testing {

class FakeAgentLink final : public native::AgentLink {
public:
    model::World world;
    std::size_t requests = 0;          // every request, to show the backend asks
    std::map<std::string, int> ops;    // requests per op

    std::optional<native::AgentHello> launch(const std::string& name, std::string&) override {
        return hello(world.add_process(name));
    }
    std::optional<native::AgentHello> attach(model::Pid, const nlohmann::json& extra, std::string& error) override {
        model::Pid pid = extra.value("child_pid", 0u);
        if (!world.process(pid)) {
            error = "no child " + std::to_string(pid);
            return std::nullopt;
        }
        return hello(pid);
    }
    std::optional<nlohmann::json> request(model::Pid pid, const nlohmann::json& message, unsigned) override {
        ++requests;
        std::string op = message.value("op", "");
        ++ops[op];
        const model::Process* p = world.process(pid);
        if (!p || p->state == model::RunState::Exited) return std::nullopt;   // the agent is gone
        if (op == "call") {
            nlohmann::json reply = call(pid, static_cast<Call>(message.value("call", 0)), native::values_from_json(message["args"]));
            if (reply.is_null()) return std::nullopt;
            return reply;
        }
        if (op == "poll") {
            stash(world.settle());
            return answer(pid);
        }
        if (op == "expire") {
            if (p->wait && p->wait->deadline_ms) stash(world.advance_clock(*p->wait->deadline_ms));
            return answer(pid);
        }
        if (op == "observe") return observe(pid, message["handles"]);
        if (op == "std") {
            std::uint32_t which = message.value("which", 0u);
            HandleValue h = which == 0xFFFFFFF6u ? p->std_input : which == 0xFFFFFFF5u ? p->std_output : p->std_error;
            return nlohmann::json{{"handle", h.raw}};
        }
        return nlohmann::json{{"status", "error"}, {"error", "unknown op " + op}};
    }
    std::optional<std::uint32_t> exit_code(model::Pid pid, unsigned) override {
        const model::Process* p = world.process(pid);
        if (!p || p->state != model::RunState::Exited) return std::nullopt;
        return p->exit_code;
    }
    void terminate(model::Pid) override {}
    bool holds_process(model::Pid) const override { return false; }

private:
    std::map<model::Pid, model::Outcome> finished_;   // completions not yet asked for

    native::AgentHello hello(model::Pid pid) {
        native::AgentHello h;
        h.pid = pid;
        h.tid = world.process(pid)->tid;
        h.command_line = world.process(pid)->command_line;
        return h;
    }
    void stash(std::vector<model::Completion> completions) {
        for (model::Completion& c : completions) finished_[c.pid] = std::move(c.outcome);
    }
    static nlohmann::json completed(const model::Outcome& outcome, nlohmann::json extra = nlohmann::json::object()) {
        native::CallResult r;
        r.result = outcome.result;
        r.last_error = outcome.last_error;
        r.outputs = outcome.outputs;
        r.extra = std::move(extra);
        return native::result_to_json(r);
    }
    nlohmann::json answer(model::Pid pid) {
        auto it = finished_.find(pid);
        if (it == finished_.end()) return {{"status", "blocked"}};
        nlohmann::json reply = completed(it->second);
        finished_.erase(it);
        return reply;
    }
    nlohmann::json call(model::Pid pid, Call call, const std::vector<Value>& args) {
        world.set_last_error(pid, last_error_sentinel);
        model::Outcome out = world.invoke(pid, call, args);
        // A real agent that exits never answers.
        if (world.process(pid)->state == model::RunState::Exited) return nullptr;
        if (out.status == model::Outcome::Status::Blocked) {
            const model::Wait& wait = *world.process(pid)->wait;
            long long timeout = wait.deadline_ms ? static_cast<long long>(*wait.deadline_ms - world.now_ms()) : -1;
            // The real agent reports the argument (call_timeout_ms); WaitNamedPipe's 0 stays 0.
            if (call == Call::WaitNamedPipe) {
                std::uint64_t given = args[static_cast<std::size_t>(param_index(call_info(call), "nTimeOut"))].number;
                timeout = given == 0xFFFFFFFFu ? -1 : static_cast<long long>(given);
            }
            return {{"status", "blocked"}, {"timeout_ms", timeout}};
        }
        nlohmann::json extra = nlohmann::json::object();
        if (call == Call::CreateProcess && out.result.number != 0) {
            const std::string& name = args[static_cast<std::size_t>(param_index(call_info(call), "lpApplicationName"))].text;
            std::uint64_t flags = args[static_cast<std::size_t>(param_index(call_info(call), "dwCreationFlags"))].number;
            extra = {{"child_pid", world.find_process(name)->pid}, {"name", name}, {"inherited", nlohmann::json::array()},
                     {"suspended", (flags & 0x4) != 0}};
        }
        if (call == Call::TerminateProcess && out.result.number != 0) {
            HandleValue h = args[static_cast<std::size_t>(param_index(call_info(call), "hProcess"))].as_handle();
            if (const model::KernelObject* o = world.object_of(pid, h)) extra = {{"target_pid", model::owner_pid(*o)}};
        }
        return completed(out, extra);
    }
    nlohmann::json observe(model::Pid pid, const nlohmann::json& list) {
        nlohmann::json handles = nlohmann::json::array();
        std::vector<model::ObjectId> ids;
        for (const auto& pair : list) {
            HandleValue h{pair[1].get<std::uint64_t>()};
            const model::HandleEntry* entry = is_pseudo_handle(h) ? nullptr : world.entry(pid, h);
            const model::KernelObject* object = entry ? world.object(entry->object) : nullptr;
            nlohmann::json o{{"valid", object != nullptr}};
            ids.push_back(object ? object->id : 0);
            if (object) {
                o["inherit"] = entry->inherit;
                o["protect"] = entry->protect_from_close;
                o["handle_count"] = object->handle_count;
                o["type"] = std::string(model::win32_type_name(object->kind));
                if (object->kind == model::ObjectKind::Process) o["pid"] = model::owner_pid(*object);
                int same = -1;
                for (std::size_t k = 0; k + 1 < ids.size() && same < 0; ++k)
                    if (ids[k] == object->id) same = static_cast<int>(k);
                o["same_as"] = same;
            }
            handles.push_back(std::move(o));
        }
        nlohmann::json table = nlohmann::json::array();
        world.process(pid)->handles.for_each([&](const model::HandleEntry& e) {
            int same = -1;
            for (std::size_t k = 0; k < ids.size() && same < 0; ++k)
                if (ids[k] == e.object) same = static_cast<int>(k);
            table.push_back({{"value", e.value.raw}, {"inherit", e.inherit}, {"protect", e.protect_from_close},
                             {"same_as", same}});
        });
        return {{"handles", handles}, {"table", table}};
    }
};

}  // namespace kosim::testing
