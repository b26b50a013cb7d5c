// MARK: - relu

extension Reference {
    /// ReLU forward, element-wise on a tensor of any shape: `max(x, 0)`; NaN stays NaN (as PyTorch).
    public static func reluForward(_ input: [Float]) -> [Float] {
        input.map { $0 > 0 || $0.isNaN ? $0 : 0 }
    }

    /// ReLU backward, element-wise on a tensor of any shape: the output gradient where the forward input
    /// was positive, 0 elsewhere (the subgradient at 0 is taken as 0, like PyTorch's `threshold_backward`).
    public static func reluBackward(outputGradient: [Float], input: [Float]) -> [Float] {
        precondition(outputGradient.count == input.count, "reluBackward: size mismatch")
        return zip(outputGradient, input).map { g, x in x > 0 ? g : 0 }
    }
}
