import LeNetEngine
import TestSupport
import Testing

/// Parameter specs, FLOP counts, initialisation and accessors.
@Suite struct ParameterTests {
    @Test func specsMatchPyTorchStateDict() {
        #expect(LeNet5.parameterSpecs.map(\.name) ==
                ["c1.weight", "c1.bias", "c3.weight", "c3.bias", "c5.weight", "c5.bias",
                 "f6.weight", "f6.bias", "output.weight", "output.bias"])
        #expect(LeNet5.parameterSpecs.map(\.shape) ==
                [[6, 1, 5, 5], [6], [16, 6, 5, 5], [16], [120, 400], [120], [84, 120], [84], [10, 84], [10]])
        #expect(LeNet5.parameterCount == 61_706)
        #expect(LeNet5.imageSide == 28)
        #expect(LeNet5.classCount == 10)
    }

    @Test func flopCounts() {
        // Forward multiply-adds: c1 4704·25, c3 1600·150, c5 400·120, f6 120·84, output 84·10.
        let forward = 4704 * 25 + 1600 * 150 + 400 * 120 + 120 * 84 + 84 * 10
        #expect(LeNet5.inferenceFLOPsPerImage == 2 * forward)
        #expect(LeNet5.trainingFLOPsPerImage == 2 * (3 * forward - 4704 * 25))
        #expect(LeNet5.trainingFLOPsPerImage == 2_263_920)
    }

    @Test func pyTorchDefaultInitBounds() {
        var rng = SplitMix64(seed: 1)
        let parameters = LeNet5Parameters.pytorchDefault(using: &rng)
        #expect(parameters.allFinite)
        let fanIns = [25, 25, 150, 150, 400, 400, 120, 120, 84, 84]
        for (index, spec) in LeNet5.parameterSpecs.enumerated() {
            let values = parameters.tensors[index]
            let bound = Float(1 / Double(fanIns[index]).squareRoot())
            #expect(values.count == spec.count)
            #expect(values.allSatisfy { abs($0) <= bound }, "\(spec.name) within ±\(bound)")
            if values.count >= 100 {
                // A uniform sample fills the interval and centres on 0.
                #expect(values.max()! > 0.95 * bound, "\(spec.name)")
                #expect(values.min()! < -0.95 * bound, "\(spec.name)")
                let mean = values.reduce(0.0) { $0 + Double($1) } / Double(values.count)
                // Within 4 standard errors of 0 (the standard deviation of U(-b, b) is b/√3).
                #expect(abs(mean - 0) <= 4 * Double(bound) / (3 * Double(values.count)).squareRoot(), "\(spec.name)")
            }
        }
        #expect(rng == { var r = SplitMix64(seed: 1); for _ in 0..<61_706 { _ = r.next() }; return r }(), "one draw per value")
        var again = SplitMix64(seed: 1)
        #expect(LeNet5Parameters.pytorchDefault(using: &again) == parameters, "deterministic")
    }

    @Test func accessors() {
        var parameters = LeNet5Parameters.zeros()
        #expect(parameters["c5.bias"] == [Float](repeating: 0, count: 120))
        #expect(parameters["c5.gamma"] == nil)
        #expect(parameters.allFinite)
        parameters.tensors[4][17] = .nan
        #expect(!parameters.allFinite)
        parameters.tensors[4][17] = .infinity
        #expect(!parameters.allFinite)
        #expect(TensorSpec(name: "x", shape: [2, 3, 4]).count == 24)
    }
}
