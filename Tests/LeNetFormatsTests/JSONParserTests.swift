import Testing
@testable import LeNetFormats

/// The JSON reader on its own (config files, safetensors headers): strict RFC 8259, positions in messages, no traps.
@Suite struct JSONParserTests {
    func parse(_ text: String) throws -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

    func syntaxError(_ bytes: [UInt8]) -> JSONSyntaxError? {
        do { _ = try JSONParser.parse(bytes); return nil } catch { return error }
    }

    @Test func parsesEveryKindOfValue() throws {
        let value = try parse(#" {"a": [1, -2.5e+3, true, false, null], "b": {}, "c": "x\"\\\/\n\t\u00e9\ud83d\ude00"} "#)
        #expect(value == .object([
            ("a", .array([.number("1"), .number("-2.5e+3"), .bool(true), .bool(false), .null])),
            ("b", .object([])),
            ("c", .string("x\"\\/\n\té😀")),
        ]))
    }

    @Test func keepsDuplicateMembersInOrder() throws {
        guard case .object(let members) = try parse(#"{"k": 1, "k": 2}"#) else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["k", "k"])
    }

    @Test func rejectsMalformedNumbersAndStrings() {
        #expect(syntaxError(Array("[01]".utf8)) == JSONSyntaxError(line: 1, column: 3, message: "invalid number: leading zeros are not allowed"))
        #expect(syntaxError(Array("[1.]".utf8))?.message == "invalid number: expected a digit after '.'")
        #expect(syntaxError(Array("[-]".utf8))?.message == "invalid number: expected a digit")
        #expect(syntaxError(Array("[1e]".utf8))?.message == "invalid number: expected a digit in the exponent")
        #expect(syntaxError(Array("[+1]".utf8))?.message == "unexpected '+', expected a value")
        #expect(syntaxError(Array("[NaN]".utf8))?.message == "unexpected 'N', expected a value")
        #expect(syntaxError(Array("[tru]".utf8))?.message == "unexpected 't', expected a value")
        #expect(syntaxError(Array("\"abc".utf8))?.message == "unterminated string")
        #expect(syntaxError(Array("\"a\tb\"".utf8)) == JSONSyntaxError(line: 1, column: 3, message: "control character U+0009 in string (escape it)"))
        #expect(syntaxError(Array(#""\x""#.utf8))?.message == "invalid escape \\x")
        #expect(syntaxError(Array(#""\u12G4""#.utf8))?.message == "invalid \\u escape: expected 4 hex digits")
        #expect(syntaxError(Array(#""\ud83d""#.utf8))?.message == "unpaired surrogate in \\u escape")
        #expect(syntaxError(Array(#""\ude00""#.utf8))?.message == "unpaired surrogate in \\u escape")
        #expect(syntaxError([0x22, 0xff, 0x22]) == JSONSyntaxError(line: 1, column: 2, message: "invalid UTF-8 in string"))
        #expect(syntaxError(Array("{'a': 1}".utf8))?.message == "unexpected ''', expected a string key")
        #expect(syntaxError(Array("{\"a\" 1}".utf8))?.message == "unexpected '1', expected ':' after the key")
        #expect(syntaxError(Array("[1 2]".utf8))?.message == "unexpected '2', expected ',' or ']' after an array element")
    }

    @Test func positionsCountLinesAndCharacters() {
        // Line 3, after "  \"é\": " (7 characters; é is 2 bytes).
        #expect(syntaxError(Array("{\n\"a\": 1,\n  \"é\": ?}".utf8)) == JSONSyntaxError(line: 3, column: 8, message: "unexpected '?', expected a value"))
        #expect(syntaxError(Array("   ".utf8)) == JSONSyntaxError(line: 1, column: 4, message: "empty document, expected a JSON value"))
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = Array(repeating: UInt8(ascii: "["), count: 100_000)
        #expect(syntaxError(deep)?.message == "nesting deeper than 256 levels")
        let fine = String(repeating: "[", count: 256) + String(repeating: "]", count: 256)
        #expect(syntaxError(Array(fine.utf8)) == nil)
    }

    @Test func serializesWithEscapes() throws {
        let value = JSONValue.object([("a\"b", .string("line\nnext\u{1}")), ("n", .array([.number("1"), .null]))])
        #expect(value.serialized() == #"{"a\"b":"line\nnext\u0001","n":[1,null]}"#)
        #expect(value.serialized(pretty: true) == "{\n  \"a\\\"b\": \"line\\nnext\\u0001\",\n  \"n\": [\n    1,\n    null\n  ]\n}")
        #expect(try JSONParser.parse(Array(value.serialized(pretty: true).utf8)) == value)
    }
}
