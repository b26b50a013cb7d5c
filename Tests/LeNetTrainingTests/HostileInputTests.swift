import Foundation
import LeNetFormats
import Testing
@testable import LeNetTraining

/// Config files and metrics.csv files an attacker could hand a run: one line each, naming the file and
/// escaping what came from it.
@Suite struct HostileInputTests {
    /// A fresh directory for one test (removed by `cleanUp`).
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lenet-hostile-\(UUID().uuidString)").path

    init() throws { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }

    func cleanUp() { try? FileManager.default.removeItem(atPath: directory) }

    func loadError(_ path: String) -> String? {
        configErrorText { try ConfigLoader.load(from: URL(fileURLWithPath: path)) }
    }

    @Test func specialConfigFilesAreNamedNotRead() throws {
        defer { cleanUp() }
        let fifo = directory + "/config.json"
        #expect(mkfifo(fifo, 0o644) == 0)
        #expect(loadError(fifo) == "\(fifo): cannot read config file: is a FIFO (named pipe), not a regular file")
        #expect(loadError("/dev/zero") == "/dev/zero: cannot read config file: is a character device, not a regular file")
        #expect(loadError(directory) == "\(directory): is a directory, expected a JSON config file")
        #expect(loadError(directory + "/none.json") == "\(directory)/none.json: config file not found")
        let loop = directory + "/loop.json"
        try FileManager.default.createSymbolicLink(atPath: loop, withDestinationPath: "loop.json")
        #expect(loadError(loop) == "\(loop): cannot read config file: too many levels of symbolic links")
        let big = directory + "/big.json"
        #expect(FileManager.default.createFile(atPath: big, contents: nil))
        #expect(truncate(big, 5 << 30) == 0)
        #expect(loadError(big) == "\(big): cannot read config file: is 5368709120 bytes, more than a config file can be (at most 1048576 bytes)")
    }

    @Test func keysAndValuesAreEscapedTheSameWay() {
        #expect(configErrorText { try ConfigLoader.parse("{\"epochs\\u001b]0;x\\u0007\": 1}", source: "c.json") }
            == #"c.json: unknown key "epochs\u{1B}]0;x\u{7}" (did you mean "epochs"?)"#)
        #expect(configErrorText { try ConfigLoader.parse("{\"optimizer\": \"adam\\u009b2J\"}", source: "c.json") }
            == #"c.json: key "optimizer" has unknown value "adam\u{9B}2J" (allowed: adam, sgd, adamw)"#)
        #expect(configErrorText { try ConfigLoader.parse("{\"epochs\": \"\\u001b[2J\"}", source: "c\u{1B}.json") }
            == #"c\u{1B}.json: key "epochs" must be an integer, got a string ("\u{1B}[2J")"#)
        // A raw C1 control in the document is named by its code point, not printed.
        #expect(configErrorText { try ConfigLoader.parse("{\u{9B}}", source: "c.json") }
            == "c.json: invalid JSON at line 1, column 2: unexpected 'U+009B', expected a string key")
    }

    @Test func integersAreReadExactly() throws {
        // 2^53 + 1 as an exact integer: through Double it would have become 2^53.
        #expect(try ConfigLoader.parse(#"{"seed": 9007199254740993}"#, source: "c").seed == 9_007_199_254_740_993)
        #expect(try ConfigLoader.parse(#"{"seed": 9007199254740993.0}"#, source: "c").seed == 9_007_199_254_740_993)
        #expect(configErrorText { try ConfigLoader.parse(#"{"seed": 18446744073709551616}"#, source: "c") }
            == #"c: key "seed" must be at most 18446744073709551615, got 18446744073709551616"#)
    }

    @Test func metricsFilesAreBoundedAndEscaped() throws {
        defer { cleanUp() }
        let csv = directory + "/metrics.csv"
        try Data((MetricsCSV.header + "\n1,0.1,0.9,0.1,0.9,0.001,1,1.0\n2,x\u{1B}[2J,0.9,0.1,0.9,0.001,1,1.0\n").utf8).write(to: URL(fileURLWithPath: csv))
        #expect(configErrorText { try TrainingResults.previousRows(in: directory, before: 5) }
            == "\(csv): line 3: train_loss \"x\\u{1B}[2J\" is not a number")
        // A line of a million commas is refused from its count, not split.
        try Data((MetricsCSV.header + "\n" + String(repeating: ",", count: 1_000_000) + "\n").utf8).write(to: URL(fileURLWithPath: csv))
        #expect(configErrorText { try TrainingResults.previousRows(in: directory, before: 5) }
            == "\(csv): line 2: expected 8 fields, found 1000001")
        try FileManager.default.removeItem(atPath: csv)
        #expect(try TrainingResults.previousRows(in: directory, before: 5) == [])
        #expect(mkfifo(csv, 0o644) == 0)
        #expect(configErrorText { try TrainingResults.previousRows(in: directory, before: 5) }
            == "\(csv): is a FIFO (named pipe), not a regular file")
    }

    @Test func svgTextNeverHoldsCharactersXMLForbids() {
        #expect(SVG.escape("a<b>&\"c\u{1B}d\u{7}\te\u{FFFE}") == "a&lt;b&gt;&amp;&quot;c\u{FFFD}d\u{FFFD}\te\u{FFFD}")
    }
}
