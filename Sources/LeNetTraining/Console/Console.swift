#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

// MARK: - The one writer of standard output and standard error
//
// Foundation's `FileHandle.write` traps (`try!`) when the write fails, and `print` drops errors silently.
// Every line the program prints goes through `Console` instead: `write(2)` in a loop, and a failure
// (closed pipe, full disk, closed descriptor, I/O error) becomes a `StreamWriteFault` the caller turns into
// a clean exit (`Console.exit(after:)`).

/// One of the process's two output streams.
public enum StandardStream: Sendable, Equatable {
    /// Standard output (descriptor 1): results.
    case output
    /// Standard error (descriptor 2): errors, warnings and notices.
    case error

    /// The stream's file descriptor.
    public var fileDescriptor: Int32 { self == .output ? STDOUT_FILENO : STDERR_FILENO }

    /// The name used in messages ("standard output").
    public var name: String { self == .output ? "standard output" : "standard error" }
}

/// A write to standard output or standard error that failed; `description` is the one line to print.
public struct StreamWriteFault: Error, CustomStringConvertible, Equatable, Sendable {
    /// The stream that could not be written.
    public let stream: StandardStream
    /// The `errno` of the failed `write(2)` (EPIPE, ENOSPC, EBADF, EIO, ...).
    public let code: Int32

    /// Makes a fault.
    public init(stream: StandardStream, code: Int32) {
        self.stream = stream
        self.code = code
    }

    /// Whether the reader of standard output went away (EPIPE): the usual end of `lenet-tui ... | head`.
    public var isClosedPipe: Bool { stream == .output && code == EPIPE }

    /// The exit status: 141 (128 + SIGPIPE, what a shell shows for a process a closed pipe ended) for a
    /// closed standard output pipe, 1 for everything else.
    public var exitStatus: Int32 { isClosedPipe ? 141 : 1 }

    /// The one line to print (after `lenet-tui: error: `).
    public var description: String { "\(stream.name): cannot write: \(String(cString: strerror(code)))" }
}

/// Writes to standard output and standard error with `write(2)`, whole lines at a time and one writer at a
/// time (lines from the trainer's queue and the main thread never interleave).
public enum Console {
    private static let lock = NSLock()

    /// The program name that starts every message line.
    public static let programName = "lenet-tui"

    /// Writes `text` and a newline to `stream`.
    /// - Throws: `StreamWriteFault` when the stream cannot take it.
    public static func writeLine(_ text: String, to stream: StandardStream) throws(StreamWriteFault) {
        try write(Array((text + "\n").utf8), toDescriptor: stream.fileDescriptor, as: stream)
    }

    /// Writes `lenet-tui: error: <message>` to standard error.
    /// - Throws: `StreamWriteFault` when standard error cannot take it.
    public static func writeError(_ message: String) throws(StreamWriteFault) {
        try writeLine("\(programName): error: \(message)", to: .error)
    }

    /// Writes all of `bytes` to `descriptor`, retrying after interruptions and short writes, and waiting
    /// (poll) when a non-blocking descriptor is full. `stream` labels the fault.
    /// - Throws: `StreamWriteFault` with the `errno` of the first failing `write(2)`.
    public static func write(_ bytes: [UInt8], toDescriptor descriptor: Int32,
                             as stream: StandardStream) throws(StreamWriteFault) {
        lock.lock()
        defer { lock.unlock() }
        var failure: Int32?
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written > 0 { offset += written; continue }
                let code = written == 0 ? EIO : errno
                if code == EINTR { continue }
                if code == EAGAIN || code == EWOULDBLOCK {
                    var request = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&request, 1, -1)
                    continue
                }
                failure = code
                return
            }
        }
        if let failure { throw StreamWriteFault(stream: stream, code: failure) }
    }

    /// Makes standard-stream failures reportable instead of fatal; call first thing in `main`:
    /// - SIGPIPE is ignored, so a closed pipe shows as EPIPE from `write(2)` (a `StreamWriteFault`), and
    ///   the program stops its trainer and exits cleanly instead of being killed mid-write;
    /// - a closed descriptor 0, 1 or 2 (`>&-`) is held by `/dev/null` opened read-only, so a file the
    ///   program opens later (a checkpoint, a lock) never becomes "standard output", and writes to the
    ///   closed stream still fail with EBADF.
    public static func prepareProcess() {
        signal(SIGPIPE, SIG_IGN)
        for descriptor in Int32(0)...2 where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
            let placeholder = open("/dev/null", O_RDONLY)
            if placeholder >= 0 && placeholder != descriptor {
                dup2(placeholder, descriptor)
                close(placeholder)
            }
        }
    }

    /// Ends the process after a failed write: one `lenet-tui: error:` line on standard error when the
    /// fault was on standard output and was not a closed pipe (a closed pipe ends quietly, as `yes | head`
    /// does), then exit with `fault.exitStatus`. Stop any training first: nothing else is flushed here.
    public static func exit(after fault: StreamWriteFault) -> Never {
        if fault.stream == .output && !fault.isClosedPipe {
            try? writeError(fault.description)
        }
        Glibc.exit(fault.exitStatus)
    }
}
