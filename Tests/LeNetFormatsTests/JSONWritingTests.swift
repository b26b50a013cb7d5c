import Testing
@testable import LeNetFormats

/// Building and writing JSON: the one way every output and header is written.
@Suite struct JSONWritingTests {
    let document = JSONValue.object([("a", .int(1)), ("b", .array([.int(2), .string("x")])), ("c", .object([]))])

    @Test func threeLayouts() {
        #expect(document.serialized(.compact) == #"{"a":1,"b":[2,"x"],"c":{}}"#)
        #expect(document.serialized(.spaced) == #"{"a": 1, "b": [2, "x"], "c": {}}"#)
        #expect(document.serialized(.pretty) == "{\n  \"a\": 1,\n  \"b\": [\n    2,\n    \"x\"\n  ],\n  \"c\": {}\n}")
        #expect(document.serialized() == document.serialized(.compact))
    }

    @Test func numbersAsTheOutputsPrintThem() {
        #expect(JSONValue.int(60_000) == .number("60000"))
        #expect(JSONValue.int(UInt64.max) == .number("18446744073709551615"))
        #expect(JSONValue.double(0.9771) == .number("0.9771"))
        #expect(JSONValue.double(2) == .number("2.0"))
        #expect(JSONValue.double(-0.0) == .number("-0.0"))
        #expect(JSONValue.double(1e-05) == .number("1e-05"))
        #expect(JSONValue.double(1e20) == .number("1e+20"))
        #expect(JSONValue.double(.nan) == .null && JSONValue.double(-.infinity) == .null)
        #expect(JSONValue.fixed(54027.25, digits: 1) == .number("54027.2"))
        #expect(JSONValue.fixed(Float(0.75), digits: 6) == .number("0.750000"))
        #expect(JSONValue.fixed(Double.infinity, digits: 3) == .null)
    }

    @Test func whatIsWrittenParsesBackTheSame() throws {
        let value = JSONValue.object([("é\u{1B}\"\\", .array([.double(0.1), .null, .bool(true), .string("\u{9B}\u{7F}\n")]))])
        for layout in [JSONLayout.compact, .spaced, .pretty] {
            #expect(try JSONParser.parse(Array(value.serialized(layout).utf8)) == value)
        }
    }

    @Test func stringsCarryNoTerminalControls() {
        #expect(JSONValue.quoted("a\"b\\c\nd\u{1}") == #""a\"b\\c\nd\u0001""#)
        #expect(JSONValue.quoted("\u{1B}[2J\u{7F}\u{9B}\u{202E}") == #""\u001b[2J\u007f\u009b\u202e""#)
        #expect(JSONValue.quoted("T-shirt/top é") == #""T-shirt/top é""#)
    }
}
