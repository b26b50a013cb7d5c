import Foundation
import LeNetFormats
import Testing
import TestSupport
@testable import LeNetApp

/// "Search upward from the executable" and what is found with it: the pretrained checkpoint, config.json.
@Suite struct LookupTests {
    @Test func directoriesGoUpFromTheExecutableAndStopAtTheRoot() {
        let executable = URL(fileURLWithPath: "/r/.build/x86_64-unknown-linux-gnu/release/lenet-tui")
        #expect(ExecutableSearch.directories(from: executable, levels: 5).map(\.path) == [
            "/r/.build/x86_64-unknown-linux-gnu/release", "/r/.build/x86_64-unknown-linux-gnu", "/r/.build", "/r", "/",
        ])
        #expect(ExecutableSearch.directories(from: executable, levels: 1).map(\.path) == [
            "/r/.build/x86_64-unknown-linux-gnu/release", "/r/.build/x86_64-unknown-linux-gnu",
        ])
        #expect(ExecutableSearch.directories(from: nil).isEmpty)
    }

    /// A repository checkout with a build folder, and a working directory outside it.
    private func checkout(_ directory: TemporaryDirectory) throws -> URL {
        try directory.write(Array("bin".utf8), to: "repo/.build/x86_64-unknown-linux-gnu/release/lenet-tui")
        try directory.makeDirectory("elsewhere")
        return directory.url.appendingPathComponent("repo/.build/x86_64-unknown-linux-gnu/release/lenet-tui")
    }

    @Test func pretrainedCheckpointIsFoundAboveTheExecutable() throws {
        let directory = try TemporaryDirectory()
        let executable = try checkout(directory)
        #expect(PretrainedCheckpoint.locate(currentDirectory: directory.path("elsewhere"), executable: executable) == nil)
        try directory.write([1], to: "repo/assets/lenet5-pretrained.safetensors")
        #expect(PretrainedCheckpoint.locate(currentDirectory: directory.path("elsewhere"), executable: executable)
            == directory.path("repo/assets/lenet5-pretrained.safetensors"))
        // In the current directory it is named relatively, as the user would type it.
        #expect(PretrainedCheckpoint.locate(currentDirectory: directory.path("repo"), executable: nil)
            == "assets/lenet5-pretrained.safetensors")
    }

    @Test func missingPretrainedCheckpointSaysWhereItLooked() {
        #expect(throws: Never.self) { try PretrainedCheckpoint.path("given.safetensors") }
        #expect((try? PretrainedCheckpoint.path("given.safetensors")) == "given.safetensors")
    }

    @Test func configBesideThePackageIsTheDefault() throws {
        let directory = try TemporaryDirectory()
        let executable = try checkout(directory)
        try directory.write(Array("{}".utf8), to: "repo/config.json")
        // A config.json without Package.swift beside it is not the repository's.
        #expect(Session.defaultConfigURL(currentDirectory: directory.path("elsewhere"), executable: executable) == nil)
        try directory.write(Array("// swift-tools-version:6.1".utf8), to: "repo/Package.swift")
        #expect(Session.defaultConfigURL(currentDirectory: directory.path("elsewhere"), executable: executable)?.path
            == directory.path("repo/config.json"))
        // ./config.json comes first.
        try directory.write(Array("{}".utf8), to: "elsewhere/config.json")
        #expect(Session.defaultConfigURL(currentDirectory: directory.path("elsewhere"), executable: executable)?.path
            == directory.path("elsewhere/config.json"))
    }

    @Test func savedCheckpointGoesBesideTheEpochCheckpoint() {
        #expect(DashboardTraining.manualCheckpointPath("checkpoints/lenet5.safetensors") == "checkpoints/lenet5-saved.safetensors")
        #expect(DashboardTraining.manualCheckpointPath("run.v2/weights") == "run.v2/weights-saved.safetensors")
        #expect(DashboardTraining.manualCheckpointPath("a.b") == "a-saved.b")
    }
}
