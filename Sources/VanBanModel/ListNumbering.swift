/// Counting the way Vietnamese administrative texts count items (spec R34).
public enum ListNumbering {
    /// The 23 letters points are numbered with: the Vietnamese alphabet without its accented vowels
    /// (ă â ê ô ơ ư) and without f j w z: a b c d đ e g h i k l m n o p q r s t u v x y.
    public static let letters: [String] = ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m",
                                           "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"]

    /// The `n`-th letter (1 = "a", 5 = "đ", 7 = "g"); after "y" the letters double ("aa", "bb", …).
    public static func vietnameseLetters(_ n: Int) -> String {
        guard n >= 1 else { return String(n) }
        let i = (n - 1) % letters.count, times = (n - 1) / letters.count + 1
        return String(repeating: letters[i], count: times)
    }

    /// `n` in Roman numerals (1–3999; other values as Arabic digits).
    public static func roman(_ n: Int) -> String {
        guard (1...3999).contains(n) else { return String(n) }
        let table: [(Int, String)] = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                                      (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var n = n, out = ""
        for (v, s) in table { while n >= v { out += s; n -= v } }
        return out
    }
}
