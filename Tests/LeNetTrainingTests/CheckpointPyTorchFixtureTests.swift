import Foundation
import LeNetEngine
import LeNetFormats
import TestSupport
import Testing
@testable import LeNetTraining

/// A LeNet-5 state_dict written by PyTorch's `safetensors.torch.save_file` (torch.manual_seed(0); made
/// by Scripts/make_safetensors_fixture.py, which printed the values below): `swift test` reads a real
/// PyTorch file without torch installed.
@Suite struct CheckpointPyTorchFixtureTests {
    /// name, sum of the values (float64, as torch printed it), first and last value.
    static let expected: [(name: String, sum: Double, first: Float, last: Float)] = [
        ("c1.weight", -1.0234652417711914, -0.00149736402, -0.153262362),
        ("c1.bias", -0.37161638215184212, -0.187170416, -0.192886382),
        ("c3.weight", -0.66520947799472196, 0.0509315915, 0.058291208),
        ("c3.bias", -0.20439345121849328, -0.080924347, -0.00278883264),
        ("c5.weight", 3.1086633526520018, 0.0274917968, 0.0147432089),
        ("c5.bias", 0.5233354499912366, -0.00904074963, 0.0490200184),
        ("f6.weight", -0.24734655730458144, -0.0466100425, -0.0168786608),
        ("f6.bias", -0.3635252226376906, -0.0709900036, -0.0593535602),
        ("output.weight", 2.0803059409518028, -0.0521833599, 0.0744122043),
        ("output.bias", 0.12141969786898699, -0.0360891372, 0.0937724635),
    ]

    private var path: String {
        get throws { try fixtureURL("lenet5_torch_seed0", "safetensors", in: .module).path }
    }

    @Test func readsThePyTorchFileWithItsValues() throws {
        let checkpoint = try Checkpoint.read(from: path)
        #expect(checkpoint.epoch == 0)
        #expect(checkpoint.optimizer == nil)
        #expect(checkpoint.rngState == nil)
        #expect(checkpoint.extraMetadata == [:])
        #expect(Self.expected.map(\.name) == LeNet5.parameterSpecs.map(\.name))
        for (tensor, expected) in zip(checkpoint.parameters.tensors, Self.expected) {
            #expect(tensor.first == expected.first, "\(expected.name)")
            #expect(tensor.last == expected.last, "\(expected.name)")
            let sum = tensor.reduce(0.0) { $0 + Double($1) }
            #expect(abs(sum - expected.sum) <= 1e-12 * max(1, abs(expected.sum)), "\(expected.name)")
        }
    }

    @Test func theFileIsLaidOutAsPyTorchWritesIt() throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes.count == 247_552)
        let file = try SafeTensorsFile(bytes: bytes, path: path)
        // PyTorch orders the data by name (c1.bias first), not in the module's order, and writes no metadata.
        #expect(file.entries.map(\.name) == ["c1.bias", "c1.weight", "c3.bias", "c3.weight", "c5.bias", "c5.weight",
                                           "f6.bias", "f6.weight", "output.bias", "output.weight"])
        let c5 = try #require(file.entry(named: "c5.weight"))
        #expect(c5.dtype == .f32)
        #expect(c5.shape == [120, 400])
        #expect(c5.elementCount == 48_000)
        #expect(c5.dataOffsets == 10_768 ..< 202_768)
        #expect(file.metadata == [:])
    }
}
