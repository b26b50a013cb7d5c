#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Errors writing a file atomically; the description is one line naming the file (escaped with
/// `TerminalText`).
public struct FileWriteError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file that could not be written, as the caller named it.
    public let path: String
    /// What went wrong: the system's reason (`permission denied`) or a refusal (`is a FIFO (named pipe),
    /// not a regular file; refusing to replace it`).
    public let reason: String

    /// An error writing `path`.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// `<path>: cannot write: <reason>`, the path escaped.
    public var description: String { "\(TerminalText.escaped(path)): cannot write: \(reason)" }
}

/// Writes whole files so that a reader, or a process killed at any moment, sees either the previous file
/// or the complete new one, never a partial file: the bytes go to a temporary file in the target's
/// directory, are flushed with `fsync`, then `rename(2)` replaces the target (atomic within one file
/// system, POSIX), and the directory is flushed too.
///
/// Only regular files are replaced. A symbolic link is followed to its final target, which is replaced in
/// its own directory, so the link stays a link and points at the new file. A path that exists as anything
/// else (directory, FIFO, device, socket) is refused, so `--checkpoint /dev/null` cannot turn a device
/// node into a file, even as root.
public enum AtomicFile {
    /// Writes `bytes` to `path` (or to the file its symbolic links lead to), creating missing parent
    /// directories. An existing file keeps its permission bits; a new one gets 0644 less the umask.
    /// - Throws: `FileWriteError` naming `path` when any step fails; the temporary file is removed and the
    ///   previous file, if any, is left as it was.
    public static func write(_ bytes: [UInt8], to path: String) throws(FileWriteError) {
        func fail(_ reason: String) -> FileWriteError { FileWriteError(path: path, reason: reason) }
        let target = try finalTarget(of: path)
        let (directory, name) = split(target)
        guard !name.isEmpty, name != ".", name != ".." else { throw fail("no file name") }
        let nameMax = nameLimit(in: directory)
        guard name.utf8.count <= nameMax else {
            throw fail("file name too long (\(name.utf8.count) bytes; the file system allows \(nameMax))")
        }
        try makeDirectories(directory, for: path)
        var mode: mode_t = 0o644
        var info = stat()
        if lstat(target, &info) == 0 {
            let type = FileType(mode: info.st_mode)
            guard type == .regular else { throw fail(refusal(type, target: target, path: path)) }
            mode = info.st_mode & 0o7777
        }
        let stem = temporaryStem(for: name, nameMax: nameMax)
        removeStaleTemporaries(stem: stem, in: directory)
        let temporary = join(directory, "." + stem + ".\(getpid()).tmp")
        var fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode)
        if fd < 0 && errno == EEXIST {  // our own leftover (a reused pid): replace it once
            unlink(temporary)
            fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode)
        }
        guard fd >= 0 else {
            throw fail("cannot create a temporary file in \(TerminalText.escaped(directory)): \(SystemError.current)")
        }
        var failure = writeAll(fd, bytes)
        if failure == nil && fchmod(fd, mode) != 0 { failure = SystemError.current }
        if failure == nil && fsync(fd) != 0 { failure = SystemError.current }
        if close(fd) != 0 && failure == nil { failure = SystemError.current }
        if failure == nil && rename(temporary, target) != 0 { failure = SystemError.current }
        if let failure {
            unlink(temporary)
            throw fail(failure)
        }
        // Make the rename itself durable.
        let directoryFD = open(directory, O_RDONLY | O_CLOEXEC)
        if directoryFD >= 0 { _ = fsync(directoryFD); close(directoryFD) }
    }

    /// The file a write to `path` replaces: `path` itself, or the final target of the chain of symbolic
    /// links it names (relative links resolved against their own directory). The target need not exist.
    /// - Throws: `FileWriteError` for a chain of more than 40 links (`too many levels of symbolic links`)
    ///   or a path the system cannot look at (`permission denied`, `not a directory`).
    public static func finalTarget(of path: String) throws(FileWriteError) -> String {
        var current = path
        for _ in 0 ..< 40 {  // Linux's own limit on links followed in one lookup
            var info = stat()
            if lstat(current, &info) != 0 {
                if errno == ENOENT { return current }
                throw FileWriteError(path: path, reason: SystemError.current)
            }
            guard FileType(mode: info.st_mode) == .symbolicLink else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(current, &buffer, buffer.count - 1)
            guard length >= 0 else { throw FileWriteError(path: path, reason: SystemError.current) }
            let destination = String(decoding: buffer[0 ..< length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = destination.hasPrefix("/") ? destination : join(split(current).directory, destination)
        }
        throw FileWriteError(path: path, reason: SystemError.reason(ELOOP))
    }

    /// The temporary file's stem: `name` itself when `.<name>.<pid>.tmp` fits in `nameMax` bytes for any
    /// pid (10 digits), else a prefix of it (cut on a character boundary) and `~` and 16 hex digits of its
    /// FNV-1a hash, so temporaries of different long names differ and stale ones can still be recognised.
    static func temporaryStem(for name: String, nameMax: Int) -> String {
        let overhead = ".".utf8.count + ".4294967295.tmp".utf8.count
        if name.utf8.count + overhead <= nameMax { return name }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let digits = String(hash, radix: 16)
        let suffix = "~" + String(repeating: "0", count: 16 - digits.count) + digits
        var prefix = ""
        for character in name where prefix.utf8.count + character.utf8.count + suffix.utf8.count + overhead <= nameMax {
            prefix.append(character)
        }
        return prefix + suffix
    }

    // MARK: - Helpers

    /// Why `path` (whose final target is `target`, of `type`) is not replaced.
    private static func refusal(_ type: FileType, target: String, path: String) -> String {
        let via = target == path ? "" : "leads to \(TerminalText.escaped(target)), which "
        if type == .directory { return "\(via)is a directory" }
        return "\(via)is \(type.name), not a regular file; refusing to replace it"
    }

    /// `mkdir -p directory`, with the failing directory and the system's reason in the error.
    private static func makeDirectories(_ directory: String, for path: String) throws(FileWriteError) {
        var info = stat()
        if stat(directory, &info) == 0 {
            guard FileType(mode: info.st_mode) == .directory else {
                throw FileWriteError(path: path, reason: "\(TerminalText.escaped(directory)) is not a directory")
            }
            return
        }
        let parent = split(directory).directory
        if parent != directory { try makeDirectories(parent, for: path) }
        if mkdir(directory, 0o777) != 0 && errno != EEXIST {
            throw FileWriteError(path: path, reason: "cannot create directory \(TerminalText.escaped(directory)): \(SystemError.current)")
        }
    }

    /// Deletes `.<stem>.<pid>.tmp` files left by writers that were killed mid-write (their process is gone).
    private static func removeStaleTemporaries(stem: String, in directory: String) {
        guard let stream = opendir(directory) else { return }
        defer { closedir(stream) }
        let prefix = "." + stem + "."
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            guard name.hasPrefix(prefix) && name.hasSuffix(".tmp") else { continue }
            let pidText = name.dropFirst(prefix.count).dropLast(4)
            guard let pid = Int32(pidText), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(join(directory, name)) }
        }
    }

    /// The longest file name `directory`'s file system allows (`pathconf` `_PC_NAME_MAX`; 255 if unknown).
    private static func nameLimit(in directory: String) -> Int {
        var path = directory
        // The directory may not exist yet: ask its nearest existing ancestor.
        while true {
            errno = 0
            let limit = pathconf(path, Int32(_PC_NAME_MAX))
            if limit > 0 { return limit }
            let parent = split(path).directory
            if parent == path { return 255 }
            path = parent
        }
    }

    /// `path` split at its last `/`: the directory (`.` when there is none, `/` for the root) and the name.
    static func split(_ path: String) -> (directory: String, name: String) {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return (".", String(trimmed)) }
        let directory = trimmed[..<slash]
        return (directory.isEmpty ? "/" : String(directory), String(trimmed[trimmed.index(after: slash)...]))
    }

    /// `directory/name`.
    private static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}

/// Writes every byte of `bytes` to `fd`, retrying on EINTR; the errno reason on failure.
private func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> String? {
    bytes.withUnsafeBytes { raw -> String? in
        var offset = 0
        while offset < raw.count {
            let written = write(fd, raw.baseAddress! + offset, raw.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return SystemError.current
            }
            offset += written
        }
        return nil
    }
}
