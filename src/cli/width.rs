//! Terminal display width, so carets line up under CJK text (wide characters take two
//! columns, combining marks none).

/// Columns `c` takes in a terminal.
pub fn char_width(c: char) -> usize {
    let u = c as u32;
    if c == '\t' {
        return 4;
    }
    if matches!(u, 0x0300..=0x036F | 0x200B..=0x200F | 0xFE00..=0xFE0F | 0x20D0..=0x20FF)
        || c.is_control()
    {
        return 0;
    }
    let wide = matches!(u,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1F64F
        | 0x1F900..=0x1F9FF
        | 0x20000..=0x3FFFD);
    if wide {
        2
    } else {
        1
    }
}

pub fn str_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths() {
        assert_eq!(str_width("会议,"), 5);
        assert_eq!(str_width("𠮷😀a"), 5);
        assert_eq!(str_width("e\u{301}"), 1);
        assert_eq!(str_width("“四个意识”"), 10);
    }
}
