import LeNetEngine
import TestSupport
import Testing

/// Adam and SGD against `torch.optim` on the golden fixture: the full parameter set after steps fed with
/// the fixture's gradient `g` (step 1) and `−0.5·g` (step 2), and element-wise cases with more settings.
@Suite struct OptimizerTests {
    /// Updates are ~1e-3 (Adam) and ~1e-4 (SGD); 1e-6 (absolute below 1) is ≤ 1% of them, and a few Float
    /// roundings of the parameters themselves (~1e-8) stay far below it.
    let tolerance = 1e-6

    var fixture: GoldenFixture { GoldenFixture.shared }

    @Test func fullParameterStepsMatchPyTorch() throws {
        let g = fixture.expectedGradients
        let stepGradients = [g, LeNet5Parameters(tensors: g.tensors.map { $0.map { -0.5 * $0 } })]
        #expect(Set(fixture.optimizers.keys) == ["adam", "adam_weight_decay", "sgd_momentum"])
        for (name, testCase) in fixture.optimizers.sorted(by: { $0.key < $1.key }) {
            func run(_ pool: WorkerPool?) -> LeNet5Parameters {
                var optimizer = testCase.settings.makeOptimizer()
                var parameters = fixture.initialParameters
                for step in 0..<testCase.steps {
                    optimizer.step(&parameters, gradients: stepGradients[step], pool: pool)
                }
                return parameters
            }
            let parameters = run(nil)
            // Spread over 2 or 3 threads (c5.weight's 48,000 values in 8 or 12 ranges): the same bits.
            #expect(run(WorkerPool(threads: 2)) == parameters, "\(name) on 2 threads")
            #expect(run(WorkerPool(threads: 3)) == parameters, "\(name) on 3 threads")
            let expected = GoldenFixture.parameters(testCase.parametersAfter)
            for (index, spec) in LeNet5.parameterSpecs.enumerated() {
                let difference = expectClose(parameters.tensors[index], expected.tensors[index],
                                             tolerance: tolerance, "\(name) \(spec.name)")
                if spec.name == "c5.weight" { print("optimizer \(name) \(spec.name): \(difference)") }
            }
        }
    }

    @Test func elementwiseCasesMatchPyTorch() {
        let small = fixture.optimizerSmall
        #expect(small.cases.count == 5)
        let start = tiled(small.parameter.values)
        let gradients = small.gradients.map { tiled($0.values) }
        for testCase in small.cases {
            var optimizer = testCase.settings.makeOptimizer()
            var parameters = start
            for (step, expected) in testCase.afterEachStep.enumerated() {
                optimizer.step(&parameters, gradients: gradients[step])
                for index in parameters.tensors.indices {
                    expectClose(parameters.tensors[index], tiled(expected.values).tensors[index],
                                tolerance: tolerance, "\(testCase.name) step \(step + 1) tensor \(index)")
                }
            }
        }
    }

    // MARK: - State

    @Test func adamState() {
        var adam = Adam(learningRate: 0.1)
        #expect(adam.stepCount == 0)
        #expect(adam.firstMoments == .zeros())
        var parameters = LeNet5Parameters.zeros()
        let gradients = LeNet5Parameters(tensors: LeNet5.parameterSpecs.map { [Float](repeating: 0.5, count: $0.count) })
        adam.step(&parameters, gradients: gradients)
        #expect(adam.stepCount == 1)
        // First step: m = 0.1·g, v = 0.001·g², update = lr·m̂/(√v̂ + ε) ≈ lr.
        #expect(abs(adam.firstMoments.tensors[0][0] - 0.05) <= 1e-8)
        #expect(abs(adam.secondMoments.tensors[0][0] - 0.00025) <= 1e-10)
        #expect(abs(parameters.tensors[9][3] - -0.1) <= 1e-6)
        adam.learningRate = 0.01
        #expect(adam.learningRate == 0.01)
    }

    @Test func sgdMomentumBuffers() {
        var plain = SGD(learningRate: 0.5)
        var parameters = LeNet5Parameters.zeros()
        let gradients = LeNet5Parameters(tensors: LeNet5.parameterSpecs.map { [Float](repeating: 2, count: $0.count) })
        plain.step(&parameters, gradients: gradients)
        #expect(plain.momentumBuffers == nil, "no buffer without momentum (as PyTorch)")
        #expect(parameters.tensors[1] == [Float](repeating: -1, count: 6))

        var momentum = SGD(learningRate: 0.5, momentum: 0.9)
        #expect(momentum.momentumBuffers == nil)
        parameters = .zeros()
        momentum.step(&parameters, gradients: gradients)
        #expect(momentum.momentumBuffers?.tensors[1] == [Float](repeating: 2, count: 6), "buffer = grad at first")
        momentum.step(&parameters, gradients: gradients)
        #expect(abs((momentum.momentumBuffers?.tensors[1][0] ?? 0) - 3.8) <= 1e-6)
        #expect(abs(parameters.tensors[1][0] - (-1 - 1.9)) <= 1e-6)
    }

    /// A 23-value tensor repeated over every parameter tensor (the optimisers are element-wise).
    func tiled(_ values: [Float]) -> LeNet5Parameters {
        LeNet5Parameters(tensors: LeNet5.parameterSpecs.map { spec in (0..<spec.count).map { values[$0 % values.count] } })
    }
}
