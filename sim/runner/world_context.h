// Answers the evaluator from the simulated world: variables from RunState, pure calls and
// observers (usage, handles, valid, ...) from the model.
#pragma once

#include "runner/evaluate.h"
#include "runner/runner.h"

namespace kosim {

class WorldContext final : public EvalContext {
public:
    WorldContext(const RunState& state, std::size_t statement) : state_(state), statement_(statement) {}

    std::optional<Value> variable(const std::string& process, const std::string& name) const override;
    Value pure_call(const std::string& process, Call call, const std::vector<Value>& args) const override;
    std::optional<Value> observe(Builtin builtin, const std::string& target_process, const std::vector<Value>& args,
                                 std::string& error) const override;

private:
    const model::Process* process(const std::string& name) const;

    const RunState& state_;
    std::size_t statement_;   // `result` and `last_error` refer to this statement's outcome
};

}  // namespace kosim
