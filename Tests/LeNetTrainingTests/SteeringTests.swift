import Foundation
import LeNetEngine
import Testing
@testable import LeNetTraining

/// The steering values and the control's decisions, without a trainer or threads.
@Suite struct SteeringValueTests {
    @Test func theMultiplierStepsByTwoWithinItsRangeAndIsExact() {
        var m = LearningRateMultiplier.one
        var seen: [String] = []
        for _ in 0..<12 { m = m.doubled; seen.append(m.description) }
        #expect(seen == ["2", "4", "8", "16", "32", "64", "128", "256", "512", "1024", "1024", "1024"])
        #expect(m.value == 1024)
        m = .one
        seen = []
        for _ in 0..<11 { m = m.halved; seen.append(m.description) }
        #expect(seen == ["0.5", "0.25", "0.125", "0.0625", "0.03125", "0.015625", "0.0078125", "0.00390625",
                         "0.001953125", "0.0009765625", "0.0009765625"])
        #expect(m.value == 1.0 / 1024)
        // A power of two scales a rate exactly: x2 then /2 is the rate again, to the bit.
        let rate = 0.000975528258147577
        #expect(rate * LearningRateMultiplier.one.doubled.value * LearningRateMultiplier.one.halved.value == rate)
    }

    @Test func theMultiplierReadsBackOnlyPowersOfTwoInRange() {
        #expect(LearningRateMultiplier(value: 0.25)?.exponent == -2)
        #expect(LearningRateMultiplier(value: 1024)?.exponent == 10)
        #expect(LearningRateMultiplier(value: 1) == .one)
        for bad in [3.0, 2048, 0.5 / 1024, 0, -2, .nan, .infinity] { #expect(LearningRateMultiplier(value: bad) == nil, "\(bad)") }
        #expect(LearningRateMultiplier(clamping: 4).change(from: LearningRateMultiplier(clamping: 3)) == "x2")
        #expect(LearningRateMultiplier(clamping: 3).change(from: .one) == "x8")
        #expect(LearningRateMultiplier(clamping: -2).change(from: .one) == "/4")
    }

    @Test func thePaceStepsThroughItsSixValues() {
        var pace = TrainingPace.fullSpeed
        var slower: [String] = [pace.description]
        for _ in 0..<6 { pace = pace.slower; slower.append(pace.description) }
        #expect(slower == ["full speed", "200/s", "50/s", "10/s", "2/s", "1/s", "1/s"])
        var faster: [Int] = []
        for _ in 0..<6 { pace = pace.faster; faster.append(pace.batchesPerSecond) }
        #expect(faster == [2, 10, 50, 200, 0, 0])
        #expect(TrainingPace(batchesPerSecond: 10)?.interval == 0.1)
        #expect(TrainingPace.fullSpeed.interval == nil)
        #expect(TrainingPace(batchesPerSecond: 3) == nil && TrainingPace(batchesPerSecond: -1) == nil)
        #expect(TrainingPace.allowedText == "0 (full speed), 200, 50, 10, 2 or 1")
    }

    @Test func eventLinesForTheEpochLog() {
        let change = LearningRateChange(epoch: 3, batch: 120, oldRate: 0.001, newRate: 0.002,
                                        oldMultiplier: .one, newMultiplier: LearningRateMultiplier(clamping: 1))
        #expect(change.description == "lr x2 -> 0.002 at epoch 3, batch 120")
        let down = LearningRateChange(epoch: 1, batch: 7, oldRate: 0.000904508497187474, newRate: 0.000452254248593737,
                                      oldMultiplier: .one, newMultiplier: LearningRateMultiplier(clamping: -1))
        #expect(down.description == "lr /2 -> 0.000452254 at epoch 1, batch 7")
        let plan = TrainingPlan(firstEpoch: 4, epochs: 10, batchesPerEpoch: 938, trainImages: 60_000, testImages: 10_000,
                                batchSize: 64)
        let rewind = Rewind(fromEpoch: 5, fromBatch: 120, seed: 1, multiplier: LearningRateMultiplier(clamping: 2),
                            pace: .fullSpeed, plan: plan.restarted)
        #expect(rewind.description == "rewound at epoch 5, batch 120: from epoch 1 again, seed 1 (lr x4 kept)")
        #expect(rewind.plan == TrainingPlan(firstEpoch: 1, epochs: 10, batchesPerEpoch: 938, trainImages: 60_000,
                                            testImages: 10_000, batchSize: 64))
        let plain = Rewind(fromEpoch: 1, fromBatch: 0, seed: 7, multiplier: .one, pace: .fullSpeed, plan: plan)
        #expect(plain.description == "rewound at epoch 1, batch 0: from epoch 1 again, seed 7")
    }
}

/// `ControlState.nextTurn`: what the trainer does before a mini-batch.
@Suite struct ControlStateTests {
    @Test func stopComesFirstThenRewindThenPause() {
        var state = ControlState()
        state.paused = true
        state.pendingSteps = 1
        state.rewindRequested = true
        state.stopRequested = true
        #expect(state.nextTurn(now: 0, lastStart: nil) == .stop)
        state.stopRequested = false
        #expect(state.nextTurn(now: 0, lastStart: nil) == .rewind)
        #expect(state.rewindRequested == false, "a rewind is carried out once")
        #expect(state.nextTurn(now: 0, lastStart: nil) == .train(step: true))
        #expect(state.nextTurn(now: 0, lastStart: nil) == .waitForResume)
        #expect(state.pendingSteps == 0)
    }

    @Test func eachPendingStepIsOneMiniBatch() {
        var state = ControlState()
        state.paused = true
        state.pendingSteps = 2
        let turns = (0..<3).map { _ in state.nextTurn(now: 0, lastStart: nil) }
        #expect(turns == [.train(step: true), .train(step: true), .waitForResume])
    }

    @Test func thePaceSpacesTheStartsOfMiniBatches() {
        var state = ControlState()
        state.pace = TrainingPace(batchesPerSecond: 10)!
        let start: UInt64 = 5_000_000_000
        #expect(state.nextTurn(now: start, lastStart: nil) == .train(step: false), "nothing to space the first from")
        #expect(state.nextTurn(now: start + 30_000_000, lastStart: start) == .waitUntil(start + 100_000_000))
        #expect(state.nextTurn(now: start + 100_000_000, lastStart: start) == .train(step: false))
        state.pace = .fullSpeed
        #expect(state.nextTurn(now: start + 1, lastStart: start) == .train(step: false))
        state.pace = TrainingPace(batchesPerSecond: 1)!
        #expect(state.nextTurn(now: start + 1, lastStart: start) == .waitUntil(start + 1_000_000_000))
    }

    @Test func stepsAreTakenOnlyWhilePausedAndDroppedOnResume() {
        let control = TrainingControl()
        #expect(control.step() == false, "running: nothing to step")
        control.pause()
        #expect(control.step() && control.step())
        #expect(control.read(\.pendingSteps) == 2)
        control.resume()
        #expect(control.read(\.pendingSteps) == 0)
        control.pause()
        _ = control.step()
        control.rewind()
        #expect(control.read(\.pendingSteps) == 0 && control.read(\.rewindRequested))
        control.stop()
        #expect(control.step() == false, "stopping: nothing to step")
    }

    @Test func theControlsSteeringRequests() {
        let control = TrainingControl()
        #expect(control.doubleLearningRate().description == "2")
        #expect(control.doubleLearningRate().description == "4")
        #expect(control.halveLearningRate().description == "2")
        #expect(control.learningRateMultiplier.value == 2)
        #expect(control.slowDown().description == "200/s")
        #expect(control.slowDown().description == "50/s")
        #expect(control.speedUp().description == "200/s")
        control.setPace(TrainingPace(batchesPerSecond: 2)!)
        #expect(control.pace.batchesPerSecond == 2)
    }
}
