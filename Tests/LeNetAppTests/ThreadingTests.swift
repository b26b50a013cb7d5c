import Dispatch
import Foundation
import LeNetEngine
import LeNetFormats
import LeNetTraining
import Testing
import TestSupport
@testable import LeNetApp

/// Work the run does off the trainer's thread (result files) and signals turned into stop requests.
@Suite struct ThreadingTests {
    private func metrics(epoch: Int) -> EpochMetrics {
        EpochMetrics(epoch: epoch, trainLoss: 0.5, trainAccuracy: 0.875, testLoss: 0.25, testAccuracy: 0.9375,
                     learningRate: 0.001, seconds: 2)
    }

    @Test func resultFilesAreWrittenInOrderBeforeWaitReturns() throws {
        let directory = try TemporaryDirectory()
        let results = TrainingResults(directory: directory.path("results"), plannedEpochs: 3, title: "t")
        try directory.makeDirectory("results")
        let writer = ResultsWriter(results: results)
        let failures = Locked<[String]>([])
        for epoch in 1...3 {
            writer.record(metrics(epoch: epoch), parameters: .zeros()) { message in failures.withLock { $0.append(message) } }
        }
        writer.waitUntilWritten()
        #expect(failures.value.isEmpty)
        #expect(results.rows.map(\.epoch) == [1, 2, 3])
        let csv = try String(contentsOfFile: results.metricsPath, encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 4)  // the header and three epochs
        #expect(FileManager.default.fileExists(atPath: results.filtersPath))
    }

    @Test func aFileThatCannotBeWrittenIsReportedAsOneLine() throws {
        let directory = try TemporaryDirectory()
        try directory.write([1], to: "taken")  // a file where the results directory should be
        let results = TrainingResults(directory: directory.path("taken"), plannedEpochs: 1, title: "t")
        let writer = ResultsWriter(results: results)
        let failures = Locked<[String]>([])
        writer.record(metrics(epoch: 1), parameters: .zeros()) { message in failures.withLock { $0.append(message) } }
        writer.waitUntilWritten()
        #expect(failures.value.count == 1)
        #expect(failures.value.first?.contains(directory.path("taken/metrics.csv")) == true)
        #expect(failures.value.first?.contains("\n") == false)
    }

    /// A signal sent the moment the stopper exists, by the first stopper of the process or a later one,
    /// stops the run: none is lost (the process neither ends nor keeps training). Before, the signals
    /// were set to SIG_IGN before the dispatch source's handler was in place (a lost Ctrl-C in that
    /// window), and a second stopper's SIG_IGN replaced libdispatch's handler for good.
    @Test func hangupStopsTheRunInsteadOfEndingTheProcess() throws {
        var stopped: [Int] = []
        for _ in 0..<4 {
            let stops = Locked(0)
            let stopper = SignalStopper { stops.withLock { $0 += 1 } }
            kill(getpid(), SIGHUP)
            let deadline = Date(timeIntervalSinceNow: 5)
            while stops.value == 0 && Date() < deadline { usleep(10_000) }
            stopper.cancel()
            stopped.append(stops.value)
        }
        #expect(stopped == [1, 1, 1, 1])
    }
}
