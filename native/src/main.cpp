// kosim-native.exe: `kosim-native SCENARIO --json FILE` runs a scenario on real Win32 (the driver);
// started by the driver or by a scenario's CreateProcess, it is an agent (it finds its channel by pid).
#include <cstdio>
#include <cstring>
#include <string>

#include "agent.h"
#include "channel.h"
#include "driver.h"

namespace {

int usage() {
    std::fputs("usage: kosim-native SCENARIO [--json FILE] [--grace MS] [--settle MS]\n"
               "Runs a kosim scenario (a .kos path or a built-in's name) with real Win32 calls, one\n"
               "process per scenario process, and writes the trace (the schema of `kosim run --json`).\n", stderr);
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    kosim::native::AgentChannel channel;
    if (channel.open(GetCurrentProcessId())) return kosim::native::run_agent(channel);

    kosim::native::DriverOptions options;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        auto next = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
        if (arg == "--json") {
            const char* v = next();
            if (!v) return usage();
            options.json_path = v;
        } else if (arg == "--grace") {
            const char* v = next();
            if (!v) return usage();
            options.grace_ms = static_cast<unsigned>(std::stoul(v));
        } else if (arg == "--settle") {
            const char* v = next();
            if (!v) return usage();
            options.settle_ms = static_cast<unsigned>(std::stoul(v));
        } else if (arg == "--help" || arg == "-h") {
            usage();
            return 0;
        } else if (options.scenario.empty() && !arg.starts_with("--")) {
            options.scenario = arg;
        } else {
            return usage();
        }
    }
    if (options.scenario.empty()) return usage();
    return kosim::native::run_driver(options);
}
