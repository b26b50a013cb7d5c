import LeNetFormats
import LeNetTraining

// MARK: - Mistyped subcommands and options
//
// argument-parser treats `lenet-tui tarin` as an unexpected argument of the default `tui` command and
// suggests any option within 3 edits (`--foo` → `--lr`). These checks say what the user most likely meant
// instead, using the commands' own option lists (argument-parser's `_dumpHelp()` JSON, which the executable
// passes in), so they stay true as options change.

/// What a mistyped command line most likely meant, said before argument-parser's own message (unknown
/// subcommand) or in place of its first line (unknown option).
public enum CommandLineTypos {
    /// For a first argument that is neither an option nor a subcommand: `unknown command 'tarin'; did you
    /// mean 'train'? (commands: tui (the default), train, ...)`. The dashboard takes no positional
    /// arguments, so such a word is always a mistake.
    /// - Parameters:
    ///   - arguments: the command line without the program name.
    ///   - commands: the subcommands in help order, `help` last.
    ///   - defaultCommand: the one that runs without a name (`tui`).
    public static func unknownCommand(_ arguments: [String], commands: [String], defaultCommand: String?) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-"), !commands.contains(first) else { return nil }
        let shown = TerminalText.escaped(first)
        let hint = NearestName.suggestion(for: first, among: commands).map { "; did you mean '\($0)'?" } ?? ""
        let list = commands.dropLast().map { $0 == defaultCommand ? "\($0) (the default)" : $0 }
        return "unknown command '\(shown)'\(hint) (commands: \(list.joined(separator: ", ")))"
    }

    /// The long option names (without dashes) in argument-parser's JSON description of a command
    /// (`_dumpHelp()`), hidden ones left out; empty when the text is not such a description.
    public static func longOptions(helpDump: String) -> [String] {
        guard let json = try? JSONParser.parse(Array(helpDump.utf8)),
              case .array(let arguments)? = json.member("command")?.member("arguments") else { return [] }
        return arguments.flatMap { argument -> [String] in
            guard argument.member("shouldDisplay") != .bool(false),
                  case .array(let names)? = argument.member("names") else { return [] }
            return names.compactMap { name in
                guard name.member("kind") == .string("long"), case .string(let text)? = name.member("name") else { return nil }
                return text
            }
        }
    }

    /// argument-parser's message with its first line replaced when it is an unknown long option: the
    /// suggestion is ours (`NearestName`, among `options()`, the long options of the command being
    /// parsed), or none.
    public static func rewritingUnknownOption(_ message: String, options: () -> [String]) -> String {
        var lines = message.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let prefix = "Error: Unknown option '--"
        guard let first = lines.first, first.hasPrefix(prefix),
              let end = first.dropFirst(prefix.count).firstIndex(of: "'") else { return message }
        let option = String(first[first.index(first.startIndex, offsetBy: prefix.count)..<end])
        let suggestion = NearestName.suggestion(for: option, among: options())
        lines[0] = "Error: Unknown option '--\(option)'" + (suggestion.map { ". Did you mean '--\($0)'?" } ?? "")
        return lines.joined(separator: "\n")
    }
}

extension JSONValue {
    /// The value of `key` when this is an object that has it.
    func member(_ key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }
}
