#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// An output path that cannot be used; `description` is the one line to print, naming where the path came
/// from (`--checkpoint x`, `config.json: key "checkpoint" x`) and what is wrong.
public struct OutputPathError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Where the path came from and the path, e.g. `--checkpoint /dev/null`.
    public let subject: String
    /// What is wrong, e.g. "is a character device, not a regular file".
    public let problem: String

    /// Makes an error.
    public init(subject: String, problem: String) {
        self.subject = subject
        self.problem = problem
    }

    /// The one line to print (after `lenet-tui: error: `).
    public var description: String { "\(subject): \(problem)" }
}

/// Checks the paths a run will write before it starts, so a bad one fails at once with one line instead of
/// after the first epoch, and no file the user did not name is replaced:
/// - a file to write may exist only as a regular file, or a symbolic link to one (followed: the link's
///   target is what gets written); a directory, FIFO, device or socket is refused;
/// - its directory exists and is writable, or can be made inside the nearest existing one (made by
///   `createDirectory` once every path of the run passed);
/// - no name is longer than the file system allows.
public enum OutputPaths {
    /// Checks `path` as a file the run will replace. Nothing is created (see `createDirectory`).
    /// - Parameter subject: where the path came from, for messages (`--checkpoint x`).
    /// - Returns: the file that will actually be written: `path`, or the final target of a symbolic link.
    /// - Throws: `OutputPathError`.
    @discardableResult
    public static func checkFile(_ path: String, subject: String) throws -> String {
        func fail(_ problem: String) -> OutputPathError { OutputPathError(subject: subject, problem: problem) }
        guard !path.isEmpty else { throw fail("is empty") }
        guard !path.hasSuffix("/") else { throw fail("ends with /, expected a file name") }
        try checkNameLengths(path, fail: fail)
        let target = try followLinks(path, fail: fail)
        if let kind = target.kind, kind != .regular {
            let via = target.path == path ? "" : "is a symbolic link to \(target.path), which "
            throw fail("\(via)is \(kind.phrase), not a regular file; name a file to write")
        }
        if target.path != path { try checkNameLengths(target.path, fail: fail) }
        try checkDirectory(parent(of: target.path), isSubject: false, fail: fail)
        return target.path
    }

    /// Checks `path` as a directory the run writes into: a writable directory, or one that can be made
    /// inside the nearest existing one. Nothing is created (see `createDirectory`).
    /// - Parameter subject: where the path came from, for messages (`--results x`).
    /// - Throws: `OutputPathError`.
    public static func checkDirectory(_ path: String, subject: String) throws {
        func fail(_ problem: String) -> OutputPathError { OutputPathError(subject: subject, problem: problem) }
        try checkNameLengths(path, fail: fail)
        try checkDirectory(path, isSubject: true, fail: fail)
    }

    /// Checks a file inside a checked directory that the run will replace (e.g. `results/metrics.csv`):
    /// absent, a regular file, or a link to one.
    /// - Throws: `OutputPathError` naming `path` itself.
    public static func checkReplaceable(_ path: String) throws {
        func fail(_ problem: String) -> OutputPathError { OutputPathError(subject: path, problem: problem) }
        let target = try followLinks(path, fail: fail)
        if let kind = target.kind, kind != .regular {
            throw fail("is \(kind.phrase), not a regular file; move it away or choose another directory")
        }
    }

    /// Creates `path` and its missing parents (`mkdir -p`), once every path of the run is checked.
    /// - Throws: `OutputPathError` naming `subject` and the directory that could not be made.
    public static func createDirectory(_ path: String, subject: String) throws {
        var info = stat()
        if stat(path, &info) == 0 { return }
        let up = parent(of: path)
        if up != path { try createDirectory(up, subject: subject) }
        guard mkdir(path, 0o777) == 0 || errno == EEXIST else {
            throw OutputPathError(subject: subject, problem: "cannot make directory \(path): \(String(cString: strerror(errno)))")
        }
        guard stat(path, &info) == 0, Kind(mode: info.st_mode) == .directory else {
            throw OutputPathError(subject: subject, problem: "cannot make directory \(path): a symbolic link to nothing is in the way")
        }
    }

    // MARK: - Helpers

    /// Walks up from `path` to the nearest existing component: it must be a writable directory (a missing
    /// directory is then made inside it). `isSubject`: `path` is what the subject names (`--results x`),
    /// not the directory of a file.
    private static func checkDirectory(_ path: String, isSubject: Bool,
                                       fail: (String) -> OutputPathError) throws {
        var current = path
        while true {
            let name = current == path && isSubject ? "" : "\(current) "
            var info = stat()
            if stat(current, &info) == 0 {
                let kind = Kind(mode: info.st_mode)
                guard kind == .directory else { throw fail("\(name)is \(kind.phrase), not a directory") }
                guard access(current, W_OK | X_OK) == 0 else {
                    throw fail("\(name.isEmpty ? "" : "directory \(name)")is not writable (\(String(cString: strerror(errno))))")
                }
                return
            }
            guard errno == ENOENT || errno == ENOTDIR else {
                throw fail("\(name.isEmpty ? "" : "directory \(name)")cannot be used: \(String(cString: strerror(errno)))")
            }
            let up = parent(of: current)
            guard up != current else { throw fail("no directory of it exists") }
            current = up
        }
    }

    /// Refuses a path component longer than the file system takes, before any system call says only
    /// "File name too long".
    private static func checkNameLengths(_ path: String, fail: (String) -> OutputPathError) throws {
        var directory = parent(of: path)
        var info = stat()
        while stat(directory, &info) != 0, parent(of: directory) != directory { directory = parent(of: directory) }
        let limit = nameLimit(in: directory)
        for component in path.split(separator: "/") where component.utf8.count > limit {
            throw fail("a name in it is \(component.utf8.count) bytes long; the file system allows at most \(limit)")
        }
    }

    /// What a path names, from `lstat`.
    enum Kind: Equatable {
        case regular, directory, fifo, characterDevice, blockDevice, socket, symbolicLink, other

        init(mode: mode_t) {
            switch mode & S_IFMT {
            case S_IFREG: self = .regular
            case S_IFDIR: self = .directory
            case S_IFIFO: self = .fifo
            case S_IFCHR: self = .characterDevice
            case S_IFBLK: self = .blockDevice
            case S_IFSOCK: self = .socket
            case S_IFLNK: self = .symbolicLink
            default: self = .other
            }
        }

        /// "a directory", "a named pipe (FIFO)", ...
        var phrase: String {
            switch self {
            case .regular: return "a regular file"
            case .directory: return "a directory"
            case .fifo: return "a named pipe (FIFO)"
            case .characterDevice: return "a character device"
            case .blockDevice: return "a block device"
            case .socket: return "a socket"
            case .symbolicLink: return "a symbolic link"
            case .other: return "not a file"
            }
        }
    }

    /// The kind of `path` without following a final symbolic link (nil when it does not exist), or the
    /// `errno` of `lstat` when it cannot be looked at.
    static func kind(of path: String) -> Result<Kind?, POSIXError> {
        var info = stat()
        if lstat(path, &info) == 0 { return .success(Kind(mode: info.st_mode)) }
        if errno == ENOENT { return .success(nil) }
        return .failure(POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO))
    }

    /// Follows symbolic links at the end of `path` (at most 40, as the kernel does) to the file that would
    /// be written, and says what is there (nil: nothing yet).
    static func followLinks(_ path: String, fail: (String) -> OutputPathError) throws -> (path: String, kind: Kind?) {
        var current = path
        for _ in 0..<40 {
            let kind: Kind?
            switch Self.kind(of: current) {
            case .success(let found): kind = found
            case .failure(let error) where error.code == .ENOTDIR:
                return (current, nil)  // the directory check names the file in the way
            case .failure(let error):
                throw fail("cannot look at \(current): \(String(cString: strerror(error.code.rawValue)))")
            }
            guard kind == .symbolicLink else { return (current, kind) }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(current, &buffer, buffer.count - 1)
            guard length >= 0 else { throw fail("cannot read the symbolic link \(current): \(String(cString: strerror(errno)))") }
            let destination = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let directory = parent(of: current)
            current = destination.hasPrefix("/") || directory == "." ? destination : directory + "/" + destination
        }
        throw fail("too many levels of symbolic links")
    }

    /// The directory part of `path`: "." for a bare name, "/" for a name in the root, trailing and
    /// doubled slashes ignored. (Not `NSString.deletingLastPathComponent`, which traps on a one-character
    /// name in swift-corelibs-foundation 6.3.)
    public static func parent(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        var directory = trimmed[..<slash]
        while directory.count > 1, directory.hasSuffix("/") { directory.removeLast() }
        return directory.isEmpty ? "/" : String(directory)
    }

    /// The longest file name `directory`'s file system takes (255 when it does not say).
    static func nameLimit(in directory: String) -> Int {
        let limit = pathconf(directory, Int32(_PC_NAME_MAX))
        return limit > 0 ? limit : 255
    }
}
