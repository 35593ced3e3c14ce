// Runs a Program one step at a time: picks the next statement whose process can run (file order;
// a waiting process's later statements wait), evaluates its arguments, makes the call in the model,
// completes whatever the call made ready, and checks the expectations that follow it.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/world.h"
#include "program/program.h"

namespace kosim {

inline constexpr std::size_t no_statement = static_cast<std::size_t>(-1);

struct ExpectationResult {
    std::size_t statement = no_statement;   // the statement it follows
    std::size_t index = 0;                  // its position in that statement's expectations
    bool passed = false;
    std::string observed;                   // what the model holds, as text
    std::string message;                    // "expected usage(Sender.hFile) == 2, but it is 1"
};

// Who waits on what when nothing can make progress.
struct WaitReport {
    model::Pid pid = 0;
    std::string process;
    std::size_t statement = no_statement;   // the blocked call
    model::Wait wait;                       // sim/describe words it (wait_sentence) in either language
};

struct StepRecord {
    enum class Kind : std::uint8_t {
        Statement,   // one statement ran (its call may have blocked)
        Clock,       // every process waited; the virtual clock moved to the next time-out
        Deadlock,    // the end: processes wait and nothing can wake them
        Skipped,     // a statement could not run (its process exited or was never created)
    };
    Kind kind = Kind::Statement;
    std::size_t statement = no_statement;
    model::Pid pid = 0;
    model::Outcome outcome;                 // Statement: the call's outcome (status Blocked if it waits)
    struct Completed { std::size_t statement; model::Pid pid; model::Outcome outcome; };
    std::vector<Completed> completions;     // earlier blocked calls this step finished
    std::vector<model::Change> changes;
    std::vector<ExpectationResult> expectations;
    std::vector<WaitReport> waits;          // Deadlock: who waits on what
    std::string error;                      // a run-time error in this step ("handle(\"x\"): not a number")
    std::uint64_t time_ms = 0;              // the virtual clock after the step
};

// Everything a step depends on: the world, the scenario's variables and the scheduler's place.
struct RunState {
    model::World world;
    std::map<std::string, std::map<std::string, Value>> variables;  // process name -> name -> value
    std::map<std::string, model::Pid> pids;                         // scenario process name -> pid
    std::size_t next_statement = 0;                                  // first statement not yet looked at
    std::vector<std::size_t> deferred;                               // skipped over: their process waited
    std::map<model::Pid, std::size_t> blocked;                       // pid -> its blocked statement
    std::size_t steps = 0;
    bool ended = false;
};

class Runner {
public:
    explicit Runner(std::shared_ptr<const Program> program);

    const Program& program() const { return *program_; }
    const RunState& state() const { return state_; }
    void restore(RunState state) { state_ = std::move(state); }

    bool finished() const { return state_.ended; }
    // Runs one step. `record_changes` false skips the change list (fast replay).
    StepRecord step(bool record_changes = true);

private:
    void run_statement(std::size_t index, StepRecord& record);
    void apply_outcome(std::size_t index, const model::Outcome& outcome);
    void complete(model::Completion completion, StepRecord& record);
    void settle(StepRecord& record);
    void set_variable(const std::string& process, const std::string& name, Value value);
    bool has_work() const;

    std::shared_ptr<const Program> program_;
    RunState state_;
};

}  // namespace kosim
