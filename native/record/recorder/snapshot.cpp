#include "snapshot.h"

#include <algorithm>

#include "../../src/object_info.h"

namespace kosim::record {

namespace {

using native::compare_object_handles;
using native::object_type_name;
using native::utf8_of;

// ObjectNameInformation can wait forever on a file handle with synchronous I/O in progress (a
// child blocked in ReadFile on a pipe), so names are asked only of the types where it cannot.
std::string object_name(HANDLE h, const std::string& type) {
    if (type != "Event" && type != "Mutant" && type != "Semaphore" && type != "Section" && type != "Timer") return "";
    alignas(8) unsigned char buffer[2048];
    ULONG length = 0;
    if (NtQueryObject(h, static_cast<OBJECT_INFORMATION_CLASS>(1 /* ObjectNameInformation */), buffer, sizeof buffer, &length) < 0)
        return "";
    return utf8_of(*reinterpret_cast<UNICODE_STRING*>(buffer));
}

std::vector<unsigned char> system_handles() {
    std::vector<unsigned char> buffer;
    ULONG size = 1 << 18;
    for (int attempt = 0; attempt < 10; ++attempt) {
        buffer.assign(size, 0);
        ULONG needed = 0;
        NTSTATUS status = NtQuerySystemInformation(static_cast<SYSTEM_INFORMATION_CLASS>(native::system_extended_handle_information),
                                                   buffer.data(), size, &needed);
        if (status >= 0) return buffer;
        size = needed > size ? needed + (1 << 16) : size * 2;
    }
    buffer.clear();
    return buffer;
}

}  // namespace

std::map<DWORD, std::vector<RealEntry>> snapshot(const std::vector<RealProcess>& processes) {
    std::map<DWORD, std::vector<RealEntry>> tables;
    std::map<DWORD, const RealProcess*> by_pid;
    for (const RealProcess& p : processes) {
        by_pid[p.pid] = &p;
        tables[p.pid];
    }
    std::vector<unsigned char> buffer = system_handles();
    if (buffer.empty()) return tables;
    const auto* info = reinterpret_cast<const native::SystemHandleInformationEx*>(buffer.data());

    struct Held {
        DWORD pid;
        std::size_t index;
        HANDLE duplicate;
        const void* address;
    };
    std::vector<Held> held;
    for (ULONG_PTR i = 0; i < info->NumberOfHandles; ++i) {
        const native::SystemHandleEntryEx& e = info->Handles[i];
        auto it = by_pid.find(static_cast<DWORD>(e.UniqueProcessId));
        if (it == by_pid.end() || it->second->hidden.contains(e.HandleValue)) continue;
        RealEntry entry;
        entry.value = e.HandleValue;
        entry.access = e.GrantedAccess;
        entry.inherit = (e.HandleAttributes & native::obj_inherit) != 0;
        entry.protect = (e.HandleAttributes & native::obj_protect_close) != 0;
        std::vector<RealEntry>& table = tables[it->first];
        HANDLE duplicate = nullptr;
        if (DuplicateHandle(it->second->process, reinterpret_cast<HANDLE>(e.HandleValue), GetCurrentProcess(), &duplicate, 0,
                            FALSE, DUPLICATE_SAME_ACCESS)) {
            entry.type = object_type_name(duplicate);
            entry.name = object_name(duplicate, entry.type);
            // Wine keeps wait handles of its own (no type name) beside a process's synchronous pipe
            // I/O, the hook's included; Windows has none. They are not the program's.
            if (entry.type.empty()) {
                CloseHandle(duplicate);
                continue;
            }
            held.push_back({it->first, table.size(), duplicate, e.Object});
        } else {
            continue;   // not duplicable: system-internal (EtwRegistration on Windows, Wine's wait handles)
        }
        table.push_back(std::move(entry));
    }

    // Identity: CompareObjectHandles (Windows 10, Wine), else the object address (older Windows).
    std::vector<std::vector<std::size_t>> groups;   // indices into held
    for (std::size_t i = 0; i < held.size(); ++i) {
        RealEntry& entry = tables[held[i].pid][held[i].index];
        std::size_t g = 0;
        for (; g < groups.size(); ++g) {
            const Held& first = held[groups[g].front()];
            if (tables[first.pid][first.index].type != entry.type) continue;
            bool same = compare_object_handles() ? compare_object_handles()(first.duplicate, held[i].duplicate) != FALSE
                                           : (first.address && first.address == held[i].address);
            if (same) break;
        }
        if (g == groups.size()) groups.emplace_back();
        groups[g].push_back(i);
        entry.group = static_cast<int>(g);
    }
    for (const std::vector<std::size_t>& group : groups) {
        native::ObjectBasicInformation basic{};
        ULONG length = 0;
        std::uint32_t count = 0;
        if (NtQueryObject(held[group.front()].duplicate, static_cast<OBJECT_INFORMATION_CLASS>(native::object_basic_information), &basic,
                          sizeof basic, &length) >= 0)
            count = basic.HandleCount > group.size() ? static_cast<std::uint32_t>(basic.HandleCount - group.size()) : 0;
        for (std::size_t i : group) tables[held[i].pid][held[i].index].handle_count = count;
    }
    for (const Held& h : held) CloseHandle(h.duplicate);
    for (auto& [pid, table] : tables)
        std::sort(table.begin(), table.end(), [](const RealEntry& a, const RealEntry& b) { return a.value < b.value; });
    return tables;
}

}  // namespace kosim::record
