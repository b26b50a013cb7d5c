import Foundation
import LeNetTraining
import Testing
import TestSupport
@testable import LeNetApp

/// Run setup refuses bad input with one line before anything is loaded or written.
@Suite struct PreparedRunTests {
    @Test func resultsThatAreAFileAreRefusedByFlag() throws {
        let directory = try TemporaryDirectory()
        try directory.write([1], to: "taken")
        let request = TrainingRequest(results: directory.path("taken"),
                                      overrides: ConfigOverrides(checkpoint: directory.path("c.safetensors")))
        #expect(errorText { try PreparedRun(request) }
            == "--results \(directory.path("taken")): is a regular file, not a directory")
    }

    @Test func aSecondRunOnTheSameCheckpointFailsAtOnce() throws {
        let directory = try TemporaryDirectory()
        let checkpoint = directory.path("c.safetensors")
        let held = try RunLock.acquire(RunLock.lockPath(forFile: checkpoint), subject: "first", what: "checkpoint")
        defer { held.release() }
        let request = TrainingRequest(results: directory.path("results"), overrides: ConfigOverrides(checkpoint: checkpoint))
        let message = errorText { try PreparedRun(request) }
        // Within one process the lock file cannot be taken twice either (flock is per open file).
        #expect(message?.hasPrefix("--checkpoint \(checkpoint): another lenet-tui run (pid \(getpid())) is writing this checkpoint") == true)
    }

    @Test func theSKeysPathIsCheckedBeforeTheRunStarts() throws {
        let directory = try TemporaryDirectory()
        try directory.makeDirectory("c-saved.safetensors")
        let request = TrainingRequest(results: directory.path("results"),
                                      overrides: ConfigOverrides(checkpoint: directory.path("c.safetensors")))
        let message = errorText { try PreparedRun(request, manualSavePath: DashboardTraining.manualCheckpointPath) }
        #expect(message?.hasPrefix("\(directory.path("c-saved.safetensors")) (written by the s key): is a directory") == true)
    }

    @Test func anUnknownDatasetIsNamed() throws {
        let directory = try TemporaryDirectory()
        let request = TrainingRequest(dataset: "emnist", results: directory.path("results"),
                                      overrides: ConfigOverrides(checkpoint: directory.path("c.safetensors")))
        #expect(errorText { try PreparedRun(request) } == "--dataset emnist: unknown dataset; expected one of mnist, fashion-mnist")
    }
}
