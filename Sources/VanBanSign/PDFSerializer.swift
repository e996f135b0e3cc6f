/// Writes PDF objects back to bytes, on one line, in a fixed form.
///
/// The update re-serialises the catalog and page dictionaries it revises, so the output must
/// not depend on anything but the values: keys keep their order, reals their text, names and
/// strings are escaped byte by byte. That makes the whole update byte-deterministic.
enum PDFSerializer {
    static func bytes(_ object: PDFObject) -> [UInt8] {
        var output: [UInt8] = []
        write(object, to: &output)
        return output
    }

    static func write(_ object: PDFObject, to output: inout [UInt8]) {
        switch object {
        case .null:
            output += Array("null".utf8)
        case .boolean(let value):
            output += Array((value ? "true" : "false").utf8)
        case .integer(let value):
            output += Array(String(value).utf8)
        case .real(let text):
            output += Array(text.utf8)
        case .name(let name):
            writeName(name, to: &output)
        case .string(let bytes, let hex):
            if hex { writeHexString(bytes, to: &output) } else { writeLiteralString(bytes, to: &output) }
        case .array(let items):
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: " ")) }
                write(item, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .dictionary(let dictionary), .stream(let dictionary):
            // A `.stream` is only ever written by its dictionary; the writer appends the data itself.
            output += Array("<<".utf8)
            for entry in dictionary.entries {
                output.append(UInt8(ascii: " "))
                writeName(entry.key, to: &output)
                output.append(UInt8(ascii: " "))
                write(entry.value, to: &output)
            }
            output += Array(" >>".utf8)
        case .reference(let reference):
            output += Array("\(reference.number) \(reference.generation) R".utf8)
        }
    }

    /// `/Name`, with `#xx` for bytes outside the printable regular characters and for `#` itself.
    static func writeName(_ name: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "/"))
        for scalar in name.unicodeScalars {
            let byte = UInt8(truncatingIfNeeded: scalar.value)
            if byte > 32, byte < 127, byte != UInt8(ascii: "#"), PDFParser.isRegular(byte) {
                output.append(byte)
            } else {
                output.append(UInt8(ascii: "#"))
                output += hexDigits(byte)
            }
        }
    }

    /// `(…)` with `\`, `(`, `)` escaped and control or high bytes as octal, so the text stays ASCII.
    static func writeLiteralString(_ bytes: [UInt8], to output: inout [UInt8]) {
        output.append(UInt8(ascii: "("))
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "\\"):
                output += [UInt8(ascii: "\\"), byte]
            case 10: output += Array("\\n".utf8)
            case 13: output += Array("\\r".utf8)
            case 9: output += Array("\\t".utf8)
            case 32..<127: output.append(byte)
            default:
                output += [UInt8(ascii: "\\"), UInt8(ascii: "0") + (byte >> 6), UInt8(ascii: "0") + ((byte >> 3) & 7),
                           UInt8(ascii: "0") + (byte & 7)]
            }
        }
        output.append(UInt8(ascii: ")"))
    }

    static func writeHexString(_ bytes: [UInt8], to output: inout [UInt8]) {
        output.append(UInt8(ascii: "<"))
        for byte in bytes { output += hexDigits(byte) }
        output.append(UInt8(ascii: ">"))
    }

    static func hexDigits(_ byte: UInt8) -> [UInt8] {
        let digits = Array("0123456789ABCDEF".utf8)
        return [digits[Int(byte >> 4)], digits[Int(byte & 15)]]
    }

    static func hexString(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        writeHexString(bytes, to: &output)
        return String(decoding: output, as: UTF8.self)
    }
}
