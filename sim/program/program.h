// A compiled scenario: processes that exist at the start, then one statement per Win32 call,
// each with its source location, expectations and narration. The parser makes it; the runner
// (sim/runner) and the native runner (native/) execute it.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "program/calls.h"
#include "program/value.h"

namespace kosim {

struct SourceLocation {
    std::uint32_t line = 0;    // 1-based; 0 = not in the source
    std::uint32_t column = 0;  // 1-based, in bytes
    auto operator<=>(const SourceLocation&) const = default;
};

// Helpers an expression can use. Observers read the model's state and may appear only in `expect`.
enum class Builtin : std::uint8_t {
    hex,        // hex(x)        -> "0x1C": a handle value as text, to write into a file or command line
    dec,        // dec(x)        -> "28"
    handle,     // handle(text)  -> the handle value parsed from text ("0x1C" or "28"), as _ttoi/strtoul would
    len,        // len(text)     -> its length in bytes
    word,       // word(text, n) -> the n-th (0-based) blank-separated word, "" past the end
    // observers (expect only)
    usage,      // usage(h)      -> usage_count of the object h names in the process
    handles,    // handles(h)    -> handle_count of that object
    inherit,    // inherit(h)    -> TRUE when the entry has HANDLE_FLAG_INHERIT
    protect,    // protect(h)    -> TRUE when the entry has HANDLE_FLAG_PROTECT_FROM_CLOSE
    valid,      // valid(h)      -> TRUE when h names an entry in the process's table
    state,      // state(P)      -> "running", "waiting" or "exited"
    exit_code,  // exit_code(P)  -> the exit code, STILL_ACTIVE while running
    messages,   // messages(h)   -> messages waiting in a mailslot / message-mode pipe
    bytes,      // bytes(h)      -> bytes waiting to be read through h (pipe or mailslot)
    access,     // access(h)     -> the entry's granted access mask (NtQueryObject's GrantedAccess)
    type,       // type(h)       -> the object's type name, "Event", "Mutant", "File", ... (NtQueryObject's)
    name,       // name(h)       -> the object's name: an event's, mutex's or semaphore's as created, "" if unnamed
};
inline constexpr std::size_t builtin_count = static_cast<std::size_t>(Builtin::name) + 1;
std::string_view builtin_name(Builtin b);
std::optional<Builtin> find_builtin(std::string_view name);
bool is_observer(Builtin b);

enum class BinaryOp : std::uint8_t { BitOr, Add };
enum class CompareOp : std::uint8_t { Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual };
std::string_view to_string(CompareOp op);

struct Expr {
    enum class Kind : std::uint8_t {
        Integer,   // 42, 0x1C                          number
        String,    // "text" with C escapes             text (bytes)
        Constant,  // GENERIC_WRITE                     name, number
        Variable,  // hFile, pi.hProcess, Sender.hFile  process ("" = the statement's own), name
        Builtin,   // hex(h)                            builtin, args
        PureCall,  // GetCurrentProcess()               call, args (bound by parameter order)
        Binary,    // a | b, a + b                      binary_op, args[0], args[1]
        Process,   // Child (in state(Child), valid(Child, h))   name
        List,      // [h1, h2]                          args (the elements, in order)
    };
    Kind kind = Kind::Integer;
    SourceLocation location;
    std::uint64_t number = 0;
    std::string text;
    std::string process;
    std::string name;
    Builtin builtin = Builtin::hex;
    Call call = Call::GetCurrentProcess;
    BinaryOp binary_op = BinaryOp::BitOr;
    std::vector<Expr> args;
};

// `expect LHS OP RHS`, evaluated right after the statement it follows completes its step.
struct Expectation {
    SourceLocation location;
    std::string text;            // the expectation as written, for reports
    std::string process;         // whose variables bare names refer to (the preceding statement's)
    Expr lhs;
    CompareOp op = CompareOp::Equal;
    Expr rhs;
};

struct Narration {
    std::string en;
    std::string ko;
    bool empty() const { return en.empty() && ko.empty(); }
};

struct Statement {
    enum class Kind : std::uint8_t {
        Call,    // P: [var =] Call(args)     one Win32 call made by P
        Assign,  // P: var = expression       a local computation in P (no Win32 call)
    };
    Kind kind = Kind::Call;
    SourceLocation location;
    std::string process;                       // who makes the call
    std::string result_var;                    // "" when the return value is not kept
    Call call = Call::CloseHandle;
    // Indexed like call_info(call).params: an In parameter's expression (nullopt: not given, so
    // its default applies), an Out parameter's variable name ("" = not captured).
    std::vector<std::optional<Expr>> inputs;
    std::vector<std::string> outputs;
    Expr value;                                // Assign only
    std::vector<Expectation> expectations;     // checked after this statement's step
    Narration narration;                       // say / say.ko lines after the statement
};

struct ProcessDeclaration {
    std::string name;
    SourceLocation location;
};

struct Program {
    std::string file_name;                     // as given, or "builtin:NAME"
    std::string source;                        // the whole text, for diagnostics and the GUI
    Narration title;                           // scenario / scenario.ko
    Narration introduction;                    // say lines before the first statement
    std::vector<ProcessDeclaration> processes; // `process NAME`, in order
    std::vector<Statement> statements;
    bool expect_deadlock = false;              // `expect deadlock`: the run must end in one
    SourceLocation expect_deadlock_location;
};

// Variables that receive a handle value for ANOTHER process's table: DuplicateHandle's
// lpTargetHandle when hTargetProcessHandle is not GetCurrentProcess(). Such a value means nothing
// in its own process's table, so neither runner observes it there. Pairs of (process, variable).
std::set<std::pair<std::string, std::string>> foreign_handle_variables(const Program& program);

std::ostream& operator<<(std::ostream& out, const SourceLocation& location);
// The expression written back as scenario text (for reports and tests).
std::string to_source(const Expr& expr);
// "Sender: CloseHandle(hTxt)": the statement written back as scenario text.
std::string to_source(const Statement& statement);

}  // namespace kosim
