import LeNetTraining
@testable import TerminalUI

// MARK: - Network view fixtures

extension Fixture {
    /// A stack whose map `m` has value `f(m, x, y)` at (x, y).
    static func maps(_ count: Int, _ side: Int, _ f: (Int, Int, Int) -> Float) -> FeatureMaps {
        var values: [Float] = []
        for m in 0..<count { for y in 0..<side { for x in 0..<side { values.append(f(m, x, y)) } } }
        return FeatureMaps(count: count, height: side, width: side, values: values)
    }

    /// A 28x28 vertical bar (a 1) at columns 13...14, rows 4...23, as bytes.
    static let barImage: [UInt8] = (0..<784).map { i in (4...23).contains(i / 28) && (13...14).contains(i % 28) ? 255 : 0 }

    /// Maps that light up along the bar, each layer at its own size; the saliency is highest at the top of the bar.
    static func inside(probabilities: [Float] = (0..<10).map { $0 == 1 ? 0.955 : 0.005 }) -> NetworkInside {
        func bar(_ count: Int, _ side: Int) -> FeatureMaps {
            maps(count, side) { m, x, y in
                let centre = side / 2
                return abs(x - centre) <= max(0, side / 14) && y >= side / 7 && y < side - side / 7 ? Float(m + 1) : 0
            }
        }
        return NetworkInside(input: FeatureMaps(image: barImage), c1: bar(6, 28), pool1: bar(6, 14), c3: bar(16, 10),
                             pool2: bar(16, 5), probabilities: probabilities,
                             saliency: maps(1, 28) { _, x, y in (13...14).contains(x) && (4...23).contains(y) ? Float(24 - y) / 20 : 0 })
    }

    /// c1 filters 6x5x5: filter m is a vertical edge, positive left, negative right, growing with m.
    static let filters: [Float] = (0..<150).map { i in
        let m = i / 25, x = i % 5
        return Float(2 - x) * 0.1 * Float(m + 1) / 6
    }

    /// A running state with the network view open on a drawn 1, its inspection, filters and health.
    static func networkState(padOpen: Bool = true) -> DashboardState {
        var state = runningState()
        state.padSources = [.training]
        if padOpen { _ = state.handle(key: .character("d")) }
        for key: Key in [.character("["), .up, .up, .up, .up, .character(" ")] + Array(repeating: .down, count: 9) {
            _ = state.handle(key: key)
        }
        state.refreshPad { _, _ in (0..<10).map { $0 == 1 ? 0.955 : 0.005 } }
        _ = state.handle(key: .character("n"))
        if let request = state.inspectionNeeded { state.setInspection(inside(), for: request) }
        state.setFilters(filters, from: .training)
        let layers = TrainingHealth.layerNames.enumerated().map { i, name in
            LayerHealth(layer: name, weightNorm: 2.5 + Double(i), gradientNorm: 0.08 / Double(i + 1),
                        updateNorm: (2.5 + Double(i)) * 1.2e-3)
        }
        state.apply(.batchDone(progress(health: TrainingHealth(layers: layers))))
        return state
    }
}
