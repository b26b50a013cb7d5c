import Testing
@testable import LeNetTraining

/// `train --until`'s value: fractions and percentages, the comparison in whole images, and the refusals.
@Suite struct TargetAccuracyTests {
    @Test func fractionsAndPercentagesReadTheSame() throws {
        #expect(try TargetAccuracy(parsing: "0.99").fraction == 0.99)
        #expect(try TargetAccuracy(parsing: "99%").fraction == 0.99)
        #expect(abs(try TargetAccuracy(parsing: "99.4%").fraction - 0.994) < 1e-15)
        #expect(try TargetAccuracy(parsing: "99.4%").isReached(correct: 9940, total: 10000))
        #expect(try TargetAccuracy(parsing: "1").fraction == 1)
        #expect(try TargetAccuracy(parsing: "99%").description == "99%")
        #expect(try TargetAccuracy(parsing: "0.9925").description == "99.25%")
    }

    @Test func theTargetIsComparedInWholeImages() throws {
        let target = try TargetAccuracy(parsing: "99%")
        #expect(target.isReached(correct: 9900, total: 10000))
        #expect(!target.isReached(correct: 9899, total: 10000))
        #expect(try TargetAccuracy(parsing: "0.994").isReached(correct: 9940, total: 10000))
        #expect(!target.isReached(correct: 0, total: 0))
    }

    @Test func anythingElseIsRefusedNamingTheFlag() {
        let requirement = "--until must be a test accuracy: a fraction in (0, 1] such as 0.99, or a percentage such as 99%, got "
        for (text, shown) in [("99", #""99""#), ("0", #""0""#), ("101%", #""101%""#), ("abc", #""abc""#), ("-0.5", #""-0.5""#),
                              ("nan", #""nan""#), ("", #""""#)] {
            #expect(configErrorText { _ = try TargetAccuracy(parsing: text) } == requirement + shown)
        }
    }
}
