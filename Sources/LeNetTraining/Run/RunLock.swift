#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import LeNetEngine

/// Why a run lock could not be taken; `description` is the one line to print.
public enum RunLockError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Another process holds the lock: `subject` is what it guards (`--checkpoint x`), `pid` the holder's
    /// process id as it wrote it into the lock file (nil when unreadable).
    case busy(subject: String, what: String, pid: Int32?, lockPath: String)
    /// The lock file cannot be made or used.
    case unusable(subject: String, lockPath: String, reason: String)

    /// The one line to print (after `lenet-tui: error: `).
    public var description: String {
        switch self {
        case let .busy(subject, what, pid, lockPath):
            let holder = pid.map { "another lenet-tui run (pid \($0))" } ?? "another lenet-tui run"
            return "\(subject): \(holder) is writing this \(what); wait for it to finish or choose another one "
                + "(lock file \(lockPath))"
        case let .unusable(subject, lockPath, reason):
            return "\(subject): cannot use the lock file \(lockPath): \(reason)"
        }
    }
}

/// An advisory lock (`flock(LOCK_EX | LOCK_NB)`) that keeps two runs from writing the same checkpoint or
/// results directory: the second fails at once, naming the first one's pid (written into the lock file).
/// The kernel releases the lock when the holder exits, however it exits, so a lock is never stale; the
/// lock file itself stays (removing it would let a third run lock a new file while the second still holds
/// the old one).
public final class RunLock: Sendable {
    /// The lock file.
    public let path: String
    /// The open lock file; -1 once released.
    private let descriptor: Locked<Int32>

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = Locked(descriptor)
    }

    deinit { release() }

    /// The lock file guarding checkpoint `file` (already resolved by `OutputPaths.prepareFile`): `<file>.lock`
    /// beside it, or a short hashed name when that would exceed the file system's name limit.
    public static func lockPath(forFile file: String) -> String {
        let directory = OutputPaths.parent(of: file)
        let name = (file as NSString).lastPathComponent
        if (name + ".lock").utf8.count <= OutputPaths.nameLimit(in: directory) {
            return file + ".lock"
        }
        return (directory as NSString).appendingPathComponent(".lenet-tui-\(fnv1a(name)).lock")
    }

    /// The lock file guarding results directory `directory`.
    public static func lockPath(forDirectory directory: String) -> String {
        (directory as NSString).appendingPathComponent(".lenet-tui.lock")
    }

    /// Takes the lock at `lockPath` without waiting, and writes this process's pid into the file.
    /// - Parameters:
    ///   - subject: what the messages name (`--checkpoint checkpoints/x.safetensors`).
    ///   - what: what is guarded, for the busy message ("checkpoint", "results directory").
    /// - Throws: `RunLockError.busy` when another process holds it, `.unusable` when the file cannot be
    ///   made, is not a regular file (a symbolic link is refused), or cannot be written.
    public static func acquire(_ lockPath: String, subject: String, what: String) throws -> RunLock {
        func unusable(_ reason: String) -> RunLockError {
            .unusable(subject: subject, lockPath: lockPath, reason: reason)
        }
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o644)
        guard fd >= 0 else {
            throw unusable(errno == ELOOP ? "it is a symbolic link" : "cannot create it (\(String(cString: strerror(errno))))")
        }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw unusable("it is not a regular file")
        }
        var status: Int32
        repeat { status = flock(fd, LOCK_EX | LOCK_NB) } while status != 0 && errno == EINTR
        guard status == 0 else {
            let code = errno
            let holder = readPid(fd)
            close(fd)
            if code == EWOULDBLOCK { throw RunLockError.busy(subject: subject, what: what, pid: holder, lockPath: lockPath) }
            throw unusable(String(cString: strerror(code)))
        }
        let text = Array("\(getpid())\n".utf8)
        guard ftruncate(fd, 0) == 0, pwrite(fd, text, text.count, 0) == text.count else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw unusable("cannot write it: \(reason)")
        }
        return RunLock(path: lockPath, descriptor: fd)
    }

    /// Lets go of the lock (idempotent); exiting does the same.
    public func release() {
        descriptor.withLock { descriptor in
            guard descriptor >= 0 else { return }
            close(descriptor)
            descriptor = -1
        }
    }

    /// The pid written into an open lock file, if it reads as one.
    private static func readPid(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = pread(fd, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return Int32(text).flatMap { $0 > 0 ? $0 : nil }
    }

    /// 64-bit FNV-1a of `text`'s UTF-8 bytes, 16 hex digits: a short, stable stand-in for a long name.
    static func fnv1a(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
