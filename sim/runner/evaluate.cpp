// Scenario expressions: literals, variables, helpers (hex, handle, ...), pure calls, | and +.
#include "runner/evaluate.h"

#include <cctype>

namespace kosim {

namespace {

constexpr int max_depth = 256;

struct Evaluator {
    const std::string& process;
    const EvalContext& context;
    EvalError& error;

    std::optional<Value> fail(const Expr& expr, std::string message) {
        error.location = expr.location;
        error.message = std::move(message);
        return std::nullopt;
    }

    // "pi.hProcess" -> the variable "pi.hProcess" if set, else field hProcess of record "pi".
    std::optional<Value> lookup(const std::string& owner, const std::string& name) {
        if (auto v = context.variable(owner, name)) return v;
        std::size_t dot = name.find('.');
        if (dot == std::string::npos) return std::nullopt;
        auto base = context.variable(owner, name.substr(0, dot));
        if (!base) return std::nullopt;
        const Value* current = &*base;
        std::string_view rest = std::string_view(name).substr(dot + 1);
        Value holder = *base;
        while (!rest.empty()) {
            std::size_t next = rest.find('.');
            std::string_view field = rest.substr(0, next);
            const Value* f = current->field(field);
            if (!f) return std::nullopt;
            holder = *f;
            current = &holder;
            rest = next == std::string_view::npos ? std::string_view{} : rest.substr(next + 1);
        }
        return holder;
    }

    static std::optional<std::uint64_t> parse_number(std::string_view text) {
        while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
        while (!text.empty() && (std::isspace(static_cast<unsigned char>(text.back())) || text.back() == '\0'))
            text.remove_suffix(1);
        if (auto value = parse_handle_value(text)) return value->raw;
        return std::nullopt;
    }

    std::optional<Value> eval(const Expr& expr, int depth) {
        if (depth > max_depth) return fail(expr, "expression nested too deeply");
        switch (expr.kind) {
        case Expr::Kind::Integer: return Value::integer(expr.number);
        case Expr::Kind::Constant:
            if (expr.name == "INVALID_HANDLE_VALUE" || expr.text == "INVALID_HANDLE_VALUE")
                return Value::handle(HandleValue{expr.number});
            return Value::integer(expr.number);
        case Expr::Kind::String: return Value::string(expr.text);
        case Expr::Kind::Process: return Value::string(expr.name);
        case Expr::Kind::Variable: {
            const std::string& owner = expr.process.empty() ? process : expr.process;
            auto v = lookup(owner, expr.name);
            if (!v) return fail(expr, "'" + expr.name + "' is not set in " + owner);
            return v;
        }
        case Expr::Kind::Binary: {
            if (expr.args.size() != 2) return fail(expr, "malformed expression");
            auto lhs = eval(expr.args[0], depth + 1);
            if (!lhs) return lhs;
            auto rhs = eval(expr.args[1], depth + 1);
            if (!rhs) return rhs;
            if (expr.binary_op == BinaryOp::BitOr) {
                if (!lhs->is_number() || !rhs->is_number()) return fail(expr, "'|' needs two numbers");
                return Value::integer(lhs->number | rhs->number);
            }
            if (lhs->kind == Value::Kind::List || rhs->kind == Value::Kind::List) return fail(expr, "'+' cannot join lists");
            if (lhs->kind == Value::Kind::String || rhs->kind == Value::Kind::String) {
                auto text = [](const Value& v) { return v.kind == Value::Kind::String ? v.text : to_display(v); };
                const std::string left = text(*lhs), right = text(*rhs);
                if (left.size() + right.size() > max_string_bytes)
                    return fail(expr, "'+' would make a string of " + std::to_string(left.size() + right.size()) +
                                          " bytes; kosim's strings hold at most " + std::to_string(max_string_bytes) + " bytes (1 MiB)");
                return Value::string(left + right);
            }
            if (lhs->is_number() && rhs->is_number()) return Value::integer(lhs->number + rhs->number);
            return fail(expr, "'+' needs two numbers or a string");
        }
        case Expr::Kind::PureCall: {
            std::vector<Value> args;
            args.reserve(expr.args.size());
            for (const Expr& a : expr.args) {
                auto v = eval(a, depth + 1);
                if (!v) return v;
                args.push_back(std::move(*v));
            }
            return context.pure_call(process, expr.call, args);
        }
        case Expr::Kind::Builtin: return eval_builtin(expr, depth);
        case Expr::Kind::List: {
            std::vector<Value> elements;
            elements.reserve(expr.args.size());
            for (const Expr& a : expr.args) {
                auto v = eval(a, depth + 1);
                if (!v) return v;
                if (v->kind == Value::Kind::List) return fail(a, "a list cannot hold a list");
                elements.push_back(std::move(*v));
            }
            return Value::list(std::move(elements));
        }
        }
        return fail(expr, "malformed expression");
    }

    std::optional<Value> eval_builtin(const Expr& expr, int depth) {
        const std::string name(builtin_name(expr.builtin));
        if (is_observer(expr.builtin)) {
            // The table a handle is looked up in: Sender.hFile -> Sender's; an explicit process
            // argument (valid(Child, h)) -> that one; otherwise the expectation's process.
            std::string target = process;
            bool explicit_process = false;
            for (const Expr& a : expr.args)
                if (a.kind == Expr::Kind::Process) target = a.name, explicit_process = true;
            if (!explicit_process)
                for (const Expr& a : expr.args)
                    if (a.kind == Expr::Kind::Variable && !a.process.empty()) target = a.process;
            std::vector<Value> args;
            for (const Expr& a : expr.args) {
                if (a.kind == Expr::Kind::Process && expr.args.size() > 1) continue;  // (P, h): P only picks the table
                auto v = eval(a, depth + 1);
                if (!v) return v;
                args.push_back(std::move(*v));
            }
            ObserveError observe_error;
            auto observed = context.observe(expr.builtin, target, args, observe_error);
            if (!observed) {
                error.not_observable = observe_error.not_observable;
                return fail(expr, observe_error.message);
            }
            return observed;
        }
        std::vector<Value> args;
        for (const Expr& a : expr.args) {
            auto v = eval(a, depth + 1);
            if (!v) return v;
            args.push_back(std::move(*v));
        }
        auto want = [&](std::size_t n) { return args.size() == n; };
        switch (expr.builtin) {
        case Builtin::hex:
            if (!want(1) || !args[0].is_number()) return fail(expr, "hex() takes one number or handle");
            return Value::string(to_hex(HandleValue{args[0].number}));
        case Builtin::dec:
            if (!want(1) || !args[0].is_number()) return fail(expr, "dec() takes one number or handle");
            return Value::string(std::to_string(args[0].number));
        case Builtin::handle: {
            if (!want(1)) return fail(expr, "handle() takes one argument");
            if (args[0].is_number()) return Value::handle(HandleValue{args[0].number});
            if (args[0].kind != Value::Kind::String) return fail(expr, "handle() takes text or a number");
            auto n = parse_number(args[0].text);
            if (!n) return fail(expr, "handle(" + to_display(args[0]) + "): not a number");
            return Value::handle(HandleValue{*n});
        }
        case Builtin::len:
            if (!want(1) || args[0].kind != Value::Kind::String) return fail(expr, "len() takes one string");
            return Value::integer(args[0].text.size());
        case Builtin::word: {
            if (!want(2) || args[0].kind != Value::Kind::String || !args[1].is_number())
                return fail(expr, "word() takes a string and a number");
            std::string_view text = args[0].text;
            std::uint64_t wanted = args[1].number, index = 0;
            std::size_t i = 0;
            while (i < text.size()) {
                while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
                if (i >= text.size()) break;
                std::size_t start = i;
                while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
                if (index++ == wanted) return Value::string(std::string(text.substr(start, i - start)));
            }
            return Value::string("");
        }
        default: return fail(expr, name + "() is not available here");
        }
    }
};

}  // namespace

std::optional<Value> evaluate(const Expr& expr, const std::string& process, const EvalContext& context, EvalError& error) {
    Evaluator evaluator{process, context, error};
    return evaluator.eval(expr, 0);
}

bool compare_values(const Value& lhs, CompareOp op, const Value& rhs) {
    if (lhs.is_number() && rhs.is_number()) {
        switch (op) {
        case CompareOp::Equal: return lhs.number == rhs.number;
        case CompareOp::NotEqual: return lhs.number != rhs.number;
        case CompareOp::Less: return lhs.number < rhs.number;
        case CompareOp::LessEqual: return lhs.number <= rhs.number;
        case CompareOp::Greater: return lhs.number > rhs.number;
        case CompareOp::GreaterEqual: return lhs.number >= rhs.number;
        }
    }
    if (lhs.kind == Value::Kind::String && rhs.kind == Value::Kind::String) {
        switch (op) {
        case CompareOp::Equal: return lhs.text == rhs.text;
        case CompareOp::NotEqual: return lhs.text != rhs.text;
        case CompareOp::Less: return lhs.text < rhs.text;
        case CompareOp::LessEqual: return lhs.text <= rhs.text;
        case CompareOp::Greater: return lhs.text > rhs.text;
        case CompareOp::GreaterEqual: return lhs.text >= rhs.text;
        }
    }
    if (op == CompareOp::Equal) return lhs == rhs;
    if (op == CompareOp::NotEqual) return !(lhs == rhs);
    return false;
}

}  // namespace kosim
