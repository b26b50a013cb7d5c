#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - What the system says about a path

/// The type of a file-system object, from the `S_IFMT` bits of `st_mode` (POSIX `<sys/stat.h>`).
public enum FileType: Equatable, Sendable {
    /// `S_IFREG`: the only type the program reads or replaces.
    case regular
    /// `S_IFDIR`.
    case directory
    /// `S_IFIFO`: opening one for reading waits for a writer; reading it waits for data.
    case fifo
    /// `S_IFSOCK`.
    case socket
    /// `S_IFCHR`, e.g. `/dev/zero` or a terminal: endless or blocking data.
    case characterDevice
    /// `S_IFBLK`, e.g. a disk.
    case blockDevice
    /// `S_IFLNK` (only from `lstat`).
    case symbolicLink
    /// Any other `S_IFMT` value.
    case other

    /// The type of a `stat` result.
    public init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .directory
        case S_IFIFO: self = .fifo
        case S_IFSOCK: self = .socket
        case S_IFCHR: self = .characterDevice
        case S_IFBLK: self = .blockDevice
        case S_IFLNK: self = .symbolicLink
        default: self = .other
        }
    }

    /// For messages: `a directory`, `a FIFO (named pipe)`, `a character device`, ...
    public var name: String {
        switch self {
        case .regular: return "a regular file"
        case .directory: return "a directory"
        case .fifo: return "a FIFO (named pipe)"
        case .socket: return "a socket"
        case .characterDevice: return "a character device"
        case .blockDevice: return "a block device"
        case .symbolicLink: return "a symbolic link"
        case .other: return "not a regular file"
        }
    }
}

/// errno values as short lower-case phrases for messages.
public enum SystemError {
    /// The reason for `code` as messages print it: `strerror`'s text with a lower-case first letter
    /// (`permission denied`, `too many levels of symbolic links`, `file name too long`), except ENOENT,
    /// `no such file`.
    public static func reason(_ code: Int32) -> String {
        if code == ENOENT { return "no such file" }
        guard let text = strerror(code) else { return "error \(code)" }
        let message = String(cString: text)
        return message.prefix(1).lowercased() + message.dropFirst()
    }

    /// `reason(errno)` for the error the last system call left.
    public static var current: String { reason(errno) }
}

/// `stat(2)` (symbolic links followed) of `path`: the file type and size, or the errno of the failure
/// (ENOENT, ELOOP for a symbolic-link loop, EACCES, ...).
public func fileStatus(_ path: String) -> Result<(type: FileType, size: Int), SystemCallError> {
    var info = stat()
    guard stat(path, &info) == 0 else { return .failure(SystemCallError(code: errno)) }
    return .success((FileType(mode: info.st_mode), Int(info.st_size)))
}

/// An errno from a failed system call, as an `Error` for `Result`.
public struct SystemCallError: Error, Equatable, Sendable {
    /// The errno value.
    public let code: Int32
    /// `SystemError.reason(code)`.
    public var reason: String { SystemError.reason(code) }
}
