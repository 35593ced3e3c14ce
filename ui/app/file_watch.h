// Notices when the open scenario file changes on disk (live editing during a lecture), by
// polling std::filesystem::last_write_time and size a few times a second.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace kosim::ui {

class FileWatch {
public:
    void watch(const std::string& path);   // "" stops watching
    // True once per change, after the file has been stable for one poll (editors write in steps).
    bool poll(double now_seconds);

private:
    struct Stamp {
        std::filesystem::file_time_type time;
        std::uintmax_t size = 0;
        bool operator==(const Stamp&) const = default;
    };
    std::optional<Stamp> read() const;
    std::string path_;
    std::optional<Stamp> seen_;
    std::optional<Stamp> pending_;
    double next_poll_ = 0;
};

}  // namespace kosim::ui
