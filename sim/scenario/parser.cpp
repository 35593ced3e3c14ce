// Scenario text -> Program. Line by line: one statement, keyword line or expect per line; each
// mistake gives one diagnostic and the parser moves on to the next line (as clox and Ninja do).
#include "scenario/parser.h"

#include <optional>
#include <algorithm>
#include <exception>
#include <unordered_map>
#include <unordered_set>

#include "scenario/lexer.h"
#include "win32/constants.h"

namespace kosim {

namespace {

using scenario::Lexer;
using scenario::Token;
using scenario::TokenKind;

// The fields of an Out parameter the calls write as a record (pi.hProcess, si.dwFlags), so a
// scenario may name them before the call has run.
constexpr std::string_view process_information_fields[] = {"hProcess", "hThread", "dwProcessId", "dwThreadId"};
constexpr std::string_view startup_info_fields[] = {"dwFlags", "hStdInput", "hStdOutput", "hStdError"};
std::span<const std::string_view> record_fields(Call call, std::string_view param) {
    if (call == Call::CreateProcess && param == "lpProcessInformation") return process_information_fields;
    if (call == Call::GetStartupInfo && param == "lpStartupInfo") return startup_info_fields;
    return {};
}

constexpr std::size_t max_errors = 50;
constexpr std::size_t max_warnings = 50;
constexpr int max_depth = 200;
constexpr std::string_view keywords[] = {"scenario", "process", "say", "expect"};

struct LineFailed {};    // thrown once the line's diagnostic is recorded
struct TooManyErrors {};

enum class Type : std::uint8_t { Unknown, Number, String, List };

struct Parsed {
    Expr expr;
    Type type = Type::Unknown;
    std::uint32_t end = 0;   // column just past the expression
};

struct ProcessInfo {
    std::uint32_t declared_line = 0;     // `process NAME`
    std::uint32_t created_line = 0;      // the first CreateProcess("NAME") line
    std::unordered_map<std::string, std::uint32_t> variables;   // name -> line that first set it
    std::vector<std::string> variable_order;                    // for suggestions
};

struct Argument {
    std::string name;            // "" when positional
    Token name_token;
    bool is_output = false;
    std::string output;          // &var
    Token output_token;
    std::optional<Parsed> value;
    std::uint32_t column = 0, end = 0;
};

bool is_identifier(std::string_view text) {
    if (text.empty()) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        if (!letter && !(i > 0 && c >= '0' && c <= '9')) return false;
    }
    return true;
}

// GENERIC_WRTE, not hFile: an identifier written like a Win32 constant.
bool looks_like_constant(std::string_view text) {
    bool upper = false;
    for (char c : text) {
        if (c >= 'a' && c <= 'z') return false;
        if (c >= 'A' && c <= 'Z') upper = true;
    }
    return upper && text.size() >= 2 && !(text[0] >= '0' && text[0] <= '9');
}

std::string_view type_name(Type type) {
    return type == Type::String ? "a string" : type == Type::List ? "a list" : "a number";
}

std::optional<std::uint64_t> fold(const Expr& expr) {
    switch (expr.kind) {
    case Expr::Kind::Integer:
    case Expr::Kind::Constant: return expr.number;
    case Expr::Kind::Binary: {
        auto a = fold(expr.args[0]), b = fold(expr.args[1]);
        if (!a || !b) return std::nullopt;
        return expr.binary_op == BinaryOp::BitOr ? (*a | *b) : (*a + *b);
    }
    default: return std::nullopt;
    }
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
    return text;
}

class Parser {
public:
    Parser(std::string_view source, std::string file_name) : source_(source) {
        program_.file_name = std::move(file_name);
        program_.source = std::string(source);
    }

    ParseResult run() {
        prescan();
        for_each_line([&](std::string_view line) {
            if (stopped_) return false;
            try {
                parse_line(line);
            } catch (const LineFailed&) {
                recover(line);
            } catch (const TooManyErrors&) {
                stopped_ = true;
            }
            return !stopped_;
        });
        if (error_count_ == 0 && program_.statements.empty()) {
            Diagnostic d;
            d.message = "the scenario has no statements";
            diagnostics_.push_back(d);
            ++error_count_;
        }
        std::stable_sort(diagnostics_.begin(), diagnostics_.end(), [](const Diagnostic& a, const Diagnostic& b) {
            auto key = [](const Diagnostic& d) { return d.location.line == 0 ? ~std::uint32_t{0} : d.location.line; };
            return key(a) < key(b);
        });
        ParseResult result;
        result.diagnostics = std::move(diagnostics_);
        if (error_count_ == 0) result.program = std::make_shared<const Program>(std::move(program_));
        return result;
    }

private:
    // ---- lines ----

    template <typename F>
    void for_each_line(F&& f) {
        std::size_t start = 0;
        std::uint32_t number = 0;
        while (start <= source_.size()) {
            std::size_t end = source_.find('\n', start);
            std::string_view line = source_.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
            ++number;
            if (number == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
            line_number_ = number;
            if (!f(line)) return;
            if (end == std::string_view::npos) return;
            start = end + 1;
        }
    }

    // Process names come from `process` lines and from every CreateProcess("Name", ...) anywhere.
    void prescan() {
        for_each_line([&](std::string_view line) {
            Lexer lexer(line, true);
            const Token& first = lexer.peek();
            if (first.kind == TokenKind::Identifier && text(line, first) == "process" &&
                lexer.peek(1).kind == TokenKind::Identifier) {
                ProcessInfo& info = processes_[std::string(text(line, lexer.peek(1)))];
                if (info.declared_line == 0) info.declared_line = line_number_;
                return true;
            }
            if (line.find("CreateProcess") == std::string_view::npos) return true;
            for (Token t = lexer.next(); t.kind != TokenKind::End; t = lexer.next()) {
                if (t.kind != TokenKind::Identifier || find_call(text(line, t)) != Call::CreateProcess) continue;
                if (lexer.peek().kind != TokenKind::LeftParen) continue;
                lexer.next();
                // The name is the first argument, or lpApplicationName="Name" anywhere in the list.
                std::optional<Token> name;
                if (lexer.peek().kind == TokenKind::String) name = lexer.next();
                for (Token a = lexer.next(); !name && a.kind != TokenKind::End && a.kind != TokenKind::RightParen; a = lexer.next())
                    if (a.kind == TokenKind::Identifier && text(line, a) == "lpApplicationName" &&
                        lexer.peek().kind == TokenKind::Equal && lexer.peek(1).kind == TokenKind::String) {
                        lexer.next();
                        name = lexer.next();
                    }
                if (!name || !is_identifier(name->text)) continue;
                ProcessInfo& info = processes_[name->text];
                if (info.created_line == 0) info.created_line = line_number_;
            }
            return true;
        });
        for (const auto& [name, info] : processes_) process_names_.push_back(name);
        std::sort(process_names_.begin(), process_names_.end());
    }

    static std::string_view text(std::string_view line, const Token& t) { return line.substr(t.column - 1, t.length); }
    std::string_view text(const Token& t) const { return text(line_, t); }

    // ---- diagnostics ----

    [[noreturn]] void fail(std::uint32_t column, std::uint32_t length, std::string message, std::string suggestion = {}) {
        report(Diagnostic::Severity::Error, column, length, std::move(message), std::move(suggestion));
        throw LineFailed{};
    }
    [[noreturn]] void fail(const Token& t, std::string message, std::string suggestion = {}) {
        fail(t.column, t.length, std::move(message), std::move(suggestion));
    }
    [[noreturn]] void fail_at(const Parsed& p, std::string message) {
        fail(p.expr.location.column, p.end > p.expr.location.column ? p.end - p.expr.location.column : 1, std::move(message));
    }
    // "expected ')' after the arguments, found 'x'"; a lexical error speaks for itself.
    [[noreturn]] void unexpected(const Token& t, std::string_view expected) {
        if (t.kind == TokenKind::Error) fail(t, t.text);
        fail(t, "expected " + std::string(expected) + ", found " + scenario::describe(t, line_));
    }

    void report(Diagnostic::Severity severity, std::uint32_t column, std::uint32_t length, std::string message,
                std::string suggestion = {}) {
        if (severity == Diagnostic::Severity::Error) {
            if (error_count_ >= max_errors) {
                Diagnostic stop;
                stop.message = "too many errors; stopping";
                diagnostics_.push_back(stop);
                throw TooManyErrors{};
            }
            ++error_count_;
        } else if (warning_count_++ >= max_warnings) {
            return;
        }
        Diagnostic d;
        d.severity = severity;
        d.location = {line_number_, column};
        d.length = length == 0 ? 1 : length;
        d.message = std::move(message);
        d.suggestion = std::move(suggestion);
        diagnostics_.push_back(std::move(d));
    }

    // ---- tokens ----

    const Token& peek(std::size_t ahead = 0) { return lexer_->peek(ahead); }
    Token next() { return lexer_->next(); }
    bool at(TokenKind kind, std::size_t ahead = 0) { return peek(ahead).kind == kind; }
    bool at_word(std::string_view word, std::size_t ahead = 0) {
        return peek(ahead).kind == TokenKind::Identifier && text(peek(ahead)) == word;
    }
    Token expect(TokenKind kind, std::string_view what) {
        if (!at(kind)) unexpected(peek(), what);
        return next();
    }
    void expect_end(std::string_view after) {
        if (!at(TokenKind::End)) unexpected(peek(), "the end of the line after " + std::string(after));
    }

    // ---- line forms ----

    void parse_line(std::string_view line) {
        Lexer lexer(line);
        lexer_ = &lexer;
        line_ = line;
        in_expect_ = false;
        outputs_allowed_ = false;
        in_observer_ = 0;
        depth_ = 0;
        const Token& first = peek();
        if (first.kind == TokenKind::End) return;
        if (first.kind != TokenKind::Identifier) unexpected(first, "a statement like 'Sender: CloseHandle(h)' or a keyword");
        const std::string word(text(first));
        const bool statement = at(TokenKind::Colon, 1);
        if (statement) return parse_statement();
        if (word == "scenario") return parse_title();
        if (word == "process") return parse_process();
        if (word == "say") return parse_say();
        if (word == "expect") return parse_expect();
        if (processes_.count(word)) fail(peek(1), "expected ':' after the process name '" + word + "'");
        if (find_call(word)) fail(first, "a call needs the process that makes it, like 'Sender: " + word + "(...)'");
        std::vector<std::string_view> words(std::begin(keywords), std::end(keywords));
        std::string suggestion = closest_match(word, words);
        if (!suggestion.empty()) fail(first, "unknown keyword '" + word + "'", suggestion);
        fail(first, "expected a statement like 'Sender: CloseHandle(h)' or a keyword (scenario, process, say, expect), found '" +
                        shorten(word) + "'");
    }

    static std::string shorten(std::string_view word) {
        return word.size() > 32 ? std::string(word.substr(0, 29)) + "..." : std::string(word);
    }

    // "say" or "say.ko": returns true for the Korean form.
    bool language_suffix(std::string_view keyword) {
        Token k = next();
        if (!at(TokenKind::Dot)) return false;
        Token dot = next();
        if (!at(TokenKind::Identifier) || text(peek()) != "ko") {
            std::uint32_t end = at(TokenKind::Identifier) ? peek().column + peek().length : dot.column + 1;
            fail(k.column, end - k.column,
                 "'" + shorten(line_.substr(k.column - 1, end - k.column)) + "' is not a keyword; write '" + std::string(keyword) +
                     "' for English or '" + std::string(keyword) + ".ko' for Korean");
        }
        next();
        return true;
    }

    std::string string_argument(std::string_view keyword, bool korean) {
        std::string form = std::string(keyword) + (korean ? ".ko" : "");
        if (!at(TokenKind::String)) unexpected(peek(), "a string after '" + form + "', like " + form + " \"...\"");
        Token s = next();
        expect_end("the string");
        return s.text;
    }

    void parse_title() {
        Token keyword = peek();
        bool korean = language_suffix("scenario");
        std::string title = string_argument("scenario", korean);
        std::uint32_t& seen = korean ? title_ko_line_ : title_en_line_;
        if (seen != 0)
            fail(keyword, std::string(korean ? "the Korean title" : "the title") + " is already given on line " + std::to_string(seen));
        seen = line_number_;
        (korean ? program_.title.ko : program_.title.en) = std::move(title);
    }

    void parse_process() {
        next();
        if (!at(TokenKind::Identifier)) unexpected(peek(), "a process name after 'process'");
        Token name_token = next();
        std::string name(text(name_token));
        expect_end("the process name");
        if (std::find(std::begin(keywords), std::end(keywords), name) != std::end(keywords) || name == "result" ||
            name == "last_error" || name == "deadlock")
            fail(name_token, "'" + name + "' is a reserved word, not a process name");
        ProcessInfo& info = processes_[name];
        if (info.declared_line != line_number_)
            fail(name_token, "process '" + name + "' is already declared on line " + std::to_string(info.declared_line));
        program_.processes.push_back({name, {line_number_, name_token.column}});
    }

    void parse_say() {
        bool korean = language_suffix("say");
        std::string said = string_argument("say", korean);
        Narration& narration = program_.statements.empty() ? program_.introduction : program_.statements.back().narration;
        std::string& target = korean ? narration.ko : narration.en;
        if (!target.empty()) target += '\n';
        target += said;
    }

    void parse_expect() {
        Token keyword = next();
        if (at_word("deadlock") && at(TokenKind::End, 1)) {
            if (program_.expect_deadlock)
                fail(keyword.column, peek().column + peek().length - keyword.column,
                     "'expect deadlock' is already given on line " + std::to_string(program_.expect_deadlock_location.line));
            program_.expect_deadlock = true;
            program_.expect_deadlock_location = {line_number_, keyword.column};
            return;
        }
        // After a statement line that failed, check the expect but keep it: one mistake, one error.
        if (program_.statements.empty() && statement_lines_ == 0) fail(keyword, "expect needs a statement before it");
        Statement scratch;
        scratch.process = current_process_;
        Statement& statement = program_.statements.empty() ? scratch : program_.statements.back();
        in_expect_ = true;
        current_process_ = statement.process;
        Expectation expectation;
        expectation.location = {line_number_, keyword.column};
        expectation.process = statement.process;
        std::size_t content = scenario::content_end(line_);
        std::size_t after = keyword.column - 1 + keyword.length;
        expectation.text = std::string(trim(line_.substr(after, content > after ? content - after : 0)));
        if (at(TokenKind::End)) unexpected(peek(), "something to check after 'expect', like 'expect result == TRUE'");
        Parsed lhs = parse_expression();
        const Token& op = peek();
        std::optional<CompareOp> compare;
        switch (op.kind) {
        case TokenKind::EqualEqual: compare = CompareOp::Equal; break;
        case TokenKind::NotEqual: compare = CompareOp::NotEqual; break;
        case TokenKind::Less: compare = CompareOp::Less; break;
        case TokenKind::LessEqual: compare = CompareOp::LessEqual; break;
        case TokenKind::Greater: compare = CompareOp::Greater; break;
        case TokenKind::GreaterEqual: compare = CompareOp::GreaterEqual; break;
        case TokenKind::Equal: fail(op, "use '==' to compare, not '='");
        case TokenKind::End: break;
        default: unexpected(op, "a comparison (==, !=, <, <=, >, >=) or the end of the line");
        }
        expectation.lhs = std::move(lhs.expr);
        if (compare) {
            next();
            expectation.op = *compare;
            if (at(TokenKind::End)) unexpected(peek(), "a value after '" + std::string(to_string(*compare)) + "'");
            Parsed rhs = parse_expression();
            expect_end("the expectation");
            expectation.rhs = std::move(rhs.expr);
        } else {
            // `expect EXPR` means EXPR == TRUE.
            expectation.op = CompareOp::Equal;
            expectation.rhs.kind = Expr::Kind::Constant;
            expectation.rhs.name = "TRUE";
            expectation.rhs.number = 1;
            expectation.rhs.location = expectation.lhs.location;
        }
        statement.expectations.push_back(std::move(expectation));
    }

    // ---- statements ----

    void parse_statement() {
        ++statement_lines_;
        Token process_token = next();
        next();  // ':'
        std::string process(text(process_token));
        check_process_exists(process_token, process);
        current_process_ = process;
        Statement statement;
        statement.location = {line_number_, process_token.column};
        statement.process = process;

        if (at(TokenKind::Identifier) && (at(TokenKind::Equal, 1) || at(TokenKind::Dot, 1))) {
            Token target = peek();
            if (at(TokenKind::Dot, 1)) {
                // pi.hProcess = ... : fields are set by the call that fills the record.
                std::size_t i = 1;
                std::uint32_t end = target.column + target.length;
                for (; at(TokenKind::Dot, i) && at(TokenKind::Identifier, i + 1); i += 2) end = peek(i + 1).column + peek(i + 1).length;
                if (!at(TokenKind::Equal, i)) unexpected(peek(i), "'=' or a call after '" + process + ":'");
                fail(target.column, end - target.column, "only a plain name can be assigned, not a dotted one");
            }
            next();
            next();  // '='
            statement.result_var = std::string(text(target));
            check_assignable(target, statement.result_var);
            if (at(TokenKind::End)) unexpected(peek(), "a call or a value after '='");
            std::optional<Call> call = at(TokenKind::Identifier) && at(TokenKind::LeftParen, 1)
                                           ? find_call(text(peek())) : std::nullopt;
            if (call && !call_info(*call).pure) {
                parse_call_statement(statement, *call);
            } else {
                Parsed value = parse_expression();
                expect_end("the value");
                if (value.expr.kind == Expr::Kind::PureCall) {
                    statement.kind = Statement::Kind::Call;
                    statement.call = value.expr.call;
                    const CallInfo& info = call_info(statement.call);
                    statement.inputs.assign(info.params.size(), std::nullopt);
                    statement.outputs.assign(info.params.size(), std::string());
                    for (std::size_t i = 0; i < value.expr.args.size() && i < info.params.size(); ++i)
                        statement.inputs[i] = std::move(value.expr.args[i]);
                } else {
                    statement.kind = Statement::Kind::Assign;
                    statement.value = std::move(value.expr);
                }
            }
        } else if (at(TokenKind::Identifier) && at(TokenKind::LeftParen, 1)) {
            std::string name(text(peek()));
            std::optional<Call> call = find_call(name);
            if (!call) {
                if (auto builtin = find_builtin(name))
                    fail(peek(), name + "(...) computes a value but keeps it nowhere; write 'x = " + name + "(...)'");
                fail_unknown_call(peek(), name);
            }
            parse_call_statement(statement, *call);
        } else {
            unexpected(peek(), "a Win32 call or 'variable = ...' after '" + process + ":'");
        }
        commit_statement(std::move(statement));
    }

    void check_process_exists(const Token& token, const std::string& process) {
        auto it = processes_.find(process);
        if (it == processes_.end()) {
            std::string suggestion = closest_match(process, process_names_);
            if (!suggestion.empty()) fail(token, "unknown process '" + process + "'", suggestion);
            fail(token, "unknown process '" + process + "'; declare it with 'process " + process +
                            "' or start it with CreateProcess(\"" + process + "\", ...)");
        }
        const ProcessInfo& info = it->second;
        if (info.declared_line == 0 && info.created_line > line_number_)
            fail(token, "'" + process + "' does not exist yet: CreateProcess starts it on line " + std::to_string(info.created_line));
    }

    void check_assignable(const Token& token, const std::string& name) {
        if (name == "result" || name == "last_error")
            fail(token, "'" + name + "' is a reserved name (in expect lines it means the statement's " +
                            (name == "result" ? "return value" : "last error") + ")");
        if (win32::find_constant(name)) fail(token, "'" + name + "' is a Win32 constant, not a variable name");
    }

    void commit_statement(Statement statement) {
        ProcessInfo& info = processes_[statement.process];
        auto set = [&](const std::string& name) {
            if (name.empty()) return;
            if (info.variables.emplace(name, line_number_).second) info.variable_order.push_back(name);
        };
        set(statement.result_var);
        if (statement.kind == Statement::Kind::Call) {
            const CallInfo& call = call_info(statement.call);
            for (std::size_t i = 0; i < statement.outputs.size(); ++i) {
                set(statement.outputs[i]);
                if (!statement.outputs[i].empty())
                    for (std::string_view field : record_fields(statement.call, call.params[i].name))
                        set(statement.outputs[i] + "." + std::string(field));
            }
        }
        program_.statements.push_back(std::move(statement));
    }

    // After a failed statement line, its targets still count as set, so one typo gives one error.
    void recover(std::string_view line) {
        if (stopped_) return;
        try {
            Lexer lexer(line, true);
            if (lexer.peek().kind != TokenKind::Identifier || lexer.peek(1).kind != TokenKind::Colon) return;
            auto it = processes_.find(std::string(text(line, lexer.peek())));
            if (it == processes_.end()) return;
            ProcessInfo& info = it->second;
            auto set = [&](std::string name) {
                if (info.variables.emplace(name, line_number_).second) info.variable_order.push_back(std::move(name));
            };
            lexer.next();
            lexer.next();
            if (lexer.peek().kind == TokenKind::Identifier && lexer.peek(1).kind == TokenKind::Equal)
                set(std::string(text(line, lexer.peek())));
            std::span<const std::string_view> fields;
            for (Token t = lexer.next(); t.kind != TokenKind::End; t = lexer.next()) {
                if (t.kind == TokenKind::Identifier)
                    if (auto call = find_call(text(line, t)))
                        if (*call == Call::CreateProcess || *call == Call::GetStartupInfo)
                            fields = record_fields(*call, *call == Call::CreateProcess ? "lpProcessInformation" : "lpStartupInfo");
                if (t.kind != TokenKind::Ampersand || lexer.peek().kind != TokenKind::Identifier) continue;
                std::string name(text(line, lexer.next()));
                for (std::string_view field : fields) set(name + "." + std::string(field));
                set(std::move(name));
            }
        } catch (...) {
        }
    }

    [[noreturn]] void fail_unknown_call(const Token& token, const std::string& name) {
        std::vector<std::string_view> names;
        for (const CallInfo& info : all_calls()) names.push_back(info.name);
        for (std::size_t i = 0; i < builtin_count; ++i) names.push_back(builtin_name(static_cast<Builtin>(i)));
        fail(token, "unknown call '" + shorten(name) + "'", closest_match(name, names));
    }

    // ---- calls and their arguments ----

    void parse_call_statement(Statement& statement, Call call) {
        Token name = next();
        const CallInfo& info = call_info(call);
        std::vector<Argument> arguments = parse_arguments(info, true);
        expect_end("the call");
        statement.kind = Statement::Kind::Call;
        statement.call = call;
        statement.inputs.assign(info.params.size(), std::nullopt);
        statement.outputs.assign(info.params.size(), std::string());
        std::vector<std::optional<Parsed>> parsed;
        bind(info, name, arguments, parsed, statement.outputs);
        if (call == Call::CreateProcess) check_create_process(info, parsed);
        for (std::size_t i = 0; i < parsed.size(); ++i)
            if (parsed[i]) statement.inputs[i] = std::move(parsed[i]->expr);
    }

    // ( arg, arg, ... ): positional values, &outputs, name=value and name=&output.
    std::vector<Argument> parse_arguments(const CallInfo& info, bool allow_outputs) {
        expect(TokenKind::LeftParen, "'('");
        std::vector<Argument> arguments;
        if (at(TokenKind::RightParen)) {
            Token close = next();
            last_end_ = close.column + 1;
            return arguments;
        }
        for (;;) {
            Argument argument;
            argument.column = peek().column;
            if (at(TokenKind::Identifier) && at(TokenKind::Equal, 1)) {
                argument.name_token = next();
                argument.name = std::string(text(argument.name_token));
                next();
                int index = param_index(info, argument.name);
                if (index >= 0 && info.params[static_cast<std::size_t>(index)].direction == Direction::Out && !at(TokenKind::Ampersand)) {
                    const std::string param(info.params[static_cast<std::size_t>(index)].name);
                    fail(argument.name_token.column, peek().column + peek().length - argument.name_token.column,
                         std::string(info.name) + "'s " + param + " is an output: write '" + param + "=&variable' to keep it");
                }
            }
            if (at(TokenKind::Ampersand)) {
                Token ampersand = next();
                if (!allow_outputs) fail(ampersand, "'&' outputs are for statements; a call inside an expression cannot set variables");
                if (!at(TokenKind::Identifier)) unexpected(peek(), "a variable name after '&'");
                argument.is_output = true;
                argument.output_token = next();
                argument.output = std::string(text(argument.output_token));
                if (at(TokenKind::Dot)) fail(peek(), "'&' takes a plain variable name, not a field");
                check_assignable(argument.output_token, argument.output);
                argument.end = argument.output_token.column + argument.output_token.length;
            } else {
                if (at(TokenKind::Comma) || at(TokenKind::RightParen)) unexpected(peek(), "an argument");
                // ReadFile(h, msg, 64): where an output sits in Win32 order, a bare unset name was probably meant as '&msg'.
                outputs_allowed_ = allow_outputs && argument.name.empty() && arguments.size() < info.params.size() &&
                                   info.params[arguments.size()].direction == Direction::Out;
                argument.value = parse_expression();
                outputs_allowed_ = false;
                argument.end = argument.value->end;
            }
            arguments.push_back(std::move(argument));
            if (at(TokenKind::Comma)) {
                next();
                continue;
            }
            if (at(TokenKind::RightParen)) {
                Token close = next();
                last_end_ = close.column + 1;
                return arguments;
            }
            unexpected(peek(), "',' or ')' after an argument");
        }
    }

    static std::string list_params(const CallInfo& info, Direction direction) {
        std::string out;
        std::size_t count = 0;
        for (const Param& p : info.params)
            if (p.direction == direction) out += (count++ ? ", " : "") + std::string(p.name);
        return out;
    }
    static std::size_t count_params(const CallInfo& info, Direction direction) {
        return static_cast<std::size_t>(std::count_if(info.params.begin(), info.params.end(),
                                                      [&](const Param& p) { return p.direction == direction; }));
    }

    // Binds arguments to parameters per call_info(call).params, checking each rule in turn.
    void bind(const CallInfo& info, const Token& call_token, std::vector<Argument>& arguments,
              std::vector<std::optional<Parsed>>& inputs, std::vector<std::string>& outputs) {
        const std::string call(info.name);
        inputs.assign(info.params.size(), std::nullopt);
        outputs.assign(info.params.size(), std::string());
        std::vector<bool> given(info.params.size(), false);
        std::size_t next_in = 0, next_out = 0;
        for (Argument& argument : arguments) {
            const std::uint32_t length = argument.end > argument.column ? argument.end - argument.column : 1;
            std::size_t index = 0;
            if (!argument.name.empty()) {
                int found = param_index(info, argument.name);
                if (found < 0) {
                    std::vector<std::string_view> names;
                    for (const Param& p : info.params) {
                        names.push_back(p.name);
                        if (!p.alias.empty()) names.push_back(p.alias);
                    }
                    fail(argument.name_token, call + " has no parameter '" + argument.name + "'", closest_match(argument.name, names));
                }
                index = static_cast<std::size_t>(found);
                const Param& param = info.params[index];
                if (given[index]) fail(argument.name_token, call + "'s " + std::string(param.name) + " is given twice");
                if (param.direction == Direction::In && argument.is_output)
                    fail(argument.column, length, call + "'s " + std::string(param.name) + " is an input, so it takes a value, not '&" +
                                                      argument.output + "'");
                if (param.direction == Direction::Out && !argument.is_output)
                    fail(argument.column, length, call + "'s " + std::string(param.name) +
                                                      " is an output: write '" + std::string(param.name) + "=&variable' to keep it");
            } else {
                const Direction direction = argument.is_output ? Direction::Out : Direction::In;
                std::size_t& cursor = argument.is_output ? next_out : next_in;
                while (cursor < info.params.size() && (info.params[cursor].direction != direction || given[cursor])) ++cursor;
                if (cursor >= info.params.size()) {
                    std::size_t total = count_params(info, direction);
                    std::string what = argument.is_output ? "output" : "input";
                    if (info.params.empty()) fail(argument.column, length, "too many arguments: " + call + " takes no arguments");
                    if (total == 0)
                        fail(argument.column, length,
                             argument.is_output ? "too many arguments: " + call + " has no outputs ('&' arguments)"
                                                : "too many arguments: " + call + " takes no inputs");
                    fail(argument.column, length, "too many arguments: " + call + " takes " + std::to_string(total) + " " + what +
                                                      (total == 1 ? "" : "s") + " (" + list_params(info, direction) + ")");
                }
                index = cursor++;
            }
            given[index] = true;
            if (argument.is_output) {
                outputs[index] = argument.output;
            } else {
                check_type(info, info.params[index], *argument.value);
                inputs[index] = std::move(argument.value);
            }
        }
        std::string missing;
        std::size_t missing_count = 0;
        for (std::size_t i = 0; i < info.params.size(); ++i)
            if (info.params[i].direction == Direction::In && info.params[i].required && !given[i]) {
                missing += (missing_count++ ? ", " : "") + std::string(info.params[i].name);
            }
        if (missing_count > 0)
            fail(call_token, std::string(missing_count == 1 ? "missing argument" : "missing arguments") + " for " + call + ": " + missing);
    }

    void check_type(const CallInfo& info, const Param& param, const Parsed& value) {
        if (value.type == Type::Unknown) return;
        const std::string who = std::string(info.name) + "'s " + std::string(param.name);
        switch (param.type) {
        case ParamType::Handle:
        case ParamType::Dword:
        case ParamType::Bool:
        case ParamType::SecurityAttributes:
        case ParamType::Address:
            if (value.type == Type::String || value.type == Type::List)
                fail_at(value, who + " takes a number, not " + std::string(type_name(value.type)));
            break;
        case ParamType::String:
            if (value.type != Type::String) fail_at(value, who + " takes a string, not " + std::string(type_name(value.type)));
            break;
        case ParamType::OptionalString:
            if (value.type == Type::List || (value.type == Type::Number && fold(value.expr) != std::uint64_t{0}))
                fail_at(value, who + " takes a string or NULL, not " + std::string(type_name(value.type)));
            break;
        case ParamType::HandleList:
            if (value.type != Type::List)
                fail_at(value, who + " takes a list of handles, like [h1, h2], not " + std::string(type_name(value.type)));
            break;
        }
    }

    void check_create_process(const CallInfo& info, const std::vector<std::optional<Parsed>>& inputs) {
        const std::optional<Parsed>& application = inputs[0];
        if (application->expr.kind != Expr::Kind::String || !is_identifier(application->expr.text))
            fail_at(*application, "CreateProcess's lpApplicationName must be a string literal naming the new process, like \"Child\"");
        const std::string& name = application->expr.text;
        const ProcessInfo& process = processes_[name];
        if (process.declared_line != 0)
            fail_at(*application, "'" + name + "' is declared with 'process' on line " + std::to_string(process.declared_line) +
                                      ", so it already exists; CreateProcess must name a new process");
        if (process.created_line != line_number_)
            fail_at(*application, "'" + name + "' is already started by CreateProcess on line " + std::to_string(process.created_line));
        // Windows reads STARTUPINFO's hStd* fields only with STARTF_USESTDHANDLES in dwFlags.
        auto flags = static_cast<std::size_t>(param_index(info, "dwFlags"));
        std::optional<std::uint64_t> flag_value = inputs[flags] ? fold(inputs[flags]->expr) : std::optional<std::uint64_t>{0};
        if (flag_value && (*flag_value & win32::STARTF_USESTDHANDLES) == 0)
            for (std::string_view field : {"hStdInput", "hStdOutput", "hStdError"}) {
                const std::optional<Parsed>& handle = inputs[static_cast<std::size_t>(param_index(info, field))];
                if (!handle) continue;
                report(Diagnostic::Severity::Warning, handle->expr.location.column,
                       handle->end > handle->expr.location.column ? handle->end - handle->expr.location.column : 1,
                       "Windows ignores " + std::string(field) + " unless dwFlags includes STARTF_USESTDHANDLES");
            }
    }

    // ---- expressions ----

    // expression := operand (('|' | '+') operand)*
    Parsed parse_expression() {
        Parsed left = parse_operand();
        while (at(TokenKind::Pipe) || at(TokenKind::Plus)) {
            Token op = next();
            Parsed right = parse_operand();
            const bool is_or = op.kind == TokenKind::Pipe;
            if (left.type == Type::List) fail_at(left, std::string("'") + (is_or ? "|" : "+") + "' does not take a list");
            if (right.type == Type::List) fail_at(right, std::string("'") + (is_or ? "|" : "+") + "' does not take a list");
            if (is_or) {
                if (left.type == Type::String) fail_at(left, "'|' combines numbers, not strings");
                if (right.type == Type::String) fail_at(right, "'|' combines numbers, not strings");
            } else if (left.type != Type::Unknown && right.type != Type::Unknown && left.type != right.type) {
                fail(op, "'+' cannot join a string and a number; use hex() or dec() to turn a number into text");
            }
            Parsed combined;
            combined.expr.kind = Expr::Kind::Binary;
            combined.expr.location = left.expr.location;
            combined.expr.binary_op = is_or ? BinaryOp::BitOr : BinaryOp::Add;
            combined.type = is_or ? Type::Number
                                  : (left.type == Type::String || right.type == Type::String
                                         ? Type::String
                                         : (left.type == Type::Number && right.type == Type::Number ? Type::Number : Type::Unknown));
            combined.end = right.end;
            combined.expr.args.push_back(std::move(left.expr));
            combined.expr.args.push_back(std::move(right.expr));
            left = std::move(combined);
        }
        return left;
    }

    struct DepthGuard {
        int& depth;
        explicit DepthGuard(int& d) : depth(d) { ++depth; }
        ~DepthGuard() { --depth; }
    };

    Parsed parse_operand() {
        DepthGuard guard(depth_);
        if (depth_ > max_depth)
            fail(peek(), "expression nested too deeply (more than " + std::to_string(max_depth) + " levels)");
        const Token& t = peek();
        Parsed p;
        p.expr.location = {line_number_, t.column};
        switch (t.kind) {
        case TokenKind::Integer:
            p.expr.kind = Expr::Kind::Integer;
            p.expr.number = t.number;
            p.type = Type::Number;
            p.end = t.column + t.length;
            next();
            return p;
        case TokenKind::Minus: {
            Token minus = next();
            if (!at(TokenKind::Integer)) fail(minus, "'-' can only come before a number, as in -1");
            Token number = next();
            p.expr.kind = Expr::Kind::Integer;
            p.expr.number = ~number.number + 1;  // 64-bit two's complement, as (DWORD_PTR)-1
            p.type = Type::Number;
            p.end = number.column + number.length;
            return p;
        }
        case TokenKind::String:
            p.expr.kind = Expr::Kind::String;
            p.expr.text = t.text;
            p.type = Type::String;
            p.end = t.column + t.length;
            next();
            return p;
        case TokenKind::LeftParen: {
            next();
            Parsed inner = parse_expression();
            Token close = expect(TokenKind::RightParen, "')'");
            inner.expr.location = p.expr.location;
            inner.end = close.column + 1;
            return inner;
        }
        case TokenKind::LeftBracket: return parse_list();
        case TokenKind::Identifier: return parse_name();
        default: unexpected(t, "a value");
        }
    }

    // list := '[' [ expression { ',' expression } ] ']'  (an array argument such as lpHandles)
    Parsed parse_list() {
        Token open = next();
        Parsed p;
        p.expr.kind = Expr::Kind::List;
        p.expr.location = {line_number_, open.column};
        p.type = Type::List;
        if (!at(TokenKind::RightBracket)) {
            for (;;) {
                Parsed element = parse_expression();
                if (element.type == Type::List) fail_at(element, "a list cannot hold a list");
                p.expr.args.push_back(std::move(element.expr));
                if (at(TokenKind::Comma)) { next(); continue; }
                if (at(TokenKind::RightBracket)) break;
                unexpected(peek(), "',' or ']' after a list element");
            }
        }
        Token close = next();
        p.end = close.column + 1;
        last_end_ = p.end;
        return p;
    }

    // A constant, variable, process, builtin call or pure call.
    Parsed parse_name() {
        Token first = next();
        std::string name(text(first));
        Parsed p;
        p.expr.location = {line_number_, first.column};
        if (at(TokenKind::LeftParen)) return parse_call_expression(first, name);
        // Dotted names: pi.hProcess, Sender.hFile, Sender.pi.hProcess.
        std::vector<std::string> segments{name};
        std::uint32_t end = first.column + first.length;
        while (at(TokenKind::Dot)) {
            next();
            if (!at(TokenKind::Identifier)) unexpected(peek(), "a name after '.'");
            Token part = next();
            segments.emplace_back(text(part));
            end = part.column + part.length;
        }
        p.end = end;
        const std::uint32_t length = end - first.column;
        if (segments.size() == 1) {
            if (auto constant = win32::find_constant(name)) {
                p.expr.kind = Expr::Kind::Constant;
                p.expr.name = name;
                p.expr.number = constant->value;
                p.type = Type::Number;
                return p;
            }
            if (in_expect_ && (name == "result" || name == "last_error")) {
                p.expr.kind = Expr::Kind::Variable;
                p.expr.name = name;
                p.type = name == "last_error" ? Type::Number : Type::Unknown;
                return p;
            }
            if (in_observer_ > 0 && processes_.count(name)) {
                p.expr.kind = Expr::Kind::Process;
                p.expr.name = name;
                return p;
            }
        }
        std::string process;
        if (segments.size() >= 2 && processes_.count(segments[0])) {
            process = segments[0];
            segments.erase(segments.begin());
        }
        std::string variable = segments[0];
        for (std::size_t i = 1; i < segments.size(); ++i) variable += "." + segments[i];
        const std::string& owner = process.empty() ? current_process_ : process;
        const ProcessInfo& info = processes_[owner];
        if (!info.variables.count(variable)) fail_unset(first.column, length, name, process, variable, owner);
        p.expr.kind = Expr::Kind::Variable;
        p.expr.process = process;
        p.expr.name = variable;
        return p;
    }

    [[noreturn]] void fail_unset(std::uint32_t column, std::uint32_t length, const std::string& first, const std::string& process,
                                 const std::string& variable, const std::string& owner) {
        const ProcessInfo& info = processes_[owner];
        const bool bare = process.empty() && variable.find('.') == std::string::npos;
        if (bare && looks_like_constant(variable)) {
            std::vector<std::string_view> names;
            for (const win32::NamedConstant& c : win32::all_constants()) names.push_back(c.name);
            fail(column, length, "unknown constant '" + shorten(variable) + "'", closest_match(variable, names));
        }
        if (!in_expect_ && (variable == "result" || variable == "last_error"))
            fail(column, length, "'" + variable + "' can be used only in expect lines");
        if (bare && processes_.count(variable))
            fail(column, length, "'" + variable + "' is a process; only observers such as state(" + variable + ") take a process");
        std::vector<std::string_view> names(info.variable_order.begin(), info.variable_order.end());
        std::string suggestion = closest_match(variable, names);
        if (!suggestion.empty() && !process.empty()) suggestion = process + "." + suggestion;
        if (suggestion.empty() && process.empty() && variable.find('.') != std::string::npos) {
            // Sendr.hFile: a misspelt process name.
            std::string guess = closest_match(first, process_names_);
            if (!guess.empty()) suggestion = guess + variable.substr(first.size());
        }
        std::string shown = process.empty() ? variable : process + "." + variable;
        std::string hint;
        if (suggestion.empty() && outputs_allowed_ && bare) hint = " (to receive an output of the call, write '&" + shorten(variable) + "')";
        if (suggestion.empty() && hint.empty() && process.empty())
            for (std::string_view other : process_names_)
                if (other != owner && processes_[std::string(other)].variables.count(variable)) {
                    hint = " (" + std::string(other) + " has one: write '" + std::string(other) + "." + shorten(variable) + "' for its value)";
                    break;
                }
        fail(column, length, "'" + shorten(shown) + "' is not set in " + owner + " before this line" + hint, suggestion);
    }

    Parsed parse_call_expression(const Token& name_token, const std::string& name) {
        Parsed p;
        p.expr.location = {line_number_, name_token.column};
        if (auto builtin = find_builtin(name)) return parse_builtin(name_token, *builtin);
        std::optional<Call> call = find_call(name);
        if (!call) fail_unknown_call(name_token, name);
        const CallInfo& info = call_info(*call);
        if (!info.pure) fail(name_token, std::string(info.name) + " makes a change, so it must be a statement of its own");
        std::vector<Argument> arguments = parse_arguments(info, false);
        std::vector<std::optional<Parsed>> inputs;
        std::vector<std::string> outputs;
        bind(info, name_token, arguments, inputs, outputs);
        p.expr.kind = Expr::Kind::PureCall;
        p.expr.call = *call;
        for (std::size_t i = 0; i < info.params.size(); ++i) {
            if (inputs[i]) {
                p.expr.args.push_back(std::move(inputs[i]->expr));
            } else {
                Expr fallback;
                fallback.kind = Expr::Kind::Integer;
                fallback.number = info.params[i].default_value;
                fallback.location = p.expr.location;
                p.expr.args.push_back(std::move(fallback));
            }
        }
        p.type = info.returns == Returns::String ? Type::String : Type::Number;
        p.end = last_end_;
        return p;
    }

    Parsed parse_builtin(const Token& name_token, Builtin builtin) {
        const std::string name(builtin_name(builtin));
        if (is_observer(builtin) && !in_expect_)
            fail(name_token, name + "(...) reads the simulator's state, so it is allowed only in expect lines");
        Parsed p;
        p.expr.kind = Expr::Kind::Builtin;
        p.expr.builtin = builtin;
        p.expr.location = {line_number_, name_token.column};
        if (is_observer(builtin)) ++in_observer_;
        struct ObserverGuard {
            int& count;
            bool active;
            ~ObserverGuard() { if (active) --count; }
        } observer_guard{in_observer_, is_observer(builtin)};
        Token open = expect(TokenKind::LeftParen, "'('");
        std::vector<Parsed> args;
        if (!at(TokenKind::RightParen)) {
            for (;;) {
                if (at(TokenKind::Ampersand)) fail(peek(), "'&' outputs are for statements; " + name + "(...) takes values");
                if (at(TokenKind::Identifier) && at(TokenKind::Equal, 1))
                    fail(peek(), name + "(...) takes its arguments in order, without names");
                args.push_back(parse_expression());
                if (at(TokenKind::Comma)) { next(); continue; }
                if (at(TokenKind::RightParen)) break;
                unexpected(peek(), "',' or ')' after an argument");
            }
        }
        Token close = next();
        p.end = close.column + 1;
        last_end_ = p.end;
        const std::uint32_t length = p.end - name_token.column;
        auto arity = [&](std::size_t low, std::size_t high, std::string_view usage) {
            if (args.size() < low || args.size() > high)
                fail(name_token.column, length,
                     name + " takes " + (low == high ? std::to_string(low) : std::to_string(low) + " or " + std::to_string(high)) +
                         (high == 1 ? " argument" : " arguments") + ", not " + std::to_string(args.size()) + ": " + std::string(usage));
        };
        auto want = [&](const Parsed& arg, Type type, std::string_view what) {
            if (arg.type != Type::Unknown && arg.type != type) fail_at(arg, name + " takes " + std::string(what) + ", not " +
                                                                           std::string(type_name(arg.type)));
        };
        auto is_process = [](const Parsed& arg) { return arg.expr.kind == Expr::Kind::Process; };
        (void)open;
        switch (builtin) {
        case Builtin::hex:
        case Builtin::dec:
            arity(1, 1, name + "(h)");
            want(args[0], Type::Number, "a number");
            p.type = Type::String;
            break;
        case Builtin::handle:
        case Builtin::len:
            arity(1, 1, name + "(text)");
            want(args[0], Type::String, "a string");
            p.type = Type::Number;
            break;
        case Builtin::word:
            arity(2, 2, "word(text, n)");
            want(args[0], Type::String, "a string first");
            want(args[1], Type::Number, "a number second");
            p.type = Type::String;
            break;
        case Builtin::state:
        case Builtin::exit_code:
            arity(1, 1, name + "(Process)");
            if (!is_process(args[0])) fail_at(args[0], name + " takes a process name, like " + name + "(Child)");
            p.type = builtin == Builtin::state ? Type::String : Type::Number;
            break;
        default:  // usage handles inherit protect valid messages bytes: (h) or (Process, h)
            arity(1, 2, name + "(h) or " + name + "(Process, h)");
            if (args.size() == 2 && !is_process(args[0]))
                fail_at(args[0], name + "(Process, h) takes a process name first");
            // usage(Child) / handles(Child): the counts of Child's process object itself.
            if (args.size() == 1 && is_process(args[0]) && (builtin == Builtin::usage || builtin == Builtin::handles)) {
                p.type = Type::Number;
                break;
            }
            if (is_process(args.back()))
                fail_at(args.back(), name + " takes a handle" + (args.size() == 1 ? ", like " + name + "(h) or " + name + "(Process, h)" : std::string()));
            want(args.back(), Type::Number, "a handle");
            p.type = builtin == Builtin::type || builtin == Builtin::name ? Type::String : Type::Number;
            break;
        }
        for (Parsed& arg : args) p.expr.args.push_back(std::move(arg.expr));
        return p;
    }

    std::string_view source_;
    Program program_;
    std::vector<Diagnostic> diagnostics_;
    std::size_t error_count_ = 0, warning_count_ = 0;
    std::size_t statement_lines_ = 0;  // statement lines seen, parsed or not
    bool stopped_ = false;
    std::unordered_map<std::string, ProcessInfo> processes_;
    std::vector<std::string_view> process_names_;
    std::uint32_t line_number_ = 0;
    std::uint32_t title_en_line_ = 0, title_ko_line_ = 0;
    Lexer* lexer_ = nullptr;
    std::string_view line_;
    bool in_expect_ = false;
    int in_observer_ = 0;
    int depth_ = 0;
    std::uint32_t last_end_ = 0;
    bool outputs_allowed_ = false;   // parsing a plain argument where '&var' would have been accepted
    std::string current_process_;
};

}  // namespace

ParseResult parse_scenario(std::string_view source, std::string file_name) {
    try {
        return Parser(source, std::move(file_name)).run();
    } catch (const std::exception& e) {
        ParseResult result;
        Diagnostic d;
        d.message = std::string("internal error while parsing: ") + e.what();
        result.diagnostics.push_back(d);
        return result;
    } catch (...) {
        ParseResult result;
        Diagnostic d;
        d.message = "internal error while parsing";
        result.diagnostics.push_back(d);
        return result;
    }
}

}  // namespace kosim
