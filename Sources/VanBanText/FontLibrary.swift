import CPangoCairo
import Foundation
import VanBanModel

/// The four faces of the bundled family, used by the layout and every face style.
public enum FontFace: String, Sendable, CaseIterable, Hashable {
    case regular, bold, italic, boldItalic

    public init(bold: Bool, italic: Bool) {
        switch (bold, italic) {
        case (false, false): self = .regular
        case (true, false): self = .bold
        case (false, true): self = .italic
        case (true, true): self = .boldItalic
        }
    }

    public var isBold: Bool { self == .bold || self == .boldItalic }
    /// Its place in `allCases`, 0–3.
    var index: Int {
        switch self {
        case .regular: 0
        case .bold: 1
        case .italic: 2
        case .boldItalic: 3
        }
    }
    public var isItalic: Bool { self == .italic || self == .boldItalic }
}

/// A face at a size, in points.
public struct FontSpec: Sendable, Hashable, CustomStringConvertible {
    public var face: FontFace
    public var size: Double
    public init(_ face: FontFace = .regular, _ size: Double) { self.face = face; self.size = size }
    public var description: String { "\(face.rawValue) \(size)pt" }
}

public struct FontError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

/// The bundled fonts of `Fonts/`: their fontconfig configuration and which characters all four
/// faces can draw.
///
/// Loading it reads each file once, into a private fontconfig configuration holding only the family's
/// faces, so output never depends on the machine's fonts. Every `Typesetter` (one per thread, each with
/// its own Pango font map) is given that configuration: fontconfig only reads it once it is built, as
/// Pango's own matching threads do; no typesetter reads the files again (#14).
public struct FontLibrary: Sendable {
    public let family: String
    /// The font files holding the family's faces, sorted.
    public let files: [String]
    /// Characters every face of the family has a glyph for (the set a payload may use).
    private let coverage: Coverage
    private let configuration: Configuration

    /// A set of code points: a bitmap of the Basic Multilingual Plane (fontconfig's own 256-character
    /// pages are copied in whole words) and the rest (a handful, when any) in ascending order.
    struct Coverage: Sendable, Equatable {
        var bmp = [UInt32](repeating: 0, count: 0x10000 / 32)
        /// Code points above U+FFFF, ascending, each once (fontconfig lists them in order).
        var other: [UInt32] = []

        func contains(_ c: UInt32) -> Bool {
            if c < 0x10000 { return bmp[Int(c >> 5)] & (1 << (c & 31)) != 0 }
            var low = 0, high = other.count
            while low < high {
                let mid = (low + high) / 2
                if other[mid] < c { low = mid + 1 } else { high = mid }
            }
            return low < other.count && other[low] == c
        }

        func intersection(_ o: Coverage) -> Coverage {
            var r = Coverage()
            for i in bmp.indices { r.bmp[i] = bmp[i] & o.bmp[i] }
            r.other = other.filter { o.contains($0) }
            return r
        }
    }

    /// An `FcConfig` (one reference, released with the last copy of the library), never changed once built.
    private final class Configuration: @unchecked Sendable {
        let config: OpaquePointer
        init(_ config: OpaquePointer) { self.config = config }
        deinit { FcConfigDestroy(config) }

        /// A new configuration with `files` as its application fonts (`FcConfigAppFontAddFile`, every face);
        /// a file fontconfig cannot read as a font adds nothing.
        convenience init(adding files: [String]) throws(FontError) {
            guard let config = FcConfigCreate() else { throw FontError(description: "fontconfig: cannot create a configuration") }
            self.init(config)
            for file in files { _ = FcConfigAppFontAddFile(config, Array(file.utf8CString).map { UInt8(bitPattern: $0) }) }
        }

        /// The faces the configuration holds, by the file they came from (`FC_FILE`).
        func facesByFile() -> [String: [FaceInfo]] {
            var out: [String: [FaceInfo]] = [:]
            guard let set = FcConfigGetFonts(config, FcSetApplication) else { return out }
            for i in 0..<Int(set.pointee.nfont) {
                guard let pattern = set.pointee.fonts[i] else { continue }
                var pathPtr: UnsafeMutablePointer<FcChar8>?
                guard FcPatternGetString(pattern, FC_FILE, 0, &pathPtr) == FcResultMatch, let pathPtr,
                      let info = FontLibrary.describe(pattern) else { continue }
                out[String(cString: pathPtr), default: []].append(info)
            }
            return out
        }
    }

    /// The fontconfig configuration holding the family's faces, for `pango_fc_font_map_set_config`
    /// (which takes its own reference). Read-only: do not add fonts to it.
    var fontConfig: OpaquePointer { configuration.config }

    /// How many faces the configuration holds (every face of `files`, nothing else).
    var faceCount: Int { FcConfigGetFonts(configuration.config, FcSetApplication).map { Int($0.pointee.nfont) } ?? 0 }

    /// Loads every `.ttf`/`.otf` below `directory` (a symbolic link to a folder is followed) whose family
    /// is `family`, every face of each file (a collection may hold several).
    /// - Throws: `FontError` when the folder is missing, fontconfig fails, or a face of the family
    ///   (regular, bold, italic, bold italic) is not found.
    public static func load(directory: String, family: String = "Liberation Serif") throws(FontError) -> FontLibrary {
        guard FileFacts(path: directory)?.isFolder == true else {
            throw FontError(description: "font directory \(directory) not found")
        }
        let candidates = fontFiles(under: directory).sorted()
        if candidates.isEmpty {
            throw FontError(description: "no .ttf or .otf files in \(directory) (its sub-folders are searched; symbolic links to folders are not followed)")
        }
        var configuration = try Configuration(adding: candidates)
        let facesByFile = configuration.facesByFile()
        var found = [Coverage?](repeating: nil, count: FontFace.allCases.count)  // by `FontFace.index`
        var matched: [String] = []
        var others = false
        for file in candidates {
            var any = false
            for info in facesByFile[file] ?? [] {
                guard info.family == family else { others = true; continue }
                found[FontFace(bold: info.weight >= 150, italic: info.slant != 0).index] = info.coverage
                any = true
            }
            if any { matched.append(file) }
        }
        let missing = FontFace.allCases.filter { found[$0.index] == nil }
        if !missing.isEmpty {
            throw FontError(description: "font family \"\(family)\" in \(directory) lacks the face(s): "
                + missing.map(\.rawValue).joined(separator: ", "))
        }
        // Other families in the folder: the configuration holds only this one's files (they are read again).
        if others { configuration = try Configuration(adding: matched) }
        let coverage = found.compactMap { $0 }.dropFirst().reduce(found[0]!) { $0.intersection($1) }
        return FontLibrary(family: family, files: matched, coverage: coverage, configuration: configuration)
    }

    /// The `.ttf` and `.otf` files below `directory`, in its sub-folders too (not through symbolic
    /// links to folders, which could loop); hidden names are left out.
    static func fontFiles(under directory: String) -> [String] {
        var out: [String] = []
        for name in FileFacts.names(in: directory) where !name.hasPrefix(".") {
            let path = directory + "/" + name
            if name.hasSuffix(".ttf") || name.hasSuffix(".otf") {
                if FileFacts(path: path)?.isRegularFile == true { out.append(path) }
            } else if FileFacts.isRealFolder(path) {
                out += fontFiles(under: path)
            }
        }
        return out
    }

    /// Whether every face can draw `scalar`. Line breaks and spaces are always fine.
    public func canDraw(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || coverage.contains(scalar.value)
    }

    /// The first character of `text` the fonts cannot draw, if any.
    public func firstMissing(in text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first { !canDraw($0) }
    }

    fileprivate struct FaceInfo { var family: String; var weight: Int32; var slant: Int32; var coverage: Coverage }

    fileprivate static func describe(_ pattern: OpaquePointer) -> FaceInfo? {
        var familyPtr: UnsafeMutablePointer<FcChar8>?
        guard FcPatternGetString(pattern, FC_FAMILY, 0, &familyPtr) == FcResultMatch, let familyPtr else { return nil }
        let family = String(cString: familyPtr)
        var weight: Int32 = 80, slant: Int32 = 0
        _ = FcPatternGetInteger(pattern, FC_WEIGHT, 0, &weight)
        _ = FcPatternGetInteger(pattern, FC_SLANT, 0, &slant)
        var charset: OpaquePointer?
        guard FcPatternGetCharSet(pattern, FC_CHARSET, 0, &charset) == FcResultMatch, let charset else { return nil }
        var coverage = Coverage()
        var map = [FcChar32](repeating: 0, count: Int(FC_CHARSET_MAP_SIZE))
        var next: FcChar32 = 0
        var base = FcCharSetFirstPage(charset, &map, &next)
        while base != FcChar32.max {
            for (wordIndex, word) in map.enumerated() where word != 0 {
                let first = base + FcChar32(wordIndex * 32)
                if first < 0x10000 {
                    coverage.bmp[Int(first >> 5)] |= word
                } else {
                    for bit in 0..<32 where word & (1 << bit) != 0 { coverage.other.append(first + FcChar32(bit)) }
                }
            }
            base = FcCharSetNextPage(charset, &map, &next)
        }
        return FaceInfo(family: family, weight: weight, slant: slant, coverage: coverage)
    }
}
