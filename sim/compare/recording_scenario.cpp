#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include "compare/recording.h"
#include "program/calls.h"
#include "win32/handle_value.h"

namespace kosim::compare {

namespace {

using trace::CallOutcome;
using trace::Step;

// The variable a call's handle result or output is bound to, before numbering (hFile, hFile2).
std::string base_name(const std::string& call, const std::string& param) {
    static const std::map<std::string, std::string> results{
        {"CreateFile", "hFile"}, {"CreateMailslot", "hMailslot"}, {"CreateNamedPipe", "hPipe"},
        {"CreateEvent", "hEvent"}, {"OpenEvent", "hEvent"}, {"CreateMutex", "hMutex"}, {"OpenMutex", "hMutex"},
        {"CreateSemaphore", "hSemaphore"}, {"OpenSemaphore", "hSemaphore"}, {"OpenProcess", "hProcess"},
        {"GetStdHandle", "hStd"}};
    static const std::map<std::string, std::string> outputs{
        {"hReadPipe", "hReadPipe"}, {"hWritePipe", "hWritePipe"}, {"lpTargetHandle", "hDuplicate"},
        {"lpProcessInformation", "pi"}, {"lpBuffer", call == "GetEnvironmentVariable" ? "value" : "data"}};
    if (param.empty()) {
        auto it = results.find(call);
        return it == results.end() ? "" : it->second;
    }
    auto it = outputs.find(param);
    return it == outputs.end() ? "" : it->second;
}

std::string number(std::uint64_t n) {
    if (n < 0x1000) return std::to_string(n);
    char text[24];
    std::snprintf(text, sizeof text, "0x%llX", static_cast<unsigned long long>(n));
    return text;
}

const Value* find_named(const std::vector<std::pair<std::string, Value>>& values, std::string_view name) {
    for (const auto& [n, v] : values)
        if (n == name) return &v;
    return nullptr;
}

class Writer {
public:
    explicit Writer(const trace::Trace& recording) : recording_(recording) {}

    RecordedScenario write() {
        find_children();
        std::ostringstream body;
        std::map<std::string, std::string> state;   // process -> last state seen
        std::set<std::string> ended_by_call;         // processes whose last call was ExitProcess
        bool timed_out = false;
        // Recording steps of calls that began before earlier steps: (where it began, its step).
        std::vector<std::pair<std::size_t, std::size_t>> waiting;
        std::set<std::size_t> begun_earlier;
        for (std::size_t i = 0; i < recording_.steps.size(); ++i)
            if (const auto& c = recording_.steps[i].call; c && c->begun && *c->begun < i) {
                waiting.emplace_back(*c->begun, i);
                begun_earlier.insert(i);
            }
        std::stable_sort(waiting.begin(), waiting.end());
        auto emit = [&](std::size_t step_index) {
            const Step& s = recording_.steps[step_index];
            body << statement(*s.call, s) << "\n";
            result_.steps.push_back(step_index);
            if (s.call->call == "ExitProcess") ended_by_call.insert(s.call->process);
        };
        for (std::size_t i = 0; i < recording_.steps.size(); ++i) {
            const Step& step = recording_.steps[i];
            if (step.kind == "timeout") {
                timed_out = true;
                body << "# the recording timed out here: " << step.error << "\n";
            }
            // A call that waited while others returned is written where it began: the model then
            // waits in it too, and returns from it when the recording did.
            while (!waiting.empty() && waiting.front().first <= i) {
                emit(waiting.front().second);
                waiting.erase(waiting.begin());
            }
            if (step.kind == "statement" && step.call && !begun_earlier.contains(i)) emit(i);
            if (step.kind == "exit" && !timed_out)
                for (const trace::ProcessObservation& p : step.processes)
                    if (p.state == "exited" && state[p.name] != "exited" && !ended_by_call.contains(p.name)) {
                        body << p.name << ": ExitProcess(uExitCode=" << number(p.exit_code) << ")"
                             << "   # the program ended (returned from main, or crashed)\n";
                        result_.steps.push_back(i);
                        bindings_.erase(p.name);
                    }
            for (const trace::ProcessObservation& p : step.processes) state[p.name] = p.state;
        }
        std::ostringstream text;
        text << "# Recorded by kosim record on " << recording_.platform << ": " << recording_.title << "\n"
             << "# One statement per call the programs made, in the order the calls returned (docs/record.md).\n"
             << "scenario " << quote_c_string(recording_.title) << "\n\n";
        for (const std::string& name : top_level_) text << "process " << name << "\n";
        text << "\n" << body.str();
        result_.text = text.str();
        return std::move(result_);
    }

private:
    const trace::Trace& recording_;
    RecordedScenario result_;
    std::vector<std::string> top_level_;
    std::map<std::uint32_t, std::string> name_of_pid_;
    std::set<std::string> children_;
    // process -> handle value -> variable naming it now (pi.hProcess for record fields)
    std::map<std::string, std::map<std::uint64_t, std::string>> bindings_;
    std::map<std::string, std::set<std::string>> used_;   // process -> variable names taken

    void find_children() {
        for (const Step& s : recording_.steps)
            for (const trace::ProcessObservation& p : s.processes)
                if (p.pid) name_of_pid_[*p.pid] = p.name;
        for (const Step& s : recording_.steps)
            if (s.call && s.call->call == "CreateProcess")
                if (const Value* pi = find_named(s.call->outputs, "lpProcessInformation"))
                    if (const Value* id = pi->field("dwProcessId"))
                        if (auto it = name_of_pid_.find(static_cast<std::uint32_t>(id->number)); it != name_of_pid_.end())
                            children_.insert(it->second);
        for (const Step& s : recording_.steps)
            for (const trace::ProcessObservation& p : s.processes)
                if (!children_.contains(p.name) && std::find(top_level_.begin(), top_level_.end(), p.name) == top_level_.end())
                    top_level_.push_back(p.name);
    }

    std::string fresh(const std::string& process, const std::string& base) {
        std::string name = base;
        for (int n = 2; used_[process].contains(name); ++n) name = base + std::to_string(n);
        used_[process].insert(name);
        return name;
    }

    // The child a CreateProcess made, by the process id in its PROCESS_INFORMATION.
    std::string child_of(const CallOutcome& call) const {
        if (const Value* pi = find_named(call.outputs, "lpProcessInformation"))
            if (const Value* id = pi->field("dwProcessId"))
                if (auto it = name_of_pid_.find(static_cast<std::uint32_t>(id->number)); it != name_of_pid_.end()) return it->second;
        return "child";
    }

    // How a handle value reads in the calling process: its own variable, a variable of the process
    // it was inherited or duplicated from (the same number, as the lecture passes it), or the number.
    std::string handle_text(const std::string& process, std::uint64_t value, const Step& step) const {
        const HandleValue h{value};
        if (h == current_process_pseudo) return "GetCurrentProcess()";
        if (h == current_thread_pseudo) return "GetCurrentThread()";
        if (value == 0) return "NULL";
        if (auto p = bindings_.find(process); p != bindings_.end())
            if (auto v = p->second.find(value); v != p->second.end()) return v->second;
        // Another process's variable for the same object at the same value.
        std::string label;
        for (const trace::ProcessObservation& p : step.processes)
            if (p.name == process)
                for (const trace::TableEntry& e : p.table)
                    if (e.value == value) label = e.object;
        for (const auto& [other, values] : bindings_) {
            if (other == process) continue;
            auto v = values.find(value);
            if (v == values.end()) continue;
            for (const trace::ProcessObservation& p : step.processes)
                if (p.name == other)
                    for (const trace::TableEntry& e : p.table)
                        if (e.value == value && (label.empty() || e.object == label)) return other + "." + v->second;
        }
        return "handle(" + quote_c_string(to_hex(h)) + ")";
    }

    std::string value_text(const std::string& process, const Param& param, const Value& v, const Step& step) const {
        switch (param.type) {
        case ParamType::Handle: return handle_text(process, v.number, step);
        case ParamType::Bool: return v.number ? "TRUE" : "FALSE";
        case ParamType::Dword:
        case ParamType::Address: return number(v.number);
        case ParamType::String:
        case ParamType::OptionalString: return v.is_none() ? "NULL" : quote_c_string(v.text);
        case ParamType::SecurityAttributes: {
            const Value* inherit = v.field("bInheritHandle");
            return inherit && inherit->number ? "TRUE" : "FALSE";
        }
        case ParamType::HandleList: {
            std::string text = "[";
            for (const Value& item : v.elements()) text += (text.size() > 1 ? ", " : "") + handle_text(process, item.number, step);
            return text + "]";
        }
        }
        return "NULL";
    }

    std::string statement(const CallOutcome& call, const Step& step) {
        const std::string& process = call.process;
        auto known = find_call(call.call);
        if (!known) return "# " + process + " called " + call.function + " (not in kosim's call table)";
        const CallInfo& info = call_info(*known);
        std::vector<std::string> arguments;
        std::vector<std::pair<std::uint64_t, std::string>> bind;   // value -> variable, after the call
        for (const Param& param : info.params) {
            if (param.direction == Direction::Out) {
                const std::string base = base_name(call.call, std::string(param.name));
                const Value* out = find_named(call.outputs, param.name);
                if (base.empty() || !out || out->is_none()) continue;
                const std::string variable = fresh(process, base);
                arguments.push_back(std::string(param.name) + "=&" + variable);
                if (out->kind == Value::Kind::Handle) bind.emplace_back(out->number, variable);
                if (out->kind == Value::Kind::Record && out->fields)
                    for (const auto& [field, inner] : *out->fields)
                        if (inner.kind == Value::Kind::Handle) bind.emplace_back(inner.number, variable + "." + field);
                continue;
            }
            if (*known == Call::CreateProcess && param.name == "lpApplicationName") {
                arguments.push_back("lpApplicationName=" + quote_c_string(child_of(call)));   // the model names processes
                continue;
            }
            const Value* in = find_named(call.arguments, param.name);
            if (!in) continue;
            if (param.name == "nNumberOfBytesToWrite") {   // the default is the whole buffer
                const Value* buffer = find_named(call.arguments, "lpBuffer");
                if (buffer && buffer->text.size() == in->number) continue;
            }
            if (in->is_none() && !param.required) continue;
            arguments.push_back(std::string(param.name) + "=" + value_text(process, param, *in, step));
        }
        std::string line = process + ": ";
        if (info.returns == Returns::Handle && call.result && call.result->number != 0 &&
            call.result->as_handle() != invalid_handle_value && !is_pseudo_handle(call.result->as_handle())) {
            const std::string base = base_name(call.call, "");
            if (!base.empty()) {
                const std::string variable = fresh(process, base);
                line += variable + " = ";
                bind.emplace_back(call.result->number, variable);
            }
        }
        line += std::string(info.name) + "(";
        for (std::size_t i = 0; i < arguments.size(); ++i) line += (i ? ", " : "") + arguments[i];
        line += ")";
        if (*known == Call::CloseHandle && call.result && call.result->number)
            if (const Value* h = find_named(call.arguments, "hObject")) bindings_[process].erase(h->number);
        for (const auto& [value, variable] : bind) bindings_[process][value] = variable;
        if (call.status == "blocked") line += "   # never returned";
        return line;
    }
};

}  // namespace

RecordedScenario scenario_from_recording(const trace::Trace& recording) { return Writer(recording).write(); }

}  // namespace kosim::compare
