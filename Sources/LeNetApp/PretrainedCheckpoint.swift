import Foundation
import LeNetFormats
import LeNetTraining
import MNISTData

/// A checkpoint read for classifying, the path it came from and the dataset it was trained on.
public typealias LoadedCheckpoint = (path: String, checkpoint: Checkpoint, kind: DatasetKind)

/// Finds the shipped pretrained checkpoint, like the data: `./assets/...`, then `assets/...` beside the
/// executable and up to five directories above it (`ExecutableSearch`).
public enum PretrainedCheckpoint {
    /// Where the repository keeps it.
    public static let relativePath = "assets/lenet5-pretrained.safetensors"

    /// `flag` when given (it must exist; `Checkpoint.read` reports it otherwise), else the first place the
    /// shipped checkpoint is found.
    /// - Throws: a one-line `UsageError` listing where it looked.
    public static func path(_ flag: String?) throws -> String {
        if let flag { return flag }
        if let found = locate() { return found }
        throw UsageError("no pretrained checkpoint found (looked for \(relativePath) in the current directory and "
            + "above the executable); pass --checkpoint PATH, or make it with "
            + "`lenet-tui train --seed 1 --checkpoint \(relativePath)`")
    }

    /// The checkpoint `flag` names, else the shipped one, read, and the dataset it was trained on (recorded
    /// in it; MNIST when it says none): a Fashion-MNIST checkpoint needs its own normalisation and class
    /// names. What `predict`, `draw` and `inspect` classify with.
    /// - Throws: `path`'s error, or the checkpoint's, each one line naming the file.
    public static func load(_ flag: String?) throws -> LoadedCheckpoint {
        let path = try path(flag)
        let loaded = try Checkpoint.read(from: path)
        return (path, loaded, try loaded.dataset(path: path) ?? .mnist)
    }

    /// For a file the dashboard's s key wrote, says on stderr where in its run the weights were taken
    /// (`lenet-tui: note: X: weights saved with s at epoch 3, mini-batch 561 of 938; weights only, not
    /// resumable`), so nobody takes mid-epoch weights for an epoch's. Other files pass silently.
    /// - Throws: `Checkpoint.origin`'s metadata errors; `StreamWriteFault`.
    public static func noteIfSavedNow(_ loaded: LoadedCheckpoint) throws {
        guard loaded.checkpoint.isSavedNow else { return }
        let origin = try loaded.checkpoint.origin(path: loaded.path)
        try Console.writeLine("\(Console.programName): note: \(TerminalText.escaped(loaded.path)): \(origin)", to: .error)
    }

    /// The shipped checkpoint's path, if it is found: relative in the current directory, else absolute.
    public static func locate(currentDirectory: String = FileManager.default.currentDirectoryPath,
                              executable: URL? = Session.executableURL) -> String? {
        let local = URL(fileURLWithPath: currentDirectory).appendingPathComponent(relativePath)
        if FileManager.default.fileExists(atPath: local.path) { return relativePath }
        return ExecutableSearch.first(relativePath, from: executable)?.path
    }
}

/// Reads each sketch file (text art or PGM) and hands it to `body`, in order. A file that cannot be read,
/// or that `body` rejects, gets one `lenet-tui: error: ...` line naming it, and the others still run.
/// - Returns: whether any file failed (the command then exits with status 1).
/// - Throws: `StreamWriteFault` when standard output or error cannot be written (the process then ends).
public func eachSketch(_ files: [String], _ body: (String, SketchImage) throws -> Void) throws -> Bool {
    var failed = false
    for file in files {
        do {
            try checkPathFlags([("sketch file", file)])
            try body(file, try SketchFile.read(path: file))
        } catch let fault as StreamWriteFault {
            throw fault
        } catch {
            try printError("\(error)")
            failed = true
        }
    }
    return failed
}
