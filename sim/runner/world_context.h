// Answers the evaluator from the simulated world: variables from RunState, pure calls and
// observers (usage, handles, valid, ...) from the model.
#pragma once

#include "runner/evaluate.h"
#include "runner/runner.h"

namespace kosim {

class WorldContext final : public EvalContext {
public:
    // `outcome`: the statement just run, for `result` and `last_error` (null while it waits).
    explicit WorldContext(const RunState& state, const model::Outcome* outcome = nullptr)
        : state_(state), outcome_(outcome) {}

    std::optional<Value> variable(const std::string& process, const std::string& name) const override;
    Value pure_call(const std::string& process, Call call, const std::vector<Value>& args) const override;
    std::optional<Value> observe(Builtin builtin, const std::string& target_process, const std::vector<Value>& args,
                                 std::string& error) const override;

private:
    const model::Process* process(const std::string& name) const;

    const RunState& state_;
    const model::Outcome* outcome_;
};

}  // namespace kosim
