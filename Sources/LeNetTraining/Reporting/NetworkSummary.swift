import LeNetEngine
import LeNetFormats

// MARK: - The network's summary
//
// What PyTorch's `print(model)` and tfjs-vis's model summary show, for LeNet-5: every layer with its
// output shape, its parameters and its FLOPs per image. Every number is computed from `LeNet5.layers`
// (the engine's layer definitions), the same source as the engine's parameter tensors and the FLOP count
// `lenet-tui bench` uses.

/// The layers of LeNet-5 with output shapes, parameter counts and FLOPs per image, as text (`lenet-tui
/// summary`, the `?` overlay's second page) and as JSON (`summary --json`).
public enum NetworkSummary {
    /// One layer's line of the summary.
    public struct Row: Sendable, Equatable {
        /// The layer's name: PyTorch's module name for layers with weights (`c1`, ..., `output`).
        public let name: String
        /// What it computes, e.g. `conv 5×5, 1→6, pad 2`.
        public let operation: String
        /// Output shape for one image: `[C, H, W]` or `[features]` (NCHW without the batch axis).
        public let outputShape: [Int]
        /// Weights and biases.
        public let parameters: Int
        /// FLOPs of the forward pass for one image (2 per multiply-add).
        public let forwardFLOPs: Int
        /// FLOPs to train on one image: forward, weight gradient and input gradient (2 per multiply-add).
        public let trainingFLOPs: Int
        /// Whether a ReLU follows the layer.
        public let relu: Bool
    }

    /// How FLOPs are counted, said wherever they are printed.
    public static let flopConvention = "2 FLOPs per multiply-add; bias, ReLU, pooling and softmax not counted"

    /// One row per layer of `LeNet5.layers`, in forward order.
    public static let rows: [Row] = LeNet5.layers.indices.map { index in
        let layer = LeNet5.layers[index]
        return Row(name: layer.name, operation: describe(layer.operation), outputShape: LeNet5.layerOutputShapes[index],
                   parameters: layer.parameterCount, forwardFLOPs: 2 * LeNet5.layerMultiplyAdds[index],
                   trainingFLOPs: 2 * LeNet5.layerTrainingMultiplyAdds[index], relu: layer.relu)
    }

    /// The summary as lines of at most 76 characters (it fits the `?` overlay at 80 columns):
    /// ```
    /// layer    operation             output      parameters  fwd FLOPs  train FLOPs
    /// c1       conv 5×5, 1→6, pad 2  6×28×28            156    235,200      470,400
    /// ...
    /// total                                          61,706    833,040    2,263,920
    /// ```
    /// then the notes (ReLUs, the FLOP convention, what training counts).
    /// - Parameter spelling: rewrites each cell before the columns are measured, e.g. a terminal's ASCII
    ///   spellings (`×` → `x`, `→` → `->`), so the columns stay aligned.
    public static func lines(spelling: (String) -> String = { $0 }) -> [String] {
        let table: [[String]] = ([["layer", "operation", "output", "parameters", "fwd FLOPs", "train FLOPs"]]
            + rows.map { row in
                [row.name, row.operation, shape(row.outputShape), ReportFormat.grouped(row.parameters),
                 row.forwardFLOPs > 0 ? ReportFormat.grouped(row.forwardFLOPs) : "-",
                 row.trainingFLOPs > 0 ? ReportFormat.grouped(row.trainingFLOPs) : "-"]
            }
            + [["total", "", "", ReportFormat.grouped(LeNet5.parameterCount),
                ReportFormat.grouped(LeNet5.inferenceFLOPsPerImage), ReportFormat.grouped(LeNet5.trainingFLOPsPerImage)]])
            .map { $0.map(spelling) }
        let widths = (0..<6).map { column in table.map { $0[column].count }.max() ?? 0 }
        let body = table.map { cells -> String in
            var line = ""
            for (column, cell) in cells.enumerated() {
                let gap = String(repeating: " ", count: widths[column] - cell.count)
                line += column == 0 ? "" : "  "
                line += column < 3 ? cell + gap : gap + cell  // names and shapes left, numbers right
            }
            return String(line.reversed().drop { $0 == " " }.reversed())
        }
        let relus = rows.filter(\.relu).map(\.name)
        let first = rows.first { $0.parameters > 0 }?.name ?? "the first layer"
        return [spelling("LeNet-5, one 28×28 image; shapes C×H×W (NCHW without the batch axis)")] + body + [
            "ReLU after " + list(relus) + ". FLOPs per image: 2 per multiply-add; bias,",
            "ReLU, pooling and softmax not counted. Training = forward + weight gradients",
            "+ input gradients (none for \(first), whose input is the image).",
        ]
    }

    /// The summary as one JSON object: `layers` (objects with `name`, `operation`, `relu`, `output_shape`,
    /// `parameters`, `forward_flops`, `training_flops`), `total_parameters`, `forward_flops_per_image`,
    /// `training_flops_per_image` and `flop_convention`.
    public static func json() -> String {
        JSONValue.object([
            ("model", .string("LeNet-5")),
            ("input_shape", .array(LeNet5.layerOutputShapes[0].map { .int($0) })),
            ("layers", .array(rows.map { row in
                .object([
                    ("name", .string(row.name)),
                    ("operation", .string(row.operation)),
                    ("relu", .bool(row.relu)),
                    ("output_shape", .array(row.outputShape.map { .int($0) })),
                    ("parameters", .int(row.parameters)),
                    ("forward_flops", .int(row.forwardFLOPs)),
                    ("training_flops", .int(row.trainingFLOPs)),
                ])
            })),
            ("total_parameters", .int(LeNet5.parameterCount)),
            ("forward_flops_per_image", .int(LeNet5.inferenceFLOPsPerImage)),
            ("training_flops_per_image", .int(LeNet5.trainingFLOPsPerImage)),
            ("flop_convention", .string(flopConvention)),
        ]).serialized(.spaced)
    }

    // MARK: Helpers

    /// `6×28×28`, `400`.
    static func shape(_ dimensions: [Int]) -> String {
        dimensions.map(String.init).joined(separator: "×")
    }

    /// `c1, c3, c5 and f6`.
    static func list(_ names: [String]) -> String {
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " and " + names.last!
    }

    /// A layer's operation in a few words: `conv 5×5, 1→6, pad 2`, `max-pool 2×2`, `linear 400→120`.
    static func describe(_ operation: LayerOperation) -> String {
        switch operation {
        case let .input(channels, side):
            return channels == 1 ? "image \(side)×\(side)" : "image \(channels)×\(side)×\(side)"
        case let .convolution(inChannels, outChannels, kernel, padding):
            return "conv \(kernel)×\(kernel) \(inChannels)→\(outChannels)" + (padding > 0 ? " pad \(padding)" : "")
        case let .maxPool(size):
            return "max-pool \(size)×\(size)"
        case .flatten:
            return "flatten C,H,W"
        case let .linear(inFeatures, outFeatures):
            return "linear \(inFeatures)→\(outFeatures)"
        }
    }
}
