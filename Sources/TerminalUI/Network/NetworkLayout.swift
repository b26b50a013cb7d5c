// MARK: - Network view layout

/// A part of the network view, in the order the view places them.
public enum NetworkSection: Sendable, Equatable, CaseIterable {
    /// The 28x28 input: the pad's drawing (drawable when the pad has the keys), the network's input, or
    /// the input with the saliency overlay; or the browser's test image.
    case input
    /// The ten class probabilities.
    case probabilities
    /// c1's six 5x5 filters (weights).
    case filters
    /// The feature maps after each layer: c1 (6x28x28), pool1 (6x14x14), c3 (16x10x10), pool2 (16x5x5).
    case c1, pool1, c3, pool2
    /// Per layer ‖w‖, ‖g‖ and ‖Δw‖/‖w‖ of the last optimizer step.
    case health
}

/// How large the maps are drawn, in pixels per side (one column and half a row per pixel).
public struct NetworkDetail: Sendable, Equatable {
    public var filters: Int
    public var c1: Int
    public var pool1: Int
    public var c3: Int
    public var pool2: Int

    /// From full size down; the layout takes the first level that fits on the fewest pages. c1 at 28 is
    /// the real resolution; smaller sizes are area averages (labelled "at N×N").
    public static let levels: [NetworkDetail] = [
        NetworkDetail(filters: 10, c1: 28, pool1: 14, c3: 10, pool2: 5),
        NetworkDetail(filters: 10, c1: 14, pool1: 14, c3: 10, pool2: 5),
        NetworkDetail(filters: 5, c1: 14, pool1: 14, c3: 10, pool2: 5),
        NetworkDetail(filters: 5, c1: 12, pool1: 12, c3: 10, pool2: 5),
        NetworkDetail(filters: 5, c1: 10, pool1: 10, c3: 10, pool2: 5),
        NetworkDetail(filters: 5, c1: 10, pool1: 10, c3: 8, pool2: 5),
        NetworkDetail(filters: 5, c1: 8, pool1: 8, c3: 6, pool2: 5),
        NetworkDetail(filters: 5, c1: 7, pool1: 7, c3: 5, pool2: 5),
    ]
}

/// Where one section goes: its rectangle (label row included) and how its maps are arranged.
public struct NetworkPlacement: Sendable, Equatable {
    public var section: NetworkSection
    public var rect: Rect
    /// Maps per row (1 for sections without maps).
    public var mapsPerRow: Int
    /// Probabilities: the compact form (three rows of ten columns) instead of a bar per class.
    public var compact: Bool
}

/// One page of the network view: its sections and the map sizes they are drawn at.
public struct NetworkPage: Sendable, Equatable {
    public var placements: [NetworkPlacement]
    public var detail: NetworkDetail

    /// The sections on the page, in placement order.
    public var sections: [NetworkSection] { placements.map(\.section) }
}

/// The network view's sections packed into an area: each section goes to the lowest, then leftmost place
/// where it fits (a skyline packer, one column and one row of space between sections), in the order of
/// `NetworkSection`, trying each of its arrangements (maps per row) and keeping the one that ends
/// highest.
///
/// Everything goes on one page when some `NetworkDetail` level with c1 maps of at least
/// `smallestSinglePageC1` pixels fits (the largest such level). Otherwise the view has a page per
/// `pageGroups` group (the c1 side, the c3 side), each with the largest maps that fit; when a group fits
/// at no level, the sections go in order on as few pages as any level allows, each page then with the
/// largest maps its sections fit at. Every page starts with the input, so the pad stays drawable.
public struct NetworkLayout: Sendable, Equatable {
    public let pages: [NetworkPage]
    /// Sections too large for the area even alone with the input (tiny terminals only).
    public let omitted: [NetworkSection]

    /// Rows of the input section: label and 28x28 pixels in half blocks.
    public static let inputHeight = 15
    /// The probabilities as bars: label and one row per class ("7 ███████████ 98%").
    static let barsSize = (width: 28, height: 11)
    /// The probabilities compact: label, class names, spark bars, percentages, four columns per class.
    static let compactSize = (width: 40, height: 4)
    /// The health table: label, header and five layers.
    static let healthSize = (width: 30, height: 7)
    /// One page is preferred while c1's maps can be drawn at least this large.
    static let smallestSinglePageC1 = 8
    /// The sections of each page when the view needs more than one (the input starts every page).
    static let pageGroups: [[NetworkSection]] = [[.probabilities, .filters, .c1, .pool1], [.c3, .pool2, .health]]

    /// - Parameters:
    ///   - width, height: the area inside the panel's border.
    ///   - labelWidth: the width of a section's label at a detail level (labels are never cut).
    public init(width: Int, height: Int, labelWidth: (NetworkSection, NetworkDetail) -> Int) {
        let all = NetworkSection.allCases.filter { $0 != .input }
        for detail in NetworkDetail.levels where detail.c1 >= Self.smallestSinglePageC1 {
            let (placed, rest) = Self.pack([.input] + all, width: width, height: height, detail: detail, labelWidth: labelWidth)
            if rest.isEmpty {
                pages = [NetworkPage(placements: placed, detail: detail)]
                omitted = []
                return
            }
        }
        var grouped: [NetworkPage] = []
        groups: for group in Self.pageGroups {
            for detail in NetworkDetail.levels {
                let (placed, rest) = Self.pack([.input] + group, width: width, height: height, detail: detail,
                                               labelWidth: labelWidth)
                if rest.isEmpty {
                    grouped.append(NetworkPage(placements: placed, detail: detail))
                    continue groups
                }
            }
            break
        }
        if grouped.count == Self.pageGroups.count {
            pages = grouped
            omitted = []
            return
        }
        // Too small for a page per group: the sections in order over as few pages as any level needs.
        var best: (pages: [NetworkPage], omitted: [NetworkSection])?
        for detail in NetworkDetail.levels {
            let paged = Self.paginate(all, width: width, height: height, detail: detail, labelWidth: labelWidth)
            if best == nil || (paged.omitted.count, paged.pages.count) < (best!.omitted.count, best!.pages.count) {
                best = paged
            }
        }
        // Each page then gets the largest maps its own sections fit at.
        pages = best!.pages.map { page in
            let sections = page.sections
            for detail in NetworkDetail.levels {
                let (placed, rest) = Self.pack(sections, width: width, height: height, detail: detail, labelWidth: labelWidth)
                if rest.isEmpty { return NetworkPage(placements: placed, detail: detail) }
            }
            return page
        }
        omitted = best!.omitted
    }

    /// `sections` in order, as many as fit on each page after the input.
    static func paginate(_ sections: [NetworkSection], width: Int, height: Int, detail: NetworkDetail,
                         labelWidth: (NetworkSection, NetworkDetail) -> Int) -> (pages: [NetworkPage], omitted: [NetworkSection]) {
        var pages: [NetworkPage] = []
        var pending = sections
        repeat {
            let (placed, rest) = pack([.input] + pending, width: width, height: height, detail: detail, labelWidth: labelWidth)
            if placed.count <= 1 && !pages.isEmpty { return (pages, rest.filter { $0 != .input }) }
            pages.append(NetworkPage(placements: placed, detail: detail))
            if placed.count <= 1 { return (pages, rest.filter { $0 != .input }) }
            pending = rest
        } while !pending.isEmpty
        return (pages, [])
    }

    /// Rows between two rows of maps: none for odd sizes (their last half-row is already blank), else one.
    public static func rowGap(forSize size: Int) -> Int { size % 2 == 1 ? 0 : 1 }

    /// The arrangements a section can take at `detail`: (size, maps per row, compact), preferred first.
    static func variants(of section: NetworkSection, detail: NetworkDetail,
                         labelWidth: Int) -> [(width: Int, height: Int, perRow: Int, compact: Bool)] {
        func maps(count: Int, size: Int, rows options: [Int]) -> [(Int, Int, Int, Bool)] {
            options.map { perRow in
                let rows = (count + perRow - 1) / perRow
                let cellRows = MapImage.cells(forHeight: size)
                return (max(labelWidth, perRow * size + perRow - 1), 1 + rows * cellRows + (rows - 1) * rowGap(forSize: size),
                        perRow, false)
            }
        }
        switch section {
        case .input: return [(max(labelWidth, 28), inputHeight, 1, false)]
        case .probabilities:
            return [(max(labelWidth, barsSize.width), barsSize.height, 1, false),
                    (max(labelWidth, compactSize.width), compactSize.height, 1, true)]
        case .filters: return maps(count: 6, size: detail.filters, rows: [6, 3, 2])
        case .c1: return maps(count: 6, size: detail.c1, rows: [6, 3, 2])
        case .pool1: return maps(count: 6, size: detail.pool1, rows: [6, 3, 2])
        case .c3: return maps(count: 16, size: detail.c3, rows: [16, 8, 4])
        case .pool2: return maps(count: 16, size: detail.pool2, rows: [16, 8, 4])
        case .health: return [(max(labelWidth, healthSize.width), healthSize.height, 1, false)]
        }
    }

    /// Places `sections` in order until one does not fit; returns the placements and the sections from
    /// that one on.
    static func pack(_ sections: [NetworkSection], width: Int, height: Int, detail: NetworkDetail,
                     labelWidth: (NetworkSection, NetworkDetail) -> Int)
        -> (placed: [NetworkPlacement], rest: [NetworkSection]) {
        // Each section reserves one column to its right and one row below it, so the area grows by one.
        var skyline = [Int](repeating: 0, count: max(0, width + 1))
        var placed: [NetworkPlacement] = []
        var rest: [NetworkSection] = []
        for section in sections {
            var best: (x: Int, y: Int, bottom: Int, variant: (width: Int, height: Int, perRow: Int, compact: Bool))?
            for variant in variants(of: section, detail: detail, labelWidth: labelWidth(section, detail)) {
                let w = variant.width + 1, h = variant.height + 1
                guard w <= skyline.count else { continue }
                for x in 0...(skyline.count - w) {
                    let y = skyline[x ..< x + w].max() ?? 0
                    guard y + h <= height + 1 else { continue }
                    if best == nil || y + h < best!.bottom || (y + h == best!.bottom && (y, x) < (best!.y, best!.x)) {
                        best = (x, y, y + h, variant)
                    }
                }
            }
            guard let best else {
                // In order: what follows a section that does not fit goes after it (on the next page).
                rest = Array(sections[sections.firstIndex(of: section)!...])
                break
            }
            for x in best.x ..< best.x + best.variant.width + 1 { skyline[x] = best.bottom }
            placed.append(NetworkPlacement(section: section,
                                           rect: Rect(x: best.x, y: best.y, width: best.variant.width,
                                                      height: best.variant.height),
                                           mapsPerRow: best.variant.perRow, compact: best.variant.compact))
        }
        return (placed, rest)
    }
}
