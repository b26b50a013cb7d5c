import XCTest

// The XCTest form of `expectClose`, kept only while test targets still use XCTest; removed once every
// test is a Swift Testing test.

/// XCTest form of `expectClose(_:_:tolerance:_:sourceLocation:)` for arrays (same rule and message).
@discardableResult
public func assertClose(_ actual: [Float], _ expected: [Float], relativeTolerance: Double = Tolerance.standard,
                        _ message: @autoclosure () -> String = "",
                        file: StaticString = #filePath, line: UInt = #line) -> Difference {
    guard actual.count == expected.count else {
        XCTFail("count \(actual.count) != expected \(expected.count) \(message())", file: file, line: line)
        return Difference([], [])
    }
    let difference = Difference(actual, expected)
    if let bad = actual.indices.first(where: {
        !Tolerance.isClose(Double(actual[$0]), Double(expected[$0]), tolerance: relativeTolerance)
    }) {
        let worst = difference.worstIndex
        XCTFail("not close (tolerance \(relativeTolerance)): first at [\(bad)] \(actual[bad]) vs \(expected[bad]); "
                + "worst [\(worst)] \(actual[worst]) vs \(expected[worst]); \(difference) \(message())",
                file: file, line: line)
    }
    return difference
}

/// XCTest form of the scalar `expectClose` (same rule).
public func assertClose(_ actual: Double, _ expected: Double, relativeTolerance: Double = Tolerance.standard,
                        _ message: @autoclosure () -> String = "",
                        file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertTrue(Tolerance.isClose(actual, expected, tolerance: relativeTolerance),
                  "\(actual) vs \(expected) not within \(relativeTolerance) \(message())", file: file, line: line)
}
