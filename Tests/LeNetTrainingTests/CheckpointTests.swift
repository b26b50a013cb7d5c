import Foundation
import LeNetEngine
import LeNetFormats
@testable import LeNetTraining
import TestSupport
import Testing

@Suite struct CheckpointTests {
    /// A fresh directory for each test (each test runs on its own instance of the suite), removed with it.
    private let temporary: TemporaryDirectory
    private var directory: URL { URL(fileURLWithPath: temporary.path) }

    init() throws { temporary = try TemporaryDirectory("lenet-ck") }

    private func parameters(seed: UInt64) -> LeNet5Parameters {
        var rng = SplitMix64(seed: seed)
        return .pytorchDefault(using: &rng)
    }

    @Test func roundTripKeepsEveryBitAndTheOptimizerState() throws {
        let p = parameters(seed: 1), m = parameters(seed: 2), v = parameters(seed: 3)
        let checkpoint = Checkpoint(parameters: p, epoch: 3, optimizer: .adam(step: 2814, firstMoments: m, secondMoments: v),
                                    rngState: 0xDEAD_BEEF_0123_4567, configJSON: "{\"epochs\": 3}",
                                    extraMetadata: ["test_accuracy": "0.9871"])
        let path = directory.appendingPathComponent("a/b/ck.safetensors").path
        try checkpoint.write(to: path)
        let loaded = try Checkpoint.read(from: path)
        #expect(loaded == checkpoint)
        // Only the checkpoint is left in the directory: no temporary files.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("a/b").path) ==
                ["ck.safetensors"])
    }

    @Test func layoutIsSafetensors() throws {
        let bytes = Checkpoint(parameters: parameters(seed: 1), epoch: 1).encoded()
        let headerLength = bytes[0..<8].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        #expect(headerLength % 8 == 0, "header padded to 8 bytes")
        // 61,706 parameters of 4 bytes after the header.
        #expect(bytes.count == 8 + headerLength + 61_706 * 4)
        let header = try #require(JSONSerialization.jsonObject(with: Data(bytes[8..<(8 + headerLength)])) as? [String: Any])
        let c1 = try #require(header["c1.weight"] as? [String: Any])
        #expect(c1["dtype"] as? String == "F32")
        #expect(c1["shape"] as? [Int] == [6, 1, 5, 5])
        #expect(c1["data_offsets"] as? [Int] == [0, 600])
        let output = try #require(header["output.bias"] as? [String: Any])
        #expect(output["data_offsets"] as? [Int] == [246_784, 246_824])
        let metadata = try #require(header["__metadata__"] as? [String: String])
        #expect(metadata["format"] == "lenet-tui")
        #expect(metadata["epoch"] == "1")
    }

    @Test func sgdBuffersRoundTrip() throws {
        let checkpoint = Checkpoint(parameters: parameters(seed: 4), epoch: 2,
                                    optimizer: .sgd(momentumBuffers: parameters(seed: 5)))
        #expect(try Checkpoint.decode(checkpoint.encoded(), path: "x") == checkpoint)
    }

    // MARK: - Bad checkpoints: one line naming the file (and tensor)

    private func decodeError(_ bytes: [UInt8]) -> String {
        do {
            _ = try Checkpoint.decode(bytes, path: "ck.safetensors")
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func emptyAndGarbage() {
        #expect(decodeError([]) ==
                "ck.safetensors: not a safetensors checkpoint: 0 bytes is shorter than the 8-byte header length")
        #expect(decodeError(Array("<html>not found</html>".utf8)) ==
                "ck.safetensors: not a safetensors checkpoint: header length 8029423821061908540 is more than the 100000000-byte limit")
    }

    @Test func headerNotJSON() {
        var bytes: [UInt8] = [4, 0, 0, 0, 0, 0, 0, 0]
        bytes += Array("{{{{".utf8)
        #expect(decodeError(bytes) == "ck.safetensors: not a safetensors checkpoint: the header is not valid JSON (line 1, column 2: unexpected '{', expected a string key)")
    }

    @Test func truncatedData() {
        let bytes = Checkpoint(parameters: parameters(seed: 1), epoch: 1).encoded()
        #expect(decodeError(Array(bytes.dropLast(4))) ==
                "ck.safetensors: tensor \"output.bias\": data_offsets [246784, 246824] lie outside the 246820-byte data section (file truncated?)")
    }

    private func weights(seed: UInt64 = 1) -> [NamedTensor] {
        Checkpoint.namedTensors(parameters(seed: seed), prefix: "")
    }

    @Test func missingTensorAndWrongShapeAndDtype() {
        var tensors = weights()
        let withoutF6 = tensors.filter { $0.name != "f6.bias" }
        #expect(decodeError(SafeTensors.encode(withoutF6, metadata: [:])) ==
                "ck.safetensors: checkpoint has no tensor \"f6.bias\"")
        tensors[4] = NamedTensor(name: "c5.weight", shape: [400, 120], values: tensors[4].values)
        #expect(decodeError(SafeTensors.encode(tensors, metadata: [:])) ==
                "ck.safetensors: tensor \"c5.weight\" has shape [400, 120], expected [120, 400]")
        // Same-length edit of the header only: "F32" → "F16" for every tensor; F16's 2 bytes per element
        // halve the sizes the shapes need, so the offsets no longer match the first tensor.
        let bytes = SafeTensors.encode(Array(tensors.prefix(1)), metadata: [:])
        let headerEnd = 8 + bytes[0..<8].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        var header = String(decoding: bytes[8..<headerEnd], as: UTF8.self)
        header = header.replacingOccurrences(of: "\"F32\"", with: "\"F16\"")
        let edited = Array(bytes[0..<8]) + Array(header.utf8) + Array(bytes[headerEnd...])
        #expect(decodeError(edited) == "ck.safetensors: tensor \"c1.weight\": data_offsets span 600 bytes but shape [6, 1, 5, 5] of F16 needs 300")
    }

    @Test func everyProblemIsNamedInOneLine() {
        var tensors = weights().filter { $0.name != "f6.bias" && $0.name != "output.weight" }
        tensors[4] = NamedTensor(name: "c5.weight", shape: [400, 120], values: tensors[4].values)
        tensors[1] = NamedTensor(name: "c1.bias", shape: [3, 2], values: tensors[1].values)
        #expect(decodeError(SafeTensors.encode(tensors, metadata: [:])) ==
                "ck.safetensors: checkpoint has no tensors \"f6.bias\", \"output.weight\"; "
                + "tensor \"c1.bias\" has shape [3, 2], expected [6]; "
                + "tensor \"c5.weight\" has shape [400, 120], expected [120, 400]")
        // An unrelated file: every weight is missing, in one line.
        #expect(decodeError(SafeTensors.encode([NamedTensor(name: "x", shape: [1], values: [0])], metadata: [:])) ==
                "ck.safetensors: checkpoint has no tensors " + LeNet5.parameterSpecs.map { "\"\($0.name)\"" }.joined(separator: ", "))
    }

    @Test func partialOptimizerStateIsNamedToo() {
        // Adam metadata and the first moments, but no second moments: each missing one is named.
        let tensors = weights() + Checkpoint.namedTensors(parameters(seed: 2), prefix: "optimizer.exp_avg.")
        let message = decodeError(SafeTensors.encode(tensors, metadata: ["optimizer": "adam"]))
        #expect(message == "ck.safetensors: checkpoint has no tensors "
                + LeNet5.parameterSpecs.map { "\"optimizer.exp_avg_sq.\($0.name)\"" }.joined(separator: ", "))
    }

    @Test func nonFiniteValuesAreAnErrorNamingTheTensor() {
        var tensors = weights()
        var bias = tensors[3].values
        bias[3] = .nan
        tensors[3] = NamedTensor(name: "c3.bias", shape: [16], values: bias)
        #expect(decodeError(SafeTensors.encode(tensors, metadata: [:])) ==
                "ck.safetensors: tensor \"c3.bias\" holds nan at index 3 (weights and optimizer state must be finite numbers)")
        var moments = Checkpoint.namedTensors(parameters(seed: 2), prefix: "optimizer.momentum_buffer.")
        var values = moments[9].values
        values[9] = -.infinity
        moments[9] = NamedTensor(name: moments[9].name, shape: [10], values: values)
        #expect(decodeError(SafeTensors.encode(weights() + moments, metadata: ["optimizer": "sgd"])) ==
                "ck.safetensors: tensor \"optimizer.momentum_buffer.output.bias\" holds -inf at index 9 (weights and optimizer state must be finite numbers)")
    }

    @Test func theShapeOverflowOfTheIssueIsAnErrorNotACrash() throws {
        // 1 KB: c1.weight claims 2^62 x 4 x 4 x 1 elements over a 600-byte range.
        let header = #"{"c1.weight":{"dtype":"F32","shape":[4611686018427387904,4,4,1],"data_offsets":[0,600]}}"#
        var bytes = withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian, Array.init) + Array(header.utf8)
        bytes += [UInt8](repeating: 0, count: 600)
        let path = directory.appendingPathComponent("overflow.safetensors").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        #expect(errorText { try Checkpoint.read(from: path) } == "\(path): tensor \"c1.weight\": shape [4611686018427387904, 4, 4, 1] has more elements than an Int can count")
    }

    @Test func theFileSizeLimitIsDerivedFromTheParameterCount() throws {
        #expect(Checkpoint.maximumFileSize == 2 * 3 * 61_706 * 4 + 1_048_576)
        #expect(Checkpoint.maximumFileSize == 2_529_520)
        // The largest checkpoint the trainer writes fits with room to spare.
        let adam = Checkpoint(parameters: parameters(seed: 1), epoch: 1,
                              optimizer: .adam(step: 1, firstMoments: parameters(seed: 2), secondMoments: parameters(seed: 3)),
                              rngState: 1, configJSON: String(repeating: "x", count: 4096))
        #expect(adam.encoded().count < Checkpoint.maximumFileSize / 3)
        // A 2 GB file is refused from its size, without reading it.
        let path = directory.appendingPathComponent("big.safetensors").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        #expect(truncate(path, 2_000_000_000) == 0)
        #expect(errorText { try Checkpoint.read(from: path) } == "\(path): cannot read checkpoint: is 2000000000 bytes, more than a LeNet-5 checkpoint can be (at most 2529520 bytes)")
    }

    @Test func specialFilesSayWhatTheyAre() throws {
        let fifo = directory.appendingPathComponent("fifo.safetensors").path
        #expect(mkfifo(fifo, 0o644) == 0)
        #expect(errorText { try Checkpoint.read(from: fifo) } == "\(fifo): cannot read checkpoint: is a FIFO (named pipe), not a regular file")
        #expect(errorText { try Checkpoint.read(from: "/dev/null") } == "/dev/null: cannot read checkpoint: is a character device, not a regular file")
        #expect(errorText { try Checkpoint.read(from: directory.path) } == "\(self.directory.path): cannot read checkpoint: is a directory")
        let loop = directory.appendingPathComponent("loop.safetensors").path
        try FileManager.default.createSymbolicLink(atPath: loop, withDestinationPath: "loop.safetensors")
        #expect(errorText { try Checkpoint.read(from: loop) } == "\(loop): cannot read checkpoint: too many levels of symbolic links")
    }

    @Test func metadataValuesAreEscaped() throws {
        let checkpoint = Checkpoint(parameters: parameters(seed: 1), epoch: 1,
                                    extraMetadata: [Checkpoint.datasetMetadataKey: "mnist\u{1B}]0;owned\u{7}"])
        let loaded = try Checkpoint.decode(checkpoint.encoded(), path: "ck.safetensors")
        #expect(errorText { try loaded.dataset(path: "ck.safetensors") } == #"ck.safetensors: metadata "dataset" has an invalid value "mnist\u{1B}]0;owned\u{7}""#)
        #expect(decodeError(SafeTensors.encode(weights(), metadata: ["epoch": "-1\u{9B}2J"])) ==
                #"ck.safetensors: metadata "epoch" has an invalid value "-1\u{9B}2J""#)
    }

    @Test func readMissingFile() {
        #expect(errorText { try Checkpoint.read(from: directory.appendingPathComponent("none.safetensors").path) } == "\(self.directory.appendingPathComponent("none.safetensors").path): no such checkpoint file")
    }
}
