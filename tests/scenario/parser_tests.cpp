// The parser on well-formed scenarios: the Program it builds (binding, expressions, expect, say).
#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "scenario/parser.h"
#include "win32/constants.h"

using namespace kosim;

namespace {

std::string all_diagnostics(const ParseResult& result, std::string_view source) {
    std::string out;
    for (const auto& d : result.diagnostics) out += format_diagnostic(d, source, "t.kos");
    return out;
}

// Parses text that must be valid; fails the test with the diagnostics otherwise.
std::shared_ptr<const Program> parse_ok(const std::string& source) {
    ParseResult result = parse_scenario(source, "t.kos");
    INFO(all_diagnostics(result, source));
    REQUIRE(result.ok());
    return result.program;
}

std::string first_message(const std::string& source) {
    ParseResult result = parse_scenario(source, "t.kos");
    if (result.diagnostics.empty()) return "(none)";
    const Diagnostic& d = result.diagnostics.front();
    std::string out = std::to_string(d.location.line) + ":" + std::to_string(d.location.column) + ": " + d.message;
    if (!d.suggestion.empty()) out += "; did you mean '" + d.suggestion + "'?";
    return out;
}

int index_of(Call call, std::string_view name) { return param_index(call_info(call), name); }

const Expr& input(const Statement& s, std::string_view name) {
    int i = index_of(s.call, name);
    REQUIRE(i >= 0);
    REQUIRE(s.inputs[static_cast<std::size_t>(i)].has_value());
    return *s.inputs[static_cast<std::size_t>(i)];
}

bool given(const Statement& s, std::string_view name) { return s.inputs[static_cast<std::size_t>(index_of(s.call, name))].has_value(); }

const std::string& output(const Statement& s, std::string_view name) { return s.outputs[static_cast<std::size_t>(index_of(s.call, name))]; }

}  // namespace

TEST_CASE("titles, processes, introduction and narration") {
    auto program = parse_ok(
        "# comment\n"
        "scenario \"Inheriting a mailslot handle\"\n"
        "scenario.ko \"메일슬롯 핸들의 상속\"\n"
        "say \"First.\"\n"
        "say \"Second.\"\n"
        "process Receiver   # the reader\n"
        "process Sender\n"
        "\n"
        "Receiver: hSlot = CreateMailslot(\"\\\\\\\\.\\\\mailslot\\\\demo\", 0, MAILSLOT_WAIT_FOREVER)\n"
        "  say    \"Created.\"\n"
        "  say.ko \"생성된다.\"\n"
        "  say    \"Registered.\"\n");
    CHECK(program->file_name == "t.kos");
    CHECK(program->title.en == "Inheriting a mailslot handle");
    CHECK(program->title.ko == "메일슬롯 핸들의 상속");
    CHECK(program->introduction.en == "First.\nSecond.");
    CHECK(program->introduction.ko == "");
    REQUIRE(program->processes.size() == 2);
    CHECK(program->processes[0].name == "Receiver");
    CHECK(program->processes[0].location == SourceLocation{6, 9});
    CHECK(program->processes[1].name == "Sender");
    REQUIRE(program->statements.size() == 1);
    const Statement& s = program->statements[0];
    CHECK(s.kind == Statement::Kind::Call);
    CHECK(s.call == Call::CreateMailslot);
    CHECK(s.process == "Receiver");
    CHECK(s.result_var == "hSlot");
    CHECK(s.location == SourceLocation{9, 1});
    CHECK(input(s, "lpName").kind == Expr::Kind::String);
    CHECK(input(s, "lpName").text == "\\\\.\\mailslot\\demo");
    CHECK(input(s, "nMaxMessageSize").kind == Expr::Kind::Integer);
    CHECK(input(s, "lReadTimeout").kind == Expr::Kind::Constant);
    CHECK(input(s, "lReadTimeout").name == "MAILSLOT_WAIT_FOREVER");
    CHECK(input(s, "lReadTimeout").number == win32::MAILSLOT_WAIT_FOREVER);
    CHECK_FALSE(given(s, "lpSecurityAttributes"));
    CHECK(s.narration.en == "Created.\nRegistered.");
    CHECK(s.narration.ko == "생성된다.");
}

TEST_CASE("CreatePipe: positional outputs, an alias and a positional input after a named one") {
    auto program = parse_ok("process Parent\nParent: CreatePipe(&hRead, &hWrite, inherit=TRUE, 0)\n");
    const Statement& s = program->statements.at(0);
    CHECK(s.call == Call::CreatePipe);
    CHECK(s.result_var == "");
    CHECK(output(s, "hReadPipe") == "hRead");
    CHECK(output(s, "hWritePipe") == "hWrite");
    CHECK(input(s, "lpPipeAttributes").name == "TRUE");
    CHECK(input(s, "nSize").number == 0);
    CHECK(s.inputs.size() == call_info(Call::CreatePipe).params.size());
    CHECK(s.outputs.size() == call_info(Call::CreatePipe).params.size());
}

TEST_CASE("CreateProcess: the new process, a string built with hex(), the record output and named fields") {
    auto program = parse_ok(
        "process Parent\n"
        "Parent: CreatePipe(&hRead, &hWrite, inherit=TRUE, 0)\n"
        "Parent: CreateProcess(\"Child\", \"child.exe \" + hex(hWrite), &pi, bInheritHandles=TRUE, dwFlags=STARTF_USESTDHANDLES, hStdOutput=hWrite)\n"
        "Parent: CloseHandle(pi.hThread)\n"
        "Child: h = handle(word(GetCommandLine(), 1))\n"
        "Parent: WaitForSingleObject(pi.hProcess)\n"
        "  expect exit_code(Child) == 0\n");
    CHECK(program->processes.size() == 1);  // Child is started, not declared
    const Statement& create = program->statements.at(1);
    CHECK(create.call == Call::CreateProcess);
    CHECK(input(create, "lpApplicationName").text == "Child");
    const Expr& command = input(create, "lpCommandLine");
    CHECK(command.kind == Expr::Kind::Binary);
    CHECK(command.binary_op == BinaryOp::Add);
    CHECK(command.args.at(0).text == "child.exe ");
    CHECK(command.args.at(1).kind == Expr::Kind::Builtin);
    CHECK(command.args.at(1).builtin == Builtin::hex);
    CHECK(command.args.at(1).args.at(0).kind == Expr::Kind::Variable);
    CHECK(command.args.at(1).args.at(0).name == "hWrite");
    CHECK(output(create, "lpProcessInformation") == "pi");
    CHECK(input(create, "bInheritHandles").number == 1);
    CHECK(input(create, "dwFlags").number == win32::STARTF_USESTDHANDLES);
    CHECK(input(create, "hStdOutput").name == "hWrite");
    CHECK_FALSE(given(create, "hStdInput"));
    CHECK(program->statements.at(2).inputs.at(0)->name == "pi.hThread");
    const Statement& child = program->statements.at(3);
    CHECK(child.kind == Statement::Kind::Assign);
    CHECK(child.process == "Child");
    CHECK(child.value.kind == Expr::Kind::Builtin);
    CHECK(child.value.builtin == Builtin::handle);
    CHECK(child.value.args.at(0).args.at(0).kind == Expr::Kind::PureCall);
    CHECK(child.value.args.at(0).args.at(0).call == Call::GetCommandLine);
    const Statement& wait = program->statements.at(4);
    CHECK_FALSE(given(wait, "dwMilliseconds"));
    const Expectation& e = wait.expectations.at(0);
    CHECK(e.process == "Parent");
    CHECK(e.lhs.kind == Expr::Kind::Builtin);
    CHECK(e.lhs.args.at(0).kind == Expr::Kind::Process);
    CHECK(e.lhs.args.at(0).name == "Child");
}

TEST_CASE("CreateProcess names its new process by lpApplicationName= too, every argument named (kosim record --kos)") {
    auto program = parse_ok(
        "process Parent\n"
        "Parent: CreateProcess(lpCommandLine=\"child.exe\", lpApplicationName=\"Child\", bInheritHandles=TRUE, lpProcessInformation=&pi)\n"
        "Child: ExitProcess(uExitCode=0)\n");
    CHECK(program->processes.size() == 1);
    CHECK(input(program->statements.at(0), "lpApplicationName").text == "Child");
    CHECK(program->statements.at(1).process == "Child");
}

TEST_CASE("DuplicateHandle: pure calls as arguments, an output between inputs") {
    auto program = parse_ok(
        "process Parent\n"
        "Parent: DuplicateHandle(GetCurrentProcess(), GetCurrentProcess(), GetCurrentProcess(), &hSelf, 0, TRUE, DUPLICATE_SAME_ACCESS)\n");
    const Statement& s = program->statements.at(0);
    CHECK(input(s, "hSourceProcessHandle").kind == Expr::Kind::PureCall);
    CHECK(input(s, "hSourceProcessHandle").call == Call::GetCurrentProcess);
    CHECK(input(s, "hTargetProcessHandle").kind == Expr::Kind::PureCall);
    CHECK(output(s, "lpTargetHandle") == "hSelf");
    CHECK(input(s, "dwDesiredAccess").number == 0);
    CHECK(input(s, "bInheritHandle").name == "TRUE");
    CHECK(input(s, "dwOptions").number == win32::DUPLICATE_SAME_ACCESS);
}

TEST_CASE("ReadFile with a result and two outputs; CreateFile with inherit= between positionals; A/W names") {
    auto program = parse_ok(
        "process Receiver\nprocess Sender\n"
        "Receiver: hSlot = CreateMailslot(\"\\\\\\\\.\\\\mailslot\\\\demo\")\n"
        "Sender: hFile = CreateFileA(\"\\\\\\\\.\\\\mailslot\\\\demo\", GENERIC_WRITE, FILE_SHARE_READ, inherit=TRUE, OPEN_EXISTING)\n"
        "Receiver: ok = ReadFile(hSlot, &msg, 64, &n)\n"
        "  expect ok\n"
        "  expect msg == \"hello\"   # a comment\n"
        "  expect n >= 5\n"
        "  expect last_error != ERROR_BROKEN_PIPE\n"
        "  expect usage(Sender, Sender.hFile) == 2\n");
    const Statement& create = program->statements.at(1);
    CHECK(create.call == Call::CreateFile);
    CHECK(input(create, "lpFileName").text == "\\\\.\\mailslot\\demo");
    CHECK(input(create, "dwDesiredAccess").name == "GENERIC_WRITE");
    CHECK(input(create, "dwShareMode").name == "FILE_SHARE_READ");
    CHECK(input(create, "lpSecurityAttributes").name == "TRUE");
    CHECK(input(create, "dwCreationDisposition").name == "OPEN_EXISTING");
    const Statement& read = program->statements.at(2);
    CHECK(read.result_var == "ok");
    CHECK(output(read, "lpBuffer") == "msg");
    CHECK(output(read, "lpNumberOfBytesRead") == "n");
    CHECK(input(read, "nNumberOfBytesToRead").number == 64);
    REQUIRE(read.expectations.size() == 5);
    const Expectation& truth = read.expectations[0];
    CHECK(truth.text == "ok");
    CHECK(truth.op == CompareOp::Equal);
    CHECK(truth.lhs.name == "ok");
    CHECK(truth.rhs.kind == Expr::Kind::Constant);
    CHECK(truth.rhs.name == "TRUE");
    CHECK(truth.rhs.number == 1);
    CHECK(truth.location == SourceLocation{6, 3});
    CHECK(read.expectations[1].text == "msg == \"hello\"");
    CHECK(read.expectations[1].rhs.text == "hello");
    CHECK(read.expectations[2].op == CompareOp::GreaterEqual);
    const Expectation& error = read.expectations[3];
    CHECK(error.op == CompareOp::NotEqual);
    CHECK(error.lhs.kind == Expr::Kind::Variable);
    CHECK(error.lhs.name == "last_error");
    CHECK(error.lhs.process == "");
    CHECK(error.rhs.number == win32::ERROR_BROKEN_PIPE);
    const Expectation& usage = read.expectations[4];
    CHECK(usage.process == "Receiver");
    CHECK(usage.lhs.builtin == Builtin::usage);
    CHECK(usage.lhs.args.at(0).kind == Expr::Kind::Process);
    CHECK(usage.lhs.args.at(1).kind == Expr::Kind::Variable);
    CHECK(usage.lhs.args.at(1).process == "Sender");
    CHECK(usage.lhs.args.at(1).name == "hFile");
}

TEST_CASE("pure calls: a top-level one is a Call statement, inside an expression an Assign") {
    auto program = parse_ok(
        "process P\n"
        "P: GetCurrentProcess()\n"
        "  expect result == GetCurrentProcess()\n"
        "P: h = GetStdHandle(STD_OUTPUT_HANDLE)\n"
        "P: x = GetCurrentProcessId() + 1\n"
        "P: y = (x)\n");
    const auto& s = program->statements;
    CHECK(s.at(0).kind == Statement::Kind::Call);
    CHECK(s.at(0).call == Call::GetCurrentProcess);
    CHECK(s.at(0).expectations.at(0).lhs.name == "result");
    CHECK(s.at(1).kind == Statement::Kind::Call);
    CHECK(s.at(1).call == Call::GetStdHandle);
    CHECK(s.at(1).result_var == "h");
    CHECK(input(s.at(1), "nStdHandle").number == win32::STD_OUTPUT_HANDLE);
    CHECK(s.at(2).kind == Statement::Kind::Assign);
    CHECK(s.at(2).value.kind == Expr::Kind::Binary);
    CHECK(s.at(3).value.kind == Expr::Kind::Variable);
}

TEST_CASE("integers, strings and escapes") {
    auto program = parse_ok(
        "process P\n"
        "P: a = 0x1C\n"
        "P: b = -1\n"
        "P: c = 18446744073709551615\n"
        "P: d = \"q\\\"\\\\\\n\\r\\t\\0\\x41\\x7\"\n"
        "P: e = r\"\\\\.\\mailslot\\x\"\n"
        "P: f = \"한국어 # not a comment\"\n"
        "P: g = GENERIC_READ | GENERIC_WRITE + 1\n");
    const auto& s = program->statements;
    CHECK(s.at(0).value.number == 0x1C);
    CHECK(s.at(1).value.number == ~std::uint64_t{0});
    CHECK(s.at(2).value.number == ~std::uint64_t{0});
    CHECK(s.at(3).value.text == std::string("q\"\\\n\r\t\0A\x07", 9));
    CHECK(s.at(4).value.text == "\\\\.\\mailslot\\x");
    CHECK(s.at(5).value.text == "한국어 # not a comment");
    // | and + share one left-associative level: (READ | WRITE) + 1.
    const Expr& g = s.at(6).value;
    CHECK(g.binary_op == BinaryOp::Add);
    CHECK(g.args.at(0).binary_op == BinaryOp::BitOr);
}

TEST_CASE("expect deadlock, anywhere, once") {
    auto program = parse_ok("expect deadlock\nprocess P\nP: Sleep(1)\n");
    CHECK(program->expect_deadlock);
    CHECK(program->expect_deadlock_location == SourceLocation{1, 1});
    CHECK(program->statements.at(0).expectations.empty());
}

TEST_CASE("CRLF line endings and a BOM are accepted") {
    auto program = parse_ok("\xEF\xBB\xBFprocess P\r\nP: Sleep(1)\r\n  say \"x\"\r\n");
    CHECK(program->processes.at(0).location == SourceLocation{1, 9});
    CHECK(program->statements.at(0).narration.en == "x");
}

TEST_CASE("a variable set by a failed line is known afterwards: one mistake, one error") {
    ParseResult result = parse_scenario("process P\nP: h = CreateFile(\"x\", GENERIC_WRTE, 0, OPEN_EXISTING)\nP: CloseHandle(h)\n", "t");
    CHECK(result.diagnostics.size() == 1);
}

TEST_CASE("the warning about hStd* handles without STARTF_USESTDHANDLES") {
    const std::string source = "process P\nP: CreatePipe(&r, &w)\nP: CreateProcess(\"C\", hStdOutput=w, dwFlags=CREATE_NO_WINDOW)\n";
    ParseResult result = parse_scenario(source, "t.kos");
    CHECK(result.ok());
    CHECK(all_diagnostics(result, source) ==
          "t.kos:3:34: warning: Windows ignores hStdOutput unless dwFlags includes STARTF_USESTDHANDLES\n"
          "    3 | P: CreateProcess(\"C\", hStdOutput=w, dwFlags=CREATE_NO_WINDOW)\n"
          "      |                                  ^\n");
    CHECK(parse_scenario("process P\nP: CreateProcess(\"C\", hStdInput=1, dwFlags=STARTF_USESTDHANDLES | CREATE_NO_WINDOW)\n", "t")
              .diagnostics.empty());
}

TEST_CASE("error messages, word for word") {
    const std::string p = "process P\nprocess Q\n";
    CHECK(first_message("") == "0:0: the scenario has no statements");
    CHECK(first_message(p + "P: CreatFile(\"x\", 1, 1)\n") == "3:4: unknown call 'CreatFile'; did you mean 'CreateFile'?");
    CHECK(first_message(p + "P: x = 1 | GENERIC_RAED\n") == "3:12: unknown constant 'GENERIC_RAED'; did you mean 'GENERIC_READ'?");
    CHECK(first_message(p + "R: Sleep(1)\n") == "3:1: unknown process 'R'; declare it with 'process R' or start it with CreateProcess(\"R\", ...)");
    CHECK(first_message(p + "P: x = \"abc\n") == "3:8: unterminated string");
    CHECK(first_message(p + "P: x = \"a\\qb\"\n") == "3:10: unknown escape sequence '\\q'; write '\\\\' for a backslash or use a raw string r\"...\"");
    CHECK(first_message(p + "P: x = \"\\x\"\n") == "3:9: '\\x' needs one or two hex digits, like '\\x41'");
    CHECK(first_message(p + "P: Sleep(1, 2)\n") == "3:13: too many arguments: Sleep takes 1 input (dwMilliseconds)");
    CHECK(first_message(p + "P: CloseHandle(&h)\n") == "3:16: too many arguments: CloseHandle has no outputs ('&' arguments)");
    CHECK(first_message(p + "P: GetCurrentProcess(1)\n") == "3:22: too many arguments: GetCurrentProcess takes no arguments");
    CHECK(first_message(p + "P: SetHandleInformation(1)\n") == "3:4: missing arguments for SetHandleInformation: dwMask, dwFlags");
    CHECK(first_message(p + "P: ReadFile(1, lpBuffer=2, 3)\n") == "3:16: ReadFile's lpBuffer is an output: write 'lpBuffer=&variable' to keep it");
    CHECK(first_message(p + "P: Sleep(dwMilliseconds=&x)\n") == "3:10: Sleep's dwMilliseconds is an input, so it takes a value, not '&x'");
    CHECK(first_message(p + "P: Sleep(dwMiliseconds=1)\n") == "3:10: Sleep has no parameter 'dwMiliseconds'; did you mean 'dwMilliseconds'?");
    CHECK(first_message(p + "P: Sleep(1, dwMilliseconds=1)\n") == "3:13: Sleep's dwMilliseconds is given twice");
    CHECK(first_message(p + "P: CloseHandle(hFile)\n") == "3:16: 'hFile' is not set in P before this line");
    CHECK(first_message(p + "P: h = 1\nQ: CloseHandle(P.hh)\n") == "4:16: 'P.hh' is not set in P before this line; did you mean 'P.h'?");
    CHECK(first_message(p + "P: x = state(P)\n") == "3:8: state(...) reads the simulator's state, so it is allowed only in expect lines");
    CHECK(first_message(p + "P: Sleep(1)\nexpect state(1) == 1\n") == "4:14: state takes a process name, like state(Child)");
    CHECK(first_message(p + "P: Sleep(1)\nexpect valid(1, 2)\n") == "4:14: valid(Process, h) takes a process name first");
    CHECK(first_message(p + "P: Sleep(1)\nexpect valid(P)\n") == "4:14: valid takes a handle, like valid(h) or valid(Process, h)");
    CHECK(first_message(p + "P: Sleep(1)\nexpect hex(1, 2) == \"\"\n") == "4:8: hex takes 1 argument, not 2: hex(h)");
    CHECK(first_message(p + "P: Sleep(1)\nexpect usage() == 1\n") == "4:8: usage takes 1 or 2 arguments, not 0: usage(h) or usage(Process, h)");
    CHECK(first_message(p + "P: x = word(\"a\", \"b\")\n") == "3:18: word takes a number second, not a string");
    CHECK(first_message(p + "P: x = 99999999999999999999\n") == "3:8: integer literal too large");
    CHECK(first_message(p + "P: x = 0x10000000000000000\n") == "3:8: integer literal too large");
    CHECK(first_message(p + "P: x = " + std::string(300, '(') + "1" + std::string(300, ')') + "\n") ==
          "3:208: expression nested too deeply (more than 200 levels)");
    CHECK(first_message(p + "P: x = 1 $ 2\n") == "3:10: unexpected character '$'");
    CHECK(first_message(p + "P: x = 1\x01\n") == "3:9: unexpected control character 0x01");
    CHECK(first_message(p + "P: x = 1\xC0\n") == "3:9: unexpected byte 0xC0");
    CHECK(first_message("expect result == 1\n") == "1:1: expect needs a statement before it");
    CHECK(first_message(p + "P: Sleep(1)\nexpect result = 1\n") == "4:15: use '==' to compare, not '='");
    CHECK(first_message(p + "P: x = CreateEvent(TRUE, TRUE, FALSE) | 1\n") == "3:39: expected the end of the line after the call, found '|'");
    CHECK(first_message(p + "P: x = 1 + CreateEvent(TRUE, TRUE, FALSE)\n") == "3:12: CreateEvent makes a change, so it must be a statement of its own");
    CHECK(first_message(p + "P: CreateFile(1, GENERIC_READ, 0, OPEN_EXISTING)\n") == "3:15: CreateFile's lpFileName takes a string, not a number");
    CHECK(first_message(p + "P: CreateFile(\"f\", \"r\", 0, OPEN_EXISTING)\n") == "3:20: CreateFile's dwDesiredAccess takes a number, not a string");
    CHECK(first_message(p + "P: SetEnvironmentVariable(\"A\", 5)\n") == "3:32: SetEnvironmentVariable's lpValue takes a string or NULL, not a number");
    CHECK(first_message(p + "P: x = hex(1)\nP: hex(1)\n") == "4:4: hex(...) computes a value but keeps it nowhere; write 'x = hex(...)'");
    CHECK(first_message(p + "expct deadlock\n") == "3:1: unknown keyword 'expct'; did you mean 'expect'?");
    CHECK(first_message(p + "42\n") == "3:1: expected a statement like 'Sender: CloseHandle(h)' or a keyword, found '42'");
    CHECK(first_message(p + "hello world\n") ==
          "3:1: expected a statement like 'Sender: CloseHandle(h)' or a keyword (scenario, process, say, expect), found 'hello'");
    CHECK(first_message(p + "P: CreateProcess(\"P\")\n") ==
          "3:18: 'P' is declared with 'process' on line 1, so it already exists; CreateProcess must name a new process");
    CHECK(first_message(p + "C: Sleep(1)\nP: CreateProcess(\"C\")\n") == "3:1: 'C' does not exist yet: CreateProcess starts it on line 4");
    CHECK(first_message(p + "P: CloseHandle(Q)\n") == "3:16: 'Q' is a process; only observers such as state(Q) take a process");
    CHECK(first_message(p + "P: x = result\n") == "3:8: 'result' can be used only in expect lines");
    CHECK(first_message(p + "P: last_error = 1\n") == "3:4: 'last_error' is a reserved name (in expect lines it means the statement's last error)");
    CHECK(first_message(p + "P: Sleep(1)\nexpect deadlock\nexpect deadlock\n") == "5:1: 'expect deadlock' is already given on line 4");
    CHECK(first_message(p + "process P\n") == "3:9: process 'P' is already declared on line 1");
    CHECK(first_message("process expect\n") == "1:9: 'expect' is a reserved word, not a process name");
    CHECK(first_message(p + "say 1\n") == "3:5: expected a string after 'say', like say \"...\", found '1'");
    CHECK(first_message(p + "P: x = \"a\" + 1\n") == "3:12: '+' cannot join a string and a number; use hex() or dec() to turn a number into text");
    CHECK(first_message(p + "P: x = 1 | \"a\"\n") == "3:12: '|' combines numbers, not strings");
    CHECK(first_message(p + "P: x = - q\n") == "3:8: '-' can only come before a number, as in -1");
    CHECK(first_message(p + "P: GetStdHandle(&h)\n") == "3:17: too many arguments: GetStdHandle has no outputs ('&' arguments)");
    CHECK(first_message(p + "P: x = GetStdHandle(&h)\n") == "3:21: '&' outputs are for statements; a call inside an expression cannot set variables");
}

TEST_CASE("too many errors: 50, then a final note that parsing stopped") {
    std::string source = "process P\n";
    for (int i = 0; i < 200; ++i) source += "P: CloseHandle(h" + std::to_string(i) + ")\n";
    ParseResult result = parse_scenario(source, "t.kos");
    REQUIRE(result.diagnostics.size() == 51);
    CHECK(result.diagnostics.back().message == "too many errors; stopping");
    CHECK(format_diagnostic(result.diagnostics.back(), source, "t.kos") == "t.kos: error: too many errors; stopping\n");
}

TEST_CASE("to_source writes statements back; parsing that text gives the same text again") {
    const std::string source =
        "process Parent\n"
        "Parent: CreatePipe(&hRead, &hWrite, inherit=TRUE, 0)\n"
        "Parent: CreateProcess(\"Child\", \"child.exe \" + hex(hWrite), &pi, bInheritHandles=TRUE, dwFlags=STARTF_USESTDHANDLES, hStdOutput=hWrite)\n"
        "Parent: DuplicateHandle(GetCurrentProcess(), GetCurrentProcess(), GetCurrentProcess(), &hSelf, 0, TRUE, DUPLICATE_SAME_ACCESS)\n"
        "Parent: ok = ReadFile(hRead, &msg, 64, &n)\n"
        "Parent: ReadFile(hRead, lpNumberOfBytesRead=&n2, nNumberOfBytesToRead=8)\n"
        "Parent: x = (1 | 2) + (3 | 4) + 0x80000000 + -1\n"
        "Parent: s = \"q\\\"\\\\\\n\\r\\t\\0\\x01\" + r\"\\x\"\n"
        "Child: h = handle(word(GetCommandLine(), 1))\n"
        "Child: WriteFile(h, \"hello\")\n"
        "Parent: GetStdHandle(STD_INPUT_HANDLE)\n"
        "Parent: CloseHandle(pi.hThread)\n";
    auto first = parse_ok(source);
    std::string written = "process Parent\n";
    for (const Statement& s : first->statements) written += to_source(s) + "\n";
    CHECK(to_source(first->statements.at(0)) == "Parent: CreatePipe(&hRead, &hWrite, TRUE, 0)");
    CHECK(to_source(first->statements.at(4)) == "Parent: ReadFile(hRead, 8, lpNumberOfBytesRead=&n2)");
    CHECK(to_source(first->statements.at(5)) == "Parent: x = 1 | 2 + (3 | 4) + 0x80000000 + 0xFFFFFFFFFFFFFFFF");
    CHECK(to_source(first->statements.at(6)) == "Parent: s = \"q\\\"\\\\\\n\\r\\t\\0\\x01\" + \"\\\\x\"");
    auto second = parse_ok(written);
    REQUIRE(second->statements.size() == first->statements.size());
    for (std::size_t i = 0; i < first->statements.size(); ++i) {
        CHECK(to_source(second->statements[i]) == to_source(first->statements[i]));
        CHECK(second->statements[i].inputs.size() == first->statements[i].inputs.size());
        CHECK(second->statements[i].outputs == first->statements[i].outputs);
    }
}

TEST_CASE("builtin names, observers and operators") {
    for (std::size_t i = 0; i < builtin_count; ++i) {
        auto b = static_cast<Builtin>(i);
        CHECK(find_builtin(builtin_name(b)) == b);
    }
    CHECK_FALSE(find_builtin("Hex").has_value());
    CHECK_FALSE(is_observer(Builtin::word));
    CHECK(is_observer(Builtin::usage));
    CHECK(is_observer(Builtin::bytes));
    CHECK(to_string(CompareOp::LessEqual) == "<=");
    std::ostringstream out;
    out << SourceLocation{4, 11};
    CHECK(out.str() == "4:11");
}

TEST_CASE("lists: [h1, h2] binds to a list-of-handles parameter, may be kept in a variable and may be empty") {
    auto program = parse_ok("process P\nP: a = CreateEvent(NULL, TRUE, FALSE)\nP: b = CreateEvent(NULL, TRUE, FALSE)\n"
                            "P: r = WaitForMultipleObjects(2, [a, b], FALSE, 0)\nP: hs = [b, GetCurrentProcess()]\n"
                            "P: WaitForMultipleObjects(nCount=2, lpHandles=hs, bWaitAll=TRUE)\nP: none = []\n");
    const Statement& wait = program->statements[2];
    REQUIRE(wait.call == Call::WaitForMultipleObjects);
    const Expr& list = input(wait, "lpHandles");
    CHECK(list.kind == Expr::Kind::List);
    REQUIRE(list.args.size() == 2);
    CHECK(list.args[1].name == "b");
    CHECK(to_source(list) == "[a, b]");
    CHECK(given(wait, "dwMilliseconds"));
    CHECK(program->statements[3].kind == Statement::Kind::Assign);
    CHECK(program->statements[3].value.kind == Expr::Kind::List);
    CHECK(input(program->statements[4], "lpHandles").kind == Expr::Kind::Variable);
    CHECK(program->statements[5].value.args.empty());
}

TEST_CASE("lists: error messages, word for word") {
    const std::string p = "process P\nP: a = CreateEvent(NULL, TRUE, FALSE)\n";
    CHECK(first_message(p + "P: WaitForMultipleObjects(1, 5, FALSE)\n") ==
          "3:30: WaitForMultipleObjects's lpHandles takes a list of handles, like [h1, h2], not a number");
    CHECK(first_message(p + "P: WaitForMultipleObjects([a], [a], FALSE)\n") ==
          "3:27: WaitForMultipleObjects's nCount takes a number, not a list");
    CHECK(first_message(p + "P: CreateFile([a], GENERIC_READ, 0, OPEN_EXISTING)\n") == "3:15: CreateFile's lpFileName takes a string, not a list");
    CHECK(first_message(p + "P: x = [a, [a]]\n") == "3:12: a list cannot hold a list");
    CHECK(first_message(p + "P: x = [a] + 1\n") == "3:8: '+' does not take a list");
    CHECK(first_message(p + "P: x = [a b]\n") == "3:11: expected ',' or ']' after a list element, found 'b'");
    CHECK(first_message(p + "P: x = [a,\n") == "3:11: expected a value, found the end of the line");
}
