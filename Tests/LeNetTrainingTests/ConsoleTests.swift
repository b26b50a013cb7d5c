import Foundation
import LeNetTraining
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The one writer of stdout and stderr: every failure is a `StreamWriteFault` with the right exit status,
/// never a trap.
@Suite(.serialized) struct ConsoleTests {
    /// A pipe's two ends.
    private func makePipe() -> (read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        precondition(pipe(&ends) == 0)
        return (ends[0], ends[1])
    }

    private func fault(writing bytes: [UInt8] = Array("line\n".utf8), to descriptor: Int32,
                       as stream: StandardStream = .output) -> StreamWriteFault? {
        do {
            try Console.write(bytes, toDescriptor: descriptor, as: stream)
            return nil
        } catch {
            return error
        }
    }

    @Test func writesEveryByteToAPipe() throws {
        let ends = makePipe()
        defer { close(ends.read) }
        #expect(fault(writing: Array("epoch 1/1\n".utf8), to: ends.write) == nil)
        close(ends.write)
        let received = FileHandle(fileDescriptor: ends.read).readDataToEndOfFile()
        #expect(String(decoding: received, as: UTF8.self) == "epoch 1/1\n")
    }

    @Test func aFullDiskIsAFaultWithStatusOne() throws {
        let full = open("/dev/full", O_WRONLY)
        try #require(full >= 0)
        defer { close(full) }
        let found = fault(to: full)
        #expect(found == StreamWriteFault(stream: .output, code: ENOSPC))
        #expect(found?.exitStatus == 1 && found?.isClosedPipe == false)
        #expect(found?.description == "standard output: cannot write: No space left on device")
    }

    @Test func aClosedPipeIsAQuietFaultWithStatus141() {
        let previous = signal(SIGPIPE, SIG_IGN)  // as Console.prepareProcess does
        defer { signal(SIGPIPE, previous) }
        let ends = makePipe()
        close(ends.read)
        defer { close(ends.write) }
        let found = fault(to: ends.write)
        #expect(found == StreamWriteFault(stream: .output, code: EPIPE))
        #expect(found?.isClosedPipe == true && found?.exitStatus == 141)
        // A closed pipe on stderr is no reason for 141: the status stays the error's 1.
        #expect(fault(to: ends.write, as: .error)?.exitStatus == 1)
    }

    @Test func aDescriptorNotOpenForWritingIsEBADF() throws {
        // What `>&-` becomes after Console.prepareProcess: /dev/null opened read-only holds descriptor 1.
        let readOnly = open("/dev/null", O_RDONLY)
        try #require(readOnly >= 0)
        defer { close(readOnly) }
        let found = fault(to: readOnly, as: .error)
        #expect(found == StreamWriteFault(stream: .error, code: EBADF))
        #expect(found?.description == "standard error: cannot write: Bad file descriptor")
    }

    @Test func aFullNonBlockingPipeIsWaitedForNotAnError() throws {
        let ends = makePipe()
        _ = fcntl(ends.write, F_SETFL, fcntl(ends.write, F_GETFL) | O_NONBLOCK)
        let size = 1 << 20  // far more than a pipe buffer (64 KiB): the writer must wait for the reader
        let received = LockedCount()
        let drained = Thread {
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = read(ends.read, &buffer, buffer.count)
                if count <= 0 { break }
                received.add(count)
            }
            received.finish()
        }
        drained.start()
        #expect(fault(writing: [UInt8](repeating: 65, count: size), to: ends.write) == nil)
        close(ends.write)
        received.waitUntilFinished()
        close(ends.read)
        #expect(received.total == size)
    }
}

/// A byte count shared with a reader thread.
private final class LockedCount: @unchecked Sendable {
    private let condition = NSCondition()
    private var count = 0
    private var done = false
    func add(_ n: Int) { condition.lock(); count += n; condition.unlock() }
    func finish() { condition.lock(); done = true; condition.broadcast(); condition.unlock() }
    func waitUntilFinished() { condition.lock(); while !done { condition.wait() }; condition.unlock() }
    var total: Int { condition.lock(); defer { condition.unlock() }; return count }
}
