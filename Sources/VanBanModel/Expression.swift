/// Arithmetic over table columns: numbers, column references "(6)" or "c6", + - * / and brackets.
///
/// Evaluation gives nil when a referenced cell is empty or a division is by zero: the cell stays
/// blank rather than printing a wrong or infinite number.
public indirect enum Expression: Sendable, Equatable {
    case number(Double)
    case column(Int)
    case binary(Character, Expression, Expression)
    case negate(Expression)

    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    public static func parse(_ text: String) throws(ParseError) -> Expression {
        var p = Parser(chars: Array(text))
        let e = try p.sum()
        p.skipSpaces()
        if p.i < p.chars.count { throw ParseError(description: "unexpected \"\(p.chars[p.i])\" at position \(p.i + 1)") }
        return e
    }

    /// Columns the expression reads (1-based).
    public var columns: [Int] {
        switch self {
        case .number: return []
        case .column(let c): return [c]
        case .binary(_, let a, let b): return a.columns + b.columns
        case .negate(let a): return a.columns
        }
    }

    public func evaluate(_ column: (Int) -> Double?) -> Double? {
        switch self {
        case .number(let v): return v
        case .column(let c): return column(c)
        case .negate(let a): return a.evaluate(column).map { -$0 }
        case .binary(let op, let a, let b):
            guard let x = a.evaluate(column), let y = b.evaluate(column) else { return nil }
            switch op {
            case "+": return x + y
            case "-": return x - y
            case "*": return x * y
            default: return y == 0 ? nil : x / y
            }
        }
    }

    private struct Parser {
        var chars: [Character]
        var i = 0

        mutating func skipSpaces() { while i < chars.count, chars[i] == " " { i += 1 } }

        mutating func sum() throws(ParseError) -> Expression {
            var left = try product()
            while true {
                skipSpaces()
                guard i < chars.count, chars[i] == "+" || chars[i] == "-" else { return left }
                let op = chars[i]; i += 1
                left = .binary(op, left, try product())
            }
        }

        mutating func product() throws(ParseError) -> Expression {
            var left = try unary()
            while true {
                skipSpaces()
                guard i < chars.count, ["*", "/", "x", "×", ":"].contains(chars[i]) else { return left }
                let op: Character = chars[i] == "/" || chars[i] == ":" ? "/" : "*"
                i += 1
                left = .binary(op, left, try unary())
            }
        }

        mutating func unary() throws(ParseError) -> Expression {
            skipSpaces()
            if i < chars.count, chars[i] == "-" { i += 1; return .negate(try unary()) }
            return try atom()
        }

        mutating func atom() throws(ParseError) -> Expression {
            skipSpaces()
            guard i < chars.count else { throw ParseError(description: "unexpected end of formula") }
            if chars[i] == "(" {
                // "(6)" is a column; "(…)" with an operator inside is a bracket.
                var j = i + 1
                var digits = ""
                while j < chars.count, chars[j].isASCII, chars[j].isNumber { digits.append(chars[j]); j += 1 }
                if !digits.isEmpty, j < chars.count, chars[j] == ")" {
                    guard digits.count <= 4, let n = Int(digits) else { throw ParseError(description: "column number (\(digits)) is too large") }
                    i = j + 1
                    return .column(n)
                }
                i += 1
                let e = try sum()
                skipSpaces()
                guard i < chars.count, chars[i] == ")" else { throw ParseError(description: "missing \")\"") }
                i += 1
                return e
            }
            if chars[i] == "c" || chars[i] == "C" {
                i += 1
                var digits = ""
                while i < chars.count, chars[i].isASCII, chars[i].isNumber { digits.append(chars[i]); i += 1 }
                guard digits.count <= 4, let n = Int(digits) else { throw ParseError(description: "a column reference needs a number, as in c6 or (6)") }
                return .column(n)
            }
            var number = ""
            while i < chars.count, (chars[i].isASCII && chars[i].isNumber) || chars[i] == "." || chars[i] == "," { number.append(chars[i] == "," ? "." : chars[i]); i += 1 }
            guard let v = Double(number) else { throw ParseError(description: "unexpected \"\(chars[i])\" at position \(i + 1)") }
            return .number(v)
        }
    }
}
