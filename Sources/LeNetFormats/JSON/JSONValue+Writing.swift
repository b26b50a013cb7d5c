import Foundation

// MARK: - Building and writing JSON
//
// Every JSON the program writes (the `--json` lines of train, test, bench and predict, the safetensors
// header, the config stored in a checkpoint) is built as a `JSONValue` and serialised here, so quoting
// and number spelling are the same everywhere.

/// How `JSONValue.serialized` lays out the text.
public enum JSONLayout: Sendable {
    /// No spaces: `{"a":1,"b":[1,2]}` (the safetensors header, config metadata).
    case compact
    /// One line with a space after `:` and `,`: `{"a": 1, "b": [1, 2]}` (the `--json` lines, as Python's
    /// `json.dumps` writes them).
    case spaced
    /// Two-space indentation, one member or element per line (`config.json`).
    case pretty
}

extension JSONValue {
    // MARK: Numbers as the outputs print them

    /// An integer, in decimal: `60000`, `-3`.
    public static func int<T: BinaryInteger>(_ value: T) -> JSONValue { .number(String(value)) }

    /// A double in Swift's shortest round-trip spelling, with `.0` for whole numbers below 10^15
    /// (`0.9771`, `2.0`, `1e-05`, `1e+20`); `null` for NaN and infinities, which JSON cannot hold.
    public static func double(_ value: Double) -> JSONValue {
        guard value.isFinite else { return .null }
        if value == value.rounded(), abs(value) < 1e15 { return .number(String(format: "%.1f", value)) }
        return .number("\(value)")
    }

    /// A number with exactly `digits` decimals (`printf("%.*f")`): `54027.3`, `0.069865`; `null` for NaN
    /// and infinities.
    public static func fixed(_ value: Double, digits: Int) -> JSONValue {
        guard value.isFinite else { return .null }
        return .number(String(format: "%.\(digits)f", value))
    }

    /// A float with exactly `digits` decimals (see `fixed(_:digits:)`), e.g. a probability `0.999871`.
    public static func fixed(_ value: Float, digits: Int) -> JSONValue { fixed(Double(value), digits: digits) }

    // MARK: Text

    /// The JSON text, object members in stored order.
    public func serialized(_ layout: JSONLayout) -> String {
        var out = ""
        write(to: &out, layout: layout, indent: 0)
        return out
    }

    /// Compact (`pretty == false`) or two-space indented JSON text; object members in stored order.
    public func serialized(pretty: Bool = false) -> String { serialized(pretty ? .pretty : .compact) }

    /// `text` as a JSON string literal (RFC 8259, section 7): quotes and backslashes escaped, `\n`, `\r`,
    /// `\t` by name, and every other character a terminal would act on (`TerminalText.isControl`: C0,
    /// DEL, C1, line separators, bidirectional controls) as `\u00XX`, so JSON output printed to a terminal
    /// is as safe as the error lines. The value read back is unchanged.
    public static func quoted(_ text: String) -> String {
        "\"" + text.replacingScalars { scalar in
            switch scalar {
            case "\"": return "\\\""
            case "\\": return "\\\\"
            case "\n": return "\\n"
            case "\r": return "\\r"
            case "\t": return "\\t"
            case _ where TerminalText.isControl(scalar):
                let digits = String(scalar.value, radix: 16)
                return "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
            default: return nil
            }
        } + "\""
    }

    private func write(to out: inout String, layout: JSONLayout, indent: Int) {
        let pretty = layout == .pretty
        let newline = pretty ? "\n" : ""
        let separator = layout == .spaced ? ", " : ","
        let colon = layout == .compact ? ":" : ": "
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
                item.write(to: &out, layout: layout, indent: indent + 1)
                out += (index < items.count - 1 ? separator : "") + newline
            }
            out += closingPad + "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{" + newline
            for (index, member) in members.enumerated() {
                out += pad + JSONValue.quoted(member.key) + colon
                member.value.write(to: &out, layout: layout, indent: indent + 1)
                out += (index < members.count - 1 ? separator : "") + newline
            }
            out += closingPad + "}"
        }
    }
}
