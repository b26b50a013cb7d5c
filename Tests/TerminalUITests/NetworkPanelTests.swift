import LeNetTraining
import Testing
@testable import TerminalUI

// MARK: - Network view layout

@Suite struct NetworkLayoutTests {
    func layout(_ width: Int, _ height: Int, glyphs: GlyphSet = .unicode) -> NetworkLayout {
        NetworkPanel.layout(width: width, height: height, glyphs: glyphs)
    }

    /// Every section once (the input on every page), inside the area, apart from each other, labels not cut.
    func expectSound(_ layout: NetworkLayout, _ width: Int, _ height: Int, glyphs: GlyphSet = .unicode,
                     sourceLocation: SourceLocation = #_sourceLocation) {
        let sections = layout.pages.flatMap(\.sections).filter { $0 != .input }
        #expect(Set(sections).count == sections.count, "a section twice", sourceLocation: sourceLocation)
        #expect(Set(sections).union(layout.omitted) == Set(NetworkSection.allCases.filter { $0 != .input }), sourceLocation: sourceLocation)
        for page in layout.pages {
            #expect(page.sections.first == .input, sourceLocation: sourceLocation)
            for (i, a) in page.placements.enumerated() {
                #expect(a.rect.x >= 0 && a.rect.y >= 0 && a.rect.maxX <= width && a.rect.maxY <= height, "\(a.section) outside: \(a.rect)", sourceLocation: sourceLocation)
                let label = glyphs.text(NetworkPanel.label(a.section, detail: page.detail, filterScale: 0.5))
                #expect(label.count <= a.rect.width, "\(a.section)'s label cut", sourceLocation: sourceLocation)
                for b in page.placements[(i + 1)...] {
                    let grown = Rect(x: a.rect.x, y: a.rect.y, width: a.rect.width + 1, height: a.rect.height + 1)
                    #expect(grown.intersection(b.rect).isEmpty, "\(a.section) touches \(b.section)", sourceLocation: sourceLocation)
                }
            }
        }
    }

    @Test func at120x40EverythingFitsOnOnePage() {
        let l = layout(118, 33)
        expectSound(l, 118, 33)
        #expect(l.pages.count == 1)
        #expect(l.pages[0].detail == NetworkDetail(filters: 5, c1: 10, pool1: 10, c3: 10, pool2: 5))
        #expect(l.pages[0].placements.first { $0.section == .c1 }?.mapsPerRow == 6)
    }

    @Test func at100x30TheC1AndC3SidesGetAPageEach() {
        let l = layout(98, 23)
        expectSound(l, 98, 23)
        #expect(l.pages.map(\.sections) == [[.input, .probabilities, .filters, .c1, .pool1],
                                          [.input, .c3, .pool2, .health]])
        #expect(l.pages[0].detail.c1 == 10)
    }

    @Test func at80x24AndTheMinimumTheSectionsFlowInOrderOverPages() {
        let l = layout(78, 17)
        expectSound(l, 78, 17)
        #expect(l.pages.map(\.sections) == [[.input, .probabilities, .filters, .c1],
                                          [.input, .pool1, .c3], [.input, .pool2, .health]])
        expectSound(layout(62, 16, glyphs: .ascii), 62, 16, glyphs: .ascii)
        expectSound(layout(200, 60), 200, 60)
    }

    @Test func areasTooSmallForTheInputStillLayOutWhatTheyCan() {
        let tiny = layout(20, 5)
        #expect(tiny.pages.count == 1)
        #expect(tiny.omitted.count == NetworkSection.allCases.count - 1)
        #expect(layout(0, 0).pages.count == 1)
    }
}

// MARK: - Network view

@Suite struct NetworkPanelTests {
    func render(_ state: DashboardState, width: Int = 80, height: Int = 19, glyphs: GlyphSet = .unicode,
                depth: ColorDepth = .monochrome) -> CellBuffer {
        Fixture.render(width: width, height: height) { buffer, area in
            NetworkPanel(state: state, glyphs: glyphs, depth: depth).render(into: &buffer, area: area)
        }
    }

    @Test func firstPageAt80x24InAscii() {
        #expect(render(Fixture.networkState(), glyphs: .ascii).trimmedRows() == [
            "+ network - your drawing - training, epoch 3, batch 50/100 - page 1/3 - n next +",
            "|pad - pen down               probabilities (%) - 1 (95.5%)                    |",
            "|. . . . . . . . . . . . . .     0   1   2   3   4   5   6   7   8   9         |",
            "|. . . . . . . . . . . . . .     _   @   _   _   _   _   _   _   _   _         |",
            "|. . . . . . . . . . . . . .     0  95   0   0   0   0   0   0   0   0         |",
            "|. . . . . . . . . . . . . .                                                   |",
            "|. . . . . . . . . . . . . .  c1 filters 6x1x5x5 +-0.20                        |",
            "|. . . . . . . : . . . . . .  +++== *++=- #*+-: %*+-. %*+-. @#+:               |",
            "|. . . . . . . : . . . . . .  +++== *++=- #*+-: %*+-. %*+-. @#+:               |",
            "|. . . . . . . : . . . . . .  +++== *++=- #*+-: %*+-. %*+-. @#+:               |",
            "|. . . . . . . : . . . . . .                                                   |",
            "|. . . . . . . : . . . . . .  c1 6x28x28 - ReLU - at 7x7                       |",
            "|. . . . . . . . . . . . . .     .       :       :.      -.      =.      +.    |",
            "|. . . . . . . . . . . . . .     :       -.      +.      *:      %:      @:    |",
            "|. . . . . . . . . . . . . .     :       -.      +.      *:      %:      @:    |",
            "|. . . . . . . . . . . . . .                                                   |",
            "|                                                                              |",
            "|                                                                              |",
            "+------------------------------------------------------------------------------+",
        ])
    }

    @Test func lastPageHasThePooledMapsAndTheHealthTable() {
        var state = Fixture.networkState()
        state.networkPageCount = 3
        _ = state.handle(key: .character("n"))
        _ = state.handle(key: .character("n"))
        let rows = render(state).trimmedRows()
        #expect(rows[0] == "┌ network · your drawing · epoch 3, batch 50/100 ───────── page 3/3 · n closes ┐")
        #expect(rows[1] == "│pad · pen down               pool2 16×5×5                                     │")
        // Eight 5x5 maps a row; each lights its middle column, brighter with the map's index (map 0 rounds to blank).
        #expect(Array(rows[2...4]).map { String($0.dropFirst(30).prefix(47)) } ==
                Array(repeating: "        ░     ░     ░     ░     ▒     ▒     ▒  ", count: 3))
        #expect(Array(rows[9...15]) == [
            "│· · · · · · · █ · · · · · ·  training health (last step)                      │",
            "│· · · · · · · █ · · · · · ·  layer     ‖w‖     ‖g‖ ‖Δw‖/‖w‖                   │",
            "│· · · · · · · █ · · · · · ·  c1       2.50  0.0800   1.2e-3                   │",
            "│· · · · · · · · · · · · · ·  c3       3.50  0.0400   1.2e-3                   │",
            "│· · · · · · · · · · · · · ·  c5       4.50  0.0267   1.2e-3                   │",
            "│· · · · · · · · · · · · · ·  f6       5.50  0.0200   1.2e-3                   │",
            "│· · · · · · · · · · · · · ·  output   6.50  0.0160   1.2e-3                   │",
        ])
    }

    @Test func beforeAnyImageOrWeightsTheLabelsSayWhatIsMissing() {
        var state = Fixture.runningState()
        _ = state.handle(key: .character("n"))
        let rows = render(state, width: 120, height: 35).trimmedRows()
        #expect(rows[0].prefix(24) == "┌ network · no model ───")
        #expect(rows[1].hasPrefix("│input · d draws a digit      probabilities (%)                        c1 filters 6×1×5×5  "))
        #expect(rows[2].hasPrefix("│· · · · · · · · · · · · · ·     0   1   2   3   4   5   6   7   8   9 no weights "))
        #expect(rows[3].prefix(40) == "│· · · · · · · · · · · · · ·            ", "no probabilities without a drawing")
        #expect(rows.filter { $0.contains("training health (last step)") }.count == 1)
        #expect(rows.filter { $0.contains("after the first training step") }.count == 1)
        #expect(!rows.joined().contains("nan"))
        var draw = DashboardState(padOnly: true)
        _ = draw.handle(key: .character("n"))
        #expect(render(draw, width: 120, height: 35).trimmedRows().joined().contains("no training in this view"))
    }

    @Test func saliencyOverlaysTheNetworksInputInTheView() {
        var state = Fixture.networkState()
        _ = state.handle(key: .character("g"))
        let buffer = render(state, depth: .extended)
        #expect(buffer.trimmedRows()[1].prefix(28) == "│input 1×28×28 + saliency   ")
        // The bar's top (rows 4...5, columns 13...14) decided most: the warmest steps; its foot stays grey.
        #expect(buffer[14, 4].style.foreground == .warm(MapRamp.warmSteps))
        #expect(buffer[14, 13].style.foreground == MapRamp.grey(0.6))
        #expect(buffer[14, 3].style.foreground == .plain, "no ink, no saliency above the bar")
    }

    @Test func theTitleShowsTheBrowsersTestImageAndTheInputItsPixels() {
        var state = ConfusionBrowserStateTests.browsableState()
        state.padSources = [.training]
        _ = state.handle(key: .character("n"))
        _ = state.handle(key: .character("b"))
        _ = state.handle(key: .enter)
        let example = ConfusionExample(testIndex: 1234, trueClass: 7, predicted: 2, pixels: Fixture.barImage,
                                       probabilities: (0..<10).map { $0 == 2 ? 0.75 : ($0 == 7 ? 0.25 : 0) })
        state.showConfusionExamples([example], for: ConfusionCell(trueClass: 7, predicted: 2))
        let rows = render(state, width: 120, height: 35, glyphs: .ascii).trimmedRows()
        #expect(rows[0].prefix(80) == "+ network - test image 1234: 7 read as 2 - training weights, epoch 3, mini-batch")
        #expect(rows[1].hasPrefix("|test image 1,234  "))
        #expect(rows[5].prefix(16) == "|             @@")
        #expect(rows[4].hasPrefix("|             @@                 0   0  75   0   0   0   0  25   0   0 "))
    }
}

// MARK: - Health table and formats

@Suite struct HealthTableTests {
    @Test func rowsPerLayerAndTheLargeRatioWarning() {
        let health = TrainingHealth(layers: [
            LayerHealth(layer: "c1", weightNorm: 2.913, gradientNorm: 0.08123, updateNorm: 0.0035),
            LayerHealth(layer: "output", weightNorm: 0.5, gradientNorm: 0, updateNorm: 0.05),
        ])
        let buffer = Fixture.render(width: 30, height: 4) { buffer, area in
            HealthTable(health: health, glyphs: .ascii).render(into: &buffer, area: area)
        }
        #expect(buffer.trimmedRows() == [
            "layer     |w|     |g| |dw|/|w|",
            "c1       2.91  0.0812   1.2e-3",
            "output  0.500       0   1.0e-1",
            "",
        ])
        #expect(buffer[29, 2].style == .warn, "a step of a tenth of the weights")
        #expect(buffer[29, 1].style == .plain)
    }

    @Test func withoutFiguresOneLine() {
        let buffer = Fixture.render(width: 20, height: 2) { buffer, area in
            HealthTable(health: nil, glyphs: .unicode).render(into: &buffer, area: area)
        }
        #expect(buffer.trimmedRows() == ["after the first", ""], "cut between words")
    }

    @Test func numberFormats() {
        #expect(Format.significant(2.913) == "2.91")
        #expect(Format.significant(0.08123) == "0.0812")
        #expect(Format.significant(123.4) == "123")
        #expect(Format.significant(2.7) == "2.70")
        #expect(Format.significant(12) == "12.0")
        #expect(Format.significant(-0.05) == "-0.0500")
        #expect(Format.significant(0.0042) == "4.2e-3")
        #expect(Format.significant(12345) == "1.2e+4")
        #expect(Format.significant(0) == "0")
        #expect(Format.scientific(0.00123) == "1.2e-3")
        #expect(Format.scientific(.nan) == "nan")
        #expect(Format.words("c1 6×28×28 · ReLU · at 7×7", fitting: 19) == "c1 6×28×28 · ReLU")
        #expect(Format.words("unbreakable", fitting: 4) == "unbr")
        #expect(Format.words("short", fitting: 10) == "short")
    }
}

// MARK: - Saliency on the pad and in the browser

@Suite struct SaliencyOverlayTests {
    @Test func gOnThePadShowsTheNetworksInputWithTheOverlay() throws {
        var state = Fixture.networkState()
        #expect(state.handle(key: .character("n")) == .redraw)
        #expect(!state.networkViewOpen)
        #expect(state.handle(key: .character("g")) == .redraw)
        let request = try #require(state.inspectionNeeded, "the overlay needs the maps although the view is closed")
        var inside = Fixture.inside()
        inside.saliency = FeatureMaps(count: 1, height: 28, width: 28, values: request.pixels.map { $0 > 0 ? 1 : 0 })
        state.setInspection(inside, for: request)
        let rows = Fixture.render(width: 48, height: 17) { buffer, area in
            PadPanel(state: state, glyphs: .ascii).render(into: &buffer, area: area)
        }.trimmedRows()
        #expect(rows[0] == "+ draw - training, epoch 3, batch 50/100 ------+", "the title shortens what does not fit")
        // The stroke became a 20-pixel-tall bar in the network's input, all of it salient: the full ramp step.
        #expect(Array(rows[3...12]).map { String($0.prefix(16)) } == Array(repeating: "|             @@", count: 10))
        #expect(!rows.joined().contains("[]"), "no cursor on the network's input")
        let wide = Fixture.render(width: 60, height: 17) { buffer, area in
            PadPanel(state: state, glyphs: .ascii).render(into: &buffer, area: area)
        }.trimmedRows()
        #expect(wide[0].prefix(54) == "+ draw - training, epoch 3, batch 50/100 - saliency --")
    }

    @Test func gInTheBrowserOverlaysTheTestImage() {
        let example = ConfusionExample(testIndex: 3, trueClass: 7, predicted: 2, pixels: Fixture.barImage,
                                       probabilities: (0..<10).map { $0 == 2 ? 0.75 : ($0 == 7 ? 0.25 : 0) })
        let browsing = ConfusionBrowsing(cell: ConfusionCell(trueClass: 7, predicted: 2), examples: [example])
        let render = { (saliency: FeatureMaps?) in
            Fixture.render(width: 48, height: 18) { buffer, area in
                ConfusionBrowserPanel(browsing: browsing, glyphs: .unicode, saliency: saliency).render(into: &buffer, area: area)
            }.trimmedRows()
        }
        #expect(render(nil)[4].prefix(17) == "│             ██ ")
        let overlay = Fixture.inside().saliencyMagnitude
        #expect(render(overlay)[4].prefix(17) == "│             ██ ", "the top of the bar: the most salient, full shade")
        #expect(render(overlay)[13].prefix(17) == "│             ·· ", "its foot: ink that did not decide")
    }
}
