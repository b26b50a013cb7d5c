import Foundation
import LeNetFormats

// MARK: - argument-parser's errors as one line

/// argument-parser's error messages rewritten as the program's other errors are: one line,
/// `lenet-tui: error: ` first, naming the flag and what is wrong, then where the command's help is.
public enum ParserMessage {
    /// One line for argument-parser's multi-line error text (`Error: The value 'abc' is invalid for
    /// '--epochs <n>'`, then `Help:`, `Usage:` and `See 'lenet-tui train --help' ...` lines):
    /// `lenet-tui: error: the value 'abc' is invalid for '--epochs <n>' (see 'lenet-tui train --help')`.
    /// What the user typed is echoed with control characters made visible (`TerminalText.escaped`).
    /// Text that is not such an error (help, version) is returned unchanged.
    /// - Parameter message: argument-parser's `fullMessage(for:)` of a parse error (with our
    ///   `CommandLineTypos.rewritingUnknownOption` suggestion in its first line).
    public static func oneLine(_ message: String) -> String {
        let lines = message.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let first = lines.first, first.hasPrefix("Error: ") else { return message }
        var what = String(first.dropFirst("Error: ".count)).replacingOccurrences(of: ". Did you mean", with: "; did you mean")
        if let initial = what.first, initial.isUppercase { what = initial.lowercased() + what.dropFirst() }
        if what.hasSuffix(".") { what.removeLast() }
        let help = lines.first { $0.hasPrefix("See '") }.flatMap { line -> String? in
            let quoted = line.dropFirst("See '".count)
            return quoted.firstIndex(of: "'").map { String(quoted[..<$0]) }
        }
        return "lenet-tui: error: \(TerminalText.escaped(what))" + (help.map { " (see '\($0)')" } ?? "")
    }
}
