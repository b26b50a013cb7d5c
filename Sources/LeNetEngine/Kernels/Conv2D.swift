// MARK: - Shape

/// Shape of a 2-D convolution with stride 1 and `padding` zeros on every side (PyTorch `nn.Conv2d` with
/// `stride=1, dilation=1, groups=1`).
///
/// Input `(batch, inChannels, height, width)`, weight `(outChannels, inChannels, kernelHeight,
/// kernelWidth)`, bias `(outChannels)`, output `(batch, outChannels, outHeight, outWidth)`; all NCHW,
/// row-major.
public struct Conv2DShape: Sendable, Equatable, Hashable {
    /// N, images in the mini-batch.
    public var batch: Int
    /// C, input channels.
    public var inChannels: Int
    /// H, input rows.
    public var height: Int
    /// W, input columns.
    public var width: Int
    /// OC, output channels (number of filters).
    public var outChannels: Int
    /// KH, kernel rows.
    public var kernelHeight: Int
    /// KW, kernel columns.
    public var kernelWidth: Int
    /// Zero padding added on each of the four sides.
    public var padding: Int

    /// Creates a shape; the kernel must fit in the padded input.
    public init(batch: Int, inChannels: Int, height: Int, width: Int, outChannels: Int,
                kernelHeight: Int, kernelWidth: Int, padding: Int = 0) {
        self.batch = batch
        self.inChannels = inChannels
        self.height = height
        self.width = width
        self.outChannels = outChannels
        self.kernelHeight = kernelHeight
        self.kernelWidth = kernelWidth
        self.padding = padding
        precondition(outHeight > 0 && outWidth > 0, "Conv2DShape: kernel larger than padded input")
    }

    /// Output rows, `H + 2·padding − KH + 1`.
    public var outHeight: Int { height + 2 * padding - kernelHeight + 1 }
    /// Output columns, `W + 2·padding − KW + 1`.
    public var outWidth: Int { width + 2 * padding - kernelWidth + 1 }
    /// Elements of the input, `N·C·H·W`.
    public var inputCount: Int { batch * inChannels * height * width }
    /// Elements of the weight, `OC·C·KH·KW`.
    public var weightCount: Int { outChannels * inChannels * kernelHeight * kernelWidth }
    /// Elements of the output, `N·OC·OH·OW`.
    public var outputCount: Int { batch * outChannels * outHeight * outWidth }
}

// MARK: - conv2d

extension Reference {
    /// conv2d forward. Input `(N, C, H, W)`, weight `(OC, C, KH, KW)`, bias `(OC)` → output
    /// `(N, OC, OH, OW)`; NCHW, row-major; stride 1, zero padding `shape.padding`.
    ///
    /// `out[n, o, y, x] = bias[o] + Σ_{c, i, j} in[n, c, y + i − p, x + j − p] · w[o, c, i, j]`, where
    /// input positions outside the image read as 0 (cross-correlation, as PyTorch defines conv2d).
    public static func conv2dForward(input: [Float], weight: [Float], bias: [Float],
                                     shape s: Conv2DShape) -> [Float] {
        precondition(input.count == s.inputCount && weight.count == s.weightCount
                     && bias.count == s.outChannels, "conv2dForward: sizes do not match the shape")
        let (oh, ow) = (s.outHeight, s.outWidth)
        var output = [Float](repeating: 0, count: s.outputCount)
        for n in 0..<s.batch {
            for o in 0..<s.outChannels {
                for y in 0..<oh {
                    for x in 0..<ow {
                        var sum = bias[o]
                        for c in 0..<s.inChannels {
                            for i in 0..<s.kernelHeight {
                                let iy = y + i - s.padding
                                guard iy >= 0 && iy < s.height else { continue }
                                for j in 0..<s.kernelWidth {
                                    let ix = x + j - s.padding
                                    guard ix >= 0 && ix < s.width else { continue }
                                    sum += input[((n * s.inChannels + c) * s.height + iy) * s.width + ix]
                                        * weight[((o * s.inChannels + c) * s.kernelHeight + i)
                                                 * s.kernelWidth + j]
                                }
                            }
                        }
                        output[((n * s.outChannels + o) * oh + y) * ow + x] = sum
                    }
                }
            }
        }
        return output
    }

    /// conv2d backward. Output gradient `(N, OC, OH, OW)`, the forward's input `(N, C, H, W)` and weight
    /// `(OC, C, KH, KW)` → gradients of the input `(N, C, H, W)`, weight `(OC, C, KH, KW)` and bias `(OC)`.
    ///
    /// From the forward formula: `∂L/∂w[o,c,i,j] = Σ_{n,y,x} g[n,o,y,x] · in[n,c,y+i−p,x+j−p]`,
    /// `∂L/∂in[n,c,y+i−p,x+j−p] += g[n,o,y,x] · w[o,c,i,j]`, `∂L/∂bias[o] = Σ_{n,y,x} g[n,o,y,x]`
    /// (terms whose input position falls in the padding are dropped).
    public static func conv2dBackward(outputGradient: [Float], input: [Float], weight: [Float],
                                      shape s: Conv2DShape)
        -> (input: [Float], weight: [Float], bias: [Float]) {
        precondition(outputGradient.count == s.outputCount && input.count == s.inputCount
                     && weight.count == s.weightCount, "conv2dBackward: sizes do not match the shape")
        let (oh, ow) = (s.outHeight, s.outWidth)
        var inputGradient = [Float](repeating: 0, count: s.inputCount)
        var weightGradient = [Float](repeating: 0, count: s.weightCount)
        var biasGradient = [Float](repeating: 0, count: s.outChannels)
        for n in 0..<s.batch {
            for o in 0..<s.outChannels {
                for y in 0..<oh {
                    for x in 0..<ow {
                        let g = outputGradient[((n * s.outChannels + o) * oh + y) * ow + x]
                        biasGradient[o] += g
                        for c in 0..<s.inChannels {
                            for i in 0..<s.kernelHeight {
                                let iy = y + i - s.padding
                                guard iy >= 0 && iy < s.height else { continue }
                                for j in 0..<s.kernelWidth {
                                    let ix = x + j - s.padding
                                    guard ix >= 0 && ix < s.width else { continue }
                                    let inIndex = ((n * s.inChannels + c) * s.height + iy) * s.width + ix
                                    let wIndex = ((o * s.inChannels + c) * s.kernelHeight + i)
                                        * s.kernelWidth + j
                                    weightGradient[wIndex] += g * input[inIndex]
                                    inputGradient[inIndex] += g * weight[wIndex]
                                }
                            }
                        }
                    }
                }
            }
        }
        return (inputGradient, weightGradient, biasGradient)
    }
}
