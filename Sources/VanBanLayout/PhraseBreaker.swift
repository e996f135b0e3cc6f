import Foundation

/// Chooses where a short centred block (agency name, V/v subject, titles) breaks, the way a clerk
/// would: lines of even length, breaks after a comma or before a linking word ("và", "của", "về",
/// "tại", "theo"), never inside a known two-syllable word ("TRUYỀN / THÔNG", "quy / định") nor
/// before a number ("Điều / 22"), and no line holding a single word.
///
/// Costs are in "points of badness": the squared slack of each line as a percentage of the width,
/// plus the penalties of `LineBreakSpec` (Layouts/*.json, `line_breaks`).
struct PhraseBreaker {
    let spec: LineBreakSpec
    private let before: Set<String>
    private let pairs: Set<String>

    init(spec: LineBreakSpec) {
        self.spec = spec
        (before, pairs) = Self.lowered(spec)
    }

    /// The lowered word sets of the last few `line_breaks` seen: every document's composer makes a
    /// breaker, and lowering a layout's hundreds of `keep_together` entries each time cost 0.7 M
    /// instructions a document (#14). Lists read from the same cached layout share their storage,
    /// so the check that they are the same lists is immediate.
    private static let recent = NSLock()
    nonisolated(unsafe) private static var recentSets: [(before: [String], pairs: [String], sets: (Set<String>, Set<String>))] = []

    private static func lowered(_ spec: LineBreakSpec) -> (Set<String>, Set<String>) {
        recent.lock(); defer { recent.unlock() }
        if let hit = recentSets.first(where: { $0.before == spec.breakBefore && $0.pairs == spec.keepTogether }) { return hit.sets }
        let sets = (Set(spec.breakBefore.map { $0.lowercased() }), Set(spec.keepTogether.map { $0.lowercased() }))
        if recentSets.count >= 4 { recentSets.removeFirst() }
        recentSets.append((spec.breakBefore, spec.keepTogether, sets))
        return sets
    }

    /// The best grouping of the words of `text` into `count` lines no wider than `width`, or into one
    /// line more when that avoids a bad break (each extra line costs `extraLinePenalty`); nil when no
    /// grouping exists (a word wider than the line: Pango breaks it instead).
    ///
    /// `spans`, when given, measures runs of words from one shaping of the words (`Typesetter.wordSpans`);
    /// without it (or when it returns nil) each run is joined and measured.
    func lines(_ text: String, count: Int, width: Double, measure: (String) -> Double,
               spans: (([String]) -> ((Int, Int) -> Double)?)? = nil) -> [String]? {
        let words = text.split(separator: " ").map(String.init)
        guard count >= 2, words.count >= count, words.count <= 80 else { return nil }
        let span = spans?(words)
        let penalties = [0] + (1..<words.count).map { breakPenalty(words, at: $0) }
        let fewest = grouping(words, count: count, width: width, measure: measure, span: span, penalties: penalties)
        let more = grouping(words, count: count + 1, width: width, measure: measure, span: span, penalties: penalties)
        switch (fewest, more) {
        case let (a?, b?): return b.cost + spec.extraLinePenalty < a.cost ? b.lines : a.lines
        case let (a?, nil): return a.lines
        case let (nil, b?): return b.lines
        default: return nil
        }
    }

    /// The words of `text` grouped into exactly `count` lines no wider than `width`, with the cost.
    func grouping(_ text: String, count: Int, width: Double, measure: (String) -> Double) -> (lines: [String], cost: Double)? {
        let words = text.split(separator: " ").map(String.init)
        guard count >= 2, words.count >= count, words.count <= 80 else { return nil }
        return grouping(words, count: count, width: width, measure: measure, span: nil,
                        penalties: [0] + (1..<words.count).map { breakPenalty(words, at: $0) })
    }

    /// `penalties[i]`: the cost of breaking before `words[i]` (`breakPenalty`), computed once for both groupings.
    private func grouping(_ words: [String], count: Int, width: Double, measure: (String) -> Double,
                          span: ((Int, Int) -> Double)?, penalties: [Double]) -> (lines: [String], cost: Double)? {
        let n = words.count
        guard count >= 2, n >= count, n <= 80 else { return nil }
        // widths[i][j]: words i..<j on one line.
        var widthCache: [Int: Double] = [:]
        func w(_ i: Int, _ j: Int) -> Double {
            if let span { return span(i, j) }
            let key = i * 128 + j
            if let v = widthCache[key] { return v }
            let v = measure(words[i..<j].joined(separator: " "))
            widthCache[key] = v
            return v
        }
        // best[k][j]: least cost of setting words 0..<j on k lines; from[k][j]: where line k starts.
        let inf = Double.infinity
        var best = Array(repeating: Array(repeating: inf, count: n + 1), count: count + 1)
        var from = Array(repeating: Array(repeating: 0, count: n + 1), count: count + 1)
        best[0][0] = 0
        for k in 1...count {
            for j in k...n {
                for i in (k - 1)..<j where best[k - 1][i] < inf {
                    let lw = w(i, j)
                    if lw > width { continue }
                    let slack = (width - lw) / width * 100
                    var c = best[k - 1][i] + slack * slack / 100
                    if j - i == 1 && n > count { c += spec.singleWordPenalty }
                    if i > 0 { c += penalties[i] }
                    if c < best[k][j] { best[k][j] = c; from[k][j] = i }
                }
            }
        }
        guard best[count][n] < inf else { return nil }
        let cost = best[count][n]
        var out: [String] = []
        var j = n
        for k in stride(from: count, to: 0, by: -1) {
            let i = from[k][j]
            out.insert(words[i..<j].joined(separator: " "), at: 0)
            j = i
        }
        return (out, cost)
    }

    /// The cost of breaking before `words[i]`.
    func breakPenalty(_ words: [String], at i: Int) -> Double {
        let previous = words[i - 1], next = words[i]
        if let end = previous.last, spec.breakAfter.contains(String(end)) { return 0 }
        if pairs.contains((previous + " " + next).lowercased()) { return spec.insideWordPenalty }
        if next.first?.isNumber == true { return spec.beforeNumberPenalty }
        if before.contains(next.lowercased()) { return 0 }
        return spec.otherBreakPenalty
    }
}
