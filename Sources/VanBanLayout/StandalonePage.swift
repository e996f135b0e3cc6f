import VanBanText

extension Page {
    /// A page holding one line of text, for a form field's appearance: `width` × `height` points,
    /// the text's left end at `x` and its baseline at `baseline` (from the top).
    public static func singleLine(width: Double, height: Double, text: String, font: FontSpec, x: Double, baseline: Double,
                                  textWidth: Double, role: String) -> Page {
        let item = TextItem(text: text, font: font, x: x, baseline: baseline, justifyWidth: nil, width: textWidth,
                            color: .black, role: role)
        return Page(width: width, height: height, items: [.text(item)], number: 1, section: 0,
                    textBlock: Rect(x: 0, y: 0, width: width, height: height))
    }
}
