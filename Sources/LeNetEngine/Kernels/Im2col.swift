// MARK: - im2col / col2im

/// The im2col lowering of a stride-1 convolution for ONE image, so that the convolution becomes a GEMM:
/// `out(OC, OH·OW) = W(OC, C·KH·KW) · cols(C·KH·KW, OH·OW)`.
///
/// Layout: `cols[(c·KH + i)·KW + j, y·OW + x] = image[c, y + i − p, x + j − p]` (0 in the padding),
/// row-major; the row index matches the flattening of a PyTorch conv weight `(OC, C, KH, KW)`.
enum Im2col {
    /// Fills `cols` `(C·K·K, OH·OW)` from `image` `(C, H, W)` for a square kernel `K` and padding `p`.
    static func lower(image: UnsafePointer<Float>, channels: Int, height: Int, width: Int,
                      kernel: Int, padding: Int, cols: UnsafeMutablePointer<Float>) {
        let (oh, ow) = (height + 2 * padding - kernel + 1, width + 2 * padding - kernel + 1)
        var row = cols
        for c in 0..<channels {
            let plane = image + c * height * width
            for i in 0..<kernel {
                for j in 0..<kernel {
                    // Valid x: 0 <= x + j - p < width.
                    let xStart = max(0, padding - j), xEnd = min(ow, width + padding - j)
                    for y in 0..<oh {
                        let dst = row + y * ow
                        let iy = y + i - padding
                        if iy < 0 || iy >= height || xStart >= xEnd {
                            dst.update(repeating: 0, count: ow)
                            continue
                        }
                        if xStart > 0 { dst.update(repeating: 0, count: xStart) }
                        if xEnd < ow { (dst + xEnd).update(repeating: 0, count: ow - xEnd) }
                        let src = plane + iy * width + (j - padding)
                        for x in xStart..<xEnd { dst[x] = src[x] }
                    }
                    row += oh * ow
                }
            }
        }
    }

    /// The adjoint of `lower`: ADDS every entry of `cols` `(C·K·K, OH·OW)` into the image position it was
    /// read from, giving the gradient of the image `(C, H, W)` (padding entries are dropped).
    static func accumulate(cols: UnsafePointer<Float>, channels: Int, height: Int, width: Int,
                           kernel: Int, padding: Int, image: UnsafeMutablePointer<Float>) {
        let (oh, ow) = (height + 2 * padding - kernel + 1, width + 2 * padding - kernel + 1)
        var row = cols
        for c in 0..<channels {
            let plane = image + c * height * width
            for i in 0..<kernel {
                for j in 0..<kernel {
                    let xStart = max(0, padding - j), xEnd = min(ow, width + padding - j)
                    for y in 0..<oh {
                        let iy = y + i - padding
                        guard iy >= 0 && iy < height && xStart < xEnd else { continue }
                        let src = row + y * ow
                        let dst = plane + iy * width + (j - padding)
                        for x in xStart..<xEnd { dst[x] += src[x] }
                    }
                    row += oh * ow
                }
            }
        }
    }
}
