// MARK: - linear

extension Reference {
    /// Linear (fully connected) forward, PyTorch `nn.Linear`. Input `(N, in)`, weight `(out, in)`,
    /// bias `(out)` → output `(N, out)`; row-major.
    ///
    /// `y[n, o] = bias[o] + Σ_i x[n, i] · w[o, i]`, i.e. `Y = X·Wᵀ + b`.
    public static func linearForward(input: [Float], weight: [Float], bias: [Float], batch: Int,
                                     inFeatures: Int, outFeatures: Int) -> [Float] {
        precondition(input.count == batch * inFeatures && weight.count == outFeatures * inFeatures
                     && bias.count == outFeatures, "linearForward: size mismatch")
        var output = [Float](repeating: 0, count: batch * outFeatures)
        for n in 0..<batch {
            for o in 0..<outFeatures {
                var sum = bias[o]
                for i in 0..<inFeatures {
                    sum += input[n * inFeatures + i] * weight[o * inFeatures + i]
                }
                output[n * outFeatures + o] = sum
            }
        }
        return output
    }

    /// Linear backward. Output gradient `(N, out)`, the forward's input `(N, in)` and weight `(out, in)`
    /// → gradients of the input `(N, in)`, weight `(out, in)` and bias `(out)`; row-major.
    ///
    /// `∂L/∂X = G·W`, `∂L/∂W = Gᵀ·X`, `∂L/∂b = Σ_n G[n, :]`.
    public static func linearBackward(outputGradient: [Float], input: [Float], weight: [Float], batch: Int,
                                      inFeatures: Int, outFeatures: Int)
        -> (input: [Float], weight: [Float], bias: [Float]) {
        precondition(outputGradient.count == batch * outFeatures && input.count == batch * inFeatures
                     && weight.count == outFeatures * inFeatures, "linearBackward: size mismatch")
        var inputGradient = [Float](repeating: 0, count: batch * inFeatures)
        var weightGradient = [Float](repeating: 0, count: outFeatures * inFeatures)
        var biasGradient = [Float](repeating: 0, count: outFeatures)
        for n in 0..<batch {
            for o in 0..<outFeatures {
                let g = outputGradient[n * outFeatures + o]
                biasGradient[o] += g
                for i in 0..<inFeatures {
                    inputGradient[n * inFeatures + i] += g * weight[o * inFeatures + i]
                    weightGradient[o * inFeatures + i] += g * input[n * inFeatures + i]
                }
            }
        }
        return (inputGradient, weightGradient, biasGradient)
    }
}
