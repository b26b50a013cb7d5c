import LeNetTraining

// MARK: - Network view state

/// An image to look at through the network: its 784 bytes and the weights to use.
public struct InspectionRequest: Sendable, Equatable, Hashable {
    /// The 28x28 image, row-major, 0...255 (255 = ink), preprocessed as the network sees it.
    public var pixels: [UInt8]
    /// Whose weights.
    public var source: PadModelSource

    public init(pixels: [UInt8], source: PadModelSource) {
        self.pixels = pixels
        self.source = source
    }
}

/// An image seen through the network: what was asked and what came out (`nil`: the model had no weights,
/// so it is not asked again).
public struct Inspection: Sendable, Equatable {
    public var request: InspectionRequest
    public var inside: NetworkInside?

    public init(request: InspectionRequest, inside: NetworkInside?) {
        self.request = request
        self.inside = inside
    }
}

/// c1's filters as drawn by the network view, and whose weights they are.
public struct NetworkFilters: Sendable, Equatable {
    public var source: PadModelSource
    /// 6x5x5 (c1.weight without its input-channel axis); `nil` when the model had none to offer.
    public var weights: FeatureMaps?

    public init(source: PadModelSource, weights: FeatureMaps?) {
        self.source = source
        self.weights = weights
    }
}

extension DashboardState {
    /// Whether the network view is on screen: open, and not hidden while a heatmap cell is being picked.
    public var showsNetworkView: Bool { networkViewOpen && (browsing != nil || heatmapSelection == nil) }

    /// The weights the network view reads with: the training weights for the browser's test images (they
    /// were found with them), else the pad's model (`padSource`).
    public var networkSource: PadModelSource? {
        if browsing?.current != nil, padSources.contains(.training) { return .training }
        return padSource
    }

    /// The image the network view and the saliency overlay show: the browser's test image while browsing,
    /// else the pad's drawing as the network sees it; `nil` with nothing to show.
    public var inspectionRequest: InspectionRequest? {
        guard let source = networkSource else { return nil }
        if let browsing {
            return browsing.current.map { InspectionRequest(pixels: $0.pixels, source: source) }
        }
        return padReading.map { InspectionRequest(pixels: $0.input.pixels, source: source) }
    }

    /// The image the dashboard must run through the network now (the view or the overlay shows it and
    /// the last inspection was of another image or model), or `nil`. Maps are computed only while asked.
    public var inspectionNeeded: InspectionRequest? {
        guard networkViewOpen || showsSaliency, let request = inspectionRequest else { return nil }
        return inspection?.request == request ? nil : request
    }

    /// What the network made of the shown image, when it has been computed.
    public var currentInside: NetworkInside? {
        guard let inspection, inspection.request == inspectionRequest else { return nil }
        return inspection.inside
    }

    /// Stores an inspection (ignored when the request is no longer the shown image).
    public mutating func setInspection(_ inside: NetworkInside?, for request: InspectionRequest) {
        guard request == inspectionRequest else { return }
        inspection = Inspection(request: request, inside: inside)
    }

    /// The model whose filters the dashboard must read now (the view is open and shows another model's,
    /// or none yet), or `nil`.
    public var filtersNeeded: PadModelSource? {
        guard networkViewOpen, let source = networkSource, networkFilters?.source != source else { return nil }
        return source
    }

    /// Stores c1's filters read from `source`'s weights (`c1.weight`, 6x1x5x5); anything else (or `nil`)
    /// records that the model has none.
    public mutating func setFilters(_ weights: [Float]?, from source: PadModelSource) {
        let maps = weights.flatMap { $0.count == 150 ? FeatureMaps(count: 6, height: 5, width: 5, values: $0) : nil }
        networkFilters = NetworkFilters(source: source, weights: maps)
    }

    /// A short description of `networkSource` for the view's title: "training weights, end of epoch 3".
    public var networkSourceLabel: String { networkSourceLabels[0] }

    /// `networkSourceLabel` and shorter forms of it for narrow titles, longest first.
    public var networkSourceLabels: [String] {
        guard networkSource != padSource, let source = networkSource else { return padSourceLabels }
        return sourceLabels(source)
    }

    /// Where everything goes on a screen of this size in this state (focus, pad only, browser, network view).
    public func layout(width: Int, height: Int) -> DashboardLayout {
        DashboardLayout(width: width, height: height, focus: focus, padOnly: padOnly, browsing: browsing != nil,
                        network: showsNetworkView)
    }

    /// Records the screen size (for the mouse): how many epoch-log rows fit (scrolling limit) and how many pages the
    /// network view needs (n steps through them).
    public mutating func noteScreen(width: Int, height: Int, glyphs: GlyphSet) {
        (screenWidth, screenHeight) = (width, height)
        let layout = layout(width: width, height: height)
        logViewportRows = layout.epochLogRows
        if !layout.network.isEmpty {
            let inner = Panel.inner(of: layout.network)
            networkPageCount = NetworkPanel.layout(width: inner.width, height: inner.height, glyphs: glyphs).pages.count
            networkPage = min(networkPage, networkPageCount - 1)
        }
    }

    // MARK: Keys

    /// n: open the view; on a view of several pages, the next page; after the last page, close it.
    mutating func stepNetworkView() -> KeyAction {
        if !networkViewOpen {
            networkViewOpen = true
            networkPage = 0
        } else if networkPage + 1 < networkPageCount {
            networkPage += 1
        } else {
            closeNetworkView()
        }
        return .redraw
    }

    mutating func closeNetworkView() {
        networkViewOpen = false
        networkPage = 0
        networkFilters = nil
        if !showsSaliency { inspection = nil }
    }

    /// g: the saliency overlay on or off (where a 28x28 input is shown: pad, browser, network view).
    mutating func toggleSaliency() -> KeyAction {
        guard padOpen || browsing?.current != nil || networkViewOpen else { return .none }
        showsSaliency.toggle()
        return .redraw
    }
}
