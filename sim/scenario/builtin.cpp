// The built-in scenarios (embedded from assets/scenarios) and loading a scenario by path or by name.
#include "scenario/builtin.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

namespace kosim::generated {
extern const BuiltinScenario builtin_table[];
extern const std::size_t builtin_table_size;
}  // namespace kosim::generated

namespace kosim {

namespace {

constexpr std::uintmax_t max_file_size = 64u * 1024u * 1024u;

const std::vector<BuiltinScenario>& sorted_builtins() {
    static const std::vector<BuiltinScenario> sorted = [] {
        std::vector<BuiltinScenario> list(generated::builtin_table, generated::builtin_table + generated::builtin_table_size);
        std::sort(list.begin(), list.end(), [](const BuiltinScenario& a, const BuiltinScenario& b) { return a.name < b.name; });
        return list;
    }();
    return sorted;
}

bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// A UTF-8 file name as a path: from a plain std::string, mingw's std::filesystem would read the
// bytes in the C runtime's code page and turn Hangul into other characters.
std::filesystem::path utf8_path(const std::string& text) { return std::filesystem::path(std::u8string(text.begin(), text.end())); }

// Reads the whole file, or sets `error` the way a compiler words it.
bool read_file(const std::string& path, std::string& contents, std::string& error) {
    std::error_code code;
    const std::filesystem::path file = utf8_path(path);
    if (std::filesystem::is_directory(file, code)) {
        error = "'" + path + "' is a folder, not a scenario file";
        return false;
    }
    // Only regular files: opening a FIFO with no writer blocks forever, and a device such as
    // /dev/zero never ends. Checked before open() so neither can hang.
    const std::filesystem::file_status status = std::filesystem::status(file, code);
    if (!code && status.type() != std::filesystem::file_type::regular && status.type() != std::filesystem::file_type::not_found) {
        const char* what = "not a regular file";
        switch (status.type()) {
        case std::filesystem::file_type::fifo: what = "a named pipe (FIFO)"; break;
        case std::filesystem::file_type::character: what = "a character device"; break;
        case std::filesystem::file_type::block: what = "a block device"; break;
        case std::filesystem::file_type::socket: what = "a socket"; break;
        default: break;
        }
        error = "'" + path + "' is " + what + ", not a regular file; a scenario must be a regular file";
        return false;
    }
    errno = 0;
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        error = "cannot open '" + path + "': " + std::strerror(errno != 0 ? errno : ENOENT);
        return false;
    }
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    in.seekg(0, std::ios::beg);
    if (size < 0) {
        // Not seekable (a pipe or device): read up to the cap.
        in.clear();
        contents.clear();
        char buffer[65536];
        while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
            contents.append(buffer, static_cast<std::size_t>(in.gcount()));
            if (contents.size() > max_file_size) break;
        }
    } else {
        if (static_cast<std::uintmax_t>(size) > max_file_size) {
            error = "'" + path + "' is too large (" + std::to_string(size) + " bytes); a scenario file may be at most 64 MiB";
            return false;
        }
        contents.resize(static_cast<std::size_t>(size));
        in.read(contents.data(), size);
        contents.resize(static_cast<std::size_t>(in.gcount()));
    }
    if (contents.size() > max_file_size) {
        error = "'" + path + "' is too large; a scenario file may be at most 64 MiB";
        return false;
    }
    if (in.bad()) {
        error = "cannot read '" + path + "': " + std::strerror(errno != 0 ? errno : EIO);
        return false;
    }
    return true;
}

}  // namespace

std::span<const BuiltinScenario> builtin_scenarios() { return sorted_builtins(); }

const BuiltinScenario* find_builtin_scenario(std::string_view name) {
    if (name.empty()) return nullptr;
    const BuiltinScenario* prefix_match = nullptr;
    std::size_t prefix_count = 0;
    for (const BuiltinScenario& scenario : sorted_builtins()) {
        if (scenario.name == name) return &scenario;
        if (scenario.name.substr(0, name.size()) == name) {
            prefix_match = &scenario;
            ++prefix_count;
        }
    }
    return prefix_count == 1 ? prefix_match : nullptr;
}

LoadedScenario load_scenario(std::string_view name_or_path) {
    LoadedScenario loaded;
    const std::string path(name_or_path);
    std::error_code code;
    const bool exists = !path.empty() && std::filesystem::exists(utf8_path(path), code);
    if (exists || ends_with(path, ".kos")) {
        loaded.file_name = path;
        if (!read_file(path, loaded.source, loaded.error)) return loaded;
        loaded.parsed = parse_scenario(loaded.source, loaded.file_name);
        return loaded;
    }
    if (const BuiltinScenario* builtin = find_builtin_scenario(name_or_path)) {
        loaded.file_name = "builtin:" + std::string(builtin->name);
        loaded.source = std::string(builtin->source);
        loaded.parsed = parse_scenario(loaded.source, loaded.file_name);
        return loaded;
    }
    loaded.file_name = path;
    loaded.error = "unknown scenario '" + path + "': no such file and no built-in by that name (`kosim list` shows them)";
    return loaded;
}

}  // namespace kosim
