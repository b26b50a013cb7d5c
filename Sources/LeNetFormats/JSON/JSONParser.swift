/// A JSON syntax error with its 1-based position (column counted in Unicode scalars).
public struct JSONSyntaxError: Error, Equatable, Sendable {
    /// 1-based line.
    public let line: Int
    /// 1-based column, in Unicode scalars from the start of the line.
    public let column: Int
    /// What was wrong, e.g. `expected ',' or '}' after an object member`.
    public let message: String

    /// An error at `line`, `column` (both 1-based) saying `message`.
    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }
}

/// A strict RFC 8259 parser over UTF-8 bytes (a leading byte-order mark is skipped). Never traps: deep
/// nesting beyond `maximumDepth` is reported as an error instead of overflowing the stack.
public struct JSONParser {
    /// Deepest array/object nesting accepted.
    public static let maximumDepth = 256

    private let bytes: [UInt8]
    private var position = 0
    private var depth = 0

    /// Parses one JSON document (a value with optional surrounding whitespace).
    /// - Throws: `JSONSyntaxError`.
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        if bytes.starts(with: [0xef, 0xbb, 0xbf]) { parser.position = 3 }
        parser.skipWhitespace()
        guard parser.position < bytes.count else { throw parser.error("empty document, expected a JSON value") }
        let value = try parser.parseValue()
        parser.skipWhitespace()
        guard parser.position == bytes.count else { throw parser.error("unexpected \(parser.describeCurrent()) after the JSON value") }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    // MARK: - Values

    private mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
        guard position < bytes.count else { throw error("unexpected end of input, expected a value") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0") ... UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error("unexpected \(describeCurrent()), expected a value")
        }
    }

    private mutating func parseObject() throws(JSONSyntaxError) -> JSONValue {
        try enterNesting()
        position += 1  // {
        var members: [(key: String, value: JSONValue)] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "}") { position += 1; depth -= 1; return .object(members) }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else {
                throw error("unexpected \(describeCurrent()), expected a string key")
            }
            let key = try parseString()
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else { throw error("unexpected \(describeCurrent()), expected ':' after the key") }
            position += 1
            skipWhitespace()
            members.append((key, try parseValue()))
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"): position += 1; depth -= 1; return .object(members)
            default: throw error("unexpected \(describeCurrent()), expected ',' or '}' after an object member")
            }
        }
    }

    private mutating func parseArray() throws(JSONSyntaxError) -> JSONValue {
        try enterNesting()
        position += 1  // [
        var items: [JSONValue] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") { position += 1; depth -= 1; return .array(items) }
        while true {
            skipWhitespace()
            items.append(try parseValue())
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"): position += 1; depth -= 1; return .array(items)
            default: throw error("unexpected \(describeCurrent()), expected ',' or ']' after an array element")
            }
        }
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, returned as written.
    private mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let start = position
        if peek() == UInt8(ascii: "-") { position += 1 }
        guard let first = peek(), isDigit(first) else { throw error("invalid number: expected a digit") }
        position += 1
        if first != UInt8(ascii: "0") { skipDigits() }
        if peek() == UInt8(ascii: ".") {
            position += 1
            guard let digit = peek(), isDigit(digit) else { throw error("invalid number: expected a digit after '.'") }
            skipDigits()
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            position += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { position += 1 }
            guard let digit = peek(), isDigit(digit) else { throw error("invalid number: expected a digit in the exponent") }
            skipDigits()
        }
        if let next = peek(), isDigit(next) || next == UInt8(ascii: ".") {
            throw error("invalid number: leading zeros are not allowed")
        }
        return String(decoding: bytes[start ..< position], as: UTF8.self)
    }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        position += 1  // opening quote
        var scalars = String.UnicodeScalarView()
        var runStart = position
        func flushRun(_ end: Int) throws(JSONSyntaxError) {
            guard runStart < end else { return }
            let run = bytes[runStart ..< end]
            let text = String(decoding: run, as: UTF8.self)
            guard text.utf8.elementsEqual(run) else { throw error("invalid UTF-8 in string", at: runStart) }
            scalars.append(contentsOf: text.unicodeScalars)
        }
        while true {
            guard position < bytes.count else { throw error("unterminated string") }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                try flushRun(position)
                position += 1
                return String(scalars)
            } else if byte == UInt8(ascii: "\\") {
                try flushRun(position)
                scalars.append(try parseEscape())
                runStart = position
            } else if byte < 0x20 {
                throw error("control character U+\(hex4(UInt32(byte))) in string (escape it)")
            } else {
                position += 1
            }
        }
    }

    /// After a backslash: one escape (a `\uD83D\uDE00` surrogate pair counts as one).
    private mutating func parseEscape() throws(JSONSyntaxError) -> Unicode.Scalar {
        position += 1  // backslash
        guard let byte = peek() else { throw error("unterminated string") }
        position += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let high = try parseHex4()
            if (0xD800 ... 0xDBFF).contains(high) {
                guard bytes[position...].starts(with: Array("\\u".utf8)) else { throw error("unpaired surrogate in \\u escape") }
                position += 2
                let low = try parseHex4()
                guard (0xDC00 ... 0xDFFF).contains(low) else { throw error("unpaired surrogate in \\u escape") }
                return Unicode.Scalar(0x10000 + (high - 0xD800) << 10 + (low - 0xDC00))!
            }
            guard let scalar = Unicode.Scalar(high) else { throw error("unpaired surrogate in \\u escape") }
            return scalar
        default:
            position -= 1
            throw error("invalid escape \\\(describeCurrent(quoted: false))")
        }
    }

    private mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0 ..< 4 {
            guard let byte = peek(), let digit = hexValue(byte) else { throw error("invalid \\u escape: expected 4 hex digits") }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    // MARK: - Helpers

    private mutating func expectLiteral(_ word: String) throws(JSONSyntaxError) {
        guard bytes[position...].starts(with: Array(word.utf8)) else {
            throw error("unexpected \(describeCurrent()), expected a value")
        }
        position += word.utf8.count
    }

    private mutating func enterNesting() throws(JSONSyntaxError) {
        depth += 1
        guard depth <= JSONParser.maximumDepth else { throw error("nesting deeper than \(JSONParser.maximumDepth) levels") }
    }

    private func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipWhitespace() {
        while let byte = peek(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
    }

    private mutating func skipDigits() {
        while let byte = peek(), isDigit(byte) { position += 1 }
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0") ... UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a") ... UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A") ... UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    private func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// The character at the current position for messages: `'x'`, or `end of input`.
    private func describeCurrent(quoted: Bool = true) -> String {
        guard position < bytes.count else { return "end of input" }
        // Decode one UTF-8 character (up to 4 bytes) for the message.
        let end = min(bytes.count, position + 4)
        let text = String(decoding: bytes[position ..< end], as: UTF8.self)
        let character = text.unicodeScalars.first.map { String($0) } ?? "?"
        let scalar = character.unicodeScalars.first!
        let shown = TerminalText.isControl(scalar) ? "U+\(hex4(scalar.value))" : character
        return quoted ? "'\(shown)'" : shown
    }

    /// An error at `offset` (default: the current position), with its line and column.
    private func error(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
        let offset = min(offset ?? position, bytes.count)
        var line = 1, column = 1
        for byte in bytes[0 ..< offset] {
            if byte == 0x0A {
                line += 1; column = 1
            } else if byte & 0xC0 != 0x80 {  // not a UTF-8 continuation byte
                column += 1
            }
        }
        return JSONSyntaxError(line: line, column: column, message: message)
    }
}
