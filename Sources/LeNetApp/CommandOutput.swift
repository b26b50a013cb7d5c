import Foundation
import LeNetFormats
import LeNetTraining

// MARK: - How a command ends and what it prints

/// A bad command line or a missing prerequisite, found by a command's own checks; `description` is the one
/// line printed after `lenet-tui: error: ` (e.g. `give at least one sketch file`).
public struct UsageError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The one line to print.
    public let description: String

    /// - Parameter description: the one line to print, naming the flag, file or key.
    public init(_ description: String) { self.description = description }
}

/// Ends a command with a process exit status (1: an error was printed; 130: interrupted by a signal), with
/// nothing more printed. The executable turns it into its own exit.
public struct ExitStatus: Error, Equatable, Sendable {
    /// The process exit status.
    public let code: Int32

    /// - Parameter code: the process exit status.
    public init(_ code: Int32) { self.code = code }

    /// Status 1: an error line was printed.
    public static let failure = ExitStatus(1)
    /// Status 130: SIGINT, SIGTERM or SIGHUP ended the run (as a shell reports Ctrl-C).
    public static let interrupted = ExitStatus(130)
}

/// Runs `body`; any error other than an exit request or a failed write to stdout/stderr is printed as
/// one line on stderr with exit status 1. `NothingToDo` is said on stderr and ends with status 0.
/// - Throws: `ExitStatus` (status 1 after printing, or `body`'s own), `StreamWriteFault`.
public func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let exit as ExitStatus {
        throw exit
    } catch let fault as StreamWriteFault {
        throw fault
    } catch let done as NothingToDo {
        try Console.writeLine("\(Console.programName): \(done)", to: .error)
    } catch {
        try printError("\(error)")
        throw ExitStatus.failure
    }
}

/// Writes `lenet-tui: error: <message>` to stderr.
public func printError(_ message: String) throws(StreamWriteFault) {
    try Console.writeError(message)
}

/// Writes `lenet-tui: warning: <message>` to stderr.
public func printWarning(_ message: String) throws(StreamWriteFault) {
    try Console.writeLine("\(Console.programName): warning: \(message)", to: .error)
}

/// Writes a line to stdout at once (so pipes see progress as it happens).
public func printLine(_ text: String) throws(StreamWriteFault) {
    try Console.writeLine(text, to: .output)
}

/// Refuses a path flag with a control character (a NUL cuts a path short where the system reads it;
/// the others would reach the terminal in messages), naming the flag; absent flags pass.
/// - Throws: `ConfigError.invalidFlag`, e.g. `--results must be a path without control characters ...`.
public func checkPathFlags(_ flags: [(flag: String, value: String?)]) throws {
    for (flag, value) in flags {
        guard let value, let requirement = ConfigRules.path(value) else { continue }
        throw ConfigError.invalidFlag(flag: flag, requirement: requirement, found: TerminalText.quoted(value))
    }
}

/// `--resume` of a checkpoint that already has the epochs asked for: said on stderr, exit status 0.
public struct NothingToDo: Error, CustomStringConvertible {
    /// The checkpoint given to `--resume`.
    public let path: String
    /// The epochs it already has.
    public let epoch: Int
    /// `--epochs` (or the saved config's).
    public let epochs: Int

    public var description: String {
        "nothing to do: the checkpoint is already at epoch \(epoch) (\(path), --epochs \(epochs)); "
            + "pass a larger --epochs to train further"
    }
}

/// Ends the process after the argument parser's own message (help, version, a usage error): written
/// through `Console` to stdout when `success` (help asked for), else to stderr, then exit with `status`.
/// A stream that cannot be written ends the process as `Console.exit(after:)` does.
public func exitAfterParserMessage(_ message: String, success: Bool, status: Int32) -> Never {
    if !message.isEmpty {
        do {
            try Console.writeLine(message, to: success ? .output : .error)
        } catch {
            Console.exit(after: error)
        }
    }
    exit(status)
}

/// `lenet-tui summary`: the network's layers, shapes, parameters and FLOPs as lines, or one JSON object.
/// - Throws: `StreamWriteFault`.
public func printNetworkSummary(json: Bool) throws {
    if json {
        try printLine(NetworkSummary.json())
    } else {
        for line in NetworkSummary.lines() { try printLine(line) }
    }
}
