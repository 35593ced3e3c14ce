// File mappings: a view holds its mapping's usage_count with no handle; the mapping holds its file.
#include "helpers.h"

using namespace kosim;
using namespace kosim::model;
using namespace kosim::model::test;

namespace {

Outcome create_mapping(Machine& m, Pid pid, std::uint64_t protect, std::uint64_t size, const char* name = nullptr) {
    if (name)
        return m.call(pid, Call::CreateFileMapping, {{"hFile", H(invalid_handle_value)}, {"flProtect", I(protect)}, {"dwMaximumSizeHigh", I(0)},
                                                     {"dwMaximumSizeLow", I(size)}, {"lpName", S(name)}});
    return m.call(pid, Call::CreateFileMapping,
                  {{"hFile", H(invalid_handle_value)}, {"flProtect", I(protect)}, {"dwMaximumSizeHigh", I(0)}, {"dwMaximumSizeLow", I(size)}});
}

Outcome map_view(Machine& m, Pid pid, const Value& mapping, std::uint64_t access, std::uint64_t offset = 0, std::uint64_t bytes = 0) {
    return m.call(pid, Call::MapViewOfFile, {{"hFileMappingObject", H(mapping)}, {"dwDesiredAccess", I(access)},
                                            {"dwFileOffsetLow", I(offset)}, {"dwNumberOfBytesToMap", I(bytes)}});
}

}  // namespace

// Microsoft Learn CreateFileMappingA: "Mapped views of a file mapping object maintain internal
// references to the object ... These functions can be called in any order."
TEST_CASE("a mapped view holds its mapping's usage_count with no handle, and the last reference destroys it") {
    Machine m;
    Pid a = m.process("A");
    Outcome map = create_mapping(m, a, PAGE_READWRITE, 0x10000, "shared");
    REQUIRE(ok(map));
    const ObjectId id = m.object_of(a, map.result).id;
    CHECK(m.object_of(a, map.result).kind == ObjectKind::FileMapping);
    CHECK(win32_type_name(ObjectKind::FileMapping) == "Section");
    Outcome view = map_view(m, a, map.result, FILE_MAP_WRITE);
    REQUIRE(view.result.number != 0);
    CHECK(view.result.kind == Value::Kind::Int);   // an address, not a handle
    CHECK(m.world.object(id)->usage_count == 2);
    CHECK(m.world.object(id)->handle_count == 1);
    std::vector<Holder> holders = m.world.holders(id);
    REQUIRE(holders.size() == 2);
    CHECK(holders[1].kind == Holder::Kind::MappedView);
    CHECK(holders[1].address == view.result.number);
    m.call(a, Call::CloseHandle, {{"hObject", H(map.result)}});
    REQUIRE(m.world.object(id) != nullptr);
    CHECK(m.world.object(id)->handle_count == 0);
    CHECK(m.world.object(id)->usage_count == 1);
    // The name went with the last handle although the object lives (ReactOS ObpDeleteNameCheck).
    CHECK(m.world.find_named("shared") == nullptr);
    CHECK(m.call(a, Call::UnmapViewOfFile, {{"lpBaseAddress", view.result}}).result.number == 1);
    CHECK(m.world.object(id) == nullptr);
    CHECK(m.world.find_named("shared") == nullptr);
    // The same address again is no view: ERROR_INVALID_ADDRESS (STATUS_NOT_MAPPED_VIEW).
    Outcome again = m.call(a, Call::UnmapViewOfFile, {{"lpBaseAddress", view.result}});
    CHECK(again.result.number == 0);
    CHECK(again.last_error == ERROR_INVALID_ADDRESS);
}

TEST_CASE("views are placed on 64 KB boundaries, do not overlap, and go when their process exits") {
    Machine m;
    Pid a = m.process("A");
    Outcome map = create_mapping(m, a, PAGE_READWRITE, 0x30000);
    Outcome v1 = map_view(m, a, map.result, FILE_MAP_READ, 0, 0x1000);
    Outcome v2 = map_view(m, a, map.result, FILE_MAP_READ, 0x10000, 0);
    REQUIRE(v1.result.number != 0);
    REQUIRE(v2.result.number != 0);
    CHECK(v1.result.number % 0x10000 == 0);
    CHECK(v2.result.number % 0x10000 == 0);
    CHECK(v2.result.number >= v1.result.number + 0x10000);
    CHECK(m.proc(a).views.size() == 2);
    CHECK(m.proc(a).views[1].size == 0x20000);   // 0 maps to the end of the mapping
    const ObjectId id = m.object_of(a, map.result).id;
    CHECK(m.world.object(id)->usage_count == 3);
    // Unmapping the first frees its range for the next view.
    m.call(a, Call::UnmapViewOfFile, {{"lpBaseAddress", v1.result}});
    Outcome v3 = map_view(m, a, map.result, FILE_MAP_READ, 0, 0x1000);
    CHECK(v3.result.number == v1.result.number);
    m.call(a, Call::CloseHandle, {{"hObject", H(map.result)}});
    CHECK(m.world.object(id)->usage_count == 2);
    m.call(a, Call::ExitProcess, {{"uExitCode", I(0)}});
    CHECK(m.proc(a).views.empty());
    CHECK(m.world.object(id) == nullptr);
}

TEST_CASE("MapViewOfFile checks the handle's rights, the offset's alignment and the view's size") {
    Machine m;
    Pid a = m.process("A");
    Outcome rw = create_mapping(m, a, PAGE_READWRITE, 0x10000, "rw");
    CHECK(m.world.entry(a, rw.result.as_handle())->access == (STANDARD_RIGHTS_REQUIRED | SECTION_QUERY | SECTION_MAP_READ | SECTION_MAP_WRITE));
    Outcome read_only = m.call(a, Call::OpenFileMapping, {{"dwDesiredAccess", I(FILE_MAP_READ)}, {"bInheritHandle", I(0)}, {"lpName", S("rw")}});
    REQUIRE(ok(read_only));
    CHECK(m.world.entry(a, read_only.result.as_handle())->access == SECTION_MAP_READ);
    Outcome denied = map_view(m, a, read_only.result, FILE_MAP_WRITE);
    CHECK(denied.result.number == 0);
    CHECK(denied.last_error == ERROR_ACCESS_DENIED);
    Outcome unaligned = map_view(m, a, rw.result, FILE_MAP_READ, 0x1000, 0x1000);
    CHECK(unaligned.last_error == ERROR_MAPPED_ALIGNMENT);
    Outcome too_big = map_view(m, a, rw.result, FILE_MAP_READ, 0, 0x10001);
    CHECK(too_big.result.number == 0);
    CHECK(too_big.last_error == ERROR_ACCESS_DENIED);
    Outcome ro = create_mapping(m, a, PAGE_READONLY, 0x10000);
    CHECK(map_view(m, a, ro.result, FILE_MAP_WRITE).last_error == ERROR_ACCESS_DENIED);
    CHECK(map_view(m, a, ro.result, 0).result.number != 0);   // 0 maps for reading
    // Not a mapping at all.
    Outcome event = m.call(a, Call::CreateEvent, {{"bManualReset", I(0)}, {"bInitialState", I(0)}});
    CHECK(map_view(m, a, event.result, FILE_MAP_READ).last_error == ERROR_INVALID_HANDLE);
    // A section is not waitable: no SYNCHRONIZE in its rights.
    Outcome wait = m.call(a, Call::WaitForSingleObject, {{"hHandle", H(rw.result)}, {"dwMilliseconds", I(0)}});
    CHECK(wait.result.number == WAIT_FAILED);
    CHECK(wait.last_error == ERROR_ACCESS_DENIED);
}

TEST_CASE("CreateFileMapping's argument rules: protection, pagefile size, names shared with events") {
    Machine m;
    Pid a = m.process("A");
    CHECK(create_mapping(m, a, PAGE_NOACCESS, 0x10000).last_error == ERROR_INVALID_PARAMETER);
    CHECK(create_mapping(m, a, PAGE_READWRITE, 0).last_error == ERROR_INVALID_PARAMETER);
    m.call(a, Call::CreateEvent, {{"bManualReset", I(0)}, {"bInitialState", I(0)}, {"lpName", S("taken")}});
    Outcome clash = create_mapping(m, a, PAGE_READWRITE, 0x10000, "taken");
    CHECK(clash.result.number == 0);
    CHECK(clash.last_error == ERROR_INVALID_HANDLE);
    Outcome first = create_mapping(m, a, PAGE_READWRITE, 0x10000, "m");
    Outcome second = create_mapping(m, a, PAGE_READWRITE, 0x20000, "m");
    CHECK(second.last_error == ERROR_ALREADY_EXISTS);
    CHECK(&m.object_of(a, first.result) == &m.object_of(a, second.result));
    CHECK(std::get<FileMappingObject>(m.object_of(a, second.result).state).size == 0x10000);   // the existing size
}

// Microsoft Learn MapViewOfFile: "the system holds the corresponding file open until the last view
// of the file is unmapped"; CreateFileMappingA: a file of length 0 fails with ERROR_FILE_INVALID.
TEST_CASE("a mapping of a file holds the file object, and needs the file's read and write rights") {
    Machine m;
    Pid a = m.process("A");
    Outcome file = m.call(a, Call::CreateFile, {{"lpFileName", S("data.bin")}, {"dwDesiredAccess", I(GENERIC_READ | GENERIC_WRITE)},
                                               {"dwCreationDisposition", I(CREATE_ALWAYS)}});
    REQUIRE(ok(file));
    auto map_file = [&](const Value& f, std::uint64_t protect, std::uint64_t size) {
        return m.call(a, Call::CreateFileMapping,
                      {{"hFile", H(f)}, {"flProtect", I(protect)}, {"dwMaximumSizeHigh", I(0)}, {"dwMaximumSizeLow", I(size)}});
    };
    CHECK(map_file(file.result, PAGE_READWRITE, 0).last_error == ERROR_FILE_INVALID);
    Outcome grown = map_file(file.result, PAGE_READWRITE, 100);
    REQUIRE(ok(grown));
    CHECK(m.world.files().at("DATA.BIN").size() == 100);   // a writable mapping grows the file
    const ObjectId file_id = m.object_of(a, file.result).id;
    CHECK(m.world.object(file_id)->usage_count == 2);
    CHECK(m.world.holders(file_id).back().kind == Holder::Kind::MappingFile);
    Outcome view = map_view(m, a, grown.result, FILE_MAP_READ);
    m.call(a, Call::CloseHandle, {{"hObject", H(file.result)}});
    m.call(a, Call::CloseHandle, {{"hObject", H(grown.result)}});
    CHECK(m.world.object(file_id) != nullptr);   // the view holds the mapping, the mapping the file
    m.call(a, Call::UnmapViewOfFile, {{"lpBaseAddress", view.result}});
    CHECK(m.world.object(file_id) == nullptr);
    Outcome reader = m.call(a, Call::CreateFile, {{"lpFileName", S("data.bin")}, {"dwDesiredAccess", I(GENERIC_READ)},
                                                 {"dwCreationDisposition", I(OPEN_EXISTING)}});
    CHECK(map_file(reader.result, PAGE_READWRITE, 0).last_error == ERROR_ACCESS_DENIED);
    CHECK(ok(map_file(reader.result, PAGE_READONLY, 0)));
    CHECK(map_file(reader.result, PAGE_READONLY, 200).last_error == ERROR_NOT_ENOUGH_MEMORY);
    Outcome other = m.call(a, Call::CreateFile, {{"lpFileName", S("other.bin")}, {"dwDesiredAccess", I(GENERIC_READ | GENERIC_WRITE)},
                                                {"dwCreationDisposition", I(CREATE_ALWAYS)}});
    REQUIRE(ok(other));
    CHECK(map_file(other.result, PAGE_READWRITE, 0xFFFFFFFF).last_error == ERROR_NOT_ENOUGH_MEMORY);   // the model's 16 MB cap
}
