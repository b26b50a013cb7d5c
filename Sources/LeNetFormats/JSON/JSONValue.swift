// MARK: - A small JSON document model
//
// Kept apart from Foundation's JSONSerialization on purpose: numbers keep the text they were written with
// (so `64`, `64.5` and `true` stay distinguishable: NSNumber bridging on Linux turns booleans into numbers),
// object members keep their order and duplicates, and syntax errors carry a line and column.

/// A parsed JSON value (RFC 8259).
public enum JSONValue: Equatable, Sendable {
    /// `null`.
    case null
    /// `true` / `false`.
    case bool(Bool)
    /// A number, as written in the document (already checked against the JSON number grammar).
    case number(String)
    /// A string, escapes decoded.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object's members in document order (duplicates kept, so callers can reject them).
    case object([(key: String, value: JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// How the value reads in an error message: `a string ("64")`, `a boolean (true)`, `null`, `1.5`,
    /// `an array`, `an object`; strings escaped for the terminal (`TerminalText.quoted`).
    public var messageText: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return "a boolean (\(value))"
        case .number(let text): return text
        case .string(let text): return "a string (\(TerminalText.quoted(text)))"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// The kind alone: `an array`, `a string`, `a number`, ... (for the top-level check).
    public var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    // MARK: - Writing

    /// Compact (`pretty == false`) or two-space indented JSON text; object members in stored order.
    public func serialized(pretty: Bool = false) -> String {
        var out = ""
        write(to: &out, pretty: pretty, indent: 0)
        return out
    }

    private func write(to out: inout String, pretty: Bool, indent: Int) {
        let newline = pretty ? "\n" : ""
        let pad = pretty ? String(repeating: "  ", count: indent + 1) : ""
        let closingPad = pretty ? String(repeating: "  ", count: indent) : ""
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .number(let text): out += text
        case .string(let text): out += JSONValue.quoted(text)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[" + newline
            for (index, item) in items.enumerated() {
                out += pad
                item.write(to: &out, pretty: pretty, indent: indent + 1)
                out += (index < items.count - 1 ? "," : "") + newline
            }
            out += closingPad + "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{" + newline
            for (index, member) in members.enumerated() {
                out += pad + JSONValue.quoted(member.key) + (pretty ? ": " : ":")
                member.value.write(to: &out, pretty: pretty, indent: indent + 1)
                out += (index < members.count - 1 ? "," : "") + newline
            }
            out += closingPad + "}"
        }
    }

    /// `text` as a JSON string literal: quotes, backslashes and control characters escaped (RFC 8259,
    /// section 7); `\n`, `\r`, `\t` by name, other C0 controls as `\u00XX`.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let digits = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
