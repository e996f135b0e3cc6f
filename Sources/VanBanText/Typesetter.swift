import CPangoCairo
import Foundation

/// One line of a broken paragraph, as plain values: what to draw and how wide it is.
public struct BrokenLine: Sendable, Equatable {
    /// The line's text without the trailing break space.
    public var text: String
    /// Natural (unjustified) width in points.
    public var width: Double
    /// True for the last line of a paragraph (or before a forced line break): never justified.
    public var endsParagraph: Bool
    /// True for the first line of a paragraph (it carries the first-line indent).
    public var startsParagraph: Bool

    public init(text: String, width: Double, endsParagraph: Bool, startsParagraph: Bool) {
        self.text = text; self.width = width; self.endsParagraph = endsParagraph; self.startsParagraph = startsParagraph
    }
}

/// Vertical metrics of a font at a size, in points.
public struct FontMetrics: Sendable, Equatable {
    public var ascent: Double
    public var descent: Double
}

/// Measures, breaks and draws text with the bundled fonts through Pango.
///
/// Not thread-safe and deliberately not `Sendable`: Pango font maps crash or hand out wrong
/// faces when shared between threads (measured), so each worker thread owns one Typesetter.
/// It keeps its font map warm for the thread's whole life, which is what makes batch fast.
public final class Typesetter {
    public let library: FontLibrary
    private let fontMap: UnsafeMutablePointer<PangoFontMap>
    /// Context for measuring; never bound to a cairo context, so metrics never depend on a surface.
    private let measureContext: OpaquePointer
    /// Context for drawing; updated for each cairo context it draws on.
    private let drawContext: OpaquePointer
    private var descriptions: [FontSpec: OpaquePointer] = [:]
    private var metricsCache: [FontSpec: FontMetrics] = [:]
    private var widthCache: ByteBoundedCache<WidthKey, Double>
    /// The cairo context the draw context was last bound to: rebinding per line is wasted work.
    private var boundCairo: OpaquePointer?

    /// Cache keys compare and hash their text as UTF-8 bytes: `String`'s own hashing normalises
    /// non-ASCII text first (0.75 M instructions a document, #14). Text is NFC from ingest, so two
    /// texts that read the same have the same bytes; at worst a differently encoded twin is a miss.
    private struct WidthKey: Hashable {
        var text: String; var font: FontSpec
        static func == (a: WidthKey, b: WidthKey) -> Bool { a.font == b.font && sameBytes(a.text, b.text) }
        func hash(into h: inout Hasher) { h.combine(font); hashBytes(text, into: &h) }
    }
    private struct BreakKey: Hashable {
        var text: String; var font: FontSpec; var width: Double; var indent: Double
        static func == (a: BreakKey, b: BreakKey) -> Bool {
            a.font == b.font && a.width == b.width && a.indent == b.indent && sameBytes(a.text, b.text)
        }
        func hash(into h: inout Hasher) { h.combine(font); h.combine(width); h.combine(indent); hashBytes(text, into: &h) }
    }
    /// Broken paragraphs, kept: batches repeat the same letterhead, subject and form text in every document.
    private var breakCache: ByteBoundedCache<BreakKey, [BrokenLine]>
    /// Lines shaped while breaking (or at their first draw), by text and font: drawing them again shapes
    /// nothing. Each keeps the Pango layout it belongs to alive.
    private var keptLines: [WidthKey: KeptLine] = [:]
    /// Whether the bound cairo context draws a PDF: kept lines are drawn on PDF surfaces only (an image
    /// surface rounds glyph positions through its own font options, so previews keep the plain path).
    private var boundIsPDF = false

    /// Estimated bytes of the layouts kept alive by `keptLines` (each counted once), and their owners.
    /// Pango holds about 64 bytes per character of a shaped layout (items, glyphs, clusters, log attrs);
    /// past `keptBudget` the kept lines are dropped, so memory stays bounded by bytes, not by entries
    /// (issue 15: a service fed long distinct paragraphs must not grow).
    private var keptBytes = 0
    private var keptOwners = Set<ObjectIdentifier>()
    /// Counts `finishDocument` calls: each kept line records the last one it was used in.
    private var generation = 0
    private static let keptBudget = 16 << 20
    private static let bytesPerCharacter = 64

    /// Owns a measuring layout whose lines are kept for drawing.
    private final class KeptLayout {
        let layout: OpaquePointer
        let textBytes: Int
        init(_ layout: OpaquePointer, textBytes: Int = 0) { self.layout = layout; self.textBytes = textBytes }
        deinit { g_object_unref(UnsafeMutableRawPointer(layout)) }
    }

    /// A shaped line ready to draw: the glyphs of `text` are the line's glyphs before byte `end` of the
    /// layout's text (a wrapped line's break space after it is left out when drawing).
    private struct KeptLine {
        let owner: KeptLayout
        let line: UnsafeMutablePointer<PangoLayoutLine>
        let end: Int
        /// The line's ascent in Pango units: where a one-line layout of the text puts its baseline.
        let ascent: Int32
        /// The last drawn glyph of the last run, and what its advance differs by when the text stands alone.
        let lastGlyph: Int
        let lastGlyphFix: Int32
        /// The `generation` it was last kept or drawn in.
        var used: Int
    }

    /// The default byte budget of the two text caches together (each gets half): a typesetter lives
    /// as long as its thread, so this is what each render thread may keep between documents.
    public static let defaultCacheBytes = 8 << 20
    /// A text longer than this (UTF-8 bytes) is neither measured nor broken from the cache: texts that
    /// long are not the repeated letterhead and form text the caches are for.
    public static let maxCachedTextBytes = 64 << 10
    /// Bytes counted per cache entry on top of its texts (dictionary slot, key fields, array header).
    static let entryOverhead = 96
    /// Bytes counted per broken line on top of its text.
    static let lineOverhead = 48

    /// The bytes the text caches hold now (UTF-8 of keys and values plus a fixed overhead per entry
    /// and per line); never more than the budget given at `init`.
    public var cacheByteCount: Int { breakCache.byteCount + widthCache.byteCount }
    /// How many shaped lines are kept now (for tests).
    var keptLineCount: Int { keptLines.count }

    /// UTF-8 bytes of text broken into lines by Pango so far (cache hits not counted): the work a
    /// layout did, which tests hold linear in the content.
    public private(set) var brokenBytes = 0

    /// Makes an empty configuration fontconfig's current one, once per process, before any font map
    /// exists. Our font maps use their own configuration (the bundled fonts only), but cairo and
    /// pangoft2 call `FcInit`, which otherwise parses the system's fonts.conf and its conf.d
    /// directory and reads its font caches: 24 M instructions, a tenth of a one-document run (#14),
    /// for fonts and rules never used (system fonts are never drawn).
    private static let emptyCurrentConfig: Void = {
        if let empty = FcConfigCreate() {
            _ = FcConfigSetCurrent(empty)
            FcConfigDestroy(empty)
        }
    }()

    /// Called when a document is done (the engine does, after each render). Every
    /// `documentsPerCacheAge` documents, the kept lines none of those documents drew or kept are
    /// dropped, and the broken paragraphs and widths that neither they nor the ones before used. What
    /// a typesetter keeps between documents is then what the last few documents set — the letterhead
    /// and form texts a batch repeats stay —, never the distinct texts of every document it ever set: a
    /// batch of 2,000 distinct documents holds no more than one of 200 (issue 14). The byte budgets
    /// still bound one very large document.
    public func finishDocument() {
        generation &+= 1
        guard generation % Self.documentsPerCacheAge == 0 else { return }
        breakCache.age()
        widthCache.age()
        keptLines = keptLines.filter { generation &- $0.value.used <= Self.documentsPerCacheAge }
        keptOwners.removeAll(keepingCapacity: true)
        keptBytes = 0
        for line in keptLines.values where keptOwners.insert(ObjectIdentifier(line.owner)).inserted {
            keptBytes += line.owner.textBytes * Self.bytesPerCharacter
        }
    }

    /// How often (in documents) `finishDocument` lets go of what recent documents did not use. After
    /// every document, a batch of varied documents shaped and broke again, each time, the lines its
    /// neighbours had (1 M instructions a document on the bench batch, #14); every eighth keeps them
    /// while memory stays bounded by the texts of a few documents.
    static let documentsPerCacheAge = 8

    /// - Parameter cacheBytes: the byte budget of the line-break and width caches together.
    public init(library: FontLibrary, cacheBytes: Int = Typesetter.defaultCacheBytes) throws(FontError) {
        self.library = library
        let maxEntry = Self.maxCachedTextBytes * 2 + Self.entryOverhead
        breakCache = ByteBoundedCache(budget: cacheBytes - cacheBytes / 2, maxEntryBytes: maxEntry)
        widthCache = ByteBoundedCache(budget: cacheBytes / 2, maxEntryBytes: maxEntry)
        _ = Self.emptyCurrentConfig
        guard let map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT) else {
            throw FontError(description: "pango: cannot create a font map")
        }
        // The library's configuration, its files read once per process (Pango takes a reference).
        pango_fc_font_map_set_config(OpaquePointer(map), library.fontConfig)
        // PDF user space is in points: 72 units per inch (Pango's default of 96 would scale every size by 4/3).
        pango_cairo_font_map_set_resolution(OpaquePointer(map), 72)
        fontMap = map
        measureContext = Self.makeContext(map)
        drawContext = Self.makeContext(map)
    }

    deinit {
        for d in descriptions.values { pango_font_description_free(d) }
        g_object_unref(UnsafeMutableRawPointer(measureContext))
        g_object_unref(UnsafeMutableRawPointer(drawContext))
        g_object_unref(UnsafeMutableRawPointer(fontMap))
    }

    private static func makeContext(_ map: UnsafeMutablePointer<PangoFontMap>) -> OpaquePointer {
        let context = pango_font_map_create_context(map)!
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        pango_cairo_context_set_font_options(context, options)
        cairo_font_options_destroy(options)
        // Whole-point glyph rounding would widen text by ~1.6 % against Times New Roman metrics.
        pango_context_set_round_glyph_positions(context, 0)
        pango_context_set_language(context, pango_language_from_string("vi"))
        return context
    }

    private func description(_ font: FontSpec) -> OpaquePointer {
        if let d = descriptions[font] { return d }
        let d = pango_font_description_new()!
        pango_font_description_set_family(d, library.family)
        pango_font_description_set_weight(d, font.face.isBold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_font_description_set_style(d, font.face.isItalic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL)
        pango_font_description_set_absolute_size(d, font.size * Double(PANGO_SCALE))
        descriptions[font] = d
        return d
    }

    private func makeLayout(_ context: OpaquePointer, _ text: String, _ font: FontSpec, keepTogether: [Range<Int>] = []) -> OpaquePointer {
        let layout = pango_layout_new(context)!
        pango_layout_set_font_description(layout, description(font))
        let attrs = pango_attr_list_new()
        // Never invent hyphens: every character in the PDF is one of the payload's.
        pango_attr_list_insert(attrs, pango_attr_insert_hyphens_new(0))
        for range in keepTogether {
            let a = pango_attr_allow_breaks_new(0)!
            a.pointee.start_index = guint(range.lowerBound)
            a.pointee.end_index = guint(range.upperBound)
            pango_attr_list_insert(attrs, a)
        }
        pango_layout_set_attributes(layout, attrs)
        pango_attr_list_unref(attrs)
        pango_layout_set_text(layout, text, -1)
        return layout
    }

    /// Ascent and descent of a font at a size.
    public func metrics(_ font: FontSpec) -> FontMetrics {
        if let m = metricsCache[font] { return m }
        let pm = pango_context_get_metrics(measureContext, description(font), pango_language_from_string("vi"))
        let m = FontMetrics(ascent: Double(pango_font_metrics_get_ascent(pm)) / Double(PANGO_SCALE),
                            descent: Double(pango_font_metrics_get_descent(pm)) / Double(PANGO_SCALE))
        pango_font_metrics_unref(pm)
        metricsCache[font] = m
        return m
    }

    /// The logical width of `text` set on one line.
    public func width(of text: String, font: FontSpec) -> Double {
        let key = WidthKey(text: text, font: font)
        if let w = widthCache.value(for: key) { return w }
        let layout = makeLayout(measureContext, text, font)
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        var w: Int32 = 0, h: Int32 = 0
        pango_layout_get_size(layout, &w, &h)
        let result = Double(w) / Double(PANGO_SCALE)
        let bytes = text.utf8.count
        if bytes <= Self.maxCachedTextBytes { widthCache.insert(result, for: key, cost: bytes + Self.entryOverhead) }
        return result
    }

    /// Widths of runs of words, read off one shaping: `span(i, j)` is the width of `words[i..<j]` joined by
    /// single spaces, as `width(of:)` would measure it. nil when the text does not shape as one left-to-right
    /// line (the caller then measures each run).
    ///
    /// Each word is measured where it stands in the whole text, except that the last word of a run is taken
    /// as measured alone: a kerning pair with the space after it (it moves the word's last glyph) is not
    /// there when the run ends a line. Balancing a centred block (PhraseBreaker) needs the width of every
    /// run of words that may fit a line: one shaping instead of one per run.
    public func wordSpans(_ words: [String], font: FontSpec) -> ((Int, Int) -> Double)? {
        guard !words.isEmpty else { return nil }
        let text = words.joined(separator: " ")
        let layout = makeLayout(measureContext, text, font)
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        guard pango_layout_get_line_count(layout) == 1, let line = pango_layout_get_line_readonly(layout, 0),
              line.pointee.resolved_dir == PANGO_DIRECTION_LTR.rawValue else { return nil }
        // Byte offset where each word starts; word m is bytes starts[m] ..< starts[m] + length(m), then a space.
        var starts: [Int] = []
        var offset = 0
        for w in words { starts.append(offset); offset += w.utf8.count + 1 }
        var inWord = [Int](repeating: 0, count: words.count)   // glyph widths of word m in context
        var after = [Int](repeating: 0, count: words.count)    // glyph widths of the space after word m
        var node = line.pointee.runs
        var m = 0
        while let r = node {
            node = r.pointee.next
            guard let run = r.pointee.data?.assumingMemoryBound(to: PangoGlyphItem.self),
                  let item = run.pointee.item, let glyphs = run.pointee.glyphs, item.pointee.analysis.level % 2 == 0 else { return nil }
            let itemOffset = Int(item.pointee.offset)
            for g in 0..<Int(glyphs.pointee.num_glyphs) {
                let b = itemOffset + Int(glyphs.pointee.log_clusters[g])
                while m + 1 < words.count && b >= starts[m + 1] { m += 1 }
                let w = Int(glyphs.pointee.glyphs[g].geometry.width)
                if b < starts[m] + words[m].utf8.count { inWord[m] += w } else { after[m] += w }
            }
        }
        // Prefix sums of (word + following space) in context.
        var prefix = [Int](repeating: 0, count: words.count + 1)
        for k in words.indices { prefix[k + 1] = prefix[k] + inWord[k] + after[k] }
        let scale = Double(PANGO_SCALE)
        var alone: [Int?] = Array(repeating: nil, count: words.count)
        return { i, j in
            let lastWord = j - 1
            let own: Int
            if let a = alone[lastWord] { own = a } else {
                own = Int((self.width(of: words[lastWord], font: font) * scale).rounded())
                alone[lastWord] = own
            }
            return Double(prefix[lastWord] - prefix[i] + own) / scale
        }
    }

    /// Breaks `text` into lines no wider than `width` (the first line of each paragraph `indent` narrower).
    ///
    /// Breaks follow Unicode line-breaking rules (UAX #14); a word longer than a line is broken
    /// between characters. Forced breaks ("\n") end a paragraph.
    public func breakLines(_ text: String, font: FontSpec, width: Double, indent: Double = 0) -> [BrokenLine] {
        if text.isEmpty { return [BrokenLine(text: "", width: 0, endsParagraph: true, startsParagraph: true)] }
        let key = BreakKey(text: text, font: font, width: width, indent: indent)
        if let cached = breakCache.value(for: key) { return cached }
        let lines = text.utf8.count > Self.chunkBytes
            ? shapeLongText(text, font: font, width: width, indent: indent)
            : shapeLines(text, font: font, width: width, indent: indent).map(\.line)
        let bytes = text.utf8.count
        if bytes <= Self.maxCachedTextBytes {
            let cost = lines.reduce(bytes + Self.entryOverhead) { $0 + $1.text.utf8.count + Self.lineOverhead }
            breakCache.insert(lines, for: key, cost: cost)
        }
        return lines
    }

    /// Text longer than this many UTF-8 bytes is broken piece by piece.
    static let chunkBytes = 8_192

    /// Breaks a long text a piece at a time: each piece is broken, every line but its last is kept, and
    /// the next piece starts where that last line started, so the breaks are those of the whole text.
    ///
    /// Pango keeps the width of a paragraph's unbroken run in 32-bit Pango units: past about two million
    /// points of text (≈ 150,000 characters) it overflows and Pango returns one unwrapped line, which
    /// drew 4 of 18,000 words of a long paragraph (issue 15, silent-loss-wide-paragraph). Pieces of
    /// 8 KB stay far below that, and cost the same as one layout.
    private func shapeLongText(_ text: String, font: FontSpec, width: Double, indent: Double) -> [BrokenLine] {
        let utf8 = Array(text.utf8)
        var out: [BrokenLine] = []
        var start = 0
        var startsParagraph = true
        while start < utf8.count {
            var end = min(utf8.count, start + Self.chunkBytes)
            if end < utf8.count {
                // End the piece after a space (or at least on a character boundary).
                var e = end
                while e > start + Self.chunkBytes / 2, utf8[e - 1] != 0x20 { e -= 1 }
                if utf8[e - 1] != 0x20 { e = end; while e > start + 1, utf8[e] & 0xC0 == 0x80 { e -= 1 } }
                end = e
            }
            let piece = String(decoding: utf8[start..<end], as: UTF8.self)
            var lines = shapeLines(piece, font: font, width: width, indent: startsParagraph ? indent : 0)
            if !lines.isEmpty { lines[0].line.startsParagraph = startsParagraph }
            if end == utf8.count || lines.count < 2 {
                out += lines.map(\.line)
                if end == utf8.count { break }
                start = end
                startsParagraph = false
                continue
            }
            let last = lines.removeLast()
            out += lines.map(\.line)
            start += last.start
            startsParagraph = last.line.startsParagraph
        }
        return out
    }

    /// Lines of one Pango layout, with the byte offset in `text` where each starts.
    private func shapeLines(_ text: String, font: FontSpec, width: Double, indent: Double) -> [(line: BrokenLine, start: Int)] {
        brokenBytes += text.utf8.count
        let layout = makeLayout(measureContext, text, font,
                                keepTogether: referenceTokens(text, font: font, width: width - abs(indent)) + spacedDashes(text))
        let owner = KeptLayout(layout, textBytes: text.utf8.count)
        pango_layout_set_width(layout, Int32((max(width, 1) * Double(PANGO_SCALE)).rounded(.down)))
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        pango_layout_set_indent(layout, Int32((indent * Double(PANGO_SCALE)).rounded()))
        let utf8 = Array(text.utf8)
        var lines: [(line: BrokenLine, start: Int)] = []
        // Walk the layout's own list of lines: `pango_layout_get_line_readonly(i)` walks the list from its
        // head each time, and `pango_layout_line_index_to_x` counts characters from the start of the text,
        // which made a paragraph of n lines cost O(n²) (issue 15: an 8 KB cell took 11 s).
        var node = pango_layout_get_lines_readonly(layout)
        while let current = node {
            node = current.pointee.next
            guard let line = current.pointee.data?.assumingMemoryBound(to: PangoLayoutLine.self) else { continue }
            let start = Int(line.pointee.start_index)
            var end = start + Int(line.pointee.length)
            // Drop the break space(s) and the paragraph separator from the drawn text.
            while end > start, [0x20, 0x0A, 0x0D].contains(utf8[end - 1]) { end -= 1 }
            let lineText = String(decoding: utf8[start..<end], as: UTF8.self)
            keep(lineText, font: font, owner: owner, line: line, end: end)
            let nextLine = node?.pointee.data?.assumingMemoryBound(to: PangoLayoutLine.self)
            let endsParagraph = nextLine == nil || nextLine!.pointee.is_paragraph_start != 0
            lines.append((BrokenLine(text: lineText, width: Double(Self.shapedWidth(line, before: end)) / Double(PANGO_SCALE),
                                     endsParagraph: endsParagraph, startsParagraph: line.pointee.is_paragraph_start != 0), start))
        }
        return lines
    }

    /// The advance width, in Pango units, of the glyphs of a shaped line whose text starts before byte
    /// `end` (the kept text without its break space): read off the glyphs already shaped.
    private static func shapedWidth(_ line: UnsafeMutablePointer<PangoLayoutLine>, before end: Int) -> Int {
        var width = 0
        var run = line.pointee.runs
        while let r = run {
            run = r.pointee.next
            guard let glyphItem = r.pointee.data?.assumingMemoryBound(to: PangoGlyphItem.self),
                  let item = glyphItem.pointee.item, let glyphs = glyphItem.pointee.glyphs else { continue }
            let offset = Int(item.pointee.offset)
            for g in 0..<Int(glyphs.pointee.num_glyphs) where offset + Int(glyphs.pointee.log_clusters[g]) < end {
                width += Int(glyphs.pointee.glyphs[g].geometry.width)
            }
        }
        return width
    }

    /// Byte ranges "word -" of a spaced hyphen or dash in running text ("kinh tế - xã hội"): the dash stays on
    /// the line of the word before it, so no line starts with "- " and reads as a list item. Only line breaking
    /// changes; the text, its spaces included, is drawn and extracted as given.
    func spacedDashes(_ text: String) -> [Range<Int>] {
        // " -", " –" (E2 80 93) or " —" (E2 80 94) somewhere: found on the bytes, without Foundation.
        guard text.utf8.contains(0x2D) || text.utf8.contains(0xE2) else { return [] }
        let utf8 = Array(text.utf8)
        var ranges: [Range<Int>] = []
        var i = 1
        while i < utf8.count {
            // " -" or " –" (E2 80 93) or " —" (E2 80 94), followed by a space or the end.
            if utf8[i - 1] == 0x20 {
                var dashEnd: Int? = nil
                if utf8[i] == 0x2D { dashEnd = i + 1 }
                else if utf8[i] == 0xE2, i + 2 < utf8.count, utf8[i + 1] == 0x80, utf8[i + 2] == 0x93 || utf8[i + 2] == 0x94 { dashEnd = i + 3 }
                if let end = dashEnd, end == utf8.count || utf8[end] == 0x20, i >= 2, utf8[i - 2] != 0x20 {
                    // From the last character of the word before (so the space itself is inside the range) to the dash's end.
                    var start = i - 2
                    while start > 0, utf8[start] & 0xC0 == 0x80 { start -= 1 }
                    ranges.append(start..<end)
                    i = end
                    continue
                }
            }
            i += 1
        }
        return ranges
    }

    /// Byte ranges of words that must not break inside: document numbers and symbols ("30/2020/NĐ-CP",
    /// "KH-UBND"), dates ("25/12/2017") and addresses ("http://dic.gov.vn"). Unicode line breaking allows a
    /// break after "/" and "-", which splits them across lines; a word too long for a line is left breakable
    /// so it can never cross the margin.
    func referenceTokens(_ text: String, font: FontSpec, width: Double) -> [Range<Int>] {
        // Byte searches (the line-break cache key path runs for every paragraph): "/" and "-" are ASCII.
        guard text.utf8.contains(where: { $0 == 0x2F || $0 == 0x2D }) else { return [] }
        var ranges: [Range<Int>] = []
        var offset = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let length = word.utf8.count
            defer { offset += length + 1 }
            let inner = word.dropFirst().dropLast()
            guard inner.utf8.contains(where: { $0 == 0x2F || $0 == 0x2D }) || Self.hasScheme(word.utf8) else { continue }
            guard word.count > 2, self.width(of: String(word), font: font) <= width * 0.9 else { continue }
            ranges.append(offset..<offset + length)
        }
        return ranges
    }

    /// Keeps a shaped line for drawing `text`, when its glyphs can be drawn as they are: they end where the
    /// text ends (only a wrapped line's break space, zero-width, follows in the last run).
    private func keep(_ text: String, font: FontSpec, owner: KeptLayout, line: UnsafeMutablePointer<PangoLayoutLine>, end: Int) {
        let key = WidthKey(text: text, font: font)
        guard !text.isEmpty, keptLines[key] == nil, line.pointee.resolved_dir == PANGO_DIRECTION_LTR.rawValue else { return }
        var node = line.pointee.runs
        var glyphsAfterEnd = 0
        var runs = 0
        while let r = node {
            node = r.pointee.next
            guard let run = r.pointee.data?.assumingMemoryBound(to: PangoGlyphItem.self),
                  let item = run.pointee.item, let glyphs = run.pointee.glyphs else { return }
            runs += 1
            if item.pointee.analysis.level % 2 != 0 { return }
            let offset = Int(item.pointee.offset)
            for g in 0..<Int(glyphs.pointee.num_glyphs) {
                if offset + Int(glyphs.pointee.log_clusters[g]) >= end { glyphsAfterEnd += 1 }
                else if glyphsAfterEnd > 0 { return }
            }
            if node == nil {
                // Only the last run may hold glyphs past the end, and it must keep at least one.
                if glyphsAfterEnd >= Int(glyphs.pointee.num_glyphs) { return }
            } else if glyphsAfterEnd > 0 { return }
        }
        guard runs > 0, let lastRun = lastRunOf(line), let lastItem = lastRun.pointee.item, let lastGlyphs = lastRun.pointee.glyphs else { return }
        // A line wrapped at a space was shaped with that space after it: a kerning pair with the space moved
        // its last glyph. Alone on a line the text has no space after it, so the last glyph takes the
        // difference between its last word measured alone and in place (kerning moves the first glyph of a pair).
        var lastGlyphFix: Int32 = 0
        var lastIndex = Int(lastGlyphs.pointee.num_glyphs) - glyphsAfterEnd - 1
        if glyphsAfterEnd > 0 {
            let utf8 = text.utf8
            let lineStart = end - utf8.count
            let wordStart = lineStart + (utf8.lastIndex(of: 0x20).map { utf8.distance(from: utf8.startIndex, to: $0) + 1 } ?? 0)
            let itemOffset = Int(lastItem.pointee.offset)
            guard wordStart >= itemOffset else { return }
            var inPlace = 0
            for g in 0...lastIndex where itemOffset + Int(lastGlyphs.pointee.log_clusters[g]) >= wordStart {
                inPlace += Int(lastGlyphs.pointee.glyphs[g].geometry.width)
            }
            let word = String(decoding: Array(utf8)[(wordStart - lineStart)...], as: UTF8.self)
            let alone = Int((width(of: word, font: font) * Double(PANGO_SCALE)).rounded())
            lastGlyphFix = Int32(alone - inPlace)
        } else {
            lastIndex = Int(lastGlyphs.pointee.num_glyphs) - 1
        }
        var logical = PangoRectangle()
        pango_layout_line_get_extents(line, nil, &logical)
        let cost = keptOwners.contains(ObjectIdentifier(owner)) ? 0 : owner.textBytes * Self.bytesPerCharacter
        if keptLines.count >= 4_096 || keptBytes + cost > Self.keptBudget {
            keptLines.removeAll(keepingCapacity: true)
            keptOwners.removeAll(keepingCapacity: true)
            keptBytes = 0
        }
        if keptOwners.insert(ObjectIdentifier(owner)).inserted { keptBytes += owner.textBytes * Self.bytesPerCharacter }
        keptLines[key] = KeptLine(owner: owner, line: line, end: end, ascent: -logical.y, lastGlyph: lastIndex, lastGlyphFix: lastGlyphFix,
                                  used: generation)
    }

    private func lastRunOf(_ line: UnsafeMutablePointer<PangoLayoutLine>) -> UnsafeMutablePointer<PangoGlyphItem>? {
        var node = line.pointee.runs
        var last: UnsafeMutablePointer<PangoGlyphItem>? = nil
        while let r = node { node = r.pointee.next; last = r.pointee.data?.assumingMemoryBound(to: PangoGlyphItem.self) }
        return last
    }

    /// A kept line for `text`, shaping it on one line now when none is kept.
    private func keptLine(_ text: String, font: FontSpec) -> KeptLine? {
        let key = WidthKey(text: text, font: font)
        if let i = keptLines.index(forKey: key) {
            keptLines.values[i].used = generation
            return keptLines.values[i]
        }
        let layout = makeLayout(measureContext, text, font)
        let owner = KeptLayout(layout, textBytes: text.utf8.count)
        // Text with a forced break draws as several lines: the general path does that.
        guard pango_layout_get_line_count(layout) == 1, let line = pango_layout_get_line_readonly(layout, 0) else { return nil }
        keep(text, font: font, owner: owner, line: line, end: text.utf8.count)
        return keptLines[key]
    }

    /// Draws a kept line exactly as a one-line layout of its text would be drawn (same glyphs, same
    /// positions, same justification), without itemizing, shaping or breaking it again. Returns false
    /// when the line needs the general path.
    private func drawKept(_ text: String, font: FontSpec, x: Double, baseline: Double, justifyWidth: Double?,
                          on cairo: OpaquePointer) -> Bool {
        guard let kept = keptLine(text, font: font) else { return false }
        let line = kept.line
        // The runs and, in the last, the glyphs of the text (not of the break space after it).
        var runs: [UnsafeMutablePointer<PangoGlyphItem>] = []
        var node = line.pointee.runs
        while let r = node {
            node = r.pointee.next
            runs.append(r.pointee.data!.assumingMemoryBound(to: PangoGlyphItem.self))
        }
        let last = runs[runs.count - 1]
        let lastItem = last.pointee.item!, lastGlyphs = last.pointee.glyphs!
        let lastOffset = Int(lastItem.pointee.offset)
        let drawnGlyphs = kept.lastGlyph + 1
        let savedLastWidth = lastGlyphs.pointee.glyphs[kept.lastGlyph].geometry.width
        lastGlyphs.pointee.glyphs[kept.lastGlyph].geometry.width += kept.lastGlyphFix
        defer { lastGlyphs.pointee.glyphs[kept.lastGlyph].geometry.width = savedLastWidth }
        let layoutText = pango_layout_get_text(kept.owner.layout)!
        let savedLength = lastItem.pointee.length, savedChars = lastItem.pointee.num_chars
        let savedGlyphs = lastGlyphs.pointee.num_glyphs
        var droppedChars: Int32 = 0
        for b in kept.end..<max(kept.end, lastOffset + Int(savedLength)) where UInt8(bitPattern: layoutText[b]) & 0xC0 != 0x80 { droppedChars += 1 }

        // Justification, as Pango does it for a one-line layout of `width` with justify_last_line.
        var adjusted: [(glyphs: UnsafeMutablePointer<PangoGlyphString>, index: Int, width: PangoGlyphUnit)] = []
        if let justifyWidth, text.utf8.contains(0x20) {
            let lineWidth = Int((justifyWidth * Double(PANGO_SCALE)).rounded(.down))
            var natural = 0
            for (k, run) in runs.enumerated() {
                let glyphs = run.pointee.glyphs!
                let count = k == runs.count - 1 ? drawnGlyphs : Int(glyphs.pointee.num_glyphs)
                for g in 0..<count { natural += Int(glyphs.pointee.glyphs[g].geometry.width) }
            }
            if natural <= lineWidth {
                // More than one run: Pango may break between items differently; leave it to Pango.
                guard runs.count == 1 else { return false }
                let remaining = lineWidth - natural
                if remaining > 0 {
                    let hinted = remaining & (Int(PANGO_SCALE) - 1) == 0
                    var spaces: [(glyphs: UnsafeMutablePointer<PangoGlyphString>, index: Int)] = []
                    var totalSpace = 0
                    for (k, run) in runs.enumerated() {
                        let glyphs = run.pointee.glyphs!, offset = Int(run.pointee.item!.pointee.offset)
                        let count = k == runs.count - 1 ? drawnGlyphs : Int(glyphs.pointee.num_glyphs)
                        for g in 0..<count {
                            // Each glyph of a cluster that starts with an expandable space (U+0020 or U+00A0).
                            let b = offset + Int(glyphs.pointee.log_clusters[g])
                            let c0 = UInt8(bitPattern: layoutText[b])
                            let expandable = c0 == 0x20 || (c0 == 0xC2 && UInt8(bitPattern: layoutText[b + 1]) == 0xA0)
                            let w = Int(glyphs.pointee.glyphs[g].geometry.width)
                            if expandable && w != 0 { spaces.append((glyphs, g)); totalSpace += w }
                        }
                    }
                    // No space to stretch: Pango spreads letters instead (not done here).
                    guard totalSpace > 0 else { return false }
                    var soFar = 0, added = 0
                    for (glyphs, g) in spaces {
                        let w = glyphs.pointee.glyphs[g].geometry.width
                        soFar += Int(w)
                        var adjustment = Int((UInt64(soFar) * UInt64(remaining)) / UInt64(totalSpace)) - added
                        if hinted { adjustment = (adjustment + Int(PANGO_SCALE >> 1)) & ~(Int(PANGO_SCALE) - 1) }
                        adjusted.append((glyphs, g, w))
                        glyphs.pointee.glyphs[g].geometry.width = w + PangoGlyphUnit(adjustment)
                        added += adjustment
                    }
                }
            }
        }
        // Draw at the same points as the one-line layout: the current point at the line box's top, and the
        // baseline added in Pango units by the renderer (through the run's vertical offset).
        var savedOffsets: [Int32] = []
        for run in runs { savedOffsets.append(run.pointee.y_offset); run.pointee.y_offset = -kept.ascent }
        lastGlyphs.pointee.num_glyphs = Int32(drawnGlyphs)
        lastItem.pointee.length = Int32(kept.end - lastOffset)
        lastItem.pointee.num_chars = savedChars - droppedChars
        let top = Double(kept.ascent) / Double(PANGO_SCALE)
        cairo_move_to(cairo, x, baseline - top)
        pango_cairo_show_layout_line(cairo, line)
        lastGlyphs.pointee.num_glyphs = savedGlyphs
        lastItem.pointee.length = savedLength
        lastItem.pointee.num_chars = savedChars
        for (run, offset) in zip(runs, savedOffsets) { run.pointee.y_offset = offset }
        for (glyphs, g, w) in adjusted { glyphs.pointee.glyphs[g].geometry.width = w }
        return true
    }

    /// Whether the bytes hold "://".
    private static func hasScheme(_ bytes: Substring.UTF8View) -> Bool {
        var run = 0
        for b in bytes {
            if b == 0x3A { run = 1 } else if b == 0x2F && run > 0 { run += 1; if run == 3 { return true } } else { run = 0 }
        }
        return false
    }

    /// Draws one line of text with its baseline at (x, baseline) in the current user space of `cairo`.
    ///
    /// With `justifyWidth`, inter-word spaces are stretched so the line fills exactly that width
    /// (Pango's justification, which keeps the space characters in the text layer).
    public func draw(_ text: String, font: FontSpec, x: Double, baseline: Double, justifyWidth: Double?,
                     on cairo: OpaquePointer) {
        if boundCairo != cairo {
            pango_cairo_update_context(cairo, drawContext)
            boundCairo = cairo
            boundIsPDF = cairo_surface_get_type(cairo_get_target(cairo)) == CAIRO_SURFACE_TYPE_PDF
        }
        if boundIsPDF, drawKept(text, font: font, x: x, baseline: baseline, justifyWidth: justifyWidth, on: cairo) { return }
        let layout = makeLayout(drawContext, text, font)
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        if let justifyWidth, text.contains(" ") {
            // A hair of slack so rounding can never push the last word onto a second line.
            pango_layout_set_width(layout, Int32((justifyWidth * Double(PANGO_SCALE)).rounded(.down)))
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
            pango_layout_set_justify(layout, 1)
            pango_layout_set_justify_last_line(layout, 1)
            if pango_layout_get_line_count(layout) > 1 {
                pango_layout_set_width(layout, -1)
                pango_layout_set_justify(layout, 0)
            }
        }
        let top = Double(pango_layout_get_baseline(layout)) / Double(PANGO_SCALE)
        cairo_move_to(cairo, x, baseline - top)
        pango_cairo_show_layout(cairo, layout)
    }
}

/// Whether two strings have the same UTF-8 bytes (no Unicode normalisation).
private func sameBytes(_ a: String, _ b: String) -> Bool {
    guard a.utf8.count == b.utf8.count else { return false }
    var a = a, b = b
    return a.withUTF8 { x in b.withUTF8 { y in x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 } }
}

/// Feeds a string's UTF-8 bytes to a hasher (no Unicode normalisation).
private func hashBytes(_ s: String, into h: inout Hasher) {
    var s = s
    s.withUTF8 { h.combine(bytes: UnsafeRawBufferPointer($0)) }
}
