#include "observe.h"

#include "object_info.h"
#include "win.h"

namespace kosim::native {

namespace {

HANDLE as_handle(std::uint64_t v) { return reinterpret_cast<HANDLE>(static_cast<std::uintptr_t>(v)); }

struct SystemTable {
    std::vector<unsigned char> buffer;
    std::vector<const SystemHandleEntryEx*> own;
};

SystemTable own_table() {
    SystemTable table;
    ULONG size = 1 << 16;
    for (int attempt = 0; attempt < 8; ++attempt) {
        table.buffer.assign(size, 0);
        ULONG needed = 0;
        NTSTATUS status = NtQuerySystemInformation(static_cast<SYSTEM_INFORMATION_CLASS>(system_extended_handle_information),
                                                   table.buffer.data(), size, &needed);
        if (status >= 0) break;
        size = needed > size ? needed + 4096 : size * 2;
        if (attempt == 7) return table;
    }
    auto* info = reinterpret_cast<const SystemHandleInformationEx*>(table.buffer.data());
    DWORD pid = GetCurrentProcessId();
    for (ULONG_PTR i = 0; i < info->NumberOfHandles; ++i)
        if (info->Handles[i].UniqueProcessId == pid) table.own.push_back(&info->Handles[i]);
    return table;
}

bool same_object(HANDLE a, HANDLE b, const SystemTable& table) {
    if (auto compare = compare_object_handles()) return compare(a, b) != FALSE;
    const void* oa = nullptr;
    const void* ob = nullptr;
    for (const SystemHandleEntryEx* e : table.own) {
        if (e->HandleValue == reinterpret_cast<ULONG_PTR>(a)) oa = e->Object;
        if (e->HandleValue == reinterpret_cast<ULONG_PTR>(b)) ob = e->Object;
    }
    return oa && oa == ob;
}

bool is_pseudo(std::uint64_t v) { return v >= ~std::uint64_t{0} - 5 || v == 0; }

}  // namespace

nlohmann::json observe_handles(const std::vector<std::pair<std::string, std::uint64_t>>& handles) {
    nlohmann::json result = nlohmann::json::array();
    SystemTable table = compare_object_handles() ? SystemTable{} : own_table();
    std::vector<bool> valid(handles.size(), false);
    for (std::size_t i = 0; i < handles.size(); ++i) {
        HANDLE h = as_handle(handles[i].second);
        nlohmann::json o{{"variable", handles[i].first}, {"valid", false}};
        DWORD flags = 0;
        if (!is_pseudo(handles[i].second) && GetHandleInformation(h, &flags)) {
            valid[i] = true;
            o["valid"] = true;
            o["inherit"] = (flags & HANDLE_FLAG_INHERIT) != 0;
            o["protect"] = (flags & HANDLE_FLAG_PROTECT_FROM_CLOSE) != 0;
            ObjectBasicInformation basic{};
            ULONG length = 0;
            if (NtQueryObject(h, static_cast<OBJECT_INFORMATION_CLASS>(object_basic_information), &basic, sizeof basic, &length) >= 0) {
                o["handle_count"] = basic.HandleCount;
                o["pointer_count"] = basic.PointerCount;
                o["granted_access"] = basic.GrantedAccess;
            }
            o["type"] = object_type_name(h);
            // Never asked of a pipe (GetFileType FILE_TYPE_PIPE): under Wine 8 the query waits forever
            // on a named pipe's end once the server has disconnected it (as the recorder found for
            // files behind a pending read, docs/record.md); a pipe's name is not observed.
            if (o["type"] != "File" || GetFileType(h) != FILE_TYPE_PIPE) o["name"] = object_name(h);
            // Which process a Process handle names: the driver holds one handle of its own to each
            // running agent and takes it out of the count (AgentBackend).
            if (o["type"] == "Process") o["pid"] = GetProcessId(h);
            int same_as = -1;
            for (std::size_t k = 0; k < i && same_as < 0; ++k)
                if (valid[k] && same_object(as_handle(handles[k].second), h, table)) same_as = static_cast<int>(k);
            o["same_as"] = same_as;
        }
        result.push_back(std::move(o));
    }
    return result;
}

nlohmann::json observe_table(const std::vector<std::pair<std::string, std::uint64_t>>& handles) {
    SystemTable table = own_table();
    nlohmann::json result = nlohmann::json::array();
    for (const SystemHandleEntryEx* e : table.own) {
        HANDLE h = reinterpret_cast<HANDLE>(e->HandleValue);
        int same_as = -1;
        for (std::size_t k = 0; k < handles.size() && same_as < 0; ++k) {
            if (is_pseudo(handles[k].second)) continue;
            HANDLE v = as_handle(handles[k].second);
            DWORD flags = 0;
            if (v == h || (GetHandleInformation(v, &flags) && same_object(v, h, table))) same_as = static_cast<int>(k);
        }
        result.push_back({{"value", static_cast<std::uint64_t>(e->HandleValue)}, {"type", object_type_name(h)},
                          {"inherit", (e->HandleAttributes & obj_inherit) != 0},
                          {"protect", (e->HandleAttributes & obj_protect_close) != 0}, {"same_as", same_as}});
    }
    return result;
}

std::vector<std::uint64_t> table_values() {
    std::vector<std::uint64_t> values;
    for (const SystemHandleEntryEx* e : own_table().own) values.push_back(e->HandleValue);
    return values;
}

}  // namespace kosim::native
