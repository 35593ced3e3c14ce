// Names of builtins and operators, and the AST written back as scenario text.
#include "program/program.h"

#include <array>
#include <cstdio>

#include "program/call_params.h"

namespace kosim {

namespace {

constexpr std::array<std::string_view, builtin_count> builtin_names = {
    "hex", "dec", "handle", "len", "word", "usage", "handles", "inherit", "protect", "valid", "state", "exit_code",
    "messages", "bytes", "access", "type", "name"};

std::string join_args(const std::vector<Expr>& args) {
    std::string out;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (i > 0) out += ", ";
        out += to_source(args[i]);
    }
    return out;
}

}  // namespace

std::string_view builtin_name(Builtin b) {
    auto index = static_cast<std::size_t>(b);
    return index < builtin_names.size() ? builtin_names[index] : std::string_view("?");
}

std::optional<Builtin> find_builtin(std::string_view name) {
    for (std::size_t i = 0; i < builtin_names.size(); ++i)
        if (builtin_names[i] == name) return static_cast<Builtin>(i);
    return std::nullopt;
}

bool is_observer(Builtin b) { return static_cast<std::size_t>(b) >= static_cast<std::size_t>(Builtin::usage); }

std::string_view to_string(CompareOp op) {
    switch (op) {
    case CompareOp::Equal: return "==";
    case CompareOp::NotEqual: return "!=";
    case CompareOp::Less: return "<";
    case CompareOp::LessEqual: return "<=";
    case CompareOp::Greater: return ">";
    case CompareOp::GreaterEqual: return ">=";
    }
    return "?";
}

std::ostream& operator<<(std::ostream& out, const SourceLocation& location) {
    return out << location.line << ':' << location.column;
}

std::string to_source(const Expr& expr) {
    switch (expr.kind) {
    case Expr::Kind::Integer: {
        if (expr.number < 0x10000) return std::to_string(expr.number);
        char buffer[24];
        std::snprintf(buffer, sizeof buffer, "0x%llX", static_cast<unsigned long long>(expr.number));
        return buffer;
    }
    case Expr::Kind::String: return quote_c_string(expr.text);
    case Expr::Kind::Constant: return expr.name;
    case Expr::Kind::Variable: return expr.process.empty() ? expr.name : expr.process + "." + expr.name;
    case Expr::Kind::Builtin: return std::string(builtin_name(expr.builtin)) + "(" + join_args(expr.args) + ")";
    case Expr::Kind::PureCall: return std::string(call_info(expr.call).name) + "(" + join_args(expr.args) + ")";
    case Expr::Kind::Binary: {
        if (expr.args.size() != 2) return "?";
        std::string op = expr.binary_op == BinaryOp::BitOr ? " | " : " + ";
        // Both operators share one left-associative level, so only a binary right operand needs parentheses.
        std::string rhs = to_source(expr.args[1]);
        if (expr.args[1].kind == Expr::Kind::Binary) rhs = "(" + rhs + ")";
        return to_source(expr.args[0]) + op + rhs;
    }
    case Expr::Kind::Process: return expr.name;
    case Expr::Kind::List: return "[" + join_args(expr.args) + "]";
    }
    return "?";
}

std::string to_source(const Statement& statement) {
    std::string out = statement.process + ": ";
    if (!statement.result_var.empty()) out += statement.result_var + " = ";
    if (statement.kind == Statement::Kind::Assign) return out + to_source(statement.value);
    const CallInfo& info = call_info(statement.call);
    out += std::string(info.name) + "(";
    // Win32 order; positional while no earlier parameter of the same direction was skipped, named after.
    bool in_gap = false, out_gap = false, first = true;
    for (std::size_t i = 0; i < info.params.size(); ++i) {
        const Param& param = info.params[i];
        std::string arg;
        if (param.direction == Direction::In) {
            const bool given = i < statement.inputs.size() && statement.inputs[i].has_value();
            if (!given) { in_gap = true; continue; }
            arg = (in_gap ? std::string(param.name) + "=" : std::string()) + to_source(*statement.inputs[i]);
        } else {
            const bool given = i < statement.outputs.size() && !statement.outputs[i].empty();
            if (!given) { out_gap = true; continue; }
            arg = (out_gap ? std::string(param.name) + "=&" : std::string("&")) + statement.outputs[i];
        }
        if (!first) out += ", ";
        out += arg;
        first = false;
    }
    return out + ")";
}

std::set<std::pair<std::string, std::string>> foreign_handle_variables(const Program& program) {
    std::set<std::pair<std::string, std::string>> foreign;
    using P = Params<Call::DuplicateHandle>;
    for (const Statement& statement : program.statements) {
        if (statement.kind != Statement::Kind::Call || statement.call != Call::DuplicateHandle) continue;
        const auto& target = statement.inputs[P::hTargetProcessHandle::index];
        bool to_self = target && target->kind == Expr::Kind::PureCall && target->call == Call::GetCurrentProcess;
        const std::string& out = statement.outputs[P::lpTargetHandle::index];
        if (!to_self && !out.empty()) foreign.insert({statement.process, out});
    }
    return foreign;
}

}  // namespace kosim
