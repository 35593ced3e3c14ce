// File mappings: CreateFileMapping, OpenFileMapping, MapViewOfFile, UnmapViewOfFile. A view is a
// reference to its mapping with no handle: the mapping lives while any view or handle remains
// (Microsoft Learn CreateFileMappingA: "Mapped views of a file mapping object maintain internal
// references to the object, and a file mapping object does not close until all references to it
// are released ... These functions can be called in any order.").
#include <algorithm>

#include "model/internal.h"

namespace kosim::model {

namespace {

// The system's allocation granularity: views start on 64 KB boundaries and file offsets must be
// multiples of it (Microsoft Learn MapViewOfFile, dwFileOffsetLow; GetSystemInfo's
// dwAllocationGranularity is 65536 on every Windows version).
constexpr std::uint64_t allocation_granularity = 0x10000;
// Where the model places a process's first view (model choice: any address is Windows' to pick).
constexpr std::uint64_t first_view_address = 0x10000000;
constexpr std::uint32_t page_execute_writecopy = 0x80;
// The largest file a mapping may grow in the model's in-memory file system (model choice, 16 MB).
constexpr std::uint64_t max_grown_file = 16u << 20;

bool writable(std::uint32_t protect) { return protect == win32::PAGE_READWRITE || protect == win32::PAGE_EXECUTE_READWRITE; }
bool executable(std::uint32_t protect) {
    return protect == win32::PAGE_EXECUTE_READ || protect == win32::PAGE_EXECUTE_READWRITE || protect == page_execute_writecopy;
}

// The rights CreateFileMapping asks for its handle: read and query always, write for a writable
// protection, execute for an executable one (ReactOS dll/win32/kernel32/client/file/filemap.c
// CreateFileMappingW; Wine kernelbase CreateFileMappingW).
std::uint32_t create_access(std::uint32_t protect) {
    std::uint32_t access = win32::STANDARD_RIGHTS_REQUIRED | win32::SECTION_QUERY | win32::SECTION_MAP_READ;
    if (writable(protect)) access |= win32::SECTION_MAP_WRITE;
    if (executable(protect)) access |= win32::SECTION_MAP_EXECUTE;
    return access;
}

std::uint64_t round_up(std::uint64_t n) { return (n + allocation_granularity - 1) / allocation_granularity * allocation_granularity; }

}  // namespace

template <> Outcome WorldAccess::operation<Call::CreateFileMapping>(Process& p, CallArgs<Call::CreateFileMapping> a, Attempt) {
    using P = Params<Call::CreateFileMapping>;
    // flProtect: one page protection, optionally with SEC_* attributes above the low byte.
    // PAGE_NOACCESS, PAGE_EXECUTE and anything else fail with ERROR_INVALID_PARAMETER (Microsoft Learn
    // CreateFileMappingA, flProtect; Wine kernel32/tests/virtual.c test_MapViewOfFile: "fails on NT").
    const std::uint32_t protect = a.dword<P::flProtect>() & 0xFF;
    const bool known = protect == win32::PAGE_READONLY || protect == win32::PAGE_READWRITE || protect == win32::PAGE_WRITECOPY ||
                       protect == win32::PAGE_EXECUTE_READ || protect == win32::PAGE_EXECUTE_READWRITE || protect == page_execute_writecopy;
    if (!known) return fail(p, null_handle_value(), win32::ERROR_INVALID_PARAMETER);
    std::uint64_t size = (std::uint64_t{a.dword<P::dwMaximumSizeHigh>()} << 32) | a.dword<P::dwMaximumSizeLow>();
    const HandleValue h = a.handle<P::hFile>();
    ObjectId file = 0;
    if (h == invalid_handle_value) {
        // Backed by the paging file: the size must be given (Microsoft Learn CreateFileMappingA, hFile:
        // "the calling process must also specify a size").
        if (size == 0) return fail(p, null_handle_value(), win32::ERROR_INVALID_PARAMETER);
    } else {
        Resolved r = resolve(p, h);
        if (!r.object || r.object->kind != ObjectKind::File) return fail(p, null_handle_value(), win32::ERROR_INVALID_HANDLE);
        // The file must be open for reading, and for writing too when the protection writes (Microsoft
        // Learn CreateFileMappingA, flProtect: PAGE_READWRITE "the file handle ... must be created with
        // the GENERIC_READ and GENERIC_WRITE access rights"; Wine virtual.c test_MapViewOfFile).
        if (!can_read(r.access) || (writable(protect) && !can_write(r.access)))
            return fail(p, null_handle_value(), win32::ERROR_ACCESS_DENIED);
        const std::string path = std::get<FileObject>(r.object->state).path;
        std::string& contents = world.files_[path];
        if (size == 0) {
            // "An attempt to map a file with a length of 0 (zero) fails with an error code of
            // ERROR_FILE_INVALID" (Microsoft Learn CreateFileMappingA, Remarks).
            if (contents.empty()) return fail(p, null_handle_value(), win32::ERROR_FILE_INVALID);
            size = contents.size();
        } else if (size > contents.size()) {
            // A larger size grows the file when the protection writes; a read-only mapping cannot
            // (STATUS_SECTION_TOO_BIG, ERROR_NOT_ENOUGH_MEMORY: Microsoft Learn CreateFileMappingA,
            // dwMaximumSizeLow; Wine server/mapping.c create_mapping).
            if (!writable(protect)) return fail(p, null_handle_value(), win32::ERROR_NOT_ENOUGH_MEMORY);
            // The model's files live in memory: growth past max_grown_file fails the same way (model choice).
            if (size > max_grown_file) return fail(p, null_handle_value(), win32::ERROR_NOT_ENOUGH_MEMORY);
            contents.resize(size, '\0');
            note_file(path, contents.size());
        }
        file = r.object->id;
    }
    bool existed = false;
    Outcome out = create_named_sync(p, ObjectKind::FileMapping, a.flag<P::lpFileMappingAttributes>(), a.string<P::lpName>(),
                                    FileMappingObject{protect, size, file}, &existed);
    if (out.result.number == 0) return out;
    // create_named_sync grants the type's full access; CreateFileMapping asks for less.
    HandleEntry* e = p.handles.find(out.result.as_handle());
    KOSIM_VERIFY(e != nullptr);
    e->access = create_access(protect);
    // A new mapping of a file holds the file object: "Although an application may close the file
    // handle used to create a file mapping object, the system holds the corresponding file open"
    // (Microsoft Learn MapViewOfFile, Remarks). An existing mapping keeps its own file and size.
    if (!existed && file) add_reference(file);
    return out;
}

template <> Outcome WorldAccess::operation<Call::OpenFileMapping>(Process& p, CallArgs<Call::OpenFileMapping> a, Attempt) {
    using P = Params<Call::OpenFileMapping>;
    std::uint32_t access = a.dword<P::dwDesiredAccess>();
    // FILE_MAP_COPY alone opens for reading (ReactOS kernel32 OpenFileMappingW; Wine kernelbase OpenFileMappingW).
    if (access == win32::FILE_MAP_COPY) access = win32::SECTION_MAP_READ;
    return open_named(p, ObjectKind::FileMapping, access, a.flag<P::bInheritHandle>(), a.string<P::lpName>());
}

template <> Outcome WorldAccess::operation<Call::MapViewOfFile>(Process& p, CallArgs<Call::MapViewOfFile> a, Attempt) {
    using P = Params<Call::MapViewOfFile>;
    const Value null_address = Value::integer(0);
    Resolved r = resolve(p, a.handle<P::hFileMappingObject>());
    if (!r.object || r.object->kind != ObjectKind::FileMapping) return fail(p, null_address, win32::ERROR_INVALID_HANDLE);
    const std::uint32_t desired = a.dword<P::dwDesiredAccess>();
    // The handle must carry the rights the view asks for: FILE_MAP_WRITE needs SECTION_MAP_WRITE,
    // FILE_MAP_READ, FILE_MAP_COPY and 0 need SECTION_MAP_READ (Microsoft Learn MapViewOfFile,
    // dwDesiredAccess; Wine kernel32/tests/virtual.c test_MapViewOfFile maps with 0 successfully).
    std::uint32_t needed = win32::SECTION_MAP_READ;
    if (desired & win32::FILE_MAP_WRITE) needed |= win32::SECTION_MAP_WRITE;
    if (desired & win32::FILE_MAP_EXECUTE) needed |= win32::SECTION_MAP_EXECUTE;
    if (!has_access(r.access, needed)) return fail(p, null_address, win32::ERROR_ACCESS_DENIED);
    const auto& mapping = std::get<FileMappingObject>(r.object->state);
    // A writable view of a mapping that cannot be written: ERROR_ACCESS_DENIED (Wine virtual.c
    // test_MapViewOfFile, read-only and copy-on-write mappings with FILE_MAP_WRITE).
    if ((desired & win32::FILE_MAP_WRITE) && !writable(mapping.protect)) return fail(p, null_address, win32::ERROR_ACCESS_DENIED);
    const std::uint64_t offset = (std::uint64_t{a.dword<P::dwFileOffsetHigh>()} << 32) | a.dword<P::dwFileOffsetLow>();
    // The offset must be a multiple of the allocation granularity (Microsoft Learn MapViewOfFile:
    // "They must also match the memory allocation granularity of the system").
    if (offset % allocation_granularity != 0) return fail(p, null_address, win32::ERROR_MAPPED_ALIGNMENT);
    std::uint64_t size = a.dword<P::dwNumberOfBytesToMap>();
    // A view past the end of the mapping: STATUS_INVALID_VIEW_SIZE, ERROR_ACCESS_DENIED (Microsoft
    // Learn MapViewOfFile, dwNumberOfBytesToMap; Wine kernel32/tests/virtual.c test_MapViewOfFile).
    if (offset >= mapping.size || size > mapping.size - offset) return fail(p, null_address, win32::ERROR_ACCESS_DENIED);
    if (size == 0) size = mapping.size - offset;   // 0: to the end of the mapping
    // The lowest free 64 KB-aligned range at or above first_view_address (model choice).
    std::uint64_t address = first_view_address;
    for (const MappedView& v : p.views) {   // sorted by address
        if (address + round_up(size) <= v.address) break;
        address = std::max(address, round_up(v.address + v.size));
    }
    MappedView view{address, r.object->id, offset, size, desired};
    p.views.insert(std::upper_bound(p.views.begin(), p.views.end(), address,
                                    [](std::uint64_t x, const MappedView& v) { return x < v.address; }),
                   view);
    add_reference(view.mapping);
    return done(p, Value::integer(address));
}

template <> Outcome WorldAccess::operation<Call::UnmapViewOfFile>(Process& p, CallArgs<Call::UnmapViewOfFile> a, Attempt) {
    const std::uint64_t address = a.address<Params<Call::UnmapViewOfFile>::lpBaseAddress>();
    // The view containing the address goes (ReactOS ntoskrnl/mm/ARM3/section.c MiUnmapViewOfSection
    // looks the address up in the process's views); an address in no view fails with
    // ERROR_INVALID_ADDRESS (STATUS_NOT_MAPPED_VIEW), so a second unmap of one view fails.
    auto it = std::find_if(p.views.begin(), p.views.end(),
                           [&](const MappedView& v) { return address >= v.address && address - v.address < v.size; });
    if (it == p.views.end()) return fail(p, bool_value(false), win32::ERROR_INVALID_ADDRESS);
    const ObjectId mapping = it->mapping;
    const Pid pid = p.pid;
    p.views.erase(it);
    // The mapping goes with its last view when no handle is left.
    release_reference(mapping);
    return done(live_process(pid), bool_value(true));
}

void WorldAccess::unmap_all_views(Process& p) {
    std::vector<MappedView> views = std::move(p.views);
    p.views.clear();
    for (const MappedView& v : views) release_reference(v.mapping);
}

}  // namespace kosim::model
