// The comparison rules (docs/crosscheck.md): values Windows guarantees are compared; values that are
// per platform (handle numbers, process ids, extra handles the system holds) are compared as what
// Windows does guarantee about them.
#include "compare/compare.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <sstream>

namespace kosim::compare {

namespace {

using trace::CallOutcome;
using trace::HandleObservation;
using trace::Step;
using trace::Trace;

std::string display(const std::optional<Value>& v) { return v ? to_display(*v) : "none"; }

// A handle value is compared as what it means: NULL, INVALID_HANDLE_VALUE, a pseudo-handle or "a handle".
std::string handle_meaning(const Value& v) {
    HandleValue h = v.as_handle();
    if (h.is_null()) return "NULL";
    if (h == invalid_handle_value) return "INVALID_HANDLE_VALUE";
    if (h == current_thread_pseudo) return "GetCurrentThread()";
    return "a handle";
}

bool is_id_name(const std::string& name) {
    return name == "dwProcessId" || name == "dwThreadId" || name.ends_with(".dwProcessId") || name.ends_with(".dwThreadId");
}

// "0x1C" -> "0x#": handle values written as text differ per platform.
std::string without_hex_numbers(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        if (text.compare(i, 2, "0x") == 0) {
            out += "0x#";
            i += 2;
            while (i < text.size() && std::isxdigit(static_cast<unsigned char>(text[i]))) ++i;
        } else {
            out += text[i++];
        }
    }
    return out;
}

// The value as compared, as text: per-platform numbers reduced to what is portable.
std::string comparable(const Value& v, const std::string& call, const std::string& name) {
    switch (v.kind) {
    case Value::Kind::Handle: return handle_meaning(v);
    case Value::Kind::Int:
        // Process and thread ids are the OS's to choose: compared as "an id", whatever variable holds them.
        if (is_id_name(name) || call == "GetCurrentProcessId" || call == "GetCurrentThreadId" ||
            (call == "GetNamedPipeClientProcessId" && name != "result"))  // its ClientProcessId output
            return v.number ? "an id" : "0";
        // A view's address (the result and the variable it went to) is the OS's to choose too:
        // compared as NULL or "an address".
        if (name != "last_error")
            if (auto known = find_call(call); known && call_info(*known).returns == Returns::Address)
                return v.number ? "an address" : "NULL";
        return to_display(v);
    case Value::Kind::Record: {
        std::string text = "{";
        auto fields = *v.fields;   // field order is not part of the value
        std::sort(fields.begin(), fields.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        for (const auto& [field, value] : fields) {
            if (text.size() > 1) text += ", ";
            text += field + ": " + comparable(value, call, field);
        }
        return text + "}";
    }
    case Value::Kind::List: {
        std::string text = "[";
        for (const Value& element : v.elements()) text += (text.size() > 1 ? ", " : "") + comparable(element, call, name);
        return text + "]";
    }
    case Value::Kind::String: return to_display(Value::string(without_hex_numbers(v.text)));
    default: return to_display(v);
    }
}


// Whether a call failed, by what Win32 says that call returns on failure: FALSE for BOOL, NULL or
// INVALID_HANDLE_VALUE for HANDLE, WAIT_FAILED for the waits, 0 for GetEnvironmentVariable.
}  // namespace

bool call_failed(const std::string& call, const std::optional<Value>& result) {
    if (!result) return false;
    auto known = find_call(call);
    if (!known) return false;
    switch (call_info(*known).returns) {
    case Returns::Bool: return result->number == 0;
    case Returns::Handle: return result->number == 0 || result->as_handle() == invalid_handle_value;
    case Returns::Address: return result->number == 0;
    case Returns::Dword:
        if (*known == Call::WaitForSingleObject || *known == Call::WaitForMultipleObjects) return result->number == 0xFFFFFFFFu;
        if (*known == Call::GetEnvironmentVariable) return result->number == 0;
        return false;
    default: return false;
    }
}

void explain(Difference& d, const Profile* profile) {
    if (!profile) return;
    for (const ProfileEntry& e : profile->entries) {
        // "output:*" names every output of the call (the variable a scenario assigns its result to).
        if (e.field.ends_with('*') ? !d.field.starts_with(std::string_view(e.field).substr(0, e.field.size() - 1)) : e.field != d.field)
            continue;
        if (!e.call.empty() && e.call != d.call) continue;
        if (!e.model.empty() && e.model != d.model) continue;
        if (!e.native.empty() && e.native != d.native) continue;
        if (!e.subject_suffix.empty() && !d.subject.ends_with(e.subject_suffix)) continue;
        if (!e.object_type.empty() && e.object_type != d.object_type) continue;
        if (e.native_offset && e.native_offset != d.native_offset) continue;
        d.explained_by = e.id;
        d.justification = e.justification;
        return;
    }
}

namespace {

struct Context {
    const Program* program = nullptr;
    const Profile* profile = nullptr;
    StepComparison* row = nullptr;
    // Handle counts are compared as changes since the object was first seen: model label ->
    // (model count, native count) at that moment.
    std::map<std::string, std::pair<long long, long long>> baselines;
    std::map<std::string, std::pair<std::uint64_t, std::string>> first_label;   // variable -> (value, model label)
    std::map<std::string, std::uint64_t> stale;   // variables no longer naming theirs -> their value then

    std::string call_name(std::size_t statement) const {
        if (!program || statement >= program->statements.size()) return "";
        const Statement& s = program->statements[statement];
        return s.kind == Statement::Kind::Call ? std::string(call_info(s.call).name) : "";
    }

    void add(Difference d) {
        d.step = row->index;
        explain(d, profile);
        row->differences.push_back(std::move(d));
    }
};

std::string summary(const Step& step) {
    if (step.kind == "deadlock") return "deadlock";
    if (step.kind == "skipped") return "skipped";
    std::string text;
    if (step.call) {
        text = step.call->status;
        if (step.call->status == "completed" && step.call->result) text += " " + to_display(*step.call->result);
    } else {
        text = step.kind;
    }
    for (const CallOutcome& c : step.completions) text += "; line " + std::to_string(c.line) + " completed";
    return text;
}

void compare_call(Context& ctx, const CallOutcome& m, const CallOutcome& n, const std::string& where) {
    std::string call = !m.call.empty() ? m.call : ctx.call_name(m.statement);
    auto diff = [&](std::string field, std::string subject, std::string mv, std::string nv) {
        ctx.add({0, m.line, m.process, call, std::move(field), std::move(subject), std::move(mv), std::move(nv), "", ""});
    };
    if (m.statement != n.statement) {
        diff("statement", where, "line " + std::to_string(m.line), "line " + std::to_string(n.line));
        return;
    }
    if (m.status != n.status) {
        diff("status", where, m.status, n.status);
        return;
    }
    if (m.status != "completed") return;
    std::string mr = m.result ? comparable(*m.result, call, "result") : "none";
    std::string nr = n.result ? comparable(*n.result, call, "result") : "none";
    if (mr != nr) diff("result", where, display(m.result), display(n.result));
    // GetLastError is defined after a failure, and after the successes that document a code
    // (ERROR_ALREADY_EXISTS); after other successes its value is unspecified.
    bool either_failed = call_failed(call, m.result) || call_failed(call, n.result);
    // ERROR_ALREADY_EXISTS is documented after a success only for the calls that create by name; after
    // any other call a 183 is left over from an earlier one and means nothing.
    bool documented_success_code = (m.last_error == 183 || n.last_error == 183) &&
                                   (call == "CreateEvent" || call == "CreateMutex" || call == "CreateSemaphore" ||
                                    call == "CreateFile");
    if ((either_failed || documented_success_code) && m.last_error != n.last_error)
        diff("last_error", where, std::to_string(m.last_error), std::to_string(n.last_error));
    // Text made from a handle value (hex(h) written to a file or the environment) differs per
    // platform, and so do the lengths counted from it: such text is compared with every 0x number
    // as one token, and that call's integers are not compared.
    bool handle_text = false;
    for (const auto& [name, mv] : m.outputs)
        if (mv.kind == Value::Kind::String && mv.text.find("0x") != std::string::npos) handle_text = true;
    if (handle_text && m.result && n.result && m.result->kind == Value::Kind::Int && mr != nr) {
        auto& diffs = ctx.row->differences;
        if (!diffs.empty() && diffs.back().field == "result" && diffs.back().line == m.line) diffs.pop_back();
    }
    for (const auto& [name, mv] : m.outputs) {
        auto it = std::find_if(n.outputs.begin(), n.outputs.end(), [&key = name](const auto& o) { return o.first == key; });
        if (it == n.outputs.end()) {
            if (!either_failed) diff("output:" + name, where + " " + name, to_display(mv), "not written");
            continue;
        }
        if (handle_text && mv.kind == Value::Kind::Int) continue;
        if (handle_text && mv.kind == Value::Kind::String && it->second.kind == Value::Kind::String &&
            without_hex_numbers(mv.text) == without_hex_numbers(it->second.text))
            continue;
        if (comparable(mv, call, name) != comparable(it->second, call, name))
            diff("output:" + name, where + " " + name, to_display(mv), to_display(it->second));
    }
}

void compare_step(Context& ctx, const Step& m, const Step& n) {
    StepComparison& row = *ctx.row;
    if (m.kind != n.kind) {
        ctx.add({0, row.line, row.process, row.call, "kind", "step", m.kind, n.kind, "", ""});
        return;
    }
    if (m.call && n.call) compare_call(ctx, *m.call, *n.call, "line " + std::to_string(m.call->line));

    // Completions of earlier blocked calls: the same calls, with the same outcomes.
    std::set<std::size_t> ms, ns;
    for (const CallOutcome& c : m.completions) ms.insert(c.statement);
    for (const CallOutcome& c : n.completions) ns.insert(c.statement);
    if (ms != ns) {
        auto lines = [](const std::vector<CallOutcome>& cs) {
            std::string text;
            for (const CallOutcome& c : cs) text += (text.empty() ? "line " : ", line ") + std::to_string(c.line);
            return text.empty() ? std::string("none") : text;
        };
        ctx.add({0, row.line, row.process, row.call, "completions", "completed calls", lines(m.completions), lines(n.completions), "", ""});
    }
    for (const CallOutcome& mc : m.completions)
        for (const CallOutcome& nc : n.completions)
            if (mc.statement == nc.statement) compare_call(ctx, mc, nc, "line " + std::to_string(mc.line) + " (completed)");

    // Handles, by scenario variable.
    auto find = [](const Step& s, const HandleObservation& h) -> const HandleObservation* {
        for (const HandleObservation& o : s.handles)
            if (o.process == h.process && o.variable == h.variable) return &o;
        return nullptr;
    };
    std::set<std::string> current_variables;   // variables that still name the object they were given
    for (const HandleObservation& mh : m.handles) {
        const HandleObservation* nh = find(n, mh);
        if (!nh) continue;
        std::string subject = mh.process + "." + mh.variable;
        auto diff = [&](std::string field, std::string mv, std::string nv) {
            ctx.add({0, row.line, mh.process, row.call, std::move(field), subject, std::move(mv), std::move(nv), "", ""});
        };
        // A closed handle's value may be reused by a new entry (the lowest free slot in the model and
        // in Wine, a free list on Windows), so a variable is compared while it names what it was
        // given, and once more on the step it stops doing so.
        auto key = mh.process + "." + mh.variable;
        // Once it stopped naming its object it stays out until it is given another value: a new
        // entry at its old value names the same object only when the model reuses the slot (seed 53:
        // closed, then the same named event opened again into the model's lowest free slot).
        if (auto st = ctx.stale.find(key); st != ctx.stale.end()) {
            if (st->second == mh.value) continue;
            ctx.stale.erase(st);
        }
        auto [seen, first_time] = ctx.first_label.try_emplace(key, mh.value, mh.valid ? mh.object : std::string());
        if (!first_time && seen->second.first != mh.value) seen->second = {mh.value, mh.valid ? mh.object : std::string()};
        bool current = mh.valid && mh.object == seen->second.second;
        if (current) current_variables.insert(key);
        if (!current) {
            ctx.stale[key] = mh.value;
            if (!mh.valid && nh->valid) diff("valid", "invalid", "valid");
            continue;
        }
        if (mh.valid != nh->valid) {
            diff("valid", mh.valid ? "valid" : "invalid", nh->valid ? "valid" : "invalid");
            continue;
        }
        if (!mh.valid) continue;
        if (mh.inherit != nh->inherit) diff("inherit", mh.inherit ? "TRUE" : "FALSE", nh->inherit ? "TRUE" : "FALSE");
        if (mh.protect != nh->protect) diff("protect", mh.protect ? "TRUE" : "FALSE", nh->protect ? "TRUE" : "FALSE");
        auto [it, inserted] = ctx.baselines.try_emplace(mh.object, mh.handle_count, nh->handle_count);
        long long model_change = static_cast<long long>(mh.handle_count) - it->second.first;
        long long native_change = static_cast<long long>(nh->handle_count) - it->second.second;
        if (model_change != native_change) {
            auto signed_text = [](long long v) { return (v >= 0 ? "+" : "") + std::to_string(v); };
            Difference d{0, row.line, mh.process, row.call, "handle_count", subject,
                         signed_text(model_change) + " (" + std::to_string(mh.handle_count) + ")",
                         signed_text(native_change) + " (" + std::to_string(nh->handle_count) + ")", "", ""};
            d.object_type = nh->type;
            d.native_offset = native_change - model_change;
            ctx.add(std::move(d));
        }
    }
    // Object identity within one process: two variables name the same object in both or in neither.
    for (std::size_t i = 0; i < m.handles.size(); ++i)
        for (std::size_t k = i + 1; k < m.handles.size(); ++k) {
            const HandleObservation& a = m.handles[i];
            const HandleObservation& b = m.handles[k];
            if (a.process != b.process || !a.valid || !b.valid) continue;
            // A variable whose handle was closed may name a reused slot: Wine opens hidden handles
            // of its own, so freed slots differ and identity through it means nothing.
            if (!current_variables.count(a.process + "." + a.variable) || !current_variables.count(b.process + "." + b.variable))
                continue;
            const HandleObservation* na = find(n, a);
            const HandleObservation* nb = find(n, b);
            if (!na || !nb || !na->valid || !nb->valid) continue;
            bool model_same = a.object == b.object;
            bool native_same = na->object == nb->object;
            if (model_same != native_same)
                ctx.add({0, row.line, a.process, row.call, "same_object", a.process + "." + a.variable + " and " + b.variable,
                         model_same ? "same object" : "different objects", native_same ? "same object" : "different objects", "", ""});
        }

    // Processes: state, and the exit code once exited.
    for (const trace::ProcessObservation& mp : m.processes) {
        auto np = std::find_if(n.processes.begin(), n.processes.end(), [&](const auto& p) { return p.name == mp.name; });
        if (np == n.processes.end()) {
            ctx.add({0, row.line, mp.name, row.call, "state", mp.name, mp.state, "not created", "", ""});
            continue;
        }
        if (mp.state != np->state) ctx.add({0, row.line, mp.name, row.call, "state", mp.name, mp.state, np->state, "", ""});
        else if (mp.state == "exited" && mp.exit_code != np->exit_code)
            ctx.add({0, row.line, mp.name, row.call, "exit_code", mp.name, std::to_string(mp.exit_code), std::to_string(np->exit_code), "", ""});
    }

    // Expectations the native run could evaluate (it cannot see usage counts).
    for (const trace::ExpectationOutcome& me : m.expectations)
        for (const trace::ExpectationOutcome& ne : n.expectations)
            if (me.line == ne.line && me.text == ne.text && !ne.observed.starts_with("not observable") && me.passed != ne.passed)
                ctx.add({0, me.line, row.process, row.call, "expectation", "expect " + me.text,
                         (me.passed ? "passes (" : "fails (") + me.observed + ")", (ne.passed ? "passes (" : "fails (") + ne.observed + ")", "", ""});
}

}  // namespace

bool StepComparison::mismatch() const {
    return std::any_of(differences.begin(), differences.end(), [](const Difference& d) { return d.explained_by.empty(); });
}

bool StepComparison::explained() const { return !differences.empty() && !mismatch(); }

Report compare_traces(const Trace& model, const Trace& native, const Profile* profile, const Program* program) {
    Report report;
    report.scenario = model.scenario;
    report.model_platform = model.platform;
    report.native_platform = native.platform;
    report.profile = profile ? profile->name : "";
    Context ctx;
    ctx.program = program;
    ctx.profile = profile;
    std::size_t count = std::max(model.steps.size(), native.steps.size());
    for (std::size_t i = 0; i < count; ++i) {
        StepComparison row;
        row.index = i + 1;
        const Step* m = i < model.steps.size() ? &model.steps[i] : nullptr;
        const Step* n = i < native.steps.size() ? &native.steps[i] : nullptr;
        row.model_kind = m ? m->kind : "";
        row.native_kind = n ? n->kind : "";
        const Step* any = m ? m : n;
        if (any->call) {
            row.line = any->call->line;
            row.process = any->call->process;
            row.call = !any->call->call.empty() ? any->call->call : ctx.call_name(any->call->statement);
        }
        row.model_summary = m ? summary(*m) : "(no step)";
        row.native_summary = n ? summary(*n) : "(no step)";
        ctx.row = &row;
        if (!m || !n) ctx.add({0, row.line, row.process, row.call, "kind", "step", m ? m->kind : "(run ended)", n ? n->kind : "(run ended)", "", ""});
        else compare_step(ctx, *m, *n);
        report.steps.push_back(std::move(row));
    }
    if (model.deadlock != native.deadlock) {
        StepComparison row;
        row.index = count;
        row.model_summary = model.deadlock ? "deadlock" : "no deadlock";
        row.native_summary = native.deadlock ? "deadlock" : "no deadlock";
        ctx.row = &row;
        ctx.add({0, 0, "", "", "deadlock", "the run", row.model_summary, row.native_summary, "", ""});
        report.steps.push_back(std::move(row));
    }
    for (const StepComparison& row : report.steps)
        for (const Difference& d : row.differences) (d.explained_by.empty() ? report.unexplained : report.explained)++;
    return report;
}

std::string format_report(const Report& report, bool verbose) {
    std::ostringstream out;
    out << "Model vs real: " << report.scenario << " (" << report.model_platform << " vs " << report.native_platform
        << ", profile " << (report.profile.empty() ? "none" : report.profile) << ")\n";
    auto pad = [](std::string text, std::size_t width) {
        if (text.size() > width) text = text.substr(0, width - 1) + "~";
        return text + std::string(width - text.size(), ' ');
    };
    out << pad("step", 6) << pad("line", 6) << pad("process", 12) << pad("call", 22) << pad("model", 26) << pad("real", 26) << "verdict\n";
    for (const StepComparison& row : report.steps) {
        std::string verdict = row.mismatch() ? "MISMATCH" : row.explained() ? "explained" : "same";
        out << pad(std::to_string(row.index), 6) << pad(row.line ? std::to_string(row.line) : "", 6) << pad(row.process, 12)
            << pad(row.call.empty() ? row.model_kind : row.call, 22) << pad(row.model_summary, 26)
            << pad(row.native_summary, 26) << verdict << "\n";
        for (const Difference& d : row.differences) {
            if (!d.explained_by.empty() && !verbose) {
                out << "        explained by " << d.explained_by << ": " << d.subject << " " << d.field << " model " << d.model
                    << ", real " << d.native << "\n";
                continue;
            }
            out << "        " << (d.explained_by.empty() ? "mismatch" : "explained by " + d.explained_by) << ": "
                << d.subject << " " << d.field << ": model " << d.model << ", real " << d.native;
            if (d.line) out << " (line " << d.line << ")";
            out << "\n";
            if (!d.justification.empty() && verbose) out << "          why: " << d.justification << "\n";
        }
    }
    out << (report.passed() ? "PASS" : "FAIL") << ": " << report.unexplained << " unexplained mismatch"
        << (report.unexplained == 1 ? "" : "es") << ", " << report.explained << " explained by the profile\n";
    return out.str();
}

std::vector<SideBySideRow> side_by_side(const Report& report) {
    std::vector<SideBySideRow> rows;
    for (const StepComparison& step : report.steps) {
        SideBySideRow row;
        row.step = step.index;
        row.line = step.line;
        row.process = step.process;
        row.call = step.call.empty() ? step.model_kind : step.call;
        row.model = step.model_summary;
        row.native = step.native_summary;
        row.status = step.mismatch() ? SideBySideRow::Status::Mismatch
                   : step.explained() ? SideBySideRow::Status::Explained
                                      : SideBySideRow::Status::Same;
        for (const Difference& d : step.differences)
            row.details.push_back(d.subject + " " + d.field + ": model " + d.model + ", real " + d.native +
                                  (d.explained_by.empty() ? "" : " (" + d.explained_by + ")"));
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace kosim::compare
