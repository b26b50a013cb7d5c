import Foundation
import LeNetEngine
import LeNetFormats
import LeNetTraining
import TestSupport
import XCTest

final class CheckpointTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("lenet-ck-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func parameters(seed: UInt64) -> LeNet5Parameters {
        var rng = SplitMix64(seed: seed)
        return .pytorchDefault(using: &rng)
    }

    func testRoundTripKeepsEveryBitAndTheOptimizerState() throws {
        let p = parameters(seed: 1), m = parameters(seed: 2), v = parameters(seed: 3)
        let checkpoint = Checkpoint(parameters: p, epoch: 3, optimizer: .adam(step: 2814, firstMoments: m, secondMoments: v),
                                    rngState: 0xDEAD_BEEF_0123_4567, configJSON: "{\"epochs\": 3}",
                                    extraMetadata: ["test_accuracy": "0.9871"])
        let path = directory.appendingPathComponent("a/b/ck.safetensors").path
        try checkpoint.write(to: path)
        let loaded = try Checkpoint.read(from: path)
        XCTAssertEqual(loaded, checkpoint)
        // Only the checkpoint is left in the directory: no temporary files.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("a/b").path),
                       ["ck.safetensors"])
    }

    func testLayoutIsSafetensors() throws {
        let bytes = Checkpoint(parameters: parameters(seed: 1), epoch: 1).encoded()
        let headerLength = bytes[0..<8].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        XCTAssertEqual(headerLength % 8, 0, "header padded to 8 bytes")
        // 61,706 parameters of 4 bytes after the header.
        XCTAssertEqual(bytes.count, 8 + headerLength + 61_706 * 4)
        let header = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(bytes[8..<(8 + headerLength)])) as? [String: Any])
        let c1 = try XCTUnwrap(header["c1.weight"] as? [String: Any])
        XCTAssertEqual(c1["dtype"] as? String, "F32")
        XCTAssertEqual(c1["shape"] as? [Int], [6, 1, 5, 5])
        XCTAssertEqual(c1["data_offsets"] as? [Int], [0, 600])
        let output = try XCTUnwrap(header["output.bias"] as? [String: Any])
        XCTAssertEqual(output["data_offsets"] as? [Int], [246_784, 246_824])
        let metadata = try XCTUnwrap(header["__metadata__"] as? [String: String])
        XCTAssertEqual(metadata["format"], "lenet-tui")
        XCTAssertEqual(metadata["epoch"], "1")
    }

    func testSGDBuffersRoundTrip() throws {
        let checkpoint = Checkpoint(parameters: parameters(seed: 4), epoch: 2,
                                    optimizer: .sgd(momentumBuffers: parameters(seed: 5)))
        XCTAssertEqual(try Checkpoint.decode(checkpoint.encoded(), path: "x"), checkpoint)
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

    func testEmptyAndGarbage() {
        XCTAssertEqual(decodeError([]),
                       "ck.safetensors: not a safetensors checkpoint: 0 bytes is shorter than the 8-byte header length")
        XCTAssertEqual(decodeError(Array("<html>not found</html>".utf8)),
                       "ck.safetensors: not a safetensors checkpoint: header length 8029423821061908540 exceeds the file (22 bytes)")
    }

    func testHeaderNotJSON() {
        var bytes: [UInt8] = [4, 0, 0, 0, 0, 0, 0, 0]
        bytes += Array("{{{{".utf8)
        XCTAssertEqual(decodeError(bytes), "ck.safetensors: not a safetensors checkpoint: the header is not valid JSON")
    }

    func testTruncatedData() {
        let bytes = Checkpoint(parameters: parameters(seed: 1), epoch: 1).encoded()
        XCTAssertEqual(decodeError(Array(bytes.dropLast(4))),
                       "ck.safetensors: tensor \"output.bias\": data_offsets [246784, 246824] lie outside the 246820-byte data section (file truncated?)")
    }

    func testMissingTensorAndWrongShapeAndDtype() {
        var tensors = zip(LeNet5.parameterSpecs, parameters(seed: 1).tensors).map {
            NamedTensor(name: $0.name, shape: $0.shape, values: $1)
        }
        let withoutF6 = tensors.filter { $0.name != "f6.bias" }
        XCTAssertEqual(decodeError(SafeTensors.encode(withoutF6, metadata: [:])),
                       "ck.safetensors: checkpoint has no tensor \"f6.bias\"")
        tensors[4] = NamedTensor(name: "c5.weight", shape: [400, 120], values: tensors[4].values)
        XCTAssertEqual(decodeError(SafeTensors.encode(tensors, metadata: [:])),
                       "ck.safetensors: tensor \"c5.weight\" has shape [400, 120], expected [120, 400]")
        // Same-length edit of the header only: "F32" → "F16" for every tensor.
        let bytes = SafeTensors.encode(tensors, metadata: [:])
        let headerEnd = 8 + bytes[0..<8].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        var header = String(decoding: bytes[8..<headerEnd], as: UTF8.self)
        header = header.replacingOccurrences(of: "\"F32\"", with: "\"F16\"")
        let edited = Array(bytes[0..<8]) + Array(header.utf8) + Array(bytes[headerEnd...])
        XCTAssertTrue(decodeError(edited).hasSuffix(": dtype F16, expected F32"), decodeError(edited))
    }

    func testReadMissingFile() {
        XCTAssertThrowsError(try Checkpoint.read(from: directory.appendingPathComponent("none.safetensors").path)) {
            XCTAssertEqual("\($0)", "\(self.directory.appendingPathComponent("none.safetensors").path): no such checkpoint file")
        }
    }
}
