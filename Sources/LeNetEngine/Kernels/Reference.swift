// MARK: - Reference kernels

/// Plain, obviously-right kernels for each operation of LeNet-5, forward and backward side by side.
///
/// They work on `[Float]` arrays in NCHW / row-major layout with the shapes given in each doc comment,
/// loop directly over the mathematical definition (no im2col, no blocking) and accumulate in Float32 like
/// PyTorch's CPU kernels. They are the specification the fast model path (`LeNet5Model`) is tested against,
/// and what to read to understand it. Each backward function returns the gradients of a scalar loss `L`
/// with respect to the forward inputs, given `∂L/∂output`.
public enum Reference {}
