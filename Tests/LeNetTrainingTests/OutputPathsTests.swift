import Foundation
import LeNetTraining
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Output paths are checked before training: what may be replaced, where, and the one-line messages.
@Suite struct OutputPathsTests {
    private func problem(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch { return "\(error)" }
    }

    @Test func aNewFileInMissingDirectoriesPassesAndNothingIsMadeUntilAsked() throws {
        let temp = try TemporaryDirectory()
        let path = temp.file("a/b/ck.safetensors")
        #expect(try OutputPaths.checkFile(path, subject: "--checkpoint x") == path)
        #expect(!FileManager.default.fileExists(atPath: temp.file("a")))
        try OutputPaths.createDirectory(OutputPaths.parent(of: path), subject: "--checkpoint x")
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: temp.file("a/b"), isDirectory: &isDirectory) && isDirectory.boolValue)
    }

    @Test func somethingOtherThanARegularFileIsRefusedByKind() throws {
        let temp = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: temp.file("dir"), withIntermediateDirectories: false)
        #expect(mkfifo(temp.file("fifo"), 0o644) == 0)
        #expect(problem { try OutputPaths.checkFile(temp.file("dir"), subject: "--checkpoint d") }
            == "--checkpoint d: is a directory, not a regular file; name a file to write")
        #expect(problem { try OutputPaths.checkFile(temp.file("fifo"), subject: "--checkpoint f") }
            == "--checkpoint f: is a named pipe (FIFO), not a regular file; name a file to write")
        #expect(problem { try OutputPaths.checkFile("/dev/null", subject: "--checkpoint /dev/null") }
            == "--checkpoint /dev/null: is a character device, not a regular file; name a file to write")
        #expect(problem { try OutputPaths.checkFile(temp.file("dir") + "/", subject: "--checkpoint d/") }
            == "--checkpoint d/: ends with /, expected a file name")
    }

    @Test func symbolicLinksAreFollowedToTheFileWritten() throws {
        let temp = try TemporaryDirectory()
        #expect(FileManager.default.createFile(atPath: temp.file("run42.safetensors"), contents: Data("x".utf8)))
        try FileManager.default.createDirectory(atPath: temp.file("dir"), withIntermediateDirectories: false)
        #expect(symlink("run42.safetensors", temp.file("latest")) == 0)
        #expect(symlink("latest", temp.file("chain")) == 0)
        #expect(symlink(temp.file("dir"), temp.file("todir")) == 0)
        #expect(symlink("loop-b", temp.file("loop-a")) == 0 && symlink("loop-a", temp.file("loop-b")) == 0)
        #expect(try OutputPaths.checkFile(temp.file("latest"), subject: "s") == temp.file("run42.safetensors"))
        #expect(try OutputPaths.checkFile(temp.file("chain"), subject: "s") == temp.file("run42.safetensors"))
        #expect(problem { try OutputPaths.checkFile(temp.file("todir"), subject: "s") }
            == "s: is a symbolic link to \(temp.file("dir")), which is a directory, not a regular file; name a file to write")
        #expect(problem { try OutputPaths.checkFile(temp.file("loop-a"), subject: "s") } == "s: too many levels of symbolic links")
    }

    @Test func aFileInTheWayOfTheDirectoryIsNamed() throws {
        let temp = try TemporaryDirectory()
        #expect(FileManager.default.createFile(atPath: temp.file("afile"), contents: Data()))
        #expect(problem { try OutputPaths.checkFile(temp.file("afile/sub/ck.safetensors"), subject: "--checkpoint c") }
            == "--checkpoint c: \(temp.file("afile")) is a regular file, not a directory")
        #expect(problem { try OutputPaths.checkDirectory(temp.file("afile/sub"), subject: "--results r") }
            == "--results r: \(temp.file("afile")) is a regular file, not a directory")
        #expect(problem { try OutputPaths.checkDirectory(temp.file("afile"), subject: "--results r") }
            == "--results r: is a regular file, not a directory")
    }

    @Test func aNameLongerThanTheFileSystemTakesIsRefusedUpFront() throws {
        let temp = try TemporaryDirectory()
        let long = String(repeating: "a", count: 256)
        #expect(problem { try OutputPaths.checkFile(temp.file(long), subject: "--checkpoint L") }
            == "--checkpoint L: a name in it is 256 bytes long; the file system allows at most 255")
        #expect(try OutputPaths.checkFile(temp.file(String(repeating: "a", count: 255)), subject: "s")
            == temp.file(String(repeating: "a", count: 255)))
    }

    @Test func filesInsideTheResultsDirectoryMustBeReplaceable() throws {
        let temp = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: temp.file("metrics.csv"), withIntermediateDirectories: false)
        #expect(problem { try OutputPaths.checkReplaceable(temp.file("metrics.csv")) }
            == "\(temp.file("metrics.csv")): is a directory, not a regular file; move it away or choose another directory")
        #expect(problem { try OutputPaths.checkReplaceable(temp.file("training_curve.svg")) } == nil)
    }

    @Test func parentHandlesBareNamesRootAndExtraSlashes() {
        #expect(OutputPaths.parent(of: "r") == ".")
        #expect(OutputPaths.parent(of: "a/b") == "a")
        #expect(OutputPaths.parent(of: "a//b/") == "a")
        #expect(OutputPaths.parent(of: "/x") == "/")
        #expect(OutputPaths.parent(of: "/") == "/")
    }
}

/// Two runs on one checkpoint or results directory: the second fails at once, naming the first's pid.
@Suite struct RunLockTests {
    @Test func aSecondHolderIsRefusedWithTheFirstOnesPidUntilItLetsGo() throws {
        let temp = try TemporaryDirectory()
        let lockPath = RunLock.lockPath(forFile: temp.file("ck.safetensors"))
        #expect(lockPath == temp.file("ck.safetensors.lock"))
        let first = try RunLock.acquire(lockPath, subject: "--checkpoint ck", what: "checkpoint")
        let written = try String(contentsOfFile: lockPath, encoding: .utf8)
        #expect(written == "\(getpid())\n")
        // flock locks belong to open files, so a second open in this process conflicts like another process.
        do {
            _ = try RunLock.acquire(lockPath, subject: "--checkpoint ck", what: "checkpoint")
            Issue.record("the second acquire succeeded")
        } catch let error as RunLockError {
            #expect(error == .busy(subject: "--checkpoint ck", what: "checkpoint", pid: getpid(), lockPath: lockPath))
            #expect(error.description == "--checkpoint ck: another lenet-tui run (pid \(getpid())) is writing this "
                + "checkpoint; wait for it to finish or choose another one (lock file \(lockPath))")
        }
        first.release()
        let again = try RunLock.acquire(lockPath, subject: "--checkpoint ck", what: "checkpoint")
        again.release()
    }

    @Test func aLockFileThatIsASymbolicLinkIsRefused() throws {
        let temp = try TemporaryDirectory()
        #expect(FileManager.default.createFile(atPath: temp.file("victim"), contents: Data("keep".utf8)))
        #expect(symlink(temp.file("victim"), temp.file("ck.lock")) == 0)
        #expect(throws: RunLockError.unusable(subject: "s", lockPath: temp.file("ck.lock"), reason: "it is a symbolic link")) {
            try RunLock.acquire(temp.file("ck.lock"), subject: "s", what: "checkpoint")
        }
        #expect(FileManager.default.contents(atPath: temp.file("victim")) == Data("keep".utf8))
    }

    @Test func aLongCheckpointNameGetsAShortLockName() throws {
        let temp = try TemporaryDirectory()
        let name = String(repeating: "c", count: 253)
        let lockPath = RunLock.lockPath(forFile: temp.file(name))
        #expect(lockPath.hasPrefix(temp.path + "/.lenet-tui-") && lockPath.hasSuffix(".lock"))
        #expect((lockPath as NSString).lastPathComponent.utf8.count == 32)  // ".lenet-tui-" + 16 hex digits + ".lock"
        #expect(RunLock.lockPath(forFile: temp.file(name)) == lockPath)  // stable: both runs find it
        let lock = try RunLock.acquire(lockPath, subject: "s", what: "checkpoint")
        lock.release()
    }
}
