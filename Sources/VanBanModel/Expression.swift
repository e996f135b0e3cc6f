/// Arithmetic over table columns: numbers, column references "(6)" or "c6", + - × / and brackets.
///
/// Shape: "(6)/(3) x 100", "c4 - c5", "((2) + (3)) : 2". Numbers in a formula are written the
/// Vietnamese way ("1.000.000", "0,5") or plainly ("100", "0.5"); an ambiguous one ("1.000") is a
/// parse error. Brackets nest at most `maxDepth` deep and a formula is at most `maxLength`
/// characters, so no input can exhaust the stack.
///
/// Evaluation is exact (`Figure`): it gives nil when a referenced cell is empty, a division is by
/// zero, or a result does not fit 38 significant digits; the cell then stays blank rather than
/// printing a wrong number.
public indirect enum Expression: Sendable, Equatable {
    case number(Figure)
    case column(Int)
    case binary(Character, Expression, Expression)
    case negate(Expression)

    /// The deepest bracket nesting a formula may have.
    public static let maxDepth = 32
    /// The longest formula, in characters.
    public static let maxLength = 1_000

    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public var description: String
        /// The reason from the catalogue, to be told in Vietnamese too (nil when built from a description).
        public var message: Message? = nil
        public init(description: String) { self.description = description }
        init(_ message: Message) { self.description = message.text(.en); self.message = message }
        public static func == (a: ParseError, b: ParseError) -> Bool { a.description == b.description }
    }

    public static func parse(_ text: String) throws(ParseError) -> Expression {
        guard text.count <= maxLength else { throw ParseError(Message("formula.too-long", String(maxLength))) }
        var p = Parser(chars: Array(text))
        let e = try p.sum()
        p.skipSpaces()
        if p.i < p.chars.count { throw ParseError(Message("formula.unexpected", String(p.chars[p.i]), String(p.i + 1))) }
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

    /// Why a formula gives no value for a row.
    public enum Failure: Error, Sendable, Equatable {
        /// A column it reads is empty (or not a number): the cell stays blank.
        case missingInput
        /// A divisor is zero: the cell stays blank.
        case divisionByZero
        /// The exact result does not fit 38 significant digits: an error, never a rounded figure.
        case tooLarge
    }

    /// The exact value, or why there is none.
    public func evaluate(_ column: (Int) -> Figure?) -> Result<Figure, Failure> {
        switch self {
        case .number(let v): return .success(v)
        case .column(let c): return column(c).map { .success($0) } ?? .failure(.missingInput)
        case .negate(let a): return a.evaluate(column).map(\.negated)
        case .binary(let op, let a, let b):
            let x: Figure, y: Figure
            switch a.evaluate(column) { case .success(let v): x = v; case .failure(let f): return .failure(f) }
            switch b.evaluate(column) { case .success(let v): y = v; case .failure(let f): return .failure(f) }
            let r: Figure?
            switch op {
            case "+": r = x + y
            case "-": r = x - y
            case "*": r = x * y
            default:
                if y.isZero { return .failure(.divisionByZero) }
                r = x / y
            }
            return r.map { .success($0) } ?? .failure(.tooLarge)
        }
    }

    private struct Parser {
        var chars: [Character]
        var i = 0
        var depth = 0

        mutating func skipSpaces() { while i < chars.count, chars[i] == " " { i += 1 } }

        mutating func enter() throws(ParseError) {
            depth += 1
            if depth > Expression.maxDepth { throw ParseError(Message("formula.depth", String(Expression.maxDepth))) }
        }

        mutating func sum() throws(ParseError) -> Expression {
            var left = try product()
            while true {
                skipSpaces()
                guard i < chars.count, chars[i] == "+" || chars[i] == "-" || chars[i] == "−" else { return left }
                let op: Character = chars[i] == "+" ? "+" : "-"; i += 1
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
            if i < chars.count, chars[i] == "-" || chars[i] == "−" {
                i += 1
                try enter(); defer { depth -= 1 }
                return .negate(try unary())
            }
            return try atom()
        }

        mutating func atom() throws(ParseError) -> Expression {
            skipSpaces()
            guard i < chars.count else { throw ParseError(Message("formula.end")) }
            if chars[i] == "(" {
                // "(6)" is a column; "(…)" with an operator inside is a bracket.
                var j = i + 1
                var digits = ""
                while j < chars.count, chars[j].isASCII, chars[j].isNumber { digits.append(chars[j]); j += 1 }
                if !digits.isEmpty, j < chars.count, chars[j] == ")" {
                    guard digits.count <= 4, let n = Int(digits) else { throw ParseError(Message("formula.column-too-large", digits)) }
                    i = j + 1
                    return .column(n)
                }
                i += 1
                try enter(); defer { depth -= 1 }
                let e = try sum()
                skipSpaces()
                guard i < chars.count, chars[i] == ")" else { throw ParseError(Message("formula.missing-bracket")) }
                i += 1
                return e
            }
            if chars[i] == "c" || chars[i] == "C" {
                i += 1
                var digits = ""
                while i < chars.count, chars[i].isASCII, chars[i].isNumber { digits.append(chars[i]); i += 1 }
                guard !digits.isEmpty, digits.count <= 4, let n = Int(digits) else { throw ParseError(Message("formula.column-reference")) }
                return .column(n)
            }
            let start = i
            var number = ""
            while i < chars.count, (chars[i].isASCII && chars[i].isNumber) || chars[i] == "." || chars[i] == "," { number.append(chars[i]); i += 1 }
            guard !number.isEmpty else {
                throw ParseError(Message("formula.unexpected", String(chars[start]), String(start + 1)))
            }
            switch Figure.read(number, notation: .detect) {
            case .success(let f): return .number(f)
            case .failure(let e):
                throw ParseError(Message("formula.number", number, String(start + 1), e.message.asArgument))
            }
        }
    }
}
