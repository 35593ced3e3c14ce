// The web page's address and title (ui/view_models/page_address.h): what a link opens and what the
// page writes back as the user steps.
#include <doctest/doctest.h>

#include "view_models/page_address.h"
#include "view_models/session.h"

using namespace kosim;
using namespace kosim::ui;

TEST_CASE("a link's address names the scenario, step, language and theme") {
    const PageAddress a = parse_page_address("?scenario=02-creation-vs-inheritance&step=4&lang=ko&theme=dark");
    CHECK(a.scenario == "02-creation-vs-inheritance");
    REQUIRE(a.step.has_value());
    CHECK(*a.step == 4);
    REQUIRE(a.language.has_value());
    CHECK(*a.language == Language::Korean);
    CHECK(a.theme == "dark");
    CHECK(format_page_address(a) == "?scenario=02-creation-vs-inheritance&step=4&lang=ko&theme=dark");
}

TEST_CASE("a mangled address still opens the page: bad values are ignored, not guessed") {
    const PageAddress a = parse_page_address("step=4x&lang=fr&&=&scenario&unknown=1&step=-1");
    CHECK(a.scenario.empty());
    CHECK_FALSE(a.step.has_value());
    CHECK_FALSE(a.language.has_value());
    CHECK(parse_page_address("").scenario.empty());
    CHECK(parse_page_address("?").scenario.empty());
    CHECK_FALSE(parse_page_address("?step=99999999999999999999999").step.has_value());
}

TEST_CASE("the address is percent-encoded as URLSearchParams does, and decodes back") {
    PageAddress a;
    a.scenario = "my file & 한.kos";
    a.step = 0;
    const std::string text = format_page_address(a);
    CHECK(text == "?scenario=my+file+%26+%ED%95%9C.kos&step=0");
    CHECK(parse_page_address(text).scenario == a.scenario);
    CHECK(parse_page_address("?scenario=100%&step=2").scenario == "100%");   // a lone '%' stays
    CHECK(parse_page_address("?scenario=a%2").scenario == "a%2");
}

TEST_CASE("the page's address and title follow the session as it steps") {
    Session session;
    REQUIRE(session.open("02-creation-vs-inheritance"));
    Intent seek;
    seek.kind = Intent::Kind::Seek;
    seek.step = 4;
    session.apply(seek);
    const std::string total = std::to_string(session.step_count());
    CHECK(page_title(session) == "kosim - 02-creation-vs-inheritance - step 4/" + total);
    CHECK(format_page_address(page_address_of(session, "light")) == "?scenario=02-creation-vs-inheritance&step=4&lang=en&theme=light");
    Intent forward;
    forward.kind = Intent::Kind::Forward;
    session.apply(forward);
    CHECK(page_title(session) == "kosim - 02-creation-vs-inheritance - step 5/" + total);
    CHECK(*page_address_of(session, "dark").step == 5);
}
