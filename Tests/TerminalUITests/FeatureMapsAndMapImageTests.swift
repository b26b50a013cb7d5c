import LeNetEngine
import LeNetTraining
import Testing
@testable import TerminalUI

// MARK: - Feature maps

@Suite struct FeatureMapsTests {
    @Test func downsamplingAveragesAreasAndUpsamplingRepeatsPixels() {
        let ramp = Fixture.maps(1, 4) { _, x, y in Float(y * 4 + x) }
        #expect(ramp.resampled(width: 2, height: 2).values == [2.5, 4.5, 10.5, 12.5])
        let small = FeatureMaps(count: 1, height: 2, width: 2, values: [1, 2, 3, 4])
        #expect(small.resampled(width: 4, height: 4).values == [1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4])
        // 3 -> 2: each new pixel covers one and a half old ones.
        let row = FeatureMaps(count: 1, height: 1, width: 3, values: [3, 6, 9]).resampled(width: 2, height: 1)
        #expect(abs(row.values[0] - 4) <= 1e-5)
        #expect(abs(row.values[1] - 8) <= 1e-5)
        #expect(ramp.resampled(width: 4, height: 4) == ramp, "same size: unchanged")
    }

    @Test func aThinStrokeSurvivesDownsamplingAndTheMeanIsKept() {
        let stroke = Fixture.maps(2, 28) { m, x, _ in m == 1 && x == 13 ? 1 : 0 }
        let shown = stroke.resampled(width: 10, height: 10)
        #expect(shown.count == 2)
        #expect(shown.values[0..<100].max() == 0, "an all-zero map stays zero")
        #expect(shown.values[100...].max()! > 0.25, "a one-pixel line is dimmer, not dropped")
        let mean = shown.values[100...].reduce(0, +) / 100
        #expect(abs(mean - 28.0 / 784) <= 1e-5)
    }

    @Test func scalesIgnoreNonFiniteValues() {
        let maps = FeatureMaps(count: 1, height: 1, width: 4, values: [-3, 2, .nan, .infinity])
        #expect(maps.maximum == 2)
        #expect(maps.maximumMagnitude == 3)
        #expect(FeatureMaps(count: 1, height: 1, width: 2, values: [-1, -2]).maximum == 0, "all negative: nothing lit")
        #expect(FeatureMaps(count: 0, height: 5, width: 5, values: []).maximum == 0)
        #expect(FeatureMaps(count: 6, height: 28, width: 28, values: Array(repeating: 0, count: 4704)).shape(times: "x") ==
                "6x28x28")
    }

    @Test func saliencyMagnitudeIsNormalisedPerImage() {
        var inside = Fixture.inside()
        inside.saliency = FeatureMaps(count: 1, height: 1, width: 3, values: [-0.5, 0.25, 0])
        #expect(inside.saliencyMagnitude.values == [1, 0.5, 0])
        inside.saliency = FeatureMaps(count: 1, height: 1, width: 2, values: [0, 0])
        #expect(inside.saliencyMagnitude.values == [0, 0], "a zero gradient: no overlay, no division by zero")
        #expect(Fixture.inside().predicted == 1)
    }
}

// MARK: - Map images

@Suite struct MapImageTests {
    /// Map 0: (x + y) / 6, a ramp from the top-left; map 1: x - 2, negative left, positive right.
    let maps = Fixture.maps(2, 4) { m, x, y in m == 0 ? Float(x + y) / 6 : Float(x - 2) }

    func render(_ index: Int, _ scale: MapScale, glyphs: GlyphSet = .unicode, depth: ColorDepth = .monochrome,
                overlay: FeatureMaps? = nil, width: Int = 5, height: Int = 2) -> CellBuffer {
        Fixture.render(width: width, height: height) { buffer, area in
            MapImage(maps: maps, index: index, scale: scale, overlay: overlay, glyphs: glyphs, depth: depth)
                .render(into: &buffer, at: 0, 0, clip: area)
        }
    }

    @Test func monochromeShadesTheMeanOfTwoPixels() {
        #expect(render(0, .activation(maximum: 1)).rows() == [" ░▒▒ ", "▒▒▓█ "])
        #expect(render(0, .activation(maximum: 1), glyphs: .ascii).rows() == [".:=+ ", "=+#% "])
        // Weights: zero at the middle shade.
        #expect(render(1, .diverging(magnitude: 2)).rows() == [" ░▒▓ ", " ░▒▓ "])
        #expect(render(1, .diverging(magnitude: 2), glyphs: .ascii).rows() == [" :+# ", " :+# "])
    }

    @Test func colourHalfBlocksFollowTheInkAndCarryBothPixels() {
        let buffer = render(0, .activation(maximum: 1), depth: .extended)
        #expect(buffer.rows() == ["▄▀▀▀ ", "▀▀▀▀ "])
        // (0, 0) is 0 (black, not ink) over 1/6: a lower half block in the lower pixel's grey.
        #expect(buffer[0, 0].style == Style(foreground: MapRamp.grey(1 / 6), background: .grey(0)))
        #expect(buffer[3, 1].style == Style(foreground: MapRamp.grey(5 / 6), background: .grey(23)))
        let weights = render(1, .diverging(magnitude: 2), depth: .extended)
        #expect(weights.rows() == ["██ █ ", "██ █ "])
        #expect(weights[0, 0].style.foreground == .diverging(-5))
        #expect(weights[1, 0].style.foreground == .diverging(-3))
        #expect(weights[2, 0].style.background == .diverging(0), "zero: white, no glyph")
        #expect(weights[3, 0].style.foreground == .diverging(3))
    }

    @Test func eightColoursShadeActivationsButColourWeights() {
        #expect(render(0, .activation(maximum: 1), depth: .basic).rows() == [" ░▒▒ ", "▒▒▓█ "])
        #expect(render(1, .diverging(magnitude: 2), depth: .basic)[0, 0].style.foreground == .diverging(-5))
        #expect(render(1, .diverging(magnitude: 2), glyphs: .ascii, depth: .extended).rows()[0] == " :+# ", "no Unicode: shades even with colours")
    }

    @Test func allZeroAndEmptyScalesDrawNothing() {
        #expect(render(0, .activation(maximum: 0)).trimmedRows() == ["", ""])
        let zero = Fixture.maps(1, 4) { _, _, _ in 0 }
        let buffer = Fixture.render(width: 4, height: 2) { buffer, area in
            MapImage(maps: zero, scale: .activation(maximum: zero.maximum), glyphs: .unicode, depth: .extended)
                .render(into: &buffer, at: 0, 0, clip: area)
        }
        #expect(buffer.trimmedRows() == ["", ""])
        #expect(buffer[0, 0].style.background == .grey(0))
    }

    @Test func oddHeightsAndClipping() {
        let tall = Fixture.maps(1, 5) { _, _, y in y == 4 ? 1 : 0 }
        let buffer = Fixture.render(width: 6, height: 4) { buffer, area in
            MapImage(maps: tall, scale: .activation(maximum: 1), glyphs: .unicode, depth: .extended)
                .render(into: &buffer, at: 0, 0, clip: Rect(x: 0, y: 0, width: 3, height: 4))
        }
        #expect(MapImage.cells(forHeight: 5) == 3)
        #expect(buffer.trimmedRows() == ["", "", "▀▀▀", ""], "the last pixel row alone; clipped to 3 columns")
        #expect(buffer[0, 2].style.background == .plain, "nothing under an odd height's last row")
    }

    @Test func saliencyOverlayIsWarmOnTheGreyInput() {
        let image: [UInt8] = (0..<784).map { i in i / 28 < 2 && i % 28 < 3 ? 255 : 0 }
        let saliency = Fixture.maps(1, 28) { _, x, y in y < 2 && x == 0 ? 1 : (y < 2 && x == 1 ? 0.1 : 0) }
        let overlay = { (glyphs: GlyphSet, depth: ColorDepth) in
            Fixture.render(width: 4, height: 1) { buffer, area in
                MapImage.input(image, saliency: saliency, glyphs: glyphs, depth: depth).render(into: &buffer, at: 0, 0, clip: area)
            }
        }
        let colour = overlay(.unicode, .extended)
        #expect(colour.rows() == ["███ "])
        #expect(colour[0, 0].style.foreground == .warm(MapRamp.warmSteps), "the deciding pixel: the warmest step")
        #expect(colour[1, 0].style.foreground == MapRamp.grey(0.6), "below the threshold: the input in dim grey")
        #expect(overlay(.unicode, .monochrome).rows() == ["█·· "])
        #expect(overlay(.unicode, .monochrome)[0, 0].style.bold)
        #expect(overlay(.ascii, .monochrome).rows() == ["@.. "])
        #expect(overlay(.unicode, .basic)[0, 0].style.foreground == .warm(MapRamp.warmSteps), "8 colours: still warm")
    }

    @Test func rampSteps() {
        #expect(MapRamp.greyStep(0) == 0)
        #expect(MapRamp.greyStep(1) == MapRamp.greyLevels - 1)
        #expect(MapRamp.grey(1) == .grey(23))
        #expect(MapRamp.divergingStep(-1) == -5)
        #expect(MapRamp.divergingStep(.nan) == 0)
        #expect(MapRamp.warmStep(0) == 1)
        #expect(MapRamp.warmStep(2) == MapRamp.warmSteps)
        #expect(MapRamp.shade(0.5, count: 5) == 2)
        #expect(MapRamp.divergingExtended.count == 2 * MapRamp.divergingHalf + 1)
        #expect(MapRamp.warmExtended.count == MapRamp.warmSteps)
    }
}

// MARK: - From the engine

@Suite struct NetworkInsideFromEngineTests {
    @Test func anInspectionBecomesStacksOfTheLayersShapes() throws {
        var rng = SplitMix64(seed: 5)
        let predictor = DigitPredictor(fixed: .pytorchDefault(using: &rng))
        let inspection = try #require(predictor.inspect([Fixture.barImage])?.first)
        let inside = NetworkInside(inspection)
        #expect([inside.input, inside.c1, inside.pool1, inside.c3, inside.pool2, inside.saliency].map { $0.shape() } ==
                ["1×28×28", "6×28×28", "6×14×14", "16×10×10", "16×5×5", "1×28×28"])
        #expect(inside.c1.values == inspection.c1)
        #expect(inside.pool2.values == inspection.pool2)
        #expect(inside.predicted == inspection.predictedClass)
        #expect(abs(inside.probabilities.reduce(0, +) - 1) <= 1e-5)
        #expect(inside.saliency.maximumMagnitude > 0)
        #expect(inside.saliencyMagnitude.maximum == 1)
    }
}
