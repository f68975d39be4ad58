//! Decoding the text files users hand us, and encoding them back.
//!
//! Chinese office files come in GB18030/GBK (anything saved by older Windows tools), UTF-16
//! (Windows Notepad's "Unicode") and UTF-8, with or without a byte-order mark. The engine
//! works on `&str`, so every file the CLI or the workspace index reads is decoded here first:
//!
//! 1. a byte-order mark decides (UTF-8, UTF-16LE, UTF-16BE), and is not part of the text, so
//!    it shifts no column;
//! 2. else valid UTF-8 is UTF-8;
//! 3. else a file with NUL bytes is binary;
//! 4. else `chardetng` (Firefox's detector, tuned for legacy CJK encodings) guesses the
//!    encoding, with a bias towards Chinese ones, and `encoding_rs` decodes it.
//!
//! Text that fails to decode strictly (no replacement characters are ever introduced), or that
//! decodes to something full of control characters, is reported as not text. [`encode`]
//! writes text back in the file's own encoding and BOM; line endings are the text's own, so
//! they survive a round trip unchanged.

use encoding_rs::{Encoding, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8};
use std::fmt;

/// How a file's bytes map to its text: what [`encode`] needs to write it back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextFormat {
    pub encoding: &'static Encoding,
    /// The file started with a byte-order mark (kept out of the text, written back).
    pub bom: bool,
}

impl TextFormat {
    pub const UTF8: TextFormat = TextFormat {
        encoding: UTF_8,
        bom: false,
    };

    /// `UTF-8`, `GBK`, `UTF-16LE with BOM` …, for messages.
    pub fn describe(&self) -> String {
        if self.bom {
            format!("{} with BOM", self.encoding.name())
        } else {
            self.encoding.name().to_string()
        }
    }
}

/// A decoded file: its text (without any BOM) and how to write it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub format: TextFormat,
}

/// Why bytes are not text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// NUL bytes or mostly control characters: an image, an archive, a Word file…
    Binary,
    /// Malformed in the encoding its BOM or the detector names.
    Malformed(&'static str),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Binary => f.write_str("not a text file (binary content)"),
            DecodeError::Malformed(enc) => {
                write!(f, "cannot be decoded as text (malformed {enc})")
            }
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decodes a file's bytes; see the module documentation for the order of the checks.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        let text = encoding
            .decode_without_bom_handling_and_without_replacement(body)
            .ok_or(DecodeError::Malformed(encoding.name()))?
            .into_owned();
        return finish(
            text,
            TextFormat {
                encoding,
                bom: true,
            },
        );
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return finish(text.to_string(), TextFormat::UTF8);
    }
    if memchr::memchr(0, bytes).is_some() {
        return Err(DecodeError::Binary);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    // The `cn` hint breaks ties between legacy CJK encodings in favour of GBK.
    let encoding = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Deny);
    let text = encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .ok_or(DecodeError::Malformed(encoding.name()))?
        .into_owned();
    finish(
        text,
        TextFormat {
            encoding,
            bom: false,
        },
    )
}

/// Rejects decoded text that is mostly control characters (binary that happened to decode).
fn finish(text: String, format: TextFormat) -> Result<Decoded, DecodeError> {
    let mut chars = 0usize;
    let mut controls = 0usize;
    for c in text.chars() {
        chars += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c' | '\u{85}') {
            controls += 1;
        }
    }
    // A stray control character in pasted text is fine; one in fifty is not text.
    if controls > 0 && controls * 50 >= chars {
        return Err(DecodeError::Binary);
    }
    Ok(Decoded { text, format })
}

/// A character the file's encoding cannot represent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodeError {
    pub ch: char,
    pub encoding: &'static str,
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "「{}」 (U+{:04X}) cannot be written in {}",
            self.ch, self.ch as u32, self.encoding
        )
    }
}

impl std::error::Error for EncodeError {}

/// `text` as bytes in `format`: the same encoding and BOM the file was read with.
pub fn encode(text: &str, format: TextFormat) -> Result<Vec<u8>, EncodeError> {
    let enc = format.encoding;
    let mut out = Vec::with_capacity(text.len() + 3);
    if enc == UTF_16LE || enc == UTF_16BE {
        let le = enc == UTF_16LE;
        if format.bom {
            out.extend_from_slice(if le { &[0xFF, 0xFE] } else { &[0xFE, 0xFF] });
        }
        for unit in text.encode_utf16() {
            out.extend_from_slice(&if le {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            });
        }
        return Ok(out);
    }
    if enc == UTF_8 {
        if format.bom {
            out.extend_from_slice(&[0xEF, 0xBB, 0xBF]);
        }
        out.extend_from_slice(text.as_bytes());
        return Ok(out);
    }
    if let Some(bytes) = encode_strict(text, enc) {
        return Ok(bytes);
    }
    // encoding_rs decodes GBK with the GB18030 decoder, so a "GBK" file may hold GB18030's
    // four-byte sequences; its superset writes those back (GBK's two-byte codes are identical).
    if enc == GBK {
        if let Some(bytes) = encode_strict(text, GB18030) {
            return Ok(bytes);
        }
    }
    let ch = text
        .chars()
        .find(|c| encode_strict(c.encode_utf8(&mut [0; 4]), enc).is_none())
        .unwrap_or('\u{FFFD}');
    Err(EncodeError {
        ch,
        encoding: enc.name(),
    })
}

/// `text` in `enc`, or `None` when a character has no mapping (encoding_rs would otherwise
/// write an HTML character reference).
fn encode_strict(text: &str, enc: &'static Encoding) -> Option<Vec<u8>> {
    let (bytes, _, had_errors) = enc.encode(text);
    (!had_errors).then(|| bytes.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: &str = "会议指出,要坚持“四个意识”。\r\n来源:新疆日报 𠮷\r\n";

    fn utf16(text: &str, le: bool, bom: bool) -> Vec<u8> {
        let mut v = Vec::new();
        if bom {
            v.extend_from_slice(if le { &[0xFF, 0xFE] } else { &[0xFE, 0xFF] });
        }
        for u in text.encode_utf16() {
            v.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        v
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode(REPORT.as_bytes()).unwrap();
        assert_eq!((d.text.as_str(), d.format), (REPORT, TextFormat::UTF8));
        let mut with_bom = vec![0xEF, 0xBB, 0xBF];
        with_bom.extend_from_slice(REPORT.as_bytes());
        let d = decode(&with_bom).unwrap();
        assert_eq!(d.text, REPORT, "the BOM is not part of the text");
        assert!(d.format.bom);
        assert_eq!(encode(&d.text, d.format).unwrap(), with_bom);
    }

    #[test]
    fn utf16_both_byte_orders_round_trip() {
        for le in [true, false] {
            let bytes = utf16(REPORT, le, true);
            let d = decode(&bytes).unwrap();
            assert_eq!(d.text, REPORT);
            assert_eq!(d.format.encoding, if le { UTF_16LE } else { UTF_16BE });
            assert_eq!(encode(&d.text, d.format).unwrap(), bytes);
        }
    }

    #[test]
    fn gbk_and_gb18030_are_detected_and_written_back_byte_for_byte() {
        let text = "会议指出,要坚持“四个意识”,增强“四个自信”,做到“两个维护”。\r\n\
                    本报北京2月23日电 中共中央政治局常务委员会召开会议。\n";
        let (bytes, _, bad) = GBK.encode(text);
        assert!(!bad);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, text);
        assert_eq!(d.format.encoding, GBK);
        assert_eq!(encode(&d.text, d.format).unwrap(), bytes.as_ref());

        // 𠮷 exists only as a GB18030 four-byte sequence.
        let text = format!("{text}吉与𠮷不同。");
        let (bytes, _, bad) = GB18030.encode(&text);
        assert!(!bad);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, text);
        assert_eq!(encode(&d.text, d.format).unwrap(), bytes.as_ref());
    }

    #[test]
    fn binary_and_malformed_input_is_refused() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0";
        assert_eq!(decode(png), Err(DecodeError::Binary));
        let no_nul: Vec<u8> = (0u8..=255).filter(|&b| b != 0).cycle().take(4096).collect();
        assert!(decode(&no_nul).is_err());
        // A UTF-16 BOM followed by an odd byte count and a lone surrogate.
        assert!(matches!(
            decode(&[0xFF, 0xFE, 0x00, 0xD8, 0x41]),
            Err(DecodeError::Malformed(_))
        ));
        assert_eq!(decode(b"").unwrap().text, "");
    }

    #[test]
    fn unmappable_characters_are_named() {
        let fmt = TextFormat {
            encoding: encoding_rs::SHIFT_JIS,
            bom: false,
        };
        let e = encode("ab😀", fmt).unwrap_err();
        assert_eq!(e.ch, '😀');
    }
}
