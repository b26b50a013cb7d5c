#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Reading a file the user named, safely
//
// Only regular files (or symbolic links to them) are read. A FIFO, socket or device is refused before it
// is opened where possible (`stat`), and the open itself never waits (`O_NONBLOCK`: opening a FIFO
// without a writer would block forever) and is checked again with `fstat` on the descriptor, so a file
// swapped in between cannot slip through. The size is checked before anything is allocated, and the read
// stops one byte past the limit in case the file grows meanwhile.

/// Why a file could not be read. `description` is one line naming the file (escaped with
/// `TerminalText`): `<path>: <reason>`.
public struct InputFileError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What kind of problem, for callers that word some of them their own way.
    public enum Kind: Equatable, Sendable {
        /// No file at the path (ENOENT).
        case notFound
        /// The path is a directory.
        case directory
        /// The path is a FIFO, socket, device or other non-regular file.
        case notRegular(FileType)
        /// The file is larger than the limit for its kind.
        case tooLarge(size: Int, limit: Int)
        /// `open`, `fstat` or `read` failed with this errno (EACCES, ELOOP, ENAMETOOLONG, EIO, ...).
        case system(code: Int32)
    }

    /// The file as the user named it.
    public let path: String
    /// What is wrong.
    public let kind: Kind
    /// What the file should have been, for the size message: e.g. `a LeNet-5 checkpoint`.
    public let what: String

    /// The reason alone, e.g. `is a FIFO (named pipe), not a regular file`,
    /// `too many levels of symbolic links`, `is 5368709120 bytes, more than a config file can be (1048576)`.
    public var reason: String {
        switch kind {
        case .notFound: return "no such file"
        case .directory: return "is a directory"
        case .notRegular(let type): return "is \(type.name), not a regular file"
        case .tooLarge(let size, let limit):
            return "is \(size) bytes, more than \(what) can be (at most \(limit) bytes)"
        case .system(let code): return SystemError.reason(code)
        }
    }

    /// `<path>: <reason>`, the path escaped.
    public var description: String { "\(TerminalText.escaped(path)): \(reason)" }
}

/// Bounded, non-blocking reading of whole regular files.
public enum InputFile {
    /// Reads the whole file at `path`.
    ///
    /// - Parameters:
    ///   - path: the file as the user named it (symbolic links are followed).
    ///   - limit: the largest size accepted, in bytes; a larger file is refused before it is read.
    ///   - what: what the file should be, for the size message (`a LeNet-5 checkpoint`).
    /// - Returns: the file's bytes (at most `limit`).
    /// - Throws: `InputFileError`: `.notFound`, `.directory`, `.notRegular` (FIFO, socket, device),
    ///   `.tooLarge`, or `.system` with the errno of `stat`, `open` or `read`.
    public static func read(_ path: String, limit: Int, what: String) throws(InputFileError) -> [UInt8] {
        func fail(_ kind: InputFileError.Kind) -> InputFileError { InputFileError(path: path, kind: kind, what: what) }
        func failure(_ code: Int32) -> InputFileError { fail(code == ENOENT ? .notFound : .system(code: code)) }
        // Refuse special files without opening them (opening a device can have side effects).
        switch fileStatus(path) {
        case .failure(let error): throw failure(error.code)
        case .success(let status): try check(status.type, size: status.size, limit: limit, fail: fail)
        }
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { throw failure(errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure(errno) }
        let size = Int(info.st_size)
        try check(FileType(mode: info.st_mode), size: size, limit: limit, fail: fail)

        switch readAll(fd, expected: size, limit: limit) {
        case .failure(let error): throw failure(error.code)
        case .success(let bytes):
            guard bytes.count <= limit else { throw fail(.tooLarge(size: bytes.count, limit: limit)) }
            return bytes
        }
    }

    /// Throws unless `type` is a regular file of at most `limit` bytes.
    private static func check(_ type: FileType, size: Int, limit: Int,
                              fail: (InputFileError.Kind) -> InputFileError) throws(InputFileError) {
        switch type {
        case .regular: break
        case .directory: throw fail(.directory)
        default: throw fail(.notRegular(type))
        }
        guard size <= limit else { throw fail(.tooLarge(size: size, limit: limit)) }
    }
}

/// Reads `fd` to its end, but never more than `limit + 1` bytes (one past the limit shows the file grew
/// beyond it). `expected` (the size `fstat` gave) sizes the first buffer; EINTR is retried.
private func readAll(_ fd: Int32, expected: Int, limit: Int) -> Result<[UInt8], SystemCallError> {
    var bytes = [UInt8](repeating: 0, count: min(max(expected, 0), limit) + 1)
    var filled = 0
    while filled < bytes.count {
        let got = bytes.withUnsafeMutableBytes { buffer in read(fd, buffer.baseAddress! + filled, buffer.count - filled) }
        if got < 0 {
            if errno == EINTR { continue }
            return .failure(SystemCallError(code: errno))
        }
        if got == 0 { break }
        filled += got
        if filled == bytes.count && filled <= limit {  // the file grew, still within the limit: make room
            bytes.append(contentsOf: repeatElement(0, count: min(bytes.count, limit + 1 - bytes.count)))
        }
    }
    bytes.removeLast(bytes.count - filled)
    return .success(bytes)
}
