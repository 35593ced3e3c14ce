// The call table is the one list of calls: the doc's reference table, the parameter names code
// reads arguments by, and the runtime look-ups all agree with it.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "program/call_params.h"
#include "program/call_reference.h"
#include "program/calls.h"

using namespace kosim;

namespace {

const std::string doc_path = std::string(KOSIM_SOURCE_DIR) + "/docs/scenario-language.md";

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

// KOSIM_UPDATE_DOCS=1 rewrites the section instead of failing (see docs/architecture.md).
TEST_CASE("docs/scenario-language.md's call table is the call table") {
    std::string doc = read_file(doc_path);
    REQUIRE_MESSAGE(!doc.empty(), "cannot read " << doc_path);
    std::size_t begin = doc.find(call_reference_begin);
    std::size_t end = doc.find(call_reference_end);
    REQUIRE_MESSAGE(begin != std::string::npos, doc_path << " has no line " << call_reference_begin);
    REQUIRE_MESSAGE(end != std::string::npos, doc_path << " has no line " << call_reference_end);
    REQUIRE(end > begin);
    std::size_t table_start = begin + call_reference_begin.size() + 1;  // after the marker's newline
    std::string in_doc = doc.substr(table_start, end - table_start);
    std::string generated = call_reference_markdown();
    const char* update = std::getenv("KOSIM_UPDATE_DOCS");
    if (update && std::string(update) == "1" && in_doc != generated) {
        std::ofstream(doc_path, std::ios::binary) << doc.substr(0, table_start) << generated << doc.substr(end);
        MESSAGE("rewrote the call table in " << doc_path);
        return;
    }
    CHECK_MESSAGE(in_doc == generated, doc_path << " lists other calls than sim/program/calls.def; "
                                       "regenerate with KOSIM_UPDATE_DOCS=1 build/tests/kosim_program_tests");
}

TEST_CASE("each call's parameter names are unique, so a name finds one parameter") {
    for (const CallInfo& info : all_calls()) {
        std::set<std::string_view> names;
        for (std::size_t i = 0; i < info.params.size(); ++i) {
            const Param& param = info.params[i];
            CAPTURE(info.name);
            CAPTURE(param.name);
            CHECK(names.insert(param.name).second);
            if (!param.alias.empty()) CHECK(names.insert(param.alias).second);
            CHECK(param_index(info, param.name) == static_cast<int>(i));
            if (!param.alias.empty()) CHECK(param_index(info, param.alias) == static_cast<int>(i));
        }
    }
}

TEST_CASE("the compile-time parameter tags match the runtime table") {
    // A few tags checked against the names the parser binds by (a wrong index would read another argument).
    using D = Params<Call::DuplicateHandle>;
    const CallInfo& duplicate = call_info(Call::DuplicateHandle);
    CHECK(duplicate.params[D::hSourceHandle::index].name == "hSourceHandle");
    CHECK(duplicate.params[D::lpTargetHandle::index].name == "lpTargetHandle");
    CHECK(duplicate.params[D::dwOptions::index].name == "dwOptions");
    CHECK(Params<Call::DuplicateHandle>::count == duplicate.params.size());
    using C = Params<Call::CreateProcess>;
    const CallInfo& create = call_info(Call::CreateProcess);
    CHECK(create.params[C::hStdError::index].name == "hStdError");
    CHECK(create.params[C::lpProcessInformation::index].direction == Direction::Out);
    CHECK(Params<Call::GetCurrentProcess>::count == 0);
    using S = Params<Call::SetLastError>;
    CHECK(call_info(Call::SetLastError).params[S::dwErrCode::index].name == "dwErrCode");
}

TEST_CASE("CallArgs reads arguments by name and writes outputs by name") {
    using P = Params<Call::WriteFile>;
    std::vector<Value> values{Value::handle(HandleValue{0x1C}), Value::string("hi"), Value::integer(whole_buffer), Value::none()};
    CallArgs<Call::WriteFile> args(values);
    CHECK(args.handle<P::hFile>() == HandleValue{0x1C});
    REQUIRE(args.string<P::lpBuffer>() != nullptr);
    CHECK(*args.string<P::lpBuffer>() == "hi");
    CHECK(args.number<P::nNumberOfBytesToWrite>() == whole_buffer);
    CHECK(args.dword<P::nNumberOfBytesToWrite>() == 0xFFFFFFFFu);
    OutputValues outputs;
    write_output<P::lpNumberOfBytesWritten>(outputs, Value::integer(2));
    REQUIRE(outputs.size() == 1);
    CHECK(outputs[0].first == param_index(call_info(Call::WriteFile), "lpNumberOfBytesWritten"));
}

TEST_CASE("find_call accepts the A and W forms and nothing else") {
    CHECK(find_call("SetLastError") == Call::SetLastError);
    CHECK(find_call("CreateFileA") == Call::CreateFile);
    CHECK(find_call("CreateFileW") == Call::CreateFile);
    CHECK_FALSE(find_call("CreateFileX").has_value());
    CHECK(all_calls().size() == call_count);
    for (std::size_t i = 0; i < all_calls().size(); ++i) CHECK(static_cast<std::size_t>(all_calls()[i].call) == i);
}
