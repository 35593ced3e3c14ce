// Argument checks and output files for the command line (cli/arguments.h).
#include "cli/arguments.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace kosim::cli {

const CLI::Validator& step_number() {
    static const CLI::Validator validator(
        [](std::string& text) -> std::string {
            if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos)
                return "takes a step number, 1 or more; '" + text + "' is not one";
            if (text.find_first_not_of('0') == std::string::npos) return "takes a step number, 1 or more; steps count from 1";
            if (text.size() - text.find_first_not_of('0') > 18) return "'" + text + "' is far past the end of any run";
            return {};
        },
        "STEP", "step number");
    return validator;
}

const CLI::Validator& non_empty_path() {
    static const CLI::Validator validator(
        [](std::string& text) -> std::string { return text.empty() ? "needs a file name, not an empty string" : ""; },
        "FILE", "non-empty path");
    return validator;
}

bool write_text_file(const std::string& path, const std::string& text, std::string& error) {
    const bool to_stdout = path == "-";
    errno = 0;
    std::FILE* file = to_stdout ? stdout : std::fopen(path.c_str(), "wb");
    if (!file) {
        error = "cannot write '" + path + "': " + std::strerror(errno);
        return false;
    }
    bool ok = std::fwrite(text.data(), 1, text.size(), file) == text.size();
    ok = std::fflush(file) == 0 && ok;
    int saved = errno;
    if (!to_stdout) {
        if (std::fclose(file) != 0 && ok) {
            ok = false;
            saved = errno;
        }
    }
    if (!ok) error = "cannot write '" + (to_stdout ? std::string("standard output") : path) + "': " +
                     std::strerror(saved != 0 ? saved : EIO);
    return ok;
}

}  // namespace kosim::cli
