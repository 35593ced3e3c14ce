// GetEnvironmentStrings / SetEnvironmentStrings / ExpandEnvironmentStrings on the process's block.
#include "helpers.h"

using namespace kosim;
using namespace kosim::model;
using namespace kosim::model::test;

namespace {

Value expand(Machine& m, Pid p, std::string text, std::uint64_t size, Outcome* out_outcome = nullptr) {
    Outcome out = m.call(p, Call::ExpandEnvironmentStrings, {{"lpSrc", S(std::move(text))}, {"nSize", I(size)}});
    if (out_outcome) *out_outcome = out;
    return output(out, Call::ExpandEnvironmentStrings, "lpDst");
}

}  // namespace

TEST_CASE("GetEnvironmentStrings lays the block out as NAME=value entries, each NUL-ended, then one NUL") {
    Machine m;
    Pid a = m.process("A");
    Outcome empty = m.call(a, Call::GetEnvironmentStrings);
    CHECK(empty.result.text == std::string("\0", 1));
    m.call(a, Call::SetEnvironmentVariable, {{"lpName", S("AA")}, {"lpValue", S("1")}});
    m.call(a, Call::SetEnvironmentVariable, {{"lpName", S("BB")}, {"lpValue", S("two")}});
    Outcome block = m.call(a, Call::GetEnvironmentStrings);
    CHECK(block.result.text == std::string("AA=1\0BB=two\0\0", 13));
}

// Wine kernel32/tests/environ.c test_SetEnvironmentStrings.
TEST_CASE("SetEnvironmentStrings replaces the whole block, and bad entries change nothing") {
    Machine m;
    Pid a = m.process("A");
    m.call(a, Call::SetEnvironmentVariable, {{"lpName", S("testenv1")}, {"lpValue", S("heis")}});
    m.call(a, Call::SetEnvironmentVariable, {{"lpName", S("testenv2")}, {"lpValue", S("dyo")}});
    Outcome set = m.call(a, Call::SetEnvironmentStrings, {{"NewEnvironment", S(std::string("testenv1=unus\0testenv3=tres\0", 28))}});
    REQUIRE(ok(set));
    CHECK(m.proc(a).environment == std::vector<std::pair<std::string, std::string>>{{"testenv1", "unus"}, {"testenv3", "tres"}});

    for (std::string bad : {std::string("testenv\0", 8), std::string("=unus\0", 6)}) {
        CAPTURE(bad);
        Outcome refused = m.call(a, Call::SetEnvironmentStrings, {{"NewEnvironment", S(bad)}});
        CHECK(refused.result.number == 0);
        CHECK(refused.last_error == ERROR_INVALID_PARAMETER);
        CHECK(m.proc(a).environment.size() == 2);
    }
    REQUIRE(ok(m.call(a, Call::SetEnvironmentStrings, {{"NewEnvironment", S("one=two=three four=five")}})));
    CHECK(m.proc(a).environment == std::vector<std::pair<std::string, std::string>>{{"one", "two=three four=five"}});
}

// Wine kernel32/tests/environ.c test_ExpandEnvironmentStringsA, its table of cases.
TEST_CASE("ExpandEnvironmentStrings: values replaced, unknown names kept, the ANSI size rule") {
    Machine m;
    Pid a = m.process("A");
    m.call(a, Call::SetEnvironmentVariable, {{"lpName", S("TVAR")}, {"lpValue", S("WINE")}});
    Outcome out;
    CHECK(expand(m, a, "%TVAR% long long", 16, &out).text == "WINE long long");
    CHECK(out.result.number == 15);
    CHECK(expand(m, a, "%tvar%%TVAR% long", 15, &out).text == "WINEWINE long");   // names are case-insensitive
    CHECK(out.result.number == 14);
    CHECK(expand(m, a, "%TVAR2% long long", 19, &out).text == "%TVAR2% long long");
    CHECK(out.result.number == 18);
    CHECK(expand(m, a, "%TVAR long long", 17, &out).text == "%TVAR long long");
    CHECK(out.result.number == 16);
    // Too small (below length + 2): length + 2, nothing written, the last error left alone.
    for (std::uint64_t size : {0, 1, 15, 16}) {
        CAPTURE(size);
        CHECK(expand(m, a, "Long long value", size, &out).is_none());
        CHECK(out.result.number == 17);
        CHECK(out.last_error == 0);
    }
    CHECK(expand(m, a, "Long long value", 17, &out).text == "Long long value");
    CHECK(out.result.number == 16);
    CHECK(expand(m, a, "%TVAR% long long", 15, &out).is_none());
    CHECK(out.result.number == 16);
}
