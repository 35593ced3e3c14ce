// Pseudo-handles and failed look-ups of one step, from its record's HANDLE arguments.
#include "describe/handle_uses.h"

#include <algorithm>

#include "win32/constants.h"

namespace kosim::describe {

std::vector<PseudoHandleUse> pseudo_handle_uses(const Program& program, const StepRecord& record) {
    std::vector<PseudoHandleUse> uses;
    if (record.kind != StepRecord::Kind::Statement || !record.error.empty() || record.statement >= program.statements.size())
        return uses;
    const Statement& statement = program.statements[record.statement];
    if (statement.kind != Statement::Kind::Call) return uses;
    auto add = [&](HandleValue value, bool closed) {
        for (auto& use : uses)
            if (use.value == value) { use.closed = use.closed || closed; return; }
        uses.push_back({value, closed});
    };
    // GetCurrentProcess / GetCurrentThread return the constant; nothing enters a table
    // (Microsoft Learn GetCurrentProcess: "a pseudo handle ... not inherited ... need not be closed").
    if ((statement.call == Call::GetCurrentProcess || statement.call == Call::GetCurrentThread) &&
        record.outcome.result.kind == Value::Kind::Handle && is_pseudo_handle(record.outcome.result.as_handle()))
        add(record.outcome.result.as_handle(), false);
    // Any HANDLE argument equal to -1 or -2 is resolved to the caller itself before a table look-up
    // (Wine server/handle.c); CloseHandle on one returns TRUE and does nothing (Microsoft Learn
    // GetCurrentProcess: "Calling the CloseHandle function with a pseudo handle has no effect").
    for (const HandleArgument& argument : record.handle_arguments)
        if (is_pseudo_handle(argument.value)) add(argument.value, statement.call == Call::CloseHandle);
    std::sort(uses.begin(), uses.end(), [](const PseudoHandleUse& a, const PseudoHandleUse& b) { return a.value.raw > b.value.raw; });
    return uses;
}

std::vector<FailedLookup> failed_lookups(const Program& program, const StepRecord& record, const model::World& world) {
    std::vector<FailedLookup> out;
    if (record.kind != StepRecord::Kind::Statement || !record.error.empty() || record.statement >= program.statements.size() ||
        record.outcome.status != model::Outcome::Status::Completed || record.outcome.last_error != win32::ERROR_INVALID_HANDLE)
        return out;
    const Statement& statement = program.statements[record.statement];
    const CallInfo& info = call_info(statement.call);
    const int source_handle = statement.call == Call::DuplicateHandle ? param_index(info, "hSourceHandle") : -1;
    const int source_process = statement.call == Call::DuplicateHandle ? param_index(info, "hSourceProcessHandle") : -1;
    for (const HandleArgument& argument : record.handle_arguments) {
        if (is_pseudo_handle(argument.value)) continue;
        model::Pid pid = record.pid;
        // DuplicateHandle looks hSourceHandle up in the source process's table (Microsoft Learn DuplicateHandle).
        if (static_cast<int>(argument.param) == source_handle) {
            pid = 0;
            for (const HandleArgument& process : record.handle_arguments)
                if (static_cast<int>(process.param) == source_process)
                    if (const auto* o = world.object_of(record.pid, process.value))
                        if (const auto* p = std::get_if<model::ProcessObject>(&o->state)) pid = p->pid;
            if (pid == 0) continue;   // the source process itself was not found: that look-up failed instead
        }
        if (world.entry(pid, argument.value)) continue;
        const FailedLookup lookup{pid, argument.value, record.outcome.last_error};
        if (std::find(out.begin(), out.end(), lookup) == out.end()) out.push_back(lookup);
    }
    return out;
}

}  // namespace kosim::describe
