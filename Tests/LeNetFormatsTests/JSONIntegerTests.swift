import Testing
@testable import LeNetFormats

/// Integers read exactly from JSON number text, never through Double.
@Suite struct JSONIntegerTests {
    @Test func wholeNumbersInEverySpelling() {
        #expect(JSONInteger<Int>(lexeme: "64") == .value(64))
        #expect(JSONInteger<Int>(lexeme: "-3") == .value(-3))
        #expect(JSONInteger<Int>(lexeme: "64.0") == .value(64))
        #expect(JSONInteger<Int>(lexeme: "6.4e1") == .value(64))
        #expect(JSONInteger<Int>(lexeme: "6400E-2") == .value(64))
        #expect(JSONInteger<Int>(lexeme: "0.05e2") == .value(5))
        #expect(JSONInteger<Int>(lexeme: "-0") == .value(0))
        #expect(JSONInteger<Int>(lexeme: "0e999999999999999999") == .value(0))
        #expect(JSONInteger<Int>(lexeme: "0.000") == .value(0))
    }

    @Test func exactBeyondDoublePrecision() {
        // 2^53 + 1: Double would read 9007199254740992.
        #expect(JSONInteger<Int>(lexeme: "9007199254740993") == .value(9_007_199_254_740_993))
        #expect(JSONInteger<Int>(lexeme: "9007199254740993.0") == .value(9_007_199_254_740_993))
        #expect(JSONInteger<Int>(lexeme: "9.007199254740993e15") == .value(9_007_199_254_740_993))
        #expect(JSONInteger<Int>(lexeme: "9223372036854775807") == .value(Int.max))
        #expect(JSONInteger<Int>(lexeme: "-9223372036854775808") == .value(Int.min))
        #expect(JSONInteger<UInt64>(lexeme: "18446744073709551615") == .value(UInt64.max))
    }

    @Test func outOfRangeAndFractions() {
        #expect(JSONInteger<Int>(lexeme: "9223372036854775808") == .tooLarge)
        #expect(JSONInteger<Int>(lexeme: "-9223372036854775809") == .tooSmall)
        #expect(JSONInteger<UInt64>(lexeme: "18446744073709551616") == .tooLarge)
        #expect(JSONInteger<UInt64>(lexeme: "-1") == .tooSmall)
        #expect(JSONInteger<Int>(lexeme: "1e400") == .tooLarge)
        #expect(JSONInteger<Int>(lexeme: "-1e999999999999") == .tooSmall)
        #expect(JSONInteger<Int>(lexeme: "1.5") == .notInteger)
        #expect(JSONInteger<Int>(lexeme: "1e-1") == .notInteger)
        #expect(JSONInteger<Int>(lexeme: "1.23e1") == .notInteger)
        #expect(JSONInteger<Int>(lexeme: "5e-999999999999") == .notInteger)
        #expect(JSONInteger<Int>(lexeme: "01") == .notInteger)
        #expect(JSONInteger<Int>(lexeme: "1.") == .notInteger)
        #expect(JSONInteger<Int>(lexeme: "") == .notInteger)
    }

    @Test func plainIntegersForSafetensors() {
        #expect(JSONValue.number("246824").plainInteger(as: Int.self) == 246_824)
        #expect(JSONValue.number("1.0").plainInteger(as: Int.self) == nil)
        #expect(JSONValue.number("1e2").plainInteger(as: Int.self) == nil)
        #expect(JSONValue.number("99999999999999999999").plainInteger(as: Int.self) == nil)
        #expect(JSONValue.string("5").plainInteger(as: Int.self) == nil)
    }
}
