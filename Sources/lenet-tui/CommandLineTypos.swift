import ArgumentParser
import LeNetFormats
import LeNetTraining

// MARK: - Mistyped subcommands and options
//
// argument-parser treats `lenet-tui tarin` as an unexpected argument of the default `tui` command and
// suggests any option within 3 edits (`--foo` → `--lr`). These checks say what the user most likely meant
// instead, using the commands' own option lists (`_dumpHelp()`), so they stay true as options change.

/// What a mistyped command line most likely meant, said before argument-parser's own message (unknown
/// subcommand) or in place of its first line (unknown option).
enum CommandLineTypos {
    /// The subcommands in help order, `help` included.
    static var commandNames: [String] {
        LenetTUI.configuration.subcommands.map { $0._commandName } + ["help"]
    }

    /// For a first argument that is neither an option nor a subcommand: `unknown command 'tarin'; did you
    /// mean 'train'? (commands: tui (the default), train, ...)`. The dashboard takes no positional
    /// arguments, so such a word is always a mistake.
    /// - Parameter arguments: the command line without the program name.
    static func unknownCommand(_ arguments: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-"), !commandNames.contains(first) else { return nil }
        let shown = TerminalText.escaped(first)
        let hint = NearestName.suggestion(for: first, among: commandNames).map { "; did you mean '\($0)'?" } ?? ""
        let list = commandNames.dropLast().map { $0 == LenetTUI.configuration.defaultSubcommand?._commandName ? "\($0) (the default)" : $0 }
        return "unknown command '\(shown)'\(hint) (commands: \(list.joined(separator: ", ")))"
    }

    /// The command the arguments run: the named subcommand, else the default (`tui`).
    static func command(for arguments: [String]) -> ParsableCommand.Type {
        let first = arguments.first ?? ""
        return LenetTUI.configuration.subcommands.first { $0._commandName == first }
            ?? LenetTUI.configuration.defaultSubcommand ?? LenetTUI.self
    }

    /// The long option names of `command` (without dashes), from argument-parser's own description of it.
    static func longOptions(of command: ParsableCommand.Type) -> [String] {
        guard let json = try? JSONParser.parse(Array(command._dumpHelp().utf8)),
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
    /// suggestion is ours (`NearestName`, among the options of the command being parsed), or none.
    static func rewritingUnknownOption(_ message: String, arguments: [String]) -> String {
        var lines = message.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let prefix = "Error: Unknown option '--"
        guard let first = lines.first, first.hasPrefix(prefix),
              let end = first.dropFirst(prefix.count).firstIndex(of: "'") else { return message }
        let option = String(first[first.index(first.startIndex, offsetBy: prefix.count)..<end])
        let suggestion = NearestName.suggestion(for: option, among: longOptions(of: command(for: arguments)))
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
