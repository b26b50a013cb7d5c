import ArgumentParser
import Foundation
import LeNetTraining
import MNISTData

/// Resolves config, data and checkpoints for the commands: the I/O around the pure training core.
enum Session {
    /// Where the executable lives, for finding the bundled assets and config when run from elsewhere.
    static var executableURL: URL? {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    }

    /// The effective config: `--config PATH` (must exist), else ./config.json, else the repository's
    /// config.json next to the executable's build folder, else the built-in defaults; then the flags.
    static func config(_ options: TrainOptions) throws -> TrainingConfig {
        let base: TrainingConfig
        if let path = options.config {
            base = try ConfigLoader.load(from: URL(fileURLWithPath: path))
        } else if let found = defaultConfigURL() {
            base = try ConfigLoader.load(from: found)
        } else {
            base = .defaults
        }
        return try base.applying(options.overrides)
    }

    /// The MNIST directory from `--data`, `$LENET_DATA`, ./assets/mnist or the repository's assets.
    static func dataDirectory(_ flag: String?) throws -> URL {
        try MNISTLocator.locate(dataFlag: flag, environment: ProcessInfo.processInfo.environment,
                                currentDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                                executableURL: executableURL)
    }

    /// Loads both splits of MNIST, verifying the checksums of the standard files.
    static func loadData(_ flag: String?) throws -> TrainingData {
        let directory = try dataDirectory(flag)
        let train = try MNISTLoader.load(split: .train, from: directory, verifyChecksums: true)
        let test = try MNISTLoader.load(split: .test, from: directory, verifyChecksums: true)
        return TrainingData(train: train, test: test, normalization: .mnist)
    }

    /// Loads only the test split.
    static func loadTestSet(_ flag: String?) throws -> MNISTDataset {
        try MNISTLoader.load(split: .test, from: try dataDirectory(flag), verifyChecksums: true)
    }

    private static func defaultConfigURL() -> URL? {
        let fm = FileManager.default
        let local = URL(fileURLWithPath: fm.currentDirectoryPath).appendingPathComponent("config.json")
        if fm.fileExists(atPath: local.path) { return local }
        var directory = executableURL?.deletingLastPathComponent()
        for _ in 0..<5 {
            guard let current = directory else { break }
            let candidate = current.appendingPathComponent("config.json")
            if fm.fileExists(atPath: candidate.path),
               fm.fileExists(atPath: current.appendingPathComponent("Package.swift").path) { return candidate }
            directory = current.deletingLastPathComponent()
        }
        return nil
    }
}

/// Runs `body`; any error other than an exit request is printed as one line on stderr with exit status 1.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        printError("\(error)")
        throw ExitCode(1)
    }
}

/// Writes `lenet-tui: error: <message>` to stderr.
func printError(_ message: String) {
    FileHandle.standardError.write(Data("lenet-tui: error: \(message)\n".utf8))
}

/// Writes a line to stdout and flushes it (so pipes see progress as it happens).
func printLine(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
