// MARK: - Exact integers from JSON number text
//
// JSON numbers are kept as the text they were written with (`JSONValue.number`). Reading one as an
// integer works on that text's digits: through `Double` a value such as 9007199254740993 would silently
// become 9007199254740992, and a 20-digit shape or offset would round.

/// How a JSON number reads as an integer of type `T`, computed exactly from its digits.
public enum JSONInteger<T: FixedWidthInteger>: Equatable {
    /// A whole number that `T` represents: `64`, `-3`, `64.0`, `6.4e1`, `-0`.
    case value(T)
    /// Not a whole number (`1.5`, `1e-1`), or not a JSON number at all.
    case notInteger
    /// Whole but below `T.min` (for unsigned types: negative).
    case tooSmall
    /// Whole but above `T.max`.
    case tooLarge

    /// Reads a JSON number lexeme `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    public init(lexeme: String) {
        guard let number = DecimalDigits(lexeme) else { self = .notInteger; return }
        // digits × 10^exponent, digits without leading zeros ("" is zero).
        var digits = number.digits.drop(while: { $0 == UInt8(ascii: "0") })
        guard !digits.isEmpty else { self = .value(0); return }
        let tooBig: JSONInteger = number.negative ? .tooSmall : .tooLarge
        if number.exponent < 0 {
            let dropped = -number.exponent
            guard dropped < digits.count, digits.suffix(dropped).allSatisfy({ $0 == UInt8(ascii: "0") }) else {
                self = .notInteger; return
            }
            digits = digits.dropLast(dropped)
        } else if number.exponent > 0 {
            // No 64-bit (or smaller) type holds 41 digits: stop before building a huge string.
            guard digits.count + number.exponent <= 40 else { self = tooBig; return }
            digits += repeatElement(UInt8(ascii: "0"), count: number.exponent)
        }
        let text = (number.negative ? "-" : "") + String(decoding: digits, as: UTF8.self)
        if let value = T(text, radix: 10) { self = .value(value) } else { self = tooBig }
    }
}

/// A JSON number split into sign, all its digits (integer then fraction part) and the power of ten they
/// are scaled by.
private struct DecimalDigits {
    var negative = false
    var digits: [UInt8] = []
    /// The exponent minus the number of fraction digits, saturated to ±1,000,000.
    var exponent = 0

    init?(_ lexeme: String) {
        let bytes = Array(lexeme.utf8)
        var i = 0
        func isDigit(_ index: Int) -> Bool { index < bytes.count && (0x30 ... 0x39).contains(bytes[index]) }
        if i < bytes.count && bytes[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        guard isDigit(i) else { return nil }
        if bytes[i] == UInt8(ascii: "0") {
            digits.append(bytes[i]); i += 1
        } else {
            while isDigit(i) { digits.append(bytes[i]); i += 1 }
        }
        var fractionCount = 0
        if i < bytes.count && bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard isDigit(i) else { return nil }
            while isDigit(i) { digits.append(bytes[i]); i += 1; fractionCount += 1 }
        }
        var written = 0
        if i < bytes.count && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) {
            i += 1
            var sign = 1
            if i < bytes.count && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) {
                sign = bytes[i] == UInt8(ascii: "-") ? -1 : 1; i += 1
            }
            guard isDigit(i) else { return nil }
            while isDigit(i) {
                written = min(written * 10 + Int(bytes[i] - 0x30), 1_000_000); i += 1
            }
            written *= sign
        }
        guard i == bytes.count else { return nil }
        exponent = written - fractionCount
    }
}

extension JSONValue {
    /// This value as an integer of type `T` (see `JSONInteger`), or nil when it is not a number.
    public func integer<T: FixedWidthInteger>(as _: T.Type = T.self) -> JSONInteger<T>? {
        guard case .number(let lexeme) = self else { return nil }
        return JSONInteger(lexeme: lexeme)
    }

    /// The value of a number written as a plain integer (`-?[0-9]+`, no fraction or exponent, as
    /// safetensors' shapes and offsets are) that fits `T`; nil otherwise.
    public func plainInteger<T: FixedWidthInteger>(as _: T.Type = T.self) -> T? {
        guard case .number(let lexeme) = self, !lexeme.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }),
              case .value(let value) = JSONInteger<T>(lexeme: lexeme) else { return nil }
        return value
    }

    /// The string, when this is a string.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The elements, when this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    /// The members in document order (duplicates kept), when this is an object.
    public var objectMembers: [(key: String, value: JSONValue)]? {
        if case .object(let members) = self { return members }
        return nil
    }
}
