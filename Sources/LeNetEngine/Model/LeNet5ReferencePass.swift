// MARK: - LeNet-5 composed of the reference kernels

extension Reference {
    /// LeNet-5's forward pass written as a straight composition of the `Reference` kernels, keeping every
    /// intermediate, and its backward pass from any logits gradient: the independent oracle the fast
    /// `LeNet5Model` is tested against (itself tested against PyTorch), and the plain path of
    /// `lenet5Inspection`.
    ///
    /// All tensors are NCHW (or `(N, features)`), row-major, for `batch` images; `z…` are the
    /// pre-activations (before ReLU), the others as in `LeNet5Inspection`.
    public struct LeNet5Pass: Sendable {
        /// N, images in the pass.
        public let batch: Int
        /// `(N, 1, 28, 28)`.
        public let input: [Float]
        /// `(N, 6, 28, 28)` before and after ReLU.
        public let z1, c1: [Float]
        /// `(N, 6, 14, 14)` and the winners of its windows (`maxPool2x2Forward`'s argmax).
        public let pool1: [Float]
        let pool1Argmax: [Int32]
        /// `(N, 16, 10, 10)` before and after ReLU.
        public let z3, c3: [Float]
        /// `(N, 16, 5, 5)`, flattened in this order as c5's input `(N, 400)`.
        public let pool2: [Float]
        let pool2Argmax: [Int32]
        /// `(N, 120)` before and after ReLU.
        public let z5, c5: [Float]
        /// `(N, 84)` before and after ReLU.
        public let z6, f6: [Float]
        /// `(N, 10)`.
        public let logits: [Float]
        private let parameters: LeNet5Parameters

        /// c1's convolution on `n` images: `(n, 1, 28, 28)` → `(n, 6, 28, 28)`, padding 2.
        static func c1Shape(_ n: Int) -> Conv2DShape {
            Conv2DShape(batch: n, inChannels: 1, height: 28, width: 28, outChannels: 6,
                        kernelHeight: 5, kernelWidth: 5, padding: 2)
        }
        /// c3's convolution on `n` images: `(n, 6, 14, 14)` → `(n, 16, 10, 10)`.
        static func c3Shape(_ n: Int) -> Conv2DShape {
            Conv2DShape(batch: n, inChannels: 6, height: 14, width: 14, outChannels: 16,
                        kernelHeight: 5, kernelWidth: 5, padding: 0)
        }

        /// The forward pass of `images` `(batch, 1, 28, 28)`.
        public init(parameters: LeNet5Parameters, images: [Float], batch n: Int) {
            precondition(n >= 1 && images.count == n * LeNet5.pixelsPerImage, "LeNet5Pass: \(images.count) floats for \(n) images")
            let p = parameters.tensors
            self.parameters = parameters
            batch = n
            input = images
            z1 = conv2dForward(input: images, weight: p[0], bias: p[1], shape: Self.c1Shape(n))
            c1 = reluForward(z1)
            (pool1, pool1Argmax) = maxPool2x2Forward(input: c1, batch: n, channels: 6, height: 28, width: 28)
            z3 = conv2dForward(input: pool1, weight: p[2], bias: p[3], shape: Self.c3Shape(n))
            c3 = reluForward(z3)
            (pool2, pool2Argmax) = maxPool2x2Forward(input: c3, batch: n, channels: 16, height: 10, width: 10)
            z5 = linearForward(input: pool2, weight: p[4], bias: p[5], batch: n, inFeatures: 400, outFeatures: 120)
            c5 = reluForward(z5)
            z6 = linearForward(input: c5, weight: p[6], bias: p[7], batch: n, inFeatures: 120, outFeatures: 84)
            f6 = reluForward(z6)
            logits = linearForward(input: f6, weight: p[8], bias: p[9], batch: n, inFeatures: 84, outFeatures: 10)
        }

        /// Back-propagates `logitsGradient` `(N, 10)` = `∂L/∂logits` through the pass.
        /// - Returns: `∂L/∂parameters` (PyTorch layouts) and `∂L/∂input` `(N, 1, 28, 28)`.
        public func backward(logitsGradient: [Float]) -> (parameters: LeNet5Parameters, input: [Float]) {
            let (n, p) = (batch, parameters.tensors)
            let out = linearBackward(outputGradient: logitsGradient, input: f6, weight: p[8], batch: n,
                                     inFeatures: 84, outFeatures: 10)
            let g6 = linearBackward(outputGradient: reluBackward(outputGradient: out.input, input: z6),
                                    input: c5, weight: p[6], batch: n, inFeatures: 120, outFeatures: 84)
            let g5 = linearBackward(outputGradient: reluBackward(outputGradient: g6.input, input: z5),
                                    input: pool2, weight: p[4], batch: n, inFeatures: 400, outFeatures: 120)
            let dc3 = maxPool2x2Backward(outputGradient: g5.input, argmax: pool2Argmax, batch: n, channels: 16,
                                         height: 10, width: 10)
            let g3 = conv2dBackward(outputGradient: reluBackward(outputGradient: dc3, input: z3),
                                    input: pool1, weight: p[2], shape: Self.c3Shape(n))
            let dc1 = maxPool2x2Backward(outputGradient: g3.input, argmax: pool1Argmax, batch: n, channels: 6,
                                         height: 28, width: 28)
            let g1 = conv2dBackward(outputGradient: reluBackward(outputGradient: dc1, input: z1),
                                    input: input, weight: p[0], shape: Self.c1Shape(n))
            let gradients = LeNet5Parameters(tensors: [g1.weight, g1.bias, g3.weight, g3.bias, g5.weight, g5.bias,
                                                       g6.weight, g6.bias, out.weight, out.bias])
            return (gradients, g1.input)
        }
    }

    /// `LeNet5Inspection` of each of `images` `(N, 1, 28, 28)` computed with the reference kernels: the
    /// plain path `LeNet5Model.inspect` is tested against.
    /// - Parameter saliencyClass: the class whose logit the saliency maps differentiate; `nil` = each
    ///   image's predicted class.
    public static func lenet5Inspection(parameters: LeNet5Parameters, images: [Float],
                                        saliencyClass: Int? = nil) -> [LeNet5Inspection] {
        let n = images.count / LeNet5.pixelsPerImage
        let pass = LeNet5Pass(parameters: parameters, images: images, batch: n)
        func slice(_ tensor: [Float], _ image: Int) -> [Float] {
            let size = tensor.count / n
            return Array(tensor[(image * size) ..< ((image + 1) * size)])
        }
        // Images do not interact, so one backward pass of Σ_n logits[n, class_n] gives every map.
        let classes = (0..<n).map { saliencyClass ?? argmax(slice(pass.logits, $0)) }
        var oneHot = [Float](repeating: 0, count: n * 10)
        for (image, k) in classes.enumerated() {
            precondition((0..<10).contains(k), "saliencyClass \(k) is not in 0...9")
            oneHot[image * 10 + k] = 1
        }
        let saliency = pass.backward(logitsGradient: oneHot).input
        return (0..<n).map { i in
            LeNet5Inspection(input: slice(images, i), c1: slice(pass.c1, i), pool1: slice(pass.pool1, i),
                             c3: slice(pass.c3, i), pool2: slice(pass.pool2, i), c5: slice(pass.c5, i),
                             f6: slice(pass.f6, i), logits: slice(pass.logits, i), saliency: slice(saliency, i),
                             saliencyClass: classes[i])
        }
    }
}
