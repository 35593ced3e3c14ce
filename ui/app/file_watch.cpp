// Polling file watcher for the open scenario.
#include "app/file_watch.h"

namespace kosim::ui {

void FileWatch::watch(const std::string& path) {
    path_ = path;
    seen_ = path.empty() ? std::nullopt : read();
    pending_.reset();
}

std::optional<FileWatch::Stamp> FileWatch::read() const {
    std::error_code ec;
    Stamp stamp;
    stamp.time = std::filesystem::last_write_time(path_, ec);
    if (ec) return std::nullopt;
    stamp.size = std::filesystem::file_size(path_, ec);
    if (ec) return std::nullopt;
    return stamp;
}

bool FileWatch::poll(double now_seconds) {
    if (path_.empty() || now_seconds < next_poll_) return false;
    next_poll_ = now_seconds + 0.25;
    auto now = read();
    if (!now || now == seen_) { pending_.reset(); return false; }
    if (pending_ != now) { pending_ = now; return false; }   // wait one poll for the writer to finish
    seen_ = now;
    pending_.reset();
    return true;
}

}  // namespace kosim::ui
