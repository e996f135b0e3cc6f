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

/// The bundled fonts of `Fonts/`: their files and which characters all four faces can draw.
///
/// Loading it reads the files once; every `Typesetter` (one per thread) builds its private
/// fontconfig configuration from these paths, so output never depends on the machine's fonts.
public struct FontLibrary: Sendable {
    public let family: String
    public let files: [String]
    /// Characters every face of the family has a glyph for (the set a payload may use).
    private let coverage: Coverage

    /// A set of code points: a bitmap of the Basic Multilingual Plane (fontconfig's own 256-character
    /// pages are copied in whole words) and a set for the rest (a handful, when any).
    struct Coverage: Sendable, Equatable {
        var bmp = [UInt32](repeating: 0, count: 0x10000 / 32)
        var other = Set<UInt32>()

        func contains(_ c: UInt32) -> Bool {
            c < 0x10000 ? bmp[Int(c >> 5)] & (1 << (c & 31)) != 0 : other.contains(c)
        }

        func intersection(_ o: Coverage) -> Coverage {
            var r = Coverage()
            for i in bmp.indices { r.bmp[i] = bmp[i] & o.bmp[i] }
            r.other = other.intersection(o.other)
            return r
        }
    }

    /// Loads every `.ttf`/`.otf` below `directory` whose family is `family`.
    public static func load(directory: String, family: String = "Liberation Serif") throws(FontError) -> FontLibrary {
        // `Fonts/` may be a symbolic link to the folder holding them.
        let directory = (directory as NSString).resolvingSymlinksInPath
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else {
            throw FontError(description: "font directory \(directory) not found")
        }
        var files: [String] = []
        for case let rel as String in enumerator where rel.hasSuffix(".ttf") || rel.hasSuffix(".otf") {
            files.append((directory as NSString).appendingPathComponent(rel))
        }
        files.sort()
        var faces: [FontFace: Coverage] = [:]
        var matched: [String] = []
        for file in files {
            guard let info = query(file), info.family == family else { continue }
            let face = FontFace(bold: info.weight >= 150, italic: info.slant != 0)
            faces[face] = info.coverage
            matched.append(file)
        }
        let missing = FontFace.allCases.filter { faces[$0] == nil }
        if !missing.isEmpty {
            throw FontError(description: "font family \"\(family)\" in \(directory) lacks the face(s): "
                + missing.map(\.rawValue).joined(separator: ", "))
        }
        let coverage = faces.values.dropFirst().reduce(faces.values.first!) { $0.intersection($1) }
        return FontLibrary(family: family, files: matched, coverage: coverage)
    }

    /// Whether every face can draw `scalar`. Line breaks and spaces are always fine.
    public func canDraw(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || coverage.contains(scalar.value)
    }

    /// The first character of `text` the fonts cannot draw, if any.
    public func firstMissing(in text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first { !canDraw($0) }
    }

    private struct FaceInfo { var family: String; var weight: Int32; var slant: Int32; var coverage: Coverage }

    /// Reads a font file's family, weight, slant and character map with fontconfig.
    private static func query(_ file: String) -> FaceInfo? {
        var count: Int32 = 0
        guard let pattern = FcFreeTypeQuery(Array(file.utf8CString).map { UInt8(bitPattern: $0) }, 0, nil, &count) else { return nil }
        defer { FcPatternDestroy(pattern) }
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
                    for bit in 0..<32 where word & (1 << bit) != 0 { coverage.other.insert(first + FcChar32(bit)) }
                }
            }
            base = FcCharSetNextPage(charset, &map, &next)
        }
        return FaceInfo(family: family, weight: weight, slant: slant, coverage: coverage)
    }
}
