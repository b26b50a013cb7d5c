import LeNetTraining
@testable import TerminalUI

// MARK: - Test fixtures

enum Fixture {
    static func plan(epochs: Int = 10, batches: Int = 100, batchSize: Int = 64, trainImages: Int? = nil,
                     firstEpoch: Int = 1) -> TrainingPlan {
        TrainingPlan(firstEpoch: firstEpoch, epochs: epochs, batchesPerEpoch: batches,
                     trainImages: trainImages ?? batches * batchSize, testImages: 10_000, batchSize: batchSize)
    }

    static func progress(epoch: Int = 3, batch: Int = 50, batches: Int = 100, batchLoss: Double = 0.25,
                         runningLoss: Double = 0.1234, runningAccuracy: Double = 0.978,
                         imagesPerSecond: Double = 12_345.4, elapsed: Double = 83,
                         health: TrainingHealth? = nil) -> BatchProgress {
        BatchProgress(epoch: epoch, batch: batch, batchesPerEpoch: batches, batchLoss: batchLoss,
                      runningLoss: runningLoss, runningAccuracy: runningAccuracy,
                      imagesPerSecond: imagesPerSecond, elapsedSeconds: elapsed, health: health)
    }

    static func summary(epoch: Int, epochs: Int = 10, trainLoss: Double = 0.1234, trainAccuracy: Double = 0.9651,
                        testLoss: Double = 0.0987, testAccuracy: Double = 0.9712, imagesPerSecond: Double = 5210,
                        seconds: Double = 12.34, matrix: ConfusionMatrix = ConfusionMatrix()) -> EpochSummary {
        EpochSummary(epoch: epoch, epochs: epochs, trainLoss: trainLoss, trainAccuracy: trainAccuracy,
                     testLoss: testLoss, testAccuracy: testAccuracy, confusionMatrix: matrix,
                     imagesPerSecond: imagesPerSecond, seconds: seconds, learningRate: 0.001)
    }

    /// A state mid-run: plan of 10 epochs x 100 batches, at epoch 3 batch 50, 83 s of training and 83 s on
    /// the wall clock (ETA 249 s).
    static func runningState(details: [String] = []) -> DashboardState {
        var state = DashboardState(details: details)
        state.apply(.started(plan()))
        state.apply(.batchDone(progress()))
        runClock(&state, seconds: 83)
        return state
    }

    /// Lets `seconds` pass on the state's wall clock (`noteClock`), from a reading of its own.
    static func runClock(_ state: inout DashboardState, seconds: Double) {
        let start = (state.clockReading ?? 0) + 1_000_000_000
        _ = state.noteClock(now: start)
        _ = state.noteClock(now: start + UInt64(seconds * 1e9))
    }

    /// `left` and `right` on one line of `width` columns, `right` flush right.
    static func line(_ left: String, _ right: String, width: Int) -> String {
        left + String(repeating: " ", count: width - left.count - right.count) + right
    }

    static func render(width: Int, height: Int, _ draw: (inout CellBuffer, Rect) -> Void) -> CellBuffer {
        var buffer = CellBuffer(width: width, height: height)
        draw(&buffer, buffer.bounds)
        return buffer
    }
}
